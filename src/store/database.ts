import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { eq } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { DecryptionError, FieldCipher } from "./crypto";
import { StartupError } from "./keys";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: BetterSqlite3.Database };

const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), "../../migrations");

/** Opens (or creates) the database, applies the pragmas of the design and every pending migration. */
export function openDatabase(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  // Deleted personal data is overwritten instead of lingering in free pages.
  sqlite.pragma("secure_delete = ON");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

const CANARY_REF = { table: "store_meta", column: "value", rowId: "key-canary" } as const;
const CANARY_TEXT = "mumkindik-key-canary";

/**
 * Proves at start-up that the configured keys open the data, so a wrong key stops the bot with a
 * clear message instead of failing on the first patient's record. The canary stays under the key it
 * was first written with: rows written under that key exist until they are re-encrypted, so the key
 * must stay configured (as a previous key after a rotation) until then.
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
