/** Reading the tables straight from SQLite, for what a test checks below the bot's own words. */
import type { Store } from "../../src/store";
import type { Db } from "../../src/store/database";
import type { TestBot } from "./harness";

/** A running bot, a store on its own, or a bare database. */
export type HasDatabase = TestBot | Store | Db;

function sqliteOf(holder: HasDatabase) {
  if ("app" in holder) return holder.app.store.db.$client;
  return "$client" in holder ? holder.$client : holder.db.$client;
}

/** How many rows the table holds. */
export function count(holder: HasDatabase, table: string): number {
  return (sqliteOf(holder).prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

export function rows<T>(holder: HasDatabase, sql: string, ...params: unknown[]): T[] {
  return sqliteOf(holder).prepare(sql).all(...params) as T[];
}
