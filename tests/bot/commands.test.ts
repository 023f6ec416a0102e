import { afterEach, describe, expect, test } from "vitest";
import { chatAt, finishBooking, startIn } from "../support/booking";
import { count } from "../support/database";
import { AUTHORIZED_BODY, CLINIC } from "../support/fixtures";
import { pressInGroup, sendInGroup, TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { K, R } from "../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

describe("group chats", () => {
  test("a /book, /start, text or button press from a group chat gets no reply at all and stores nothing", async () => {
    testBot = await TestBot.start();
    const group = -4_000_000_123;

    await sendInGroup(testBot, group, 501, "/book");
    await sendInGroup(testBot, group, 501, "/start");
    await sendInGroup(testBot, group, 501, "/help");
    await sendInGroup(testBot, group, 501, "Здравствуйте, как записаться к педиатру?");
    await sendInGroup(testBot, group, 501, "9001 0130 0126");
    await pressInGroup(testBot, group, 501, "who:self");

    expect(testBot.sent).toEqual([]);
    expect(testBot.notices).toEqual([]);
    expect(count(testBot, "conversation_states")).toBe(0);
    expect(count(testBot, "chat_preferences")).toBe(0);
    expect(count(testBot, "accounts")).toBe(0);
  });

  test("someone's private booking is not disturbed by what they write in a group", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "name", 502);

    await sendInGroup(testBot, -4_000_000_124, 502, "/cancel");
    await sendInGroup(testBot, -4_000_000_124, 502, "Петров Пётр");
    expect(chat.replies()).toEqual([]);
    expect(testBot.sent.filter((message) => message.chatId < 0)).toEqual([]);

    expect(await chat.send("Иванов Иван Иванович")).toEqual([R.askPhone]);
    await finishBooking(chat, "phone");
  });
});

describe("/lang", () => {
  test("/lang switches to Kazakh and later questions are in Kazakh; switching back works too", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 503 });
    await startIn(chat);
    await chat.send("/cancel");

    expect(await chat.send("/lang")).toEqual([R.chooseLanguage]);
    expect(await chat.press("Қазақша")).toEqual([{ text: t("kk", "language-changed") }]);
    expect(await chat.send("/book")).toEqual([K.askWho]);
    expect(await chat.press("Өзім")).toEqual([K.askIinSelf]);
    expect(await chat.send("/start")).toEqual([K.leaveForBook]);
    expect(await chat.send("/cancel")).toEqual([{ text: t("kk", "booking-cancelled"), removesKeyboard: true }]);

    expect(await chat.send("/lang")).toEqual([{ ...R.chooseLanguage, text: t("kk", "choose-language") }]);
    expect(await chat.press("Русский")).toEqual([{ text: t("ru", "language-changed") }]);
    expect(await chat.send("/book")).toEqual([R.askWho]);
  });

  test("/lang before any consent only remembers the language; the booking later starts in it with the policy", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 504 });

    expect(await chat.send("/lang")).toEqual([R.chooseLanguage]);
    expect(await chat.press("Қазақша")).toEqual([{ text: t("kk", "language-changed") }]);
    expect(count(testBot, "accounts")).toBe(0);
    expect(await chat.send("/start")).toEqual([K.welcome, K.policyWithConsent]);
  });
});

describe("/policy and /help", () => {
  test("/policy shows version 1.0 in force since 25.11.2026 and sends the full text on request", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 505 });

    expect(await chat.send("/policy")).toEqual([R.policyOnly]);
    expect(R.policyOnly.text.startsWith(`${t("ru", "policy-heading", { version: "1.0", date: "25.11.2026" })}\n\n`)).toBe(true);
    const full = await chat.press("📄 Читать полностью");
    expect(full.length).toBeGreaterThanOrEqual(1);
    expect(full[0]!.text).toMatch(/^Политика конфиденциальности\n1\. Общие положения\n/);
    for (const part of full) {
      expect(part.text.length).toBeLessThanOrEqual(4096);
      expect(part.text).not.toContain("[bookmark");
    }
    expect(count(testBot, "accounts")).toBe(0);
  });

  test("/policy in Kazakh shows the Kazakh heading with the same version and date", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 506, languageCode: "kk" });

    expect(await chat.send("/policy")).toEqual([K.policyOnly]);
    expect(K.policyOnly.text.startsWith(t("kk", "policy-heading", { version: "1.0", date: "25.11.2026" }))).toBe(true);
  });

  test("/help gives the clinic's address and phone, the commands and the authorized body for personal data", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 507 });

    const replies = await chat.send("/help");
    expect(replies).toEqual([R.help]);
    expect(replies[0]!.text).toContain(`Телефон: ${CLINIC.phone}`);
    expect(replies[0]!.text).toContain(AUTHORIZED_BODY.ru);
  });

  test("/help in Kazakh names the authorized body in Kazakh", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 508 });
    await chat.send("/lang");
    await chat.press("Қазақша");

    const replies = await chat.send("/help");
    expect(replies).toEqual([K.help]);
    expect(replies[0]!.text).toContain(CLINIC.phone);
    expect(replies[0]!.text).toContain(AUTHORIZED_BODY.kk);
  });
});

describe("starting with /book", () => {
  test("/book as the very first message goes straight to the policy, in Kazakh for a Kazakh Telegram client", async () => {
    testBot = await TestBot.start();
    const kazakh = testBot.chat({ id: 511, languageCode: "kk" });
    const russian = testBot.chat({ id: 512 });

    expect(await kazakh.send("/book")).toEqual([K.policyWithConsent]);
    expect(await russian.send("/book")).toEqual([R.policyWithConsent]);
    expect(await russian.press("✅ Согласен(на)")).toEqual([R.thirdParty]);
    expect(await russian.press("Нет, не передавать")).toEqual([R.thirdPartyDeclined, R.askWho]);
    await finishBooking(russian, "who");
  });
});

describe("anything else outside a booking", () => {
  test("free text gets a pointer to /book and /help, an unknown command says there is no such command", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 509 });

    expect(await chat.send("Здравствуйте")).toEqual([{ text: t("ru", "fallback") }]);
    expect(await chat.send("/foo")).toEqual([{ text: t("ru", "unknown-command") }]);
  });

  test("an old button pressed outside a booking only gets 'this button no longer works'", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "who", 510);
    await chat.send("/cancel");

    expect(await chat.press("Я сам(а)")).toEqual([]);
    expect(chat.lastNotice()).toBe(t("ru", "button-outdated"));
  });
});
