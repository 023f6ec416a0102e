import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FieldCipher } from "../../src/store/crypto";
import { checkpoint, openDatabase, openMigratedDatabase, pendingMigrations, verifyDataKey, type Db } from "../../src/store/database";
import { StartupError } from "../../src/startup-error";
import { count } from "../support/database";

const OLD_KEY = new Uint8Array(32).fill(11);
const NEW_KEY = new Uint8Array(32).fill(12);

let oldOnly: FieldCipher;
let newOnly: FieldCipher;
let rotated: FieldCipher;
let directory: string;
let path: string;
const opened: Db[] = [];

function open(): Db {
  const db = openMigratedDatabase(path);
  opened.push(db);
  return db;
}

function reopen(): Db {
  for (const db of opened.splice(0)) if (db.$client.open) db.$client.close();
  return open();
}

function canary(db: Db): Buffer {
  const row = db.$client.prepare("SELECT value FROM store_meta WHERE key = 'key-canary'").get() as { value: Buffer } | undefined;
  if (!row) throw new Error("no key canary");
  return row.value;
}

function startupErrorOf(action: () => unknown): StartupError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(StartupError);
    return error as StartupError;
  }
  throw new Error("expected a StartupError");
}

beforeAll(async () => {
  oldOnly = await FieldCipher.create({ current: OLD_KEY, previous: [] });
  newOnly = await FieldCipher.create({ current: NEW_KEY, previous: [] });
  rotated = await FieldCipher.create({ current: NEW_KEY, previous: [OLD_KEY] });
});

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "mumkindik-db-"));
  path = join(directory, "nested", "bot.sqlite");
});

afterEach(() => {
  for (const db of opened.splice(0)) if (db.$client.open) db.$client.close();
  rmSync(directory, { recursive: true, force: true });
});

describe("openDatabase", () => {
  it("creates the missing folder and the file", () => {
    open();
    expect(existsSync(path)).toBe(true);
  });

  it("applies the pragmas of the design", () => {
    const sqlite = open().$client;
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("secure_delete", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
  });

  it("applies the migrations: every table of the schema exists", () => {
    const sqlite = open().$client;
    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        "accounts",
        "bookings",
        "chat_preferences",
        "clinic_info",
        "consents",
        "conversation_states",
        "doctor_services",
        "doctors",
        "patient_links",
        "patients",
        "services",
        "slots",
        "staff_outbox",
        "store_meta",
        "__drizzle_migrations",
      ]),
    );
    const indexes = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((row) => row.name);
    expect(indexes).toEqual(expect.arrayContaining(["bookings_active_seat", "bookings_course", "slots_doctor_start", "patients_iin", "bookings_owner"]));
  });

  it("applies each migration once, however often the database is reopened", () => {
    const first = count(open(), "__drizzle_migrations");
    expect(first).toBeGreaterThan(0);
    expect(count(reopen(), "__drizzle_migrations")).toBe(first);
  });

  it("opens without migrating, so pending migrations can be counted before anything changes", () => {
    const fresh = openDatabase(path);
    opened.push(fresh);
    expect(pendingMigrations(fresh)).toBeGreaterThan(0);
    expect(pendingMigrations(reopen())).toBe(0);
  });

  it("refuses to start without its migrations, saying what is missing, and creates no database file", () => {
    const missing = join(directory, "no-migrations");
    expect(() => openMigratedDatabase(path, missing)).toThrow(StartupError);
    expect(() => openMigratedDatabase(path, missing)).toThrow(/migrations are missing: .*_journal\.json does not exist/);
    expect(existsSync(path)).toBe(false);
  });

  it("enforces foreign keys", () => {
    const sqlite = open().$client;
    expect(() =>
      sqlite.prepare("INSERT INTO slots (id, doctor_id, starts_at, ends_at) VALUES ('s', 'no-such-doctor', 'a', 'b')").run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe("verifyDataKey", () => {
  it("writes a key canary on a new database, encrypted under the current key", () => {
    const db = open();
    verifyDataKey(db, oldOnly);
    expect(FieldCipher.keyIdOf(canary(db))).toBe(oldOnly.currentKeyId);
  });

  it("passes when the database is reopened with the same key", () => {
    verifyDataKey(open(), oldOnly);
    const db = reopen();
    const before = canary(db);
    expect(() => verifyDataKey(db, oldOnly)).not.toThrow();
    expect(canary(db).equals(before)).toBe(true);
  });

  it("refuses a different key with a StartupError saying the database was encrypted with a different data key", () => {
    verifyDataKey(open(), oldOnly);
    const error = startupErrorOf(() => verifyDataKey(reopen(), newOnly));
    expect(error.message).toMatch(/database was encrypted with a different data key/);
    expect(error.message).toContain(String(oldOnly.currentKeyId));
    expect(error.message).toContain("DATA_KEYS_PREVIOUS");
  });

  it("refuses a canary that was altered under a known key id", () => {
    const db = open();
    verifyDataKey(db, oldOnly);
    const altered = Buffer.from(canary(db));
    altered[altered.length - 1] = altered[altered.length - 1]! ^ 0xff;
    db.$client.prepare("UPDATE store_meta SET value = ? WHERE key = 'key-canary'").run(altered);
    const error = startupErrorOf(() => verifyDataKey(db, oldOnly));
    expect(error.message).toMatch(/does not open/);
  });

  it("after a rotation, passes with the new key current and the old one previous, and keeps the canary under the old key", () => {
    verifyDataKey(open(), oldOnly);
    const db = reopen();
    expect(() => verifyDataKey(db, rotated)).not.toThrow();
    expect(FieldCipher.keyIdOf(canary(db))).toBe(oldOnly.currentKeyId);
    expect(rotated.decrypt({ table: "store_meta", column: "value", rowId: "key-canary" }, canary(db))).toBe("mumkindik-key-canary");
  });

  it("after a rotation, refuses the new key alone while rows written under the old key remain (they could not be read)", () => {
    const db = open();
    verifyDataKey(db, oldOnly);
    const ref = { table: "patients", column: "iin_ct", rowId: "p1" };
    const written = oldOnly.encrypt(ref, "900101300123");
    db.$client
      .prepare("INSERT INTO patients (id, iin_index, iin_ct, created_at) VALUES ('p1', ?, ?, 'now')")
      .run(oldOnly.truncatedIndex("iin", "900101300123"), oldOnly.encrypt({ table: "patients", column: "iin_ct", rowId: "p1" }, "900101300123"));

    verifyDataKey(reopen(), rotated); // the operator rotates: new key current, old key previous
    // …and later forgets DATA_KEYS_PREVIOUS. The start-up check must stop the bot, since this row is unreadable:
    expect(() => newOnly.decrypt(ref, written)).toThrow(/not among the configured keys/);
    expect(() => verifyDataKey(reopen(), newOnly)).toThrow(StartupError);
  });
});

describe("checkpoint", () => {
  it("folds the write-ahead log back into the database file", () => {
    const db = open();
    verifyDataKey(db, oldOnly);
    db.$client.prepare("INSERT INTO clinic_info (key, value) VALUES ('phone', '+77272550101')").run();
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    checkpoint(db);
    expect(statSync(`${path}-wal`).size).toBe(0);
    expect((reopen().$client.prepare("SELECT value FROM clinic_info WHERE key = 'phone'").get() as { value: string }).value).toBe(
      "+77272550101",
    );
  });
});
