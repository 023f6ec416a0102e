/**
 * What only WhatsApp has: numbered answers, typed option texts, media, groups, the sender's own number,
 * chat ids that are personal data, the connection's ups and downs. The dialogue itself is tested on
 * both channels by booking-on-every-channel.test.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import { GrammyError, InputFile } from "grammy";
import { afterEach, describe, expect, test, vi } from "vitest";
import { defaultReconnectDelay } from "../../src/channels/whatsapp/connection";
import { WHATSAPP_MESSAGE_LIMIT } from "../../src/channels/whatsapp/channel";
import { policyInForceNow } from "../../src/bot/replies";
import { checkpoint } from "../../src/store/database";
import { sendDueReminders } from "../../src/jobs";
import { chatAt, finishBooking, IVANOV_BOOKED, IVANOV_STAFF, IVANOV_SUMMARY } from "../support/booking";
import { count, rows } from "../support/database";
import { FakeWhatsAppClient, startTestWhatsApp, WhatsAppTestChat } from "../support/fake-whatsapp-client";
import { CLINIC, DOCTORS, PHONE, SERVICES, STAFF_CHAT_ID, doctorButton } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { StaffGroup } from "../support/staff";
import { t } from "../support/i18n";
import { appointmentItem, booked, K, navigation, R, staffMessage, summary, WELCOME_CHOOSE_LANGUAGE } from "../support/replies";

let testBot: TestBot;
let client: FakeWhatsAppClient;
let channel: Awaited<ReturnType<typeof startTestWhatsApp>>["channel"];

afterEach(async () => {
  await channel.stop();
  testBot.destroy();
});

async function setUp(fake = new FakeWhatsAppClient(), options: { file?: boolean } = {}): Promise<void> {
  testBot = await TestBot.start(options);
  ({ client, channel } = await startTestWhatsApp(testBot, { client: fake }));
}

const IVAN = "77012345678@c.us";
const LID = "204157826093105@lid";

function chatWith(waId = IVAN, contactNumber: string | null = null): WhatsAppTestChat {
  return new WhatsAppTestChat(client, channel, waId, contactNumber);
}

/** The bot's text followed by its numbered options, as WhatsApp shows them. */
function listed(text: string, ...labels: string[]): string {
  return `${text}\n\n${labels.map((label, index) => `${index + 1}. ${label}`).join("\n")}`;
}

/** A reply as WhatsApp shows it: Telegram's buttons become the numbered options. */
function asListed(reply: { text: string; buttons?: string[][] }): string {
  return listed(reply.text, ...(reply.buttons ?? []).flat());
}

const NAV = navigation("ru");
const USE_THIS_NUMBER = t("ru", "whatsapp-use-this-number", { phone: PHONE.shown });
const WHO = asListed(R.askWho);
const IIN_SELF = asListed(R.askIinSelf);
const NAME_SELF = asListed(R.askNameSelf);
const PHONE_WITH_OWN = listed(R.askPhone.text, USE_THIS_NUMBER, ...NAV);
const PHONE_WITHOUT_OWN = listed(R.askPhone.text, ...NAV);
const SERVICE_LIST = asListed(R.askService);
const CHOOSE_1_TO_3 = t("ru", "whatsapp-choose-number", { count: 3 });
const TEXT_ONLY = t("ru", "whatsapp-text-only");

/** Russian, consent, no third parties: the chat is asked who is coming. */
async function toWho(chat: WhatsAppTestChat): Promise<void> {
  await chat.send("/start");
  await chat.send("2"); // Русский
  await chat.send("2"); // ✅ Согласен(на)
  expect(await chat.send("2")).toEqual([R.thirdPartyDeclined.text, WHO]); // Нет, не передавать
}

async function toPhone(chat: WhatsAppTestChat): Promise<string[]> {
  await toWho(chat);
  await chat.send("1");
  await chat.send("900101300126");
  return chat.send("Иванов Иван Иванович");
}

