import { sql } from "drizzle-orm";
import type { Executor } from "./database";
import { erasedBookingCounts } from "./schema";

/** What outlives an erasure: how many bookings a service had in a month, with no identity at all. */
export class ErasedBookingCountRepository {
  constructor(private readonly db: Executor) {}

  /** Adds one booking to its service's count for the month it was for (YYYY-MM). */
  add(serviceId: string, month: string): void {
    this.db
      .insert(erasedBookingCounts)
      .values({ serviceId, month, bookings: 1 })
      .onConflictDoUpdate({
        target: [erasedBookingCounts.serviceId, erasedBookingCounts.month],
        set: { bookings: sql`${erasedBookingCounts.bookings} + 1` },
      })
      .run();
  }
}
