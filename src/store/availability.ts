import { and, asc, eq, gt, gte, lt, lte, ne, notExists, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import { addDays, localDateOf, zonedWallTimeToInstant } from "../domain/slots";
import { keptUntilCatalogChanges, type SlotView } from "./catalog";
import type { Executor } from "./database";
import { preparedOn } from "./prepared";
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
    const from = this.earliestBookable();
    const until = this.windowEnd();
    // A closed day is the only reason to skip a free slot: with none in the window the first `limit`
    // rows are the answer; otherwise a few more nearly always hold it, and the whole window is read
    // only when closed days took too many.
    const closed = this.closedDates();
    const read = this.anyClosedBetween(closed, from, until) ? limit + NEAREST_MARGIN : limit;
    const room = this.roomFor(serviceId);
    const first = this.prepared.firstFreeSlots.all({ doctorId, from, until, now: this.clock.now().toISOString(), ...room, limit: read });
    const open = first.filter((slot) => closed.size === 0 || !closed.has(localDateOf(slot.startsAt, this.timeZone)));
    if (open.length >= limit || first.length < read) return open.slice(0, limit).map((slot) => withPlaces(slot, room.capacity));
    return this.freeSlots(doctorId, from, until, serviceId).slice(0, limit);
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
  private closedDates(): ReadonlySet<string> {
    return keptUntilCatalogChanges(this.db, "closedDates", () => new Set(this.prepared.closedDates.all().map((row) => row.date)));
  }

  private anyClosedBetween(closed: ReadonlySet<string>, from: string, until: string): boolean {
    const first = localDateOf(from, this.timeZone);
    const last = localDateOf(until, this.timeZone);
    for (const date of closed) if (date >= first && date <= last) return true;
    return false;
  }

  private isDuringAbsence(slot: SlotView): boolean {
    return Boolean(this.prepared.absenceAt.get({ doctorId: slot.doctorId, at: slot.startsAt }));
  }

  /** Every day, doctor and time question reads the free slots: the statements are compiled once. */
  private get prepared(): ReturnType<typeof prepareStatements> {
    return preparedOn(this.db, prepareStatements);
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
    const room = this.roomFor(serviceId);
    const free = this.prepared.freeSlots.all({ doctorId, from, until, now: this.clock.now().toISOString(), ...room });
    return (closed.size === 0 ? free : free.filter((slot) => !closed.has(localDateOf(slot.startsAt, this.timeZone)))).map((slot) => withPlaces(slot, room.capacity));
  }

  /**
   * Which bookings leave a slot free for the service: none at all for an individual one; for a group
   * session (capacity above 1) fewer than its capacity, all of that same service.
   */
  private roomFor(serviceId: string | undefined): { capacity: number; serviceId: string } {
    if (serviceId === undefined) return { capacity: 1, serviceId: "" };
    return { capacity: this.prepared.capacity.get({ serviceId })?.capacity ?? 1, serviceId };
  }
}

/** How many slots past those asked for the nearest free slots read, for closed days to skip. */
const NEAREST_MARGIN = 16;

/** A group's slot says how many places it has left; an individual one says nothing more. */
function withPlaces({ taken, ...slot }: SlotView & { taken: number }, capacity: number): FreeSlot {
  return capacity === 1 ? slot : { ...slot, placesLeft: capacity - taken };
}

/**
 * The free slots of a doctor between two instants, in time order (closed days are left to the caller):
 * holding fewer bookings than `capacity`, none of another service than `serviceId`.
 */
function freeSlotsQuery(db: Executor) {
  const doctorId = sql.placeholder("doctorId");
  // Written out: drizzle leaves a column in a select list unqualified, which inside this subquery would name the booking's own id.
  const taken = sql<number>`(select count(*) from "bookings" as "seated" where "seated"."slot_id" = "slots"."id" and "seated"."status" <> 'cancelled')`;
  return db
    .select({ id: slots.id, doctorId: slots.doctorId, startsAt: slots.startsAt, endsAt: slots.endsAt, taken })
    .from(slots)
    .where(
      and(
        eq(slots.doctorId, doctorId),
        gte(slots.startsAt, sql.placeholder("from")),
        lt(slots.startsAt, sql.placeholder("until")),
        sql`${taken} < ${sql.placeholder("capacity")}`,
        notExists(
          db
            .select({ one: sql`1` })
            .from(bookings)
            .where(and(eq(bookings.slotId, slots.id), ne(bookings.status, "cancelled"), ne(bookings.serviceId, sql.placeholder("serviceId")))),
        ),
        notExists(db.select({ one: sql`1` }).from(doctorAbsences).where(and(eq(doctorAbsences.doctorId, slots.doctorId), coversSlot()))),
        notExists(
          db
            .select({ one: sql`1` })
            .from(slotOffers)
            .where(and(eq(slotOffers.slotId, slots.id), eq(slotOffers.status, "open"), gt(slotOffers.expiresAt, sql.placeholder("now")))),
        ),
      ),
    )
    .orderBy(asc(slots.startsAt));
}

function prepareStatements(db: Executor) {
  const doctorId = sql.placeholder("doctorId");
  return {
    freeSlots: freeSlotsQuery(db).prepare(),
    firstFreeSlots: freeSlotsQuery(db).limit(sql.placeholder("limit")).prepare(),
    closedDates: db.select({ date: closedDays.date }).from(closedDays).prepare(),
    capacity: db.select({ capacity: services.capacity }).from(services).where(eq(services.id, sql.placeholder("serviceId"))).prepare(),
    absenceAt: db
      .select({ one: sql`1` })
      .from(doctorAbsences)
      .where(and(eq(doctorAbsences.doctorId, doctorId), lte(doctorAbsences.startsAt, sql.placeholder("at")), gt(doctorAbsences.endsAt, sql.placeholder("at"))))
      .prepare(),
  };
}

/** An absence covers a slot that starts inside it (the slot of the outer query). */
function coversSlot() {
  return and(lte(doctorAbsences.startsAt, slots.startsAt), gt(doctorAbsences.endsAt, slots.startsAt));
}
