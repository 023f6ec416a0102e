/**
 * Issue 12 through the bot: a course booked in one confirmation, a group's places, the course as one
 * entry in /appointments, the rest cancelled, and a specialist's absence told once for all sessions.
 */
import { afterEach, describe, expect, test } from "vitest";
import { sendDueReminders } from "../../src/jobs";
import { IVANOV, reach, startIn } from "../support/booking";
import { count } from "../support/database";
import { ALIYA, SERVICES } from "../support/fixtures";
import { TestBot, type TestChat } from "../support/harness";
import { t } from "../support/i18n";
import { StaffGroup } from "../support/staff";

const RECEPTION = 501;

let testBot: TestBot;
afterEach(() => testBot.destroy());

function withStaff(transcript: string, staff: string[]): string {
  return `${transcript}\nThe staff group:\n${staff.map((message) => `< ${message.replaceAll("\n", "\n  ")}`).join("\n")}\n`;
}

/** A mother, in Kazakh, books for her daughter (the IIN given) and is at the service question. */
async function kazakhMotherAtService(chat: TestChat, iin: string): Promise<void> {
  await startIn(chat, "kk");
  await chat.press(t("kk", "button-who-other"));
  await chat.send(iin);
  await chat.press(t("kk", "button-representative-yes"));
  await chat.send("Сейтқали Айгерім Нұрланқызы");
  await chat.send("8 701 234 56 78");
}

/** Ivan has booked the exercise therapy course from Wednesday 2 December 09:00, in one confirmation. */
async function ivanWithCourse(): Promise<TestChat> {
  testBot = await TestBot.start();
  const chat = testBot.chat({ id: 101 });
  await ivanAtCourseDay(chat);
  await chat.press("ср, 2 декабря");
  await chat.press("09:00");
  await chat.press(t("ru", "button-confirm-course"));
  return chat;
}

/** Ivan, in Russian, at the first day of the exercise therapy course (its one instructor needs no question). */
async function ivanAtCourseDay(chat: TestChat): Promise<void> {
  await startIn(chat);
  await reach(chat, "service", IVANOV);
  await chat.press(SERVICES.exerciseCourse.ru);
}

