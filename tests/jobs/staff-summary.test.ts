import { afterEach, expect, test } from "vitest";
import { postTomorrowSummary } from "../../src/jobs";
import { bookAliya, ivanWithBooking } from "../support/booking";
import { ALIYA, DOCTORS, PHONE, STAFF_CHAT_ID } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";

let testBot: TestBot | undefined;
afterEach(() => testBot?.destroy());

/** The day lists the staff group received (the booking alerts left aside). */
function staffTexts(bot: TestBot): string[] {
  const heading = t("ru", "staff-day-heading", { day: "", date: "" }).split(" ")[0]!;
  return bot.sent.filter((message) => message.chatId === STAFF_CHAT_ID && message.text.startsWith(heading)).map((message) => message.text);
}

test("tomorrow's list reaches the staff group once a day from 18:00 clinic time, and a restart the same evening does not post it again", async () => {
  testBot = await TestBot.start({ file: true });
  const ivan = await ivanWithBooking(testBot);
  await bookAliya(testBot, ivan, "B00002");
  await testBot.app.staffAlerts.flush();

  // Wednesday 2 December, 17:59 in Almaty: not yet.
  testBot.clock.set("2026-12-02T12:59:00.000Z");
  expect(await postTomorrowSummary(testBot.app)).toBe(false);
  expect(staffTexts(testBot)).toEqual([]);

  testBot.clock.set("2026-12-02T13:00:00.000Z");
  expect(await postTomorrowSummary(testBot.app)).toBe(true);
  const [summary, ...rest] = staffTexts(testBot);
  expect(rest).toEqual([]);
  expect(summary!.split("\n").slice(0, 4)).toEqual([
    t("ru", "staff-day-heading", { day: "чт, 3 декабря", date: "03.12.2026" }),
    "",
    DOCTORS.akhmetova.name.ru,
    t("ru", "staff-day-booking", {
        session: "",
      time: "09:00",
      state: t("ru", "staff-state-booked"),
      patient: ALIYA.name,
      minor: ` ${t("ru", "staff-minor-marker", { age: 11 })}`,
      phone: PHONE.shown,
      iin: ALIYA.maskedIin,
      number: "B00002",
    }),
  ]);
  expect(testBot.app.store.audit.entries().filter((entry) => entry.action === "bookings.listed")).toEqual([
    { at: "2026-12-02T13:00:00.000Z", actor: "system", action: "bookings.listed", recordType: "day", recordId: "2026-12-03" },
  ]);

  testBot.clock.set("2026-12-02T15:30:00.000Z");
  expect(await postTomorrowSummary(testBot.app)).toBe(false);
  const directory = testBot.directory;
  const clock = testBot.clock;
  testBot.close();
  testBot = await TestBot.start({ directory, clock });
  expect(await postTomorrowSummary(testBot.app)).toBe(false);

  // Thursday 3 December, 18:05: Friday's list.
  testBot.clock.set("2026-12-03T13:05:00.000Z");
  expect(await postTomorrowSummary(testBot.app)).toBe(true);
  expect(staffTexts(testBot)[0]!.split("\n")[0]).toBe(t("ru", "staff-day-heading", { day: "пт, 4 декабря", date: "04.12.2026" }));
});
