import { createHash } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { needsReconsent } from "../../src/bot/features/policy-update";
import { chatAt, finishBooking } from "../support/booking";
import { count, rows } from "../support/database";
import { DOCTORS, IVAN, SERVICES } from "../support/fixtures";
import type { Reply, TestBot, TestChat } from "../support/harness";
import { t } from "../support/i18n";
import { consentedToFirstVersion, NEW_CHANGES, PolicyWorkspace } from "../support/policy";
import { appointmentList, consentButtons, K, policySummary, R } from "../support/replies";

let workspace: PolicyWorkspace;
afterEach(() => workspace.destroy());

/** Version 1.1 takes effect on Wednesday 2 December 2026, the day of Ivan's appointment. */
const EFFECTIVE = "2026-12-02";
const LAST_MINUTE_BEFORE = "2026-12-01T18:59:00.000Z"; // 23:59 in Almaty
const FIRST_MINUTE = "2026-12-01T19:00:00.000Z"; // 00:00 in Almaty

const VERSION_1_1 = { version: "1.1", date: "02.12.2026" };

/** What someone who consented to 1.0 is shown first once 1.1 is in force: what changed, the summary, the question. */
function policyUpdate(locale: "ru" | "kk"): Reply {
  const heading = t(locale, "policy-update-heading", VERSION_1_1);
  const changes = t(locale, "policy-update-changes", { changes: NEW_CHANGES[locale] });
  return { text: `${heading}\n\n${changes}\n\n${t(locale, "policy-summary")}`, buttons: consentButtons(locale) };
}

const RU_UPDATE = policyUpdate("ru");
const KK_UPDATE = policyUpdate("kk");
const RU_DECLINED = t("ru", "policy-update-declined");
const RU_POLICY_1_1: Reply = { text: policySummary("ru", VERSION_1_1), buttons: [[t("ru", "button-policy-full")]] };
const RU_UPCOMING: Reply = {
  text: t("ru", "policy-upcoming", { ...VERSION_1_1, changes: NEW_CHANGES.ru }),
  buttons: [[t("ru", "button-policy-version-full", { version: "1.1" })]],
};
const IVANOV_APPOINTMENTS = appointmentList("ru", [
  { number: "B00001", date: "ср, 2 декабря", time: "14:00", service: SERVICES.pediatrician.ru, doctor: DOCTORS.akhmetova.name.ru, patient: IVAN.name },
]);

interface ConsentRow {
  purpose: string;
  policy_version: string;
  text_sha256: string;
  locale: string;
  withdrawn_at: string | null;
}

function processingConsents(bot: TestBot): ConsentRow[] {
  return rows<ConsentRow>(bot, "select purpose, policy_version, text_sha256, locale, withdrawn_at from consents where purpose = 'processing' order by decided_at");
}

/** Ivan (chat 101) consented to 1.0 and booked Wednesday 14:00; then 1.1 was published for Wednesday. */
async function ivanAndVersion11(): Promise<{ bot: TestBot; ivan: TestChat }> {
  workspace = new PolicyWorkspace();
  const bot = await workspace.start();
  const ivan = await chatAt(bot, "summary", 101);
  await finishBooking(ivan, "summary");
  expect(await workspace.publish(bot, { "--effective": EFFECTIVE })).toBe(0);
  return { bot, ivan };
}

describe("before the effective date", () => {
  test("nothing is gated, and /policy shows 1.0 in force with 1.1 and what will change below it; from the first minute of the day /policy shows 1.1", async () => {
    const { bot, ivan } = await ivanAndVersion11();
    bot.clock.set(LAST_MINUTE_BEFORE);
    const account = bot.app.store.accounts.findAccountId("telegram", 101)!;
    expect(needsReconsent(bot.app, account)).toBe(false);

    expect(await ivan.send("/policy")).toEqual([R.policyOnly, RU_UPCOMING]);
    expect(await ivan.send("/appointments")).toEqual(IVANOV_APPOINTMENTS);
    expect(await ivan.send("/book")).toEqual([R.askWhoSaved([])]);
    await ivan.send("/cancel");

    bot.clock.set(FIRST_MINUTE);
    expect(needsReconsent(bot.app, account)).toBe(true);
    expect(await ivan.send("/policy")).toEqual([RU_POLICY_1_1]);
  });
});

