import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { createApp } from "../../src/app";
import { runAdmin } from "../../src/cli/admin";
import type { AdminIo } from "../../src/cli/context";
import { createLogger } from "../../src/logger";
import { openDatabase, pendingMigrations } from "../../src/store/database";
import { sequentialBookingNumbers, TestClock } from "../support/clock";
import { ALMATY, DEFAULT_NOW, STAFF_CHAT_ID, TEST_KEY } from "../support/fixtures";

const directory = mkdtempSync(join(tmpdir(), "mumkindik-migrations-"));
const databasePath = join(directory, "bot.sqlite");
const previous = process.env.DATABASE_PATH;
afterEach(() => {
  if (previous === undefined) delete process.env.DATABASE_PATH;
  else process.env.DATABASE_PATH = previous;
  rmSync(directory, { recursive: true, force: true });
});

/** The admin CLI as `npm run admin` opens it: refusing a database whose schema is behind. */
function adminIo(printed: string[]): AdminIo {
  return {
    out: (text) => void printed.push(text),
    openApp: () =>
      createApp({
        databasePath,
        masterKeys: { current: TEST_KEY, previous: [] },
        timeZone: ALMATY,
        staffChatId: STAFF_CHAT_ID,
        staffLocale: "ru",
        catalogPath: undefined,
        clock: new TestClock(DEFAULT_NOW),
        ids: sequentialBookingNumbers(),
        logger: createLogger("silent"),
        migrations: "refuse-pending",
      }),
  };
}

test("the admin commands refuse a database with pending migrations instead of migrating it under a running bot; db:migrate applies them", async () => {
  openDatabase(databasePath).$client.close();
  const printed: string[] = [];
  expect(await runAdmin(["person-export", "900101300126", "--by", "Aliya"], adminIo(printed))).toBe(1);
  expect(printed.at(-1)).toMatch(/^The database .*bot\.sqlite has \d+ migration\(s\) not applied yet\. Run `npm run db:migrate` \(or start the bot, which applies them\) and try again\.$/);

  process.env.DATABASE_PATH = databasePath;
  expect(await runAdmin(["migrate"], adminIo(printed))).toBe(0);
  expect(printed.at(-1)).toMatch(/^Applied \d+ migration\(s\) to .*bot\.sqlite\.$/);
  const db = openDatabase(databasePath);
  expect(pendingMigrations(db)).toBe(0);
  db.$client.close();
  expect(await runAdmin(["migrate"], adminIo(printed))).toBe(0);
  expect(printed.at(-1)).toBe(`${databasePath} is up to date.`);
  expect(await runAdmin(["person-export", "900101300126", "--by", "Aliya"], adminIo(printed))).toBe(1);
  expect(printed.at(-1)).not.toMatch(/migration/);
});
