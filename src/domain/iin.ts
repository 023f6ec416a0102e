export type IinFailure = "format" | "century" | "date" | "before_1900" | "future" | "checksum";

export type IinResult =
  | { ok: true; iin: string; birthDate: string; sex: "male" | "female" }
  | { ok: false; reason: IinFailure };

// People paste IINs from scans, PDFs and messengers, which group digits with
// spaces, non-breaking or thin spaces, dots and assorted Unicode dashes.
const SEPARATORS = /[\s.\u2010-\u2015-]/gu;

// Copied from a document or an earlier message, the number often keeps its label: "ИИН 850412310003",
// "ЖСН: …", "IIN № …". Only a label at the very start is dropped; any other text still makes it unreadable.
const LABEL = /^\s*(?:ИИН|ЖСН|IIN)\s*[:№#]?/iu;

// Only ASCII digits: an IIN is a document number, and lookalike digits from
// other scripts must not sneak into storage or the checksum.
const TWELVE_ASCII_DIGITS = /^[0-9]{12}$/;

const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

// Digit 7 of the IIN encodes both the century of birth and the sex:
// odd means male, even means female. The 1800s digits are part of the standard, but nobody born then
// books an appointment today: such a number is a typo, most often in digit 7 itself.
const CENTURY_BY_DIGIT: Readonly<Record<string, { century: number; sex: "male" | "female" }>> = {
  "1": { century: 1800, sex: "male" },
  "2": { century: 1800, sex: "female" },
  "3": { century: 1900, sex: "male" },
  "4": { century: 1900, sex: "female" },
  "5": { century: 2000, sex: "male" },
  "6": { century: 2000, sex: "female" },
};

// The control digit algorithm of the IIN: a first pass with weights 1..11,
// and a second pass with shifted weights when the first gives 10.
const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function weightedSumMod11(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  }
  return sum % 11;
}

/**
 * The control digit for the first eleven digits, or null when both passes
 * give 10: such eleven digits are never issued as an IIN, so no twelfth digit
 * can make them valid.
 */
function controlDigit(digits: readonly number[]): number | null {
  const first = weightedSumMod11(digits, FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weightedSumMod11(digits, SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

function assertIsoDate(value: string, name: string): void {
  const match = ISO_DATE.exec(value);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`${name} must be a real date in YYYY-MM-DD form`);
  }
}

/**
 * `today` is the clinic's date from the caller's injected clock, not the machine's: a birth date "in the
 * future" must mean the same in a test, in a replayed conversation and in production.
 */
export function parseIin(input: string, today: string): IinResult {
  assertIsoDate(today, "today");

  const iin = input.replace(LABEL, "").replace(SEPARATORS, "");
  if (!TWELVE_ASCII_DIGITS.test(iin)) return { ok: false, reason: "format" };

  const digits = Array.from(iin, Number);
  const centuryInfo = CENTURY_BY_DIGIT[iin.charAt(6)];
  if (!centuryInfo) return { ok: false, reason: "century" };

  const year = centuryInfo.century + Number(iin.slice(0, 2));
  const month = Number(iin.slice(2, 4));
  const day = Number(iin.slice(4, 6));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: "date" };
  }
  if (year < 1900) return { ok: false, reason: "before_1900" };

  const birthDate = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  // ISO dates of equal width compare correctly as strings.
  if (birthDate > today) return { ok: false, reason: "future" };

  const expected = controlDigit(digits);
  if (expected === null || expected !== digits[11]) return { ok: false, reason: "checksum" };

  return { ok: true, iin, birthDate, sex: centuryInfo.sex };
}

/**
 * Personal data law: an IIN must not end up in logs or admin screens in
 * full. Anything that is not a clean 12-digit IIN is hidden completely rather
 * than partially, so a malformed value never leaks.
 */
export function maskIin(iin: string): string {
  if (!TWELVE_ASCII_DIGITS.test(iin)) return "*".repeat(12);
  return `${iin.slice(0, 4)}******${iin.slice(10)}`;
}

/** Civil majority in Kazakhstan: below it, a parent or legal representative acts for the person. */
export const ADULT_AGE = 18;

/**
 * Full years between the two dates. Kazakhstan's Civil Code ends a term
 * counted in years on the same month and day, and on the last day of the month
 * when that month lacks the day, so someone born on 29 February gains a year
 * on 28 February in common years.
 */
export function ageOn(birthDate: string, today: string): number {
  assertIsoDate(birthDate, "birthDate");
  assertIsoDate(today, "today");
  if (today < birthDate) throw new RangeError("today is before birthDate");

  const [birthYear, birthMonth, birthDay] = birthDate.split("-").map(Number) as [number, number, number];
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];

  const anniversaryDay = Math.min(birthDay, daysInMonth(year, birthMonth));
  const reachedAnniversary = month > birthMonth || (month === birthMonth && day >= anniversaryDay);
  return year - birthYear - (reachedAnniversary ? 0 : 1);
}
