import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { MIGRATIONS_DIRECTORY } from "../../src/paths";
import { migrateDatabase, openDatabase } from "../../src/store/database";

const folder = mkdtempSync(join(tmpdir(), "mumkindik-0004-"));
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** The migrations as they were before 0004: the schema a running bot of before has. */
function migrationsUpTo0003(): string {
  const directory = join(folder, "migrations");
  cpSync(MIGRATIONS_DIRECTORY, directory, { recursive: true });
  const journalPath = join(directory, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((entry) => entry.tag < "0004");
  writeFileSync(journalPath, JSON.stringify(journal));
  return directory;
}

test("migration 0004 turns the bookings of before into 'booked' ones, and a cancelled booking frees its slot as before", () => {
  const path = join(folder, "bot.sqlite");
  const before = openDatabase(path, migrationsUpTo0003());
  migrateDatabase(before, join(folder, "migrations"));
  const sqlite = before.$client;
  sqlite.exec(`
    INSERT INTO services (id, name_ru, name_kk, position, active) VALUES ('s', 'У', 'У', 0, 1);
    INSERT INTO doctors (id, name_ru, name_kk, specialty_ru, specialty_kk, slot_minutes, weekly_hours, position, active) VALUES ('d', 'Д', 'Д', 'В', 'В', 30, '[]', 0, 1);
    INSERT INTO slots (id, doctor_id, starts_at, ends_at) VALUES ('slot1', 'd', '2026-12-02T04:00:00.000Z', '2026-12-02T04:30:00.000Z');
    INSERT INTO slots (id, doctor_id, starts_at, ends_at) VALUES ('slot2', 'd', '2026-12-02T04:30:00.000Z', '2026-12-02T05:00:00.000Z');
    INSERT INTO bookings (id, number, slot_id, service_id, status, owner_index, account_ct, patient_ct, created_at) VALUES ('b1', 'N1', 'slot1', 's', 'active', x'00', x'00', x'00', '2026-12-01T03:00:00.000Z');
    INSERT INTO bookings (id, number, slot_id, service_id, status, owner_index, account_ct, patient_ct, created_at, cancelled_at, cancelled_by) VALUES ('b2', 'N2', 'slot2', 's', 'cancelled', x'00', x'00', x'00', '2026-12-01T03:00:00.000Z', '2026-12-01T04:00:00.000Z', 'patient');
  `);
  sqlite.close();

  const after = openDatabase(path);
  migrateDatabase(after);
  expect(after.$client.prepare("SELECT id, status, cancel_reason FROM bookings ORDER BY id").all()).toEqual([
    { id: "b1", status: "booked", cancel_reason: null },
    { id: "b2", status: "cancelled", cancel_reason: null },
  ]);
  const insert = (id: string, slot: string, status: string) =>
    after.$client
      .prepare("INSERT INTO bookings (id, number, slot_id, service_id, status, owner_index, account_ct, patient_ct, created_at) VALUES (?, ?, ?, 's', ?, x'00', x'00', x'00', '2026-12-01T05:00:00.000Z')")
      .run(id, `N-${id}`, slot, status);
  // Every state but cancelled holds the slot; the cancelled booking's slot can be booked again.
  expect(() => insert("b3", "slot1", "attended")).toThrow(/UNIQUE constraint failed: bookings\.slot_id/);
  expect(() => insert("b4", "slot2", "booked")).not.toThrow();
  after.$client.close();
});
