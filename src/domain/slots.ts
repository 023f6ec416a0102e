export interface WeeklyInterval {
  /** ISO weekday, Monday = 1 … Sunday = 7. */
  weekday: number;
  /** Local wall-clock "HH:MM". */
  start: string;
  end: string;
}

export interface DoctorSchedule {
  doctorId: string;
  slotMinutes: number;
  weeklyHours: WeeklyInterval[];
}

export interface GeneratedSlot {
  doctorId: string;
  /** ISO UTC instants, e.g. "2026-12-01T04:00:00.000Z". */
  startsAt: string;
  endsAt: string;
}

const MINUTE_MS = 60_000;
// No zone has ever been further than ±15 h from UTC, so any instant that shows a
// given wall time lies within this distance of that wall time read as UTC.
const MAX_OFFSET_MS = 18 * 3_600_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

function parseDate(date: string): CivilDate {
  const m = DATE_RE.exec(date);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const probe = new Date(Date.UTC(year, month - 1, day));
    // Date.UTC silently rolls 2026-02-30 over into March; a round trip catches it.
    if (probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day) {
      return { year, month, day };
    }
  }
  throw new RangeError(`Invalid calendar date "${date}", expected YYYY-MM-DD`);
}

/** Minutes since local midnight for an "HH:MM" string. */
function parseTime(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`Invalid time "${time}", expected HH:MM between 00:00 and 23:59`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function formatCivilDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function toInstant(instant: string | Date): Date {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) throw new RangeError(`Invalid instant "${String(instant)}"`);
  return d;
}

// Building a DateTimeFormat is far more expensive than using one, and slot
// generation asks for offsets thousands of times per call.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/**
 * The wall clocks already read, per zone: a day's or a window's free slots are dated again and again
 * (every list of days, every earliest time), and formatToParts costs microseconds a call. Bounded:
 * emptied when it grows past a size no day's work comes near.
 */
const wallClocks = new Map<string, Map<number, WallClock>>();
const WALL_CLOCKS_KEPT = 50_000;

function wallClockAt(ms: number, timeZone: string): WallClock {
  let zone = wallClocks.get(timeZone);
  if (!zone) {
    zone = new Map();
    wallClocks.set(timeZone, zone);
  }
  const known = zone.get(ms);
  if (known) return known;
  const read = readWallClock(ms, timeZone);
  if (zone.size >= WALL_CLOCKS_KEPT) zone.clear();
  zone.set(ms, read);
  return read;
}

function readWallClock(ms: number, timeZone: string): WallClock {
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) fields[part.type] = part.value;
  const yearOfEra = Number(fields["year"]);
  // "gregory" counts BC years backwards; convert to proleptic astronomical years.
  const year = fields["era"] === "BC" || fields["era"] === "B" ? 1 - yearOfEra : yearOfEra;
  return {
    year,
    month: Number(fields["month"]),
    day: Number(fields["day"]),
    hour: Number(fields["hour"]),
    minute: Number(fields["minute"]),
    second: Number(fields["second"]),
  };
}

/** Wall clock read as if it were UTC, in epoch milliseconds. */
function wallClockAsUtc(w: WallClock): number {
  const d = new Date(0);
  // setUTCFullYear keeps years 0..99 literal, unlike Date.UTC.
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  return d.getTime();
}

/** Offset of the zone from UTC at the given instant, in milliseconds (east positive). */
function offsetAt(ms: number, timeZone: string): number {
  // The formatter drops milliseconds, so compare against the whole second.
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return wallClockAsUtc(wallClockAt(wholeSecond, timeZone)) - wholeSecond;
}

/**
 * Every instant whose wall clock in the zone equals `wallMs` (a wall time
 * expressed as if it were UTC). Empty inside a DST gap, two entries inside an
 * overlap, ascending.
 */
function instantsForWallTime(wallMs: number, timeZone: string): number[] {
  const candidateOffsets = new Set<number>();

  // Fixed-point iteration finds one solution quickly in the common case …
  let offset = offsetAt(wallMs, timeZone);
  for (let i = 0; i < 4; i += 1) {
    candidateOffsets.add(offset);
    const next = offsetAt(wallMs - offset, timeZone);
    if (next === offset) break;
    offset = next;
  }
  // … but near a transition it can settle on only one side, so the offsets in
  // force on either side of the window are tried as well.
  candidateOffsets.add(offsetAt(wallMs - MAX_OFFSET_MS, timeZone));
  candidateOffsets.add(offsetAt(wallMs + MAX_OFFSET_MS, timeZone));

  const found = new Set<number>();
  for (const candidate of candidateOffsets) {
    const instant = wallMs - candidate;
    if (offsetAt(instant, timeZone) === candidate) found.add(instant);
  }
  return [...found].sort((a, b) => a - b);
}

