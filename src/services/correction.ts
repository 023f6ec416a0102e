import type { Clock } from "../clock";
import { isOpen } from "../domain/booking-status";
import type { Repositories, Store } from "../store";
import type { Actor } from "../store/audit";
import { changedNotice } from "./staff-notices";

export type CorrectableField = "fullName" | "phone" | "iin";

/** What comes with a corrected value besides the value itself. */
export interface CorrectionDetails {
  /** The phone was shared from the sender's own Telegram contact. */
  phoneConfirmed?: boolean;
  /** For a corrected IIN of a minor: the booker confirmed being the parent or legal representative (Law 94-V Art. 8). */
  representativeConfirmed?: boolean;
}

/**
 * `iin_in_use`: the corrected IIN is that of another person the same account booked for; merging the two
 * would silently change that person's bookings, so the caller corrects that person instead.
 */
/**
 * `withdrawn`: the person withdrew consent, and what is kept is held as the law requires, unchanged. A
 * restriction (/block, or the fund's on a paper request) does not stop a correction: a dispute about
 * accuracy is a usual reason to restrict (policy §8).
 */
export type CorrectionOutcome = { ok: true; upcomingChanged: number } | { ok: false; reason: "not_found" | "withdrawn" | "iin_in_use" };

/** The right to correct (/edit, and an admin on a paper request), audited by ids only. */
export class CorrectionService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Corrects what the account entered about a person it booked for. All of that person's bookings by the
   * account follow (they read the link), and the staff group is told about each upcoming one. The same
   * value again changes nothing and tells nobody, so a repeated request is harmless.
   */
  correct(accountId: string, patientId: string, field: CorrectableField, value: string, actor: Actor, details: CorrectionDetails = {}): CorrectionOutcome {
    return this.store.transaction((tx) => this.correctIn(tx, accountId, patientId, field, value, actor, details));
  }

  correctIn(
    tx: Repositories,
    accountId: string,
    patientId: string,
    field: CorrectableField,
    value: string,
    actor: Actor,
    details: CorrectionDetails = {},
  ): CorrectionOutcome {
    if (!tx.patients.isLinked(accountId, patientId)) return { ok: false, reason: "not_found" };
    if (tx.accounts.blockOf(accountId)?.blockedBy === "withdrawal") return { ok: false, reason: "withdrawn" };
    const before = tx.patients.personFor(accountId, patientId);
    if (before[field] === value) return { ok: true, upcomingChanged: 0 };
    let targetPatientId = patientId;
    if (field === "iin") {
      const existing = tx.patients.findIdByIin(value);
      if (existing && tx.patients.isLinked(accountId, existing)) return { ok: false, reason: "iin_in_use" };
      targetPatientId = existing ?? tx.patients.create(value);
    }
    // Read before the link changes: a booking's view reads the person through the link.
    const theirs = tx.bookings.allFor(accountId).filter((booking) => booking.patientId === patientId);
    if (field === "iin") {
      tx.patients.moveLink(accountId, patientId, targetPatientId, details.representativeConfirmed);
      for (const booking of theirs) tx.bookings.repointPatient(booking.id, targetPatientId);
      tx.patients.deleteOrphans([patientId]);
    } else if (field === "fullName") {
      tx.patients.updateName(accountId, patientId, value);
    } else {
      tx.patients.updatePhone(accountId, patientId, value, details.phoneConfirmed === true);
    }
    const now = this.clock.now().toISOString();
    const upcoming = theirs.filter((booking) => isOpen(booking.status) && booking.startsAt >= now);
    const channel = tx.accounts.find(accountId)!.channel;
    const person = tx.patients.personFor(accountId, targetPatientId);
    for (const booking of upcoming) tx.staffOutbox.enqueue(changedNotice(booking, before, person, channel));
    tx.audit.record({ actor: actor.kind, actorId: actor.id, action: "data.corrected", recordType: "patient", recordId: targetPatientId });
    return { ok: true, upcomingChanged: upcoming.length };
  }
}
