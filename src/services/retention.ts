import type { Clock } from "../clock";
import { retentionCutoffs } from "../domain/retention";
import type { Repositories, Store } from "../store";
import type { ExpiredBooking } from "../store/bookings";
import { checkpoint } from "../store/database";

/** How many bookings one transaction erases: a long run never holds the write lock for long. */
export const RETENTION_BATCH = 200;

export interface RetentionRun {
  /** Finished bookings erased, all batches together. */
  erased: number;
  /** People removed with them: those a withdrawn account kept only for these visits. */
  peopleRemoved: number;
}

/**
 * Retention of finished bookings (policy §5.1, RETENTION_FINISHED_DAYS): once a booking has been
 * finished for the fund's period it is erased with everything that names it; the anonymous monthly
 * counts, which hold it since it was made, stay as they are. Which bookings are due is one query
 * (`finishedPastRetention` in the bookings repository) and erasing one is one function
 * (`eraseFinishedBookingsIn`), so that what a course of treatment adds can join both.
 */
export class RetentionService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** How many finished bookings a run with this period would erase now, changing nothing. */
  wouldErase(days: number): number {
    return this.store.bookings.countFinishedPastRetention(retentionCutoffs(this.clock.now(), days));
  }

  /**
   * Erases the finished bookings past the period, a batch per transaction, each batch with its audit
   * entry; a crash between batches leaves the rest for the next run, and a run with nothing due writes
   * nothing.
   */
  eraseFinished(days: number, batchSize = RETENTION_BATCH): RetentionRun {
    const cutoffs = retentionCutoffs(this.clock.now(), days);
    const run: RetentionRun = { erased: 0, peopleRemoved: 0 };
    for (;;) {
      const batch = this.store.transaction((tx) => {
        const expired = tx.bookings.finishedPastRetention(cutoffs, batchSize);
        if (expired.length === 0) return { erased: 0, peopleRemoved: 0 };
        eraseFinishedBookingsIn(tx, expired);
        const peopleRemoved = forgetPeopleKeptOnlyForThem(tx, expired);
        // By counts only: the erased ids would still point at the person in their own data copy.
        tx.audit.record({ actor: "system", action: "data.erased", recordType: "finished_bookings", recordId: String(expired.length) });
        return { erased: expired.length, peopleRemoved };
      });
      run.erased += batch.erased;
      run.peopleRemoved += batch.peopleRemoved;
      if (batch.erased < batchSize) break;
    }
    // With secure_delete on, folding the WAL back leaves no trace of the erased rows (as an erasure does).
    if (run.erased > 0) checkpoint(this.store.db);
    return run;
  }
}

/**
 * Erases finished bookings with what names them: their reminders (ON DELETE CASCADE), the undelivered
 * staff and patient notices about them, and their ids in the audit log. The monthly counts are left as
 * they are: they hold every booking since it was made, and nothing is "cancelled" by this erasure.
 */
export function eraseFinishedBookingsIn(tx: Repositories, finished: readonly ExpiredBooking[]): void {
  const numbers = finished.map((booking) => booking.number);
  const ids = finished.map((booking) => booking.id);
  tx.staffOutbox.dropAbout(numbers);
  tx.patientOutbox.dropAbout(numbers);
  tx.bookings.delete(ids);
  tx.audit.forgetIds(ids);
}

/**
 * A live account's people stay: they are the family members it saved to book again. A withdrawal kept
 * a person only for the visits that took place (src/services/withdrawal.ts); once those are erased, the
 * person goes the way the withdrawal took the others: unlinked, and the patient row too when nobody
 * else holds it. Returns how many people the accounts lost.
 */
function forgetPeopleKeptOnlyForThem(tx: Repositories, erased: readonly ExpiredBooking[]): number {
  let removed = 0;
  for (const accountId of new Set(erased.map((booking) => booking.accountId))) {
    if (!tx.accounts.find(accountId) || tx.accounts.currentConsent(accountId, "processing")) continue;
    const stillBooked = new Set(tx.bookings.allFor(accountId).map((booking) => booking.patientId));
    const unneeded = tx.patients
      .peopleOf(accountId)
      .map((person) => person.patientId)
      .filter((patientId) => !stillBooked.has(patientId));
    tx.patients.unlink(accountId, unneeded);
    tx.patients.deleteOrphans(unneeded);
    const kept = new Set(tx.patients.existing(unneeded));
    tx.audit.forgetIds(unneeded.filter((patientId) => !kept.has(patientId)));
    removed += unneeded.length;
  }
  return removed;
}
