import { afterEach, describe, expect, test } from "vitest";
import type { Locale } from "../../../src/domain/locale";
import { bookAliya, bookIvanAgain, chatAt, finishBooking, IVANOV, IVANOV_AGAIN, IVANOV_BOOKED, IVANOV_MYDATA, IVANOV_STAFF, IVANOV_SUMMARY, ivanWithBooking, speakKazakh } from "../../support/booking";
import { count, rows } from "../../support/database";
import { ALIYA, IVAN, MARIA, PHONE } from "../../support/fixtures";
import { TestBot } from "../../support/harness";
import { t } from "../../support/i18n";
import { confirmation, myDataBooking, myDataConsent, myDataDetails, myDataHeading, myDataPerson, processingFacts, R, staffErased, staffMessage, myDataInFull } from "../../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

const AFTER_IVANS_VISIT = "2026-12-02T10:00:00.000Z"; // Wednesday 15:00 in Almaty
const IVAN_1400 = IVANOV_STAFF;
const ALIYA_STAFF = { ...IVANOV_STAFF, number: "B00002", date: "03.12.2026", time: "09:00", patient: ALIYA.name, iin: ALIYA.maskedIin, minorAge: 11 };
const IVAN_1430 = { ...IVAN_1400, number: "B00003", time: "14:30" };

const withdrawConfirm = (locale: Locale) => confirmation(locale, t(locale, "withdraw-confirm"), "button-withdraw-yes");

function accountIdOf(chatId: number): string | undefined {
  return testBot.app.store.accounts.findAccountId("telegram", chatId);
}

function bookingId(number: string): string {
  return rows<{ id: string }>(testBot, "select id from bookings where number = ?", number)[0]!.id;
}

