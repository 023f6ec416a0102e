/**
 * The appointment's life (design.md, December 2026): booked → confirmed by the patient → attended or
 * no_show (set by staff), or cancelled at any point before the visit. A move keeps the booking (its
 * number, its person) and changes its slot: it is booked again, at the new time, and says when it moved.
 */
export const BOOKING_STATUSES = ["booked", "confirmed", "attended", "no_show", "cancelled"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Who cancelled: the patient (/appointments), staff (the group), or the bot itself (an erasure, a withdrawal). */
export type CancelledBy = "patient" | "staff" | "system";

/**
 * Why staff cancelled, as a code: a typed reason could hold a diagnosis or a name, and the reason is
 * kept on the booking and shown to the patient, so staff choose from this list.
 */
export const STAFF_CANCEL_REASONS = ["specialist_absent", "clinic_closed", "patient_asked", "duplicate"] as const;
export type StaffCancelReason = (typeof STAFF_CANCEL_REASONS)[number];

/** What staff record about a visit once its day has come. */
export type VisitOutcome = "attended" | "no_show";

/** Whether the booking still holds its slot: every state but cancelled does (a past visit keeps its time). */
export function holdsSlot(status: BookingStatus): boolean {
  return status !== "cancelled";
}

/** Whether the visit is still to come as far as anyone knows: booked or confirmed, not yet marked. */
export function isOpen(status: BookingStatus): boolean {
  return status === "booked" || status === "confirmed";
}

/** How close to the appointment a patient may still move or cancel it in the chat (CHANGE_CUTOFF_HOURS). */
export const DEFAULT_CHANGE_CUTOFF_HOURS = 2;

/**
 * Whether the appointment is too close for the patient to change it in the chat: reception has planned
 * the hour, so from then on the clinic's phone is the way.
 */
export function isTooLateToChange(startsAt: string, now: Date, cutoffHours: number): boolean {
  return Date.parse(startsAt) - now.getTime() < cutoffHours * 3_600_000;
}

/** The staff cancellations that were the clinic's doing, not the family's: those bookings may be rebooked. */
export const CLINICS_OWN_CANCEL_REASONS: readonly StaffCancelReason[] = ["specialist_absent", "clinic_closed"];

/** How long after a clinic's cancellation the family may still choose a new time for that booking. */
export const REBOOK_WITHIN_DAYS = 30;

/**
 * Whether a cancelled booking may be given a new time by its family: only when the clinic cancelled it
 * for its own reasons (the specialist away, the clinic closed), not when the family asked or it was a
 * duplicate, and only for a while after the time it had.
 */
export function isRebookable(
  booking: { status: BookingStatus; cancelledBy: CancelledBy | null; cancelReason: StaffCancelReason | null; startsAt: string },
  now: Date,
): boolean {
  const clinicsOwnReason = booking.cancelReason !== null && CLINICS_OWN_CANCEL_REASONS.includes(booking.cancelReason);
  return booking.status === "cancelled" && booking.cancelledBy === "staff" && clinicsOwnReason && Date.parse(booking.startsAt) > now.getTime() - REBOOK_WITHIN_DAYS * 86_400_000;
}
