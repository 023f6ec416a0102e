/**
 * Issue 10, reminders: a day before and two hours before the visit, in the person's chat and language,
 * each sent once whatever restarts happen, none when sending is no longer right.
 */
import { GrammyError } from "grammy";
import { afterEach, describe, expect, test } from "vitest";
import { patientActor } from "../../src/bot/data-rights";
import { planReminders } from "../../src/domain/reminders";
import { sendDueReminders } from "../../src/jobs";
import { chatAt, ivanWithBooking, IVANOV, IVANOV_MYDATA, IVANOV_STAFF } from "../support/booking";
import { rows } from "../support/database";
import { ALMATY, CLINIC, DOCTORS, IVAN, SERVICES, STAFF_CHAT_ID, doctorButton } from "../support/fixtures";
import { TestBot, type Reply, type TestChat } from "../support/harness";
import { t } from "../support/i18n";
import { myDataBooking, staffCard } from "../support/replies";
import { StaffGroup } from "../support/staff";
import { at, bookingRequest, bookOk, consentingAccount, person, slotIdAt } from "../support/store";

const bots: TestBot[] = [];
afterEach(() => {
  for (const bot of bots.splice(0)) bot.destroy();
});

async function start(options: Parameters<typeof TestBot.start>[0] = {}): Promise<TestBot> {
  const bot = await TestBot.start(options);
  bots.push(bot);
  return bot;
}

// Ivan's booking B00001 is on Wednesday 2 December at 14:00 Almaty (09:00 UTC); he booked on Tuesday at 08:00.
const DAY_BEFORE = "2026-12-01T09:00:00.000Z";
const TWO_HOURS_BEFORE = "2026-12-02T07:00:00.000Z";
const VISIT = "2026-12-02T09:00:00.000Z";

/**
 * `close`: a reminder within CHANGE_CUTOFF_HOURS of the visit (the two-hour one by default) gives the
 * clinic's phone instead of Move and Cancel, which could only refuse by then.
 */
function reminder(locale: "ru" | "kk" = "ru", facts: { number?: string; date?: string; time?: string; doctor?: string; close?: boolean } = {}): Reply {
  const text = t(locale, "reminder", {
      number: facts.number ?? "B00001",
      patient: IVAN.name,
      date: facts.date ?? (locale === "ru" ? "ср, 2 декабря" : "сәрсенбі, 2 желтоқсан"),
      time: facts.time ?? "14:00",
      service: SERVICES.pediatrician[locale],
      doctor: facts.doctor ?? DOCTORS.akhmetova.name[locale],
      address: CLINIC.address[locale],
    });
  if (facts.close) return { text: `${text}\n${t(locale, "reminder-change-by-phone", { phone: CLINIC.phoneShown })}`, buttons: [[t(locale, "button-reminder-come")]] };
  return { text, buttons: [[t(locale, "button-reminder-come")], [t(locale, "button-reminder-move"), t(locale, "button-reminder-cancel")]] };
}

function reminderStates(bot: TestBot): { offset: number; state: string }[] {
  return rows<{ offset: number; state: string }>(bot, "select offset_hours as offset, state from reminders order by due_at");
}

function minuteBefore(instant: string): string {
  return new Date(new Date(instant).getTime() - 60_000).toISOString();
}

async function ivanBooked(options: Parameters<typeof TestBot.start>[0] = {}): Promise<{ bot: TestBot; ivan: TestChat }> {
  const bot = await start(options);
  const ivan = await ivanWithBooking(bot);
  ivan.replies();
  return { bot, ivan };
}

