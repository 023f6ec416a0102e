import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { runAdmin } from "../../src/cli/admin";
import { adminIo } from "../support/admin";
import { rows } from "../support/database";
import { CATALOG_PATH, DOCTORS, SERVICES, STAFF_CHAT_ID } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { at, bookingRequest, bookOk, consentingAccount, slotIdAt } from "../support/store";

let testBot: TestBot | undefined;
afterEach(() => testBot?.destroy());

const SADYKOVA = "sadykova-gulnar";
const NURLANOV = "nurlanov-erlan";
/** Five people, each in their own chat, booked with Dr Sadykova on Wednesday and Thursday. */
const BOOKED = [
  { chatId: 201, date: "2026-12-02", time: "08:00" },
  { chatId: 202, date: "2026-12-02", time: "08:20" },
  { chatId: 203, date: "2026-12-02", time: "10:00" },
  { chatId: 204, date: "2026-12-03", time: "08:40" },
  { chatId: 205, date: "2026-12-03", time: "11:00" },
];

test("an absence of a specialist with 5 bookings cancels them, tells the 5 patients in their chats, posts one summary, and leaves no slot in the period", async () => {
  testBot = await TestBot.start({ file: true });
  const bot = testBot;
  // Booked one after another, each announced by its own card, as the dialogue does.
  for (const { chatId, date, time } of BOOKED) {
    bookOk(bot.app.services, bookingRequest(consentingAccount(bot.app.services, chatId), slotIdAt(bot.app.store, at(date, time))));
    await bot.app.staffAlerts.flush();
  }
  // Someone with Dr Sadykova on Friday, after the absence, keeps the booking.
  bookOk(bot.app.services, bookingRequest(consentingAccount(bot.app.services, 206), slotIdAt(bot.app.store, at("2026-12-04", "08:00"))));
  await bot.app.staffAlerts.flush();
  const alertsBefore = bot.sent.filter((message) => message.chatId === STAFF_CHAT_ID).length;

  const io = adminIo(bot);
  const code = await runAdmin(["absence", "--doctor", SADYKOVA, "--from", "2026-12-02", "--to", "2026-12-03", "--reason", "больничный", "--by", "Aliya"], io);
  expect(io.printed).toEqual([
    `Absence recorded: no slots of ${SADYKOVA} from 2026-12-02 to 2026-12-03. Bookings cancelled: 5; patients being told in their chat: 5; to call: 0. The staff group gets one summary.`,
  ]);
  expect(code).toBe(0);

  // The running bot delivers what the command wrote: its outboxes.
  expect(await bot.app.patientNotices.flush()).toBe(5);
  await bot.app.staffAlerts.flush();
  for (const [index, { chatId, date, time }] of BOOKED.entries()) {
    expect(bot.sent.filter((message) => message.chatId === chatId).map((message) => message.text)).toEqual([
      t("ru", "patient-cancelled-by-clinic-rebook", {
        number: `B0000${index + 1}`,
        when: `${date === "2026-12-02" ? "ср, 2 декабря" : "чт, 3 декабря"}, ${time}`,
        service: SERVICES.ultrasound.ru,
        doctor: DOCTORS.sadykova.name.ru,
        reason: t("ru", "cancel-reason-specialist_absent"),
      }),
    ]);
  }
  expect(bot.sent.filter((message) => message.chatId === STAFF_CHAT_ID && !message.edited).slice(alertsBefore).map((message) => message.text)).toEqual([
    t("ru", "staff-absence-summary", { doctor: DOCTORS.sadykova.name.ru, from: "02.12.2026", to: "03.12.2026", reason: "больничный", cancelled: 5, told: 5, toCall: 0, rebooked: 0 }),
  ]);
  // Each booking's card in the group now shows the cancellation.
  const cards = bot.sent.filter((message) => message.chatId === STAFF_CHAT_ID && message.edited).map((message) => message.text);
  expect(cards).toHaveLength(BOOKED.length);
  for (const card of cards) expect(card).toContain(t("ru", "staff-state-cancelled-by-staff", { reason: t("ru", "cancel-reason-specialist_absent") }));
  expect(rows(bot, "select number, status, cancelled_by, cancel_reason from bookings order by number")).toEqual([
    ...BOOKED.map((_, index) => ({ number: `B0000${index + 1}`, status: "cancelled", cancelled_by: "staff", cancel_reason: "specialist_absent" })),
    { number: "B00006", status: "booked", cancelled_by: null, cancel_reason: null },
  ]);
  expect(bot.app.store.availability.freeSlotsOn(SADYKOVA, "2026-12-02")).toEqual([]);
  expect(bot.app.store.availability.freeSlotsOn(SADYKOVA, "2026-12-03")).toEqual([]);
  expect(bot.app.store.availability.freeSlotsOn(SADYKOVA, "2026-12-04").length).toBeGreaterThan(0);
  // The reason may be about the specialist's health: it is stored encrypted, and the audit names only ids.
  expect(rows(bot, "select count(*) c from doctor_absences where reason_ct like '%больничный%'")).toEqual([{ c: 0 }]);
  expect(bot.app.store.audit.entries().filter((entry) => entry.actor === "admin").map((entry) => entry.action)).toEqual(["absence.recorded", ...BOOKED.map(() => "booking.cancelled")]);
});

