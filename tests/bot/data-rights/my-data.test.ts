import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { bookAliya, bookIvanAgain, chatAt, IVANOV, ivanWithBooking, speakKazakh } from "../../support/booking";
import { rows } from "../../support/database";
import { AUTHORIZED_BODY, ALIYA, DOCTORS, IVAN, MARIA, PHONE, SERVICES } from "../../support/fixtures";
import { TestBot } from "../../support/harness";
import { t } from "../../support/i18n";
import { myDataBooking, myDataConsent, myDataDetails, myDataHeading, myDataInFull, myDataMore, myDataPerson, processingFacts } from "../../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

const PEDIATRICIAN_RU = { service: SERVICES.pediatrician.ru, doctor: DOCTORS.akhmetova.name.ru };
const PEDIATRICIAN_KK = { service: SERVICES.pediatrician.kk, doctor: DOCTORS.akhmetova.name.kk };
const AFTER_IVANS_VISIT = "2026-12-02T10:00:00.000Z"; // Wednesday 15:00 in Almaty

/** Read without the audited copy, so the audit log shows only what the person did. */
function patientIdOf(name: string): string {
  return testBot.app.store.bookings.allFor(accountIdOf(101)).find((booking) => booking.patientName === name)!.patientId;
}

function bookingId(number: string): string {
  return rows<{ id: string }>(testBot, "select id from bookings where number = ?", number)[0]!.id;
}

function accountIdOf(chatId: number): string {
  return testBot.app.store.accounts.findAccountId("telegram", chatId)!;
}

/**
 * Ivan booked himself (B00001, Wednesday 14:00, now past), his daughter Aliya (B00002, Thursday 09:00)
 * and himself again (B00003, Wednesday 14:30, cancelled); it is Wednesday 15:00.
 */
async function ivanWithHistory() {
  const chat = await ivanWithBooking(testBot);
  await bookAliya(testBot, chat, "B00002");
  await bookIvanAgain(testBot, chat, "B00003");
  await chat.pressData(`booking-cancel:${bookingId("B00003")}`);
  await chat.press("Да, отменить");
  chat.replies();
  testBot.clock.set(AFTER_IVANS_VISIT);
  return chat;
}

