import { asc, eq, lte } from "drizzle-orm";
import type { Clock, IdSource } from "../clock";
import type { ChannelName } from "../domain/channel";
import type { FieldCipher } from "./crypto";
import type { Executor } from "./database";
import { staffOutbox } from "./schema";

/** What the staff group is told about a booking: the booking issue's list, and nothing more. */
export interface StaffNotice {
  kind: "booked" | "cancelled" | "changed" | "erased";
  number: string;
  serviceId: string;
  doctorId: string;
  startsAt: string;
  patientName: string;
  phone: string;
  maskedIin: string;
  channel: ChannelName;
}

export interface PendingStaffNotice {
  id: string;
  notice: StaffNotice;
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

  enqueue(notice: StaffNotice): void {
    const id = this.ids.newId();
    const now = this.clock.now().toISOString();
    this.db
      .insert(staffOutbox)
      .values({ id, payloadCt: this.cipher.encryptJson(ref(id), notice), createdAt: now, nextAttemptAt: now })
      .run();
  }

  /**
   * Removes notices not yet delivered about these bookings: after an erasure the person's name and
   * phone must not wait in the outbox (the erasure sends its own notice without them).
   */
  dropAbout(bookingNumbers: readonly string[]): number {
    if (bookingNumbers.length === 0) return 0;
    const wanted = new Set(bookingNumbers);
    let dropped = 0;
    for (const row of this.db.select().from(staffOutbox).all()) {
      const notice = this.cipher.decryptJson<StaffNotice>(ref(row.id), row.payloadCt);
      if (wanted.has(notice.number)) dropped += this.db.delete(staffOutbox).where(eq(staffOutbox.id, row.id)).run().changes;
    }
    return dropped;
  }

  due(limit = 20): PendingStaffNotice[] {
    return this.db
      .select()
      .from(staffOutbox)
      .where(lte(staffOutbox.nextAttemptAt, this.clock.now().toISOString()))
      .orderBy(asc(staffOutbox.createdAt))
      .limit(limit)
      .all()
      .map((row) => ({ id: row.id, attempts: row.attempts, notice: this.cipher.decryptJson<StaffNotice>(ref(row.id), row.payloadCt) }));
  }

  delivered(id: string): void {
    this.db.delete(staffOutbox).where(eq(staffOutbox.id, id)).run();
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

function ref(id: string) {
  return { table: "staff_outbox", column: "payload_ct", rowId: id };
}
