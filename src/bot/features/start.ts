import { Composer } from "grammy";
import { dialogueLeaveData, startLanguageData } from "../../domain/callback-data";
import type { BotContext } from "../context";
import { BOOKING_CONVERSATION } from "../conversations/booking";
import { languageKeyboard } from "../keyboards";

/** /start: a greeting, the language choice on first contact, then straight into booking. */
export const startFeature = new Composer<BotContext>();
const feature = startFeature.chatType("private");

feature.command("start", async (ctx) => {
  const remembered = ctx.app.store.preferences.getLocale(ctx.channel, ctx.chat.id);
  if (!remembered) {
    await ctx.reply(ctx.t("welcome-choose-language"), {
      reply_markup: languageKeyboard(startLanguageData, { kk: ctx.t("language-kk"), ru: ctx.t("language-ru") }),
    });
    return;
  }
  await ctx.reply(ctx.t("welcome"));
  await ctx.conversation.enter(BOOKING_CONVERSATION);
});

feature.command("book", async (ctx) => {
  await ctx.conversation.enter(BOOKING_CONVERSATION);
});

// A dialogue was left for a new booking (src/bot/conversations/dialogue.ts hands the press on).
feature.callbackQuery(dialogueLeaveData.pack({ then: "book" }), async (ctx) => {
  await ctx.conversation.enter(BOOKING_CONVERSATION);
});