describe("a course through the bot", () => {
  test("Ivan books ten sessions of exercise therapy in one confirmation; holidays get the nearest free time", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 101 });
    await ivanAtCourseDay(chat);
    await chat.press("ср, 2 декабря");
    const summary = await chat.press("09:00");
    expect(summary.at(-1)?.buttons?.[0]).toEqual([t("ru", "button-confirm-course")]);
    await chat.press(t("ru", "button-confirm-course"));

    expect(count(testBot, "bookings")).toBe(10);
    const staff = await testBot.staffMessages();
    // One digest for the ten sessions, two buttons to a row and no empty row after the last.
    const digest = testBot.sent.filter((message) => message.chatId === testBot.app.staffChatId).at(-1)!.replyMarkup!;
    const rows = "inline_keyboard" in digest ? digest.inline_keyboard : [];
    expect(rows.map((row) => row.length)).toEqual([2, 2, 2, 2, 2]);
    await expect(withStaff(chat.transcript(), staff)).toMatchFileSnapshot("__snapshots__/course-booking.ru.txt");

    // The day-before reminder names the session.
    chat.replies();
    testBot.clock.set("2026-12-06T05:00:00.000Z"); // Sunday 10:00 in Almaty, a day before session 2
    expect(await sendDueReminders(testBot.app)).toBe(1);
    expect(chat.replies()[0]?.text).toContain(`${SERVICES.exerciseCourse.ru}, ${t("ru", "session-label", { number: 2, count: 10 })}`);

    // Reception's list of the day names the session.
    const group = new StaffGroup(testBot);
    group.members.add(RECEPTION);
    const [day] = await group.send(RECEPTION, "/day 2026-12-07 жаксылыков");
    expect(day).toContain(`(№ B00002), ${t("ru", "staff-day-session", { number: 2, count: 10 })}`);
  });

  test("/appointments shows the course as one entry; its next session moves alone; the rest is cancelled after one question, with one staff notice", async () => {
    const chat = await ivanWithCourse();
    await testBot.staffMessages();

    const list = await chat.send("/appointments");
    expect(list.map((reply) => reply.text)).toEqual([
      t("ru", "appointments-heading", { count: 1 }),
      t("ru", "appointments-course", {
        service: SERVICES.exerciseCourse.ru,
        doctor: "Жаксылыков Даурен Маратович",
        patient: "Иванов Иван Иванович",
        done: 0,
        count: 10,
        session: t("ru", "session-label", { number: 1, count: 10 }),
        when: "ср, 2 декабря, 09:00",
        number: "B00001",
      }),
    ]);
    expect(list[1]!.buttons).toEqual([
      [t("ru", "button-course-move-next", { number: 1 })],
      [t("ru", "button-course-cancel-next", { number: 1 })],
      [t("ru", "button-course-sessions")],
      [t("ru", "button-course-cancel-rest")],
    ]);
    // Every session still ahead, each with its own move and cancel: the fifth (Tuesday 15th) is cancelled alone.
    const listed = await chat.press(t("ru", "button-course-sessions"));
    expect(listed).toHaveLength(10);
    expect(listed[4]!.text).toContain(`${SERVICES.exerciseCourse.ru}, ${t("ru", "session-label", { number: 5, count: 10 })}`);
    const fifth = chat.messages().slice(-10)[4]!;
    const markup = fifth.replyMarkup && "inline_keyboard" in fifth.replyMarkup ? fifth.replyMarkup.inline_keyboard.flat() : [];
    const cancel = markup.find((button) => button.text === t("ru", "button-cancel-booking"));
    await chat.pressAgain({ messageId: fifth.messageId, data: cancel && "callback_data" in cancel ? cancel.callback_data : "" });
    await chat.press(t("ru", "button-cancel-booking-yes"));
    expect(testBot.app.store.bookings.allFor(testBot.app.store.accounts.findAccountId("telegram", 101)!).filter((booking) => booking.status === "cancelled").map((booking) => booking.course?.number)).toEqual([5]);

    // The first session moves to Thursday 10:00 with the same instructor (no specialist question); the others stay.
    const move = await chat.press(t("ru", "button-course-move-next", { number: 1 }));
    expect(move.at(-1)?.text).toBe(t("ru", "ask-day"));
    await chat.press("чт, 3 декабря");
    await chat.press("10:00");
    await chat.press(t("ru", "button-move-confirm"));
    const sessions = testBot.app.store.db.$client.prepare("select b.session_number as n, s.starts_at as at from bookings b join slots s on s.id = b.slot_id order by b.session_number").all() as { n: number; at: string }[];
    expect(sessions.map((session) => session.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sessions[0]!.at).toBe("2026-12-03T05:00:00.000Z");
    expect(sessions[1]!.at).toBe("2026-12-07T04:00:00.000Z");

    await chat.send("/appointments");
    expect(await chat.press(t("ru", "button-course-cancel-rest"))).toEqual([
      {
        text: t("ru", "course-cancel-rest-question", { service: SERVICES.exerciseCourse.ru, count: 9 }),
        buttons: [[t("ru", "button-course-cancel-rest-yes")], [t("ru", "button-course-cancel-rest-no")]],
      },
    ]);
    // The fifth was cancelled alone before: nine more now.
    expect(await chat.press(t("ru", "button-course-cancel-rest-yes"))).toEqual([{ text: t("ru", "course-cancelled-rest", { count: 9 }) }]);
    expect(count(testBot, "bookings where status = 'cancelled'")).toBe(10);
    const staff = await testBot.staffMessages();
    // One notice for the fifth session cancelled alone, one for the nine cancelled together.
    expect(staff.filter((message) => message.startsWith("❌"))).toHaveLength(2);
    expect(staff.filter((message) => message.startsWith("❌") && message.includes("B00005"))).toHaveLength(1);
    expect(staff.at(-1)).toContain(t("ru", "staff-session", { service: SERVICES.exerciseCourse.ru, number: 1, count: 10 }).split(",")[0]!);
    expect((await chat.send("/appointments")).map((reply) => reply.text)).toEqual([t("ru", "appointments-none")]);
  });

  test("a later session moves within the weeks around it, past the two-week booking window, with the same instructor", async () => {
    const chat = await ivanWithCourse();
    const sessions = testBot.app.store.bookings.allFor(testBot.app.store.accounts.findAccountId("telegram", 101)!);
    const eighth = sessions.find((session) => session.course?.number === 8)!;
    expect(eighth.startsAt).toBe("2026-12-28T04:00:00.000Z");

    // Session 8, Monday 28 December, as its reminder's "Перенести" would open it.
    const days = await chat.pressData(`booking-move:${eighth.id}`);
    const question = days.at(-1)!;
    expect(question.text).toBe(t("ru", "ask-day"));
    // After the one-tap earliest time, before the way out: a week either side of the 28th (the clinic is
    // closed on the 1st and the 4th of January), past the two weeks a single booking may look ahead.
    const dayButtons = question.buttons!.slice(1, -1).flat();
    expect(dayButtons).toEqual(["пн, 21 декабря", "вт, 22 декабря", "ср, 23 декабря", "чт, 24 декабря", "пт, 25 декабря", "пн, 28 декабря", "вт, 29 декабря", "ср, 30 декабря", "чт, 31 декабря"]);
    expect(question.buttons![0]).toEqual([t("ru", "button-earliest-slot", { when: "пн, 21 декабря, 10:00" })]);
    await chat.press("вт, 29 декабря");
    await chat.press("09:00");
    expect(await chat.press(t("ru", "button-move-confirm"))).toEqual([{ text: t("ru", "move-done", { number: eighth.number, when: "вт, 29 декабря, 09:00" }) }]);
  });

  test("a mother books her daughter into the speech group in Kazakh: places left are shown, and the next family sees one fewer", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 102 });
    await kazakhMotherAtService(chat, ALIYA.iin);
    const days = await chat.press(SERVICES.speechGroup.kk);
    expect(days.at(-1)?.text).toBe(t("kk", "ask-course-start"));
    // Only the group's start days with places: Tuesday 8 and Thursday 10 December.
    expect(days.at(-1)?.buttons?.slice(1, 2)).toEqual([["сейсенбі, 8 желтоқсан", "бейсенбі, 10 желтоқсан"]]);
    const times = await chat.press("сейсенбі, 8 желтоқсан");
    expect(times.at(-1)?.buttons?.[0]).toEqual([t("kk", "slot-places-left", { time: "10:00", places: 6 }), t("kk", "slot-places-left", { time: "10:45", places: 6 })]);
    await chat.press(t("kk", "slot-places-left", { time: "10:00", places: 6 }));
    await chat.press(t("kk", "button-confirm-course"));
    expect(count(testBot, "bookings")).toBe(8);
    await expect(chat.transcript()).toMatchFileSnapshot("__snapshots__/course-booking.kk.txt");

    const next = testBot.chat({ id: 103 });
    await kazakhMotherAtService(next, ALIYA.iin);
    await next.press(SERVICES.speechGroup.kk);
    const left = await next.press("сейсенбі, 8 желтоқсан");
    expect(left.at(-1)?.buttons?.[0]?.[0]).toBe(t("kk", "slot-places-left", { time: "10:00", places: 5 }));
  });

  test("the specialist's absence reaches the family once for all the sessions it cancels, with a new time for each", async () => {
    const chat = await ivanWithCourse();
    chat.replies();

    // Away Monday 7 to Wednesday 9 December: sessions 2 and 3.
    const outcome = testBot.app.services.absences.record({ doctorId: "zhaksylykov-dauren", from: "2026-12-07", to: "2026-12-09", reason: "курсы повышения квалификации" }, { kind: "admin", id: "test" });
    expect(outcome).toMatchObject({ ok: true, cancelled: 2 });
    await testBot.app.patientNotices.flush();

    const told = chat.replies();
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toBe(
      t("ru", "patient-course-cancelled-by-clinic-rebook", {
        service: SERVICES.exerciseCourse.ru,
        doctor: "Жаксылыков Даурен Маратович",
        count: 2,
        reason: t("ru", "cancel-reason-specialist_absent"),
        sessions: [
          t("ru", "patient-course-cancelled-line", { session: t("ru", "session-label", { number: 2, count: 10 }), when: "пн, 7 декабря, 09:00", number: "B00002" }),
          t("ru", "patient-course-cancelled-line", { session: t("ru", "session-label", { number: 3, count: 10 }), when: "ср, 9 декабря, 09:00", number: "B00003" }),
        ].join("\n"),
      }),
    );
    expect(told[0]!.buttons).toEqual([[t("ru", "button-rebook-session", { number: 2 })], [t("ru", "button-rebook-session", { number: 3 })]]);

    // Session 3 gets Thursday 10 December at 09:00 with the same instructor; the others stay as they were.
    await chat.press(t("ru", "button-rebook-session", { number: 3 }));
    await chat.press("чт, 10 декабря");
    await chat.press("09:00");
    expect(await chat.press(t("ru", "button-move-confirm"))).toEqual([{ text: t("ru", "move-done-rebook", { number: "B00003", when: "чт, 10 декабря, 09:00" }) }]);
    expect(count(testBot, "bookings where status = 'cancelled'")).toBe(1);
  });
});
