import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Locale } from "../store/preferences";
import type { DialogueContext } from "./context";

export const LOCALES: readonly Locale[] = ["kk", "ru"];
export const DEFAULT_LOCALE: Locale = "ru";
export const LOCALES_DIRECTORY = resolve(dirname(fileURLToPath(import.meta.url)), "../../locales");

export function isLocale(value: unknown): value is Locale {
  return value === "ru" || value === "kk";
}

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

export function createI18n(): I18n<DialogueContext> {
  return new I18n<DialogueContext>({
    defaultLocale: DEFAULT_LOCALE,
    directory: LOCALES_DIRECTORY,
    useSession: false,
    // Unicode isolation marks around every placeable would end up inside IINs and phone numbers.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: negotiateLocale,
  });
}
