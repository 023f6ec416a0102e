/**
 * Courses of therapy (issue 12): so many sessions in a rhythm, all at the first session's time of day
 * with the same specialist. A session whose time is not free is given the nearest free time between its
 * neighbours instead, so the plan keeps its rhythm as far as the diary allows.
 */
import type { CourseRule } from "./catalog";
import { addDays, isoWeekday, localDateOf, localTimeOf, zonedWallTimeToInstant } from "./slots";

export interface FreeTime {
  id: string;
  startsAt: string;
  endsAt: string;
}

/** One session of a plan: the time the rhythm wants, and the slot it gets (null: nothing free near it). */
export interface PlannedSession<S extends FreeTime = FreeTime> {
  number: number;
  wanted: string;
  slot: S | null;
}

/**
 * Whether a course may start on this local date: one of its start dates when it has them (a group that
 * starts together), and for a weekly rhythm one of its weekdays.
 */
export function mayStartOn(rule: CourseRule, date: string): boolean {
  if (rule.startDates && !rule.startDates.includes(date)) return false;
  return !("weekdays" in rule.rhythm) || rule.rhythm.weekdays.includes(isoWeekday(date));
}

/** The local dates of a course's sessions, the first one first, in the course's rhythm. */
export function sessionDates(firstDate: string, rule: CourseRule): string[] {
  const { rhythm } = rule;
  if ("everyDays" in rhythm) return Array.from({ length: rule.sessions }, (_, index) => addDays(firstDate, index * rhythm.everyDays));
  const dates = [firstDate];
  for (let date = addDays(firstDate, 1); dates.length < rule.sessions; date = addDays(date, 1)) {
    if (rhythm.weekdays.includes(isoWeekday(date))) dates.push(date);
  }
  return dates;
}

/** How many days after its first day a course can reach, its last session's alternatives included. */
export function courseSpanDays(rule: CourseRule): number {
  const { rhythm } = rule;
  if ("everyDays" in rhythm) return (rule.sessions - 1) * rhythm.everyDays + rhythm.everyDays;
  return Math.ceil(rule.sessions / rhythm.weekdays.length) * 7 + 7;
}

/**
 * The course planned from its first slot: each later session at the same time of day on its date, or,
 * when that time is not among `free`, the free time nearest to it that falls after the previous session
 * and before the next one's date (the same day first). `busy`: the person's other appointments, which
 * no session may overlap.
 */
export function planCourse<S extends FreeTime>(first: S, rule: CourseRule, free: readonly S[], busy: readonly { startsAt: string; endsAt: string }[], timeZone: string): PlannedSession<S>[] {
  const dates = sessionDates(localDateOf(first.startsAt, timeZone), rule);
  const time = localTimeOf(first.startsAt, timeZone);
  const fits = (slot: S) => !busy.some((other) => other.startsAt < slot.endsAt && slot.startsAt < other.endsAt);
  const plan: PlannedSession<S>[] = [{ number: 1, wanted: first.startsAt, slot: first }];
  const taken = new Set([first.id]);
  let after = first.endsAt;
  dates.slice(1).forEach((date, index) => {
    const wanted = zonedWallTimeToInstant(date, time, timeZone).toISOString();
    const nextDate = dates[index + 2];
    const candidates = free.filter((slot) => !taken.has(slot.id) && slot.startsAt >= after && (nextDate === undefined || localDateOf(slot.startsAt, timeZone) < nextDate) && fits(slot));
    const exact = candidates.find((slot) => slot.startsAt === wanted);
    const slot = exact ?? nearest(candidates, wanted, date, timeZone);
    plan.push({ number: index + 2, wanted, slot });
    if (slot) {
      taken.add(slot.id);
      after = slot.endsAt;
    }
  });
  return plan;
}

/** The nearest day first (the wanted one, then a day either side, the earlier first), and on it the nearest time of day. */
function nearest<S extends FreeTime>(candidates: readonly S[], wanted: string, date: string, timeZone: string): S | null {
  const wantedMinutes = minutesOfDay(localTimeOf(wanted, timeZone));
  const days = (slot: S) => Math.abs(daysBetween(date, localDateOf(slot.startsAt, timeZone)));
  const minutes = (slot: S) => Math.abs(minutesOfDay(localTimeOf(slot.startsAt, timeZone)) - wantedMinutes);
  return [...candidates].sort((a, b) => days(a) - days(b) || minutes(a) - minutes(b) || a.startsAt.localeCompare(b.startsAt))[0] ?? null;
}

function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(":");
  return Number(hours) * 60 + Number(minutes);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Whether a plan can be booked: every session has a time. */
export function isWholePlan<S extends FreeTime>(plan: readonly PlannedSession<S>[]): plan is (PlannedSession<S> & { slot: S })[] {
  return plan.every((session) => session.slot !== null);
}

/** A booking's place in its course, for every text that names the session ("session 3 of 10"). */
export interface SessionOf {
  number: number;
  count: number;
}

/**
 * A service as the family reads it; for a session of a course, followed by which one it is, as
 * `label` words it in the reader's language ("занятие 3 из 10").
 */
export function withSession(service: string, session: SessionOf | undefined, label: (session: SessionOf) => string): string {
  return session ? `${service}, ${label(session)}` : service;
}
