import { InlineKeyboard } from "grammy";
import { policyTextData, policyVersionTextData } from "../domain/callback-data";
import { formatDate } from "../domain/format";
import type { Locale } from "../domain/locale";
import { splitIntoMessages } from "../domain/policy";
import type { App } from "../app";
import type { DialogueContext } from "./context";
import { clinicToday, policyInForceNow, policySummaryPrompt } from "./replies";

/**
 * /help, /policy and the "read in full" buttons: answered the same wherever the person is, in the
 * middle of a dialogue or not, by the functions below. Each takes the way it may read the database.
 */

/**
 * Directly in an ordinary handler; through `conversation.external` inside a dialogue, where a read
 * that can change must not be repeated on replay. Results must be plain JSON.
 */
export type ReadApp = <T>(task: (app: App) => T) => Promise<T>;

export function readNow(ctx: { app: App }): ReadApp {
  return async (task) => task(ctx.app);
}

export type InformationAnswer = (ctx: DialogueContext, read: ReadApp, locale: Locale) => Promise<void>;

/** The clinic's name, address and phone, and what the bot can do. */
export const sendHelp: InformationAnswer = async (ctx, read, locale) => {
  const clinic = await read((app) => app.store.catalog.clinic());
  await ctx.reply(ctx.t("help", { clinic: clinic.name[locale], address: clinic.address[locale], phone: clinic.phone }));
};

/** The summary of the version in force, then the coming version, once published, with what will change. */
export const sendPolicyOverview: InformationAnswer = async (ctx, read, locale) => {
  const { inForce, upcoming } = await read((app) => {
    const policy = policyInForceNow(app);
    const next = app.store.policyVersions.upcoming(clinicToday(app));
    return {
      inForce: { version: policy.version, effectiveDate: policy.effectiveDate },
      upcoming: next && { version: next.version, effectiveDate: next.effectiveDate, changes: next.changes[locale] },
    };
  });
  const summary = policySummaryPrompt(ctx, inForce, { withConsentButtons: false });
  await ctx.reply(summary.text, { reply_markup: summary.keyboard });
  if (!upcoming) return;
  await ctx.reply(ctx.t("policy-upcoming", { version: upcoming.version, date: formatDate(upcoming.effectiveDate), changes: upcoming.changes }), {
    reply_markup: new InlineKeyboard().text(
      ctx.t("button-policy-version-full", { version: upcoming.version }),
      policyVersionTextData.pack({ version: upcoming.version }),
    ),
  });
};

/** The commands that are information only, so a running dialogue answers them too instead of refusing. */
export const INFORMATION_COMMANDS: Readonly<Record<"help" | "policy", InformationAnswer>> = { help: sendHelp, policy: sendPolicyOverview };

export function informationCommand(command: string | undefined): InformationAnswer | undefined {
  return command !== undefined && Object.hasOwn(INFORMATION_COMMANDS, command) ? INFORMATION_COMMANDS[command as keyof typeof INFORMATION_COMMANDS] : undefined;
}

/**
 * A "read in full" button: the version in force, or the version the button names. Returns false for
 * any other update. A version the database does not know (a forged button) is refused as outdated.
 */
export async function answerPolicyTextButton(ctx: DialogueContext, read: ReadApp, locale: Locale): Promise<boolean> {
  const data = ctx.callbackQuery?.data;
  const named = policyVersionTextData.read(data);
  if (!named && !policyTextData.is(data)) return false;
  const text = await read((app) => (named ? app.store.policyVersions.byVersion(named.version) : policyInForceNow(app))?.text[locale]);
  if (text === undefined) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    return true;
  }
  await ctx.answerCallbackQuery();
  await sendPolicyText(ctx, text);
  return true;
}

/** The whole text, in as many messages as Telegram's 4096-character limit needs. */
export async function sendPolicyText(ctx: DialogueContext, text: string): Promise<void> {
  for (const part of splitIntoMessages(text)) await ctx.reply(part);
}
