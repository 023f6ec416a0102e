import { createHash } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { finishBooking } from "../support/booking";
import { count, rows } from "../support/database";
import { TestBot, type Reply } from "../support/harness";
import { t } from "../support/i18n";
import { K, R, WELCOME_CHOOSE_LANGUAGE } from "../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

interface ConsentRow {
  purpose: string;
  granted: number;
  policy_version: string;
  text_sha256: string;
  locale: string;
  channel: string;
  decided_at: string;
  withdrawn_at: string | null;
}

function consents(): ConsentRow[] {
  return rows<ConsentRow>(
    testBot,
    "select purpose, granted, policy_version, text_sha256, locale, channel, decided_at, withdrawn_at from consents order by purpose",
  );
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function expectWholePolicy(parts: Reply[], opening: RegExp, closing: string): void {
  expect(parts.length).toBeGreaterThanOrEqual(1);
  for (const part of parts) {
    expect(part.text.length).toBeLessThanOrEqual(4096);
    expect(part.text).not.toContain("[bookmark");
    expect(part.buttons).toBeUndefined();
  }
  expect(parts[0]!.text).toMatch(opening);
  expect(parts.at(-1)!.text.endsWith(closing)).toBe(true);
}

describe("declining consent", () => {
  test("someone who declines is told nothing was stored, nothing but the language is, and /start asks again later", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 301 });
    await chat.send("/start");
    await chat.press("Русский");

    expect(await chat.press("❌ Не согласен(на)")).toEqual([R.consentDeclined]);
    expect(count(testBot, "accounts")).toBe(0);
    expect(count(testBot, "consents")).toBe(0);
    expect(count(testBot, "patients")).toBe(0);
    expect(count(testBot, "conversation_states")).toBe(0);
    expect(rows(testBot, "select locale from chat_preferences")).toEqual([{ locale: "ru" }]);

    expect(await chat.send("Иванов Иван Иванович")).toEqual([{ text: t("ru", "fallback") }]);
    expect(await chat.send("/start")).toEqual([R.welcome, R.policyWithConsent]);
    expect(await chat.press("❌ Не согласен(на)")).toEqual([R.consentDeclined]);
    expect(await chat.send("/book")).toEqual([R.policyWithConsent]);
    expect(count(testBot, "consents")).toBe(0);
  });

  test("someone who declined and later agrees can book", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 302 });
    await chat.send("/start");
    await chat.press("Русский");
    await chat.press("❌ Не согласен(на)");

    expect(await chat.send("/start")).toEqual([R.welcome, R.policyWithConsent]);
    expect(await chat.press("✅ Согласен(на)")).toEqual([R.thirdParty]);
    expect(await chat.press("Нет, не передавать")).toEqual([R.thirdPartyDeclined, R.askWho]);
    await finishBooking(chat, "who");
  });

  test("the language question comes only the first time; declining does not forget the language", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 303 });
    expect(await chat.send("/start")).toEqual([WELCOME_CHOOSE_LANGUAGE]);
    await chat.press("Қазақша");
    await chat.press("❌ Келіспеймін");

    expect(await chat.send("/start")).toEqual([K.welcome, K.policyWithConsent]);
  });
});

describe("reading the whole policy", () => {
  test("'📄 Читать полностью' sends the whole Russian policy in parts Telegram accepts, clean of Word artefacts, then asks 'Вы согласны…'", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 304 });
    await chat.send("/start");
    await chat.press("Русский");

    const replies = await chat.press("📄 Читать полностью");
    expect(replies.at(-1)).toEqual(R.consentQuestion);
    const parts = replies.slice(0, -1);
    expectWholePolicy(parts, /^Политика конфиденциальности\n1\. Общие положения\n1\.1\. Область применения\n/, "Продолжение использования соглашения с новыми условиями");
    expect(parts.map((part) => part.text).join("\n")).toContain("\nПользователи получают уведомления об изменениях\n");

    expect(await chat.press("✅ Согласен(на)")).toEqual([R.thirdParty]);
    // The consent keeps the fingerprint of exactly the text that was shown.
    expect(consents()[0]!.text_sha256).toBe(sha256(parts.map((part) => part.text).join("\n")));
  });

  test("'📄 Толық оқу' sends the whole Kazakh policy, then asks the consent question in Kazakh", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 305 });
    await chat.send("/start");
    await chat.press("Қазақша");

    const replies = await chat.press("📄 Толық оқу");
    expect(replies.at(-1)).toEqual(K.consentQuestion);
    expectWholePolicy(replies.slice(0, -1), /^Құпиялылық саясаты\n1\. Жалпы ережелер\n/, "Жүйені пайдалануды жалғастыру жаңа шарттармен келісуді білдіреді");

    expect(await chat.press("✅ Келісемін")).toEqual([K.thirdParty]);
    expect(consents()[0]).toMatchObject({ purpose: "processing", granted: 1, locale: "kk" });
  });

  test("/policy while the consent question is open shows the policy summary and repeats the question", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 306 });
    await chat.send("/start");
    await chat.press("Русский");
    await chat.press("📄 Читать полностью");

    expect(await chat.send("/policy")).toEqual([R.policyOnly, R.consentQuestion]);
  });
});

describe("what a consent record holds", () => {
  test("agreeing and refusing third parties records two separate consents: processing granted, third parties refused", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 307 });
    await chat.send("/start");
    await chat.press("Русский");
    await chat.press("✅ Согласен(на)");
    expect(count(testBot, "accounts")).toBe(1);
    expect(consents()).toHaveLength(1);
    await chat.press("Нет, не передавать");

    const recorded = consents();
    expect(recorded).toEqual([
      {
        purpose: "processing",
        granted: 1,
        policy_version: "1.0",
        text_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        locale: "ru",
        channel: "telegram",
        decided_at: "2026-12-01T03:00:00.000Z",
        withdrawn_at: null,
      },
      {
        purpose: "third_party",
        granted: 0,
        policy_version: "1.0",
        text_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        locale: "ru",
        channel: "telegram",
        decided_at: "2026-12-01T03:00:00.000Z",
        withdrawn_at: null,
      },
    ]);
    expect(recorded[0]!.text_sha256).toBe(recorded[1]!.text_sha256);
  });

  test("agreeing to third parties records that consent as granted", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 308 });
    await chat.send("/start");
    await chat.press("Русский");
    await chat.press("✅ Согласен(на)");

    expect(await chat.press("Да, согласен(на)")).toEqual([R.thirdPartyGranted, R.askWho]);
    expect(consents().map(({ purpose, granted, policy_version, channel }) => ({ purpose, granted, policy_version, channel }))).toEqual([
      { purpose: "processing", granted: 1, policy_version: "1.0", channel: "telegram" },
      { purpose: "third_party", granted: 1, policy_version: "1.0", channel: "telegram" },
    ]);
  });
});
