import { and, eq, gt, inArray, notExists, sql } from "drizzle-orm";
import type { Clock, IdSource } from "../clock";
import { generateSlots, localDateOf } from "../domain/slots";
import type { Executor } from "./database";
import type { CourseRule } from "../domain/catalog";
import { courseSpanDays } from "../domain/courses";
import { BOOKING_WINDOW_DAYS } from "./availability";
import { bookings, closedDays, doctors, services, slots } from "./schema";
import { queueSlotsSomeoneWaitsFor } from "./waitlist";

/** How far ahead slots exist; patients may book only the nearer part of it (availability.ts). */
export const SLOT_HORIZON_DAYS = 21;

/**
 * Far enough for the longest course of the catalogue to be planned whole: its first session within the
 * booking window, and its last, with the alternatives around it, after that.
 */
export function horizonDays(courses: readonly CourseRule[]): number {
  return Math.max(SLOT_HORIZON_DAYS, ...courses.map((course) => BOOKING_WINDOW_DAYS + courseSpanDays(course)));
}

/** The slots generated from the doctors' working hours, kept `horizonDays` ahead. */
export class SlotHorizon {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly timeZone: string,
  ) {}

  /**
   * Generates missing slots up to the horizon; safe to run as often as you like. New slots someone on
   * the waiting list may want (new working hours) are queued for offers.
   */
  extend(): number {
    const now = this.clock.now().toISOString();
    const existing = this.futureSlots(now);
    const added: { id: string; doctorId: string }[] = [];
    for (const slot of this.scheduledSlots()) {
      if (slot.endsAt <= now) continue;
      const taken = existing.get(slot.doctorId) ?? [];
      // A booked slot kept from older hours must not be overlapped by a new one (no double booking).
      if (taken.some((other) => other.startsAt < slot.endsAt && slot.startsAt < other.endsAt)) continue;
      const id = this.ids.newId();
      const { changes } = this.db
        .insert(slots)
        .values({ id, ...slot })
        .onConflictDoNothing({ target: [slots.doctorId, slots.startsAt] })
        .run();
      if (changes === 1) added.push({ id, doctorId: slot.doctorId });
      taken.push(slot);
      existing.set(slot.doctorId, taken);
    }
    queueSlotsSomeoneWaitsFor(this.db, this.clock, added);
    return added.length;
  }

  /**
   * After the hours changed: future slots nobody ever booked and that the new hours no longer give are
   * removed. Slots that still fit keep their ids (an open dialogue may hold one), and a slot with a
   * booking, even a cancelled one, always stays.
   */
  dropUnbookedOffSchedule(): void {
    const scheduled = new Set(this.scheduledSlots().map((slot) => `${slot.doctorId}|${slot.startsAt}|${slot.endsAt}`));
    const unbooked = this.db
      .select({ id: slots.id, doctorId: slots.doctorId, startsAt: slots.startsAt, endsAt: slots.endsAt })
      .from(slots)
      .where(
        and(
          gt(slots.startsAt, this.clock.now().toISOString()),
          notExists(this.db.select({ one: sql`1` }).from(bookings).where(eq(bookings.slotId, slots.id))),
        ),
      )
      .all();
    const stale = unbooked.filter((slot) => !scheduled.has(`${slot.doctorId}|${slot.startsAt}|${slot.endsAt}`)).map((slot) => slot.id);
    for (let index = 0; index < stale.length; index += 500) {
      this.db.delete(slots).where(inArray(slots.id, stale.slice(index, index + 500))).run();
    }
  }

  /** The slots the current working hours give from today to the horizon, none on a closed day. */
  private scheduledSlots() {
    const today = localDateOf(this.clock.now(), this.timeZone);
    const schedules = this.db
      .select()
      .from(doctors)
      .where(eq(doctors.active, true))
      .all()
      .map((doctor) => ({ doctorId: doctor.id, slotMinutes: doctor.slotMinutes, weeklyHours: doctor.weeklyHours }));
    const closed = new Set(this.db.select({ date: closedDays.date }).from(closedDays).all().map((row) => row.date));
    const courses = this.db.select({ course: services.course }).from(services).where(eq(services.active, true)).all().flatMap((row) => (row.course ? [row.course] : []));
    return generateSlots(schedules, today, horizonDays(courses), this.timeZone).filter((slot) => !closed.has(localDateOf(slot.startsAt, this.timeZone)));
  }

  private futureSlots(now: string): Map<string, { startsAt: string; endsAt: string }[]> {
    const byDoctor = new Map<string, { startsAt: string; endsAt: string }[]>();
    const rows = this.db
      .select({ doctorId: slots.doctorId, startsAt: slots.startsAt, endsAt: slots.endsAt })
      .from(slots)
      .where(gt(slots.endsAt, now))
      .all();
    for (const row of rows) {
      const list = byDoctor.get(row.doctorId) ?? [];
      list.push(row);
      byDoctor.set(row.doctorId, list);
    }
    return byDoctor;
  }
}
