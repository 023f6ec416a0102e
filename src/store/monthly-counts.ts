import { and, asc, gte, lte, sql, type SQL } from "drizzle-orm";
import { localDateOf } from "../domain/slots";
import type { Executor } from "./database";
import { preparedOn } from "./prepared";
import { monthlyCounts } from "./schema";

/** One service's month: what happened to appointments of that month (in the clinic's time zone). */
export interface MonthlyCount {
  /** YYYY-MM. */
  month: string;
  serviceId: string;
  booked: number;
  cancelled: number;
  noShows: number;
  offersTaken: number;
}

type Counter = "booked" | "cancelled" | "noShows" | "offersTaken";

/**
 * The fund's anonymous reporting (policy §3.1, service improvement): counted as each thing happens, by
 * service and by the month of the appointment in the clinic's time zone, so no booking, person or
 * account is ever named here and an erasure has nothing to remove.
 */
export class MonthlyCountRepository {
  constructor(
    private readonly db: Executor,
    private readonly timeZone: string,
  ) {}

  /** Every booking, cancellation and visit counts here, in its own transaction: compiled once (issue 14). */
  private get prepared(): ReturnType<typeof prepareStatements> {
    return preparedOn(this.db, prepareStatements);
  }

  booked(serviceId: string, startsAt: string): void {
    this.add("booked", serviceId, startsAt, 1);
  }

  cancelled(serviceId: string, startsAt: string): void {
    this.add("cancelled", serviceId, startsAt, 1);
  }

  /** Staff recorded a no-show; `undone`: they turned a no-show into "attended" (a wrong button). */
  noShow(serviceId: string, startsAt: string, change: "recorded" | "undone"): void {
    this.add("noShows", serviceId, startsAt, change === "recorded" ? 1 : -1);
  }

  /**
   * The booking was moved to another time: it counts as a booking of the new time's month. What
   * happened to it at the old time (a cancellation by the clinic, say) stays in the old month.
   */
  moved(serviceId: string, fromStartsAt: string, toStartsAt: string): void {
    if (this.monthOf(fromStartsAt) === this.monthOf(toStartsAt)) return;
    this.add("booked", serviceId, fromStartsAt, -1);
    this.add("booked", serviceId, toStartsAt, 1);
  }

  /** A waiting-list offer of a freed slot was taken: the appointment it booked. */
  offerTaken(serviceId: string, startsAt: string): void {
    this.add("offersTaken", serviceId, startsAt, 1);
  }

  /** The counts of the months in [from, to] (YYYY-MM, either end open), by month then service. */
  between(from?: string, to?: string): MonthlyCount[] {
    const bounds: SQL[] = [];
    if (from !== undefined) bounds.push(gte(monthlyCounts.month, from));
    if (to !== undefined) bounds.push(lte(monthlyCounts.month, to));
    return this.db
      .select()
      .from(monthlyCounts)
      .where(and(...bounds))
      .orderBy(asc(monthlyCounts.month), asc(monthlyCounts.serviceId))
      .all();
  }

  private monthOf(startsAt: string): string {
    return localDateOf(startsAt, this.timeZone).slice(0, 7);
  }

  private add(counter: Counter, serviceId: string, startsAt: string, delta: 1 | -1): void {
    // Never below zero: a no-show recorded, or a booking made, before counting began may still be undone or moved.
    this.prepared[counter].run({ serviceId, month: this.monthOf(startsAt), first: Math.max(delta, 0), delta });
  }
}

/** Adding `delta` to one counter of a service's month: the row begins at `first` when the month has none yet. */
function prepareAdd(db: Executor, counter: Counter) {
  return db
    .insert(monthlyCounts)
    .values({ serviceId: sql.placeholder("serviceId"), month: sql.placeholder("month"), [counter]: sql.placeholder("first") })
    .onConflictDoUpdate({ target: [monthlyCounts.serviceId, monthlyCounts.month], set: { [counter]: sql`max(${monthlyCounts[counter]} + ${sql.placeholder("delta")}, 0)` } })
    .prepare();
}

function prepareStatements(db: Executor): Record<Counter, ReturnType<typeof prepareAdd>> {
  return { booked: prepareAdd(db, "booked"), cancelled: prepareAdd(db, "cancelled"), noShows: prepareAdd(db, "noShows"), offersTaken: prepareAdd(db, "offersTaken") };
}
