/** Drives the booking dialogue step by step for the tests in this folder. */
import type { Update } from "grammy/types";
import { expect } from "vitest";
import type { Reply, TestBot, TestChat } from "../support/harness";
import { R, ruBooked, ruSummary, type SummaryFacts } from "./texts";

export type Step = "who" | "iin" | "representative" | "name" | "phone" | "service" | "doctor" | "day" | "time" | "summary";

/** What the person answers at each step (labels as they appear on the Russian buttons). */
export interface Answers {
  who: "self" | "other";
  iin: string;
  /** The IIN belongs to a minor booked by a parent: the representative step comes after the IIN. */
  minor?: boolean;
  name: string;
  phone: string;
  service: string;
  doctor: string;
  day: string;
  time: string;
}

/** Иванов Иван Иванович books himself for the paediatrician on Wednesday 2 December at 14:00. */
export const IVANOV: Answers = {
  who: "self",
  iin: "9001 0130 0126",
  name: "Иванов Иван Иванович",
  phone: "+7 701 234 56 78",
  service: "Консультация педиатра",
  doctor: "Ахметова Айгуль Серикбаевна — Врач-педиатр",
  day: "ср, 2 декабря",
  time: "14:00",
};

export const IVANOV_SUMMARY: SummaryFacts = {
  relation: "вы сами",
  name: "Иванов Иван Иванович",
  iin: "9001******26",
  phone: "+7 701 234 56 78",
  service: "Консультация педиатра",
  doctor: "Ахметова Айгуль Серикбаевна",
  when: "ср, 2 декабря, 14:00",
};

export const IVANOV_BOOKED = {
  date: "02.12.2026",
  time: "14:00",
  service: "Консультация педиатра",
  doctor: "Ахметова Айгуль Серикбаевна",
};

export function stepsOf(answers: Answers): Step[] {
  return ["who", "iin", ...(answers.minor ? (["representative"] as const) : []), "name", "phone", "service", "doctor", "day", "time", "summary"];
}

/** The question the bot asks (again) at a step, for the Ivanov answers and the defaults of R. */
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
      return ruSummary(IVANOV_SUMMARY);
  }
}

/** Gives the right answer at one step and returns the bot's replies. */
export async function answer(chat: TestChat, step: Step, answers: Answers = IVANOV): Promise<Reply[]> {
  switch (step) {
    case "who":
      return chat.press(answers.who === "self" ? "Я сам(а)" : "Другой человек (например, мой ребёнок)");
    case "iin":
      return chat.send(answers.iin);
    case "representative":
      return chat.press("Да, я родитель / законный представитель");
    case "name":
      return chat.send(answers.name);
    case "phone":
      return chat.send(answers.phone);
    case "service":
      return chat.press(answers.service);
    case "doctor":
      return chat.press(answers.doctor);
    case "day":
      return chat.press(answers.day);
    case "time":
      return chat.press(answers.time);
    case "summary":
      return chat.press("✅ Подтвердить");
  }
}

/** /start, Russian, consent given, third parties declined: the bot now asks who is coming. */
export async function startInRussian(chat: TestChat): Promise<Reply[]> {
  await chat.send("/start");
  await chat.press("Русский");
  await chat.press("✅ Согласен(на)");
  return chat.press("Нет, не передавать");
}

/** Answers every step before `step` (starting at "who"), so that the bot is asking `step`. */
export async function reach(chat: TestChat, step: Step, answers: Answers = IVANOV, from: Step = "who"): Promise<Reply[]> {
  const steps = stepsOf(answers);
  let replies: Reply[] = [];
  for (const current of steps.slice(steps.indexOf(from), steps.indexOf(step))) replies = await answer(chat, current, answers);
  return replies;
}

/** A fresh Russian chat that has reached `step`. */
export async function chatAt(testBot: TestBot, step: Step, id = 101, answers: Answers = IVANOV): Promise<TestChat> {
  const chat = testBot.chat({ id });
  await startInRussian(chat);
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
  options: { answers?: Answers; summary?: SummaryFacts; number?: string; booked?: typeof IVANOV_BOOKED } = {},
): Promise<void> {
  const answers = options.answers ?? IVANOV;
  if (from !== "summary") {
    const shown = await reach(chat, "summary", answers, from);
    expect(shown.at(-1)).toEqual(ruSummary(options.summary ?? IVANOV_SUMMARY));
  }
  expect(await chat.press("✅ Подтвердить")).toEqual([ruBooked({ number: options.number ?? "B00001", ...(options.booked ?? IVANOV_BOOKED) })]);
}

let nextUpdateId = 1_000_000;

/** A message without text (a sticker), which the harness cannot send by itself. */
export async function sendSticker(testBot: TestBot, chat: TestChat): Promise<Reply[]> {
  const { id, firstName } = chat.user;
  const update = {
    update_id: nextUpdateId++,
    message: {
      message_id: nextUpdateId,
      date: Math.floor(testBot.clock.now().getTime() / 1000),
      chat: { id, type: "private", first_name: firstName },
      from: { id, is_bot: false, first_name: firstName },
      sticker: {
        file_id: "CAACAgIAAxkBAAEBsticker",
        file_unique_id: "AgADsticker",
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji: "👍",
      },
    },
  } as unknown as Update;
  await testBot.bot.handleUpdate(update);
  return chat.replies();
}

/** A text (or command) written in a group chat the bot is a member of. */
export async function sendInGroup(testBot: TestBot, groupId: number, userId: number, text: string): Promise<void> {
  const entities = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
  const update = {
    update_id: nextUpdateId++,
    message: {
      message_id: nextUpdateId,
      date: Math.floor(testBot.clock.now().getTime() / 1000),
      chat: { id: groupId, type: "group", title: "Родители Мүмкіндік" },
      from: { id: userId, is_bot: false, first_name: "Test" },
      text,
      ...(entities ? { entities } : {}),
    },
  } as unknown as Update;
  await testBot.bot.handleUpdate(update);
}

/** A button press under a message in a group chat. */
export async function pressInGroup(testBot: TestBot, groupId: number, userId: number, data: string): Promise<void> {
  const update = {
    update_id: nextUpdateId++,
    callback_query: {
      id: `group-${nextUpdateId}`,
      from: { id: userId, is_bot: false, first_name: "Test" },
      chat_instance: String(groupId),
      data,
      message: { message_id: 1, date: 0, chat: { id: groupId, type: "group", title: "Родители Мүмкіндік" } },
    },
  } as unknown as Update;
  await testBot.bot.handleUpdate(update);
}

export function count(testBot: TestBot, table: string): number {
  return (testBot.app.store.db.$client.prepare(`select count(*) c from ${table}`).get() as { c: number }).c;
}

export function rows<T>(testBot: TestBot, sql: string, ...params: unknown[]): T[] {
  return testBot.app.store.db.$client.prepare(sql).all(...params) as T[];
}

/** Notices (the little pop-ups of button presses) this chat has got so far. */
export function noticesOf(testBot: TestBot, chat: TestChat): string[] {
  return testBot.notices.filter((notice) => notice.chatId === chat.user.id).map((notice) => notice.text);
}
