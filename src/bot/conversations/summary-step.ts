import { maskIin } from "../../domain/iin";
import { formatPhoneForDisplay } from "../../domain/phone";
import { localDateOf } from "../../domain/slots";
import type { BookingOutcome } from "../../store/bookings";
import type { App } from "../../app";
import type { BotContext } from "../context";
import { formatDate, formatDateTime, formatTime } from "../../domain/format";
import { choiceKeyboard } from "../keyboards";
import { blockedMessageKey, policyInForceNow } from "../replies";
import type { Dialogue } from "./dialogue";
import { firstMissingStep, forgetAppointment, isComplete, type BookingStep, type CompleteDraft, type Draft } from "./draft";
import { BACK, DONE, type Back, type Done } from "./engine";

const ALTERNATIVE_SLOTS = 6;

interface AppointmentFacts {
  service: string;
  doctor: string;
  startsAt: string;
  address: string;
}

function appointmentFacts(app: App, draft: CompleteDraft, locale: "ru" | "kk"): AppointmentFacts | undefined {
  const { catalog } = app.store;
  const slot = catalog.slot(draft.slotId);
  const service = catalog.service(draft.serviceId);
  const doctor = catalog.doctor(draft.doctorId);
  if (!slot || !service || !doctor) return undefined;
  return { service: service.name[locale], doctor: doctor.name[locale], startsAt: slot.startsAt, address: catalog.clinic().address[locale] };
}

export async function showSummary(dialogue: Dialogue, draft: Draft, accountId: string): Promise<BookingStep | Back | Done> {
  // Back from a half-made change can reach the summary with a gap: ask what is missing, nothing more.
  if (!isComplete(draft)) return firstMissingStep(draft)!;
  const facts = await dialogue.outside((app) => appointmentFacts(app, draft, dialogue.locale));
  if (!facts) {
    forgetAppointment(draft, "day");
    await dialogue.say(dialogue.t("slot-gone"));
    return "service";
  }
  const text = dialogue.t("summary", {
    relation: dialogue.t(draft.relation === "self" ? "summary-relation-self" : "summary-relation-other"),
    name: draft.fullName,
    iin: maskIin(draft.iin),
    phone: formatPhoneForDisplay(draft.phone),
    service: facts.service,
    doctor: facts.doctor,
    when: formatDateTime(facts.startsAt, dialogue.locale, dialogue.timeZone),
    address: facts.address,
  });
  const keyboard = choiceKeyboard(
    [
      { label: dialogue.t("button-confirm"), data: "summary:confirm" },
      { label: dialogue.t("button-change"), data: "summary:change" },
    ],
    dialogue.navigation(),
  );
  const choice = await dialogue.ask({ text, keyboard }, (ctx) => {
    const data = ctx.callbackQuery?.data;
    return data === "summary:confirm" || data === "summary:change" ? { ok: true, value: data } : undefined;
  });
  if (choice === BACK) return BACK;
  if (choice === "summary:change") return "change";
  return confirm(dialogue, draft, accountId, facts);
}

async function confirm(dialogue: Dialogue, draft: CompleteDraft, accountId: string, facts: AppointmentFacts): Promise<BookingStep | Done> {
  const outcome = await dialogue.outside((app, ctx) => book(app, ctx, draft, accountId));
  if (outcome.ok) {
    await dialogue.say(
      dialogue.t("booked", {
        number: outcome.booking.number,
        date: formatDate(localDateOf(outcome.booking.startsAt, dialogue.timeZone)),
        time: formatTime(outcome.booking.startsAt, dialogue.locale, dialogue.timeZone),
        service: facts.service,
        doctor: facts.doctor,
        address: facts.address,
      }),
    );
    return DONE;
  }
  if (outcome.reason === "no_consent") return dialogue.stop(dialogue.t("consent-missing"));
  if (outcome.reason === "blocked") {
    const blockedBy = await dialogue.outside((app) => app.store.accounts.blockOf(accountId)?.blockedBy);
    return dialogue.stop(dialogue.t(blockedMessageKey(blockedBy)));
  }
  await dialogue.say(dialogue.t(outcome.reason === "slot_taken" ? "slot-taken" : "slot-gone"));
  return "alternatives";
}

function book(app: App, ctx: BotContext, draft: CompleteDraft, accountId: string): BookingOutcome {
  const outcome = app.store.bookings.book({
    accountId,
    channel: ctx.channel,
    relation: draft.relation,
    representativeConfirmed: draft.representativeConfirmed === true,
    person: { iin: draft.iin, fullName: draft.fullName, phone: draft.phone, phoneConfirmed: draft.phoneConfirmed },
    serviceId: draft.serviceId,
    slotId: draft.slotId,
    policyVersion: policyInForceNow(app).version,
  });
  if (outcome.ok) {
    ctx.log.info({ bookingId: outcome.booking.id }, "booking confirmed");
    app.staffAlerts.kick();
  }
  return outcome;
}

/** After losing a slot to someone else: the doctor's nearest free slots, or another day. */
export async function offerAlternatives(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const doctorId = draft.doctorId!;
  const slots = await dialogue.outside((app) => app.store.catalog.nearestFreeSlots(doctorId, ALTERNATIVE_SLOTS));
  delete draft.slotId;
  if (slots.length === 0) {
    await dialogue.say(dialogue.t("no-free-days"));
    return "doctor";
  }
  const choices = slots.map((slot) => ({ label: formatDateTime(slot.startsAt, dialogue.locale, dialogue.timeZone), data: `slot:${slot.id}` }));
  choices.push({ label: dialogue.t("button-other-day"), data: "alternatives:day" });
  const offered = new Set(choices.map((choice) => choice.data));
  const keyboard = choiceKeyboard(choices, { cancel: dialogue.navigation().cancel });
  const choice = await dialogue.ask({ text: dialogue.t("ask-alternative"), keyboard }, (ctx) => {
    const data = ctx.callbackQuery?.data;
    return data !== undefined && offered.has(data) ? { ok: true, value: data } : undefined;
  }, false);
  if (choice === BACK) return BACK;
  if (choice === "alternatives:day") return "day";
  const slot = slots.find((candidate) => `slot:${candidate.id}` === choice)!;
  draft.slotId = slot.id;
  draft.day = localDateOf(slot.startsAt, dialogue.timeZone);
  return "summary";
}

const CHANGEABLE = ["who", "iin", "name", "phone", "service", "doctor", "day"] as const;

/** "Change" on the summary: pick one thing; after it the dialogue comes straight back to the summary. */
export async function askWhatToChange(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const choices = CHANGEABLE.map((field) => ({ label: dialogue.t(`button-change-${field}`), data: `change:${field}` }));
  const keyboard = choiceKeyboard(choices, { back: dialogue.t("button-back") }, 2);
  const field = await dialogue.ask({ text: dialogue.t("ask-change"), keyboard }, (ctx) => {
    const data = ctx.callbackQuery?.data ?? "";
    const found = CHANGEABLE.find((candidate) => data === `change:${candidate}`);
    return found ? { ok: true, value: found } : undefined;
  });
  if (field === BACK) return BACK;
  if (field === "day") delete draft.slotId;
  return field;
}