describe("when reminders go out", () => {
  test("Ivan is reminded a day before and two hours before, each once, with who, when, which specialist and where", async () => {
    const { bot, ivan } = await ivanBooked();
    expect(reminderStates(bot)).toEqual([
      { offset: 24, state: "pending" },
      { offset: 2, state: "pending" },
    ]);

    bot.clock.set(minuteBefore(DAY_BEFORE));
    expect(await sendDueReminders(bot.app)).toBe(0);
    bot.clock.set(DAY_BEFORE);
    expect(await sendDueReminders(bot.app)).toBe(1);
    expect(await sendDueReminders(bot.app)).toBe(0);
    expect(ivan.replies()).toEqual([reminder()]);

    bot.clock.set(TWO_HOURS_BEFORE);
    expect(await sendDueReminders(bot.app)).toBe(1);
    bot.clock.advance(5 * 60_000);
    expect(await sendDueReminders(bot.app)).toBe(0);
    expect(ivan.replies()).toEqual([reminder("ru", { close: true })]);
    expect(reminderStates(bot).map((row) => row.state)).toEqual(["sent", "sent"]);
  });

  test("the fund's own offsets (REMINDER_OFFSETS_HOURS=3) replace the default ones", async () => {
    const { bot, ivan } = await ivanBooked({ reminderOffsetsHours: [3] });
    expect(reminderStates(bot)).toEqual([{ offset: 3, state: "pending" }]);
    bot.clock.set(DAY_BEFORE);
    expect(await sendDueReminders(bot.app)).toBe(0);
    bot.clock.set("2026-12-02T06:00:00.000Z"); // Wednesday 11:00 Almaty
    expect(await sendDueReminders(bot.app)).toBe(1);
    expect(ivan.replies()).toEqual([reminder()]);
  });

  test("a chat that speaks Kazakh is reminded in Kazakh", async () => {
    const { bot, ivan } = await ivanBooked();
    await ivan.send("/lang");
    await ivan.press(t("kk", "language-kk"));
    ivan.replies();
    bot.clock.set(DAY_BEFORE);
    await sendDueReminders(bot.app);
    expect(ivan.replies()).toEqual([reminder("kk")]);
  });

  test("a booking made inside the day-before window gets only the two-hour reminder", async () => {
    const bot = await start();
    bot.clock.set("2026-12-01T10:00:00.000Z"); // Tuesday 15:00 Almaty, 23 hours before the visit
    const ivan = await chatAt(bot, "summary");
    await ivan.press(t("ru", "button-confirm"));
    ivan.replies();
    expect(reminderStates(bot)).toEqual([{ offset: 2, state: "pending" }]);
    expect(await sendDueReminders(bot.app)).toBe(0);
    bot.clock.set(TWO_HOURS_BEFORE);
    expect(await sendDueReminders(bot.app)).toBe(1);
    expect(ivan.replies()).toEqual([reminder("ru", { close: true })]);
  });

  test("the day-before reminder of an 08:00 visit is not sent at 08:00 the day before but earlier, at 21:00 the evening before", async () => {
    const bot = await start();
    const sadykova = { ...IVANOV, doctor: doctorButton(DOCTORS.sadykova, "ru"), day: "чт, 3 декабря", time: "08:00" };
    const ivan = await chatAt(bot, "summary", 101, sadykova);
    await ivan.press(t("ru", "button-confirm"));
    ivan.replies();
    // Thursday 3 December 08:00 Almaty: 24 hours before is Wednesday 08:00, before the day begins.
    bot.clock.set("2026-12-01T15:59:00.000Z"); // Tuesday 20:59
    expect(await sendDueReminders(bot.app)).toBe(0);
    bot.clock.set("2026-12-01T16:00:00.000Z"); // Tuesday 21:00
    expect(await sendDueReminders(bot.app)).toBe(1);
    expect(ivan.replies()).toEqual([reminder("ru", { date: "чт, 3 декабря", time: "08:00", doctor: DOCTORS.sadykova.name.ru })]);
    bot.clock.set("2026-12-02T03:00:00.000Z"); // Wednesday 08:00
    expect(await sendDueReminders(bot.app)).toBe(0);
  });

  test("planning: a day-before reminder at night moves to 21:00 of the evening before; one late in the evening to 21:00 that day", () => {
    const booked = new Date("2026-11-20T00:00:00.000Z");
    // 07:30 Almaty on 3 December → 24 hours before is 07:30 on the 2nd → 21:00 on the 1st.
    expect(planReminders("2026-12-03T02:30:00.000Z", [24, 2], booked, ALMATY)).toEqual([
      { offsetHours: 24, dueAt: "2026-12-01T16:00:00.000Z" },
      { offsetHours: 2, dueAt: "2026-12-03T00:30:00.000Z" },
    ]);
    // 23:00 Almaty on 3 December → 23:00 on the 2nd → 21:00 on the 2nd.
    expect(planReminders("2026-12-03T18:00:00.000Z", [24], booked, ALMATY)).toEqual([{ offsetHours: 24, dueAt: "2026-12-02T16:00:00.000Z" }]);
  });
});

