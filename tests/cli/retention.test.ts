/** `npm run admin -- retention`: the retention job's dry run (issue 12, policy §5.1). */
import { afterEach, describe, expect, test } from "vitest";
import { runAdmin } from "../../src/cli/admin";
import { adminIo } from "../support/admin";
import { count } from "../support/database";
import { TestBot } from "../support/harness";
import { at, bookingRequest, bookOk, consentingAccount, slotIdAt } from "../support/store";

let testBot: TestBot | undefined;
afterEach(() => testBot?.destroy());

/** Two ultrasound visits on Wednesday 2 December and one on Friday 18 December; now is 20 December. */
async function botWithHistory(): Promise<TestBot> {
  testBot = await TestBot.start({ file: true });
  const { services, store } = testBot.app;
  [at("2026-12-02", "08:00"), at("2026-12-02", "08:20"), at("2026-12-18", "08:00")].forEach((startsAt, index) => {
    bookOk(services, bookingRequest(consentingAccount(services, 300 + index), slotIdAt(store, startsAt)));
  });
  testBot.clock.set(at("2026-12-20", "10:00"));
  return testBot;
}

describe("the admin's retention dry run", () => {
  test("with no period set it says so, and --days counts what a period would erase, changing nothing", async () => {
    const bot = await botWithHistory();
    const io = adminIo(bot);
    expect(await runAdmin(["retention"], io)).toBe(0);
    expect(await runAdmin(["retention", "--days", "10"], io)).toBe(0);
    expect(io.printed).toEqual([
      "RETENTION_FINISHED_DAYS is not set: the retention job erases nothing, and finished bookings are kept until the fund sets a period.",
      "Try a period with --days N to see how many bookings it would erase.",
      "RETENTION_FINISHED_DAYS is not set: the retention job erases nothing, and finished bookings are kept until the fund sets a period.",
      "With 10 day(s), it would erase 2 finished booking(s) now, with their reminders; bookings a family may still rebook are not counted. Nothing was changed.",
    ]);
    expect(count(bot, "bookings")).toBe(3);
  });

  test("with RETENTION_FINISHED_DAYS set it counts with that period", async () => {
    const bot = await botWithHistory();
    const io = adminIo(bot, { retentionFinishedDays: 1 });
    expect(await runAdmin(["retention"], io)).toBe(0);
    expect(io.printed).toEqual([
      "RETENTION_FINISHED_DAYS is 1: each night the retention job erases the bookings finished 1 day(s) before.",
      "With 1 day(s), it would erase 3 finished booking(s) now, with their reminders; bookings a family may still rebook are not counted. Nothing was changed.",
    ]);
    expect(count(bot, "bookings")).toBe(3);
  });

  test("a period that is not whole days from 1 is refused before the database is opened", async () => {
    const bot = await botWithHistory();
    for (const wrong of [["--days", "0"], ["--days", "2.5"], ["--days"], ["--weeks", "2"]]) {
      const io = adminIo(bot);
      expect(await runAdmin(["retention", ...wrong], io)).toBe(2);
      expect(io.printed).toHaveLength(1);
      expect(io.printed[0]).toMatch(/Usage: npm run admin -- retention \[--days N\]/);
    }
  });
});
