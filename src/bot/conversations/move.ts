import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import type { App } from "../../app";
import { moveConfirmData } from "../../domain/callback-data";
import { withSession, type SessionOf } from "../../domain/courses";
import { DRAFT_TIMEOUT_MS } from "../../domain/drafts";
import { formatDateTime } from "../../domain/format";
import { localDateOf } from "../../domain/slots";
import type { MoveOutcome } from "../../services/bookings";
import type { BotContext, DialogueContext, PrivateContext } from "../context";
import { localeOf } from "../i18n";
import { blockedMessageKey, clinicPhone } from "../replies";
import type { BlockedBy } from "../../store/accounts";
import { askDay, askDoctor, askTime } from "./appointment-steps";
import { Dialogue, type DialogueConversation, type DialogueTexts } from "./dialogue";
import type { AppointmentStep, Draft } from "./draft";
import { BACK, DONE, runScript, type Back, type Done, type Place } from "./engine";
import { offerAlternatives } from "./summary-step";

export const MOVE_CONVERSATION = "move";

export const MOVE_TEXTS: DialogueTexts = { cancelButton: "move-button-keep", cancelled: "move-cancelled", busy: "move-command-during", leaving: "move-leave-question", expired: "move-draft-expired" };

type MoveStep = AppointmentStep | "alternatives";

/** The booking being moved, as its owner sees it. */
interface Moving {
  bookingId: string;
  number: string;
  serviceId: string;
  doctorId: string;
  startsAt: string;
  patientName: string;
  /** Several specialists give the service: the person may move to another of them. */
  otherDoctors: boolean;
  /** The clinic cancelled it (a specialist's absence): the family chooses a new time instead. */
  rebooking: boolean;
  /** A session of a course: which one, of how many. */
  session?: SessionOf;
}

/** What the move carries from one step to the next (engine.ts): plain JSON, stored encrypted. */
interface MoveRun {
  moving: Moving;
  draft: Draft;
  at: Place<MoveStep>;
}

/** `startWith`: the specialist whose times the move offers first. */
type Start = { ok: true; moving: Moving; startWith: string } | { ok: false; text: string };

/**
 * Moving a booking (from /appointments or a reminder): another day and time with the same specialist,
 * or another who gives the service, then one confirmation. The move itself is one transaction
 * (BookingService.move): if the new time was taken meanwhile nothing changes and the nearest free
 * times are offered.
 */
export async function move(conversation: DialogueConversation, ctx: DialogueContext, bookingId: string, run?: MoveRun): Promise<void> {
  const dialogue = new Dialogue(conversation, ctx, await localeOf(ctx), MOVE_TEXTS, MOVE_CONVERSATION);
  const { moving, draft } = run ?? (await begin(dialogue, bookingId));
  const first = moving.otherDoctors ? "doctor" : "day";
  await runScript<MoveStep>(
    {
      first,
      steps: {
        doctor: () => askDoctor(dialogue, draft, first === "doctor"),
        day: () => askDay(dialogue, draft, { opening: first === "day", anyDay: true, ...(moving.session ? { around: moving.startsAt } : {}) }),
        time: () => askTime(dialogue, draft),
        summary: () => confirmMove(dialogue, draft, moving),
        alternatives: () => offerAlternatives(dialogue, draft),
      },
    },
    dialogue.runFrom(run?.at, (at) => [bookingId, { moving, draft, at } satisfies MoveRun]),
  );
}

/** The booking to move, read once when the move begins; ends the dialogue when it cannot be moved. */
async function begin(dialogue: Dialogue, bookingId: string): Promise<Omit<MoveRun, "at">> {
  const start = await dialogue.outside((app, ctx) => startOf(app, ctx, bookingId));
  if (!start.ok) return dialogue.stop(start.text);
  const { moving } = start;
  await dialogue.say(dialogue.t(moving.rebooking ? "move-intro-rebook" : "move-intro", { details: describe(dialogue, moving) }));
  return { moving, draft: { key: moving.bookingId, serviceId: moving.serviceId, doctorId: start.startWith } };
}

/**
 * Only the sender's own booking: an open one still far enough ahead, or one the clinic cancelled for its
 * own reasons (BookingService.movable).
 */
function startOf(app: App, ctx: PrivateContext, bookingId: string): Start {
  const accountId = app.store.accounts.findAccountId(ctx.channel, ctx.chat.id);
  const movable = accountId ? app.services.bookings.movable(accountId, bookingId) : ({ ok: false, reason: "not_found" } as const);
  if (!movable.ok) {
    if (movable.reason === "blocked") return { ok: false, text: ctx.t(blockedMessageKey(app.store.accounts.blockOf(accountId!)?.blockedBy)) };
    return { ok: false, text: movable.reason === "too_late" ? ctx.t("move-too-late", { phone: clinicPhone(app) }) : ctx.t("appointment-not-found") };
  }
  const { id, number, serviceId, doctorId, startsAt, patientName, course } = movable.booking;
  // The specialist may have left the catalogue since (their bookings were cancelled as for an absence):
  // the new time is with one who gives the service now, and with nobody left the clinic's phone is the way.
  const active = app.store.catalog.doctorsFor(serviceId).map((doctor) => doctor.id);
  if (active.length === 0) return { ok: false, text: ctx.t("move-no-specialist", { phone: clinicPhone(app) }) };
  const startWith = active.includes(doctorId) ? doctorId : active[0]!;
  // A course keeps its specialist throughout: a session moves to another time with the same one.
  const sameSpecialist = course !== undefined && active.includes(doctorId);
  const moving = { bookingId: id, number, serviceId, doctorId, startsAt, patientName, otherDoctors: active.length > 1 && !sameSpecialist, rebooking: movable.rebooking, ...(course ? { session: { number: course.number, count: course.count } } : {}) };
  return { ok: true, moving, startWith };
}

