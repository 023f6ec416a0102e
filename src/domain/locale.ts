/** The languages the bot speaks; every user-visible text exists in both (locales/). */
export type Locale = "ru" | "kk";

export const LOCALES: readonly Locale[] = ["kk", "ru"];
export const DEFAULT_LOCALE: Locale = "ru";

export function isLocale(value: unknown): value is Locale {
  return value === "ru" || value === "kk";
}
