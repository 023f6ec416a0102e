import type { Locale } from "./locale";

const INTL_LOCALE: Record<Locale, string> = { ru: "ru-RU", kk: "kk-KZ" };

// Kazakh abbreviations ("дс", "сс", "бс") are not read as weekdays by most people, so Kazakh writes the
// weekday in full; the Russian ones ("пн", "ср") are familiar and keep day buttons short.
const WEEKDAY_STYLE: Record<Locale, "short" | "long"> = { ru: "short", kk: "long" };

// "в среду": Intl gives only the nominative ("среда"), and Russian names a day in a sentence in the accusative.
const RUSSIAN_ON_WEEKDAY = ["в воскресенье", "в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу"] as const;

// Building a DateTimeFormat costs far more than using one, and a day or time keyboard formats a dozen
// dates on every update that shows it; the few locale, zone and style combinations are kept for the process.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, fields: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone} ${JSON.stringify(fields)}`;
  let built = formatters.get(key);
  if (!built) {
    built = new Intl.DateTimeFormat(locale, { timeZone, ...fields });
    formatters.set(key, built);
  }
  return built;
}

interface DayParts {
  weekday: string;
  day: string;
  month: string;
  /** 0 = Sunday, as Date.getUTCDay counts. */
  weekdayIndex: number;
}

/**
 * Texts already formatted, by what they were formatted from: a dialogue shows the same days and times
 * on every update that replays their question. Bounded, since the instants are not: emptied when full.
 */
const formatted = new Map<string, DayParts | string>();
const FORMATTED_KEPT = 20_000;

function remembered<T extends DayParts | string>(key: string, format: () => T): T {
  const known = formatted.get(key);
  if (known !== undefined) return known as T;
  const text = format();
  if (formatted.size >= FORMATTED_KEPT) formatted.clear();
  formatted.set(key, text);
  return text;
}

/** A calendar date (YYYY-MM-DD) is read as that day; an instant is read in the clinic's time zone. */
function dayParts(instantOrDate: string, locale: Locale, timeZone: string, weekday: "short" | "long"): Readonly<DayParts> {
  return remembered(`day ${instantOrDate} ${locale} ${timeZone} ${weekday}`, () => readDayParts(instantOrDate, locale, timeZone, weekday));
}

function readDayParts(instantOrDate: string, locale: Locale, timeZone: string, weekday: "short" | "long"): DayParts {
  const isDate = instantOrDate.length === 10;
  const instant = new Date(isDate ? `${instantOrDate}T12:00:00Z` : instantOrDate);
  const zone = isDate ? "UTC" : timeZone;
  const parts = formatter(INTL_LOCALE[locale], zone, { weekday, day: "numeric", month: "long" }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const weekdayIndex = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(
    formatter("en-US", zone, { weekday: "short" }).format(instant),
  );
  return { weekday: part("weekday"), day: part("day"), month: part("month"), weekdayIndex };
}

/**
 * "ср, 2 декабря" / "сәрсенбі, 2 желтоқсан": the one way a day is written to the patient, on day buttons,
 * in the summary, the confirmation and the lists of appointments.
 */
export function formatDay(instantOrDate: string, locale: Locale, timeZone: string): string {
  const { weekday, day, month } = dayParts(instantOrDate, locale, timeZone, WEEKDAY_STYLE[locale]);
  return `${weekday}, ${day} ${month}`;
}

/**
 * The day inside a sentence ("Свободное время в среду, 2 декабря"): "в среду, 2 декабря" /
 * "2 желтоқсан, сәрсенбі күні".
 */
export function formatDayInSentence(instantOrDate: string, locale: Locale, timeZone: string): string {
  const { weekday, day, month, weekdayIndex } = dayParts(instantOrDate, locale, timeZone, "long");
  if (locale === "ru") return `${RUSSIAN_ON_WEEKDAY[weekdayIndex]}, ${day} ${month}`;
  return `${day} ${month}, ${weekday} күні`;
}

export function formatTime(instant: string, locale: Locale, timeZone: string): string {
  return remembered(`time ${instant} ${locale} ${timeZone}`, () => readTime(instant, locale, timeZone));
}

function readTime(instant: string, locale: Locale, timeZone: string): string {
  return formatter(INTL_LOCALE[locale], timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(instant));
}

/** "01.12.2026": the way dates are written on Kazakhstani documents, in both languages. */
export function formatDate(date: string): string {
  const [year, month, day] = date.split("-");
  return `${day}.${month}.${year}`;
}

/** "ср, 2 декабря, 14:00" / "сәрсенбі, 2 желтоқсан, 14:00". */
export function formatDateTime(instant: string, locale: Locale, timeZone: string): string {
  return `${formatDay(instant, locale, timeZone)}, ${formatTime(instant, locale, timeZone)}`;
}