describe("restarts, crashes and downtime", () => {
  test("a reminder that fell due while the bot was stopped is sent once after the restart, and not again after another", async () => {
    const { bot } = await ivanBooked({ file: true });
    bot.clock.set(DAY_BEFORE);
    bot.close();

    const restarted = await start({ directory: bot.directory, clock: bot.clock });
    const ivan = restarted.chat({ id: 101 });
    expect(await sendDueReminders(restarted.app)).toBe(1);
    expect(ivan.replies()).toEqual([reminder()]);
    restarted.close();

    const again = await start({ directory: bot.directory, clock: bot.clock });
    expect(await sendDueReminders(again.app)).toBe(0);
    expect(again.chat({ id: 101 }).replies()).toEqual([]);
  });

  test("a booking made before reminders existed gets them planned at the next start", async () => {
    const { bot } = await ivanBooked({ file: true });
    bot.app.store.db.$client.prepare("delete from reminders").run();
    bot.close();

    const restarted = await start({ directory: bot.directory, clock: bot.clock });
    expect(reminderStates(restarted)).toEqual([
      { offset: 24, state: "pending" },
      { offset: 2, state: "pending" },
    ]);
    restarted.clock.set(DAY_BEFORE);
    expect(await sendDueReminders(restarted.app)).toBe(1);
    expect(restarted.chat({ id: 101 }).replies()).toEqual([reminder()]);
    restarted.close();

    const again = await start({ directory: bot.directory, clock: bot.clock });
    expect(reminderStates(again).map((row) => row.state)).toEqual(["sent", "pending"]);
  });

  test("a crash in the middle of a send repeats that reminder at most once (README: at most one duplicate)", async () => {
    const { bot, ivan } = await ivanBooked({ file: true });
    bot.clock.set(DAY_BEFORE);
    const crashMidSend = async (testBot: TestBot) => {
      let handedOver!: () => void;
      const sentButNotRecorded = new Promise<void>((resolve) => (handedOver = resolve));
      testBot.bot.api.config.use(async (prev, method, payload, signal) => {
        if (method !== "sendMessage") return prev(method, payload, signal);
        await prev(method, payload, signal);
        handedOver();
        return new Promise(() => undefined); // the process dies before the answer comes back
      });
      void sendDueReminders(testBot.app);
      await sentButNotRecorded;
      testBot.close();
    };
    await crashMidSend(bot);
    expect(ivan.replies()).toEqual([reminder()]);

    const second = await start({ directory: bot.directory, clock: bot.clock });
    await crashMidSend(second);
    expect(second.chat({ id: 101 }).replies()).toEqual([reminder()]);

    const third = await start({ directory: bot.directory, clock: bot.clock });
    expect(await sendDueReminders(third.app)).toBe(0);
    expect(third.chat({ id: 101 }).replies()).toEqual([]);
    expect(reminderStates(third).map((row) => row.state)).toEqual(["skipped", "pending"]);
  });

  test("a reminder the channel could not take (a lost connection) is sent by a later run, once; one to a chat that blocked the bot is dropped", async () => {
    const { bot, ivan } = await ivanBooked();
    let failure: Error | undefined = new Error("socket hang up");
    bot.bot.api.config.use((prev, method, payload, signal) => {
      if (method === "sendMessage" && failure) throw failure;
      return prev(method, payload, signal);
    });
    bot.clock.set(DAY_BEFORE);
    expect(await sendDueReminders(bot.app)).toBe(0);
    failure = undefined;
    bot.clock.advance(60_000);
    expect(await sendDueReminders(bot.app)).toBe(1);
    expect(await sendDueReminders(bot.app)).toBe(0);
    expect(ivan.replies()).toEqual([reminder()]);

    failure = new GrammyError("Forbidden", { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }, "sendMessage", {});
    bot.clock.set(TWO_HOURS_BEFORE);
    expect(await sendDueReminders(bot.app)).toBe(0);
    expect(reminderStates(bot).map((row) => row.state)).toEqual(["sent", "skipped"]);
  });

  test("a 429 for one chat delays only that chat's reminder: the next chat's goes out in the same run, and the first on the next", async () => {
    const { bot, ivan } = await ivanBooked();
    const maria = consentingAccount(bot.app.services, 102);
    bookOk(bot.app.services, bookingRequest(maria, slotIdAt(bot.app.store, at("2026-12-02", "14:30"), "akhmetova-aigul"), { serviceId: "pediatrician", person: person({ iin: "881202400564", fullName: "Иванова Мария Петровна" }) }));
    let busy = true;
    bot.bot.api.config.use((prev, method, payload, signal) => {
      if (method === "sendMessage" && busy && (payload as { chat_id: number }).chat_id === 101) {
        busy = false;
        throw new GrammyError("Too Many Requests", { ok: false, error_code: 429, description: "Too Many Requests: retry after 5", parameters: { retry_after: 5 } }, "sendMessage", {});
      }
      return prev(method, payload, signal);
    });
    bot.clock.set("2026-12-01T09:30:00.000Z"); // both day-before reminders are due

    expect(await sendDueReminders(bot.app)).toBe(1);
    expect(bot.sent.filter((message) => message.chatId === 102)).toHaveLength(1);
    expect(ivan.replies()).toEqual([]);
    bot.clock.advance(60_000);
    expect(await sendDueReminders(bot.app)).toBe(1);
    expect(ivan.replies()).toEqual([reminder()]);
  });

  test("after downtime only a still useful reminder goes out: not the day-before one once the two-hour one is due", async () => {
    const { bot, ivan } = await ivanBooked();
    bot.clock.set(TWO_HOURS_BEFORE);
    expect(await sendDueReminders(bot.app)).toBe(1);
    expect(ivan.replies()).toEqual([reminder("ru", { close: true })]);
    expect(reminderStates(bot).map((row) => row.state)).toEqual(["skipped", "sent"]);
  });

  test("after downtime past the start of the visit, nothing is sent", async () => {
    const { bot, ivan } = await ivanBooked();
    bot.clock.set(VISIT);
    expect(await sendDueReminders(bot.app)).toBe(0);
    expect(ivan.replies()).toEqual([]);
    expect(reminderStates(bot).map((row) => row.state)).toEqual(["skipped", "skipped"]);
  });

  test("a day-before reminder missed overnight waits for the morning, if it is still useful then", async () => {
    const bot = await start();
    const sadykova = { ...IVANOV, doctor: doctorButton(DOCTORS.sadykova, "ru"), day: "чт, 3 декабря", time: "11:40" };
    const ivan = await chatAt(bot, "summary", 101, sadykova);
    await ivan.press(t("ru", "button-confirm"));
    ivan.replies();
    // Due Wednesday 11:40; the bot was down until Thursday 02:00 Almaty.
    bot.clock.set("2026-12-02T21:00:00.000Z");
    expect(await sendDueReminders(bot.app)).toBe(0);
    bot.clock.set("2026-12-03T04:00:00.000Z"); // Thursday 09:00; the two-hour one is due at 09:40
    expect(await sendDueReminders(bot.app)).toBe(1);
    expect(ivan.replies()).toEqual([reminder("ru", { date: "чт, 3 декабря", time: "11:40", doctor: DOCTORS.sadykova.name.ru })]);
    expect(reminderStates(bot).map((row) => row.state)).toEqual(["sent", "pending"]);
  });
});

