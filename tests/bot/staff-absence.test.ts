import { afterEach, describe, expect, test } from "vitest";
import { rows } from "../support/database";
import { DOCTORS, STAFF_CHAT_ID } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { StaffGroup } from "../support/staff";
import { at, bookingRequest, bookOk, consentingAccount, slotIdAt } from "../support/store";

let testBot: TestBot;
afterEach(() => testBot.destroy());

const ADMIN = 501;
const RECEPTION = 502;

/** Two people booked with Dr Sadykova on Wednesday 2 December; the group has an admin and a receptionist. */
async function setUp(): Promise<StaffGroup> {
  testBot = await TestBot.start({ staffAdminIds: [ADMIN] });
  for (const [chatId, time] of [
    [201, "08:00"],
    [202, "09:00"],
  ] as const) {
    bookOk(testBot.app.services, bookingRequest(consentingAccount(testBot.app.services, chatId), slotIdAt(testBot.app.store, at("2026-12-02", time))));
  }
  await testBot.app.staffAlerts.flush();
  const staff = new StaffGroup(testBot);
  staff.members.add(ADMIN);
  staff.members.add(RECEPTION);
  return staff;
}

function statuses(): string[] {
  return rows<{ status: string }>(testBot, "select status from bookings order by number").map((row) => row.status);
}

const CONFIRM = t("ru", "staff-absence-confirm", { doctor: DOCTORS.sadykova.name.ru, from: "02.12.2026", to: "03.12.2026", reason: "больничный лист", affected: 2 });

