import type { App } from "../../app";
import { anyDoctorData, dayData, serviceAgeData, doctorData, earliestSlotData, joinWaitlistData, serviceData, slotData } from "../../domain/callback-data";
import { formatDateTime, formatDay, formatDayInSentence, formatTime } from "../../domain/format";
import type { CourseRule } from "../../domain/catalog";
import { mayStartOn } from "../../domain/courses";
import { ageOn } from "../../domain/iin";
import { localDateOf } from "../../domain/slots";
import type { FreeSlot } from "../../store/availability";
import type { SlotView } from "../../store/catalog";
import type { Dialogue, Option } from "./dialogue";
import { forgetAppointment, type AppointmentStep, type Draft } from "./draft";
import { BACK, type Back } from "./engine";

/**
 * The services with what each is, as the catalogue describes them; a service that one specialist
 * provides skips the specialist question (its Back returns here).
 */
export async function askService(dialogue: Dialogue, draft: Draft): Promise<AppointmentStep | Back> {
  const { services, today } = await dialogue.outside((app) => ({
    services: app.store.catalog.listServices().map(({ id, ages }) => ({ id, ages: ages ?? null, doctorIds: app.store.catalog.doctorsFor(id).map((doctor) => doctor.id) })),
    today: localDateOf(app.clock.now(), app.timeZone),
  }));
  if (services.length === 0) return dialogue.stop(dialogue.t("no-services"));
  // What the services are called and what they are only words the question: read anew, not kept in
  // the replay log (two languages of names and descriptions would more than double the stored state).
  const wordings = dialogue.wording((app) => new Map(app.store.catalog.listServices().map((service) => [service.id, service])));
  const named = services.map((service) => ({ ...service, name: wordings.get(service.id)?.name[dialogue.locale] ?? service.id }));
  const options = named.map((service) => ({ label: service.name, data: serviceData.pack({ serviceId: service.id }), value: service }));
  const described = named.map(({ id, name }) => {
    const description = wordings.get(id)?.description?.[dialogue.locale];
    return description ? dialogue.t("service-described", { name, description }) : name;
  });
  let service: (typeof named)[number];
  for (;;) {
    const answer = await dialogue.choose(dialogue.t("ask-service", { services: described.join("\n\n") }), options, dialogue.navigation());
    if (answer === BACK) return BACK;
    service = answer;
    if (await suitsTheAge(dialogue, draft, service, today)) break;
  }
  if (service.id !== draft.serviceId) forgetAppointment(draft, "service");
  draft.serviceId = service.id;
  if (service.doctorIds.length !== 1) return "doctor";
  const onlyDoctor = service.doctorIds[0]!;
  if (onlyDoctor !== draft.doctorId) forgetAppointment(draft, "doctor");
  draft.doctorId = onlyDoctor;
  return "day";
}

/**
 * A service meant for other ages (a paediatric consultation for an adult) is questioned, not refused:
 * the catalogue's range is a guide, and the family may know better. True when the booking goes on.
 */
async function suitsTheAge(
  dialogue: Dialogue,
  draft: Draft,
  service: { name: string; ages: { min: number | null; max: number | null } | null },
  today: string,
): Promise<boolean> {
  if (!service.ages || draft.birthDate === undefined) return true;
  const age = ageOn(draft.birthDate, today);
  const { min, max } = service.ages;
  if ((min === null || age >= min) && (max === null || age <= max)) return true;
  const range =
    min !== null && max !== null ? dialogue.t("service-ages-between", { min, max }) : min !== null ? dialogue.t("service-ages-from", { min }) : dialogue.t("service-ages-under", { limit: max! + 1 });
  const question = dialogue.t("service-age-question", { service: service.name, range, age });
  const answer = await dialogue.choose(
    question,
    [
      { label: dialogue.t("button-service-age-go-on"), data: serviceAgeData.pack({ answer: "yes" }), value: true },
      { label: dialogue.t("button-service-age-other"), data: serviceAgeData.pack({ answer: "no" }), value: false },
    ],
    { cancel: dialogue.navigation().cancel },
  );
  return answer === true;
}

/**
 * Where several specialists provide the service, "whoever is free first" comes before their names.
 * `opening`: the dialogue's first question (moving a booking), which has nothing to go back to.
 */
