import { Composer } from "grammy";
import type { BotContext } from "../context";
import { CALLBACK_POLICY_FULL, policyInForceNow, sendHelp, sendPolicyFull, sendPolicySummary } from "../replies";

/** /policy (the version in force, its date, the full text on request) and /help. */
export const informationFeature = new Composer<BotContext>();

informationFeature.command("policy", async (ctx) => {
  await sendPolicySummary(ctx, policyInForceNow(ctx.app), { withConsentButtons: false });
});

informationFeature.callbackQuery(CALLBACK_POLICY_FULL, async (ctx) => {
  await ctx.answerCallbackQuery();
  await sendPolicyFull(ctx, policyInForceNow(ctx.app), await currentLocale(ctx));
});

informationFeature.command("help", async (ctx) => {
  await sendHelp(ctx, ctx.app.store.catalog.clinic(), await currentLocale(ctx));
});

async function currentLocale(ctx: BotContext): Promise<"ru" | "kk"> {
  return (await ctx.i18n.getLocale()) === "kk" ? "kk" : "ru";
}