/** From the phone question to the booking, answering by numbers. */
async function bookFromPhone(chat: WhatsAppTestChat, time = "1"): Promise<string[]> {
  await chat.send("1"); // own number
  return bookFromService(chat, time);
}

/** From the service question to the booking: Ахметова on Wednesday 2 December. */
async function bookFromService(chat: WhatsAppTestChat, time = "1"): Promise<string[]> {
  await chat.send("1"); // Консультация педиатра
  await chat.send("2"); // Ахметова (1 is "any specialist")
  await chat.send("3"); // ср, 2 декабря (1 is the earliest time, 2 Tuesday)
  await chat.send(time); // 14:00 (1) or 14:30 (2)
  return chat.send("1"); // ✅ Подтвердить
}

describe("numbered lists and answers", () => {
  test("the very first message, whatever it says, opens the dialogue as /start does; the keyboard is a numbered list", async () => {
    await setUp();
    const chat = chatWith();

    expect(await chat.send("Здравствуйте! Хочу записаться")).toEqual([asListed(WELCOME_CHOOSE_LANGUAGE)]);
    expect(await chat.send("2")).toEqual([R.welcome.text, asListed(R.policyWithConsent)]);
  });

  test("a number outside the list is refused with the range, and the question stays open", async () => {
    await setUp();
    const chat = chatWith();
    await toWho(chat);

    expect(await chat.send("4")).toEqual([CHOOSE_1_TO_3]);
    expect(await chat.send("0")).toEqual([CHOOSE_1_TO_3]);
    expect(await chat.send("1")).toEqual([IIN_SELF]);
    // Where an answer is typed, a short number is that answer, and the dialogue says what is wrong with it.
    expect(await chat.send("5")).toEqual([t("ru", "iin-error-format"), IIN_SELF]);
    expect(await chat.send("900101300126")).toEqual([NAME_SELF]);
  });

  test("an option's text works as well as its number; text that is no option asks for a number", async () => {
    await setUp();
    const chat = chatWith();
    await toWho(chat);

    expect(await chat.send("не знаю")).toEqual([CHOOSE_1_TO_3]);
    expect(await chat.send("я САМ(А)")).toEqual([IIN_SELF]);
    expect(await chat.send("назад")).toEqual([WHO]);
    expect(await chat.send("сам")).toEqual([IIN_SELF]);
    expect(await chat.send("назад")).toEqual([WHO]);
    expect(await chat.send("Я сам(а)")).toEqual([IIN_SELF]);
    expect(await chat.send("прервать запись")).toEqual([R.bookingCancelled.text]);
  });

  test("the refusal speaks the chat's language", async () => {
    await setUp();
    const chat = chatWith();
    await chat.send("/start");
    await chat.send("1"); // Қазақша
    expect(await chat.send("9")).toEqual([t("kk", "whatsapp-choose-number", { count: 3 })]);
    expect(await chat.send("2")).toEqual([asListed(K.thirdParty)]);
  });

  test("commands are typed as in Telegram: /help in the middle of a step, then the same question", async () => {
    await setUp();
    const chat = chatWith();
    await toWho(chat);
    expect(await chat.send("/help")).toEqual([R.help.text, WHO]);
    expect(await chat.send("/book")).toEqual([listed(t("ru", "booking-leave-question"), t("ru", "button-dialogue-continue"), t("ru", "button-dialogue-leave-for-book"))]);
    expect(await chat.send("1")).toEqual([WHO]);
  });

  test("options of several messages in one reply are numbered on; each booking's move and cancel options act on that booking", async () => {
    await setUp();
    const chat = chatWith();
    await toPhone(chat);
    await bookFromPhone(chat, "1");
    await chat.send("/book");
    await chat.send("1"); // Я сам(а): saved, nothing typed
    await bookFromService(chat, "1"); // 14:00 is taken now: the first time is 14:30
    await testBot.staffMessages();

    const item = (number: string, time: string) =>
      appointmentItem("ru", { number, date: "ср, 2 декабря", time, service: SERVICES.pediatrician.ru, doctor: DOCTORS.akhmetova.name.ru, patient: IVANOV_STAFF.patient });
    const moveThis = t("ru", "button-move-booking");
    const cancelThis = t("ru", "button-cancel-booking");
    expect(await chat.send("/appointments")).toEqual([
      t("ru", "appointments-heading", { count: 2 }),
      `${item("B00001", "14:00")}\n\n1. ${moveThis}\n2. ${cancelThis}`,
      `${item("B00002", "14:30")}\n\n3. ${moveThis}\n4. ${cancelThis}`,
    ]);
    expect(await chat.send("отменить эту запись")).toEqual([t("ru", "whatsapp-choose-number", { count: 4 })]);

    expect(await chat.send("4")).toEqual([
      listed(t("ru", "appointment-cancel-confirm", { details: item("B00002", "14:30") }), t("ru", "button-cancel-booking-yes"), t("ru", "button-cancel-booking-no")),
    ]);
    expect(await chat.send("1")).toEqual([t("ru", "appointment-cancelled", { number: "B00002" })]);
    expect(rows(testBot, "select number, status from bookings order by number")).toEqual([
      { number: "B00001", status: "booked" },
      { number: "B00002", status: "cancelled" },
    ]);
    const staff = await testBot.staffMessages();
    expect(staff.at(-1)).toBe(staffMessage("cancelled", { ...IVANOV_STAFF, number: "B00002", time: "14:30" }, "whatsapp"));
  });
});

