import type { Clock } from "../clock";
import { isOpen } from "../domain/booking-status";
import { addDays, zonedWallTimeToInstant } from "../domain/slots";
import type { Repositories, Store } from "../store";
import type { Actor } from "../store/audit";

/** Later than any booking: "from now on". */
const FAR_FUTURE = "9999-12-31T00:00:00.000Z";

export interface AbsenceRequest {
  doctorId: string;
  /** First and last day away, clinic dates (YYYY-MM-DD), both included. */
  from: string;
  to: string;
  reason: string;
}

export type AbsenceRefusal = { ok: false; reason: "unknown_doctor" | "period_reversed" | "period_past" };

export type AbsenceOutcome = { ok: true; cancelled: number; told: number } | AbsenceRefusal;

/** What recording the absence now would do: how many bookings it would cancel. */
export type AbsencePreview = { ok: true; affected: number } | AbsenceRefusal;

interface Period {
  startsAt: string;
  endsAt: string;
  /** From when bookings are affected: the start of the period, or now if it has begun. */
  from: string;
}

/**
 * A specialist's absence: no slot of theirs is offered in the period from now on, every booking still to
 * come in it is cancelled by the clinic ("the specialist cannot see patients"), each patient is told on
 * their own channel in their language (through the patient outbox), and staff get one summary instead
 * of one alert per booking. All in one transaction: a failure changes nothing.
 */
export class AbsenceService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  /** The question staff confirm in the group: is the request valid, and how many bookings it would cancel. */
  preview(request: AbsenceRequest): AbsencePreview {
    return this.store.transaction((tx): AbsencePreview => {
      const period = this.periodOf(tx, request);
      if (!("startsAt" in period)) return period;
      return { ok: true, affected: this.heldIn(tx, request.doctorId, period.from, period.endsAt).length };
    });
  }

  record(request: AbsenceRequest, actor: Actor): AbsenceOutcome {
    return this.store.transaction((tx): AbsenceOutcome => {
      const period = this.periodOf(tx, request);
      if (!("startsAt" in period)) return period;
      const { startsAt, endsAt, from } = period;
      const absenceId = tx.absences.insert({ doctorId: request.doctorId, startsAt, endsAt, reason: request.reason });
      tx.audit.record({ actor: actor.kind, actorId: actor.id, action: "absence.recorded", recordType: "absence", recordId: absenceId });
      const { numbers, told } = this.cancelHeld(tx, request.doctorId, from, endsAt, actor);
      tx.absences.recordOutcome(absenceId, numbers.length, told);
      tx.staffOutbox.enqueue({ kind: "absence", absenceId, doctorId: request.doctorId, from: request.from, to: request.to, reason: request.reason, bookingNumbers: numbers, cancelled: numbers.length, told });
      return { ok: true, cancelled: numbers.length, told };
    });
  }

  /**
   * After a catalogue import: a specialist no longer in the catalogue cannot see the patients booked
   * with them, so it is as if they were away from now on. Their bookings still to come are cancelled
   * and the patients told, and staff get one summary per specialist. Nothing to do is the usual case.
   */
  cancelForRemovedDoctors(actor: Actor): { doctors: number; cancelled: number } {
    return this.store.transaction((tx) => {
      const now = this.clock.now().toISOString();
      const removed = new Set(tx.catalog.inactiveDoctorIds());
      const doctorIds = new Set(
        tx.bookings
          .heldBetween(now, FAR_FUTURE)
          .filter((booking) => removed.has(booking.doctorId) && isOpen(booking.status))
          .map((booking) => booking.doctorId),
      );
      let cancelled = 0;
      for (const doctorId of doctorIds) {
        const { numbers, told } = this.cancelHeld(tx, doctorId, now, FAR_FUTURE, actor);
        tx.staffOutbox.enqueue({ kind: "doctor_removed", doctorId, bookingNumbers: numbers, cancelled: numbers.length, told });
        cancelled += numbers.length;
      }
      return { doctors: doctorIds.size, cancelled };
    });
  }

  private periodOf(tx: Repositories, request: AbsenceRequest): Period | AbsenceRefusal {
    if (!tx.catalog.doctor(request.doctorId)) return { ok: false, reason: "unknown_doctor" };
    if (request.to < request.from) return { ok: false, reason: "period_reversed" };
    const now = this.clock.now().toISOString();
    const startsAt = zonedWallTimeToInstant(request.from, "00:00", this.timeZone).toISOString();
    const endsAt = zonedWallTimeToInstant(addDays(request.to, 1), "00:00", this.timeZone).toISOString();
    if (endsAt <= now) return { ok: false, reason: "period_past" };
    return { startsAt, endsAt, from: startsAt > now ? startsAt : now };
  }

  private heldIn(tx: Repositories, doctorId: string, from: string, until: string) {
    return tx.bookings.heldBetween(from, until).filter((booking) => booking.doctorId === doctorId && isOpen(booking.status));
  }

  /**
   * Cancels the doctor's open bookings in [from, until) for their absence, each patient told unless
   * blocked: once per booking, and once per course for all of its sessions the absence covers.
   */
  private cancelHeld(tx: Repositories, doctorId: string, from: string, until: string, actor: Actor): { numbers: string[]; told: number } {
    const affected = this.heldIn(tx, doctorId, from, until);
    for (const booking of affected) {
      tx.bookings.markCancelled(booking.id, "staff", "specialist_absent");
      tx.audit.record({ actor: actor.kind, actorId: actor.id, action: "booking.cancelled", recordType: "booking", recordId: booking.id });
    }
    let told = 0;
    for (const group of byCourse(affected)) {
      const [first] = group;
      // A blocked account is sent nothing (policy §8); the summary counts it among those to call.
      if (!first || tx.accounts.blockOf(first.accountId)) continue;
      const { number, serviceId, startsAt } = first;
      const sessions = group.flatMap((booking) => (booking.course ? [{ number: booking.number, session: { number: booking.course.number, count: booking.course.count }, startsAt: booking.startsAt }] : []));
      tx.patientOutbox.enqueue(first.accountId, { kind: "cancelled_by_clinic", number, serviceId, doctorId, startsAt, reason: "specialist_absent", ...(sessions.length > 0 ? { sessions } : {}) });
      told += group.length;
    }
    return { numbers: affected.map((booking) => booking.number), told };
  }
}

/** Bookings one by one, except that the sessions of one course go together. */
function byCourse<B extends { id: string; course?: { id: string } }>(bookings: readonly B[]): B[][] {
  const groups = new Map<string, B[]>();
  for (const booking of bookings) {
    const key = booking.course ? `course:${booking.course.id}` : booking.id;
    groups.set(key, [...(groups.get(key) ?? []), booking]);
  }
  return [...groups.values()];
}