export async function askDoctor(dialogue: Dialogue, draft: Draft, opening = false): Promise<AppointmentStep | Back> {
  const serviceId = draft.serviceId!;
  const { doctorIds, earliest } = await dialogue.outside((app) => {
    const doctorIds = app.store.catalog.doctorsFor(serviceId).map((doctor) => doctor.id);
    return { doctorIds, earliest: doctorIds.length > 1 ? earliestSlotOf(app, doctorIds, serviceId, app.store.catalog.service(serviceId)?.course) : null };
  });
  // Who the specialists are only words the buttons: read anew, not kept in the replay log.
  const names = dialogue.wording((app) => new Map(doctorIds.map((id) => [id, app.store.catalog.doctor(id)])));
  const options: Option<string | SlotView>[] = doctorIds.map((doctorId) => {
    const doctor = names.get(doctorId);
    return { label: doctor ? `${doctor.name[dialogue.locale]} — ${doctor.specialty[dialogue.locale]}` : doctorId, data: doctorData.pack({ doctorId }), value: doctorId };
  });
  if (earliest) options.unshift({ label: dialogue.t("button-any-doctor", { when: formatDateTime(earliest.startsAt, dialogue.locale, dialogue.timeZone) }), data: anyDoctorData.data, value: earliest });
  const answer = await dialogue.choose(dialogue.t("ask-doctor"), options, navigationOf(dialogue, opening));
  if (answer === BACK) return BACK;
  if (typeof answer === "object") return takeSlot(dialogue, draft, answer);
  if (answer !== draft.doctorId) forgetAppointment(draft, "doctor");
  draft.doctorId = answer;
  return "day";
}

/**
 * The days with free time, led by the specialist's earliest free time for a one-tap choice. With
 * `waitlist` (the booking dialogue), the last option is "nothing fits", which leads to the waiting list,
 * and with no free day at all the waiting list is offered instead of the days. `opening`: the
 * dialogue's first question, which offers no Back.
 */
export function askDay(dialogue: Dialogue, draft: Draft, options?: { waitlist?: false; opening?: boolean; anyDay?: boolean; around?: string }): Promise<AppointmentStep | Back>;
export function askDay(dialogue: Dialogue, draft: Draft, options: { waitlist: true; opening?: boolean }): Promise<AppointmentStep | "waitlist" | Back>;
export async function askDay(dialogue: Dialogue, draft: Draft, options: { waitlist?: boolean; opening?: boolean; anyDay?: boolean; around?: string } = {}): Promise<AppointmentStep | "waitlist" | Back> {
  const doctorId = draft.doctorId!;
  const serviceId = draft.serviceId!;
  // Moving one session of a course (`anyDay`) is not choosing a course's first day.
  const firstOfCourse = options.anyDay !== true;
  const { days, earliest, course } = await dialogue.outside((app) => {
    const course = firstOfCourse ? app.store.catalog.service(serviceId)?.course : undefined;
    const days = app.store.availability
      .availableDays(doctorId, serviceId, options.around === undefined ? undefined : daysAfter(options.around, NEAR_DAYS))
      .filter((day) => (!course || mayStartOn(course, day)) && (options.around === undefined || isNear(day, options.around, dialogue.timeZone)));
    // Around a session's time, the one-tap time is the first of those days, not the soonest of all.
    const earliest = options.around === undefined ? earliestSlotOf(app, [doctorId], serviceId, course) : firstSlotOn(app, doctorId, serviceId, days[0]);
    return { days, earliest, course: course ? { startsTogether: course.startDates !== undefined } : null };
  });
  const joinWaitlist: Option<string> = { label: dialogue.t(days.length === 0 ? "button-waitlist-join" : "button-waitlist-none-fit"), data: joinWaitlistData.data, value: WAITLIST, last: true };
  if (days.length === 0 || !earliest) {
    // The dialogue's first question has nowhere to go back to: it ends, saying why.
    if (options.opening === true) return dialogue.stop(dialogue.t("no-free-days-to-move"));
    if (options.waitlist !== true) {
      await dialogue.say(dialogue.t("no-free-days"));
      return BACK;
    }
    const join = await dialogue.choose(dialogue.t("no-free-days-waitlist"), [joinWaitlist], dialogue.navigation());
    return join === BACK ? BACK : "waitlist";
  }
  const choices: Option<string | SlotView>[] = [
    { label: dialogue.t("button-earliest-slot", { when: formatDateTime(earliest.startsAt, dialogue.locale, dialogue.timeZone) }), data: earliestSlotData.pack({ slotId: earliest.id }), value: earliest, wide: true },
    ...days.map((day) => ({ label: formatDay(day, dialogue.locale, dialogue.timeZone), data: dayData.pack({ day }), value: day })),
    ...(options.waitlist === true ? [joinWaitlist] : []),
  ];
  const question = course ? (course.startsTogether ? "ask-course-start" : "ask-course-day") : "ask-day";
  const day = await dialogue.choose(dialogue.t(question), choices, navigationOf(dialogue, options.opening === true), 2);
  if (day === BACK) return BACK;
  if (day === WAITLIST) return "waitlist";
  if (typeof day === "object") return takeSlot(dialogue, draft, day);
  if (day !== draft.day) forgetAppointment(draft, "day");
  draft.day = day;
  return "time";
}

