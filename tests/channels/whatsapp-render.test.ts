import { InlineKeyboard, Keyboard } from "grammy";
import { describe, expect, test } from "vitest";
import { interpretAnswer, optionsOf, renderWithOptions, type Option } from "../../src/channels/whatsapp/render";
import type { OutboundMessage } from "../../src/channels/local-transport";

function message(replyMarkup: OutboundMessage["replyMarkup"]): OutboundMessage {
  return { chatId: 1, messageId: 7, text: "Вопрос?", replyMarkup, edited: false };
}

const contactLabel = (phone: string) => `Использовать этот номер: ${phone}`;

describe("keyboards as numbered lists", () => {
  test("inline buttons become callback options in Telegram's order, one line each after a blank line", () => {
    const keyboard = new InlineKeyboard().text("вт, 1 декабря", "day:1").text("ср, 2 декабря", "day:2").row().text("← Назад", "nav:back");
    const options = optionsOf(message(keyboard), undefined, contactLabel);
    expect(options).toEqual([
      { kind: "callback", label: "вт, 1 декабря", messageId: 7, data: "day:1" },
      { kind: "callback", label: "ср, 2 декабря", messageId: 7, data: "day:2" },
      { kind: "callback", label: "← Назад", messageId: 7, data: "nav:back" },
    ]);
    expect(renderWithOptions("Выберите день:", options, 1)).toBe("Выберите день:\n\n1. вт, 1 декабря\n2. ср, 2 декабря\n3. ← Назад");
    expect(renderWithOptions("И ещё:", options.slice(0, 1), 4)).toBe("И ещё:\n\n4. вт, 1 декабря");
    expect(renderWithOptions("Без кнопок", [], 1)).toBe("Без кнопок");
  });

  test("the share-my-number key becomes 'use this number' only when the sender's number is known; back and cancel keys are numbered like any other", () => {
    const keyboard = new Keyboard().requestContact("📱 Поделиться номером").row().text("← Назад").text("✖ Отменить запись");
    expect(optionsOf(message(keyboard), "+77012345678", contactLabel)).toEqual([
      { kind: "contact", label: "Использовать этот номер: +77012345678", phone: "+77012345678" },
      { kind: "text", label: "← Назад", text: "← Назад" },
      { kind: "text", label: "✖ Отменить запись", text: "✖ Отменить запись" },
    ]);
    expect(optionsOf(message(keyboard), undefined, contactLabel).map((option) => option.label)).toEqual(["← Назад", "✖ Отменить запись"]);
  });

  test("a message without a keyboard, or one removing it, offers nothing", () => {
    expect(optionsOf(message(undefined), undefined, contactLabel)).toEqual([]);
    expect(optionsOf(message({ remove_keyboard: true }), undefined, contactLabel)).toEqual([]);
  });
});

describe("reading an answer", () => {
  const choice: Option[] = [
    { kind: "callback", label: "✅ Подтвердить", messageId: 3, data: "summary:confirm" },
    { kind: "callback", label: "✏️ Изменить", messageId: 3, data: "summary:change" },
    { kind: "callback", label: "← Назад", messageId: 3, data: "nav:back" },
  ];
  const typing: Option[] = [
    { kind: "callback", label: "← Назад", messageId: 4, data: "nav:back" },
    { kind: "callback", label: "✖ Отменить запись", messageId: 4, data: "nav:cancel" },
  ];

  test.each(["2", " 2 ", "2.", "2)"])("%j picks the second option", (typed) => {
    expect(interpretAnswer(typed, choice)).toEqual({ kind: "option", option: choice[1] });
  });

  test.each(["Подтвердить", "подтвердить", "✅ ПОДТВЕРДИТЬ", "  подтвердить! "])("the label %j picks its option, whatever the case, emoji and punctuation", (typed) => {
    expect(interpretAnswer(typed, choice)).toEqual({ kind: "option", option: choice[0] });
  });

  test("at a step that offers choices, a number outside the list or other text asks for an option's number", () => {
    expect(interpretAnswer("0", choice)).toEqual({ kind: "choose-number" });
    expect(interpretAnswer("4", choice)).toEqual({ kind: "choose-number" });
    expect(interpretAnswer("да", choice)).toEqual({ kind: "choose-number" });
    expect(interpretAnswer("900101300126", choice)).toEqual({ kind: "choose-number" });
  });

  test("at a typing step (only Back and Cancel on offer), anything but an option is the typed answer", () => {
    expect(interpretAnswer("1", typing)).toEqual({ kind: "option", option: typing[0] });
    expect(interpretAnswer("назад", typing)).toEqual({ kind: "option", option: typing[0] });
    expect(interpretAnswer("5", typing)).toEqual({ kind: "text" });
    expect(interpretAnswer("900101300126", typing)).toEqual({ kind: "text" });
    expect(interpretAnswer("9001 0130 0126", typing)).toEqual({ kind: "text" });
    expect(interpretAnswer("Иванов Иван Иванович", typing)).toEqual({ kind: "text" });
  });

  test("a command is always a command, and with nothing on offer everything is typed text", () => {
    expect(interpretAnswer("/cancel", choice)).toEqual({ kind: "text" });
    expect(interpretAnswer("1", [])).toEqual({ kind: "text" });
  });

  test("a label two options share (two bookings' cancel buttons) needs the number", () => {
    const twoBookings: Option[] = [
      { kind: "callback", label: "Отменить эту запись", messageId: 5, data: "booking-cancel:a" },
      { kind: "callback", label: "Отменить эту запись", messageId: 6, data: "booking-cancel:b" },
    ];
    expect(interpretAnswer("отменить эту запись", twoBookings)).toEqual({ kind: "choose-number" });
    expect(interpretAnswer("2", twoBookings)).toEqual({ kind: "option", option: twoBookings[1] });
  });

  test("a time typed with a dot or a colon picks the time", () => {
    const times: Option[] = [
      { kind: "callback", label: "14:00", messageId: 8, data: "slot:a" },
      { kind: "callback", label: "14:30", messageId: 8, data: "slot:b" },
    ];
    expect(interpretAnswer("14.30", times)).toEqual({ kind: "option", option: times[1] });
  });
});