describe("from the effective date", () => {
  test("/book first shows what changed and asks to accept 1.1; accepting records a consent for 1.1 with its text's SHA-256, and the booking goes on", async () => {
    const { bot, ivan } = await ivanAndVersion11();
    bot.clock.set(FIRST_MINUTE);

    expect(await ivan.send("/book")).toEqual([RU_UPDATE]);
    const fullText = await ivan.press("📄 Читать полностью");
    expect(fullText.at(-1)).toEqual(R.consentQuestion);
    const shown = fullText
      .slice(0, -1)
      .map((part) => part.text)
      .join("\n");
    expect(shown).toBe("Политика конфиденциальности, версия 1.1\n9. Изменения в Политике\nОб изменениях мы сообщаем в чате бота.");

    expect(await ivan.press("✅ Согласен(на)")).toEqual([R.thirdParty]);
    expect(await ivan.press("Нет, не передавать")).toEqual([R.thirdPartyDeclined, R.askWhoSaved([])]);
    const [old, renewed] = processingConsents(bot);
    expect(old).toMatchObject({ policy_version: "1.0", withdrawn_at: FIRST_MINUTE });
    expect(renewed).toEqual({
      purpose: "processing",
      policy_version: "1.1",
      text_sha256: createHash("sha256").update(shown, "utf8").digest("hex"),
      locale: "ru",
      withdrawn_at: null,
    });
    expect(needsReconsent(bot.app, bot.app.store.accounts.findAccountId("telegram", 101)!)).toBe(false);
  });

  test("/appointments asks first, in Kazakh for a Kazakh speaker; the inline 'agree' records the consent and /appointments then works", async () => {
    workspace = new PolicyWorkspace();
    const bot = await workspace.start();
    consentedToFirstVersion(bot, 102, "kk");
    expect(await workspace.publish(bot, { "--effective": EFFECTIVE })).toBe(0);
    bot.clock.set(FIRST_MINUTE);
    const aigerim = bot.chat({ id: 102 });

    expect(await aigerim.send("/appointments")).toEqual([KK_UPDATE]);
    expect(await aigerim.press("✅ Келісемін")).toEqual([{ text: t("kk", "policy-update-accepted", { version: "1.1" }) }]);
    const policy = bot.app.store.policyVersions.byVersion("1.1")!;
    expect(processingConsents(bot).at(-1)).toMatchObject({ policy_version: "1.1", text_sha256: policy.sha256.kk, locale: "kk", withdrawn_at: null });
    expect(await aigerim.send("/appointments")).toEqual([{ text: t("kk", "appointments-none") }]);
    // The old button does nothing a second time.
    expect(await aigerim.pressData("policy-update:yes:1.1")).toEqual([]);
    expect(aigerim.lastNotice()).toBe(t("kk", "button-outdated"));
    expect(processingConsents(bot)).toHaveLength(2);
  });

  test("/appointments with a booking: the new text in full on request, then 'agree' under the question opens the list", async () => {
    const { bot, ivan } = await ivanAndVersion11();
    bot.clock.set(FIRST_MINUTE);
    expect(await ivan.send("/appointments")).toEqual([RU_UPDATE]);
    expect(await ivan.press("📄 Читать полностью")).toEqual([{ text: "Политика конфиденциальности, версия 1.1\n9. Изменения в Политике\nОб изменениях мы сообщаем в чате бота." }]);
    expect(await ivan.press("✅ Согласен(на)")).toEqual([{ text: t("ru", "policy-update-accepted", { version: "1.1" }) }]);
    expect(await ivan.send("/appointments")).toEqual(IVANOV_APPOINTMENTS);
  });

  test("declining 1.1 explains what /withdraw and /delete do, keeps the booking and the old consent, and nothing is booked or shown until the person accepts", async () => {
    const { bot, ivan } = await ivanAndVersion11();
    // A cancel button from before the new version took effect.
    bot.clock.set(LAST_MINUTE_BEFORE);
    await ivan.send("/appointments");
    bot.clock.set(FIRST_MINUTE);

    expect(await ivan.send("/book")).toEqual([RU_UPDATE]);
    expect(await ivan.press("❌ Не согласен(на)")).toEqual([{ text: RU_DECLINED, removesKeyboard: true }]);
    expect(processingConsents(bot).map(({ policy_version, withdrawn_at }) => ({ policy_version, withdrawn_at }))).toEqual([
      { policy_version: "1.0", withdrawn_at: null },
    ]);
    expect(rows(bot, "select number, status from bookings")).toEqual([{ number: "B00001", status: "booked" }]);

    expect(await ivan.send("/book")).toEqual([RU_UPDATE]);
    expect(await ivan.press("❌ Не согласен(на)")).toEqual([{ text: RU_DECLINED, removesKeyboard: true }]);
    expect(await ivan.send("/appointments")).toEqual([RU_UPDATE]);
    expect(await ivan.press("❌ Не согласен(на)")).toEqual([{ text: RU_DECLINED }]);
    expect(await ivan.press("Отменить эту запись")).toEqual([RU_UPDATE]);
    expect(await ivan.pressData("booking-cancel-yes:anything")).toEqual([RU_UPDATE]);
    expect(count(bot, "bookings")).toBe(1);
    expect(rows(bot, "select status from bookings")).toEqual([{ status: "booked" }]);
    expect(count(bot, "patients")).toBe(1);
  });

  test("/policy and /help are never gated", async () => {
    const { bot, ivan } = await ivanAndVersion11();
    bot.clock.set(FIRST_MINUTE);
    expect(await ivan.send("/policy")).toEqual([RU_POLICY_1_1]);
    expect(await ivan.send("/help")).toEqual([R.help]);
    expect(await ivan.press("📄 Читать полностью")).toHaveLength(1);
  });

  test("someone who never consented meets the ordinary consent to 1.1, not the 'policy changed' message", async () => {
    const { bot } = await ivanAndVersion11();
    bot.clock.set(FIRST_MINUTE);
    const newcomer = bot.chat({ id: 103, languageCode: "kk" });
    expect(await newcomer.send("/book")).toEqual([{ ...K.policyWithConsent, text: policySummary("kk", VERSION_1_1) }]);
  });
});