test("a wrong absence command changes nothing and says what is wrong", async () => {
  testBot = await TestBot.start({ file: true });
  const io = adminIo(testBot);
  expect(await runAdmin(["absence", "--doctor", SADYKOVA, "--from", "2026-12-02", "--to", "2026-12-32", "--reason", "x", "--by", "Aliya"], io)).toBe(2);
  expect(await runAdmin(["absence", "--doctor", "nobody", "--from", "2026-12-02", "--to", "2026-12-03", "--reason", "x", "--by", "Aliya"], io)).toBe(1);
  expect(await runAdmin(["absence", "--doctor", SADYKOVA, "--from", "2026-12-03", "--to", "2026-12-02", "--reason", "x", "--by", "Aliya"], io)).toBe(1);
  expect(io.printed.slice(1)).toEqual(["No specialist with the id nobody in the catalogue.", "The absence ends before it starts: check --from and --to."]);
  expect(rows(testBot, "select count(*) c from doctor_absences")).toEqual([{ c: 0 }]);
});

test("a catalogue re-import that removes a specialist with upcoming bookings cancels them like an absence: patients told, one summary", async () => {
  testBot = await TestBot.start({ file: true });
  const bot = testBot;
  for (const [index, time] of ["14:00", "14:40"].entries()) {
    const accountId = consentingAccount(bot.app.services, 301 + index);
    bookOk(bot.app.services, bookingRequest(accountId, slotIdAt(bot.app.store, at("2026-12-02", time), NURLANOV), { serviceId: "neurologist" }));
    await bot.app.staffAlerts.flush();
  }
  const catalog = JSON.parse(readFileSync(CATALOG_PATH, "utf8")) as { doctors: { id: string }[]; services: { id: string }[] };
  catalog.doctors = catalog.doctors.filter((doctor) => doctor.id !== NURLANOV);
  catalog.services = catalog.services.filter((service) => service.id !== "neurologist");
  const path = join(bot.directory, "catalog.json");
  writeFileSync(path, JSON.stringify(catalog));

  const io = adminIo(bot);
  expect(await runAdmin(["import-catalog", path], io)).toBe(0);

  expect(rows(bot, "select number, status, cancel_reason from bookings order by number")).toEqual([
    { number: "B00001", status: "cancelled", cancel_reason: "specialist_absent" },
    { number: "B00002", status: "cancelled", cancel_reason: "specialist_absent" },
  ]);
  expect(await bot.app.patientNotices.flush()).toBe(2);
  expect(bot.sent.filter((message) => message.chatId === 301).map((message) => message.text)).toEqual([
    t("ru", "patient-cancelled-by-clinic-rebook", {
      number: "B00001",
      when: "ср, 2 декабря, 14:00",
      service: SERVICES.neurologist.ru,
      doctor: "Нурланов Ерлан Болатович",
      reason: t("ru", "cancel-reason-specialist_absent"),
    }),
  ]);
  await bot.app.staffAlerts.flush();
  expect(bot.sent.filter((message) => message.chatId === STAFF_CHAT_ID && !message.edited).at(-1)?.text).toBe(
    t("ru", "staff-doctor-removed-summary", { doctor: "Нурланов Ерлан Болатович", cancelled: 2, told: 2, toCall: 0 }),
  );
  // A second import finds nothing more to do.
  expect(await runAdmin(["import-catalog", path], io)).toBe(0);
  expect(await bot.app.patientNotices.flush()).toBe(0);
});
