import { randomInt, randomUUID } from "node:crypto";

/** The one source of "now" outside conversations, so tests can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Ids are made before the insert because the row id is part of every ciphertext's associated data. */
export interface IdSource {
  newId(): string;
  /** A short code a patient can read to staff on the phone. */
  bookingNumber(): string;
}

// No 0/O, 1/I/L: the number is read aloud and typed by people.
const BOOKING_NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const BOOKING_NUMBER_LENGTH = 6;

export const randomIds: IdSource = {
  newId: () => randomUUID(),
  bookingNumber: () =>
    Array.from({ length: BOOKING_NUMBER_LENGTH }, () => BOOKING_NUMBER_ALPHABET[randomInt(BOOKING_NUMBER_ALPHABET.length)]).join(""),
};
