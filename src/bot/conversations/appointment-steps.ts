import { formatDay, formatTime } from "../../domain/format";
import { choiceKeyboard, type Choice } from "../keyboards";
import type { Dialogue } from "./dialogue";
import { forgetAppointment, type BookingStep, type Draft } from "./draft";
import { BACK, type Back } from "./engine";

/**
 * Offers `choices` as buttons whose data is `prefix:value`, and returns the value. A button from an
 * earlier keyboard (another prefix, or a value no longer offered) is refused as outdated.
 */
async function choose(dialogue: Dialogue, text: string, prefix: string, choices: Choice[], perRow = 1): Promise<string | Back> {
  const offered = new Set(choices.map((choice) => choice.data));
  const keyboard = choiceKeyboard(choices, dialogue.navigation(), perRow);
  return dialogue.ask({ text, keyboard }, (ctx) => {
    const data = ctx.callbackQuery?.data;
    return data !== undefined && offered.has(data) ? { ok: true, value: data.slice(prefix.length + 1) } : undefined;
  });
}

export async function askService(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const services = await dialogue.outside((app) => app.store.catalog.listServices());
  if (services.length === 0) return dialogue.stop(dialogue.t("no-services"));
  const choices = services.map((service) => ({ label: service.name[dialogue.locale], data: `service:${service.id}` }));
  const serviceId = await choose(dialogue, dialogue.t("ask-service"), "service", choices);
  if (serviceId === BACK) return BACK;
  if (serviceId !== draft.serviceId) forgetAppointment(draft, "service");
  draft.serviceId = serviceId;
  return "doctor";
}

export async function askDoctor(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const serviceId = draft.serviceId!;
  const doctors = await dialogue.outside((app) => app.store.catalog.doctorsFor(serviceId));
  const choices = doctors.map((doctor) => ({
    label: `${doctor.name[dialogue.locale]} — ${doctor.specialty[dialogue.locale]}`,
    data: `doctor:${doctor.id}`,
  }));
  const doctorId = await choose(dialogue, dialogue.t("ask-doctor"), "doctor", choices);
  if (doctorId === BACK) return BACK;
  if (doctorId !== draft.doctorId) forgetAppointment(draft, "doctor");
  draft.doctorId = doctorId;
  return "day";
}

export async function askDay(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const doctorId = draft.doctorId!;
  const days = await dialogue.outside((app) => app.store.catalog.availableDays(doctorId));
  if (days.length === 0) {
    await dialogue.say(dialogue.t("no-free-days"));
    return BACK;
  }
  const choices = days.map((day) => ({ label: formatDay(day, dialogue.locale, dialogue.timeZone), data: `day:${day}` }));
  const day = await choose(dialogue, dialogue.t("ask-day"), "day", choices, 2);
  if (day === BACK) return BACK;
  if (day !== draft.day) forgetAppointment(draft, "day");
  draft.day = day;
  return "time";
}

export async function askTime(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const doctorId = draft.doctorId!;
  const day = draft.day!;
  const slots = await dialogue.outside((app) => app.store.catalog.freeSlotsOn(doctorId, day));
  if (slots.length === 0) {
    await dialogue.say(dialogue.t("no-free-times"));
    return BACK;
  }
  const choices = slots.map((slot) => ({ label: formatTime(slot.startsAt, dialogue.locale, dialogue.timeZone), data: `slot:${slot.id}` }));
  const slotId = await choose(dialogue, dialogue.t("ask-time", { day: formatDay(day, dialogue.locale, dialogue.timeZone) }), "slot", choices, 4);
  if (slotId === BACK) return BACK;
  draft.slotId = slotId;
  return "summary";
}
