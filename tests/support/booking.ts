/**
 * The one way through the booking dialogue the tests share: what a person does at each step, the
 * question the bot asks there, and the walks built from them (to a named step, to a finished booking).
 */
import { expect } from "vitest";
import type { Locale } from "../../src/domain/locale";
import { ALIYA, doctorButton, DOCTORS, IVAN, PHONE, SERVICES } from "./fixtures";
import type { Reply, TestBot, TestChat } from "./harness";
import { t } from "./i18n";
import { booked, R, summary, type AppointmentFacts, type BookedFacts, type StaffFacts, type SummaryFacts } from "./replies";

export type Step = "who" | "iin" | "representative" | "name" | "phone" | "service" | "doctor" | "day" | "time" | "summary";

/** What the person answers at each step (labels as they appear on the Russian buttons). */
export interface Answers {
  who: "self" | "other";
  /** The person was saved by an earlier booking of the chat: the button that names them; nothing is typed. */
  saved?: string;
  iin: string;
  /** The IIN belongs to a minor booked by a parent: the representative step comes after the IIN. */
  minor?: boolean;
  name: string;
  phone: string;
  service: string;
  /** Undefined for a service with one specialist, whose question is skipped. */
  doctor?: string;
  day: string;
  time: string;
}

/** Иванов Иван Иванович books himself for the paediatrician on Wednesday 2 December at 14:00. */
export const IVANOV: Answers = {
  who: "self",
  iin: "9001 0130 0126",
  name: IVAN.name,
  phone: PHONE.shown,
  service: SERVICES.pediatrician.ru,
  doctor: doctorButton(DOCTORS.akhmetova, "ru"),
  day: "ср, 2 декабря",
  time: "14:00",
};

/** Ivan once he has booked: "Я сам(а)" brings his saved details, nothing is typed. */
export const IVANOV_AGAIN: Answers = { ...IVANOV, saved: t("ru", "button-who-self") };

export const IVANOV_SUMMARY: SummaryFacts = {
  relation: "self",
  name: IVAN.name,
  iin: IVAN.maskedIin,
  phone: PHONE.shown,
  service: SERVICES.pediatrician.ru,
  doctor: DOCTORS.akhmetova.name.ru,
  when: "ср, 2 декабря, 14:00",
};

export const IVANOV_BOOKED: Omit<BookedFacts, "number"> = {
  date: "ср, 2 декабря",
  time: "14:00",
  service: SERVICES.pediatrician.ru,
  doctor: DOCTORS.akhmetova.name.ru,
};

/** Ivan's booking B00001 as /mydata lists it, in Russian; a test adds the state it expects. */
export const IVANOV_MYDATA: AppointmentFacts = {
  number: "B00001",
  date: "02.12.2026",
  time: "14:00",
  service: SERVICES.pediatrician.ru,
  doctor: DOCTORS.akhmetova.name.ru,
  patient: IVAN.name,
};

/** Ivan's booking as the staff group hears of it. */
export const IVANOV_STAFF: StaffFacts = {
  number: "B00001",
  service: SERVICES.pediatrician.ru,
  doctor: DOCTORS.akhmetova.name.ru,
  date: "02.12.2026",
  time: "14:00",
  patient: IVAN.name,
  phone: PHONE.shown,
  iin: IVAN.maskedIin,
};

/** Ivan's daughter, under 18: Ivan books her for Thursday 3 December at 09:00. */
export const ALIYA_ANSWERS: Answers = { ...IVANOV, who: "other", iin: ALIYA.iin, minor: true, name: ALIYA.name, day: "чт, 3 декабря", time: "09:00" };

export function stepsOf(answers: Answers): Step[] {
  const person: Step[] = answers.saved ? [] : ["iin", ...(answers.minor ? (["representative"] as const) : []), "name", "phone"];
  return ["who", ...person, "service", ...(answers.doctor ? (["doctor"] as const) : []), "day", "time", "summary"];
}

/** What a person does to answer a step: choose an option, or type. */
export type Action = { choose: string } | { type: string };

/** The right answer at one step. */
export function actionAt(step: Step, answers: Answers = IVANOV): Action {
  switch (step) {
    case "who":
      if (answers.saved) return { choose: answers.saved };
      return { choose: t("ru", answers.who === "self" ? "button-who-self" : "button-who-other") };
    case "iin":
      return { type: answers.iin };
    case "representative":
      return { choose: t("ru", "button-representative-yes") };
    case "name":
      return { type: answers.name };
    case "phone":
      return { type: answers.phone };
    case "service":
      return { choose: answers.service };
    case "doctor":
      return { choose: answers.doctor! };
    case "day":
      return { choose: answers.day };
    case "time":
      return { choose: answers.time };
    case "summary":
      return { choose: t("ru", "button-confirm") };
  }
}

