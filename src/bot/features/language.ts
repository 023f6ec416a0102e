import { Composer } from "grammy";
import { languageData, startLanguageData } from "../../domain/callback-data";
import type { BotContext } from "../context";
import { BOOKING_CONVERSATION } from "../conversations/booking";
import { languageKeyboard } from "../keyboards";

/** /lang and the language buttons. Only the language is stored, so this needs no consent. */
export const languageFeature = new Composer<BotContext>();
const feature = languageFeature.chatType("private");

feature.command("lang", async (ctx) => {
  await ctx.reply(ctx.t("choose-language"), {
    reply_markup: languageKeyboard(languageData, { kk: ctx.t("language-kk"), ru: ctx.t("language-ru") }),
  });
});

feature.callbackQuery([startLanguageData.trigger, languageData.trigger], async (ctx) => {
  const atStart = startLanguageData.read(ctx.callbackQuery.data);
  const { locale } = atStart ?? languageData.unpack(ctx.callbackQuery.data);
  ctx.app.store.preferences.setLocale(ctx.channel, ctx.chat.id, locale);
  ctx.i18n.useLocale(locale);
  await ctx.answerCallbackQuery();
  if (atStart) {
    await ctx.reply(ctx.t("welcome"));
    await ctx.conversation.enter(BOOKING_CONVERSATION);
  } else {
    await ctx.reply(ctx.t("language-changed"));
  }
});
