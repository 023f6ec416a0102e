import { afterEach, describe, expect, test } from "vitest";
import { chatAt, finishBooking, startIn, IVANOV, IVANOV_BOOKED, IVANOV_STAFF, IVANOV_SUMMARY, type Step } from "../support/booking";
import { count, rows } from "../support/database";
import { ALIYA, DOCTORS, SERVICES } from "../support/fixtures";
import { noticesOf, TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { askDay, askTime, booked, K, R, staffMessage, summary } from "../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

describe("leaving a booking halfway", () => {
  test.each<Step>(["who", "iin", "name", "phone", "service", "time", "summary"])(
    "/cancel at the %s step drops the draft, and /book starts afresh",
    async (step) => {
      testBot = await TestBot.start();
      const chat = await chatAt(testBot, step);
      expect(count(testBot, "conversation_states")).toBe(1);

      expect(await chat.send("/cancel")).toEqual([R.bookingCancelled]);
      expect(count(testBot, "conversation_states")).toBe(0);
      expect(count(testBot, "bookings")).toBe(0);
      expect(count(testBot, "patients")).toBe(0);
      expect(await chat.send("/cancel")).toEqual([R.nothingToCancel]);
      expect(await chat.send("9001 0130 0126")).toEqual([{ text: t("ru", "fallback") }]);

      expect(await chat.send("/book")).toEqual([R.askWho]);
      await finishBooking(chat, "who");
      expect(await testBot.staffMessages()).toHaveLength(1);
    },
  );

  test("/cancel while the consent question is open ends the dialogue without recording any consent", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 101 });
    await chat.send("/start");
    await chat.press("Русский");

    expect(await chat.send("/cancel")).toEqual([R.bookingCancelled]);
    expect(count(testBot, "conversation_states")).toBe(0);
    expect(count(testBot, "accounts")).toBe(0);
    expect(count(testBot, "consents")).toBe(0);
    expect(await chat.send("/start")).toEqual([R.welcome, R.policyWithConsent]);
  });

  test("leaving an unfinished booking and cancelling an appointment are different words, in both languages", () => {
    expect([t("ru", "button-cancel"), t("ru", "button-cancel-booking")]).toEqual(["✖ Прервать запись", "Отменить эту запись"]);
    expect([t("kk", "button-cancel"), t("kk", "button-cancel-booking")]).toEqual(["✖ Жазылуды тоқтату", "Бұл жазылудан бас тарту"]);
  });

  test.each<Step>(["who", "iin", "name", "service", "doctor", "day", "time", "summary"])(
    "the inline '✖ Прервать запись' button at the %s step drops the draft just like /cancel",
    async (step) => {
      testBot = await TestBot.start();
      const chat = await chatAt(testBot, step);
      const notices = noticesOf(testBot, chat).length;

      expect(await chat.press("✖ Прервать запись")).toEqual([R.bookingCancelled]);
      expect(noticesOf(testBot, chat)).toHaveLength(notices);
      expect(count(testBot, "conversation_states")).toBe(0);
      expect(count(testBot, "bookings")).toBe(0);
      expect(await chat.send("/cancel")).toEqual([R.nothingToCancel]);
    },
  );

  test("the '✖ Прервать запись' key of the phone keyboard drops the draft and removes the keyboard", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "phone");

    expect(await chat.send("✖ Прервать запись")).toEqual([R.bookingCancelled]);
    expect(count(testBot, "conversation_states")).toBe(0);
  });

  test("/cancel with no booking in progress says there is nothing to cancel, before and after a booking", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 101 });

    expect(await chat.send("/cancel")).toEqual([R.nothingToCancel]);
    await chat.send("/start");
    expect(await chat.send("/cancel")).toEqual([R.nothingToCancel]);

    await chat.press("Русский");
    await chat.press("✅ Согласен(на)");
    await chat.press("Нет, не передавать");
    await finishBooking(chat, "who");
    expect(await chat.send("/cancel")).toEqual([R.nothingToCancel]);
    expect(rows(testBot, "select status from bookings")).toEqual([{ status: "booked" }]);
  });
});