function firstSlotOn(app: App, doctorId: string, serviceId: string, day: string | undefined): SlotView | null {
  const first = day === undefined ? undefined : app.store.availability.freeSlotsOn(doctorId, day, serviceId)[0];
  return first ? { id: first.id, doctorId: first.doctorId, startsAt: first.startsAt, endsAt: first.endsAt } : null;
}

/** A session of a course moves within a week either side of its time, even past the booking window. */
const NEAR_DAYS = 7;

function daysAfter(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * 86_400_000).toISOString();
}

function isNear(day: string, around: string, timeZone: string): boolean {
  const from = localDateOf(daysAfter(around, -NEAR_DAYS), timeZone);
  const until = localDateOf(daysAfter(around, NEAR_DAYS), timeZone);
  return day >= from && day <= until;
}

/** A dialogue's first question offers only its way out: a Back there would lead nowhere. */
function navigationOf(dialogue: Dialogue, opening: boolean) {
  return opening ? { cancel: dialogue.navigation().cancel } : dialogue.navigation();
}

/** The day question's answer "nothing fits": a value no local date (YYYY-MM-DD) can be. */
const WAITLIST = "waitlist";

/**
 * The soonest free time among the specialists for the service; for a course, on a day it may start on.
 * `course` undefined: any day (moving one session of a course).
 */
function earliestSlotOf(app: App, doctorIds: string[], serviceId: string, course: CourseRule | undefined): SlotView | null {
  const onStartDay = (slot: SlotView) => !course || mayStartOn(course, localDateOf(slot.startsAt, app.timeZone));
  const soonest = doctorIds.flatMap((doctorId) => app.store.availability.nearestFreeSlots(doctorId, course ? Number.MAX_SAFE_INTEGER : 1, serviceId).filter(onStartDay).slice(0, 1));
  return soonest.map(({ id, doctorId, startsAt, endsAt }) => ({ id, doctorId, startsAt, endsAt })).sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0] ?? null;
}

function takeSlot(dialogue: Dialogue, draft: Draft, slot: SlotView): AppointmentStep {
  draft.doctorId = slot.doctorId;
  draft.day = localDateOf(slot.startsAt, dialogue.timeZone);
  draft.slotId = slot.id;
  return "summary";
}

/** A free time as the time question offers it. */
type OfferedTime = Pick<FreeSlot, "id" | "startsAt" | "placesLeft">;

export async function askTime(dialogue: Dialogue, draft: Draft): Promise<AppointmentStep | Back> {
  const doctorId = draft.doctorId!;
  const day = draft.day!;
  const serviceId = draft.serviceId!;
  // Only what the buttons need goes into the replay log: the stored state of this step stays small
  // enough to be written without deflating it (conversation-storage.ts).
  const slots = await dialogue.outside((app) =>
    app.store.availability.freeSlotsOn(doctorId, day, serviceId).map(({ id, startsAt, placesLeft }): OfferedTime => ({ id, startsAt, ...(placesLeft === undefined ? {} : { placesLeft }) })),
  );
  if (slots.length === 0) {
    await dialogue.say(dialogue.t("no-free-times"));
    return BACK;
  }
  // A group session says how many places each time has left.
  const label = (slot: OfferedTime) => {
    const time = formatTime(slot.startsAt, dialogue.locale, dialogue.timeZone);
    return slot.placesLeft === undefined ? time : dialogue.t("slot-places-left", { time, places: slot.placesLeft });
  };
  const options = slots.map((slot) => ({ label: label(slot), data: slotData.pack({ slotId: slot.id }), value: slot.id }));
  const text = dialogue.t("ask-time", { day: formatDayInSentence(day, dialogue.locale, dialogue.timeZone) });
  const slotId = await dialogue.choose(text, options, dialogue.navigation(), slots[0]?.placesLeft === undefined ? 4 : 2);
  if (slotId === BACK) return BACK;
  draft.slotId = slotId;
  return "summary";
}