/** First instant showing this wall time, or null when the wall time is skipped by a transition. */
function resolveWallTime(date: CivilDate, minutes: number, timeZone: string): number | null {
  const wallMs = wallClockAsUtc({
    year: date.year,
    month: date.month,
    day: date.day,
    hour: Math.floor(minutes / 60),
    minute: minutes % 60,
    second: 0,
  });
  return instantsForWallTime(wallMs, timeZone)[0] ?? null;
}

/**
 * The instant at which clocks in `timeZone` show `date` `time`. When clocks go
 * back and the wall time happens twice, the first occurrence wins.
 * @throws RangeError when the wall time does not exist (skipped by a DST gap).
 */
export function zonedWallTimeToInstant(date: string, time: string, timeZone: string): Date {
  const instant = resolveWallTime(parseDate(date), parseTime(time), timeZone);
  if (instant === null) {
    throw new RangeError(`${date} ${time} does not exist in ${timeZone} (skipped by a clock change)`);
  }
  return new Date(instant);
}

/** Calendar date "YYYY-MM-DD" that clocks in `timeZone` show at the instant. */
export function localDateOf(instant: string | Date, timeZone: string): string {
  const w = wallClockAt(toInstant(instant).getTime(), timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Wall-clock time "HH:MM" that clocks in `timeZone` show at the instant. */
export function localTimeOf(instant: string | Date, timeZone: string): string {
  const w = wallClockAt(toInstant(instant).getTime(), timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** Calendar arithmetic on "YYYY-MM-DD", independent of any time zone. */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Day count must be an integer, got ${days}`);
  const { year, month, day } = parseDate(date);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day + days);
  return formatCivilDate(d.getTime());
}

/** ISO weekday of a calendar date: Monday = 1 … Sunday = 7. */
export function isoWeekday(date: string): number {
  const { year, month, day } = parseDate(date);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCDay() === 0 ? 7 : d.getUTCDay();
}

/**
 * Bookable slots for `days` consecutive local dates starting at `fromDate`.
 *
 * Slots start at wall-clock times start, start + slot, … and the part of an
 * interval too short for a full slot is dropped. Consultations last
 * `slotMinutes` of real time, so around clock changes a slot is skipped when
 * its start does not exist, when it would overlap the previous slot, or when it
 * would run past the interval's end on the wall clock.
 */
export function generateSlots(
  schedules: DoctorSchedule[],
  fromDate: string,
  days: number,
  timeZone: string,
): GeneratedSlot[] {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Day count must be a non-negative integer, got ${days}`);
  parseDate(fromDate);
  // Fail on an unknown zone even when nothing would be generated.
  formatterFor(timeZone);

  const slots: GeneratedSlot[] = [];
  for (const schedule of schedules) {
    const { doctorId, slotMinutes } = schedule;
    if (!Number.isInteger(slotMinutes) || slotMinutes <= 0) {
      throw new RangeError(`Doctor "${doctorId}" has invalid slot length ${slotMinutes}`);
    }
    const slotMs = slotMinutes * MINUTE_MS;
    const intervals = schedule.weeklyHours.map((h) => ({
      weekday: h.weekday,
      start: parseTime(h.start),
      end: parseTime(h.end),
    }));

    for (let i = 0; i < days; i += 1) {
      const dateText = addDays(fromDate, i);
      const date = parseDate(dateText);
      const weekday = isoWeekday(dateText);

      for (const interval of intervals) {
        if (interval.weekday !== weekday) continue;
        let previousEnd = -Infinity;
        for (let m = interval.start; m + slotMinutes <= interval.end; m += slotMinutes) {
          const start = resolveWallTime(date, m, timeZone);
          if (start === null) continue;
          const end = start + slotMs;
          if (start < previousEnd) continue;
          if (!endsWithinInterval(end, dateText, interval.end, timeZone)) continue;
          slots.push({ doctorId, startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString() });
          previousEnd = end;
        }
      }
    }
  }

  return slots.sort((a, b) =>
    a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.doctorId < b.doctorId ? -1 : a.doctorId > b.doctorId ? 1 : 0,
  );
}

function endsWithinInterval(endMs: number, date: string, intervalEnd: number, timeZone: string): boolean {
  const w = wallClockAt(endMs, timeZone);
  const endDate = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
  if (endDate !== date) return endDate < date;
  return w.hour * 60 + w.minute + (w.second > 0 ? 1 : 0) <= intervalEnd;
}
