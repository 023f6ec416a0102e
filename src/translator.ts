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
  return new I18n(I18N_OPTIONS);
}