describe("going back", () => {
  test("'← Назад' at every step returns to the previous question, and nothing given before is lost", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "iin");

    expect(await chat.press("← Назад")).toEqual([R.askWho]);
    expect(await chat.press("Я сам(а)")).toEqual([R.askIinSelf]);
    expect(await chat.send(IVANOV.iin)).toEqual([R.askNameSelf]);

    expect(await chat.press("← Назад")).toEqual([R.askIinSelf]);
    expect(await chat.send(IVANOV.iin)).toEqual([R.askNameSelf]);
    expect(await chat.send(IVANOV.name)).toEqual([R.askPhone]);

    // The phone question has a reply keyboard, whose back key arrives as typed text.
    expect(await chat.send("← Назад")).toEqual([R.askNameSelf]);
    expect(await chat.send(IVANOV.name)).toEqual([R.askPhone]);
    expect(await chat.send(IVANOV.phone)).toEqual([R.phoneSaved("+7 701 234 56 78"), R.askService]);

    expect(await chat.press("← Назад")).toEqual([R.askPhone]);
    expect(await chat.shareContact("77012345678")).toEqual([R.phoneSaved("+7 701 234 56 78"), R.askService]);
    expect(await chat.press(IVANOV.service)).toEqual([R.askDoctorPediatrician]);

    expect(await chat.press("← Назад")).toEqual([R.askService]);
    expect(await chat.press(IVANOV.service)).toEqual([R.askDoctorPediatrician]);
    expect(await chat.press(IVANOV.doctor!)).toEqual([R.askDayAkhmetova]);

    expect(await chat.press("← Назад")).toEqual([R.askDoctorPediatrician]);
    expect(await chat.press(IVANOV.doctor!)).toEqual([R.askDayAkhmetova]);
    expect(await chat.press(IVANOV.day)).toEqual([R.askTimeAkhmetovaWed2]);

    expect(await chat.press("← Назад")).toEqual([R.askDayAkhmetova]);
    expect(await chat.press(IVANOV.day)).toEqual([R.askTimeAkhmetovaWed2]);
    expect(await chat.press(IVANOV.time)).toEqual([summary("ru", IVANOV_SUMMARY)]);

    expect(await chat.press("← Назад")).toEqual([R.askTimeAkhmetovaWed2]);
    expect(await chat.press(IVANOV.time)).toEqual([summary("ru", IVANOV_SUMMARY)]);
    await finishBooking(chat, "summary");
  });

  test("'← Назад' from the representative question returns to the child's IIN, and from the name to the representative question", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "who");
    await chat.press("Другой человек (например, мой ребёнок)");

    expect(await chat.send("150505600341")).toEqual([R.askRepresentative]);
    expect(await chat.press("← Назад")).toEqual([R.askIinOther]);
    expect(await chat.send("150505600341")).toEqual([R.askRepresentative]);
    expect(await chat.press("Да, я родитель / законный представитель")).toEqual([R.askNameOther]);
    expect(await chat.press("← Назад")).toEqual([R.askRepresentative]);
    expect(await chat.press("Да, я родитель / законный представитель")).toEqual([R.askNameOther]);
    expect(await chat.press("← Назад")).toEqual([R.askRepresentative]);
    expect(await chat.press("← Назад")).toEqual([R.askIinOther]);
    expect(await chat.press("← Назад")).toEqual([R.askWho]);
  });

  test("in Kazakh the phone keyboard's '← Артқа' key returns to the name question", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 105 });
    await chat.send("/start");
    await chat.press("Қазақша");
    await chat.press("✅ Келісемін");
    await chat.press("Жоқ, бермеңіз");
    await chat.press("Өзім");
    await chat.send(IVANOV.iin);
    expect(await chat.send(IVANOV.name)).toEqual([K.askPhone]);

    expect(await chat.send("← Артқа")).toEqual([K.askNameSelf]);
    expect(await chat.send(IVANOV.name)).toEqual([K.askPhone]);
  });
});

