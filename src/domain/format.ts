import type { Locale } from "./locale";

const INTL_LOCALE: Record<Locale, string> = { ru: "ru-RU", kk: "kk-KZ" };

/** "вт, 1 декабря" / "сс, 1 желтоқсан": short enough for a button. */
export function formatDay(instantOrDate: string, locale: Locale, timeZone: string): string {
  const instant = instantOrDate.length === 10 ? `${instantOrDate}T12:00:00Z` : instantOrDate;
  const parts = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone: instantOrDate.length === 10 ? "UTC" : timeZone,
    weekday: "short",
    day: "numeric",
    month: "long",
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("weekday")}, ${part("day")} ${part("month")}`;
}

export function formatTime(instant: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(instant),
  );
}

/** "01.12.2026": the way dates are written on Kazakhstani documents, in both languages. */
export function formatDate(date: string): string {
  const [year, month, day] = date.split("-");
  return `${day}.${month}.${year}`;
}

export function formatDateTime(instant: string, locale: Locale, timeZone: string): string {
  return `${formatDay(instant, locale, timeZone)}, ${formatTime(instant, locale, timeZone)}`;
}
