import { Composer } from "grammy";
import { policyTextData, policyVersionTextData } from "../../domain/callback-data";
import type { BotContext } from "../context";
import { localeOf } from "../i18n";
import {
  policyInForceNow,
  policyOverviewNow,
  sendHelp,
  sendPolicyFull,
  sendPolicyOverview,
} from "../replies";

/** /policy (the version in force, its date, the next version once published, full texts on request) and /help. */
export const informationFeature = new Composer<BotContext>();

informationFeature.command("policy", async (ctx) => {
  await sendPolicyOverview(ctx, policyOverviewNow(ctx.app), await localeOf(ctx));
});

informationFeature.callbackQuery(policyTextData.data, async (ctx) => {
  await ctx.answerCallbackQuery();
  await sendPolicyFull(ctx, policyInForceNow(ctx.app), await localeOf(ctx));
});

informationFeature.callbackQuery(policyVersionTextData.trigger, async (ctx) => {
  const policy = ctx.app.store.policyVersions.byVersion(policyVersionTextData.unpack(ctx.callbackQuery.data).version);
  if (!policy) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    return;
  }
  await ctx.answerCallbackQuery();
  await sendPolicyFull(ctx, policy, await localeOf(ctx));
});

informationFeature.command("help", async (ctx) => {
  await sendHelp(ctx, ctx.app.store.catalog.clinic(), await localeOf(ctx));
});

