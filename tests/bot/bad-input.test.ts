import { afterEach, describe, expect, test } from "vitest";
import { answer, chatAt, finishBooking, IVANOV, IVANOV_BOOKED, IVANOV_SUMMARY, promptOf, startIn, stepsOf, type Step } from "../support/booking";
import { count } from "../support/database";
import { ALIYA, CLINIC, IVAN } from "../support/fixtures";
import { noticesOf, sendSticker, TestBot, type Reply, type TestChat } from "../support/harness";
import { t } from "../support/i18n";
import { R } from "../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

const BUTTON_STEPS: Step[] = ["who", "service", "doctor", "day", "time", "summary"];
const TYPING_STEPS: Step[] = ["iin", "name", "phone"];

/**
 * Walks Ivanov's booking from "who is coming" to the summary; at each of `steps` it first does
 * `misstep` and records what came back, then answers properly. Finally confirms the booking, which
 * must still hold exactly Ivanov's details.
 */
async function missteppingAt<T>(steps: Step[], misstep: (chat: TestChat, step: Step) => Promise<T>): Promise<Partial<Record<Step, T>>> {
  const chat = await chatAt(testBot, "who");
  const seen: Partial<Record<Step, T>> = {};
  for (const step of stepsOf(IVANOV)) {
    if (steps.includes(step)) seen[step] = await misstep(chat, step);
    if (step !== "summary") await answer(chat, step);
  }
  await finishBooking(chat, "summary");
  return seen;
}

function expectedAt<T>(steps: Step[], expected: (step: Step) => T): Partial<Record<Step, T>> {
  return Object.fromEntries(steps.map((step) => [step, expected(step)]));
}

describe("a mistyped IIN", () => {
  test.each([
    ["too few digits", "9001 0130 012", t("ru", "iin-error-format")],
    ["a letter among the digits", "90010130012O", t("ru", "iin-error-format")],
    ["a seventh digit that encodes no century", "900101700126", t("ru", "iin-error-century")],
    ["a 13th month", "901301300126", t("ru", "iin-error-date")],
    ["a 30 February", "900230300126", t("ru", "iin-error-date")],
    ["a birth date still to come", "261215500000", t("ru", "iin-error-future")],
    ["a wrong control digit", "900101300127", t("ru", "iin-error-checksum")],
  ])("someone who types an IIN with %s is told what is wrong, asked again, and books with the right one", async (_kind, iin, error) => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "iin");

    expect(await chat.send(iin)).toEqual([{ text: error }, R.askIinSelf]);
    expect(await chat.send("900101-300126")).toEqual([R.askNameSelf]);
    await finishBooking(chat, "name");
  });

  test("someone who tries every kind of wrong IIN in a row still books with the right one", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "iin");

    expect(await chat.send("12345")).toEqual([{ text: t("ru", "iin-error-format") }, R.askIinSelf]);
    expect(await chat.send("900101000126")).toEqual([{ text: t("ru", "iin-error-century") }, R.askIinSelf]);
    expect(await chat.send("900132300126")).toEqual([{ text: t("ru", "iin-error-date") }, R.askIinSelf]);
    expect(await chat.send("270101500000")).toEqual([{ text: t("ru", "iin-error-future") }, R.askIinSelf]);
    expect(await chat.send("900101300120")).toEqual([{ text: t("ru", "iin-error-checksum") }, R.askIinSelf]);
    expect(await chat.send("9001 0130 0126")).toEqual([R.askNameSelf]);
    await finishBooking(chat, "name");
  });
});

describe("an IIN pasted with its label or dots", () => {
  test.each([["ИИН 900101300126"], ["ИИН: 900101300126"], ["ЖСН: 9001.0130.0126"], ["IIN 900101-300126"]])(
    "someone who pastes %s is understood and books with that IIN",
    async (pasted) => {
      testBot = await TestBot.start();
      const chat = await chatAt(testBot, "iin");

      expect(await chat.send(pasted)).toEqual([R.askNameSelf]);
      await finishBooking(chat, "name");
    },
  );
});

