import { maskIin } from "../../domain/iin";
import { formatPhoneForDisplay } from "../../domain/phone";
import { localDateOf } from "../../domain/slots";
import type { BookingOutcome } from "../../services/bookings";
import type { App } from "../../app";
import { formatDateTime, formatDay, formatTime } from "../../domain/format";
import { changeData, otherDayData, slotData, SUMMARY_CHANGES, summaryData } from "../../domain/callback-data";
import type { PrivateContext } from "../context";
import { blockedMessageKey } from "../replies";
import type { Dialogue, Option } from "./dialogue";
import { checkDraft, explained, explainRefusal } from "./fair-use-step";
import { firstMissingStep, forgetAppointment, isComplete, type AppointmentStep, type BookingStep, type CompleteDraft, type Draft } from "./draft";
import { BACK, DONE, type Back, type Done } from "./engine";
import { appointmentFacts, clinicWording, requestOf, type AppointmentFacts } from "./appointment-facts";
import { checkCourse, confirmCourse, coursePlanText, planCourseOf } from "./course-step";

const ALTERNATIVE_SLOTS = 6;

export async function showSummary(dialogue: Dialogue, draft: Draft, accountId: string): Promise<BookingStep | Back | Done> {
  // Back from a half-made change can reach the summary with a gap: ask what is missing, nothing more.
  if (!isComplete(draft)) return firstMissingStep(draft)!;
  const facts = await appointmentFacts(dialogue, draft);
  if (!facts) {
    forgetAppointment(draft, "day");
    await dialogue.say(dialogue.t("slot-gone"));
    return "service";
  }
  const planned = facts.course ? await planCourseOf(dialogue, draft, accountId) : undefined;
  if (typeof planned === "string") return planned;
  const plan = planned;
  const refused = plan ? await checkCourse(dialogue, draft, accountId, plan) : await checkDraft(dialogue, draft, accountId);
  if (refused) return explainRefusal(dialogue, draft, refused);
  const savedChanges = await dialogue.outside((app) => changesToSavedPerson(app, accountId, draft) ?? null);
  const summary = dialogue.t("summary", {
    relation: dialogue.t(draft.relation === "self" ? "summary-relation-self" : draft.minor ? "summary-relation-child" : "summary-relation-other"),
    name: draft.fullName,
    iin: maskIin(draft.iin),
    phone: formatPhoneForDisplay(draft.phone),
    service: facts.service,
    doctor: facts.doctor,
    when: plan ? coursePlanText(dialogue, plan) : formatDateTime(facts.startsAt, dialogue.locale, dialogue.timeZone),
    address: facts.address,
  });
  const text = savedChanges ? `${summary}\n\n${savedChangesText(dialogue, savedChanges)}` : summary;
  const choice = await dialogue.choose(
    text,
    [
      { label: dialogue.t(plan ? "button-confirm-course" : "button-confirm"), data: summaryData.pack({ choice: "confirm" }), value: "confirm" as const },
      { label: dialogue.t("button-change"), data: summaryData.pack({ choice: "change" }), value: "change" as const },
    ],
    dialogue.navigation(),
  );
  if (choice === BACK) return BACK;
  if (choice === "change") return "change";
  return plan ? confirmCourse(dialogue, draft, accountId, facts, plan) : confirm(dialogue, draft, accountId, facts);
}

async function confirm(dialogue: Dialogue, draft: CompleteDraft, accountId: string, facts: AppointmentFacts): Promise<BookingStep | Done> {
  const { outcome, refused } = await dialogue.outside((app, ctx) => {
    const outcome = book(app, ctx, draft, accountId);
    // Another device of the account may have booked since the summary was shown.
    return { outcome, refused: !outcome.ok && (outcome.reason === "overlap" || outcome.reason === "limit") ? explained(app, outcome, dialogue.locale) : undefined };
  });
  if (refused) return explainRefusal(dialogue, draft, refused);
  if (outcome.ok) {
    if (outcome.repeated) await dialogue.say(dialogue.t("booked-already"));
    await dialogue.say(
      dialogue.t("booked", {
        number: outcome.booking.number,
        date: formatDay(outcome.booking.startsAt, dialogue.locale, dialogue.timeZone),
        time: formatTime(outcome.booking.startsAt, dialogue.locale, dialogue.timeZone),
        service: facts.service,
        doctor: facts.doctor,
        who: draft.relation,
        name: draft.fullName,
        ...clinicWording(dialogue, draft, facts),
      }),
    );
    return DONE;
  }
  if (outcome.reason === "no_consent") return dialogue.stop(dialogue.t("consent-missing"));
  if (outcome.reason === "draft_cancelled") return dialogue.stop(dialogue.t("booking-draft-cancelled"));
  if (outcome.reason === "blocked") {
    const blockedBy = await dialogue.outside((app) => app.store.accounts.blockOf(accountId)?.blockedBy);
    return dialogue.stop(dialogue.t(blockedMessageKey(blockedBy)));
  }
  await dialogue.say(dialogue.t(outcome.reason === "slot_taken" ? "slot-taken" : "slot-gone"));
  return "alternatives";
}