describe("what is not a private text message", () => {
  test("a photo, video, file, voice or audio message, sticker, location or contact card gets a polite 'please answer in text', and the open question still takes its answer", async () => {
    await setUp();
    const chat = chatWith();
    await toWho(chat);

    for (const type of ["image", "video", "document", "ptt", "audio", "sticker", "location", "vcard"]) {
      expect(await chat.receive({ type, body: "" }), type).toEqual([TEXT_ONLY]);
    }
    expect(await chat.send("1")).toEqual([IIN_SELF]);
  });

  test("in a Kazakh chat the answer is Kazakh; from a stranger it is Russian and nothing is stored", async () => {
    await setUp();
    const kazakh = chatWith();
    await kazakh.send("/start");
    await kazakh.send("1");
    expect(await kazakh.receive({ type: "ptt" })).toEqual([t("kk", "whatsapp-text-only")]);

    const stranger = chatWith("77770001122@c.us");
    expect(await stranger.receive({ type: "image" })).toEqual([TEXT_ONLY]);
    expect(count(testBot, "whatsapp_chats")).toBe(1);
  });

  test("groups, status updates, broadcasts, the fund's own messages and system notices are ignored entirely", async () => {
    await setUp();
    client.receive({ from: "120363025246125486@g.us", body: "/start" });
    client.receive({ from: "status@broadcast", body: "Всем привет", isStatus: true });
    client.receive({ from: "77012345678@c.us", body: "/start", broadcast: true });
    client.receive({ from: "1234567890@broadcast", body: "/start" });
    client.receive({ from: "120363111111111111@newsletter", body: "/start" });
    client.receive({ from: IVAN, body: "/start", fromMe: true });
    client.receive({ from: IVAN, type: "e2e_notification" });
    client.receive({ from: IVAN, type: "call_log" });
    client.receive({ from: IVAN, body: "   " });
    await channel.idle();

    expect(client.sent).toEqual([]);
    expect(count(testBot, "whatsapp_chats")).toBe(0);
  });
});