/** A Kazakh chat at the question `upTo` of Ivan's booking: the IIN, the name or the phone. */
async function kazakhChatAt(upTo: "iin" | "name" | "phone"): Promise<TestChat> {
  const chat = testBot.chat({ id: 102 });
  await startIn(chat, "kk");
  await chat.press(t("kk", "button-who-self"));
  if (upTo !== "iin") await chat.send(IVAN.iin);
  if (upTo === "phone") await chat.send(IVAN.name);
  chat.replies();
  return chat;
}

describe("an IIN that cannot be a living person's", () => {
  test("someone whose IIN says they were born before 1900 is told so and which digit to check, in Russian", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "iin");

    expect(await chat.send("850723100450")).toEqual([
      { text: "По этому ИИН человек родился до 1900 года — так не бывает. Проверьте, пожалуйста, седьмую цифру: у родившихся в 1900-х это 3 или 4, с 2000 года — 5 или 6." },
      R.askIinSelf,
    ]);
    expect(await chat.send("850723300450")).toEqual([{ text: t("ru", "iin-error-checksum") }, R.askIinSelf]);
    expect(await chat.send(IVANOV.iin)).toEqual([R.askNameSelf]);
    await finishBooking(chat, "name");
  });

  test("the same in Kazakh", async () => {
    testBot = await TestBot.start();
    const chat = await kazakhChatAt("iin");

    expect((await chat.send("850723100450"))[0]).toEqual({
      text: "Бұл ЖСН бойынша адам 1900 жылға дейін туған болып шығады — бұлай болмайды. Жетінші цифрды тексеріңізші: 1900 жылдары туғандарда ол 3 немесе 4, 2000 жылдан бастап туғандарда 5 немесе 6.",
    });
  });
});

describe("a name made of initials", () => {
  test.each([["А Б В"], ["Иванов И И"]])("someone who types %s is asked for the name in full, in Russian, and books with it", async (name) => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "name");

    expect(await chat.send(name)).toEqual([
      { text: "Похоже, это инициалы. Напишите, пожалуйста, фамилию и имя полностью (и отчество, если есть), как в документах." },
      R.askNameSelf,
    ]);
    expect(await chat.send("Иванов Иван Иванович")).toEqual([R.askPhone]);
    await finishBooking(chat, "phone");
  });

  test("the same in Kazakh", async () => {
    testBot = await TestBot.start();
    const chat = await kazakhChatAt("name");

    expect((await chat.send("А Б В"))[0]).toEqual({
      text: "Бұл аты-жөннің бас әріптері сияқты. Тегі мен атын (бар болса, әкесінің атын да) құжаттағыдай толық жазыңызшы.",
    });
  });
});

describe("a minor's IIN", () => {
  test("a teenager booking themself is told a parent must book, goes back, and the parent books for them", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "iin");

    expect(await chat.send("150505600341")).toEqual([{ text: t("ru", "iin-error-minor-self") }, R.askIinSelf]);
    expect(await chat.press("← Назад")).toEqual([R.askWho]);
    expect(await chat.press("Другой человек (например, мой ребёнок)")).toEqual([R.askIinOther]);
    expect(await chat.send("150505600341")).toEqual([R.askRepresentative]);
    expect(await chat.press("Да, я родитель / законный представитель")).toEqual([R.askNameOther]);
    expect(await chat.send("Иванова Алия Ивановна")).toEqual([R.askPhone]);
    await finishBooking(chat, "phone", {
      answers: { ...IVANOV, who: "other", minor: true, iin: ALIYA.iin, name: ALIYA.name },
      summary: { ...IVANOV_SUMMARY, relation: "child", name: ALIYA.name, iin: ALIYA.maskedIin },
      booked: { ...IVANOV_BOOKED, other: { name: ALIYA.name, minor: true } },
    });
  });

  test("a parent who types at the representative question is asked to use the button and can go on", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "who");
    await chat.press("Другой человек (например, мой ребёнок)");
    await chat.send("150505600341");

    expect(await chat.send("да")).toEqual([R.answerUseButtons, R.askRepresentative]);
    expect(await chat.send("/book")).toEqual([R.leaveForBook]);
    expect(await chat.press(t("ru", "button-dialogue-continue"))).toEqual([R.askRepresentative]);
    expect(await chat.press("Да, я родитель / законный представитель")).toEqual([R.askNameOther]);
  });

  test("someone who is not the child's parent or representative is told who can book instead, and can correct the IIN", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "who");
    await chat.press("Другой человек (например, мой ребёнок)");
    await chat.send("150505600341");

    expect(await chat.press(t("ru", "button-representative-no"))).toEqual([{ text: t("ru", "representative-not", { phone: CLINIC.phoneShown }) }, R.askIinOther]);
    // A typo in the IIN: an adult's IIN goes on without the question.
    expect(await chat.send("010203500771")).toEqual([R.askNameOther]);
    expect(count(testBot, "patients")).toBe(0);
  });

  test("an adult's IIN entered for another person needs no representative confirmation", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "who");
    await chat.press("Другой человек (например, мой ребёнок)");

    expect(await chat.send("010203500771")).toEqual([R.askNameOther]);
  });
});

