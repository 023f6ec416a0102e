import { and, asc, count, eq, gt, gte, inArray, isNull, lt, lte, ne, not, or, sql, type SQL } from "drizzle-orm";
import type { Clock, IdSource } from "../clock";
import { CLINICS_OWN_CANCEL_REASONS, type BookingStatus, type CancelledBy, type StaffCancelReason, type VisitOutcome } from "../domain/booking-status";
import type { SessionOf } from "../domain/courses";
import type { HeldBooking } from "../domain/fair-use";
import type { RetentionCutoffs } from "../domain/retention";
import type { FieldCipher } from "./crypto";
import type { Executor } from "./database";
import { candidatePlaceholders, candidateValues, preparedOn } from "./prepared";
import type { MonthlyCountRepository } from "./monthly-counts";
import type { PatientRepository } from "./patients";
import type { ReminderRepository } from "./reminders";
import type { WaitlistRepository } from "./waitlist";
import { bookings, slots } from "./schema";

export interface BookingView {
  id: string;
  number: string;
  serviceId: string;
  doctorId: string;
  startsAt: string;
  patientName: string;
  /** A session of a course: which one, of how many (absent for a single appointment). */
  course?: CourseSession;
}

/** A booking's place in its course. */
export interface CourseSession extends SessionOf {
  /** The course's id, shared by all its sessions. */
  id: string;
}

/** A booking as its owner's data copy shows it: every booking, past and cancelled ones too. */
export interface BookingRecord extends BookingView {
  patientId: string;
  status: BookingStatus;
  createdAt: string;
  cancelledAt: string | null;
  cancelledBy: CancelledBy | null;
  cancelReason: StaffCancelReason | null;
  /** When the patient last moved it, and the time it had before that move. */
  movedAt: string | null;
  movedFrom: string | null;
}

/** What a patient is shown of a booking record: its view, without the owner's bookkeeping. */
export function viewOf(record: BookingRecord): BookingView {
  const {
    patientId: _patient,
    status: _status,
    createdAt: _created,
    cancelledAt: _cancelled,
    cancelledBy: _cancelledBy,
    cancelReason: _reason,
    movedAt: _moved,
    movedFrom: _from,
    ...view
  } = record;
  return view;
}

/** A booking as the staff group works with it: whose account it is, to reach the patient and read the person. */
export interface StaffBookingRecord extends BookingRecord {
  accountId: string;
}

export interface NewBooking {
  accountId: string;
  patientId: string;
  slotId: string;
  serviceId: string;
  /** The dialogue draft that made it, so that confirming the same draft again finds it. */
  draftKey?: string;
  /** A session of a course. */
  course?: CourseSession;
  /** Its place in a group's slot (1 when alone in it): see `freeSeat`. */
  seat?: number;
}

type BookingRow = typeof bookings.$inferSelect;

/** A finished booking whose retention period has run out: what erasing it needs, nothing it holds. */
export interface ExpiredBooking {
  id: string;
  number: string;
  accountId: string;
}

/**
 * The `bookings` table. Who booked and for whom are encrypted: together with the service they would be
 * medical data about a person. The owner's blind index lets an account list its own bookings without
 * decrypting everyone's; the name shown is read from the patients repository, as the owner entered it.
 */
export class BookingRepository {
  constructor(
    private readonly db: Executor,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly patients: PatientRepository,
    private readonly reminders: ReminderRepository,
    private readonly counts: MonthlyCountRepository,
    private readonly waitlist: WaitlistRepository,
  ) {}

  /**
   * What every confirmation runs to write its booking, and every card and notice to read one: built and
   * compiled once per connection, not rebuilt by drizzle and recompiled by SQLite on each call (issue 14).
   */
  private get prepared(): ReturnType<typeof prepareStatements> {
    return preparedOn(this.db, prepareStatements);
  }

