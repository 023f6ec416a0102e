import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { TestBot } from "../../support/harness";
import { chatAt, IVANOV, rows } from "../dialogue";
import { ALIYA, bookAliya, bookIvanAgain, ivanWithBooking, speakKazakh } from "./people";
import { KK_PROCESSING, KK_RIGHTS, kkHeading, kkPerson, RU_PROCESSING, RU_RIGHTS, ruHeading, ruPerson } from "./texts";

let testBot: TestBot;
afterEach(() => testBot.destroy());

const PEDIATRICIAN_RU = "Консультация педиатра, врач Ахметова Айгуль Серикбаевна";
const PEDIATRICIAN_KK = "Педиатр кеңесі, дәрігер Ахметова Айгүл Серікбайқызы";
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
    expect(await stranger.send("/mydata")).toEqual([{ text: RU_RIGHTS.nothingHeld }]);

    // Declining consent stores nothing but the language: still nothing held.
    const kazakh = testBot.chat({ id: 202 });
    await kazakh.send("/start");
    await kazakh.press("Қазақша");
    await kazakh.press("❌ Келіспеймін");
    kazakh.replies();
    expect(await kazakh.send("/mydata")).toEqual([{ text: KK_RIGHTS.nothingHeld }]);
    expect(testBot.sent.some((message) => message.document)).toBe(false);
  });

  test("Ivan sees himself and his daughter with masked IINs, his consents, every booking with its state, the processing facts, and a file", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithHistory();

    const replies = await chat.send("/mydata");

    expect(replies.slice(0, -1)).toEqual([
      ruHeading("02.12.2026", "01.12.2026"),
      ruPerson("Иванов Иван Иванович", "это вы", "9001******26", "+7 701 234 56 78"),
      ruPerson("Иванова Алия Ивановна", "другой человек, вы подтвердили, что вы его родитель или законный представитель", "1505******41", "+7 701 234 56 78"),
      {
        text:
          "Согласия:\n" +
          "• обработка персональных данных: согласие дано; политика 1.0; 01.12.2026 08:00; действует\n" +
          "• передача третьим лицам (п. 7 политики): отказ; политика 1.0; 01.12.2026 08:00; действует\n" +
          "\n" +
          "Записи на приём:\n" +
          `• № B00001: 02.12.2026 в 14:00, ${PEDIATRICIAN_RU}; пациент: Иванов Иван Иванович; время приёма прошло\n` +
          `• № B00003: 02.12.2026 в 14:30, ${PEDIATRICIAN_RU}; пациент: Иванов Иван Иванович; отменена 01.12.2026\n` +
          `• № B00002: 03.12.2026 в 09:00, ${PEDIATRICIAN_RU}; пациент: Иванова Алия Ивановна; предстоит\n` +
          "\n" +
          RU_PROCESSING("1.0", "не согласны"),
      },
    ]);
    const file = replies.at(-1)!;
    expect(file.text).toBe(RU_RIGHTS.fileCaption);
    expect(file.document!.filename).toBe("mumkindik-my-data-2026-12-02.json");
    expect(file.document!.bytes.toString("utf8")).toMatch(/^\{\n {2}"madeAt": "2026-12-02T10:00:00\.000Z",\n {2}"language": "ru",\n/);
    expect(file.document!.bytes.toString("utf8")).toContain('"fullName": "Иванова Алия Ивановна"'); // UTF-8, not \u escapes
  });

  test("the file holds the complete copy: account, people with full IINs, consents, bookings with names, and the processing facts", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithHistory();

    const file = (await chat.send("/mydata")).at(-1)!.document!;
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
      service: "Консультация педиатра",
      doctor: "Ахметова Айгуль Серикбаевна",
    });
    expect(copy).toEqual({
      madeAt: "2026-12-02T10:00:00.000Z",
      language: "ru",
      account: { id: accountIdOf(101), channel: "telegram", createdAt: "2026-12-01T03:00:00.000Z", blockedAt: null, blockedBy: null },
      people: [
        {
          patientId: patientIdOf(IVANOV.name),
          relation: "self",
          representativeConfirmed: false,
          fullName: "Иванов Иван Иванович",
          iin: "900101300126",
          maskedIin: "9001******26",
          phone: "+77012345678",
          phoneConfirmed: false,
        },
        {
          patientId: patientIdOf(ALIYA.name),
          relation: "other",
          representativeConfirmed: true,
          fullName: "Иванова Алия Ивановна",
          iin: "150505600341",
          maskedIin: "1505******41",
          phone: "+77012345678",
          phoneConfirmed: false,
        },
      ],
      consents: [
        { id: expect.any(String), purpose: "processing", granted: true, policyVersion: "1.0", textSha256: sha256, locale: "ru", channel: "telegram", decidedAt: "2026-12-01T03:00:00.000Z", withdrawnAt: null },
        { id: expect.any(String), purpose: "third_party", granted: false, policyVersion: "1.0", textSha256: sha256, locale: "ru", channel: "telegram", decidedAt: "2026-12-01T03:00:00.000Z", withdrawnAt: null },
      ],
      bookings: [
        booking("B00001", "2026-12-02T09:00:00.000Z", "2026-12-01T03:00:00.000Z", "Иванов Иван Иванович", "active", null),
        booking("B00003", "2026-12-02T09:30:00.000Z", "2026-12-01T03:02:00.000Z", "Иванов Иван Иванович", "cancelled", "2026-12-01T03:02:00.000Z"),
        booking("B00002", "2026-12-03T04:00:00.000Z", "2026-12-01T03:01:00.000Z", "Иванова Алия Ивановна", "active", null),
      ],
      processing: {
        policyVersion: "1.0",
        purposes: [
          "обеспечение работы системы — поддержка онлайн-записи",
          "управление записями — создание записей на приём и управление ими",
          "уведомления — сообщения в этом чате (SMS и электронную почту бот не отправляет)",
          "улучшение сервиса — анализ и улучшение качества услуг",
          "соблюдение законодательства — выполнение его требований",
        ],
        legalBases: ["ваше явное согласие на обработку персональных данных", "требования законодательства Республики Казахстан"],
        retention: [
          "активные записи — до завершения курса лечения",
          "история записей — в соответствии с установленными стандартами",
          "аккаунт — до отзыва согласия или удаления аккаунта",
          "незавершённая запись (черновик) — 6 часов, затем удаляется",
        ],
        recipients: [
          "сотрудники фонда в его закрытой служебной группе: номер записи, услуга, врач, время, ФИО, телефон и ИИН со скрытыми цифрами",
          "третьи лица — только с вашего отдельного согласия (п. 7); ваш ответ сейчас: не согласны",
        ],
        appeal:
          "Вы вправе обратиться в уполномоченный орган по защите персональных данных — Министерство искусственного интеллекта и цифрового развития Республики Казахстан.",
      },
    });
    expect(rows(testBot, "select actor, actor_id, record_id from audit_log where action = 'data.exported'")).toEqual([
      { actor: "patient", actor_id: accountIdOf(101), record_id: accountIdOf(101) },
    ]);
  });

  test("in Kazakh: the same copy in Kazakh words, and the file's facts in Kazakh too", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await speakKazakh(chat);

    const replies = await chat.send("/mydata");

    expect(replies.slice(0, -1)).toEqual([
      kkHeading("01.12.2026", "01.12.2026"),
      kkPerson("Иванов Иван Иванович", "бұл сіз", "9001******26", "+7 701 234 56 78"),
      {
        text:
          "Келісімдер:\n" +
          "• дербес деректерді өңдеу: келісім берілді; саясаттың 1.0 нұсқасы; 01.12.2026 08:00; күшінде\n" +
          "• үшінші тұлғаларға беру (саясаттың 7-тармағы): бас тартылды; саясаттың 1.0 нұсқасы; 01.12.2026 08:00; күшінде\n" +
          "\n" +
          "Қабылдауға жазылулар:\n" +
          `• № B00001: 02.12.2026, сағат 14:00, ${PEDIATRICIAN_KK}; пациент: Иванов Иван Иванович; алда\n` +
          "\n" +
          KK_PROCESSING("1.0", "келіспейсіз"),
      },
    ]);
    const file = replies.at(-1)!;
    expect(file.text).toBe(KK_RIGHTS.fileCaption);
    expect(file.document!.filename).toBe("mumkindik-my-data-2026-12-01.json");
    const copy = JSON.parse(file.document!.bytes.toString("utf8"));
    expect(copy.language).toBe("kk");
    expect(copy.bookings[0].service).toBe("Педиатр кеңесі");
    expect(copy.processing.recipients[1]).toBe("үшінші тұлғалар — тек сіздің бөлек келісіміңізбен (7-тармақ); қазіргі жауабыңыз: келіспейсіз");
  });

  test("the full IIN comes on a second tap, each time it is asked, and only for the sender's own people", async () => {
    testBot = await TestBot.start();
    const ivan = await ivanWithBooking(testBot);
    await bookAliya(testBot, ivan, "B00002");
    ivan.replies();
    await ivan.send("/mydata");

    expect(await ivan.pressData(`mydata-iin:${patientIdOf(ALIYA.name)}`)).toEqual([{ text: "ИИН — Иванова Алия Ивановна: 150505600341" }]);
    expect(await ivan.press("Показать ИИН полностью")).toEqual([{ text: "ИИН — Иванова Алия Ивановна: 150505600341" }]);
    expect(await ivan.pressData(`mydata-iin:${patientIdOf(IVANOV.name)}`)).toEqual([{ text: "ИИН — Иванов Иван Иванович: 900101300126" }]);

    // Maria has data of her own, but Ivan's people are not hers; a stranger has nothing at all.
    const maria = await chatAt(testBot, "summary", 102, { ...IVANOV, iin: "881202400564", name: "Иванова Мария Петровна", time: "15:00" });
    await maria.press("✅ Подтвердить");
    maria.replies();
    expect(await maria.pressData(`mydata-iin:${patientIdOf(IVANOV.name)}`)).toEqual([{ text: RU_RIGHTS.iinNotFound }]);
    expect(await maria.pressData("mydata-iin:not-a-patient")).toEqual([{ text: RU_RIGHTS.iinNotFound }]);
    const stranger = testBot.chat({ id: 103 });
    expect(await stranger.pressData(`mydata-iin:${patientIdOf(IVANOV.name)}`)).toEqual([{ text: RU_RIGHTS.nothingHeld }]);

    await speakKazakh(maria);
    expect(await maria.pressData(`mydata-iin:${patientIdOf(ALIYA.name)}`)).toEqual([{ text: KK_RIGHTS.iinNotFound }]);
    const viewed = rows<{ actor_id: string; record_id: string }>(testBot, "select actor_id, record_id from audit_log where action = 'data.viewed'");
    expect(viewed.map((row) => row.actor_id)).toEqual([accountIdOf(101), accountIdOf(101), accountIdOf(101)]);
  });

  test("a copy longer than one Telegram message is split at line breaks, nothing lost", async () => {
    testBot = await TestBot.start();
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
        person: { iin: "900101300126", fullName: IVANOV.name, phone: "+77012345678", phoneConfirmed: false },
        serviceId: "pediatrician",
        slotId: slot.id,
        policyVersion: "1.0",
        draftKey: randomUUID(),
      });
      expect(outcome.ok).toBe(true);
    }

    const replies = await chat.send("/mydata");
    const details = replies.slice(2, -1).map((reply) => reply.text);

    expect(details.length).toBeGreaterThan(1);
    for (const part of details) expect(part.length).toBeLessThanOrEqual(4096);
    const whole = details.join("\n");
    expect(whole.match(/^• № B\d{5}: /gm)).toHaveLength(41);
    expect(whole).toContain("Вы вправе обратиться в уполномоченный орган по защите персональных данных");
    expect(JSON.parse(replies.at(-1)!.document!.bytes.toString("utf8")).bookings).toHaveLength(41);
  });
});