describe("a badly typed name", () => {
  test.each([
    ["a digit in it", "Иванов Иван 3", t("ru", "name-error-characters")],
    ["only one word", "Иванов", t("ru", "name-error-word-count")],
    ["five words", "Иванов Иван Иванович Петр Сидор", t("ru", "name-error-word-count")],
    ["a Latin letter inside a Cyrillic word", "Ивaнов Иван Иванович", t("ru", "name-error-mixed-script")],
    ["a 41-letter word", `Иванов ${"а".repeat(41)}`, t("ru", "name-error-length")],
  ])("someone who types a name with %s is told what is wrong, asked again, and books with the right name", async (_kind, name, error) => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "name");

    expect(await chat.send(name)).toEqual([{ text: error }, R.askNameSelf]);
    expect(await chat.send("Иванов Иван Иванович")).toEqual([R.askPhone]);
    await finishBooking(chat, "phone");
  });

  test("a name typed in capitals is tidied, not refused", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "name");

    expect(await chat.send("  ИВАНОВ   иван иванович ")).toEqual([R.askPhone]);
    await finishBooking(chat, "phone");
  });
});

describe("a wrong phone number", () => {
  test.each([
    ["a Russian mobile", "+7 912 345 67 89", t("ru", "phone-error-country", { clinicPhone: CLINIC.phoneShown })],
    ["an Almaty landline", "+7 727 255 01 01", t("ru", "phone-error-not-mobile", { clinicPhone: CLINIC.phoneShown })],
    ["a German mobile", "+49 151 23456789", t("ru", "phone-error-country", { clinicPhone: CLINIC.phoneShown })],
    ["words instead of a number", "позвоните мне вечером", t("ru", "phone-error-format")],
    ["too few digits", "8 701 234", t("ru", "phone-error-format")],
  ])("someone who types %s is told what is wrong, asked again, and books with a Kazakh mobile", async (_kind, phone, error) => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "phone");

    expect(await chat.send(phone)).toEqual([{ text: error }, R.askPhone]);
    expect(await chat.send("87012345678")).toEqual([R.phoneSaved("+7 701 234 56 78"), R.askService]);
    await finishBooking(chat, "service");
  });

  test("someone who shares a Russian number with the button is told it is not Kazakh and asked again", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "phone");

    expect(await chat.shareContact("79123456789")).toEqual([{ text: t("ru", "phone-error-country", { clinicPhone: CLINIC.phoneShown }) }, R.askPhone]);
    expect(await chat.shareContact("+77012345678")).toEqual([R.phoneSaved("+7 701 234 56 78"), R.askService]);
    await finishBooking(chat, "service");
  });
});