  /** Writes an active booking with a booking number nobody has; returns its id and number. */
  insert(booking: NewBooking): { id: string; number: string } {
    const id = this.ids.newId();
    const number = this.unusedBookingNumber();
    this.prepared.insert.run({
      id,
      number,
      slotId: booking.slotId,
      serviceId: booking.serviceId,
      ownerIndex: this.cipher.blindIndex("owner", booking.accountId),
      accountCt: this.cipher.encrypt(bookingRef(id, "account_ct"), booking.accountId),
      patientCt: this.cipher.encrypt(bookingRef(id, "patient_ct"), booking.patientId),
      createdAt: this.clock.now().toISOString(),
      draftKey: booking.draftKey ?? null,
      courseId: booking.course?.id ?? null,
      sessionNumber: booking.course?.number ?? null,
      sessionCount: booking.course?.count ?? null,
      seat: booking.seat ?? 1,
    });
    this.counts.booked(booking.serviceId, this.countedFactsOf(id)!.startsAt);
    return { id, number };
  }

  /** A new course's id, which its sessions share. */
  newCourseId(): string {
    return this.ids.newId();
  }

  /** The booking a dialogue draft made, if it made one and it is this account's. */
  findByDraftKey(accountId: string, draftKey: string): BookingRecord | undefined {
    return this.ownedBy(accountId, this.prepared.byDraftKey.get({ draftKey }));
  }

  /** Whether the slot has an active booking. */
  isSlotTaken(slotId: string): boolean {
    return this.activeIn(slotId).length > 0;
  }

  /**
   * Whether the slot has a place for one more booking of the service: none holds it, or, for a group
   * session (capacity above 1), fewer than its capacity do, all of that same service.
   */
  hasPlaceFor(slotId: string, serviceId: string, capacity: number): boolean {
    const held = this.activeIn(slotId);
    return held.length < capacity && held.every((booking) => booking.serviceId === serviceId);
  }

  /**
   * The lowest of the slot's places (1 to capacity) no active booking holds. With none free it is place 1
   * again, which the unique index then refuses: a slot never takes more than its capacity, whatever a
   * caller checked before.
   */
  freeSeat(slotId: string, capacity: number): number {
    const seats = new Set(this.activeIn(slotId).map((booking) => booking.seat));
    for (let seat = 1; seat <= capacity; seat += 1) if (!seats.has(seat)) return seat;
    return 1;
  }

  private activeIn(slotId: string): { serviceId: string; seat: number }[] {
    return this.prepared.activeIn.all({ slotId });
  }

  /** The booking, if it is this account's (any other account's booking is as good as missing). */
  findOwnedBy(accountId: string, bookingId: string): BookingRecord | undefined {
    return this.ownedBy(accountId, this.prepared.byId.get({ bookingId }));
  }

  /** The booking of a row read with its slot, if the account owns it. */
  private ownedBy(accountId: string, row: BookingWithSlot | undefined): BookingRecord | undefined {
    if (!row || this.ownerOf(row.booking) !== accountId) return undefined;
    return this.toRecord(row.booking, row.doctorId, row.startsAt);
  }

  /** Upcoming active bookings the account made, soonest first. */
  upcomingFor(accountId: string): BookingView[] {
    return this.upcomingRowsOf(accountId).map((row) => this.toView(row.booking, row.doctorId, row.startsAt));
  }

  /** The account's upcoming active bookings with their people and end times, for the fair-use rule. */
  upcomingHeldBy(accountId: string): HeldBooking[] {
    return this.upcomingRowsOf(accountId).map((row) => ({
      id: row.booking.id,
      patientId: this.patientIdOf(row.booking),
      serviceId: row.booking.serviceId,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      ...(row.booking.courseId === null ? {} : { courseId: row.booking.courseId }),
    }));
  }

  private upcomingRowsOf(accountId: string) {
    const owners = this.cipher.blindIndexCandidates("owner", accountId);
    return preparedOn(this.db, prepareUpcoming, owners.length)
      .all({ ...candidateValues("owner", owners), now: this.clock.now().toISOString() })
      .filter((row) => this.ownerOf(row.booking) === accountId);
  }

  /** Every booking of the account, past, upcoming and cancelled, soonest last. */
  allFor(accountId: string): BookingRecord[] {
    return bookingWithSlotWhere(this.db, inArray(bookings.ownerIndex, this.cipher.blindIndexCandidates("owner", accountId)))
      .orderBy(asc(slots.startsAt))
      .all()
      .filter((row) => this.ownerOf(row.booking) === accountId)
      .map((row) => this.toRecord(row.booking, row.doctorId, row.startsAt));
  }

