import type { Executor } from "./database";

/** Each connection's compiled statements, by the function that builds them. */
const compiled = new WeakMap<object, Map<(db: Executor) => unknown, unknown>>();

/**
 * The statements `build` prepares (drizzle's `.prepare()` with `sql.placeholder`), compiled once per
 * database connection and shared by every repository over it: those a transaction's repositories
 * build (store/index.ts makes a set per transaction) included, since a transaction runs on the same
 * connection. Without it drizzle rebuilds the SQL and SQLite compiles it again on every call (issue 14).
 */
export function preparedOn<T>(db: Executor, build: (db: Executor) => T): T {
  // drizzle gives a transaction the session of the database it was opened on: one key for both.
  const session = (db as unknown as { session: object }).session;
  let statements = compiled.get(session);
  if (!statements) {
    statements = new Map();
    compiled.set(session, statements);
  }
  if (!statements.has(build)) statements.set(build, build(db));
  return statements.get(build) as T;
}
