import { Composer, InlineKeyboard } from "grammy";
import { policyUpdateData, policyVersionTextData } from "../../domain/callback-data";
import { compareVersions } from "../../domain/policy";
import type { App } from "../../app";
import type { BotContext } from "../context";
import { localeOf } from "../i18n";
import { blockedMessageKey, policyInForceNow, policyUpdatePrompt } from "../replies";

/**
 * Policy §9: from the day a new version takes effect, someone who consented to an older one is asked
 * to accept it before the bot does anything else with their data. The booking dialogue asks in its own
 * consent step; /appointments, which uses the data outside it, asks here. The rights commands
 * (/mydata, /edit, /delete, /withdraw, /block, /policy, /help) never ask: a person may always see,
 * correct or erase what is held about them.
 */
export const policyUpdateFeature = new Composer<BotContext>();
const feature = policyUpdateFeature.chatType("private");

/** Whether the account's processing consent is for a version older than the one in force today. */
export function needsReconsent(app: App, accountId: string): boolean {
  const consent = app.store.accounts.currentConsent(accountId, "processing");
  return Boolean(consent?.granted && compareVersions(consent.policyVersion, policyInForceNow(app).version) < 0);
}

/**
 * For a feature about to use the person's data: when they must first accept the new version, asks them
 * (what changed, the summary, the full text, agree / decline) and returns true; the feature then stops.
 */
export async function mustAcceptNewPolicyFirst(ctx: BotContext, accountId: string | undefined): Promise<boolean> {
  if (!accountId || !needsReconsent(ctx.app, accountId)) return false;
  await askToAcceptNewPolicy(ctx);
  return true;
}

/** The question with buttons that work outside the booking dialogue; they name the version they accept. */
export async function askToAcceptNewPolicy(ctx: BotContext): Promise<void> {
  const policy = policyInForceNow(ctx.app);
  const keyboard = new InlineKeyboard()
    .text(ctx.t("button-policy-full"), policyVersionTextData.pack({ version: policy.version }))
    .row()
    .text(ctx.t("button-consent-yes"), policyUpdateData.pack({ answer: "yes", version: policy.version }))
    .row()
    .text(ctx.t("button-consent-no"), policyUpdateData.pack({ answer: "no", version: policy.version }));
  const prompt = policyUpdatePrompt(ctx, policy, await localeOf(ctx), keyboard);
  await ctx.reply(prompt.text, { reply_markup: prompt.keyboard });
}

feature.callbackQuery(policyUpdateData.trigger, async (ctx) => {
  const { answer, version } = policyUpdateData.unpack(ctx.callbackQuery.data);
  const { app } = ctx;
  const accountId = app.store.accounts.findAccountId(ctx.channel, ctx.chat.id);
  const policy = policyInForceNow(app);
  // An old button: the person has answered already, or an even newer version has come since.
  if (!accountId || !needsReconsent(app, accountId) || version !== policy.version) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    if (accountId && needsReconsent(app, accountId)) await askToAcceptNewPolicy(ctx);
    return;
  }
  await ctx.answerCallbackQuery();
  if (answer === "no") {
    await ctx.reply(ctx.t("policy-update-declined"));
    return;
  }
  const block = app.store.accounts.blockOf(accountId);
  if (block && block.blockedBy !== "withdrawal") {
    await ctx.reply(ctx.t(blockedMessageKey(block.blockedBy)));
    return;
  }
  const locale = await localeOf(ctx);
  app.services.consents.record(ctx.channel, ctx.chat.id, {
    purpose: "processing",
    granted: true,
    policyVersion: policy.version,
    textSha256: policy.sha256[locale],
    locale,
  });
  ctx.log.info({ version: policy.version }, "new policy version accepted");
  await ctx.reply(ctx.t("policy-update-accepted", { version: policy.version }));
});

