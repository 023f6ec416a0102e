import { Composer } from "grammy";
import type { BotContext } from "../context";

/** Whatever no feature took: a short pointer to what the bot can do, never silence or a crash. */
export const fallbackFeature = new Composer<BotContext>();

fallbackFeature.on("callback_query", async (ctx) => {
  await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
});

fallbackFeature.on("message", async (ctx) => {
  await ctx.reply(ctx.t(ctx.message.text?.startsWith("/") ? "unknown-command" : "fallback"));
});