describe("the sender's own number at the phone step", () => {
  test("a '…@c.us' sender is offered their number; choosing it records it as confirmed", async () => {
    await setUp();
    const chat = chatWith(IVAN);
    expect(await toPhone(chat)).toEqual([PHONE_WITH_OWN]);
    expect(await chat.send("1")).toEqual([R.phoneSaved(PHONE.shown).text, SERVICE_LIST]);
    expect(await bookFromPhoneAfterService(chat)).toEqual([booked("ru", { number: "B00001", ...IVANOV_BOOKED }).text]);
    expect(rows(testBot, "select phone_confirmed from patient_links")).toEqual([{ phone_confirmed: 1 }]);
  });

  test("a '…@lid' sender whose contact carries the number is offered it, and every answer goes to the '…@lid' id", async () => {
    await setUp();
    const chat = chatWith(LID, "77012345678");
    expect(await toPhone(chat)).toEqual([PHONE_WITH_OWN]);
    expect(await chat.send(USE_THIS_NUMBER)).toEqual([R.phoneSaved(PHONE.shown).text, SERVICE_LIST]);
    expect(new Set(client.sent.map((message) => message.chatId))).toEqual(new Set([LID]));
  });

  test("a '…@lid' sender whose number WhatsApp does not tell is simply asked for it, like any other answer", async () => {
    await setUp();
    const chat = chatWith(LID, null);
    expect(await toPhone(chat)).toEqual([PHONE_WITHOUT_OWN]);
    expect(await chat.send("1")).toEqual([NAME_SELF]); // "1" is "← Назад" here
    expect(await chat.send("Иванов Иван Иванович")).toEqual([PHONE_WITHOUT_OWN]);
    expect(await chat.send("+7 701 234 56 78")).toEqual([R.phoneSaved(PHONE.shown).text, SERVICE_LIST]);
    await bookFromPhoneAfterService(chat);
    expect(rows(testBot, "select phone_confirmed from patient_links")).toEqual([{ phone_confirmed: 0 }]);
  });

  test("a contact lookup that fails, or a privacy id's digits as 'number', offers nothing", async () => {
    await setUp();
    const failing = chatWith(LID);
    client.receive({ from: LID, body: "/start", getContact: () => Promise.reject(new Error("Evaluation failed")) } as never);
    await channel.idle();
    failing.replies();
    await failing.send("2");
    await failing.send("2");
    await failing.send("2");
    await failing.send("1");
    await failing.send("900101300126");
    expect(await failing.send("Иванов Иван Иванович")).toEqual([PHONE_WITHOUT_OWN]);

    const lidDigits = chatWith("999888777666555@lid", "999888777666555");
    expect(await toPhone(lidDigits)).toEqual([PHONE_WITHOUT_OWN]);
  });
});

async function bookFromPhoneAfterService(chat: WhatsAppTestChat): Promise<string[]> {
  await chat.send("1");
  await chat.send("2");
  await chat.send("3");
  expect(await chat.send("1")).toEqual([asListed(summary("ru", IVANOV_SUMMARY))]);
  return chat.send("1");
}

