import { and, asc, eq, gt, gte, lt, lte, ne, notExists, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import { addDays, localDateOf, zonedWallTimeToInstant } from "../domain/slots";
import type { SlotView } from "./catalog";
import type { Executor } from "./database";
import { bookings, closedDays, doctorAbsences, services, slotOffers, slots } from "./schema";

/** A free slot; of a group session, with the places it has left. */
export interface FreeSlot extends SlotView {
  placesLeft?: number;
}

/** How far ahead a patient may book (booking issue: 14 days). */
export const BOOKING_WINDOW_DAYS = 14;
/** Staff need time to prepare; a slot starting sooner than this is not offered. */
export const BOOKING_LEAD_MINUTES = 60;

/**
 * Which slots a patient may book now: free, not held for someone on the waiting list, within the
 * booking window, and not too soon.
 */
export class Availability {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  /**
   * Local dates within the booking window on which the doctor has a free slot. With a service, a slot
   * of a group session counts as free while it has a place left (`serviceId` everywhere below). `until`
   * reaches past the window: a later session of a course moves within the weeks around it.
   */
  availableDays(doctorId: string, serviceId?: string, until?: string): string[] {
    const end = until !== undefined && until > this.windowEnd() ? until : this.windowEnd();
    const dates = this.freeSlots(doctorId, this.earliestBookable(), end, serviceId).map((slot) => localDateOf(slot.startsAt, this.timeZone));
    return [...new Set(dates)];
  }

  freeSlotsOn(doctorId: string, date: string, serviceId?: string): FreeSlot[] {
    const dayStart = zonedWallTimeToInstant(date, "00:00", this.timeZone).toISOString();
    const dayEnd = zonedWallTimeToInstant(addDays(date, 1), "00:00", this.timeZone).toISOString();
    const from = dayStart > this.earliestBookable() ? dayStart : this.earliestBookable();
    return this.freeSlots(doctorId, from, dayEnd, serviceId);
  }

  /** The soonest free slots of a doctor, offered when the chosen one was taken meanwhile. */
  nearestFreeSlots(doctorId: string, limit: number, serviceId?: string): FreeSlot[] {
    return this.freeSlots(doctorId, this.earliestBookable(), this.windowEnd(), serviceId).slice(0, limit);
  }

  /**
   * The free slots nearest to a time the person chose and lost to someone else: that day's first (they
   * chose the day for a reason), then the closest in time, shown in time order.
   */
  freeSlotsNear(doctorId: string, around: string, limit: number, serviceId?: string): FreeSlot[] {
    const day = localDateOf(new Date(around), this.timeZone);
    const distance = (slot: SlotView) => Math.abs(Date.parse(slot.startsAt) - Date.parse(around));
    const otherDay = (slot: SlotView) => (localDateOf(new Date(slot.startsAt), this.timeZone) === day ? 0 : 1);
    return this.freeSlots(doctorId, this.earliestBookable(), this.windowEnd(), serviceId)
      .sort((a, b) => otherDay(a) - otherDay(b) || distance(a) - distance(b))
      .slice(0, limit)
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }

  /**
   * The free slots of a course's later sessions: past the booking window too (a course of ten weekly
   * sessions runs for ten weeks), up to `until`.
   */
  freeSlotsUntil(doctorId: string, serviceId: string, until: string): FreeSlot[] {
    return this.freeSlots(doctorId, this.earliestBookable(), until, serviceId);
  }

  isBookable(slot: SlotView): boolean {
    return slot.startsAt >= this.earliestBookable() && !this.isDuringAbsence(slot) && !this.closedDates().has(localDateOf(slot.startsAt, this.timeZone));
  }

  /**
   * Slots are not made for closed days, but one that was made before the day was closed and had a
   * booking is kept (a re-import never destroys a booking): it must still not be offered.
   */
  private closedDates(): Set<string> {
    return new Set(this.db.select({ date: closedDays.date }).from(closedDays).all().map((row) => row.date));
  }

  private isDuringAbsence(slot: SlotView): boolean {
    const covers = and(eq(doctorAbsences.doctorId, slot.doctorId), lte(doctorAbsences.startsAt, slot.startsAt), gt(doctorAbsences.endsAt, slot.startsAt));
    return Boolean(this.db.select({ one: sql`1` }).from(doctorAbsences).where(covers).get());
  }

  private earliestBookable(): string {
    return new Date(this.clock.now().getTime() + BOOKING_LEAD_MINUTES * 60_000).toISOString();
  }

  private windowEnd(): string {
    const today = localDateOf(this.clock.now(), this.timeZone);
    return zonedWallTimeToInstant(addDays(today, BOOKING_WINDOW_DAYS), "00:00", this.timeZone).toISOString();
  }

  private freeSlots(doctorId: string, from: string, until: string, serviceId?: string): FreeSlot[] {
    const closed = this.closedDates();
    const capacity = serviceId === undefined ? 1 : this.capacityOf(serviceId);
    // Written out: drizzle leaves a column in a select list unqualified, which inside this subquery would name the booking's own id.
    const taken = sql<number>`(select count(*) from "bookings" as "seated" where "seated"."slot_id" = "slots"."id" and "seated"."status" <> 'cancelled')`;
    // A group's slot has room while it holds fewer than its capacity, and only for that group's service.
    const room =
      capacity === 1
        ? sql`${taken} = 0`
        : and(
            sql`${taken} < ${capacity}`,
            notExists(
              this.db
                .select({ one: sql`1` })
                .from(bookings)
                .where(and(eq(bookings.slotId, slots.id), ne(bookings.status, "cancelled"), ne(bookings.serviceId, serviceId!))),
            ),
          );
    return this.db
      .select({ id: slots.id, doctorId: slots.doctorId, startsAt: slots.startsAt, endsAt: slots.endsAt, taken })
      .from(slots)
      .where(
        and(
          eq(slots.doctorId, doctorId),
          gte(slots.startsAt, from),
          lt(slots.startsAt, until),
          room,
          notExists(this.db.select({ one: sql`1` }).from(doctorAbsences).where(and(eq(doctorAbsences.doctorId, slots.doctorId), coversSlot()))),
          notExists(
            this.db
              .select({ one: sql`1` })
              .from(slotOffers)
              .where(and(eq(slotOffers.slotId, slots.id), eq(slotOffers.status, "open"), gt(slotOffers.expiresAt, this.clock.now().toISOString()))),
          ),
        ),
      )
      .orderBy(asc(slots.startsAt))
      .all()
      .filter((slot) => !closed.has(localDateOf(slot.startsAt, this.timeZone)))
      .map(({ taken: held, ...slot }) => (capacity === 1 ? slot : { ...slot, placesLeft: capacity - held }));
  }

  private capacityOf(serviceId: string): number {
    return this.db.select({ capacity: services.capacity }).from(services).where(eq(services.id, serviceId)).get()?.capacity ?? 1;
  }
}

/** An absence covers a slot that starts inside it (the slot of the outer query). */
function coversSlot() {
  return and(lte(doctorAbsences.startsAt, slots.startsAt), gt(doctorAbsences.endsAt, slots.startsAt));
}
