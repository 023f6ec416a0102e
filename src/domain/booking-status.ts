/**
 * The appointment's life (design.md, December 2026): booked → confirmed by the patient → attended or
 * no_show (set by staff), or cancelled at any point before the visit. Reminders confirm and moves
 * cancel-and-rebook, so these five cover them too.
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
