import { existsSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, test } from "vitest";
import { checkpoint } from "../../../src/store/database";
import type { Locale } from "../../../src/domain/locale";
import { bookAliya, chatAt, IVANOV, IVANOV_STAFF, ivanWithBooking, reach, speakKazakh } from "../../support/booking";
import { count, rows } from "../../support/database";
import { ALIYA, IVAN, MARIA } from "../../support/fixtures";
import { TestBot } from "../../support/harness";
import { t } from "../../support/i18n";
import { confirmation, R, staffErased, staffMessage, WELCOME_CHOOSE_LANGUAGE, myDataInFull } from "../../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

const MARIA_ANSWERS = { ...IVANOV, iin: MARIA.iin, name: MARIA.name, time: "15:00" };

const deleteConfirm = (locale: Locale) => confirmation(locale, t(locale, "delete-confirm"), "button-delete-yes");

/** What /delete says once done, with the line about cancelled bookings when there were any. */
function deleteDone(locale: Locale, cancelled: number): string {
  return [t(locale, "delete-done"), ...(cancelled > 0 ? [t(locale, "delete-cancelled", { count: cancelled })] : []), t(locale, "delete-again")].join("\n");
}

function accountIdOf(chatId: number): string | undefined {
  return testBot.app.store.accounts.findAccountId("telegram", chatId);
}

/** Maria (chat 102) has her own booking, B0000n, Wednesday 15:00. */
async function mariaWithBooking() {
  const maria = await chatAt(testBot, "summary", 102, MARIA_ANSWERS);
  await maria.press("✅ Подтвердить");
  maria.replies();
  return maria;
}

const PERSONAL_TABLES = ["accounts", "consents", "patients", "patient_links", "bookings", "chat_preferences", "conversation_states"];

function counts(): Record<string, number> {
  return Object.fromEntries(PERSONAL_TABLES.map((table) => [table, count(testBot, table)]));
}

const ALIYA_STAFF = { ...IVANOV_STAFF, number: "B00002", date: "03.12.2026", time: "09:00", patient: ALIYA.name, iin: ALIYA.maskedIin, minorAge: 11 };

