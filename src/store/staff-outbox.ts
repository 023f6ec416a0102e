import { and, asc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Clock, IdSource } from "../clock";
import type { ChannelName } from "../domain/channel";
import type { SessionOf } from "../domain/courses";
import { DecryptionError, type FieldCipher } from "./crypto";
import type { Executor } from "./database";
import { preparedOn } from "./prepared";
import { staffOutbox } from "./schema";

/** What the staff group is told about a booking: the booking issue's list, and nothing more. */
export interface StaffNotice {
  kind: "booked" | "cancelled" | "changed" | "moved" | "rebooked" | "erased";
  number: string;
  serviceId: string;
  doctorId: string;
  startsAt: string;
  patientName: string;
  phone: string;
  maskedIin: string;
  channel: ChannelName;
  /**
   * On a new booking for "myself": another account also holds this IIN as "myself". An IIN typed in a
   * chat is a claim, so reception checks the identity document at the visit; nothing of that other
   * account is said.
   */
  iinClaimedElsewhere?: boolean;
  /**
   * On an erasure: the group's message that showed the booking's card, to be emptied of the person's
   * details (the booking, and with it the record of that message, is gone by delivery time).
   */
  staffMessageId?: number;
  /** On a move: when, and with whom, the booking was before. */
  movedFrom?: { startsAt: string; doctorId: string };
  /** On a correction: what each changed detail was before (staff may have the old one written down). */
  changedFrom?: { patientName?: string; phone?: string; maskedIin?: string };
  /** A session of a course: which one, of how many. */
  session?: SessionOf;
  /** The family cancelled the rest of a course: every session it cancelled, in one notice. */
  courseCancelled?: { sessions: { number: string; startsAt: string }[] };
}

/** A specialist's absence, told to staff once for all the bookings it cancelled (not one alert each). */
export interface AbsenceSummary {
  kind: "absence";
  /** The absence's record, which keeps the summary's message to edit as families choose new times. */
  absenceId?: string;
  doctorId: string;
  /** The first and last day away, clinic dates. */
  from: string;
  to: string;
  reason: string;
  /** The bookings it cancelled, whose cards in the group are edited to show it. */
  bookingNumbers: string[];
  cancelled: number;
  /** Of the cancelled, how many patients are being told in their chat; the others are to be called. */
  told: number;
}

/** A specialist removed from the catalogue while patients were booked with them: the same, once for all. */
export interface DoctorRemovedSummary {
  kind: "doctor_removed";
  doctorId: string;
  bookingNumbers: string[];
  cancelled: number;
  told: number;
}

/**
 * A change staff need to see on the booking's card but not as a message of its own (the patient pressed
 * "I'll come" under a reminder): only the card is edited.
 */
export interface CardRefresh {
  kind: "card_refresh";
  number: string;
}

/** A family whose booking an absence cancelled chose a new time: the absence's summary is edited to count it. */
export interface AbsenceProgress {
  kind: "absence_progress";
  absenceId: string;
}

/** Everything the staff outbox carries. */
export type StaffMessage = StaffNotice | AbsenceSummary | DoctorRemovedSummary | CardRefresh | AbsenceProgress;

export interface PendingStaffNotice {
  id: string;
  notice: StaffMessage;
  attempts: number;
}

const MAX_BACKOFF_MS = 15 * 60_000;

/**
 * Notices are written in the same transaction as the booking they announce and deleted once the staff
 * group has them, so a crash or a Telegram outage delays an alert but never loses it. A crash between
 * Telegram taking the message and the delete may send it twice: staff see a duplicate, never a gap.
 */
