import type { Statement } from "better-sqlite3";
import type { Db } from "../../src/store/database";

/** The error a write injected to fail throws: anything else a test sees is a real bug. */
export class InjectedFailure extends Error {
  constructor(readonly write: number) {
    super(`injected failure at data-changing statement ${write}`);
  }
}

const DATA_CHANGE = /^\s*(insert|update|delete|replace)\b/i;

/**
 * Makes the `failing`-th data-changing statement run on this connection throw, as a crash would at that
 * point. It works below drizzle (every query drizzle runs is a better-sqlite3 statement of the
 * connection), so it needs no knowledge of which repository or service writes what. It hooks the run of
 * every statement, not the compiling: most writes run statements compiled once per connection, before
 * the failure was set up (store/prepared.ts). Call restore() when done.
 */
export function failOnWrite(db: Db, failing: number): { restore(): void } {
  const sqlite = db.$client;
  const statements = Object.getPrototypeOf(sqlite.prepare("SELECT 1")) as { run: (this: Statement, ...parameters: unknown[]) => unknown };
  const run = statements.run;
  let writes = 0;
  statements.run = function (this: Statement, ...parameters: unknown[]) {
    if (this.database === sqlite && DATA_CHANGE.test(this.source)) {
      writes += 1;
      if (writes === failing) throw new InjectedFailure(writes);
    }
    return run.apply(this, parameters);
  };
  return {
    restore: () => {
      statements.run = run;
    },
  };
}

/** Every row of every table, blobs as hex: two dumps are equal only if the databases hold the same. */
export function dumpTables(db: Db): Record<string, string[]> {
  const sqlite = db.$client;
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Record<string, unknown>[]).map((row) =>
        JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString("hex") : value)),
      ),
    ]),
  );
}

/** The tables whose rows differ between two dumps. */
export function changedTables(before: Record<string, string[]>, after: Record<string, string[]>): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names.filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]));
}

/**
 * Runs `act` with a failure injected at its first data-changing statement, then its second, and so on,
 * checking after each failure that the database is exactly as before; stops when `act` runs through
 * (it had fewer writes than the failure point), which is then a retry after every one of those failures.
 * Returns how many failure points there were.
 */
export function failAtEveryWrite(db: Db, act: () => unknown): number {
  const before = dumpTables(db);
  for (let failing = 1; ; failing += 1) {
    const injection = failOnWrite(db, failing);
    try {
      act();
      return failing - 1;
    } catch (error) {
      if (!(error instanceof InjectedFailure)) throw error;
    } finally {
      injection.restore();
    }
    const changed = changedTables(before, dumpTables(db));
    if (changed.length > 0) throw new Error(`a failure at write ${failing} left the database changed in: ${changed.join(", ")}`);
  }
}
