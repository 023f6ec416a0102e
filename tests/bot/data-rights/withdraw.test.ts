import { afterEach, describe, expect, test } from "vitest";
import { TestBot } from "../../support/harness";
import { chatAt, count, finishBooking, IVANOV, IVANOV_BOOKED, IVANOV_SUMMARY, rows } from "../dialogue";
import { R, staffBooked, staffCancelled, staffErased } from "../texts";
import { ALIYA, bookAliya, bookIvanAgain, ivanWithBooking, speakKazakh } from "./people";
import { KK_BLOCK, KK_RIGHTS, KK_WITHDRAW, RU_BLOCK, RU_PROCESSING, RU_RIGHTS, RU_WITHDRAW, ruHeading, ruPerson } from "./texts";

let testBot: TestBot;
afterEach(() => testBot.destroy());

const AFTER_IVANS_VISIT = "2026-12-02T10:00:00.000Z"; // Wednesday 15:00 in Almaty
const STAFF = { service: "Консультация педиатра", doctor: "Ахметова Айгуль Серикбаевна", phone: "+7 701 234 56 78" };
const IVAN_1400 = { ...STAFF, number: "B00001", date: "02.12.2026", time: "14:00", patient: IVANOV.name, iin: "9001******26" };
const ALIYA_STAFF = { ...STAFF, number: "B00002", date: "03.12.2026", time: "09:00", patient: ALIYA.name, iin: "1505******41" };
const IVAN_1430 = { ...IVAN_1400, number: "B00003", time: "14:30" };

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

    expect(await chat.send("/withdraw")).toEqual([RU_WITHDRAW.confirm]);
    expect(await chat.press("Нет, ничего не менять")).toEqual([{ text: RU_RIGHTS.kept }]);
    expect(count(testBot, "bookings")).toBe(3);

    expect(await chat.send("/withdraw")).toEqual([RU_WITHDRAW.confirm]);
    expect(await chat.press("Да, отозвать согласие")).toEqual([
      { text: RU_WITHDRAW.done({ cancelled: 1, erasedBookings: 2, erasedPeople: 1, consents: 2, visits: 1, keptPeople: 1 }) },
    ]);

    expect(await testBot.staffMessages()).toEqual([
      staffBooked(IVAN_1400),
      staffBooked(ALIYA_STAFF),
      staffBooked(IVAN_1430),
      staffCancelled(IVAN_1430),
      staffErased(ALIYA_STAFF),
    ]);
    // Exactly what the law keeps: both consent records (now withdrawn) and the visit that took place.
    expect(rows(testBot, "select purpose, withdrawn_at from consents order by purpose")).toEqual([
      { purpose: "processing", withdrawn_at: AFTER_IVANS_VISIT },
      { purpose: "third_party", withdrawn_at: AFTER_IVANS_VISIT },
    ]);
    expect(rows(testBot, "select number, status from bookings")).toEqual([{ number: "B00001", status: "active" }]);
    expect([count(testBot, "patients"), count(testBot, "patient_links")]).toEqual([1, 1]);
    expect(testBot.app.store.patients.findIdByIin(ALIYA.iin.replace(/\s/g, ""))).toBeUndefined();
    expect(testBot.app.store.accounts.blockOf(accountIdOf(101)!)).toEqual({ blockedAt: AFTER_IVANS_VISIT, blockedBy: "withdrawal" });

    const ended = "не действует с 02.12.2026 (отозвано или заменено новым ответом)";
    expect((await chat.send("/mydata")).slice(0, -1)).toEqual([
      ruHeading("02.12.2026", "01.12.2026", "Вы отозвали согласие 02.12.2026. Здесь осталось только то, что фонд обязан хранить по закону, и эти данные заблокированы."),
      ruPerson(IVANOV.name, "это вы", "9001******26", "+7 701 234 56 78"),
      {
        text:
          "Согласия:\n" +
          `• обработка персональных данных: согласие дано; политика 1.0; 01.12.2026 08:00; ${ended}\n` +
          `• передача третьим лицам (п. 7 политики): отказ; политика 1.0; 01.12.2026 08:00; ${ended}\n` +
          "\n" +
          "Записи на приём:\n" +
          "• № B00001: 02.12.2026 в 14:00, Консультация педиатра, врач Ахметова Айгуль Серикбаевна; пациент: Иванов Иван Иванович; время приёма прошло\n" +
          "\n" +
          RU_PROCESSING("1.0", "согласие отозвано"),
      },
    ]);

    // Repeating is safe: a double tap and the command again only say it is done; /block explains the block.
    expect(await chat.press("Да, отозвать согласие")).toEqual([{ text: RU_WITHDRAW.already("02.12.2026") }]);
    expect(await chat.send("/withdraw")).toEqual([{ text: RU_WITHDRAW.already("02.12.2026") }]);
    expect(await chat.send("/block")).toEqual([{ text: RU_BLOCK.byWithdrawal("02.12.2026") }]);
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
    expect(await chat.press("Нет, не передавать")).toEqual([R.thirdPartyDeclined, R.askWho]);
    await finishBooking(chat, "who", {
      answers: { ...IVANOV, time: "16:00" },
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

  test("in Kazakh: the same questions and the precise account of what was erased and what is kept", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await speakKazakh(chat);

    expect(await chat.send("/withdraw")).toEqual([KK_WITHDRAW.confirm]);
    expect(await chat.press("Жоқ, ештеңені өзгертпеу")).toEqual([{ text: KK_RIGHTS.kept }]);
    expect(await chat.press("Иә, келісімді кері қайтарып алу")).toEqual([
      { text: KK_WITHDRAW.done({ cancelled: 1, erasedBookings: 1, erasedPeople: 1, consents: 2, visits: 0, keptPeople: 0 }) },
    ]);
    expect(await chat.send("/withdraw")).toEqual([{ text: KK_WITHDRAW.already("01.12.2026") }]);
    expect(await chat.send("/block")).toEqual([{ text: KK_BLOCK.byWithdrawal("01.12.2026") }]);
    expect([count(testBot, "bookings"), count(testBot, "patients"), count(testBot, "consents")]).toEqual([0, 0, 2]);
    expect(await testBot.chat({ id: 202, languageCode: "kk" }).send("/withdraw")).toEqual([{ text: KK_RIGHTS.nothingHeld }]);
  });

  test("forged and stale confirmations withdraw nothing", async () => {
    testBot = await TestBot.start();
    expect(await testBot.chat({ id: 201 }).send("/withdraw")).toEqual([{ text: RU_RIGHTS.nothingHeld }]);
    const ivan = await ivanWithBooking(testBot);
    const maria = await chatAt(testBot, "summary", 102, { ...IVANOV, iin: "881202400564", name: "Иванова Мария Петровна", time: "15:00" });
    await maria.press("✅ Подтвердить");
    const mariaId = accountIdOf(102)!;

    expect(await ivan.pressData(`withdraw:${mariaId}`)).toEqual([{ text: RU_RIGHTS.stale }]);
    expect(await testBot.chat({ id: 203 }).pressData(`withdraw:${accountIdOf(101)}`)).toEqual([{ text: RU_RIGHTS.nothingHeld }]);
    expect(rows(testBot, "select count(*) as withdrawn from consents where withdrawn_at is not null")).toEqual([{ withdrawn: 0 }]);
    expect(count(testBot, "bookings")).toBe(2);
  });
});