describe("/mydata", () => {
  test("someone the bot holds nothing about is told so, in Russian and in Kazakh, and no file is sent", async () => {
    testBot = await TestBot.start();
    const stranger = testBot.chat({ id: 201 });
    expect(await stranger.send("/mydata")).toEqual([{ text: t("ru", "data-rights-nothing-held") }]);

    // Declining consent stores nothing but the language: still nothing held.
    const kazakh = testBot.chat({ id: 202 });
    await kazakh.send("/start");
    await kazakh.press("Қазақша");
    await kazakh.press("❌ Келіспеймін");
    kazakh.replies();
    expect(await kazakh.send("/mydata")).toEqual([{ text: t("kk", "data-rights-nothing-held") }]);
    expect(testBot.sent.some((message) => message.document)).toBe(false);
  });

  test("/mydata is an overview: the processing facts and the file come on their buttons, only for the account they were shown to", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithHistory();
    const overview = await chat.send("/mydata");
    expect(overview.at(-1)).toEqual(myDataMore("ru"));
    expect(overview.some((reply) => reply.document !== undefined)).toBe(false);
    expect(overview.map((reply) => reply.text).join("\n")).not.toContain(t("ru", "mydata-purposes-heading"));

    const file = chat.findButton(t("ru", "button-mydata-file"));
    const stranger = testBot.chat({ id: 299 });
    expect(await stranger.pressData(file.data)).toEqual([{ text: t("ru", "data-rights-nothing-held") }]);
    expect(testBot.sent.some((message) => message.document !== undefined)).toBe(false);
  });

  test("Ivan sees himself and his daughter with masked IINs, his consents, every booking with its state, the processing facts, and a file", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithHistory();

    const replies = await myDataInFull(chat);

    expect(replies.slice(0, -1)).toEqual([
      myDataHeading("ru", "02.12.2026", "01.12.2026"),
      myDataPerson("ru", { name: IVAN.name, relation: "self", iin: IVAN.maskedIin, phone: PHONE.shown }),
      myDataPerson("ru", { name: ALIYA.name, relation: "minor", iin: ALIYA.maskedIin, phone: PHONE.shown }),
      ...myDataDetails("ru", {
        consents: [
          myDataConsent("ru", { purpose: "processing", granted: true, version: "1.0", date: "01.12.2026 08:00" }),
          myDataConsent("ru", { purpose: "third-party", granted: false, version: "1.0", date: "01.12.2026 08:00" }),
        ],
        bookings: [
          myDataBooking("ru", { number: "B00001", date: "02.12.2026", time: "14:00", ...PEDIATRICIAN_RU, patient: IVAN.name, status: "past" }),
          myDataBooking("ru", { number: "B00003", date: "02.12.2026", time: "14:30", ...PEDIATRICIAN_RU, patient: IVAN.name, status: { cancelled: "01.12.2026" } }),
          myDataBooking("ru", { number: "B00002", date: "03.12.2026", time: "09:00", ...PEDIATRICIAN_RU, patient: ALIYA.name, status: "upcoming" }),
        ],
        processing: processingFacts("ru", "1.0", "declined"),
      }),
    ]);
    const file = replies.at(-1)!;
    expect(file.text).toBe(t("ru", "mydata-file-caption"));
    expect(file.document!.filename).toBe("mumkindik-my-data-2026-12-02.json");
    expect(file.document!.bytes.toString("utf8")).toMatch(/^\{\n {2}"madeAt": "2026-12-02T10:00:00\.000Z",\n {2}"language": "ru",\n/);
    expect(file.document!.bytes.toString("utf8")).toContain('"fullName": "Иванова Алия Ивановна"'); // UTF-8, not \u escapes
  });

  test("the file holds the complete copy: account, people with full IINs, consents, bookings with names, and the processing facts", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithHistory();

    const file = (await myDataInFull(chat)).at(-1)!.document!;
    const copy = JSON.parse(file.bytes.toString("utf8"));

    const sha256 = expect.stringMatching(/^[0-9a-f]{64}$/);
    const booking = (number: string, startsAt: string, createdAt: string, patientName: string, status: string, cancelledAt: string | null) => ({
      id: expect.any(String),
      number,
      serviceId: "pediatrician",
      doctorId: "akhmetova-aigul",
      startsAt,
      patientName,
      patientId: patientIdOf(patientName),
      status,
      createdAt,
      cancelledAt,
      // Cancelled in /appointments: by the patient, with no staff reason.
      cancelledBy: cancelledAt === null ? null : "patient",
      movedAt: null,
      movedFrom: null,
      cancelReason: null,
      ...PEDIATRICIAN_RU,
    });
    expect(copy).toEqual({
      madeAt: "2026-12-02T10:00:00.000Z",
      language: "ru",
      account: { id: accountIdOf(101), channel: "telegram", createdAt: "2026-12-01T03:00:00.000Z", blockedAt: null, blockedBy: null },
      people: [
        {
          patientId: patientIdOf(IVAN.name),
          relation: "self",
          representativeConfirmed: false,
          fullName: IVAN.name,
          iin: IVAN.iin,
          maskedIin: IVAN.maskedIin,
          phone: PHONE.e164,
          phoneConfirmed: false,
        },
        {
          patientId: patientIdOf(ALIYA.name),
          relation: "other",
          representativeConfirmed: true,
          fullName: ALIYA.name,
          iin: ALIYA.iin,
          maskedIin: ALIYA.maskedIin,
          phone: PHONE.e164,
          phoneConfirmed: false,
        },
      ],
      consents: [
        { id: expect.any(String), purpose: "processing", granted: true, policyVersion: "1.0", textSha256: sha256, locale: "ru", channel: "telegram", decidedAt: "2026-12-01T03:00:00.000Z", withdrawnAt: null },
        { id: expect.any(String), purpose: "third_party", granted: false, policyVersion: "1.0", textSha256: sha256, locale: "ru", channel: "telegram", decidedAt: "2026-12-01T03:00:00.000Z", withdrawnAt: null },
      ],
      bookings: [
        booking("B00001", "2026-12-02T09:00:00.000Z", "2026-12-01T03:00:00.000Z", IVAN.name, "booked", null),
        booking("B00003", "2026-12-02T09:30:00.000Z", "2026-12-01T03:02:00.000Z", IVAN.name, "cancelled", "2026-12-01T03:02:00.000Z"),
        booking("B00002", "2026-12-03T04:00:00.000Z", "2026-12-01T03:01:00.000Z", ALIYA.name, "booked", null),
      ],
      processing: {
        policyVersion: "1.0",
        purposes: ["system", "bookings", "notifications", "improvement", "law"].map((purpose) => t("ru", `fact-purpose-${purpose}`)),
        legalBases: [t("ru", "fact-basis-consent"), t("ru", "fact-basis-law")],
        retention: ["bookings", "history", "finished-unset", "account", "drafts"].map((period) => t("ru", `fact-retention-${period}`)),
        recipients: [t("ru", "fact-recipient-staff"), t("ru", "fact-recipient-third-parties", { answer: t("ru", "fact-third-party-declined") })],
        appeal: t("ru", "fact-appeal"),
      },
      waitingList: [],
    });
    // The appeal names the authorized body the law names.
    expect(copy.processing.appeal).toContain(AUTHORIZED_BODY.ru);
    // Each look is audited: the overview, the processing facts (they read the consents), the file.
    const look = { actor: "patient", actor_id: accountIdOf(101), record_id: accountIdOf(101) };
    expect(rows(testBot, "select actor, actor_id, record_id from audit_log where action = 'data.exported'")).toEqual([look, look, look]);
  });

  test("in Kazakh: the same copy in Kazakh words, and the file's facts in Kazakh too", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await speakKazakh(chat);

    const replies = await myDataInFull(chat, "kk");

    expect(replies.slice(0, -1)).toEqual([
      myDataHeading("kk", "01.12.2026", "01.12.2026"),
      myDataPerson("kk", { name: IVAN.name, relation: "self", iin: IVAN.maskedIin, phone: PHONE.shown }),
      ...myDataDetails("kk", {
        consents: [
          myDataConsent("kk", { purpose: "processing", granted: true, version: "1.0", date: "01.12.2026 08:00" }),
          myDataConsent("kk", { purpose: "third-party", granted: false, version: "1.0", date: "01.12.2026 08:00" }),
        ],
        bookings: [myDataBooking("kk", { number: "B00001", date: "02.12.2026", time: "14:00", ...PEDIATRICIAN_KK, patient: IVAN.name, status: "upcoming" })],
        processing: processingFacts("kk", "1.0", "declined"),
      }),
    ]);
    const file = replies.at(-1)!;
    expect(file.text).toBe(t("kk", "mydata-file-caption"));
    expect(file.document!.filename).toBe("mumkindik-my-data-2026-12-01.json");
    const copy = JSON.parse(file.document!.bytes.toString("utf8"));
    expect(copy.language).toBe("kk");
    expect(copy.bookings[0].service).toBe(SERVICES.pediatrician.kk);
    expect(copy.processing.recipients[1]).toBe(t("kk", "fact-recipient-third-parties", { answer: t("kk", "fact-third-party-declined") }));
  });

  test("with RETENTION_FINISHED_DAYS set, the processing facts and the file give that period, in Russian and in Kazakh", async () => {
    testBot = await TestBot.start({ retentionFinishedDays: 1825 });
    const chat = await ivanWithBooking(testBot);
    const finished = { ru: t("ru", "fact-retention-finished", { days: 1825 }), kk: t("kk", "fact-retention-finished", { days: 1825 }) };
    expect(finished.ru).toMatch(/ — хранятся 1\s?825 дней после приёма или отмены, затем удаляются/);
    expect(finished.kk).toMatch(/ кейін 1\s?825 күн сақталады, содан соң/);

    for (const locale of ["ru", "kk"] as const) {
      if (locale === "kk") await speakKazakh(chat);
      const replies = await myDataInFull(chat, locale);
      expect(replies).toContainEqual({ text: processingFacts(locale, "1.0", "declined", 1825) });
      const copy = JSON.parse(replies.at(-1)!.document!.bytes.toString("utf8"));
      expect(copy.processing.retention).toContain(finished[locale]);
      expect(copy.processing.retention).not.toContain(t(locale, "fact-retention-finished-unset"));
    }
  });

  test("the full IIN comes on a second tap, each time it is asked, and only for the sender's own people", async () => {
    testBot = await TestBot.start();
    const ivan = await ivanWithBooking(testBot);
    await bookAliya(testBot, ivan, "B00002");
    ivan.replies();
    await myDataInFull(ivan);

    const aliyasIin = { text: t("ru", "mydata-iin", { name: ALIYA.name, iin: ALIYA.iin }) };
    expect(await ivan.pressData(`mydata-iin:${patientIdOf(ALIYA.name)}`)).toEqual([aliyasIin]);
    expect(await ivan.press("Показать ИИН полностью")).toEqual([aliyasIin]);
    expect(await ivan.pressData(`mydata-iin:${patientIdOf(IVAN.name)}`)).toEqual([{ text: t("ru", "mydata-iin", { name: IVAN.name, iin: IVAN.iin }) }]);

    // Maria has data of her own, but Ivan's people are not hers; a stranger has nothing at all.
    const maria = await chatAt(testBot, "summary", 102, { ...IVANOV, iin: MARIA.iin, name: MARIA.name, time: "15:00" });
    await maria.press("✅ Подтвердить");
    maria.replies();
    expect(await maria.pressData(`mydata-iin:${patientIdOf(IVAN.name)}`)).toEqual([{ text: t("ru", "mydata-iin-not-found") }]);
    expect(await maria.pressData("mydata-iin:not-a-patient")).toEqual([{ text: t("ru", "mydata-iin-not-found") }]);
    const stranger = testBot.chat({ id: 103 });
    expect(await stranger.pressData(`mydata-iin:${patientIdOf(IVAN.name)}`)).toEqual([{ text: t("ru", "data-rights-nothing-held") }]);

    await speakKazakh(maria);
    expect(await maria.pressData(`mydata-iin:${patientIdOf(ALIYA.name)}`)).toEqual([{ text: t("kk", "mydata-iin-not-found") }]);
    const viewed = rows<{ actor_id: string; record_id: string }>(testBot, "select actor_id, record_id from audit_log where action = 'data.viewed'");
    expect(viewed.map((row) => row.actor_id)).toEqual([accountIdOf(101), accountIdOf(101), accountIdOf(101)]);
  });

  test("a copy longer than one Telegram message is split at line breaks, nothing lost", async () => {
    testBot = await TestBot.start({ bookingLimits: { perPerson: 50, perPersonAndService: 50, perAccount: 50 } });
    const chat = await ivanWithBooking(testBot);
    const { services } = testBot.app;
    const slots = rows<{ id: string }>(
      testBot,
      "select id from slots where doctor_id = 'akhmetova-aigul' and starts_at > '2026-12-02T10:00:00.000Z' order by starts_at limit 40",
    );
    for (const slot of slots) {
      const outcome = services.bookings.book({
        accountId: accountIdOf(101),
        channel: "telegram",
        relation: "self",
        representativeConfirmed: false,
        person: { iin: IVAN.iin, fullName: IVAN.name, phone: PHONE.e164, phoneConfirmed: false },
        serviceId: "pediatrician",
        slotId: slot.id,
        policyVersion: "1.0",
        draftKey: randomUUID(),
      });
      expect(outcome.ok).toBe(true);
    }

    const replies = await myDataInFull(chat);
    const details = replies.slice(2, -1).map((reply) => reply.text);

    expect(details.length).toBeGreaterThan(1);
    for (const part of details) expect(part.length).toBeLessThanOrEqual(4096);
    const whole = details.join("\n");
    expect(whole.match(/^• № B\d{5}: /gm)).toHaveLength(41);
    expect(whole).toContain(t("ru", "fact-appeal"));
    expect(JSON.parse(replies.at(-1)!.document!.bytes.toString("utf8")).bookings).toHaveLength(41);
  });
});