describe("beside Telegram, in one process and one database", () => {
  test("a Telegram patient and a WhatsApp patient book; the Telegram staff group hears of both, each marked with its channel", async () => {
    await setUp();
    const telegramChat = await chatAt(testBot, "phone", 101);
    await telegramChat.shareContact("77012345678");
    await finishBooking(telegramChat, "service");

    const whatsappChat = chatWith(IVAN);
    await toPhone(whatsappChat);
    await bookFromPhone(whatsappChat, "2");

    expect(await testBot.staffMessages()).toEqual([
      staffMessage("booked", IVANOV_STAFF, "telegram"),
      // Both chats claim Ivan's IIN as "myself": the second alert says so, for reception to check the document.
      `${staffMessage("booked", { ...IVANOV_STAFF, number: "B00002", time: "15:00" }, "whatsapp")}\n${t("ru", "staff-iin-claimed-elsewhere")}`,
    ]);
    // Alerts go to the Telegram staff group only, never to a WhatsApp chat.
    expect(testBot.sent.filter((message) => message.chatId === STAFF_CHAT_ID)).toHaveLength(2);
    expect(client.sent.every((message) => message.chatId === IVAN)).toBe(true);
    expect(rows(testBot, "select channel from accounts order by channel")).toEqual([{ channel: "telegram" }, { channel: "whatsapp" }]);
  });

  test("neither the database file, its WAL nor the log holds the WhatsApp id, the number or what was typed", async () => {
    await setUp(new FakeWhatsAppClient(), { file: true });
    const chat = chatWith(LID, "77012345678");
    await toPhone(chat);
    await bookFromPhone(chat);
    await testBot.staffMessages();
    const files = [testBot.databasePath, `${testBot.databasePath}-wal`].filter(existsSync).map((path) => readFileSync(path));
    const log = testBot.logLines.join("");
    expect(log).toContain("booking confirmed");
    for (const secret of ["204157826093105", "77012345678", "7012345678", "900101300126", "Иванов Иван"]) {
      for (const file of files) expect(file.includes(Buffer.from(secret, "utf8")), secret).toBe(false);
      expect(log.includes(secret), secret).toBe(false);
    }
    checkpoint(testBot.app.store.db);
    expect(readFileSync(testBot.databasePath).includes(Buffer.from("204157826093105"))).toBe(false);
  });

  test("messages the bot starts itself (policy notices) reach the WhatsApp chat through the registered API", async () => {
    await setUp();
    const chat = chatWith(LID);
    await chat.send("/start");
    const numericId = testBot.app.store.whatsappChats.findNumericId(LID)!;
    const api = testBot.app.channelApis.get("whatsapp")!;
    await api.sendMessage(numericId, "Опубликована новая версия политики.");
    expect(chat.replies()).toEqual(["Опубликована новая версия политики."]);
  });

  test("a booking made on WhatsApp and cancelled by staff in the Telegram group is told to the patient on WhatsApp", async () => {
    await setUp();
    const staff = new StaffGroup(testBot);
    staff.members.add(501);
    const chat = chatWith(LID, "77012345678");
    await toPhone(chat);
    await bookFromPhone(chat);
    chat.replies();

    await staff.press(501, "B00001", t("ru", "button-staff-cancel"));
    expect((await staff.press(501, "B00001", t("ru", "cancel-reason-clinic_closed")))?.text).toBe(t("ru", "staff-cancelled-patient-told"));
    expect(chat.replies()).toEqual([
      listed(
        t("ru", "patient-cancelled-by-clinic-rebook", {
          number: "B00001",
          when: "ср, 2 декабря, 14:00",
          service: SERVICES.pediatrician.ru,
          doctor: DOCTORS.akhmetova.name.ru,
          reason: t("ru", "cancel-reason-clinic_closed"),
        }),
        t("ru", "button-rebook"),
      ),
    ]);
    expect(client.sent.every((message) => message.chatId === LID)).toBe(true);
  });
});

