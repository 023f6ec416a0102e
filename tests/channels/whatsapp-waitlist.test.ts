/**
 * Issue 10 on WhatsApp: the same waiting-list lifecycle with numbered options. A WhatsApp mother joins
 * from the day question by number, a Telegram booking is cancelled, the offer reaches her WhatsApp chat
 * as a numbered list, and "1" books the time.
 */
import { afterEach, expect, test } from "vitest";
import { offerFreedSlots } from "../../src/jobs";
import { ivanWithBooking } from "../support/booking";
import { rows } from "../support/database";
import { type FakeWhatsAppClient, startTestWhatsApp, WhatsAppTestChat } from "../support/fake-whatsapp-client";
import { DOCTORS, MARIA, SERVICES } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { cancelFromAppointments } from "../support/waitlist";

let testBot: TestBot;
let channel: Awaited<ReturnType<typeof startTestWhatsApp>>["channel"];

afterEach(async () => {
  await channel.stop();
  testBot.destroy();
});

const MARIA_WA = "77019876543@c.us";

function listed(text: string, ...labels: string[]): string {
  return `${text}\n\n${labels.map((label, index) => `${index + 1}. ${label}`).join("\n")}`;
}

test("on WhatsApp: join by numbers, get the freed time as a numbered offer, '1' books it", async () => {
  testBot = await TestBot.start();
  let client: FakeWhatsAppClient;
  ({ client, channel } = await startTestWhatsApp(testBot));
  const ivan = await ivanWithBooking(testBot);
  const maria = new WhatsAppTestChat(client, channel, MARIA_WA, null);

  await maria.send("/start");
  await maria.send("2"); // Русский
  await maria.send("2"); // ✅ Согласен(на)
  await maria.send("2"); // Нет, не передавать
  await maria.send("1"); // Я сам(а)
  await maria.send(MARIA.iin);
  await maria.send(MARIA.name);
  await maria.send("+7 701 987 65 43");
  await maria.send("1"); // Консультация педиатра
  await maria.send("2"); // Ахметова (1 is "any specialist")
  // The earliest time, 11 days (Wednesday 14:00 is Ivan's, the rest of Wednesday is free), then "nothing fits".
  const range = await maria.send(t("ru", "button-waitlist-none-fit"));
  expect(range).toEqual([
    listed(t("ru", "waitlist-ask-range"), t("ru", "button-waitlist-days", { days: 7 }), t("ru", "button-waitlist-days", { days: 14 }), t("ru", "button-back"), t("ru", "button-cancel")),
  ]);
  await maria.send("1"); // 7 days
  expect(await maria.send("1")).toEqual([
    t("ru", "waitlist-joined", { name: MARIA.name, service: SERVICES.pediatrician.ru, doctor: DOCTORS.akhmetova.name.ru, until: "пн, 7 декабря", hold: 30 }),
  ]);

  testBot.clock.advance(60_000);
  await cancelFromAppointments(ivan);
  expect(await offerFreedSlots(testBot.app)).toMatchObject({ offered: 1 });
  const offerText = t("ru", "waitlist-offer", {
    patient: MARIA.name,
    when: "ср, 2 декабря, 14:00",
    service: SERVICES.pediatrician.ru,
    doctor: DOCTORS.akhmetova.name.ru,
    until: "08:31",
  });
  expect(maria.replies()).toEqual([listed(offerText, t("ru", "button-waitlist-take"), t("ru", "button-waitlist-decline"))]);

  expect(await maria.send("1")).toEqual([
    t("ru", "waitlist-taken", { number: "B00002", date: "ср, 2 декабря", time: "14:00", service: SERVICES.pediatrician.ru, doctor: DOCTORS.akhmetova.name.ru, patient: MARIA.name }),
  ]);
  expect(rows<{ status: string }>(testBot, "select status from bookings order by created_at")).toEqual([{ status: "cancelled" }, { status: "booked" }]);
  expect(client.sentTo(MARIA_WA).length).toBeGreaterThan(0);
});
