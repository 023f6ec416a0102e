/**
 * The waiting list as the tests walk it: a person reaches the day question, says nothing fits, waits for
 * 7 days for Ахметова only (the paediatrician has two specialists); what an offer of a freed time says.
 */
import type { Locale } from "../../src/domain/locale";
import { chatAt, IVANOV, type Answers } from "./booking";
import { rows } from "./database";
import { AIDAR, DOCTORS, MARIA, SERVICES } from "./fixtures";
import type { Reply, TestBot, TestChat } from "./harness";
import { t } from "./i18n";

/** Мария books herself for the paediatrician, Ахметова, as Ivan does (Wednesday 2 December 14:00). */
export const MARIA_ANSWERS: Answers = { ...IVANOV, iin: "8812 0240 0564", name: MARIA.name };
/** Айдар, a stranger to both, for the same. */
export const AIDAR_ANSWERS: Answers = { ...IVANOV, iin: "0102 0350 0771", name: AIDAR.name };

/** Ахметова's Wednesday 2 December 14:00, Ivan's time in the tests (09:00 UTC). */
export const WED_1400 = "2026-12-02T09:00:00.000Z";

export interface JoinChoice {
  days?: 7 | 14;
  scope?: "doctor" | "any";
}

/** The reply that says who joined, for what, until when, and how to leave. */
export function joined(locale: Locale, facts: { name: string; until: string; anyDoctor?: boolean; hold?: number }): Reply {
  return {
    text: t(locale, "waitlist-joined", {
      name: facts.name,
      service: SERVICES.pediatrician[locale],
      doctor: facts.anyDoctor ? t(locale, "waitlist-any-doctor") : DOCTORS.akhmetova.name[locale],
      until: facts.until,
      hold: facts.hold ?? 30,
    }),
    removesKeyboard: true,
  };
}

/** A fresh Russian chat goes to the day question and joins the waiting list from there. */
export async function joinWaitlist(testBot: TestBot, id: number, answers: Answers, choice: JoinChoice = {}): Promise<TestChat> {
  const chat = await chatAt(testBot, "day", id, answers);
  await chat.press(t("ru", "button-waitlist-none-fit"));
  await chat.press(t("ru", "button-waitlist-days", { days: choice.days ?? 7 }));
  await chat.press(choice.scope === "any" ? t("ru", "button-waitlist-any-doctor") : t("ru", "button-waitlist-only-doctor", { doctor: DOCTORS.akhmetova.name.ru }));
  chat.replies();
  return chat;
}

/** The offer of Wednesday 14:00 with Ахметова, held until `until` (clinic time). */
export function offer(locale: Locale, patient: string, until: string): Reply {
  return {
    text: t(locale, "waitlist-offer", {
      patient,
      when: locale === "ru" ? "ср, 2 декабря, 14:00" : "сәрсенбі, 2 желтоқсан, 14:00",
      service: SERVICES.pediatrician[locale],
      doctor: DOCTORS.akhmetova.name[locale],
      until,
    }),
    buttons: [[t(locale, "button-waitlist-take")], [t(locale, "button-waitlist-decline")]],
  };
}

/** Wednesday 14:00 taken from the waiting list, as the reply says it. */
export function taken(number: string, patient: string): Reply {
  return {
    text: t("ru", "waitlist-taken", {
      number,
      date: "ср, 2 декабря",
      time: "14:00",
      service: SERVICES.pediatrician.ru,
      doctor: DOCTORS.akhmetova.name.ru,
      patient,
    }),
  };
}

/** Ivan cancels his booking from /appointments (B00001, the only one). */
export async function cancelFromAppointments(chat: TestChat): Promise<void> {
  await chat.send("/appointments");
  await chat.press(t("ru", "button-cancel-booking"));
  await chat.press(t("ru", "button-cancel-booking-yes"));
  chat.replies();
}

/** The offers as the database holds them, oldest first: their state and the entry each was made to. */
export function offerStates(testBot: TestBot): { status: string; entry: string }[] {
  return rows<{ status: string; entry: string }>(testBot, "select status, entry_id as entry from slot_offers order by offered_at, rowid");
}

/** The active bookings of a slot start. */
export function activeBookingsAt(testBot: TestBot, startsAt: string): number {
  return rows(testBot, "select b.id from bookings b join slots s on s.id = b.slot_id where s.starts_at = ? and b.status <> 'cancelled'", startsAt).length;
}

export function entryStates(testBot: TestBot): string[] {
  return rows<{ status: string }>(testBot, "select status from waitlist_entries order by created_at, rowid").map((row) => row.status);
}