describe("a number that is a phone but not a Kazakhstan mobile", () => {
  test("a landline or a foreign number gets the clinic's phone to call instead, in Russian", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "phone");

    expect(await chat.send("8 727 255 01 01")).toEqual([
      {
        text: "Это не мобильный номер (похоже на городской), а в боте можно указать только казахстанский мобильный (+7 7xx …). Если такого номера нет, позвоните, пожалуйста, в клинику: +7 727 255 01 01.",
      },
      R.askPhone,
    ]);
    expect(await chat.send("+7 912 345 67 89")).toEqual([
      {
        text: "Это не казахстанский номер, а в боте можно указать только казахстанский мобильный (+7 7xx …). Если такого номера нет, позвоните, пожалуйста, в клинику: +7 727 255 01 01.",
      },
      R.askPhone,
    ]);
    expect(await chat.send("87012345678")).toEqual([R.phoneSaved("+7 701 234 56 78"), R.askService]);
    await finishBooking(chat, "service");
  });

  test("the same in Kazakh", async () => {
    testBot = await TestBot.start();
    const chat = await kazakhChatAt("phone");

    expect((await chat.send("8 727 255 01 01"))[0]).toEqual({
      text: "Бұл ұялы нөмір емес (қалалық нөмірге ұқсайды), ал ботта тек қазақстандық ұялы нөмірді көрсетуге болады (+7 7xx …). Ондай нөміріңіз болмаса, клиникаға қоңырау шалыңызшы: +7 727 255 01 01.",
    });
    expect((await chat.send("+49 151 23456789"))[0]).toEqual({
      text: "Бұл қазақстандық нөмір емес, ал ботта тек қазақстандық ұялы нөмірді көрсетуге болады (+7 7xx …). Ондай нөміріңіз болмаса, клиникаға қоңырау шалыңызшы: +7 727 255 01 01.",
    });
  });
});

describe("something other than an answer, at every step", () => {
  test("a sticker on a step that wants typing is answered with 'please answer with text' and the question again", async () => {
    testBot = await TestBot.start();
    const seen = await missteppingAt(TYPING_STEPS, (chat) => sendSticker(testBot, chat));
    expect(seen).toEqual(expectedAt(TYPING_STEPS, (step) => [R.answerTextPlease, promptOf(step)]));
  });

  test("a sticker on a step that wants a button press is answered with 'please choose with a button' and the question again", async () => {
    testBot = await TestBot.start();
    const seen = await missteppingAt(BUTTON_STEPS, (chat) => sendSticker(testBot, chat));
    expect(seen).toEqual(expectedAt(BUTTON_STEPS, (step) => [R.answerUseButtons, promptOf(step)]));
  });

  test("text typed on a step that wants a button press is answered with 'please choose with a button' and the question again", async () => {
    testBot = await TestBot.start();
    const seen = await missteppingAt(BUTTON_STEPS, (chat) => chat.send("Хочу записаться пораньше"));
    expect(seen).toEqual(expectedAt(BUTTON_STEPS, (step) => [R.answerUseButtons, promptOf(step)]));
  });

  test("/book and /start typed at any step ask whether to go on, and 'Продолжить' asks the question again", async () => {
    testBot = await TestBot.start();
    const all = stepsOf(IVANOV);
    const goOn = t("ru", "button-dialogue-continue");
    const seen = await missteppingAt(all, async (chat) => [...(await chat.send("/book")), ...(await chat.press(goOn)), ...(await chat.send("/start")), ...(await chat.press(goOn))]);
    expect(seen).toEqual(expectedAt(all, (step) => [R.leaveForBook, promptOf(step), R.leaveForBook, promptOf(step)]));
  });

  test("/help typed at any step shows the help and then the question again", async () => {
    testBot = await TestBot.start();
    const all = stepsOf(IVANOV);
    const seen = await missteppingAt(all, (chat) => chat.send("/help"));
    expect(seen).toEqual(expectedAt(all, (step) => [R.help, promptOf(step)]));
  });

  test("an unknown command typed mid-booking is answered with 'a booking is in progress'; /appointments asks whether to go on; /lang offers the languages", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "name");

    expect(await chat.send("/lang")).toEqual([R.chooseLanguage]);
    expect(await chat.press(t("ru", "language-ru"))).toEqual([{ text: t("ru", "language-changed") }, R.askNameSelf]);
    expect(await chat.send("/appointments")).toEqual([R.leaveForAppointments]);
    expect(await chat.press(t("ru", "button-dialogue-continue"))).toEqual([R.askNameSelf]);
    expect(await chat.send("/whatever")).toEqual([R.commandDuringDialogue, R.askNameSelf]);
    expect(await chat.send("Иванов Иван Иванович")).toEqual([R.askPhone]);
    await finishBooking(chat, "phone");
  });

  test("a button of an earlier question pressed at any step only gets 'this button no longer works' and the question again", async () => {
    testBot = await TestBot.start();
    const oldButtons: Record<Step, (chat: TestChat) => Promise<Reply[]>> = {
      who: (chat) => chat.press("✅ Согласен(на)"),
      iin: (chat) => chat.pressData("service:pediatrician"),
      representative: (chat) => chat.press("Я сам(а)"),
      name: (chat) => chat.press("Я сам(а)"),
      phone: (chat) => chat.press("Другой человек (например, мой ребёнок)"),
      service: (chat) => chat.press("Нет, не передавать"),
      doctor: (chat) => chat.press("Консультация педиатра"),
      day: (chat) => chat.press("Ахметова Айгуль Серикбаевна — Врач-педиатр"),
      time: (chat) => chat.press("ср, 2 декабря"),
      summary: (chat) => chat.press("14:30"),
    };
    const all = stepsOf(IVANOV);
    const seen = await missteppingAt(all, async (chat, step) => {
      const before = noticesOf(testBot, chat).length;
      const replies = await oldButtons[step](chat);
      return { notices: noticesOf(testBot, chat).slice(before), replies };
    });
    expect(seen).toEqual(expectedAt(all, (step) => ({ notices: [t("ru", "button-outdated")], replies: [promptOf(step)] })));
  });

  test("/policy asked mid-booking shows the policy, and its 'read in full' button sends the full text", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "name");

    expect(await chat.send("/policy")).toEqual([R.policyOnly, R.askNameSelf]);
    const before = noticesOf(testBot, chat).length;
    const replies = await chat.press("📄 Читать полностью");
    expect(noticesOf(testBot, chat).slice(before)).not.toContain(t("ru", "button-outdated"));
    expect(replies[0]?.text).toMatch(/^Политика конфиденциальности\n1\. Общие положения\n/);

    expect((await chat.send("Иванов Иван Иванович")).at(-1)).toEqual(R.askPhone);
    await finishBooking(chat, "phone");
  });
});

