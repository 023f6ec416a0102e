import { afterEach, expect, test } from "vitest";
import type { StaffBookingCard } from "../../src/services/staff-desk";
import { TestBot } from "../support/harness";

let testBot: TestBot | undefined;
afterEach(() => testBot?.destroy());

test("a day's list longer than one Telegram message is split at line breaks under 4096 characters, nothing lost", async () => {
  testBot = await TestBot.start();
  const bookings: StaffBookingCard[] = Array.from({ length: 90 }, (_, index) => ({
    bookingId: `booking-${index}`,
    number: `N${String(index).padStart(5, "0")}`,
    serviceId: "pediatrician",
    doctorId: "akhmetova-aigul",
    startsAt: new Date(Date.UTC(2026, 11, 2, 3, index)).toISOString(),
    status: "booked",
    cancelledBy: null,
    cancelReason: null,
    patientName: "Константинопольская Александра Владимировна",
    phone: "+77012345678",
    maskedIin: "9001******26",
    relation: "other",
    minorAge: 7,
    language: "ru",
    channel: "telegram",
    movedFrom: null,
  }));
  const days = [
    { doctorId: "akhmetova-aigul", bookings, freeSlots: [] },
    { doctorId: "sadykova-gulnar", bookings: bookings.slice(0, 20).map((booking) => ({ ...booking, doctorId: "sadykova-gulnar" })), freeSlots: [] },
  ];

  const messages = testBot.app.staffTexts.day("2026-12-02", days);

  expect(messages.length).toBeGreaterThan(2);
  for (const message of messages) expect(message.length).toBeLessThanOrEqual(4096);
  const lines = messages.flatMap((message) => message.split("\n")).filter((line) => line !== "");
  expect(lines.filter((line) => line.includes("Константинопольская"))).toHaveLength(110);
  expect(lines[0]).toBe("🗓 Записи на ср, 2 декабря (02.12.2026)");
  expect(lines.filter((line) => line === "Свободного времени не осталось.")).toHaveLength(2);
});
