import { Composer } from "grammy";
import type { BotContext } from "../context";

/** Whatever no feature took: a short pointer to what the bot can do, never silence or a crash. */
export const fallbackFeature = new Composer<BotContext>();
const feature = fallbackFeature.chatType("private");

feature.on("callback_query", async (ctx) => {
  await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
});

feature.on("message", async (ctx) => {
  await ctx.reply(ctx.t(ctx.message.text?.startsWith("/") ? "unknown-command" : "fallback"));
});
