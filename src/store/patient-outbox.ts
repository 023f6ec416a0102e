import { asc, eq, inArray, lte } from "drizzle-orm";
import type { Clock, IdSource } from "../clock";
import type { StaffCancelReason } from "../domain/booking-status";
import type { SessionOf } from "../domain/courses";
import { DecryptionError, type FieldCipher } from "./crypto";
import type { Executor } from "./database";
import { patientOutbox } from "./schema";

/** What a patient is told without having asked: their booking was cancelled by the clinic, and why. */
export interface ClinicCancellationNotice {
  kind: "cancelled_by_clinic";
  number: string;
  serviceId: string;
  doctorId: string;
  startsAt: string;
  reason: StaffCancelReason;
  /**
   * Sessions of one course cancelled together (a specialist's absence): told in one message with a
   * new-time button for each, not one message per session. The fields above are the first session's.
   */
  sessions?: { number: string; session: SessionOf; startsAt: string }[];
}

/** A freed slot offered from the waiting list, held for the person until `holdUntil`. */
export interface WaitlistOfferNotice {
  kind: "waitlist_offer";
  offerId: string;
  serviceId: string;
  doctorId: string;
  startsAt: string;
  holdUntil: string;
  /** The name of the person who waits, as the account entered it. */
  patientName: string;
}

export type PatientNotice = ClinicCancellationNotice | WaitlistOfferNotice;

export interface PendingPatientNotice {
  id: string;
  accountId: string;
  attempts: number;
  notice: PatientNotice;
}

const MAX_BACKOFF_MS = 15 * 60_000;

/**
 * Notices to patients, written in the transaction of the change they announce and deleted once the
 * patient's channel took them: a crash or a channel outage delays one, never loses it. A crash between
 * the channel taking it and the delete sends it twice (at least once, README "Operations").
 */
export class PatientOutboxRepository {
  constructor(
    private readonly db: Executor,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  enqueue(accountId: string, notice: PatientNotice): string {
    const id = this.ids.newId();
    const now = this.clock.now().toISOString();
    this.db
      .insert(patientOutbox)
      .values({ id, accountId, payloadCt: this.cipher.encryptJson(ref(id), notice), createdAt: now, nextAttemptAt: now })
      .run();
    return id;
  }

  /** Notices whose time has come, oldest first; one that cannot be read is dropped (it could never be sent). */
  due(limit = 50): PendingPatientNotice[] {
    const rows = this.db
      .select()
      .from(patientOutbox)
      .where(lte(patientOutbox.nextAttemptAt, this.clock.now().toISOString()))
      .orderBy(asc(patientOutbox.createdAt))
      .limit(limit)
      .all();
    const pending: PendingPatientNotice[] = [];
    for (const row of rows) {
      const notice = this.read(row);
      if (notice) pending.push({ id: row.id, accountId: row.accountId, attempts: row.attempts, notice });
      else this.delivered(row.id);
    }
    return pending;
  }

  isPending(id: string): boolean {
    return Boolean(this.db.select({ id: patientOutbox.id }).from(patientOutbox).where(eq(patientOutbox.id, id)).get());
  }

  /** After an erasure of these bookings, nothing about them may wait to be sent. */
  dropAbout(bookingNumbers: readonly string[]): void {
    if (bookingNumbers.length === 0) return;
    const wanted = new Set(bookingNumbers);
    const ids = this.db
      .select()
      .from(patientOutbox)
      .all()
      .filter((row) => {
        const notice = this.read(row);
        return notice === undefined || (notice.kind === "cancelled_by_clinic" && [notice.number, ...(notice.sessions ?? []).map((session) => session.number)].some((number) => wanted.has(number)));
      })
      .map((row) => row.id);
    if (ids.length > 0) this.db.delete(patientOutbox).where(inArray(patientOutbox.id, ids)).run();
  }

  delivered(id: string): void {
    this.db.delete(patientOutbox).where(eq(patientOutbox.id, id)).run();
  }

  failed(id: string, attempts: number): void {
    const backoff = Math.min(MAX_BACKOFF_MS, 2 ** attempts * 5_000);
    this.db
      .update(patientOutbox)
      .set({ attempts: attempts + 1, nextAttemptAt: new Date(this.clock.now().getTime() + backoff).toISOString() })
      .where(eq(patientOutbox.id, id))
      .run();
  }

  private read(row: typeof patientOutbox.$inferSelect): PatientNotice | undefined {
    try {
      return this.cipher.decryptJson<PatientNotice>(ref(row.id), row.payloadCt);
    } catch (error) {
      if (error instanceof DecryptionError || error instanceof SyntaxError) return undefined;
      throw error;
    }
  }
}

function ref(id: string) {
  return { table: "patient_outbox", column: "payload_ct", rowId: id };
}