describe("none when sending is no longer right", () => {
  test("a cancelled booking drops its reminders in the same transaction, and none is sent", async () => {
    const { bot, ivan } = await ivanBooked();
    await ivan.send("/appointments");
    await ivan.press(t("ru", "button-cancel-booking"));
    await ivan.press(t("ru", "button-cancel-booking-yes"));
    ivan.replies();
    expect(reminderStates(bot)).toEqual([]);
    bot.clock.set(DAY_BEFORE);
    expect(await sendDueReminders(bot.app)).toBe(0);
    expect(ivan.replies()).toEqual([]);
  });

  test("a blocked account is sent nothing", async () => {
    const { bot, ivan } = await ivanBooked();
    const accountId = bot.app.store.accounts.findAccountId("telegram", 101)!;
    bot.app.services.blocking.setBlocked(accountId, true, "patient", patientActor(accountId));
    bot.clock.set(DAY_BEFORE);
    expect(await sendDueReminders(bot.app)).toBe(0);
    expect(ivan.replies()).toEqual([]);
    expect(reminderStates(bot).map((row) => row.state)).toEqual(["skipped", "pending"]);
  });

  test("after consent is withdrawn nothing is sent, and no reminder of the erased bookings is left", async () => {
    const { bot, ivan } = await ivanBooked();
    const accountId = bot.app.store.accounts.findAccountId("telegram", 101)!;
    bot.app.services.withdrawal.withdraw(accountId, patientActor(accountId));
    expect(reminderStates(bot)).toEqual([]);
    bot.clock.set(DAY_BEFORE);
    expect(await sendDueReminders(bot.app)).toBe(0);
    expect(ivan.replies()).toEqual([]);
  });
});