async function confirmMove(dialogue: Dialogue, draft: Draft, moving: Moving): Promise<MoveStep | Back | Done> {
  const slotId = draft.slotId!;
  const target = await dialogue.outside((app) => {
    const slot = app.store.catalog.slot(slotId);
    return slot ? { startsAt: slot.startsAt, doctor: app.store.catalog.doctor(slot.doctorId)?.name[dialogue.locale] ?? "" } : null;
  });
  if (!target) {
    await dialogue.say(dialogue.t("slot-gone"));
    return "day";
  }
  const text = dialogue.t("move-summary", {
    details: describe(dialogue, moving),
    when: formatDateTime(target.startsAt, dialogue.locale, dialogue.timeZone),
    doctor: target.doctor,
  });
  const answer = await dialogue.choose(text, [{ label: dialogue.t("button-move-confirm"), data: moveConfirmData.data, value: "confirm" as const }], dialogue.navigation());
  if (answer === BACK) return BACK;
  const result = await dialogue.outside((app, ctx) => {
    const accountId = app.store.accounts.findAccountId(ctx.channel, ctx.chat.id) ?? "";
    const outcome = app.services.bookings.move({ accountId, bookingId: moving.bookingId, slotId, channel: ctx.channel });
    if (outcome.ok) {
      ctx.log.info({ bookingId: moving.bookingId }, "booking moved by the patient");
      app.staffAlerts.kick();
    }
    return { outcome, phone: clinicPhone(app), blockedBy: app.store.accounts.blockOf(accountId)?.blockedBy ?? null };
  });
  return afterMove(dialogue, draft, { ...result, number: moving.number, when: formatDateTime(target.startsAt, dialogue.locale, dialogue.timeZone) });
}

interface MoveResult {
  outcome: MoveOutcome;
  phone: string;
  blockedBy: BlockedBy | null;
  /** The booking's number and the new time as the person chose it. */
  number: string;
  when: string;
}

async function afterMove(dialogue: Dialogue, draft: Draft, { outcome, phone, blockedBy, number, when }: MoveResult): Promise<MoveStep | Done> {
  if (outcome.ok) {
    await dialogue.say(dialogue.t(outcome.rebooked ? "move-done-rebook" : "move-done", { number, when }));
    return DONE;
  }
  switch (outcome.reason) {
    case "slot_taken":
      await dialogue.say(dialogue.t("slot-taken"));
      return "alternatives";
    // Only a second Confirm finds the booking at the chosen time already (the reply to the first was
    // lost to a restart): the time the booking holds is never offered as free.
    case "same_slot":
      await dialogue.say(dialogue.t("move-already", { number, when }));
      return DONE;
    case "slot_unavailable":
      await dialogue.say(dialogue.t("slot-gone"));
      delete draft.slotId;
      return "day";
    case "overlap":
      await dialogue.say(
        dialogue.t("move-overlap", {
          when: formatDateTime(outcome.existing.startsAt, dialogue.locale, dialogue.timeZone),
        }),
      );
      delete draft.slotId;
      draft.day = localDateOf(outcome.existing.startsAt, dialogue.timeZone);
      return "day";
    case "too_late":
      return dialogue.stop(dialogue.t("move-too-late", { phone }));
    case "limit":
      return dialogue.stop(dialogue.t(`booking-limit-${outcome.limit === "person_service" ? "person-service" : outcome.limit}`, { max: outcome.max }));
    case "blocked":
      return dialogue.stop(dialogue.t(blockedMessageKey(blockedBy ?? undefined)));
    default:
      return dialogue.stop(dialogue.t(outcome.reason === "already_cancelled" ? "appointment-already-cancelled" : outcome.reason === "past" ? "appointment-past" : "appointment-not-found"));
  }
}

function describe(dialogue: Dialogue, moving: Moving): string {
  const names = dialogue.wording((app) => ({
    service: withSession(app.store.catalog.service(moving.serviceId)?.name[dialogue.locale] ?? "", moving.session, (session) => dialogue.t("session-label", { number: session.number, count: session.count })),
    doctor: app.store.catalog.doctor(moving.doctorId)?.name[dialogue.locale] ?? "",
  }));
  return dialogue.t("move-booking", {
    number: moving.number,
    patient: moving.patientName,
    when: formatDateTime(moving.startsAt, dialogue.locale, dialogue.timeZone),
    ...names,
  });
}

/** The move dialogue, for private chats only. */
export const moveDialogue = new Composer<BotContext>();
moveDialogue.chatType("private").use(createConversation(move, { id: MOVE_CONVERSATION, maxMillisecondsToWait: DRAFT_TIMEOUT_MS }));