  /**
   * Every way of cancelling comes here, so none of them leaves a reminder pending for a cancelled visit,
   * and each frees the slot for the waiting list in the same transaction.
   */
  markCancelled(bookingId: string, by: CancelledBy, reason: StaffCancelReason | null = null): void {
    const before = this.countedFactsOf(bookingId);
    if (before && before.status !== "cancelled") this.counts.cancelled(before.serviceId, before.startsAt);
    this.reminders.dropPending(bookingId);
    if (before) this.waitlist.slotFreed(before.slotId);
    this.db
      .update(bookings)
      .set({ status: "cancelled", cancelledAt: this.clock.now().toISOString(), cancelledBy: by, cancelReason: reason })
      .where(eq(bookings.id, bookingId))
      .run();
  }

  /**
   * Points the booking at another slot: the old one is free from this moment. A confirmation was for the
   * old time, so the booking is merely booked again; the pending reminders of the old time go. A booking
   * the clinic had cancelled is in force again at the new time. The old time, if the booking still held
   * it, goes to the waiting list in the same transaction.
   */
  moveTo(bookingId: string, slotId: string, seat = 1): void {
    const before = this.countedFactsOf(bookingId);
    if (before && before.status !== "cancelled") this.waitlist.slotFreed(before.slotId);
    this.reminders.dropPending(bookingId);
    this.db
      .update(bookings)
      .set({ slotId, seat, status: "booked", movedAt: this.clock.now().toISOString(), movedFromSlotId: before?.slotId ?? null, cancelledAt: null, cancelledBy: null, cancelReason: null })
      .where(eq(bookings.id, bookingId))
      .run();
    if (before) this.counts.moved(before.serviceId, before.startsAt, this.countedFactsOf(bookingId)!.startsAt);
  }

  /** The slot the booking holds (or held, if cancelled). */
  slotOf(bookingId: string): string | undefined {
    return this.db.select({ slotId: bookings.slotId }).from(bookings).where(eq(bookings.id, bookingId)).get()?.slotId;
  }

  /** The patient answered a reminder: they will come. Only a booking still merely booked changes. */
  markConfirmed(bookingId: string): void {
    this.db.update(bookings).set({ status: "confirmed" }).where(and(eq(bookings.id, bookingId), eq(bookings.status, "booked"))).run();
  }

  /** The staff group's message that shows this booking's card, to edit when its state changes. */
  setStaffMessage(bookingId: string, messageId: number): void {
    this.prepared.setStaffMessage.run({ bookingId, messageId });
  }

  staffMessageOf(bookingId: string): number | undefined {
    return this.db.select({ messageId: bookings.staffMessageId }).from(bookings).where(eq(bookings.id, bookingId)).get()?.messageId ?? undefined;
  }

  /** Records what staff saw on the day: the person came, or did not. */
  markVisit(bookingId: string, outcome: VisitOutcome): void {
    const before = this.countedFactsOf(bookingId);
    this.db.update(bookings).set({ status: outcome }).where(eq(bookings.id, bookingId)).run();
    if (!before || before.status === outcome) return;
    if (outcome === "no_show") this.counts.noShow(before.serviceId, before.startsAt, "recorded");
    else if (before.status === "no_show") this.counts.noShow(before.serviceId, before.startsAt, "undone");
  }

  /** What the anonymous monthly counts need of a booking: its service, its time and its state. */
  private countedFactsOf(bookingId: string): { serviceId: string; slotId: string; startsAt: string; status: BookingStatus } | undefined {
    return this.prepared.countedFacts.get({ bookingId });
  }

  /** Any booking by id, with its owner's account: for the staff group, which acts on every booking. */
  findForStaff(bookingId: string): StaffBookingRecord | undefined {
    const row = this.prepared.byId.get({ bookingId });
    return row && { ...this.toRecord(row.booking, row.doctorId, row.startsAt), accountId: this.ownerOf(row.booking) };
  }

  findForStaffByNumber(number: string): StaffBookingRecord | undefined {
    const id = this.idOfNumber(number);
    return id === undefined ? undefined : this.findForStaff(id);
  }

  /** Bookings holding a slot that starts in [from, until), in time order: a day's list for staff. */
  heldBetween(from: string, until: string): StaffBookingRecord[] {
    return bookingWithSlotWhere(this.db, and(ne(bookings.status, "cancelled"), gte(slots.startsAt, from), lt(slots.startsAt, until)))
      .orderBy(asc(slots.startsAt))
      .all()
      .map((row) => ({ ...this.toRecord(row.booking, row.doctorId, row.startsAt), accountId: this.ownerOf(row.booking) }));
  }