describe("answering a reminder", () => {
  test("'Приду' records the visit as confirmed, is answered once, and /mydata shows it", async () => {
    const { bot, ivan } = await ivanBooked();
    bot.clock.set(DAY_BEFORE);
    await sendDueReminders(bot.app);
    ivan.replies();
    const come = ivan.findButton(t("ru", "button-reminder-come"));
    expect(await ivan.press(t("ru", "button-reminder-come"))).toEqual([{ text: t("ru", "reminder-confirmed", { date: "ср, 2 декабря", time: "14:00" }) }]);
    expect(rows<{ status: string }>(bot, "select status from bookings")).toEqual([{ status: "confirmed" }]);
    expect(ivan.messages().find((message) => message.messageId === come.messageId)?.replyMarkup).toEqual({
      inline_keyboard: [[{ text: t("ru", "button-answered", { label: t("ru", "button-reminder-come") }), callback_data: come.data }]],
    });
    expect(await ivan.pressAgain(come)).toEqual([]);
    expect(ivan.lastNotice()).toBe(t("ru", "reminder-already-confirmed"));

    const shown = (await ivan.send("/mydata")).map((reply) => reply.text).join("\n");
    expect(shown).toContain(
      myDataBooking("ru", { ...IVANOV_MYDATA, status: "confirmed" }),
    );
  });

  test("staff see in tomorrow's list that the patient confirmed", async () => {
    const { bot, ivan } = await ivanBooked();
    const staff = new StaffGroup(bot);
    staff.members.add(501);
    bot.clock.set(DAY_BEFORE);
    await sendDueReminders(bot.app);
    await ivan.press(t("ru", "button-reminder-come"));
    const [list] = await staff.send(501, "/tomorrow");
    expect(list).toContain(t("ru", "staff-state-confirmed"));
  });

  test("the booking's card in the staff group is edited to show the confirmation, with no new message", async () => {
    const { bot, ivan } = await ivanBooked();
    const before = await bot.staffMessages();
    bot.clock.set(DAY_BEFORE);
    await sendDueReminders(bot.app);
    await ivan.press(t("ru", "button-reminder-come"));
    await ivan.press(t("ru", "button-answered", { label: t("ru", "button-reminder-come") }));
    expect(await bot.staffMessages()).toEqual(before);
    const edits = bot.sent.filter((message) => message.chatId === STAFF_CHAT_ID && message.edited);
    expect(edits.map((edit) => edit.text)).toEqual([staffCard(IVANOV_STAFF, "telegram", t("ru", "staff-state-confirmed"))]);
  });

  test("'Отменить' asks once, then cancels the booking as /appointments does, and the two-hour reminder is not sent", async () => {
    const { bot, ivan } = await ivanBooked();
    bot.clock.set(DAY_BEFORE);
    await sendDueReminders(bot.app);
    ivan.replies();
    const asked = await ivan.press(t("ru", "button-reminder-cancel"));
    expect(asked.map((reply) => reply.buttons)).toEqual([[[t("ru", "button-cancel-booking-yes")], [t("ru", "button-cancel-booking-no")]]]);
    expect(await ivan.press(t("ru", "button-cancel-booking-yes"))).toEqual([{ text: t("ru", "appointment-cancelled", { number: "B00001" }) }]);
    expect(rows<{ status: string }>(bot, "select status from bookings")).toEqual([{ status: "cancelled" }]);
    bot.clock.set(TWO_HOURS_BEFORE);
    expect(await sendDueReminders(bot.app)).toBe(0);
  });
});
