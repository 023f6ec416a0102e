import { REBOOK_WITHIN_DAYS } from "./booking-status";

const DAY_MS = 86_400_000;

/**
 * Retention of finished bookings (policy §5.1; RETENTION_FINISHED_DAYS). The policy names no period
 * ("Активные записи — хранятся до завершения курса лечения", history "в соответствии с основными
 * стандартами"), so the fund sets one; unset, nothing is erased on a timer.
 *
 * A booking is finished once its appointment is over (whatever its state) or it was cancelled, and it
 * is finished at the later of its slot's end and its cancellation: a booking cancelled weeks ahead
 * still finishes when its time has passed, one cancelled after its time (by staff, say) when it was
 * cancelled. It is erased `days` after it finished, and never while its family may still give it a new
 * time (a clinic's cancellation, `isRebookable`): the period cannot cut the rebooking window short.
 */
export interface RetentionCutoffs {
  /** Finished at or before this instant: the period has run out. */
  finishedBy: string;
  /** A clinic-cancelled booking whose time was after this instant may still be rebooked: kept. */
  rebookableAfter: string;
}

export function retentionCutoffs(now: Date, days: number): RetentionCutoffs {
  return {
    finishedBy: new Date(now.getTime() - days * DAY_MS).toISOString(),
    rebookableAfter: new Date(now.getTime() - REBOOK_WITHIN_DAYS * DAY_MS).toISOString(),
  };
}
