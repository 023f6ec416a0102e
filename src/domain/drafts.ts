/**
 * An unfinished booking or correction holds what the person typed (IIN, name, phone). Left untouched
 * this long it is abandoned and its state deleted, so nothing typed is kept without a booking.
 */
export const DRAFT_TIMEOUT_MS = 6 * 60 * 60 * 1000;