describe("/delete", () => {
  test("after a confirmation everything is erased: upcoming bookings cancelled and staff told first, the language forgotten", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await bookAliya(testBot, chat, "B00002");
    chat.replies();
    const before = counts();

    expect(await chat.send("/delete")).toEqual([deleteConfirm("ru")]);
    expect(await chat.press("Нет, ничего не менять")).toEqual([{ text: t("ru", "data-rights-kept") }]);
    expect(counts()).toEqual(before);

    expect(await chat.send("/delete")).toEqual([deleteConfirm("ru")]);
    expect(await chat.press("Да, удалить всё")).toEqual([{ text: deleteDone("ru", 2) }]);

    expect(await testBot.staffMessages()).toEqual([
      staffMessage("booked", IVANOV_STAFF),
      staffMessage("booked", ALIYA_STAFF),
      staffErased(IVANOV_STAFF),
      staffErased(ALIYA_STAFF),
    ]);
    expect(counts()).toEqual(Object.fromEntries(PERSONAL_TABLES.map((table) => [table, 0])));
    expect(count(testBot, "staff_outbox")).toBe(0);
    expect(rows(testBot, "select actor, actor_id, record_id from audit_log where action = 'data.erased'")).toEqual([
      { actor: "patient", actor_id: null, record_id: null },
    ]);

    // A double tap, and every command after it, find nothing; /start begins from the language choice.
    const nothingHeld = { text: t("ru", "data-rights-nothing-held") };
    expect(await chat.press("Да, удалить всё")).toEqual([nothingHeld]);
    for (const command of ["/mydata", "/delete", "/block", "/withdraw"]) expect(await chat.send(command)).toEqual([nothingHeld]);
    expect(await chat.send("/start")).toEqual([WELCOME_CHOOSE_LANGUAGE]);
  });

  test("in Kazakh: asked and answered in Kazakh, though the erasure forgets the language itself", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await speakKazakh(chat);

    expect(await chat.send("/delete")).toEqual([deleteConfirm("kk")]);
    expect(await chat.press("Жоқ, ештеңені өзгертпеу")).toEqual([{ text: t("kk", "data-rights-kept") }]);
    testBot.clock.set("2026-12-02T10:00:00.000Z"); // the appointment has passed: nothing to cancel
    expect(await chat.press("Иә, бәрін жою")).toEqual([{ text: deleteDone("kk", 0) }]);
    expect(testBot.app.store.preferences.getLocale("telegram", 101)).toBeUndefined();
    expect(await chat.send("/mydata")).toEqual([{ text: t("ru", "data-rights-nothing-held") }]);
    expect(await testBot.staffMessages()).toEqual([staffMessage("booked", IVANOV_STAFF)]);
    expect(await testBot.chat({ id: 202, languageCode: "kk" }).send("/delete")).toEqual([{ text: t("kk", "data-rights-nothing-held") }]);
  });

  test("forged and stale buttons erase nothing, and a /delete typed mid-booking is answered by the booking", async () => {
    testBot = await TestBot.start();
    const ivan = await ivanWithBooking(testBot);
    await mariaWithBooking();
    const ivanId = accountIdOf(101)!;
    const mariaId = accountIdOf(102)!;

    expect(await ivan.pressData(`delete:${mariaId}`)).toEqual([{ text: t("ru", "data-rights-stale") }]);
    expect(await testBot.chat({ id: 203 }).pressData(`delete:${ivanId}`)).toEqual([{ text: t("ru", "data-rights-nothing-held") }]);
    expect(accountIdOf(102)).toBe(mariaId);
    expect(accountIdOf(101)).toBe(ivanId);

    // Ivan deletes, consents anew, then finds the old confirmation: it was for data that no longer exists.
    await ivan.send("/delete");
    const oldButton = ivan.findButton("Да, удалить всё");
    await ivan.press("Да, удалить всё");
    await ivan.send("/start");
    await ivan.press("Русский");
    await ivan.press("✅ Согласен(на)");
    await ivan.press("Нет, не передавать");
    await ivan.send("/cancel");
    ivan.replies();
    const renewed = accountIdOf(101)!;
    expect(await ivan.pressData(oldButton.data, oldButton.messageId)).toEqual([{ text: t("ru", "data-rights-stale") }]);
    expect(accountIdOf(101)).toBe(renewed);

    // In the middle of a booking the dialogue answers every command itself; nothing is erased.
    await ivan.send("/book");
    await reach(ivan, "iin");
    ivan.replies();
    expect(await ivan.send("/delete")).toEqual([R.commandDuringDialogue, R.askIinSelf]);
    expect(accountIdOf(101)).toBe(renewed);
    expect(accountIdOf(102)).toBe(mariaId);
  });

  test("with secure_delete on, the database file keeps none of Ivan's strings or ciphertexts, and no blind index finds him", async () => {
    testBot = await TestBot.start({ file: true });
    const ivan = await ivanWithBooking(testBot);
    await bookAliya(testBot, ivan, "B00002");
    await mariaWithBooking();
    await testBot.staffMessages();
    const db = testBot.app.store.db;
    expect(db.$client.pragma("secure_delete", { simple: true })).toBe(1);

    const ivanId = accountIdOf(101)!;
    const mariaId = accountIdOf(102)!;
    const shown = await myDataInFull(ivan);
    await ivan.press("Показать ИИН полностью");
    const copy = JSON.parse(shown.at(-1)!.document!.bytes.toString("utf8"));
    const ids: string[] = [copy.account.id, ...copy.people.map((person: { patientId: string }) => person.patientId), ...copy.consents.map((consent: { id: string }) => consent.id), ...copy.bookings.map((booking: { id: string }) => booking.id)];
    expect(ids).toHaveLength(7);
    const ivans = blobsOf(ivanId);
    const marias = blobsOf(mariaId);
    expect(ivans.length).toBeGreaterThanOrEqual(11);
    checkpoint(db);
    for (const blob of [...ivans, ...marias]) expect(inDatabaseFiles(blob), "the search finds what is there").toBe(true);

    await ivan.send("/delete");
    await ivan.press("Да, удалить всё");
    await testBot.staffMessages();
    checkpoint(db);

    const strings = [IVAN.iin, ALIYA.iin, IVAN.name, ALIYA.name, "Алия", "7012345678", IVAN.maskedIin, ALIYA.maskedIin, "B00001", "B00002", ...ids];
    for (const text of strings) {
      for (const spelling of [Buffer.from(text, "utf8"), Buffer.from(text, "utf16le")]) expect(inDatabaseFiles(spelling), `found "${text}"`).toBe(false);
    }
    ivans.forEach((blob, index) => expect(inDatabaseFiles(blob), `Ivan's ciphertext #${index} is still in the file`).toBe(false));
    for (const blob of marias) expect(inDatabaseFiles(blob), "Maria's data is untouched").toBe(true);
    // The audit log still says what happened and when, naming Maria's actions but no longer Ivan's.
    expect(rows(testBot, "select action from audit_log where actor_id = ?", mariaId).length).toBeGreaterThan(0);
    expect(rows(testBot, "select action from audit_log where actor_id is null and action = 'consent.granted'")).toHaveLength(1);

    const { patients, accounts, preferences } = testBot.app.store;
    expect(patients.findIdByIin(IVAN.iin)).toBeUndefined();
    expect(patients.findIdByIin(ALIYA.iin)).toBeUndefined();
    expect(accounts.findAccountId("telegram", 101)).toBeUndefined();
    expect(preferences.getLocale("telegram", 101)).toBeUndefined();
    expect(patients.findIdByIin(MARIA.iin)).toBeDefined();
  });
});

/** Every ciphertext and blind index that held something about the account, read from the tables. */
function blobsOf(accountId: string): Buffer[] {
  const own = testBot.app.store.bookings.allFor(accountId);
  const bookingIds = own.map((booking) => booking.id);
  const patientIds = [...new Set(own.map((booking) => booking.patientId))];
  const marks = (values: unknown[]) => values.map(() => "?").join(", ");
  return [
    ...rows<{ chat_index: Buffer; chat_ct: Buffer }>(testBot, "select chat_index, chat_ct from accounts where id = ?", accountId).flatMap((row) => [row.chat_index, row.chat_ct]),
    ...rows<{ iin_ct: Buffer }>(testBot, `select iin_ct from patients where id in (${marks(patientIds)})`, ...patientIds).map((row) => row.iin_ct),
    ...rows<{ full_name_ct: Buffer; phone_ct: Buffer }>(testBot, "select full_name_ct, phone_ct from patient_links where account_id = ?", accountId).flatMap((row) => [
      row.full_name_ct,
      row.phone_ct,
    ]),
    ...rows<{ owner_index: Buffer; account_ct: Buffer; patient_ct: Buffer }>(
      testBot,
      `select owner_index, account_ct, patient_ct from bookings where id in (${marks(bookingIds)})`,
      ...bookingIds,
    ).flatMap((row) => [row.owner_index, row.account_ct, row.patient_ct]),
  ];
}

function inDatabaseFiles(needle: Buffer): boolean {
  const path = testBot.databasePath;
  return [path, `${path}-wal`].filter(existsSync).some((file) => readFileSync(file).includes(needle));
}

