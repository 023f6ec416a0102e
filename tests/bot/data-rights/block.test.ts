import { afterEach, describe, expect, test } from "vitest";
import { chatAt, IVANOV, ivanWithBooking, speakKazakh } from "../../support/booking";
import { rows } from "../../support/database";
import { CLINIC, DOCTORS, IVAN, MARIA, SERVICES } from "../../support/fixtures";
import { TestBot } from "../../support/harness";
import { t } from "../../support/i18n";
import { appointmentList, confirmation, myDataHeading, R } from "../../support/replies";

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
    const upcoming = t("ru", "block-upcoming", { count: 1 });
    const confirm = confirmation("ru", `${t("ru", "block-confirm")}\n${upcoming}`, "button-block-yes");

    expect(await chat.send("/block")).toEqual([confirm]);
    expect(await chat.press("Нет, ничего не менять")).toEqual([{ text: t("ru", "data-rights-kept") }]);
    expect(testBot.app.store.accounts.blockOf(accountId)).toBeUndefined();

    expect(await chat.send("/block")).toEqual([confirm]);
    testBot.clock.advance(60_000);
    expect(await chat.press("Да, приостановить")).toEqual([{ text: `${t("ru", "block-done")}\n${upcoming}` }]);
    expect(await chat.press("Да, приостановить")).toEqual([{ text: t("ru", "block-already") }]);
    expect(testBot.app.store.accounts.blockOf(accountId)).toEqual({ blockedAt: "2026-12-01T03:01:00.000Z", blockedBy: "patient" });

    // Nothing uses the data: no new booking. What exists stays visible to its owner, and can be cancelled.
    expect(await chat.send("/book")).toEqual([{ text: t("ru", "processing-blocked"), removesKeyboard: true }]);
    expect(await chat.send("/appointments")).toEqual(
      appointmentList("ru", [
        { number: "B00001", date: "ср, 2 декабря", time: "14:00", service: SERVICES.pediatrician.ru, doctor: DOCTORS.akhmetova.name.ru, patient: IVAN.name },
      ]),
    );
    expect((await chat.send("/mydata"))[0]).toEqual(myDataHeading("ru", "01.12.2026", "01.12.2026", t("ru", "mydata-blocked-patient", { date: "01.12.2026" })));

    const unblock = confirmation("ru", t("ru", "unblock-confirm", { date: "01.12.2026" }), "button-unblock-yes");
    expect(await chat.send("/block")).toEqual([unblock]);
    expect(await chat.press("Нет, ничего не менять")).toEqual([{ text: t("ru", "data-rights-kept") }]);
    expect(testBot.app.store.accounts.blockOf(accountId)?.blockedBy).toBe("patient");
    expect(await chat.send("/block")).toEqual([unblock]);
    expect(await chat.press("Да, снять блокировку")).toEqual([{ text: t("ru", "unblock-done") }]);
    expect(await chat.press("Да, снять блокировку")).toEqual([{ text: t("ru", "unblock-already") }]);
    expect(testBot.app.store.accounts.blockOf(accountId)).toBeUndefined();

    expect(await chat.send("/book")).toEqual([R.askWhoSaved([])]);
    await chat.send("/cancel");
    expect(blockAudit()).toEqual(["processing.blocked", "processing.unblocked"]);
    expect(await testBot.staffMessages()).toHaveLength(1);
  });

  test("in Kazakh, and with no upcoming bookings the note about them is left out", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await speakKazakh(chat);
    testBot.clock.set("2026-12-02T10:00:00.000Z"); // Ivan's appointment has passed

    expect(await chat.send("/block")).toEqual([confirmation("kk", t("kk", "block-confirm"), "button-block-yes")]);
    expect(await chat.press("Иә, тоқтата тұру")).toEqual([{ text: t("kk", "block-done") }]);
    expect(await chat.press("Иә, тоқтата тұру")).toEqual([{ text: t("kk", "block-already") }]);
    expect(await chat.send("/book")).toEqual([{ text: t("kk", "processing-blocked"), removesKeyboard: true }]);
    expect(await chat.send("/block")).toEqual([confirmation("kk", t("kk", "unblock-confirm", { date: "02.12.2026" }), "button-unblock-yes")]);
    expect(await chat.press("Жоқ, ештеңені өзгертпеу")).toEqual([{ text: t("kk", "data-rights-kept") }]);
    expect(await chat.press("Иә, бұғаттауды алу")).toEqual([{ text: t("kk", "unblock-done") }]);
  });

  test("nothing held, a forged or stale button, and a block the fund set are all refused politely and change nothing", async () => {
    testBot = await TestBot.start();
    expect(await testBot.chat({ id: 201 }).send("/block")).toEqual([{ text: t("ru", "data-rights-nothing-held") }]);
    expect(await testBot.chat({ id: 202, languageCode: "kk" }).send("/block")).toEqual([{ text: t("kk", "data-rights-nothing-held") }]);

    const ivan = await ivanWithBooking(testBot);
    const maria = await chatAt(testBot, "summary", 102, { ...IVANOV, iin: MARIA.iin, name: MARIA.name, time: "15:00" });
    await maria.press("✅ Подтвердить");
    maria.replies();
    const ivanId = accountIdOf(101);
    const mariaId = accountIdOf(102);

    // Ivan forges Maria's confirmations; a stranger forges Ivan's.
    expect(await ivan.pressData(`block:${mariaId}`)).toEqual([{ text: t("ru", "data-rights-stale") }]);
    expect(await ivan.pressData(`unblock:${mariaId}`)).toEqual([{ text: t("ru", "data-rights-stale") }]);
    expect(await testBot.chat({ id: 203 }).pressData(`block:${ivanId}`)).toEqual([{ text: t("ru", "data-rights-nothing-held") }]);
    expect(testBot.app.store.accounts.blockOf(mariaId)).toBeUndefined();
    expect(testBot.app.store.accounts.blockOf(ivanId)).toBeUndefined();
    expect(await ivan.pressData(`unblock:${ivanId}`)).toEqual([{ text: t("ru", "unblock-already") }]);

    // The fund blocked Ivan on his paper request: only the fund lifts it, even with an old "unblock" button.
    testBot.app.services.blocking.setBlocked(ivanId, true, "admin", { kind: "admin", id: "Aliya" });
    const byFund = { text: t("ru", "block-by-admin", { date: "01.12.2026", phone: CLINIC.phone }) };
    expect(await ivan.send("/block")).toEqual([byFund]);
    expect(await ivan.pressData(`unblock:${ivanId}`)).toEqual([byFund]);
    expect(await ivan.pressData(`block:${ivanId}`)).toEqual([byFund]);
    await speakKazakh(ivan);
    expect(await ivan.send("/block")).toEqual([{ text: t("kk", "block-by-admin", { date: "01.12.2026", phone: CLINIC.phone }) }]);
    expect(testBot.app.store.accounts.blockOf(ivanId)?.blockedBy).toBe("admin");
    expect(blockAudit()).toEqual(["processing.blocked"]);
  });
});
