import { InlineKeyboard } from "grammy";
import { consentData, policyTextData, policyVersionTextData } from "../domain/callback-data";
import { splitIntoMessages } from "../domain/policy";
import { localDateOf } from "../domain/slots";
import type { ClinicView } from "../store/catalog";
import type { PublishedPolicy } from "../store/policy-documents";
import type { Locale } from "../domain/locale";
import type { App } from "../app";
import type { DialogueContext } from "./context";
import { formatDate } from "../domain/format";

/** Replies shared by the commands and the booking dialogue, so both say exactly the same. */

/** Today in the clinic's time zone: a version takes effect from the start of its day there. */
export function clinicToday(app: App): string {
  return localDateOf(app.clock.now(), app.timeZone);
}

/**
 * Read from the database on every call, so that a version published while the bot runs takes effect
 * on its date without a restart. Before the first effective date, the first version is shown.
 */
/** Who restricted processing decides what the person is told and how it is lifted. */
export function blockedMessageKey(blockedBy: "patient" | "admin" | "withdrawal" | undefined): string {
  if (blockedBy === "admin") return "processing-blocked-by-fund";
  if (blockedBy === "withdrawal") return "processing-blocked-withdrawn";
  return "processing-blocked";
}

export function policyInForceNow(app: App): PublishedPolicy {
  const versions = app.store.policyVersions;
  const policy = versions.inForce(clinicToday(app)) ?? versions.list()[0];
  if (!policy) throw new Error("No privacy policy version is in the database, although start-up syncs data/policy into it");
  return policy;
}

/** What /policy shows: the version in force and, once published, the next one and its date. */
export interface PolicyOverview {
  inForce: PublishedPolicy;
  upcoming: PublishedPolicy | undefined;
}

export function policyOverviewNow(app: App): PolicyOverview {
  return { inForce: policyInForceNow(app), upcoming: app.store.policyVersions.upcoming(clinicToday(app)) };
}

/** The version, its effective date and a short summary, with a button for the full text. */
export function policySummaryPrompt(ctx: DialogueContext, policy: PublishedPolicy, options: { withConsentButtons: boolean }) {
  const keyboard = new InlineKeyboard().text(ctx.t("button-policy-full"), policyTextData.data);
  if (options.withConsentButtons) consentButtons(ctx, keyboard.row());
  const heading = ctx.t("policy-heading", { version: policy.version, date: formatDate(policy.effectiveDate) });
  return { text: `${heading}\n\n${ctx.t("policy-summary")}`, keyboard };
}

export function consentButtons(ctx: DialogueContext, keyboard = new InlineKeyboard()): InlineKeyboard {
  return keyboard
    .text(ctx.t("button-consent-yes"), consentData.pack({ answer: "yes" }))
    .row()
    .text(ctx.t("button-consent-no"), consentData.pack({ answer: "no" }));
}

export async function sendPolicySummary(
  ctx: DialogueContext,
  policy: PublishedPolicy,
  options: { withConsentButtons: boolean },
): Promise<void> {
  const prompt = policySummaryPrompt(ctx, policy, options);
  await ctx.reply(prompt.text, { reply_markup: prompt.keyboard });
}

/** /policy: the summary of the version in force, then the coming version with what will change. */
export async function sendPolicyOverview(ctx: DialogueContext, overview: PolicyOverview, locale: Locale): Promise<void> {
  await sendPolicySummary(ctx, overview.inForce, { withConsentButtons: false });
  const next = overview.upcoming;
  if (!next) return;
  await ctx.reply(ctx.t("policy-upcoming", { version: next.version, date: formatDate(next.effectiveDate), changes: next.changes[locale] }), {
    reply_markup: new InlineKeyboard().text(ctx.t("button-policy-version-full", { version: next.version }), policyVersionTextData.pack({ version: next.version })),
  });
}

/**
 * Policy §9: a person who consented to an older version is shown what changed in the version now in
 * force, with the usual summary, before being asked to accept it.
 */
export function policyUpdatePrompt(ctx: DialogueContext, policy: PublishedPolicy, locale: Locale, keyboard: InlineKeyboard) {
  const heading = ctx.t("policy-update-heading", { version: policy.version, date: formatDate(policy.effectiveDate) });
  const changes = ctx.t("policy-update-changes", { changes: policy.changes[locale] });
  return { text: `${heading}\n\n${changes}\n\n${ctx.t("policy-summary")}`, keyboard };
}

/** The whole text, in as many messages as Telegram's 4096-character limit needs. */
export async function sendPolicyFull(ctx: DialogueContext, policy: PublishedPolicy, locale: Locale): Promise<void> {
  for (const part of splitIntoMessages(policy.text[locale])) await ctx.reply(part);
}

export async function sendHelp(ctx: DialogueContext, clinic: ClinicView, locale: Locale): Promise<void> {
  await ctx.reply(
    ctx.t("help", {
      clinic: clinic.name[locale],
      address: clinic.address[locale],
      phone: clinic.phone,
    }),
  );
}
