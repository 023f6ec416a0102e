import type { Executor } from "./database";

type Build = (db: Executor, variant: number) => unknown;

/** Each connection's compiled statements, by the function that builds them and its variant. */
const compiled = new WeakMap<object, Map<Build, Map<number, unknown>>>();

/**
 * The statements `build` prepares (drizzle's `.prepare()` with `sql.placeholder`), compiled once per
 * database connection and shared by every repository over it: those a transaction's repositories
 * build (store/index.ts makes a set per transaction) included, since a transaction runs on the same
 * connection. Without it drizzle rebuilds the SQL and SQLite compiles it again on every call (issue 14).
 * `variant` tells apart statements of one shape with a different number of placeholders (a lookup
 * under each of the configured keys' blind indexes).
 */
export function preparedOn<T>(db: Executor, build: (db: Executor, variant: number) => T, variant = 0): T {
  // drizzle gives a transaction the session of the database it was opened on: one key for both.
  const session = (db as unknown as { session: object }).session;
  let builds = compiled.get(session);
  if (!builds) {
    builds = new Map();
    compiled.set(session, builds);
  }
  let variants = builds.get(build);
  if (!variants) {
    variants = new Map();
    builds.set(build, variants);
  }
  if (!variants.has(variant)) variants.set(variant, build(db, variant));
  return variants.get(variant) as T;
}

/** Placeholders `${name}0` … for a lookup under `count` indexes, and their values by name. */
export function candidatePlaceholders(name: string, count: number): string[] {
  return Array.from({ length: count }, (_, position) => `${name}${position}`);
}

export function candidateValues<V>(name: string, candidates: readonly V[]): Record<string, V> {
  const values: Record<string, V> = {};
  candidates.forEach((candidate, position) => (values[`${name}${position}`] = candidate));
  return values;
}

/** The better-sqlite3 connection under `db`: drizzle gives a transaction the session of its database. */
function connectionOf(db: Executor): { inTransaction: boolean; prepare(source: string): { pluck(): { get(): unknown } } } {
  return (db as unknown as { session: { client: ReturnType<typeof connectionOf> } }).session.client;
}

/** Whether a transaction is open on the connection `db` runs on (a transaction's executor or the database's). */
export function inTransaction(db: Executor): boolean {
  return connectionOf(db).inTransaction;
}

/** Each connection's `PRAGMA data_version`, compiled once. */
const dataVersions = new WeakMap<object, { get(): unknown }>();

/**
 * SQLite's count of the commits other connections made to the database file since this connection
 * opened it (another process: the admin CLI importing a catalogue). This connection's own commits do
 * not change it.
 */
export function dataVersion(db: Executor): number {
  const connection = connectionOf(db);
  let statement = dataVersions.get(connection);
  if (!statement) {
    statement = connection.prepare("PRAGMA data_version").pluck();
    dataVersions.set(connection, statement);
  }
  return Number(statement.get());
}
