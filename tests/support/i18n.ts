/**
 * The bot's texts as the tests expect them: rendered from locales/ through the same i18n options the
 * bot uses, so a test states which message and which values it expects, and the wording lives in one
 * place. Stricter than the bot's i18n, so that a test cannot pass on a fallback: a key missing in the
 * locale asked for, a variable the message does not use, or one it needs and was not given, throws.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FluentResource } from "@fluent/bundle";
import { I18n, type TranslationVariables } from "@grammyjs/i18n";
import { LOCALES, type Locale } from "../../src/domain/locale";
import { LOCALES_DIRECTORY } from "../../src/paths";
import { I18N_OPTIONS } from "../../src/translator";

/** A locale's files: locales/<locale>.ftl plus every .ftl under locales/<locale>/. */
export function localeFiles(locale: Locale): string[] {
  const folder = join(LOCALES_DIRECTORY, locale);
  const nested = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith(".ftl")).map((name) => join(folder, name)) : [];
  return [join(LOCALES_DIRECTORY, `${locale}.ftl`), ...nested];
}

/** Every message of a locale (terms, the "-name" entries, are not messages), with the variables it uses. */
export function localeMessages(locale: Locale): Map<string, string[]> {
  const messages = new Map<string, string[]>();
  for (const entry of localeFiles(locale).flatMap((path) => new FluentResource(readFileSync(path, "utf8")).body)) {
    if (messages.has(entry.id)) throw new Error(`${locale}: "${entry.id}" is defined twice`);
    const source = JSON.stringify(entry.value ?? "");
    const variables = [...source.matchAll(/"type":"var","name":"([^"]+)"/g)].map((match) => match[1]!);
    messages.set(entry.id, [...new Set(variables)].sort());
  }
  return messages;
}

const MESSAGES = Object.fromEntries(LOCALES.map((locale) => [locale, localeMessages(locale)])) as Record<Locale, Map<string, string[]>>;

const i18n = new I18n({
  ...I18N_OPTIONS,
  fluentOptions: {
    warningHandler: (warning) => {
      throw new Error(`The locale files cannot render "${warning.path}" in ${warning.locales.join(", ")} (warning ${warning.type}).`);
    },
  },
});

/** The text of message `key` in `locale`, with exactly the variables the message uses. */
export function t(locale: Locale, key: string, variables: TranslationVariables = {}): string {
  const expected = MESSAGES[locale].get(key);
  if (!expected) throw new Error(`locales/${locale} has no message "${key}"`);
  const given = Object.keys(variables).sort();
  if (given.join() !== expected.join()) {
    throw new Error(`"${key}" in ${locale} uses the variables [${expected.join(", ")}], the test gave [${given.join(", ")}]`);
  }
  return i18n.t(locale, key, variables);
}
