import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { eq } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { readMigrationFiles, type MigrationMeta } from "drizzle-orm/migrator";
import { DecryptionError, FieldCipher } from "./crypto";
import { StartupError } from "../startup-error";
import { MIGRATIONS_DIRECTORY } from "../paths";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: BetterSqlite3.Database };

/**
 * What a repository runs its queries on: the database itself, or a transaction a service opened on it
 * (drizzle's common base of the two), so several repositories can write in one transaction.
 */
export type Executor = BaseSQLiteDatabase<"sync", BetterSqlite3.RunResult, typeof schema>;

/**
 * Opens (or creates) the database with the pragmas of the design. Migrations are a separate step:
 * the bot applies them at start (`migrateDatabase`), the admin CLI only checks them (`pendingMigrations`).
 */
export function openDatabase(path: string, migrationsDirectory = MIGRATIONS_DIRECTORY): Db {
  // Checked before anything is created, so a broken install leaves no empty database file behind.
  readMigrations(migrationsDirectory);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  // Deleted personal data is overwritten instead of lingering in free pages.
  sqlite.pragma("secure_delete = ON");
  sqlite.pragma("synchronous = NORMAL");
  return drizzle(sqlite, { schema });
}

/** Applies every pending migration (drizzle-kit's files in migrations/). */
export function migrateDatabase(db: Db, migrationsDirectory = MIGRATIONS_DIRECTORY): void {
  migrate(db, { migrationsFolder: migrationsDirectory });
}

/**
 * How many migrations the database has not had yet. drizzle's migrator applies every migration newer
 * than the newest one recorded (facts.md), so that is what is counted here.
 */
export function pendingMigrations(db: Db, migrationsDirectory = MIGRATIONS_DIRECTORY): number {
  const migrations = readMigrations(migrationsDirectory);
  const table = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!table) return migrations.length;
  const newest = db.$client.prepare("SELECT MAX(created_at) AS at FROM __drizzle_migrations").get() as { at: number | null };
  return migrations.filter((migration) => migration.folderMillis > Number(newest.at ?? 0)).length;
}

/** Opens the database and brings its schema up to date: what the bot does at start. */
export function openMigratedDatabase(path: string, migrationsDirectory = MIGRATIONS_DIRECTORY): Db {
  const db = openDatabase(path, migrationsDirectory);
  try {
    migrateDatabase(db, migrationsDirectory);
  } catch (error) {
    db.$client.close();
    throw error;
  }
  return db;
}

function readMigrations(directory: string): MigrationMeta[] {
  if (!existsSync(join(directory, "meta", "_journal.json"))) {
    throw new StartupError(
      `The database migrations are missing: ${join(directory, "meta", "_journal.json")} does not exist. ` +
        "They ship with the project in migrations/; restore that folder (git checkout migrations) and start again.",
    );
  }
  try {
    return readMigrationFiles({ migrationsFolder: directory });
  } catch (error) {
    throw new StartupError(`The database migrations in ${directory} cannot be read: ${(error as Error).message}`);
  }
}

/** The key canary is the store_meta row of this key; its associated data names that row like any field. */
export const CANARY_REF = { table: "store_meta", column: "value", rowId: "key-canary" } as const;
const CANARY_TEXT = "mumkindik-key-canary";

/**
 * Proves at start-up that the configured keys open the data, so a wrong key stops the bot with a
 * clear message instead of failing on the first patient's record. The canary stays under the key it
 * was first written with until `rotate-keys` re-encrypts it with every other field (rotation.ts), so
 * that key must stay configured (as a previous key after a rotation) until then.
 */
export function verifyDataKey(db: Db, cipher: FieldCipher): void {
  const row = db.select().from(schema.storeMeta).where(eq(schema.storeMeta.key, CANARY_REF.rowId)).get();
  if (!row) {
    writeCanary(db, cipher);
    return;
  }
  const keyId = FieldCipher.keyIdOf(row.value);
  if (!cipher.hasKey(keyId)) {
    throw new StartupError(
      `The database was encrypted with a different data key (key id ${keyId}; the configured key has id ` +
        `${cipher.currentKeyId}). Set DATA_KEY or DATA_KEY_FILE to the key this database was made with; ` +
        "after a rotation, list the old key in DATA_KEYS_PREVIOUS.",
    );
  }
  try {
    if (cipher.decrypt(CANARY_REF, row.value) !== CANARY_TEXT) throw new DecryptionError("canary mismatch");
  } catch (error) {
    if (error instanceof DecryptionError) {
      throw new StartupError("The data key does not open this database's key check record: the key or the file is wrong.");
    }
    throw error;
  }
}

function writeCanary(db: Db, cipher: FieldCipher): void {
  const value = cipher.encrypt(CANARY_REF, CANARY_TEXT);
  db.insert(schema.storeMeta)
    .values({ key: CANARY_REF.rowId, value })
    .onConflictDoUpdate({ target: schema.storeMeta.key, set: { value } })
    .run();
}

/** Folds the WAL back into the main file; with secure_delete on, erased rows then leave no trace. */
export function checkpoint(db: Db): void {
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
}
