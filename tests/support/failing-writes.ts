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
 * point. It works below drizzle (every query drizzle runs is prepared on the better-sqlite3 connection),
 * so it needs no knowledge of which repository or service writes what. Call restore() when done.
 */
export function failOnWrite(db: Db, failing: number): { restore(): void } {
  const sqlite = db.$client;
  const prepare = sqlite.prepare.bind(sqlite);
  let writes = 0;
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source);
    if (!DATA_CHANGE.test(source)) return statement;
    const run = statement.run.bind(statement);
    statement.run = (...parameters: unknown[]) => {
      writes += 1;
      if (writes === failing) throw new InjectedFailure(writes);
      return run(...parameters);
    };
    return statement;
  }) as typeof sqlite.prepare;
  return {
    restore: () => {
      sqlite.prepare = prepare;
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
