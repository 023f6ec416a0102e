/**
 * The waiting list (issue 10): a person waits for a service (optionally one specialist) within a range
 * of days; a slot that frees up is offered to the first person whose wish it fits, held for them a while.
 */
export const WAITLIST_STATUSES = ["waiting", "booked", "left", "expired", "ended"] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

export const OFFER_STATUSES = ["open", "taken", "declined", "expired"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** How many days ahead a person may wait, the choices of the range question. */
export const WAITLIST_RANGES_DAYS = [7, 14] as const;
export type WaitlistRange = (typeof WAITLIST_RANGES_DAYS)[number];

/** The default: a freed slot is held for the person it is offered to for 30 minutes. */
export const DEFAULT_WAITLIST_HOLD_MINUTES = 30;