/** The question the bot asks (again) at a step, for Ivan's answers. */
export function promptOf(step: Step, answers: Answers = IVANOV): Reply {
  switch (step) {
    case "who":
      return R.askWho;
    case "iin":
      return answers.who === "self" ? R.askIinSelf : R.askIinOther;
    case "representative":
      return R.askRepresentative;
    case "name":
      return answers.who === "self" ? R.askNameSelf : R.askNameOther;
    case "phone":
      return R.askPhone;
    case "service":
      return R.askService;
    case "doctor":
      return R.askDoctorPediatrician;
    case "day":
      return R.askDayAkhmetova;
    case "time":
      return R.askTimeAkhmetovaWed2;
    case "summary":
      return summary("ru", IVANOV_SUMMARY);
  }
}

/** Gives the right answer at one step and returns the bot's replies. */
export async function answer(chat: TestChat, step: Step, answers: Answers = IVANOV): Promise<Reply[]> {
  const action = actionAt(step, answers);
  return "choose" in action ? chat.press(action.choose) : chat.send(action.type);
}

/**
 * /start, the language, consent given, third parties declined (or granted): the bot now asks who is
 * coming. Returns the last replies.
 */
export async function startIn(chat: TestChat, locale: Locale = "ru", options: { thirdParty: boolean } = { thirdParty: false }): Promise<Reply[]> {
  await chat.send("/start");
  await chat.press(t(locale, `language-${locale}`));
  await chat.press(t(locale, "button-consent-yes"));
  return chat.press(t(locale, options.thirdParty ? "button-third-party-yes" : "button-third-party-no"));
}

/** Answers every step before `step` (starting at `from`), so that the bot is asking `step`. */
export async function reach(chat: TestChat, step: Step, answers: Answers = IVANOV, from: Step = "who"): Promise<Reply[]> {
  const steps = stepsOf(answers);
  let replies: Reply[] = [];
  for (const current of steps.slice(steps.indexOf(from), steps.indexOf(step))) replies = await answer(chat, current, answers);
  return replies;
}

/** A fresh Russian chat that has reached `step`. */
export async function chatAt(testBot: TestBot, step: Step, id = 101, answers: Answers = IVANOV): Promise<TestChat> {
  const chat = testBot.chat({ id });
  await startIn(chat);
  await reach(chat, step, answers);
  chat.replies();
  return chat;
}

/**
 * Answers from `from` to the summary, checks the summary is exactly `summary`, confirms, and checks the
 * confirmation: proof that nothing typed earlier was lost or mixed up.
 */
export async function finishBooking(
  chat: TestChat,
  from: Step,
  options: { answers?: Answers; summary?: SummaryFacts; number?: string; booked?: Omit<BookedFacts, "number"> } = {},
): Promise<void> {
  const answers = options.answers ?? IVANOV;
  if (from !== "summary") {
    const shown = await reach(chat, "summary", answers, from);
    expect(shown.at(-1)).toEqual(summary("ru", options.summary ?? IVANOV_SUMMARY));
  }
  expect(await chat.press(t("ru", "button-confirm"))).toEqual([booked("ru", { number: options.number ?? "B00001", ...(options.booked ?? IVANOV_BOOKED) })]);
}

// ---------------------------------------------------------------------------------------------
// Ivan's family, booked the shortest way
// ---------------------------------------------------------------------------------------------

/** Ivan (chat `id`) has booked himself: B00001, Wednesday 2 December 14:00. */
export async function ivanWithBooking(testBot: TestBot, id = 101): Promise<TestChat> {
  const chat = await chatAt(testBot, "summary", id);
  await finishBooking(chat, "summary");
  return chat;
}

/** A minute later Ivan books again, for Aliya (number B0000n). */
export async function bookAliya(testBot: TestBot, chat: TestChat, number: string): Promise<void> {
  testBot.clock.advance(60_000);
  await chat.send("/book");
  await finishBooking(chat, "who", {
    answers: ALIYA_ANSWERS,
    summary: { ...IVANOV_SUMMARY, relation: "child", name: ALIYA.name, iin: ALIYA.maskedIin, when: "чт, 3 декабря, 09:00" },
    number,
    booked: { ...IVANOV_BOOKED, date: "чт, 3 декабря", time: "09:00", other: { name: ALIYA.name, minor: true } },
  });
}

/** A minute later Ivan books himself once more, Wednesday 14:30 (number B0000n). */
export async function bookIvanAgain(testBot: TestBot, chat: TestChat, number: string): Promise<void> {
  testBot.clock.advance(60_000);
  await chat.send("/book");
  await finishBooking(chat, "who", {
    answers: { ...IVANOV_AGAIN, time: "14:30" },
    summary: { ...IVANOV_SUMMARY, when: "ср, 2 декабря, 14:30" },
    number,
    booked: { ...IVANOV_BOOKED, time: "14:30" },
  });
}

/** The chat switches to Kazakh (/lang), which is remembered like any language choice. */
export async function speakKazakh(chat: TestChat): Promise<void> {
  await chat.send("/lang");
  await chat.press(t("kk", "language-kk"));
  chat.replies();
}