describe("reminders on WhatsApp", () => {
  test("'Перенести' under the reminder moves the booking with numbered answers only, to the same number", async () => {
    await setUp();
    const chat = chatWith(LID, "77012345678");
    await toPhone(chat);
    await bookFromPhone(chat);
    testBot.clock.set("2026-12-01T09:00:00.000Z"); // Tuesday 14:00 Almaty, 24 hours before the visit
    expect(await sendDueReminders(testBot.app)).toBe(1);
    chat.replies();

    const [intro, doctors] = await chat.send("2"); // Перенести
    expect(intro).toBe(
      t("ru", "move-intro", {
        details: t("ru", "move-booking", { number: "B00001", when: "ср, 2 декабря, 14:00", service: SERVICES.pediatrician.ru, doctor: DOCTORS.akhmetova.name.ru, patient: "Иванов Иван Иванович" }),
      }),
    );
    expect(doctors).toContain(`2. ${doctorButton(DOCTORS.akhmetova, "ru")}`);
    const [days] = await chat.send("2"); // Ахметова
    expect(days).toContain("3. чт, 3 декабря"); // 1 is the earliest time, 2 Wednesday: Tuesday's times have passed
    await chat.send("3");
    const [summary] = await chat.send("2"); // 09:30 (1 is 09:00)
    expect(summary).toContain(t("ru", "button-move-confirm"));
    expect(await chat.send("1")).toEqual([t("ru", "move-done", { number: "B00001", when: "чт, 3 декабря, 09:30" })]);
    expect(rows(testBot, "select b.number, s.starts_at as startsAt from bookings b join slots s on s.id = b.slot_id")).toEqual([{ number: "B00001", startsAt: "2026-12-03T04:30:00.000Z" }]);
  });

  test("a course of ten sessions is booked with numbered answers only, and /appointments lists it as one entry with its own numbered options", async () => {
    await setUp();
    const chat = chatWith(IVAN);
    await toPhone(chat);
    await chat.send("1"); // own number
    await chat.send("6"); // Курс ЛФК (10 занятий): one instructor, so the first day comes next
    const [days] = await chat.send("2"); // ср, 2 декабря (1 is the earliest time)
    expect(days).toContain("1. 09:00");
    const [plan] = await chat.send("1"); // 09:00
    expect(plan).toContain("10. вт, 5 января, 09:00");
    expect(plan).toContain(`1. ${t("ru", "button-confirm-course")}`);
    const [booked] = await chat.send("1");
    expect(booked).toContain(t("ru", "course-booked-session", { number: 10, when: "вт, 5 января, 09:00", booking: "B00010" }));
    expect(count(testBot, "bookings")).toBe(10);

    const [heading, course] = await chat.send("/appointments");
    expect(heading).toBe(t("ru", "appointments-heading", { count: 1 }));
    expect(course).toContain(`4. ${t("ru", "button-course-cancel-rest")}`);
    const [question] = await chat.send("4");
    expect(question).toContain(t("ru", "course-cancel-rest-question", { service: SERVICES.exerciseCourse.ru, count: 10 }));
    expect(await chat.send("1")).toEqual([t("ru", "course-cancelled-rest", { count: 10 })]);
    expect(count(testBot, "bookings where status = 'cancelled'")).toBe(10);
  });

  test("the day-before reminder reaches the WhatsApp chat with numbered options, and '1' (Приду) records the visit as confirmed", async () => {
    await setUp();
    const chat = chatWith(LID, "77012345678");
    await toPhone(chat);
    await bookFromPhone(chat);
    chat.replies();

    testBot.clock.set("2026-12-01T09:00:00.000Z"); // Tuesday 14:00 Almaty, 24 hours before the visit
    expect(await sendDueReminders(testBot.app)).toBe(1);
    const reminder = t("ru", "reminder", {
      number: "B00001",
      patient: "Иванов Иван Иванович",
      date: "ср, 2 декабря",
      time: "14:00",
      service: SERVICES.pediatrician.ru,
      doctor: DOCTORS.akhmetova.name.ru,
      address: CLINIC.address.ru,
    });
    expect(chat.replies()).toEqual([listed(reminder, t("ru", "button-reminder-come"), t("ru", "button-reminder-move"), t("ru", "button-reminder-cancel"))]);
    expect(await chat.send("1")).toEqual([t("ru", "reminder-confirmed", { date: "ср, 2 декабря", time: "14:00" })]);
    expect(rows<{ status: string }>(testBot, "select status from bookings")).toEqual([{ status: "confirmed" }]);
    expect(client.sent.every((message) => message.chatId === LID)).toBe(true);
  });
});

