/**
 * Issue 10, the waiting list in the chat: when no free time suits, the person joins it from the day
 * question (or instead of it, when the specialist has no free day), for 7 or 14 days, this specialist
 * or any; /appointments lists what they wait for, with a way to leave.
 */
import { afterEach, describe, expect, test } from "vitest";
import { chatAt, IVANOV, IVANOV_AGAIN, ivanWithBooking, reach, startIn } from "../support/booking";
import { rows } from "../support/database";
import { DOCTORS, IVAN, PHONE, SERVICES } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { appointmentItem, navigation, R, myDataInFull } from "../support/replies";
import { joined, joinWaitlist } from "../support/waitlist";

let testBot: TestBot;
afterEach(() => testBot.destroy());

const AKHMETOVA_RU = DOCTORS.akhmetova.name.ru;

function askRange(locale: "ru" | "kk") {
  return {
    text: t(locale, "waitlist-ask-range"),
    buttons: [[t(locale, "button-waitlist-days", { days: 7 })], [t(locale, "button-waitlist-days", { days: 14 })], navigation(locale)],
  };
}

const ASK_SCOPE_RU = {
  text: t("ru", "waitlist-ask-scope", { doctor: AKHMETOVA_RU }),
  buttons: [[t("ru", "button-waitlist-only-doctor", { doctor: AKHMETOVA_RU })], [t("ru", "button-waitlist-any-doctor")], navigation("ru")],
};

function waitingItem(facts: { doctor: string; until: string; patient?: string }) {
  return {
    text: t("ru", "waitlist-item", { service: SERVICES.pediatrician.ru, doctor: facts.doctor, patient: facts.patient ?? IVAN.name, until: facts.until }),
    buttons: [[t("ru", "button-waitlist-leave")]],
  };
}

describe("joining the waiting list from the booking dialogue", () => {
  test("Ivan finds nothing that fits, waits 14 days for any paediatrician, and is told what he joined, until when and how to leave", async () => {
    testBot = await TestBot.start();
    const ivan = await chatAt(testBot, "day");

    expect(await ivan.press(t("ru", "button-waitlist-none-fit"))).toEqual([askRange("ru")]);
    expect(await ivan.press(t("ru", "button-waitlist-days", { days: 14 }))).toEqual([ASK_SCOPE_RU]);
    expect(await ivan.press(t("ru", "button-waitlist-any-doctor"))).toEqual([joined("ru", { name: IVAN.name, until: "пн, 14 декабря", anyDoctor: true })]);

    expect(rows(testBot, "select service_id, doctor_id, from_day, until_day, status from waitlist_entries")).toEqual([
      { service_id: "pediatrician", doctor_id: null, from_day: "2026-12-01", until_day: "2026-12-14", status: "waiting" },
    ]);
    // Who waits and for whom are stored encrypted, as in bookings.
    const stored = rows<{ account_ct: Buffer; patient_ct: Buffer }>(testBot, "select account_ct, patient_ct from waitlist_entries")[0]!;
    expect(stored.account_ct.toString("latin1")).not.toContain(testBot.app.store.accounts.findAccountId("telegram", 101)!);
  });

  test("in Kazakh: a neurologist with no free day at all offers the waiting list instead of the days, and one specialist asks no 'which specialist'", async () => {
    testBot = await TestBot.start();
    testBot.app.store.db.$client.prepare("delete from slots where doctor_id = 'nurlanov-erlan'").run();
    const chat = testBot.chat({ id: 101 });
    await startIn(chat, "kk");
    await chat.press(t("kk", "button-who-self"));
    await chat.send(IVANOV.iin);
    await chat.send(IVAN.name);
    await chat.send(PHONE.shown);

    expect(await chat.press(SERVICES.neurologist.kk)).toEqual([
      { text: t("kk", "no-free-days-waitlist"), buttons: [[t("kk", "button-waitlist-join")], navigation("kk")] },
    ]);
    expect(await chat.press(t("kk", "button-waitlist-join"))).toEqual([askRange("kk")]);
    const reply = await chat.press(t("kk", "button-waitlist-days", { days: 7 }));
    expect(reply).toEqual([
      {
        text: t("kk", "waitlist-joined", {
          name: IVAN.name,
          service: SERVICES.neurologist.kk,
          doctor: DOCTORS.nurlanov.name.kk,
          until: "дүйсенбі, 7 желтоқсан",
          hold: 30,
        }),
        removesKeyboard: true,
      },
    ]);
  });

  test("'Назад' from the range question returns to the days, with nothing written", async () => {
    testBot = await TestBot.start();
    const ivan = await chatAt(testBot, "day");
    await ivan.press(t("ru", "button-waitlist-none-fit"));
    expect(await ivan.press(t("ru", "button-back"))).toEqual([R.askDayAkhmetova]);
    expect(rows(testBot, "select id from waitlist_entries")).toEqual([]);
  });

  test("one person waits once for a service: joining again for Ivan is refused and points to /appointments", async () => {
    testBot = await TestBot.start();
    const ivan = await joinWaitlist(testBot, 101, IVANOV);
    await ivan.send("/book");
    await reach(ivan, "day", IVANOV_AGAIN);
    await ivan.press(t("ru", "button-waitlist-none-fit"));
    await ivan.press(t("ru", "button-waitlist-days", { days: 7 }));
    expect(await ivan.press(t("ru", "button-waitlist-only-doctor", { doctor: AKHMETOVA_RU }))).toEqual([
      { text: t("ru", "waitlist-already", { name: IVAN.name }), removesKeyboard: true },
    ]);
    expect(rows(testBot, "select id from waitlist_entries")).toHaveLength(1);
  });
});

