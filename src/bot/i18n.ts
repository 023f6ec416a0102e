import { I18n } from "@grammyjs/i18n";
import type { MiddlewareFn } from "grammy";
import { chatKey } from "../domain/channel";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../domain/locale";
import { I18N_OPTIONS, matchingBundlesOnce } from "../translator";
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

export interface BotI18n {
  /** Outside the dialogues: `ctx.t` in the chat's language, looked up once for the update in hand. */
  outside: MiddlewareFn<DialogueContext>;
  /** For every context a dialogue replays: the language found for the update in hand. */
  inside: MiddlewareFn<DialogueContext>;
}

/**
 * The i18n middleware. Looking a chat's language up costs a blind index and a query, and a dialogue
 * runs its plugins again for every update it replays (14 times at the booking's last step), so the
 * language is looked up once per update and the replays read it from the updates in hand. Updates of
 * one chat are handled one after another (sequentialize), so a chat has at most one in hand.
 */
export function createI18n(): BotI18n {
  const inHand = new Map<string, Locale>();
  const keyOf = (ctx: DialogueContext) => (ctx.chat ? chatKey(ctx.channel, ctx.chat.id) : undefined);
  const i18n = matchingBundlesOnce(new I18n<DialogueContext>({
    ...I18N_OPTIONS,
    localeNegotiator: (ctx) => {
      const key = keyOf(ctx);
      const known = key === undefined ? undefined : inHand.get(key);
      if (known) return known;
      const locale = negotiateLocale(ctx);
      if (key !== undefined) inHand.set(key, locale);
      return locale;
    },
  }));
  const plugin = i18n.middleware();
  // The plugin negotiates the bundle again on every translation (@fluent/langneg), and a replay asks
  // for the same buttons and questions over and over: a text without variables is kept once formatted.
  // Texts with variables (names, dates, IINs) are formatted each time and never kept.
  const fixedTexts = new Map<string, string>();
  const keepFixedTexts = (ctx: DialogueContext, key: string | undefined) => {
    const formatted = ctx.t.bind(ctx);
    ctx.t = ctx.translate = (path, variables) => {
      const locale = key === undefined ? undefined : inHand.get(key);
      if (variables !== undefined || locale === undefined) return formatted(path, variables);
      const cacheKey = `${locale} ${path}`;
      let text = fixedTexts.get(cacheKey);
      if (text === undefined) {
        text = formatted(path);
        fixedTexts.set(cacheKey, text);
      }
      return text;
    };
  };
  const outside: MiddlewareFn<DialogueContext> = async (ctx, next) => {
    const key = keyOf(ctx);
    try {
      await plugin(ctx, () => {
        // A language chosen during the update (the start buttons, /lang) is the one its dialogue speaks.
        const useLocale = ctx.i18n.useLocale.bind(ctx.i18n);
        ctx.i18n.useLocale = (locale) => {
          if (key !== undefined && isLocale(locale)) inHand.set(key, locale);
          useLocale(locale);
        };
        keepFixedTexts(ctx, key);
        return next();
      });
    } finally {
      if (key !== undefined) inHand.delete(key);
    }
  };
  const inside: MiddlewareFn<DialogueContext> = (ctx, next) =>
    plugin(ctx, () => {
      keepFixedTexts(ctx, keyOf(ctx));
      return next();
    });
  return { outside, inside };
}