describe("the Bot API subset WhatsApp carries", () => {
  async function knownChat(): Promise<{ chat: WhatsAppTestChat; id: number }> {
    const chat = chatWith(IVAN);
    await chat.send("/start");
    chat.replies();
    return { chat, id: testBot.app.store.whatsappChats.findNumericId(IVAN)! };
  }

  test("a method the channel does not carry fails loudly and at once, naming the method (404, as Telegram for an unknown method)", async () => {
    await setUp();
    const { id } = await knownChat();
    const api = channel.bot.api;
    const failure = await api.sendPhoto(id, "https://example.kz/photo.jpg").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GrammyError);
    expect((failure as GrammyError).error_code).toBe(404);
    expect((failure as GrammyError).description).toBe('The whatsapp channel cannot carry the Bot API method "sendPhoto"');
  });

  test("text arrives as the bot wrote it, stars and underscores included; formatted text is refused loudly, not sent as markup", async () => {
    await setUp();
    const { chat, id } = await knownChat();
    await channel.bot.api.sendMessage(id, "ИИН: 9001******26, файл my_data.json");
    expect(chat.replies()).toEqual(["ИИН: 9001******26, файл my_data.json"]);

    for (const formatting of [{ parse_mode: "HTML" as const }, { entities: [{ type: "bold" as const, offset: 6, length: 6 }] }]) {
      const failure = await channel.bot.api.sendMessage(id, "Номер <b>B00001</b>", formatting).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(GrammyError);
      expect((failure as GrammyError).error_code).toBe(404);
      expect((failure as GrammyError).description).toBe('The whatsapp channel cannot carry the Bot API method "sendMessage with formatting (parse_mode, entities)"');
    }
    expect(chat.replies()).toEqual([]);
  });

  test("the full policy arrives whole; a text longer than the limit arrives in parts, cut between lines, nothing lost", async () => {
    await setUp();
    const chat = chatWith();
    await chat.send("/start");
    await chat.send("2");
    const [policy, question] = await chat.send("1"); // 📄 Читать полностью
    expect(policy).toBe(policyInForceNow(testBot.app).text.ru);
    expect(question).toBe(asListed(R.consentQuestion));

    const id = testBot.app.store.whatsappChats.findNumericId(IVAN)!;
    const lines = Array.from({ length: 300 }, (_, index) => `${index + 1}) строка политики, достаточно длинная, чтобы текст вышел за предел`);
    await testBot.app.channelApis.get("whatsapp")!.sendMessage(id, lines.join("\n"));
    const parts = chat.replies();
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(WHATSAPP_MESSAGE_LIMIT);
    expect(parts.join("\n")).toBe(lines.join("\n"));
  });

  test("a document arrives as a WhatsApp document after its caption", async () => {
    await setUp();
    const { chat, id } = await knownChat();
    await channel.bot.api.sendDocument(id, new InputFile(Buffer.from('{"a":1}'), "my-data.json"), { caption: "Ваши данные" });
    expect(chat.replies()).toEqual(["Ваши данные"]);
    expect(client.sentFiles).toEqual([
      { chatId: IVAN, media: { mimetype: "application/json", data: Buffer.from('{"a":1}').toString("base64"), filename: "my-data.json" }, options: { sendMediaAsDocument: true } },
    ]);
  });
});