describe("changing something on the summary", () => {
  test("'✏️ Изменить' opens the change menu, and '← Назад' there returns to the same summary", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");

    expect(await chat.press("✏️ Изменить")).toEqual([R.askChange]);
    expect(await chat.press("← Назад")).toEqual([summary("ru", IVANOV_SUMMARY)]);
    await finishBooking(chat, "summary");
  });

  test("'← Назад' from the question being changed returns to the change menu, and from there to the summary", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");

    await chat.press("✏️ Изменить");
    expect(await chat.press("ФИО")).toEqual([R.askNameSelf]);
    expect(await chat.press("← Назад")).toEqual([R.askChange]);
    expect(await chat.press("← Назад")).toEqual([summary("ru", IVANOV_SUMMARY)]);
    await finishBooking(chat, "summary");
  });

  test("changing the name asks only for the name and goes straight back to the summary with the new name", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");

    await chat.press("✏️ Изменить");
    expect(await chat.press("ФИО")).toEqual([R.askNameSelf]);
    expect(await chat.send("Петров Пётр Петрович")).toEqual([summary("ru", { ...IVANOV_SUMMARY, name: "Петров Пётр Петрович" })]);
    await finishBooking(chat, "summary");
    expect(await testBot.staffMessages()).toEqual([
      staffMessage("booked", { ...IVANOV_STAFF, patient: "Петров Пётр Петрович" }),
    ]);
  });

  test("changing the IIN asks only for the IIN and goes straight back to the summary", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");

    await chat.press("✏️ Изменить");
    expect(await chat.press("ИИН")).toEqual([R.askIinSelf]);
    expect(await chat.send("900101300127")).toEqual([{ text: t("ru", "iin-error-checksum") }, R.askIinSelf]);
    expect(await chat.send("010203500771")).toEqual([summary("ru", { ...IVANOV_SUMMARY, iin: "0102******71" })]);
    await finishBooking(chat, "summary");
  });

  test("changing the phone asks only for the phone and goes straight back to the summary", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");

    await chat.press("✏️ Изменить");
    expect(await chat.press("Телефон")).toEqual([R.askPhone]);
    expect(await chat.send("+7 777 123 45 67")).toEqual([
      R.phoneSaved("+7 777 123 45 67"),
      summary("ru", { ...IVANOV_SUMMARY, phone: "+7 777 123 45 67" }),
    ]);
    await finishBooking(chat, "summary");
  });

  test("changing who is coming to another person asks for that person's IIN, name and phone, then shows the summary", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");

    await chat.press("✏️ Изменить");
    expect(await chat.press("Кто придёт")).toEqual([R.askWho]);
    expect(await chat.press("Другой человек (например, мой ребёнок)")).toEqual([R.askIinOther]);
    expect(await chat.send("150505600341")).toEqual([R.askRepresentative]);
    expect(await chat.press("Да, я родитель / законный представитель")).toEqual([R.askNameOther]);
    expect(await chat.send("Иванова Алия Ивановна")).toEqual([R.askPhone]);
    expect(await chat.send("+7 705 765 43 21")).toEqual([
      R.phoneSaved("+7 705 765 43 21"),
      summary("ru", { ...IVANOV_SUMMARY, relation: "child", name: ALIYA.name, iin: ALIYA.maskedIin, phone: "+7 705 765 43 21" }),
    ]);
    await finishBooking(chat, "summary", { booked: { ...IVANOV_BOOKED, other: { name: ALIYA.name, minor: true } } });
  });

  test("changing the service to one with a single specialist asks for the day and time again, and not who the specialist is", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");

    await chat.press("✏️ Изменить");
    expect(await chat.press("Услугу")).toEqual([R.askService]);
    expect(await chat.press("Консультация невролога")).toEqual([R.askDayNurlanov]);
    expect(await chat.press("ср, 2 декабря")).toEqual([R.askTimeNurlanovWed2]);
    expect(await chat.press("14:40")).toEqual([
      summary("ru", { ...IVANOV_SUMMARY, service: SERVICES.neurologist.ru, doctor: DOCTORS.nurlanov.name.ru, when: "ср, 2 декабря, 14:40" }),
    ]);
    expect(await chat.press("✅ Подтвердить")).toEqual([
      booked("ru", { number: "B00001", date: "ср, 2 декабря", time: "14:40", service: SERVICES.neurologist.ru, doctor: DOCTORS.nurlanov.name.ru }),
    ]);
  });

  test("backing out of a half-made service change asks for the missing day, not for everything from the start", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");

    await chat.press("✏️ Изменить");
    await chat.press("Услугу");
    expect(await chat.press("Консультация невролога")).toEqual([R.askDayNurlanov]);
    expect(await chat.press("← Назад")).toEqual([R.askService]);
    expect(await chat.press("← Назад")).toEqual([R.askChange]);
    expect(await chat.press("← Назад")).toEqual([R.askDayNurlanov]);
    expect(await chat.press("ср, 2 декабря")).toEqual([R.askTimeNurlanovWed2]);
  });

  test("choosing the same service again keeps the doctor and time and goes straight back to the summary", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");

    await chat.press("✏️ Изменить");
    await chat.press("Услугу");
    expect(await chat.press("Консультация педиатра")).toEqual([summary("ru", IVANOV_SUMMARY)]);
    await finishBooking(chat, "summary");
  });

  test("changing the doctor asks for the day and time again", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");

    await chat.press("✏️ Изменить");
    expect(await chat.press("Специалиста")).toEqual([R.askDoctorPediatrician]);
    expect(await chat.press("Садыкова Гульнара Ержановна — Врач ультразвуковой диагностики, педиатр")).toEqual([R.askDayAkhmetova]);
    expect(await chat.press("ср, 2 декабря")).toEqual([
      askTime("ru", "в среду, 2 декабря", ["08:00", "08:20", "08:40", "09:00", "09:20", "09:40", "10:00", "10:20", "10:40", "11:00", "11:20", "11:40"]),
    ]);
    expect(await chat.press("08:40")).toEqual([summary("ru", { ...IVANOV_SUMMARY, doctor: DOCTORS.sadykova.name.ru, when: "ср, 2 декабря, 08:40" })]);
    await finishBooking(chat, "summary", { booked: { ...IVANOV_BOOKED, doctor: DOCTORS.sadykova.name.ru, time: "08:40" } });
  });

  test("changing the day and time asks for a day and a time, then shows the summary", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");

    await chat.press("✏️ Изменить");
    expect(await chat.press("День и время")).toEqual([R.askDayAkhmetova]);
    expect(await chat.press("чт, 3 декабря")).toEqual([R.askTimeAkhmetovaThu3]);
    expect(await chat.press("10:00")).toEqual([summary("ru", { ...IVANOV_SUMMARY, when: "чт, 3 декабря, 10:00" })]);
    await finishBooking(chat, "summary", { booked: { ...IVANOV_BOOKED, date: "чт, 3 декабря", time: "10:00" } });
  });

  test("after changing one thing, '✏️ Изменить' on the new summary opens the change menu again for a second change", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");

    await chat.press("✏️ Изменить");
    await chat.press("ФИО");
    expect(await chat.send("Петров Пётр Петрович")).toEqual([summary("ru", { ...IVANOV_SUMMARY, name: "Петров Пётр Петрович" })]);

    expect(await chat.press("✏️ Изменить")).toEqual([R.askChange]);
    expect(await chat.press("Телефон")).toEqual([R.askPhone]);
    expect(await chat.send("+7 777 123 45 67")).toEqual([
      R.phoneSaved("+7 777 123 45 67"),
      summary("ru", { ...IVANOV_SUMMARY, name: "Петров Пётр Петрович", phone: "+7 777 123 45 67" }),
    ]);
    await finishBooking(chat, "summary");
  });
});

