import { copyFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";
import { runAdmin } from "../../src/cli/admin";
import type { AdminIo } from "../../src/cli/context";
import { backupDatabase } from "../../src/store/backup";
import { chatAt, finishBooking, IVANOV } from "../support/booking";
import { count } from "../support/database";
import { TestBot } from "../support/harness";

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.splice(0).reverse()) step();
});

function folder(): string {
  const directory = mkdtempSync(join(tmpdir(), "mumkindik-backup-"));
  cleanup.push(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

async function botWithBookings(): Promise<TestBot> {
  const bot = await TestBot.start({ file: true });
  cleanup.push(() => bot.destroy());
  await finishBooking(await chatAt(bot, "summary", 101), "summary");
  await (await chatAt(bot, "summary", 102, { ...IVANOV, time: "14:30" })).press("✅ Подтвердить");
  expect(count(bot, "bookings")).toBe(2);
  return bot;
}

describe("backups", () => {
  test("a backup restored into a fresh start holds every booking, and the patient finds theirs", async () => {
    const bot = await botWithBookings();
    const destination = join(folder(), "bot-backup.sqlite");
    await backupDatabase(bot.databasePath, destination);
    expect(statSync(destination).mode & 0o777).toBe(0o600);

    const restoredDirectory = folder();
    copyFileSync(destination, join(restoredDirectory, "bot.sqlite"));
    const restored = await TestBot.start({ directory: restoredDirectory, clock: bot.clock });
    cleanup.push(() => restored.close());
    expect(count(restored, "bookings")).toBe(2);
    const appointments = await restored.chat({ id: 101 }).send("/appointments");
    expect(appointments.map((reply) => reply.text).join("\n")).toContain(`Пациент: ${IVANOV.name}`);
  });

  test("a backup made while the bot writes is one consistent state", async () => {
    const bot = await botWithBookings();
    const destination = join(folder(), "during-writes.sqlite");
    let writes = 0;
    const insert = bot.app.store.db.$client.prepare("INSERT INTO audit_log (id, at, actor, action) VALUES (?, ?, 'system', 'data.viewed')");
    await backupDatabase(bot.databasePath, destination, {
      pagesPerStep: 1,
      // Each write by another connection makes SQLite restart the copy; a bounded number of them.
      onProgress: () => {
        if (writes < 25) insert.run(`write-${++writes}`, new Date().toISOString());
      },
    });
    expect(writes).toBe(25);
    const copy = new BetterSqlite3(destination, { readonly: true });
    cleanup.push(() => copy.close());
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.pragma("foreign_key_check")).toEqual([]);
    expect((copy.prepare("SELECT count(*) AS n FROM bookings").get() as { n: number }).n).toBe(2);
  });

  test("the admin command writes a new file only, and says what it did", async () => {
    const bot = await botWithBookings();
    const destination = join(folder(), "admin.sqlite");
    const printed: string[] = [];
    const io: AdminIo = { out: (text) => void printed.push(text), openApp: () => Promise.reject(new Error("a backup needs no keys")) };
    const previous = process.env.DATABASE_PATH;
    process.env.DATABASE_PATH = bot.databasePath;
    cleanup.push(() => (previous === undefined ? delete process.env.DATABASE_PATH : (process.env.DATABASE_PATH = previous)));

    expect(await runAdmin(["backup", destination], io)).toBe(0);
    expect(printed.at(-1)).toMatch(/^Backed up .* to .*admin\.sqlite \(\d+ pages, integrity check ok\)\.$/);
    expect(await runAdmin(["backup", destination], io)).toBe(1);
    expect(printed.at(-1)).toBe(`${destination} already exists; choose a new file name for the backup.`);
    expect(await runAdmin(["backup"], io)).toBe(2);
  });
});