function book(app: App, ctx: PrivateContext, draft: CompleteDraft, accountId: string): BookingOutcome {
  const outcome = app.services.bookings.book({ ...requestOf(app, ctx, draft, accountId), slotId: draft.slotId });
  if (outcome.ok && !outcome.repeated) {
    ctx.log.info({ bookingId: outcome.booking.id }, "booking confirmed");
    app.staffAlerts.kick();
  }
  return outcome;
}

interface SavedChanges {
  changes: { field: "name" | "phone"; old: string; new: string }[];
  /** The person's other upcoming bookings, which show the new details once this one is confirmed. */
  upcoming: number;
}

/** What confirming would change about a person the account saved, typed again with other details. */
function changesToSavedPerson(app: App, accountId: string, draft: CompleteDraft): SavedChanges | undefined {
  const saved = app.store.patients.linkedPersonByIin(accountId, draft.iin);
  if (!saved) return undefined;
  const changes: SavedChanges["changes"] = [];
  if (saved.fullName !== draft.fullName) changes.push({ field: "name", old: saved.fullName, new: draft.fullName });
  if (saved.phone !== draft.phone) changes.push({ field: "phone", old: formatPhoneForDisplay(saved.phone), new: formatPhoneForDisplay(draft.phone) });
  if (changes.length === 0) return undefined;
  const upcoming = app.store.bookings.upcomingHeldBy(accountId).filter((booking) => booking.patientId === saved.patientId).length;
  return { changes, upcoming };
}

function savedChangesText(dialogue: Dialogue, { changes, upcoming }: SavedChanges): string {
  const lines = changes.map((change) => dialogue.t("summary-saved-change", { field: dialogue.t(`button-change-${change.field}`), old: change.old, new: change.new }));
  return dialogue.t("summary-saved-changes", { changes: lines.join("\n"), upcoming });
}

/** After losing a slot to someone else: the specialist's free slots nearest to it, or another day. */
export async function offerAlternatives(dialogue: Dialogue, draft: Draft): Promise<AppointmentStep | Back> {
  const doctorId = draft.doctorId!;
  const serviceId = draft.serviceId;
  const lostSlotId = draft.slotId;
  const slots = await dialogue.outside((app) => {
    const lost = lostSlotId === undefined ? undefined : app.store.catalog.slot(lostSlotId);
    const { availability } = app.store;
    return lost ? availability.freeSlotsNear(doctorId, lost.startsAt, ALTERNATIVE_SLOTS, serviceId) : availability.nearestFreeSlots(doctorId, ALTERNATIVE_SLOTS, serviceId);
  });
  delete draft.slotId;
  if (slots.length === 0) {
    await dialogue.say(dialogue.t("no-free-days"));
    return "doctor";
  }
  const options: Option<(typeof slots)[number] | "other-day">[] = [
    ...slots.map((slot) => ({ label: formatDateTime(slot.startsAt, dialogue.locale, dialogue.timeZone), data: slotData.pack({ slotId: slot.id }), value: slot })),
    { label: dialogue.t("button-other-day"), data: otherDayData.data, value: "other-day" },
  ];
  const slot = await dialogue.choose(dialogue.t("ask-alternative"), options, { cancel: dialogue.navigation().cancel });
  if (slot === BACK) return BACK;
  if (slot === "other-day") return "day";
  draft.slotId = slot.id;
  draft.day = localDateOf(slot.startsAt, dialogue.timeZone);
  return "summary";
}

/** "Change" on the summary: pick one thing; after it the dialogue comes straight back to the summary. */
export async function askWhatToChange(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const options = SUMMARY_CHANGES.map((step) => ({ label: dialogue.t(`button-change-${step}`), data: changeData.pack({ step }), value: step }));
  const field = await dialogue.choose(dialogue.t("ask-change"), options, { back: dialogue.t("button-back") }, 2);
  if (field === BACK) return BACK;
  if (field === "day") delete draft.slotId;
  return field;
}
