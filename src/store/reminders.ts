import { and, asc, eq, gt, inArray, lte, notExists, sql } from "drizzle-orm";
import type { IdSource } from "../clock";
import type { PlannedReminder } from "../domain/reminders";
import type { Executor } from "./database";
import { preparedOn } from "./prepared";
import { bookings, reminders, slots } from "./schema";

export interface DueReminder {
  id: string;
  bookingId: string;
  offsetHours: number;
  dueAt: string;
  /** A later reminder of the same booking is due as well: then this one is no longer worth sending. */
  overtaken: boolean;
}

/**
 * A send that was started may have reached the person even though the bot stopped before recording it:
 * such a reminder is sent once more after the restart, and never a third time (README "Reminders").
 */
const MAX_CLAIMS = 2;

/**
 * The `reminders` table: each row is claimed (pending → sending) before its message goes out and marked
 * sent after, so a restart between "due" and "sent" sends it once, and a crash in the middle of a send at
 * most twice.
 */
export class ReminderRepository {
  constructor(
    private readonly db: Executor,
    private readonly ids: IdSource,
  ) {}

  /**
   * The statements each send runs, built and compiled once per connection rather than once per
   * reminder (issue 14); a transaction's repositories share them.
   */
  private get prepared(): ReturnType<typeof prepareStatements> {
    return preparedOn(this.db, prepareStatements);
  }

  /** Every booking plans its reminders: one statement for all of them, compiled once per number of reminders. */
  plan(bookingId: string, planned: readonly PlannedReminder[]): void {
    if (planned.length === 0) return;
    const values: Record<string, string | number> = { bookingId };
    planned.forEach(({ offsetHours, dueAt }, row) => {
      values[`id${row}`] = this.ids.newId();
      values[`offsetHours${row}`] = offsetHours;
      values[`dueAt${row}`] = dueAt;
    });
    preparedOn(this.db, preparePlan, planned.length).run(values);
  }

  /**
   * Upcoming open bookings without a single reminder row: those made before reminders existed (a booking
   * made since always has its rows, unless it was made too late for any, and then planning again adds none).
   */
  unplannedUpcoming(now: Date): { bookingId: string; startsAt: string }[] {
    return this.db
      .select({ bookingId: bookings.id, startsAt: slots.startsAt })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(
        and(
          inArray(bookings.status, ["booked", "confirmed"]),
          gt(slots.startsAt, now.toISOString()),
          notExists(this.db.select({ id: reminders.id }).from(reminders).where(eq(reminders.bookingId, bookings.id))),
        ),
      )
      .all();
  }

  /** A cancelled booking is reminded of no more (called in the cancellation's transaction). */
  dropPending(bookingId: string): void {
    this.db.delete(reminders).where(and(eq(reminders.bookingId, bookingId), eq(reminders.state, "pending"))).run();
  }

  /**
   * Sends left half-done by a stopped process: each goes back to pending to be sent again, unless it was
   * already started twice (`id`: just this one, whose send failed without knowing whether it arrived).
   * Only one process delivers (the process lease), and one run at a time, so a
   * row still "sending" when a run begins belongs to no running send.
   */
  recoverInterrupted(id?: string): void {
    this.db
      .update(reminders)
      .set({ state: sql`case when ${reminders.claims} >= ${MAX_CLAIMS} then 'skipped' else 'pending' end` })
      .where(and(eq(reminders.state, "sending"), id === undefined ? undefined : eq(reminders.id, id)))
      .run();
  }

  /** Pending reminders whose time has come, the earliest first. */
  due(now: Date, limit: number): DueReminder[] {
    return this.prepared.due.all({ now: now.toISOString(), limit }).map((row) => ({ ...row, overtaken: Boolean(row.overtaken) }));
  }

  /** Takes a pending reminder for sending; false when it was not pending any more. */
  claim(id: string): boolean {
    return this.prepared.claim.run({ id }).changes === 1;
  }

  sent(id: string, at: Date): void {
    this.prepared.sent.run({ id, at: at.toISOString() });
  }

  skipped(id: string): void {
    this.db.update(reminders).set({ state: "skipped" }).where(eq(reminders.id, id)).run();
  }

  /** The channel refused the message, so it did not reach the person: pending again, the claim not counted. */
  refused(id: string): void {
    this.db
      .update(reminders)
      .set({ state: "pending", claims: sql`${reminders.claims} - 1` })
      .where(eq(reminders.id, id))
      .run();
  }

  /** What is planned and done for these bookings' reminders, the earliest first. */
  statesOf(bookingIds: readonly string[]): { bookingId: string; offsetHours: number; dueAt: string; state: string }[] {
    if (bookingIds.length === 0) return [];
    return this.db
      .select({ bookingId: reminders.bookingId, offsetHours: reminders.offsetHours, dueAt: reminders.dueAt, state: reminders.state })
      .from(reminders)
      .where(inArray(reminders.bookingId, bookingIds))
      .orderBy(asc(reminders.dueAt))
      .all();
  }
}

/** A booking's `count` pending reminders, written together; the values of row n are named `id${n}`, `offsetHours${n}`, `dueAt${n}`. */
function preparePlan(db: Executor, count: number) {
  const rows = Array.from({ length: count }, (_, row) => ({
    id: sql.placeholder(`id${row}`),
    bookingId: sql.placeholder("bookingId"),
    offsetHours: sql.placeholder(`offsetHours${row}`),
    dueAt: sql.placeholder(`dueAt${row}`),
    state: "pending" as const,
  }));
  return db.insert(reminders).values(rows).prepare();
}

function prepareStatements(db: Executor) {
  const now = sql.placeholder("now");
  const id = sql.placeholder("id");
  return {
    due: db
      .select({
        id: reminders.id,
        bookingId: reminders.bookingId,
        offsetHours: reminders.offsetHours,
        dueAt: reminders.dueAt,
        // Spelled out: drizzle leaves the columns of a one-table query unqualified, and inside the subquery they would name `later`'s.
        overtaken: sql<number>`exists (select 1 from reminders as later where later.booking_id = reminders.booking_id and later.due_at > reminders.due_at and later.due_at <= ${now})`,
      })
      .from(reminders)
      .where(and(eq(reminders.state, "pending"), lte(reminders.dueAt, now)))
      .orderBy(asc(reminders.dueAt))
      .limit(sql.placeholder("limit"))
      .prepare(),
    claim: db
      .update(reminders)
      .set({ state: "sending", claims: sql`${reminders.claims} + 1` })
      .where(and(eq(reminders.id, id), eq(reminders.state, "pending")))
      .prepare(),
    sent: db.update(reminders).set({ state: "sent", sentAt: sql`${sql.placeholder("at")}` }).where(eq(reminders.id, id)).prepare(),
  };
}