describe("typed instead of pressed", () => {
  test("'педиатр' typed at the service question chooses the paediatric consultation, and 'назад' typed goes back", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "service");
    expect(await chat.send("педиатр")).toEqual([R.askDoctorPediatrician]);
    expect(await chat.send("назад")).toEqual([R.askService]);
    expect(await chat.send("консультация")).toEqual([R.answerUseButtons, R.askService]);
  });

  test("in Kazakh, 'артқа' goes back and a service's name typed chooses it", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 101 });
    await startIn(chat, "kk");
    await chat.press(t("kk", "button-who-self"));
    await chat.send(IVANOV.iin);
    await chat.send(IVANOV.name);
    await chat.send(IVANOV.phone);
    expect(await chat.send("невролог")).toEqual([askDay("kk", "сәрсенбі, 2 желтоқсан, 14:00", ["сәрсенбі, 2 желтоқсан", "жұма, 4 желтоқсан", "дүйсенбі, 7 желтоқсан", "сәрсенбі, 9 желтоқсан", "жұма, 11 желтоқсан", "дүйсенбі, 14 желтоқсан"])]);
    expect(await chat.send("Артқа")).toEqual([K.askService]);
  });
});

describe("changing the language in the middle", () => {
  test("/lang at the service question asks the language, then asks the same question again in Kazakh; nothing typed before is lost", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "service");

    expect(await chat.send("/lang")).toEqual([R.chooseLanguage]);
    expect(await chat.press(t("kk", "language-kk"))).toEqual([{ text: t("kk", "language-changed") }, K.askService]);
    // The rest of the booking is in Kazakh, for the person typed in Russian before.
    await chat.press(SERVICES.pediatrician.kk);
    expect(chat.messages().at(-1)!.text).toBe(t("kk", "ask-doctor"));
    expect(rows(testBot, "select locale from chat_preferences")).toHaveLength(1);
  });

  test("the language question's other button, pressed later, switches back, and the open question follows", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "service");
    await chat.send("/lang");
    await chat.press(t("kk", "language-kk"));
    await chat.send("/lang");
    expect(await chat.press(t("ru", "language-ru"))).toEqual([{ text: t("ru", "language-changed") }, R.askService]);
  });
});

