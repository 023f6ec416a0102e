import { eq } from "drizzle-orm";
import type { Executor } from "./database";
import { storeMeta } from "./schema";

/**
 * What a once-a-day job last did (the day it last posted), kept in store_meta so that a restart does
 * not repeat it. Holds dates only, never personal data.
 */
export class JobMarkRepository {
  constructor(private readonly db: Executor) {}

  lastDone(job: string): string | undefined {
    const row = this.db.select().from(storeMeta).where(eq(storeMeta.key, keyOf(job))).get();
    return row?.value.toString("utf8");
  }

  markDone(job: string, day: string): void {
    const value = Buffer.from(day, "utf8");
    this.db.insert(storeMeta).values({ key: keyOf(job), value }).onConflictDoUpdate({ target: storeMeta.key, set: { value } }).run();
  }
}

function keyOf(job: string): string {
  return `job:${job}`;
}
