import { I18n, type TranslationVariables } from "@grammyjs/i18n";
import { DEFAULT_LOCALE, type Locale } from "./domain/locale";
import { LOCALES_DIRECTORY } from "./paths";

/** Every user-visible text, by key, in either language: for what the bot says outside a dialogue. */
export interface Translator {
  t(locale: Locale, key: string, variables?: TranslationVariables): string;
}

/** The locale files as grammY's i18n plugin reads them; the bot's middleware uses the same options. */
export const I18N_OPTIONS = {
  defaultLocale: DEFAULT_LOCALE,
  directory: LOCALES_DIRECTORY,
  useSession: false,
  // Unicode isolation marks around every placeable would end up inside IINs and phone numbers.
  fluentBundleOptions: { useIsolating: false },
} as const;

export function createTranslator(): Translator {
  return matchingBundlesOnce(new I18n(I18N_OPTIONS));
}

/**
 * The plugin negotiates which locale files serve a locale (@fluent/langneg) on every translation; the
 * files are loaded once at start and never change, so each locale's answer is kept. A dialogue
 * translates every button and question of every answer it replays.
 */
export function matchingBundlesOnce<T extends I18n<never>>(i18n: T): T {
  const fluent = i18n.fluent as unknown as { matchBundles(locales: string[]): unknown };
  const negotiate = fluent.matchBundles.bind(fluent);
  const matched = new Map<string, unknown>();
  fluent.matchBundles = (locales) => {
    const key = locales.join(" ");
    if (!matched.has(key)) matched.set(key, negotiate(locales));
    return matched.get(key);
  };
  return i18n;
}
