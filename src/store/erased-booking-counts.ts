import { and, asc, gte, lte, sum, type SQL } from "drizzle-orm";
import type { Executor } from "./database";
import { erasedBookingCounts } from "./schema";

/**
 * What erasures kept before the monthly counts existed (no longer written: an erasure now leaves the
 * monthly counts as they are). Read so that the report can say what it does not include.
 */
export class ErasedBookingCountRepository {
  constructor(private readonly db: Executor) {}

  /** Erased bookings of the months in [from, to] (YYYY-MM, either end open), per month, all services together. */
  perMonth(from?: string, to?: string): { month: string; bookings: number }[] {
    const bounds: SQL[] = [];
    if (from !== undefined) bounds.push(gte(erasedBookingCounts.month, from));
    if (to !== undefined) bounds.push(lte(erasedBookingCounts.month, to));
    return this.db
      .select({ month: erasedBookingCounts.month, bookings: sum(erasedBookingCounts.bookings).mapWith(Number) })
      .from(erasedBookingCounts)
      .where(and(...bounds))
      .groupBy(erasedBookingCounts.month)
      .orderBy(asc(erasedBookingCounts.month))
      .all();
  }
}
