import type { Clock, IdSource } from "../../src/clock";
import { randomIds } from "../../src/clock";

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  private current: Date;

  constructor(start: string) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: string): void {
    this.current = new Date(instant);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

/** Random ids, but booking numbers in sequence so tests can name them. */
export function sequentialBookingNumbers(): IdSource {
  let next = 0;
  return {
    newId: () => randomIds.newId(),
    bookingNumber: () => `B${String(++next).padStart(5, "0")}`,
  };
}