  /** Points a booking at another patient (after the IIN was corrected). */
  repointPatient(bookingId: string, patientId: string): void {
    this.db
      .update(bookings)
      .set({ patientCt: this.cipher.encrypt(bookingRef(bookingId, "patient_ct"), patientId) })
      .where(eq(bookings.id, bookingId))
      .run();
  }

  /**
   * The finished bookings whose retention period has run out (src/domain/retention.ts), oldest first, at
   * most `limit`: erasing them and asking again gives the next ones.
   */
  finishedPastRetention(cutoffs: RetentionCutoffs, limit: number): ExpiredBooking[] {
    return this.db
      .select({ booking: bookings })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(finishedPastRetention(cutoffs))
      .orderBy(asc(slots.endsAt), asc(bookings.id))
      .limit(limit)
      .all()
      .map(({ booking }) => ({ id: booking.id, number: booking.number, accountId: this.ownerOf(booking) }));
  }

  /** How many bookings `finishedPastRetention` would give, all batches together (the admin's dry run). */
  countFinishedPastRetention(cutoffs: RetentionCutoffs): number {
    return this.db.select({ bookings: count() }).from(bookings).innerJoin(slots, eq(slots.id, bookings.slotId)).where(finishedPastRetention(cutoffs)).get()?.bookings ?? 0;
  }

  /** Deletes bookings (an erasure, a withdrawal); the slots they held are freed for the waiting list. */
  delete(bookingIds: readonly string[]): void {
    for (let index = 0; index < bookingIds.length; index += 500) {
      const batch = bookingIds.slice(index, index + 500);
      const held = this.db.select({ slotId: bookings.slotId }).from(bookings).where(and(inArray(bookings.id, batch), ne(bookings.status, "cancelled"))).all();
      for (const { slotId } of held) this.waitlist.slotFreed(slotId);
      this.db.delete(bookings).where(inArray(bookings.id, batch)).run();
    }
  }

  private unusedBookingNumber(): string {
    for (;;) {
      const number = this.ids.bookingNumber();
      if (this.idOfNumber(number) === undefined) return number;
    }
  }

  private idOfNumber(number: string): string | undefined {
    return this.prepared.idByNumber.get({ number })?.id;
  }

  private ownerOf(row: BookingRow): string {
    return this.cipher.decrypt(bookingRef(row.id, "account_ct"), row.accountCt);
  }

  private patientIdOf(row: BookingRow): string {
    return this.cipher.decrypt(bookingRef(row.id, "patient_ct"), row.patientCt);
  }

  private toView(row: BookingRow, doctorId: string, startsAt: string): BookingView {
    return {
      id: row.id,
      number: row.number,
      serviceId: row.serviceId,
      doctorId,
      startsAt,
      patientName: this.patients.personFor(this.ownerOf(row), this.patientIdOf(row)).fullName,
      ...(row.courseId === null ? {} : { course: { id: row.courseId, number: row.sessionNumber ?? 1, count: row.sessionCount ?? 1 } }),
    };
  }

  private toRecord(row: BookingRow, doctorId: string, startsAt: string): BookingRecord {
    return {
      ...this.toView(row, doctorId, startsAt),
      patientId: this.patientIdOf(row),
      status: row.status,
      createdAt: row.createdAt,
      cancelledAt: row.cancelledAt,
      cancelledBy: row.cancelledBy,
      cancelReason: row.cancelReason,
      movedAt: row.movedAt,
      movedFrom: row.movedFromSlotId === null ? null : (this.db.select({ startsAt: slots.startsAt }).from(slots).where(eq(slots.id, row.movedFromSlotId)).get()?.startsAt ?? null),
    };
  }
}

/**
 * Finished (its slot's end and any cancellation both past) at or before `finishedBy`, and no longer
 * rebookable: the clinic's own cancellations stay while `isRebookable` would still allow a new time.
 * The slot's start bounds the search by its index (a slot starts before it ends).
 */
