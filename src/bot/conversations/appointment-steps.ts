import { dayData, doctorData, serviceData, slotData } from "../../domain/callback-data";
import { formatDay, formatTime } from "../../domain/format";
import type { Dialogue } from "./dialogue";
import { forgetAppointment, type BookingStep, type Draft } from "./draft";
import { BACK, type Back } from "./engine";

export async function askService(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const services = await dialogue.outside((app) => app.store.catalog.listServices());
  if (services.length === 0) return dialogue.stop(dialogue.t("no-services"));
  const options = services.map((service) => ({ label: service.name[dialogue.locale], data: serviceData.pack({ serviceId: service.id }), value: service.id }));
  const serviceId = await dialogue.choose(dialogue.t("ask-service"), options, dialogue.navigation());
  if (serviceId === BACK) return BACK;
  if (serviceId !== draft.serviceId) forgetAppointment(draft, "service");
  draft.serviceId = serviceId;
  return "doctor";
}

export async function askDoctor(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const serviceId = draft.serviceId!;
  const doctors = await dialogue.outside((app) => app.store.catalog.doctorsFor(serviceId));
  const options = doctors.map((doctor) => ({
    label: `${doctor.name[dialogue.locale]} — ${doctor.specialty[dialogue.locale]}`,
    data: doctorData.pack({ doctorId: doctor.id }),
    value: doctor.id,
  }));
  const doctorId = await dialogue.choose(dialogue.t("ask-doctor"), options, dialogue.navigation());
  if (doctorId === BACK) return BACK;
  if (doctorId !== draft.doctorId) forgetAppointment(draft, "doctor");
  draft.doctorId = doctorId;
  return "day";
}

export async function askDay(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const doctorId = draft.doctorId!;
  const days = await dialogue.outside((app) => app.store.availability.availableDays(doctorId));
  if (days.length === 0) {
    await dialogue.say(dialogue.t("no-free-days"));
    return BACK;
  }
  const options = days.map((day) => ({ label: formatDay(day, dialogue.locale, dialogue.timeZone), data: dayData.pack({ day }), value: day }));
  const day = await dialogue.choose(dialogue.t("ask-day"), options, dialogue.navigation(), 2);
  if (day === BACK) return BACK;
  if (day !== draft.day) forgetAppointment(draft, "day");
  draft.day = day;
  return "time";
}

export async function askTime(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const doctorId = draft.doctorId!;
  const day = draft.day!;
  const slots = await dialogue.outside((app) => app.store.availability.freeSlotsOn(doctorId, day));
  if (slots.length === 0) {
    await dialogue.say(dialogue.t("no-free-times"));
    return BACK;
  }
  const options = slots.map((slot) => ({ label: formatTime(slot.startsAt, dialogue.locale, dialogue.timeZone), data: slotData.pack({ slotId: slot.id }), value: slot.id }));
  const text = dialogue.t("ask-time", { day: formatDay(day, dialogue.locale, dialogue.timeZone) });
  const slotId = await dialogue.choose(text, options, dialogue.navigation(), 4);
  if (slotId === BACK) return BACK;
  draft.slotId = slotId;
  return "summary";
}
