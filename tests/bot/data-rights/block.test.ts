import { afterEach, describe, expect, test } from "vitest";
import { TestBot } from "../../support/harness";
import { chatAt, IVANOV, rows } from "../dialogue";
import { R, ruAppointmentItem } from "../texts";
import { ivanWithBooking, speakKazakh } from "./people";
import { KK_BLOCK, KK_RIGHTS, RU_BLOCK, RU_RIGHTS, ruHeading } from "./texts";

let testBot: TestBot;
afterEach(() => testBot.destroy());

function accountIdOf(chatId: number): string {
  return testBot.app.store.accounts.findAccountId("telegram", chatId)!;
}

function blockAudit(): string[] {
  return rows<{ action: string }>(testBot, "select action from audit_log where action like 'processing.%' order by at").map((row) => row.action);
}

describe("/block", () => {
  test("asks first and says what blocking means; blocked, the bookings stay, a new booking is refused; /block again lifts it", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    const accountId = accountIdOf(101);
    const confirm = { text: `${RU_BLOCK.confirm}\n${RU_BLOCK.upcoming(1)}`, buttons: RU_BLOCK.buttons };

    expect(await chat.send("/block")).toEqual([confirm]);
    expect(await chat.press("Нет, ничего не менять")).toEqual([{ text: RU_RIGHTS.kept }]);
    expect(testBot.app.store.accounts.blockOf(accountId)).toBeUndefined();

    expect(await chat.send("/block")).toEqual([confirm]);
    testBot.clock.advance(60_000);
    expect(await chat.press("Да, приостановить")).toEqual([{ text: `${RU_BLOCK.done}\n${RU_BLOCK.upcoming(1)}` }]);
    expect(await chat.press("Да, приостановить")).toEqual([{ text: RU_BLOCK.already }]);
    expect(testBot.app.store.accounts.blockOf(accountId)).toEqual({ blockedAt: "2026-12-01T03:01:00.000Z", blockedBy: "patient" });

    // Nothing uses the data: no new booking. What exists stays visible to its owner, and can be cancelled.
    expect(await chat.send("/book")).toEqual([{ text: RU_RIGHTS.processingBlocked, removesKeyboard: true }]);
    expect(await chat.send("/appointments")).toEqual([
      { text: "У вас 1 предстоящая запись:" },
      {
        text: ruAppointmentItem({ number: "B00001", date: "02.12.2026", time: "14:00", service: "Консультация педиатра", doctor: "Ахметова Айгуль Серикбаевна", patient: IVANOV.name }),
        buttons: [["Отменить эту запись"]],
      },
    ]);
    expect((await chat.send("/mydata"))[0]).toEqual(
      ruHeading("01.12.2026", "01.12.2026", "Обработка ваших данных приостановлена по вашей просьбе с 01.12.2026. Снять блокировку: /block."),
    );

    const unblock = { text: RU_BLOCK.unblockConfirm("01.12.2026"), buttons: RU_BLOCK.unblockButtons };
    expect(await chat.send("/block")).toEqual([unblock]);
    expect(await chat.press("Нет, ничего не менять")).toEqual([{ text: RU_RIGHTS.kept }]);
    expect(testBot.app.store.accounts.blockOf(accountId)?.blockedBy).toBe("patient");
    expect(await chat.send("/block")).toEqual([unblock]);
    expect(await chat.press("Да, снять блокировку")).toEqual([{ text: RU_BLOCK.unblockDone }]);
    expect(await chat.press("Да, снять блокировку")).toEqual([{ text: RU_BLOCK.unblockAlready }]);
    expect(testBot.app.store.accounts.blockOf(accountId)).toBeUndefined();

    expect(await chat.send("/book")).toEqual([R.askWho]);
    await chat.send("/cancel");
    expect(blockAudit()).toEqual(["processing.blocked", "processing.unblocked"]);
    expect(await testBot.staffMessages()).toHaveLength(1);
  });

  test("in Kazakh, and with no upcoming bookings the note about them is left out", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await speakKazakh(chat);
    testBot.clock.set("2026-12-02T10:00:00.000Z"); // Ivan's appointment has passed

    expect(await chat.send("/block")).toEqual([{ text: KK_BLOCK.confirm, buttons: KK_BLOCK.buttons }]);
    expect(await chat.press("Иә, тоқтата тұру")).toEqual([{ text: KK_BLOCK.done }]);
    expect(await chat.press("Иә, тоқтата тұру")).toEqual([{ text: KK_BLOCK.already }]);
    expect(await chat.send("/book")).toEqual([
      { text: "Сіздің өтінішіңіз бойынша деректеріңізді өңдеу тоқтатылған, сондықтан қазір жазылу мүмкін емес. Бұғаттауды алу үшін /block жіберіңіз.", removesKeyboard: true },
    ]);
    expect(await chat.send("/block")).toEqual([{ text: KK_BLOCK.unblockConfirm("02.12.2026"), buttons: KK_BLOCK.unblockButtons }]);
    expect(await chat.press("Жоқ, ештеңені өзгертпеу")).toEqual([{ text: KK_RIGHTS.kept }]);
    expect(await chat.press("Иә, бұғаттауды алу")).toEqual([{ text: KK_BLOCK.unblockDone }]);
  });

  test("nothing held, a forged or stale button, and a block the fund set are all refused politely and change nothing", async () => {
    testBot = await TestBot.start();
    expect(await testBot.chat({ id: 201 }).send("/block")).toEqual([{ text: RU_RIGHTS.nothingHeld }]);
    expect(await testBot.chat({ id: 202, languageCode: "kk" }).send("/block")).toEqual([{ text: KK_RIGHTS.nothingHeld }]);

    const ivan = await ivanWithBooking(testBot);
    const maria = await chatAt(testBot, "summary", 102, { ...IVANOV, iin: "881202400564", name: "Иванова Мария Петровна", time: "15:00" });
    await maria.press("✅ Подтвердить");
    maria.replies();
    const ivanId = accountIdOf(101);
    const mariaId = accountIdOf(102);

    // Ivan forges Maria's confirmations; a stranger forges Ivan's.
    expect(await ivan.pressData(`block:${mariaId}`)).toEqual([{ text: RU_RIGHTS.stale }]);
    expect(await ivan.pressData(`unblock:${mariaId}`)).toEqual([{ text: RU_RIGHTS.stale }]);
    expect(await testBot.chat({ id: 203 }).pressData(`block:${ivanId}`)).toEqual([{ text: RU_RIGHTS.nothingHeld }]);
    expect(testBot.app.store.accounts.blockOf(mariaId)).toBeUndefined();
    expect(testBot.app.store.accounts.blockOf(ivanId)).toBeUndefined();
    expect(await ivan.pressData(`unblock:${ivanId}`)).toEqual([{ text: RU_BLOCK.unblockAlready }]);

    // The fund blocked Ivan on his paper request: only the fund lifts it, even with an old "unblock" button.
    testBot.app.services.blocking.setBlocked(ivanId, true, "admin", { kind: "admin", id: "Aliya" });
    expect(await ivan.send("/block")).toEqual([{ text: RU_BLOCK.byAdmin("01.12.2026") }]);
    expect(await ivan.pressData(`unblock:${ivanId}`)).toEqual([{ text: RU_BLOCK.byAdmin("01.12.2026") }]);
    expect(await ivan.pressData(`block:${ivanId}`)).toEqual([{ text: RU_BLOCK.byAdmin("01.12.2026") }]);
    await speakKazakh(ivan);
    expect(await ivan.send("/block")).toEqual([{ text: KK_BLOCK.byAdmin("01.12.2026") }]);
    expect(testBot.app.store.accounts.blockOf(ivanId)?.blockedBy).toBe("admin");
    expect(blockAudit()).toEqual(["processing.blocked"]);
  });
});