export class StaffOutboxRepository {
  constructor(
    private readonly db: Executor,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /** Every booking writes a notice, and the delivery right after it reads and deletes it: compiled once (issue 14). */
  private get prepared(): ReturnType<typeof prepareStatements> {
    return preparedOn(this.db, prepareStatements);
  }

  enqueue(notice: StaffMessage): void {
    const id = this.ids.newId();
    const now = this.clock.now().toISOString();
    this.prepared.enqueue.run({ id, payloadCt: this.cipher.encryptJson(ref(id), notice), createdAt: now, nextAttemptAt: now });
  }

  /**
   * Removes notices not yet delivered about these bookings: after an erasure the person's name and
   * phone must not wait in the outbox (the erasure sends its own notice without them).
   */
  dropAbout(bookingNumbers: readonly string[]): number {
    if (bookingNumbers.length === 0) return 0;
    const wanted = new Set(bookingNumbers);
    let dropped = 0;
    for (const row of this.db.select().from(staffOutbox).where(isNull(staffOutbox.setAsideAt)).all()) {
      const notice = this.read(row);
      if (notice && "number" in notice && wanted.has(notice.number)) dropped += this.db.delete(staffOutbox).where(eq(staffOutbox.id, row.id)).run().changes;
    }
    return dropped;
  }

  /**
   * Notices whose time has come, oldest first. One that cannot be read is set aside on the way (and
   * counted in `unreadable`), so a single damaged row never stops the alerts behind it.
   */
  due(limit = 20): { pending: PendingStaffNotice[]; unreadable: number } {
    const rows = this.prepared.due.all({ now: this.clock.now().toISOString(), limit });
    const pending: PendingStaffNotice[] = [];
    let unreadable = 0;
    for (const row of rows) {
      const notice = this.read(row);
      if (notice) {
        pending.push({ id: row.id, attempts: row.attempts, notice });
      } else {
        this.db.update(staffOutbox).set({ setAsideAt: this.clock.now().toISOString() }).where(eq(staffOutbox.id, row.id)).run();
        unreadable += 1;
      }
    }
    return { pending, unreadable };
  }

  /** How many notices wait, and how many were set aside as unreadable (with when the first was). */
  summary(): { pending: number; setAside: number; firstSetAsideAt: string | null } {
    const [row] = this.db
      .select({
        pending: sql<number>`count(*) filter (where ${staffOutbox.setAsideAt} is null)`,
        setAside: sql<number>`count(${staffOutbox.setAsideAt})`,
        firstSetAsideAt: sql<string | null>`min(${staffOutbox.setAsideAt})`,
      })
      .from(staffOutbox)
      .all();
    return { pending: row?.pending ?? 0, setAside: row?.setAside ?? 0, firstSetAsideAt: row?.firstSetAsideAt ?? null };
  }

  /** Deletes the notices set aside: what they said can no longer be read by anyone. */
  purgeSetAside(): number {
    return this.db.delete(staffOutbox).where(isNotNull(staffOutbox.setAsideAt)).run().changes;
  }

  private read(row: typeof staffOutbox.$inferSelect): StaffMessage | undefined {
    try {
      return this.cipher.decryptJson<StaffMessage>(ref(row.id), row.payloadCt);
    } catch (error) {
      if (error instanceof DecryptionError || error instanceof SyntaxError) return undefined;
      throw error;
    }
  }

  delivered(id: string): void {
    this.prepared.delivered.run({ id });
  }

  failed(id: string, attempts: number): void {
    const backoff = Math.min(MAX_BACKOFF_MS, 2 ** attempts * 5_000);
    this.db
      .update(staffOutbox)
      .set({ attempts: attempts + 1, nextAttemptAt: new Date(this.clock.now().getTime() + backoff).toISOString() })
      .where(eq(staffOutbox.id, id))
      .run();
  }
}

function prepareStatements(db: Executor) {
  return {
    enqueue: db
      .insert(staffOutbox)
      .values({ id: sql.placeholder("id"), payloadCt: sql.placeholder("payloadCt"), createdAt: sql.placeholder("createdAt"), nextAttemptAt: sql.placeholder("nextAttemptAt") })
      .prepare(),
    due: db
      .select()
      .from(staffOutbox)
      .where(and(isNull(staffOutbox.setAsideAt), lte(staffOutbox.nextAttemptAt, sql.placeholder("now"))))
      .orderBy(asc(staffOutbox.createdAt))
      .limit(sql.placeholder("limit"))
      .prepare(),
    delivered: db.delete(staffOutbox).where(eq(staffOutbox.id, sql.placeholder("id"))).prepare(),
  };
}

function ref(id: string) {
  return { table: "staff_outbox", column: "payload_ct", rowId: id };
}
