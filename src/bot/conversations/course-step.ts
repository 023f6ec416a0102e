import type { App } from "../../app";
import { isWholePlan, type PlannedSession } from "../../domain/courses";
import { formatDateTime, formatDay } from "../../domain/format";
import { localDateOf } from "../../domain/slots";
import type { FreeSlot } from "../../store/availability";
import type { BookingView } from "../../store/bookings";
import type { PrivateContext } from "../context";
import { blockedMessageKey } from "../replies";
import type { Dialogue } from "./dialogue";
import { type checkDraft, explained, explainRefusal } from "./fair-use-step";
import { forgetAppointment, type BookingStep, type CompleteDraft } from "./draft";
import { DONE, type Done } from "./engine";
import { clinicWording, requestOf, type AppointmentFacts } from "./appointment-facts";

/** A course's plan in which every session has its time: the only kind the summary offers to confirm. */
export type WholePlan = (PlannedSession<FreeSlot> & { slot: FreeSlot })[];

/**
 * The plan of every session from the chosen first time; or, when that cannot be booked, the step where
 * the person chooses again: the first time's alternatives when it was taken meanwhile, another day when
 * a later session has no free time anywhere near its date.
 */
export async function planCourseOf(dialogue: Dialogue, draft: CompleteDraft, accountId: string): Promise<WholePlan | BookingStep> {
  const plan = await dialogue.outside((app) => app.services.courses.plan({ accountId, iin: draft.iin, serviceId: draft.serviceId, firstSlotId: draft.slotId }) ?? null);
  if (!plan) {
    forgetAppointment(draft, "service");
    await dialogue.say(dialogue.t("slot-gone"));
    return "service";
  }
  if (plan.length === 0) {
    await dialogue.say(dialogue.t("slot-taken"));
    return "alternatives";
  }
  if (!isWholePlan(plan)) {
    const missing = plan.find((session) => session.slot === null)!;
    await dialogue.say(dialogue.t("course-plan-missing", { number: missing.number, wanted: formatDateTime(missing.wanted, dialogue.locale, dialogue.timeZone) }));
    forgetAppointment(draft, "day");
    return "day";
  }
  return plan;
}

/** Would the course be refused under fair use (a limit reached; an overlap the plan could not avoid)? */
export function checkCourse(dialogue: Dialogue, draft: CompleteDraft, accountId: string, plan: WholePlan): ReturnType<typeof checkDraft> {
  const sessions = plan.map(({ slot }) => ({ startsAt: slot.startsAt, endsAt: slot.endsAt }));
  return dialogue.outside((app) => {
    const refusal = app.services.courses.fairUse({ accountId, iin: draft.iin, serviceId: draft.serviceId, sessions });
    return refusal && explained(app, refusal, dialogue.locale);
  });
}

/** Every session on its own line; one whose rhythm's time was taken says so next to the time it gets. */
export function coursePlanText(dialogue: Dialogue, plan: WholePlan): string {
  const when = (instant: string) => formatDateTime(instant, dialogue.locale, dialogue.timeZone);
  // Why a session is not at its rhythm's time words the plan only: it is read anew, never kept in the replay log.
  const closedOn = (instant: string) => dialogue.wording((app) => app.store.catalog.closedDay(localDateOf(instant, dialogue.timeZone))?.[dialogue.locale]);
  const sessions = plan.map(({ number, wanted, slot }) => {
    if (slot.startsAt === wanted) return dialogue.t("course-plan-session", { number, when: when(slot.startsAt) });
    const holiday = closedOn(wanted);
    const day = formatDay(wanted, dialogue.locale, dialogue.timeZone);
    return holiday ? dialogue.t("course-plan-closed", { number, when: when(slot.startsAt), day, holiday }) : dialogue.t("course-plan-moved", { number, when: when(slot.startsAt), wanted: when(wanted) });
  });
  return dialogue.t("course-plan", { count: plan.length, sessions: sessions.join("\n") });
}

/**
 * Books the whole course at once. A session taken meanwhile books nothing: the plan is made again and
 * shown (the first session's time lost sends the person to its alternatives, as a single booking does).
 */
export async function confirmCourse(dialogue: Dialogue, draft: CompleteDraft, accountId: string, facts: AppointmentFacts, plan: WholePlan): Promise<BookingStep | Done> {
  const { outcome, refused } = await dialogue.outside((app, ctx) => {
    const outcome = bookCourse(app, ctx, draft, accountId, plan);
    return { outcome, refused: !outcome.ok && (outcome.reason === "overlap" || outcome.reason === "limit") ? explained(app, outcome, dialogue.locale) : undefined };
  });
  if (refused) return explainRefusal(dialogue, draft, refused);
  if (outcome.ok) {
    if (outcome.repeated) await dialogue.say(dialogue.t("booked-already"));
    await dialogue.say(bookedText(dialogue, draft, facts, outcome.sessions));
    return DONE;
  }
  switch (outcome.reason) {
    case "no_consent":
      return dialogue.stop(dialogue.t("consent-missing"));
    case "draft_cancelled":
      return dialogue.stop(dialogue.t("booking-draft-cancelled"));
    case "blocked": {
      const blockedBy = await dialogue.outside((app) => app.store.accounts.blockOf(accountId)?.blockedBy);
      return dialogue.stop(dialogue.t(blockedMessageKey(blockedBy)));
    }
    case "not_a_course":
      forgetAppointment(draft, "service");
      await dialogue.say(dialogue.t("slot-gone"));
      return "service";
    case "session_taken":
      if (outcome.session === 1) {
        await dialogue.say(dialogue.t("slot-taken"));
        return "alternatives";
      }
      await dialogue.say(dialogue.t("course-plan-changed", { number: outcome.session }));
      return "summary";
    default:
      // Overlaps and limits were explained above, with the service of the booking in the way.
      return explainRefusal(dialogue, draft, { refusal: outcome, existingService: undefined });
  }
}

function bookCourse(app: App, ctx: PrivateContext, draft: CompleteDraft, accountId: string, plan: WholePlan) {
  const outcome = app.services.courses.book({ ...requestOf(app, ctx, draft, accountId), slotIds: plan.map((session) => session.slot.id) });
  if (outcome.ok && !outcome.repeated) {
    ctx.log.info({ courseId: outcome.sessions[0]?.course?.id, sessions: outcome.sessions.length }, "course booked");
    app.staffAlerts.kick();
  }
  return outcome;
}

function bookedText(dialogue: Dialogue, draft: CompleteDraft, facts: AppointmentFacts, sessions: BookingView[]): string {
  const lines = sessions.map((session) =>
    dialogue.t("course-booked-session", { number: session.course?.number ?? 1, when: formatDateTime(session.startsAt, dialogue.locale, dialogue.timeZone), booking: session.number }),
  );
  return dialogue.t("course-booked", {
    who: draft.relation,
    name: draft.fullName,
    service: facts.service,
    doctor: facts.doctor,
    sessions: lines.join("\n"),
    ...clinicWording(dialogue, draft, facts),
  });
}
