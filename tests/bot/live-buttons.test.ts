import { afterEach, describe, expect, test } from "vitest";
import { chatAt, IVANOV } from "../support/booking";
import { count } from "../support/database";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { R } from "../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

/** What an answered question shows instead of its buttons: the answer, marked (pressing it gives the same answer). */
const answeredMark = (label: string, data: string) => ({ inline_keyboard: [[{ text: `✓ ${label}`, callback_data: data }]] });

describe("only the buttons of the question being asked are live", () => {
  test("an answered question keeps a mark of the answer in place of its buttons; a typed answer takes the question's buttons away", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "iin");
    const iinQuestion = chat.messages().at(-1)!;
    await chat.send(IVANOV.iin);
    expect(iinQuestion.replyMarkup).toBeUndefined();

    await chat.send(IVANOV.name);
    await chat.send(IVANOV.phone);
    const serviceQuestion = chat.messages().at(-1)!;
    expect(await chat.press(IVANOV.service)).toEqual([R.askDoctorPediatrician]);
    expect(serviceQuestion.replyMarkup).toEqual(answeredMark(IVANOV.service, "service:pediatrician"));
  });

  test("a confirmed summary keeps '✓ Подтвердить' (its emoji not doubled); pressed once the booking is made, it books nothing more", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");
    const summaryMessage = chat.messages().at(-1)!;
    await chat.press(t("ru", "button-confirm"));
    expect(summaryMessage.replyMarkup).toEqual(answeredMark("Подтвердить", "summary:confirm"));
    expect(await chat.press("✓ Подтвердить")).toEqual([]);
    expect(chat.lastNotice()).toBe(t("ru", "button-outdated"));
    expect(count(testBot, "bookings")).toBe(1);
  });

  test("a second tap on an answered question's button is outdated: the current question is asked again, nothing moves", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "service");
    const pediatrician = chat.findButton(IVANOV.service);
    await chat.press(IVANOV.service);
    expect(await chat.pressAgain(pediatrician)).toEqual([R.askDoctorPediatrician]);
    expect(chat.lastNotice()).toBe(t("ru", "button-outdated"));
    expect(await chat.press(IVANOV.doctor!)).toEqual([R.askDayAkhmetova]);
  });

  test("'✖ Прервать запись' and '← Назад' under the summary of a booking left with /cancel never act on the next booking", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");
    const oldCancel = chat.findButton(t("ru", "button-cancel"));
    const oldBack = chat.findButton(t("ru", "button-back"));
    await chat.send("/cancel");
    await chat.send("/book");
    await chat.press(t("ru", "button-who-self"));

    expect(await chat.pressAgain(oldBack)).toEqual([R.askIinSelf]);
    expect(chat.lastNotice()).toBe(t("ru", "button-outdated"));
    expect(await chat.pressAgain(oldCancel)).toEqual([R.askIinSelf]);
    expect(chat.lastNotice()).toBe(t("ru", "button-outdated"));
    expect(await chat.send(IVANOV.iin)).toEqual([R.askNameSelf]);
    expect(count(testBot, "bookings")).toBe(0);
  });
});