describe("/book, /start or /appointments in the middle of a booking", () => {
  test("asks whether to go on: 'Продолжить' asks the open question again, with every answer kept", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "service");
    const question = {
      text: t("ru", "booking-leave-question"),
      buttons: [[t("ru", "button-dialogue-continue")], [t("ru", "button-dialogue-leave-for-book")]],
    };
    expect(await chat.send("/book")).toEqual([question]);
    expect(await chat.send("/start")).toEqual([question]);
    expect(await chat.press(t("ru", "button-dialogue-continue"))).toEqual([R.askService]);
    await finishBooking(chat, "service");
    expect(count(testBot, "bookings")).toBe(1);
  });

  test("'Прервать и начать новую запись' drops the draft and starts a booking afresh", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "service");
    await chat.send("/book");
    expect(await chat.press(t("ru", "button-dialogue-leave-for-book"))).toEqual([R.askWho]);
    await finishBooking(chat, "who");
    expect(count(testBot, "bookings")).toBe(1);
  });

  test("'Прервать и открыть мои записи' drops the draft and lists the bookings", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");
    await finishBooking(chat, "summary");
    await chat.send("/book");
    await chat.press(t("ru", "button-who-self"));
    expect(await chat.send("/appointments")).toEqual([
      { text: t("ru", "booking-leave-question"), buttons: [[t("ru", "button-dialogue-continue")], [t("ru", "button-dialogue-leave-for-appointments")]] },
    ]);
    const listed = await chat.press(t("ru", "button-dialogue-leave-for-appointments"));
    expect(listed[0]).toEqual({ text: t("ru", "appointments-heading", { count: 1 }) });
    expect(count(testBot, "conversation_states")).toBe(0);
  });
});

describe("changing the language after typed answers", () => {
  test("'назад' typed at the specialist question, then /lang: the dialogue replays in Kazakh on the same path and goes on", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "doctor");
    expect(await chat.send("назад")).toEqual([R.askService]);
    await chat.press(SERVICES.pediatrician.ru);
    await chat.send("/lang");
    const switched = await chat.press(t("kk", "language-kk"));
    expect(switched.map((reply) => reply.text)).toEqual([t("kk", "language-changed"), t("kk", "ask-doctor")]);
    // Typed in Kazakh now, the booking goes on with everything typed in Russian before.
    await chat.send("Ахметова");
    expect(chat.messages().at(-1)!.text).toBe(t("kk", "ask-day"));
    expect(count(testBot, "conversation_states")).toBe(1);
  });

  test("the phone keyboard's typed '← Назад', then /lang at the name question, keeps the draft", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "phone");
    expect(await chat.send("← Назад")).toEqual([R.askNameSelf]);
    await chat.send("/lang");
    const switched = await chat.press(t("kk", "language-kk"));
    expect(switched.map((reply) => reply.text)).toEqual([t("kk", "language-changed"), t("kk", "ask-name-self")]);
    await chat.send("Иванов Иван Иванович");
    expect(chat.messages().at(-1)!.text).toBe(t("kk", "ask-phone"));
  });
});