describe("the connection", () => {
  test("after 'disconnected' the client is initialised again, and the next message is answered", async () => {
    await setUp();
    expect(client.initializeCalls).toBe(1);
    expect(channel.connection.ready).toBe(true);

    client.disconnect("NAVIGATION");
    expect(channel.connection.ready).toBe(false);
    await vi.waitFor(() => expect(client.initializeCalls).toBe(2));
    await vi.waitFor(() => expect(channel.connection.ready).toBe(true));
    expect(client.destroyCalls).toBeGreaterThanOrEqual(1);
    expect(testBot.logLines.join("")).toContain("WhatsApp disconnected; reconnecting");

    expect(await chatWith().send("/start")).toEqual([asListed(WELCOME_CHOOSE_LANGUAGE)]);
  });

  test("a logout is logged as needing the device linked again, and a new link is attempted", async () => {
    await setUp();
    client.disconnect("LOGOUT");
    await vi.waitFor(() => expect(client.initializeCalls).toBe(2));
    const log = testBot.logLines.join("");
    expect(log).toContain("WhatsApp logged this device out: it must be linked again");
    expect(log).toMatch(/"level":50/);
  });

  test("while WhatsApp is down, a message the bot starts itself fails at once instead of waiting, and goes out once it is back", async () => {
    const fake = new FakeWhatsAppClient();
    testBot = await TestBot.start();
    ({ client, channel } = await startTestWhatsApp(testBot, { client: fake }));
    const chat = chatWith(LID);
    await chat.send("/start");
    chat.replies();
    const id = testBot.app.store.whatsappChats.findNumericId(LID)!;
    const api = testBot.app.channelApis.get("whatsapp")!;

    client.readyOnInitialize = false;
    client.disconnect("TIMEOUT");
    const failure = await api.sendMessage(id, "Опубликована новая версия политики.").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GrammyError);
    expect((failure as GrammyError).description).toBe("WhatsApp is not connected; the message was not sent");
    expect(chat.replies()).toEqual([]);

    await vi.waitFor(() => expect(client.initializeCalls).toBe(2));
    client.emit("ready");
    await api.sendMessage(id, "Опубликована новая версия политики.");
    expect(chat.replies()).toEqual(["Опубликована новая версия политики."]);
  });

  test("a QR code request is logged once with what to do, a failed start is retried, and stop() ends the retries", async () => {
    const fake = new FakeWhatsAppClient();
    fake.initializeError = new Error("Failed to launch the browser process! spawn /usr/bin/chromium ENOENT");
    fake.readyOnInitialize = false;
    testBot = await TestBot.start();
    ({ client, channel } = await startTestWhatsApp(testBot, { client: fake, reconnectDelay: () => 5 }));

    await vi.waitFor(() => expect(client.initializeCalls).toBeGreaterThanOrEqual(3));
    expect(testBot.logLines.join("")).toContain("WhatsApp could not start (is Chromium installed at PUPPETEER_EXECUTABLE_PATH?)");
    client.initializeError = undefined;
    await vi.waitFor(() => expect(client.initializeCalls).toBeGreaterThanOrEqual(4));
    client.emit("qr", "2@abc");
    client.emit("qr", "2@def");
    expect(testBot.logLines.join("").match(/WhatsApp is not linked/g)).toHaveLength(1);
    client.emit("ready");
    expect(channel.connection.ready).toBe(true);

    await channel.stop();
    const calls = client.initializeCalls;
    client.disconnect("CONFLICT");
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(client.initializeCalls).toBe(calls);
  });

  test("stop() does not wait for ever on a reply stuck while WhatsApp is down", async () => {
    await setUp();
    const chat = chatWith(IVAN);
    await chat.send("/start");
    client.readyOnInitialize = false;
    client.disconnect("TIMEOUT");
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      client.receive({ from: IVAN, body: "2" }); // its reply now waits for WhatsApp, retried by auto-retry
      const stopped = channel.stop();
      await vi.advanceTimersByTimeAsync(5_000);
      await stopped;
    } finally {
      vi.useRealTimers();
    }
    expect(client.destroyCalls).toBeGreaterThanOrEqual(2);
  });

  test("the back-off doubles from 5 seconds up to 5 minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(defaultReconnectDelay)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });

  test("a message WhatsApp does not take is logged without its text or the chat id, and is sent again once WhatsApp takes it", async () => {
    await setUp();
    const chat = chatWith(IVAN);
    client.sendError = new Error("Evaluation failed: chat 77012345678@c.us not found");
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      client.receive({ from: IVAN, body: "/start" });
      await vi.waitFor(() => expect(testBot.logLines.join("")).toContain("WhatsApp did not take a message"));
      const log = testBot.logLines.join("");
      expect(log).not.toContain("77012345678");
      expect(log).not.toContain("Сәлеметсіз");

      // grammY's auto-retry tries again after 3 seconds, the way it rides out a Telegram outage.
      client.sendError = undefined;
      await vi.advanceTimersByTimeAsync(3_000);
      await channel.idle();
    } finally {
      vi.useRealTimers();
    }
    expect(chat.replies()).toEqual([asListed(WELCOME_CHOOSE_LANGUAGE)]);
    expect(await chat.send("2")).toEqual([R.welcome.text, asListed(R.policyWithConsent)]);
  });
});