describe("/absence in the staff group", () => {
  test("an admin records it after a confirmation that says how many bookings it cancels; the patients and the group are told as from the command line", async () => {
    const staff = await setUp();
    expect(await staff.send(ADMIN, "/absence Садыкова 2026-12-02 2026-12-03 больничный лист")).toEqual([CONFIRM]);
    expect(statuses()).toEqual(["booked", "booked"]);

    const question = (await staff.messages()).at(-1)!;
    expect(question.buttons).toEqual([[t("ru", "button-staff-absence-yes")], [t("ru", "button-staff-absence-no")]]);
    const yes = testBot.sent.filter((message) => message.chatId === STAFF_CHAT_ID && message.messageId === question.messageId).at(-1)!.replyMarkup!;
    const data = "inline_keyboard" in yes ? yes.inline_keyboard[0]![0]! : undefined;
    await staff.pressData(ADMIN, data && "callback_data" in data ? data.callback_data : "", question.messageId);

    expect(statuses()).toEqual(["cancelled", "cancelled"]);
    const texts = (await staff.messages()).map((message) => message.text);
    expect(texts).toContain(t("ru", "staff-absence-recorded", { cancelled: 2 }));
    expect(texts).toContain(t("ru", "staff-absence-summary", { doctor: DOCTORS.sadykova.name.ru, from: "02.12.2026", to: "03.12.2026", reason: "больничный лист", cancelled: 2, told: 2, toCall: 0, rebooked: 0 }));
    await testBot.app.patientNotices.flush();
    expect(testBot.sent.filter((message) => message.chatId === 201 || message.chatId === 202)).toHaveLength(2);
    expect(testBot.app.store.audit.entries().filter((entry) => entry.actor === "staff").map((entry) => [entry.action, entry.actorId])).toEqual([
      ["absence.recorded", String(ADMIN)],
      ["booking.cancelled", String(ADMIN)],
      ["booking.cancelled", String(ADMIN)],
    ]);

    // One of the two families chooses a new time in its chat: the summary, edited in place, counts it.
    const family = testBot.chat({ id: 201 });
    await family.press(t("ru", "button-rebook"));
    await family.press("пт, 4 декабря");
    await family.press("08:00");
    expect(await family.press(t("ru", "button-move-confirm"))).toEqual([{ text: t("ru", "move-done-rebook", { number: "B00001", when: "пт, 4 декабря, 08:00" }) }]);
    const summaryNow = t("ru", "staff-absence-summary", { doctor: DOCTORS.sadykova.name.ru, from: "02.12.2026", to: "03.12.2026", reason: "больничный лист", cancelled: 2, told: 2, toCall: 0, rebooked: 1 });
    expect((await staff.messages()).map((message) => message.text)).toContain(summaryNow);
    expect(statuses()).toEqual(["booked", "cancelled"]);
  });

  test("'Не отмечать' changes nothing; nor does a press by another member, or a press after the question expired", async () => {
    const staff = await setUp();
    await staff.send(ADMIN, "/absence sadykova 2026-12-02 2026-12-03 больничный лист");
    const question = (await staff.messages()).at(-1)!;
    const markup = testBot.sent.filter((message) => message.chatId === STAFF_CHAT_ID && message.messageId === question.messageId).at(-1)!.replyMarkup!;
    const [yes, no] = ("inline_keyboard" in markup ? markup.inline_keyboard.flat() : []).map((button) => ("callback_data" in button ? button.callback_data : ""));

    expect(await staff.pressData(RECEPTION, yes!, question.messageId)).toMatchObject({ text: t("ru", "staff-absence-not-yours") });
    expect(statuses()).toEqual(["booked", "booked"]);
    await staff.pressData(ADMIN, no!, question.messageId);
    expect((await staff.messages()).at(-1)!.text).toBe(t("ru", "staff-absence-kept"));
    expect(await staff.pressData(ADMIN, yes!, question.messageId)).toMatchObject({ text: t("ru", "staff-absence-expired") });

    await staff.send(ADMIN, "/absence sadykova 2026-12-02 2026-12-03 больничный лист");
    const again = (await staff.messages()).at(-1)!;
    const againMarkup = testBot.sent.filter((message) => message.chatId === STAFF_CHAT_ID && message.messageId === again.messageId).at(-1)!.replyMarkup!;
    const againYes = "inline_keyboard" in againMarkup ? againMarkup.inline_keyboard[0]![0]! : undefined;
    testBot.clock.advance(16 * 60_000);
    expect(await staff.pressData(ADMIN, againYes && "callback_data" in againYes ? againYes.callback_data : "", again.messageId)).toMatchObject({ text: t("ru", "staff-absence-expired") });
    expect(statuses()).toEqual(["booked", "booked"]);
  });

  test("members who are not admins, and admins with a wrong command, are told what to do and change nothing", async () => {
    const staff = await setUp();
    expect(await staff.send(RECEPTION, "/absence Садыкова 2026-12-02 больничный")).toEqual([t("ru", "staff-absence-admins-only")]);
    expect(await staff.send(ADMIN, "/absence Садыкова больничный")).toEqual([t("ru", "staff-absence-usage")]);
    expect(await staff.send(ADMIN, "/absence Садыкова 2026-12-02")).toEqual([t("ru", "staff-absence-usage")]);
    expect(await staff.send(ADMIN, "/absence Петров 2026-12-02 больничный")).toEqual([t("ru", "staff-day-no-specialist", { query: "Петров" })]);
    expect(await staff.send(ADMIN, "/absence Садыкова 2026-12-05 2026-12-02 отпуск")).toEqual([t("ru", "staff-absence-refused-period_reversed")]);
    expect(await staff.send(ADMIN, "/absence Садыкова 2026-11-20 2026-11-25 отпуск")).toEqual([t("ru", "staff-absence-refused-period_past")]);
    expect(statuses()).toEqual(["booked", "booked"]);
  });

  test("an admin who is no longer a member of the group can do nothing there", async () => {
    const staff = await setUp();
    staff.members.delete(ADMIN);
    expect(await staff.send(ADMIN, "/absence Садыкова 2026-12-02 больничный")).toEqual([]);
    expect(statuses()).toEqual(["booked", "booked"]);
  });
});
