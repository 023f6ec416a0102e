import type { Locale } from "./locale";

const INTL_LOCALE: Record<Locale, string> = { ru: "ru-RU", kk: "kk-KZ" };

// Building a DateTimeFormat costs far more than using one, and a day or time keyboard formats a dozen
// dates on every update that shows it; the few locale and zone pairs are kept for the process.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: "day" | "time", locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${locale} ${timeZone}`;
  let built = formatters.get(key);
  if (!built) {
    const fields: Intl.DateTimeFormatOptions =
      kind === "day" ? { weekday: "short", day: "numeric", month: "long" } : { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    built = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, ...fields });
    formatters.set(key, built);
  }
  return built;
}

/** "вт, 1 декабря" / "сс, 1 желтоқсан": short enough for a button. */
export function formatDay(instantOrDate: string, locale: Locale, timeZone: string): string {
  const instant = instantOrDate.length === 10 ? `${instantOrDate}T12:00:00Z` : instantOrDate;
  const parts = formatter("day", locale, instantOrDate.length === 10 ? "UTC" : timeZone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("weekday")}, ${part("day")} ${part("month")}`;
}

export function formatTime(instant: string, locale: Locale, timeZone: string): string {
  return formatter("time", locale, timeZone).format(new Date(instant));
}

/** "01.12.2026": the way dates are written on Kazakhstani documents, in both languages. */
export function formatDate(date: string): string {
  const [year, month, day] = date.split("-");
  return `${day}.${month}.${year}`;
}

export function formatDateTime(instant: string, locale: Locale, timeZone: string): string {
  return `${formatDay(instant, locale, timeZone)}, ${formatTime(instant, locale, timeZone)}`;
}
