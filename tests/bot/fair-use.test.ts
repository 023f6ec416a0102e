import { afterEach, describe, expect, test } from "vitest";
import { DEFAULT_BOOKING_LIMITS, type BookingLimits } from "../../src/domain/fair-use";
import { closeApp } from "../../src/cli/context";
import { adminIo } from "../support/admin";
import { ALIYA_ANSWERS, finishBooking, IVANOV_AGAIN, IVANOV_BOOKED, ivanWithBooking, reach, type Answers } from "../support/booking";
import { count } from "../support/database";
import { ALIYA, DOCTORS, IVAN, PHONE, SERVICES } from "../support/fixtures";
import { TestBot, type TestChat } from "../support/harness";
import { t } from "../support/i18n";
import { R } from "../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

/** Ivan, already booked for the paediatrician on Wednesday 14:00–14:30, wants the neurologist the same afternoon. */
const IVAN_NEUROLOGIST: Answers = { ...IVANOV_AGAIN, service: SERVICES.neurologist.ru, doctor: undefined };

const OVERLAP_WITH_B00001 = { text: t("ru", "booking-overlap", { name: IVAN.name, date: "ср, 2 декабря", time: "14:00", service: SERVICES.pediatrician.ru }) };

/** The limit named; the dialogue ends there, except for a service's limit, which asks for another service. */
function limitReached(key: string, max: number) {
  const text = t("ru", key, { max });
  return key === "booking-limit-person-service" ? [{ text }, R.askService] : [{ text, removesKeyboard: true }];
}

/** Ivan (chat 101) has booked B00001; the bot runs with these limits. */
async function ivanBookedWith(limits: Partial<BookingLimits> = {}): Promise<TestChat> {
  testBot = await TestBot.start({ file: true, bookingLimits: { ...DEFAULT_BOOKING_LIMITS, ...limits } });
  const chat = await ivanWithBooking(testBot);
  testBot.clock.advance(60_000);
  await chat.send("/book");
  return chat;
}

describe("no person holds two bookings at overlapping times", () => {
  test("Ivan, booked with the paediatrician at 14:00, is told which booking he holds before the summary, and picks another time", async () => {
    const chat = await ivanBookedWith();
    await reach(chat, "time", IVAN_NEUROLOGIST);
    expect(await chat.press("14:00")).toEqual([OVERLAP_WITH_B00001, R.askTimeNurlanovWed2]);
    expect(count(testBot, "bookings")).toBe(1);
    await chat.press("14:40");
    await finishBooking(chat, "summary", { number: "B00002", booked: { ...IVANOV_BOOKED, time: "14:40", service: SERVICES.neurologist.ru, doctor: DOCTORS.nurlanov.name.ru } });
  });

  test("in Kazakh the same refusal names the booking in Kazakh", async () => {
    const chat = await ivanBookedWith();
    await chat.send("/cancel");
    await chat.send("/lang");
    await chat.press(t("kk", "language-kk"));
    await chat.send("/book");
    await chat.press(t("kk", "button-who-self"));
    await chat.press(SERVICES.neurologist.kk);
    await chat.press("сәрсенбі, 2 желтоқсан");
    const replies = await chat.press("14:00");
    expect(replies[0]).toEqual({ text: t("kk", "booking-overlap", { name: IVAN.name, date: "сәрсенбі, 2 желтоқсан", time: "14:00", service: SERVICES.pediatrician.kk }) });
  });

});

describe("the fund's limits on upcoming bookings", () => {
  test.each([
    { limit: "per person", limits: { perPerson: 1 }, answers: { ...IVAN_NEUROLOGIST, time: "14:40" }, key: "booking-limit-person", max: 1 },
    { limit: "per person and service", limits: { perPersonAndService: 1 }, answers: { ...IVANOV_AGAIN, time: "15:00" }, key: "booking-limit-person-service", max: 1 },
    { limit: "per account", limits: { perAccount: 1 }, answers: ALIYA_ANSWERS, key: "booking-limit-account", max: 1 },
  ])("a booking beyond the limit $limit is refused before the summary, with the limit named", async ({ limits, answers, key, max }) => {
    const chat = await ivanBookedWith(limits);
    const steps = await reach(chat, "summary", answers);
    expect(steps).toEqual(limitReached(key, max));
    expect(count(testBot, "bookings")).toBe(1);
  });
});

/**
 * Two devices of one account: the chat has reached the summary (every check passed) when the account's
 * other device, served by a second process on the same database, books first. Confirm then meets the
 * check again inside the booking transaction.
 */
describe("each limit holds when two devices of one account book at once", () => {
  async function otherDeviceBooks(person: { iin: string; fullName: string; relation: "self" | "other" }, serviceId: string, doctorId: string, day: string, utcTime: string) {
    const other = await adminIo(testBot).openApp();
    try {
      const slot = other.store.availability.freeSlotsOn(doctorId, day).find((free) => free.startsAt === `${day}T${utcTime}:00.000Z`)!;
      const outcome = other.services.bookings.book({
        accountId: other.store.accounts.findAccountId("telegram", 101)!,
        channel: "telegram",
        relation: person.relation,
        representativeConfirmed: person.relation === "other",
        person: { iin: person.iin, fullName: person.fullName, phone: PHONE.e164, phoneConfirmed: false },
        serviceId,
        slotId: slot.id,
        policyVersion: "1.0",
        draftKey: "other-device",
      });
      expect(outcome.ok).toBe(true);
    } finally {
      closeApp(other);
    }
  }
  const IVAN_SELF = { iin: IVAN.iin, fullName: IVAN.name, relation: "self" } as const;

  test("an overlap: the other device booked the paediatrician at 14:30 while this one shows the neurologist at 14:40", async () => {
    const chat = await ivanBookedWith();
    await reach(chat, "summary", { ...IVAN_NEUROLOGIST, time: "14:40" });
    await otherDeviceBooks(IVAN_SELF, "pediatrician", "akhmetova-aigul", "2026-12-02", "09:30");
    const overlap = { text: t("ru", "booking-overlap", { name: IVAN.name, date: "ср, 2 декабря", time: "14:30", service: SERVICES.pediatrician.ru }) };
    expect(await chat.press(t("ru", "button-confirm"))).toEqual([overlap, R.askTimeNurlanovWed2]);
    expect(count(testBot, "bookings")).toBe(2);
  });

  test.each([
    { limit: "per person", limits: { perPerson: 2 }, answers: { ...IVAN_NEUROLOGIST, time: "14:40" }, person: IVAN_SELF, key: "booking-limit-person" },
    { limit: "per person and service", limits: { perPersonAndService: 2 }, answers: { ...IVANOV_AGAIN, time: "15:00" }, person: IVAN_SELF, key: "booking-limit-person-service" },
    { limit: "per account", limits: { perAccount: 2 }, answers: ALIYA_ANSWERS, person: { iin: ALIYA.iin, fullName: ALIYA.name, relation: "other" } as const, key: "booking-limit-account" },
  ])("the limit $limit: the other device's booking fills it, and Confirm here is refused", async ({ limits, answers, person, key }) => {
    const chat = await ivanBookedWith(limits);
    await reach(chat, "summary", answers);
    await otherDeviceBooks(person, "pediatrician", "akhmetova-aigul", "2026-12-02", "10:30");
    expect(await chat.press(t("ru", "button-confirm"))).toEqual(limitReached(key, 2));
    expect(count(testBot, "bookings")).toBe(2);
  });
});
