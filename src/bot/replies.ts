import { InlineKeyboard } from "grammy";
import { consentData, policyTextData } from "../domain/callback-data";
import { formatDate } from "../domain/format";
import type { Locale } from "../domain/locale";
import { formatPhoneForDisplay } from "../domain/phone";
import { localDateOf } from "../domain/slots";
import type { PublishedPolicy } from "../store/policy-documents";
import type { App } from "../app";
import type { DialogueContext } from "./context";

/** Replies shared by the commands and the dialogues, so both say exactly the same. */

/** The clinic's phone as people dial it: where the chat cannot help (too late to change, no specialist left). */
export function clinicPhone(app: App): string {
  return formatPhoneForDisplay(app.store.catalog.clinic().phone);
}

/**
 * A policy version without its full text: what the prompts about it show and a consent records. A
 * dialogue keeps this in its replay log, which is copied on every replay, so the text (kilobytes in
 * two languages) is read only when the person asks for it.
 */
export type PolicyFacts = Omit<PublishedPolicy, "text">;

export function factsOf({ text: _text, ...facts }: PublishedPolicy): PolicyFacts {
  return facts;
}

/** Today in the clinic's time zone: a version takes effect from the start of its day there. */
export function clinicToday(app: App): string {
  return localDateOf(app.clock.now(), app.timeZone);
}

/**
 * Read from the database on every call, so that a version published while the bot runs takes effect
 * on its date without a restart. Before the first effective date, the first version is shown.
 */
export function policyInForceNow(app: App): PublishedPolicy {
  const versions = app.store.policyVersions;
  const policy = versions.inForce(clinicToday(app)) ?? versions.list()[0];
  if (!policy) throw new Error("No privacy policy version is in the database, although start-up syncs data/policy into it");
  return policy;
}

/** Who restricted processing decides what the person is told and how it is lifted. */
export function blockedMessageKey(blockedBy: "patient" | "admin" | "withdrawal" | undefined): string {
  if (blockedBy === "admin") return "processing-blocked-by-fund";
  if (blockedBy === "withdrawal") return "processing-blocked-withdrawn";
  return "processing-blocked";
}

/** The version, its effective date and a short summary, with a button for the full text. */
export function policySummaryPrompt(ctx: DialogueContext, policy: Pick<PolicyFacts, "version" | "effectiveDate">, options: { withConsentButtons: boolean }) {
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

/**
 * Policy §9: a person who consented to an older version is shown what changed in the version now in
 * force, with the usual summary, before being asked to accept it.
 */
export function policyUpdatePrompt(ctx: DialogueContext, policy: PolicyFacts, locale: Locale, keyboard: InlineKeyboard) {
  const heading = ctx.t("policy-update-heading", { version: policy.version, date: formatDate(policy.effectiveDate) });
  const changes = ctx.t("policy-update-changes", { changes: policy.changes[locale] });
  return { text: `${heading}\n\n${changes}\n\n${ctx.t("policy-summary")}`, keyboard };
}

