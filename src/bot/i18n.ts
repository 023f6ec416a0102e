import { I18n } from "@grammyjs/i18n";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../domain/locale";
import { I18N_OPTIONS } from "../translator";
import type { DialogueContext } from "./context";

/** The language this update is answered in, as a locale of ours. */
export async function localeOf(ctx: DialogueContext): Promise<Locale> {
  const locale = await ctx.i18n.getLocale();
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** The chat's remembered language, else a guess from the Telegram client's language, else Russian. */
export function negotiateLocale(ctx: DialogueContext): Locale {
  const remembered = ctx.chat && ctx.app.store.preferences.getLocale(ctx.channel, ctx.chat.id);
  if (remembered) return remembered;
  return ctx.from?.language_code === "kk" ? "kk" : DEFAULT_LOCALE;
}

/** The i18n middleware: `ctx.t` in the chat's language. */
export function createI18n(): I18n<DialogueContext> {
  return new I18n<DialogueContext>({ ...I18N_OPTIONS, localeNegotiator: negotiateLocale });
}