describe("something other than an answer, at the consent questions", () => {
  test("text and commands at the consent question get the right answer and the consent question again", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 101 });
    await chat.send("/start");
    await chat.press("Русский");

    expect(await chat.send("согласен")).toEqual([R.answerUseButtons, R.policyWithConsent]);
    expect(await chat.send("/book")).toEqual([R.leaveForBook]);
    expect(await chat.press(t("ru", "button-dialogue-continue"))).toEqual([R.policyWithConsent]);
    expect(await chat.send("/help")).toEqual([R.help, R.policyWithConsent]);
    expect(await chat.pressData("who:self")).toEqual([R.policyWithConsent]);
    expect(chat.lastNotice()).toBe(t("ru", "button-outdated"));
    expect(await chat.press("✅ Согласен(на)")).toEqual([R.thirdParty]);
  });

  test("text and commands at the third-party question get the right answer and the question again", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 101 });
    await chat.send("/start");
    await chat.press("Русский");
    await chat.press("✅ Согласен(на)");

    expect(await chat.send("нет")).toEqual([R.answerUseButtons, R.thirdParty]);
    expect(await chat.send("/start")).toEqual([R.leaveForBook]);
    expect(await chat.press(t("ru", "button-dialogue-continue"))).toEqual([R.thirdParty]);
    expect(await chat.press("❌ Не согласен(на)")).toEqual([R.thirdParty]);
    expect(chat.lastNotice()).toBe(t("ru", "button-outdated"));
    expect(await chat.press("Да, согласен(на)")).toEqual([R.thirdPartyGranted, R.askWho]);
  });
});
