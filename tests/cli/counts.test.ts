/** `npm run admin -- counts`: the fund's anonymous monthly report, per month and service (issue 10, policy §3.1). */
import { afterEach, describe, expect, test } from "vitest";
import { runAdmin } from "../../src/cli/admin";
import { adminIo } from "../support/admin";
import { SERVICES } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { at, bookingRequest, bookOk, consentingAccount, slotIdAt } from "../support/store";

let testBot: TestBot | undefined;
afterEach(() => testBot?.destroy());

const STAFF = { telegramUserId: 555 };

/**
 * December: three ultrasound bookings, one cancelled by the patient and one a no-show. January: a
 * paediatrician's appointment taken from the waiting list. November: two erasures kept before counting began.
 */
async function reportedBot(): Promise<TestBot> {
  testBot = await TestBot.start({ file: true });
  const { services, store } = testBot.app;
  const booked = ["08:00", "08:20", "08:40"].map((time, index) => {
    const accountId = consentingAccount(services, 300 + index);
    return { accountId, booking: bookOk(services, bookingRequest(accountId, slotIdAt(store, at("2026-12-02", time)))) };
  });
  services.bookings.cancel(booked[0]!.accountId, booked[0]!.booking.id, "telegram");
  testBot.clock.set(at("2026-12-02", "10:00"));
  services.staffDesk.recordVisit(booked[1]!.booking.id, "no_show", STAFF);
  store.monthlyCounts.booked("pediatrician", at("2027-01-05", "10:00"));
  store.monthlyCounts.offerTaken("pediatrician", at("2027-01-05", "10:00"));
  store.db.$client.prepare("insert into erased_booking_counts (service_id, month, bookings) values ('ultrasound', '2026-11', 2)").run();
  return testBot;
}

const TITLE_ALL = "Monthly counts of every month, by the month of the appointment in Asia/Almaty; counting began with the version that added it.";

describe("the admin's monthly counts", () => {
  test("per month and service, with the service's Russian name, bookings, cancellations, no-shows and offers taken", async () => {
    const bot = await reportedBot();
    const io = adminIo(bot);
    expect(await runAdmin(["counts"], io)).toBe(0);
    expect(io.printed).toEqual([
      TITLE_ALL,
      [
        "month    service                            bookings  cancellations  no-shows  offers taken",
        `2026-12  ${SERVICES.ultrasound.ru}         3              1         1             0`,
        `2027-01  ${SERVICES.pediatrician.ru}                     1              0         0             1`,
      ].join("\n"),
      "Not included above: bookings erased before counting began, kept by month (UTC) only: 2026-11: 2.",
    ]);
  });

  test("--from and --to choose the months, both included; --csv prints the same figures for a spreadsheet", async () => {
    const bot = await reportedBot();
    const io = adminIo(bot);
    expect(await runAdmin(["counts", "--from", "2026-12", "--to", "2026-12"], io)).toBe(0);
    expect(io.printed).toEqual([
      "Monthly counts of 2026-12, by the month of the appointment in Asia/Almaty; counting began with the version that added it.",
      [
        "month    service                            bookings  cancellations  no-shows  offers taken",
        `2026-12  ${SERVICES.ultrasound.ru}         3              1         1             0`,
      ].join("\n"),
    ]);

    const csv = adminIo(bot);
    expect(await runAdmin(["counts", "--from", "2027-01", "--csv"], csv)).toBe(0);
    expect(csv.printed).toEqual([
      ["month,service_id,service,bookings,cancellations,no_shows,offers_taken", `2027-01,pediatrician,${SERVICES.pediatrician.ru},1,0,0,1`].join("\n"),
    ]);
  });

  test("a period with nothing counted says so", async () => {
    const bot = await reportedBot();
    const io = adminIo(bot);
    expect(await runAdmin(["counts", "--to", "2026-10"], io)).toBe(0);
    expect(io.printed).toEqual([
      "Monthly counts up to 2026-10, by the month of the appointment in Asia/Almaty; counting began with the version that added it.",
      "Nothing counted in this period.",
    ]);
  });

  test.each([
    [["--from", "2026-13"], '--from "2026-13" is not a month written as YYYY-MM.'],
    [["--to", "2026-12-01"], '--to "2026-12-01" is not a month written as YYYY-MM.'],
    [["--from", "2027-01", "--to", "2026-12"], "--from 2027-01 is after --to 2026-12."],
    [["--month", "2026-12"], "Unknown option '--month'."],
    [["2026-12"], "Unexpected argument '2026-12'. This command does not take positional arguments."],
    [["--from"], "Option '--from <value>' argument missing."],
  ])("%j is refused with the reason and the usage, and the database is not opened", async (args, reason) => {
    testBot = await TestBot.start({ file: true });
    const io = { ...adminIo(testBot), openApp: () => Promise.reject(new Error("the database was opened")) };
    expect(await runAdmin(["counts", ...args], io)).toBe(2);
    expect(io.printed).toEqual([`${reason} Usage: npm run admin -- counts [--from YYYY-MM] [--to YYYY-MM] [--csv] (months as 2026-12, both included).`]);
  });
});