describe("/appointments and the waiting list", () => {
  test("with no bookings, /appointments says so and lists what Ivan waits for, each with 'Покинуть лист ожидания'", async () => {
    testBot = await TestBot.start();
    const ivan = await joinWaitlist(testBot, 101, IVANOV);
    expect(await ivan.send("/appointments")).toEqual([
      { text: t("ru", "waitlist-no-bookings") },
      { text: t("ru", "waitlist-heading") },
      waitingItem({ doctor: AKHMETOVA_RU, until: "пн, 7 декабря" }),
    ]);
  });

  test("after the bookings come the entries", async () => {
    testBot = await TestBot.start();
    const ivan = await ivanWithBooking(testBot);
    await ivan.send("/book");
    await reach(ivan, "day", { ...IVANOV_AGAIN, service: SERVICES.ultrasound.ru, doctor: undefined });
    ivan.replies();
    await ivan.press(t("ru", "button-waitlist-none-fit"));
    await ivan.press(t("ru", "button-waitlist-days", { days: 7 }));
    ivan.replies();
    const replies = await ivan.send("/appointments");
    expect(replies.map((reply) => reply.text)).toEqual([
      t("ru", "appointments-heading", { count: 1 }),
      appointmentItem("ru", { number: "B00001", date: "ср, 2 декабря", time: "14:00", service: SERVICES.pediatrician.ru, doctor: AKHMETOVA_RU, patient: IVAN.name }),
      t("ru", "waitlist-heading"),
      t("ru", "waitlist-item", { service: SERVICES.ultrasound.ru, doctor: DOCTORS.sadykova.name.ru, patient: IVAN.name, until: "пн, 7 декабря" }),
    ]);
  });

  test("Ivan leaves the waiting list with one press; the button is answered once and the entry is gone from /appointments", async () => {
    testBot = await TestBot.start();
    const ivan = await joinWaitlist(testBot, 101, IVANOV);
    await ivan.send("/appointments");
    const leave = ivan.findButton(t("ru", "button-waitlist-leave"));

    expect(await ivan.press(t("ru", "button-waitlist-leave"))).toEqual([{ text: t("ru", "waitlist-left", { service: SERVICES.pediatrician.ru }) }]);
    expect(await ivan.pressAgain(leave)).toEqual([{ text: t("ru", "waitlist-entry-gone") }]);
    expect(await ivan.send("/appointments")).toEqual([{ text: t("ru", "appointments-none") }]);
    expect(rows(testBot, "select status from waitlist_entries")).toEqual([{ status: "left" }]);
  });

  test("another chat's entry cannot be left with a forged button", async () => {
    testBot = await TestBot.start();
    await joinWaitlist(testBot, 101, IVANOV);
    const entryId = rows<{ id: string }>(testBot, "select id from waitlist_entries")[0]!.id;
    const stranger = await chatAt(testBot, "who", 102);
    await stranger.send("/cancel");
    stranger.replies();
    expect(await stranger.pressData(`wl-leave:${entryId}`)).toEqual([{ text: t("ru", "waitlist-entry-gone") }]);
    expect(rows(testBot, "select status from waitlist_entries")).toEqual([{ status: "waiting" }]);
  });
});

describe("/mydata", () => {
  test("lists what Ivan waits for, and the file holds it", async () => {
    testBot = await TestBot.start();
    const ivan = await joinWaitlist(testBot, 101, IVANOV);
    const replies = await myDataInFull(ivan);
    const line = t("ru", "mydata-waitlist-entry", {
      service: SERVICES.pediatrician.ru,
      doctor: AKHMETOVA_RU,
      patient: IVAN.name,
      from: "вт, 1 декабря",
      until: "пн, 7 декабря",
      status: t("ru", "mydata-waitlist-waiting"),
    });
    expect(replies.some((reply) => reply.text.includes(`${t("ru", "mydata-waitlist-heading")}\n${line}`))).toBe(true);
    const copy = JSON.parse(replies.at(-1)!.document!.bytes.toString("utf8")) as { waitingList: { service: string; untilDay: string; status: string }[] };
    expect(copy.waitingList).toMatchObject([{ service: SERVICES.pediatrician.ru, untilDay: "2026-12-07", status: "waiting" }]);
  });
});
