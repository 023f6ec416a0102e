/** The people of the data-rights stories, and the shortest ways to their bookings. */
import type { TestBot, TestChat } from "../../support/harness";
import { chatAt, finishBooking, IVANOV, IVANOV_BOOKED, IVANOV_SUMMARY, type Answers } from "../dialogue";

/** Ivan's daughter, under 18: Ivan books her for Thursday 3 December at 09:00. */
export const ALIYA: Answers = {
  ...IVANOV,
  who: "other",
  iin: "150505600341",
  minor: true,
  name: "Иванова Алия Ивановна",
  day: "чт, 3 декабря",
  time: "09:00",
};

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
    answers: ALIYA,
    summary: { ...IVANOV_SUMMARY, relation: "другой человек", name: ALIYA.name, iin: "1505******41", when: "чт, 3 декабря, 09:00" },
    number,
    booked: { ...IVANOV_BOOKED, date: "03.12.2026", time: "09:00" },
  });
}

/** A minute later Ivan books himself once more, Wednesday 14:30 (number B0000n). */
export async function bookIvanAgain(testBot: TestBot, chat: TestChat, number: string): Promise<void> {
  testBot.clock.advance(60_000);
  await chat.send("/book");
  await finishBooking(chat, "who", {
    answers: { ...IVANOV, time: "14:30" },
    summary: { ...IVANOV_SUMMARY, when: "ср, 2 декабря, 14:30" },
    number,
    booked: { ...IVANOV_BOOKED, time: "14:30" },
  });
}

/** The chat switches to Kazakh (/lang), which is remembered like any language choice. */
export async function speakKazakh(chat: TestChat): Promise<void> {
  await chat.send("/lang");
  await chat.press("Қазақша");
  chat.replies();
}