describe("/withdraw", () => {
  test("asks first; then cancels what is ahead, erases the rest and keeps, blocked, only the consent records and the past visit", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await bookAliya(testBot, chat, "B00002");
    await bookIvanAgain(testBot, chat, "B00003");
    await chat.pressData(`booking-cancel:${bookingId("B00003")}`);
    await chat.press("Да, отменить");
    testBot.clock.set(AFTER_IVANS_VISIT);
    chat.replies();

    expect(await chat.send("/withdraw")).toEqual([withdrawConfirm("ru")]);
    expect(await chat.press("Нет, ничего не менять")).toEqual([{ text: t("ru", "data-rights-kept") }]);
    expect(count(testBot, "bookings")).toBe(3);

    expect(await chat.send("/withdraw")).toEqual([withdrawConfirm("ru")]);
    expect(await chat.press("Да, отозвать согласие")).toEqual([
      { text: t("ru", "withdraw-done", { cancelled: 1, erasedBookings: 2, erasedPeople: 1, consents: 2, visits: 1, keptPeople: 1 }) },
    ]);

    expect(await testBot.staffMessages()).toEqual([
      staffMessage("booked", IVAN_1400),
      staffMessage("booked", ALIYA_STAFF),
      staffMessage("booked", IVAN_1430),
      staffMessage("cancelled", IVAN_1430),
      staffErased(ALIYA_STAFF),
    ]);
    // Exactly what the law keeps: both consent records (now withdrawn) and the visit that took place.
    expect(rows(testBot, "select purpose, withdrawn_at from consents order by purpose")).toEqual([
      { purpose: "processing", withdrawn_at: AFTER_IVANS_VISIT },
      { purpose: "third_party", withdrawn_at: AFTER_IVANS_VISIT },
    ]);
    expect(rows(testBot, "select number, status from bookings")).toEqual([{ number: "B00001", status: "booked" }]);
    expect([count(testBot, "patients"), count(testBot, "patient_links")]).toEqual([1, 1]);
    expect(testBot.app.store.patients.findIdByIin(ALIYA.iin)).toBeUndefined();
    expect(testBot.app.store.accounts.blockOf(accountIdOf(101)!)).toEqual({ blockedAt: AFTER_IVANS_VISIT, blockedBy: "withdrawal" });

    expect((await myDataInFull(chat)).slice(0, -1)).toEqual([
      myDataHeading("ru", "02.12.2026", "01.12.2026", t("ru", "mydata-blocked-withdrawal", { date: "02.12.2026" })),
      myDataPerson("ru", { name: IVAN.name, relation: "self", iin: IVAN.maskedIin, phone: PHONE.shown }),
      ...myDataDetails("ru", {
        consents: [
          myDataConsent("ru", { purpose: "processing", granted: true, version: "1.0", date: "01.12.2026 08:00", ended: "02.12.2026" }),
          myDataConsent("ru", { purpose: "third-party", granted: false, version: "1.0", date: "01.12.2026 08:00", ended: "02.12.2026" }),
        ],
        bookings: [
          myDataBooking("ru", { ...IVANOV_MYDATA, status: "past" }),
        ],
        processing: processingFacts("ru", "1.0", "declined"),
      }),
    ]);
    // Ivan refused the transfer to third parties: a withdrawal does not turn that "no" into "withdrawn".
    const details = (await myDataInFull(chat)).map((reply) => reply.text).join("\n");
    expect(details).toContain(
      "• передача третьим лицам (п. 7 политики): отказ; политика 1.0; 01.12.2026 08:00; не действует с 02.12.2026 (заменён новым ответом или прекратился вместе с согласием на обработку данных)",
    );
    expect(details).toContain("• третьи лица — только с вашего отдельного согласия (п. 7); ваш ответ сейчас: не согласны");

    // Repeating is safe: a double tap and the command again only say it is done; /block explains the block.
    const already = { text: t("ru", "withdraw-already", { date: "02.12.2026" }) };
    expect(await chat.press("Да, отозвать согласие")).toEqual([already]);
    expect(await chat.send("/withdraw")).toEqual([already]);
    expect(await chat.send("/block")).toEqual([{ text: t("ru", "block-by-withdrawal", { date: "02.12.2026" }) }]);
    expect(await testBot.staffMessages()).toHaveLength(5);
  });

  test("nothing new is collected before a new consent, and the new consent lifts the block", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    testBot.clock.set(AFTER_IVANS_VISIT);
    await chat.send("/withdraw");
    await chat.press("Да, отозвать согласие");
    chat.replies();
    const accountId = accountIdOf(101)!;

    expect(await chat.send("/book")).toEqual([R.policyWithConsent]);
    expect(testBot.app.store.accounts.blockOf(accountId)?.blockedBy).toBe("withdrawal");
    expect(await chat.press("✅ Согласен(на)")).toEqual([R.thirdParty]);
    expect(testBot.app.store.accounts.blockOf(accountId)).toBeUndefined();
    expect(await chat.press("Нет, не передавать")).toEqual([R.thirdPartyDeclined, R.askWhoSaved([])]);
    await finishBooking(chat, "who", {
      answers: { ...IVANOV_AGAIN, time: "16:00" },
      summary: { ...IVANOV_SUMMARY, when: "ср, 2 декабря, 16:00" },
      number: "B00002",
      booked: { ...IVANOV_BOOKED, time: "16:00" },
    });
    expect(rows(testBot, "select purpose, granted, withdrawn_at is null as active from consents order by decided_at, purpose")).toEqual([
      { purpose: "processing", granted: 1, active: 0 },
      { purpose: "third_party", granted: 0, active: 0 },
      { purpose: "processing", granted: 1, active: 1 },
      { purpose: "third_party", granted: 0, active: 1 },
    ]);
  });

  test("someone who withdrew and then declines consent again is not told that nothing about them is stored", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    testBot.clock.set(AFTER_IVANS_VISIT);
    await chat.send("/withdraw");
    await chat.press("Да, отозвать согласие");
    await chat.send("/book");

    expect(await chat.press("❌ Не согласен(на)")).toEqual([
      {
        text: "Понимаю. Без согласия на обработку данных записать вас нельзя: для записи нужны ИИН, ФИО и телефон. Новых данных мы не сохранили. Записи о ваших прежних согласиях и прошедших приёмах, которые фонд обязан хранить по закону, остаются заблокированными; посмотреть их можно командой /mydata.\nЕсли передумаете, отправьте /start.",
        removesKeyboard: true,
      },
    ]);
    expect(count(testBot, "consents")).toBe(2);

    await speakKazakh(chat);
    await chat.send("/book");
    expect(await chat.press("❌ Келіспеймін")).toEqual([
      {
        text: "Түсінемін. Деректерді өңдеуге келісім болмаса, сізді жазу мүмкін емес: жазылу үшін ЖСН, Т.А.Ә. және телефон нөмірі қажет. Біз жаңа деректер сақтаған жоқпыз. Қор заң бойынша сақтауға міндетті бұрынғы келісімдеріңіз бен өткен қабылдаулар туралы жазбалар бұғатталған күйде қалады; оларды /mydata командасымен көре аласыз.\nОйыңыз өзгерсе, /start жіберіңіз.",
        removesKeyboard: true,
      },
    ]);
  });

  test("someone who never consented and declines is told that nothing about them was stored", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 101 });
    await chat.send("/start");
    await chat.press("Русский");

    expect(await chat.press("❌ Не согласен(на)")).toEqual([R.consentDeclined]);
    expect(R.consentDeclined.text).toContain("Мы ничего о вас не сохранили.");
  });

  test("in Kazakh: the same questions and the precise account of what was erased and what is kept", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await speakKazakh(chat);

    expect(await chat.send("/withdraw")).toEqual([withdrawConfirm("kk")]);
    expect(await chat.press("Жоқ, ештеңені өзгертпеу")).toEqual([{ text: t("kk", "data-rights-kept") }]);
    expect(await chat.press("Иә, келісімді кері қайтарып алу")).toEqual([
      { text: t("kk", "withdraw-done", { cancelled: 1, erasedBookings: 1, erasedPeople: 1, consents: 2, visits: 0, keptPeople: 0 }) },
    ]);
    expect(await chat.send("/withdraw")).toEqual([{ text: t("kk", "withdraw-already", { date: "01.12.2026" }) }]);
    expect(await chat.send("/block")).toEqual([{ text: t("kk", "block-by-withdrawal", { date: "01.12.2026" }) }]);
    expect([count(testBot, "bookings"), count(testBot, "patients"), count(testBot, "consents")]).toEqual([0, 0, 2]);
    const details = (await myDataInFull(chat, "kk")).map((reply) => reply.text).join("\n");
    expect(details).toContain(
      "• үшінші тұлғаларға беру (саясаттың 7-тармағы): келісім берілмеді; саясаттың 1.0 нұсқасы; 01.12.2026 08:00; 01.12.2026 бастап күшінде емес (жаңа жауаппен ауыстырылды немесе деректерді өңдеуге берілген келісіммен бірге тоқтатылды)",
    );
    expect(details).toContain("• үшінші тұлғалар — тек сіздің бөлек келісіміңізбен (7-тармақ); қазіргі жауабыңыз: келісім бермедіңіз");
    expect(await testBot.chat({ id: 202, languageCode: "kk" }).send("/withdraw")).toEqual([{ text: t("kk", "data-rights-nothing-held") }]);
  });

  test("forged and stale confirmations withdraw nothing", async () => {
    testBot = await TestBot.start();
    expect(await testBot.chat({ id: 201 }).send("/withdraw")).toEqual([{ text: t("ru", "data-rights-nothing-held") }]);
    const ivan = await ivanWithBooking(testBot);
    const maria = await chatAt(testBot, "summary", 102, { ...IVANOV, iin: MARIA.iin, name: MARIA.name, time: "15:00" });
    await maria.press("✅ Подтвердить");
    const mariaId = accountIdOf(102)!;

    expect(await ivan.pressData(`withdraw:${mariaId}`)).toEqual([{ text: t("ru", "data-rights-stale") }]);
    expect(await testBot.chat({ id: 203 }).pressData(`withdraw:${accountIdOf(101)}`)).toEqual([{ text: t("ru", "data-rights-nothing-held") }]);
    expect(rows(testBot, "select count(*) as withdrawn from consents where withdrawn_at is not null")).toEqual([{ withdrawn: 0 }]);
    expect(count(testBot, "bookings")).toBe(2);
  });
});