function finishedPastRetention({ finishedBy, rebookableAfter }: RetentionCutoffs): SQL {
  const stillRebookable = and(
    eq(bookings.status, "cancelled"),
    eq(bookings.cancelledBy, "staff"),
    inArray(bookings.cancelReason, [...CLINICS_OWN_CANCEL_REASONS]),
    gt(slots.startsAt, rebookableAfter),
  );
  return and(
    lte(slots.startsAt, finishedBy),
    lte(slots.endsAt, finishedBy),
    or(isNull(bookings.cancelledAt), lte(bookings.cancelledAt, finishedBy)),
    // coalesce: the test is NULL, never false, for a booking without a cancellation (SQL's three values).
    not(sql`coalesce(${stillRebookable}, 0)`),
    // A session of a course is kept until the whole course has finished (§5: "до завершения курса лечения").
    sql`("bookings"."course_id" is null or not exists (
      select 1 from "bookings" as "sibling" join "slots" as "sibling_slot" on "sibling_slot"."id" = "sibling"."slot_id"
      where "sibling"."course_id" = "bookings"."course_id"
        and not ("sibling_slot"."ends_at" <= ${finishedBy} or ("sibling"."status" = 'cancelled' and "sibling"."cancelled_at" <= ${finishedBy}))
    ))`,
  )!;
}

/** An account's upcoming active bookings (the fair-use rule, /appointments), under each of `owners` blind indexes. */
function prepareUpcoming(db: Executor, owners: number) {
  const candidates = candidatePlaceholders("owner", owners).map((name) => sql.placeholder(name));
  return db
    .select({ booking: bookings, doctorId: slots.doctorId, startsAt: slots.startsAt, endsAt: slots.endsAt })
    .from(bookings)
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .where(and(inArray(bookings.ownerIndex, candidates), inArray(bookings.status, ["booked", "confirmed"]), gte(slots.startsAt, sql.placeholder("now"))))
    .orderBy(asc(slots.startsAt))
    .prepare();
}

/** A booking with its slot's specialist and time, the row the records of a booking are made of. */
interface BookingWithSlot {
  booking: BookingRow;
  doctorId: string;
  startsAt: string;
}

/** A booking read with its slot, by a column of its own. */
function bookingWithSlotWhere(db: Executor, which: SQL | undefined) {
  return db.select({ booking: bookings, doctorId: slots.doctorId, startsAt: slots.startsAt }).from(bookings).innerJoin(slots, eq(slots.id, bookings.slotId)).where(which);
}

function prepareStatements(db: Executor) {
  const bookingId = sql.placeholder("bookingId");
  return {
    byId: bookingWithSlotWhere(db, eq(bookings.id, bookingId)).prepare(),
    byDraftKey: bookingWithSlotWhere(db, eq(bookings.draftKey, sql.placeholder("draftKey"))).prepare(),
    idByNumber: db.select({ id: bookings.id }).from(bookings).where(eq(bookings.number, sql.placeholder("number"))).prepare(),
    activeIn: db
      .select({ serviceId: bookings.serviceId, seat: bookings.seat })
      .from(bookings)
      .where(and(eq(bookings.slotId, sql.placeholder("slotId")), ne(bookings.status, "cancelled")))
      .prepare(),
    countedFacts: db
      .select({ serviceId: bookings.serviceId, slotId: bookings.slotId, startsAt: slots.startsAt, status: bookings.status })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(eq(bookings.id, bookingId))
      .prepare(),
    insert: db
      .insert(bookings)
      .values({
        id: sql.placeholder("id"),
        number: sql.placeholder("number"),
        slotId: sql.placeholder("slotId"),
        serviceId: sql.placeholder("serviceId"),
        status: "booked",
        ownerIndex: sql.placeholder("ownerIndex"),
        accountCt: sql.placeholder("accountCt"),
        patientCt: sql.placeholder("patientCt"),
        createdAt: sql.placeholder("createdAt"),
        draftKey: sql.placeholder("draftKey"),
        courseId: sql.placeholder("courseId"),
        sessionNumber: sql.placeholder("sessionNumber"),
        sessionCount: sql.placeholder("sessionCount"),
        seat: sql.placeholder("seat"),
      })
      .prepare(),
    setStaffMessage: db.update(bookings).set({ staffMessageId: sql`${sql.placeholder("messageId")}` }).where(eq(bookings.id, bookingId)).prepare(),
  };
}

function bookingRef(rowId: string, column: string) {
  return { table: "bookings", column, rowId };
}
