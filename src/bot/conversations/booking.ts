import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import { DRAFT_TIMEOUT_MS } from "../../domain/drafts";
import type { BotContext, DialogueContext } from "../context";
import { localeOf } from "../i18n";
import { askDay, askDoctor, askService, askTime } from "./appointment-steps";
import { ensureConsent } from "./consent";
import { Dialogue, type DialogueConversation, type DialogueTexts } from "./dialogue";
import { isComplete, type BookingStep, type Draft } from "./draft";
import { runScript, type Place } from "./engine";
import { askIin, askName, askPhone, askRepresentative, askWho } from "./person-steps";
import { askWhatToChange, offerAlternatives, showSummary } from "./summary-step";
import { askWaitlist } from "./waitlist-step";

export const BOOKING_CONVERSATION = "booking";

export const BOOKING_TEXTS: DialogueTexts = {
  cancelButton: "button-cancel",
  cancelled: "booking-cancelled",
  busy: "command-during-dialogue",
  leaving: "booking-leave-question",
  expired: "booking-draft-expired",
};

/** What the booking carries from one step to the next (engine.ts): plain JSON, stored encrypted. */
interface BookingRun {
  accountId: string;
  draft: Draft;
  at: Place<BookingStep>;
  /** The person picked something to change on the summary and has not come back to it yet. */
  changing: boolean;
}

/**
 * The booking dialogue: consent first (policy §1.2), then who is coming, their IIN, name and phone,
 * then service, doctor, day and time, a summary, and the booking itself; or, when no time fits, the
 * waiting list. Each step is a run of its own, begun with what the steps before it collected (`run`).
 */
export async function booking(conversation: DialogueConversation, ctx: DialogueContext, run?: BookingRun): Promise<void> {
  const dialogue = new Dialogue(conversation, ctx, await localeOf(ctx), BOOKING_TEXTS, BOOKING_CONVERSATION);
  const accountId = run?.accountId ?? (await ensureConsent(dialogue));
  const draft: Draft = run?.draft ?? { key: await dialogue.outside((app) => app.ids.newId()) };
  const state: Omit<BookingRun, "at"> = { accountId, draft, changing: run?.changing ?? false };
  await runScript<BookingStep>(
    {
      first: "who",
      steps: {
        who: () => askWho(dialogue, draft, accountId),
        iin: () => askIin(dialogue, draft, accountId),
        representative: () => askRepresentative(dialogue, draft),
        name: () => askName(dialogue, draft),
        phone: () => askPhone(dialogue, draft),
        service: () => askService(dialogue, draft),
        doctor: () => askDoctor(dialogue, draft),
        day: () => askDay(dialogue, draft, { waitlist: true }),
        time: () => askTime(dialogue, draft),
        summary: () => showSummary(dialogue, draft, accountId),
        change: () => askWhatToChange(dialogue, draft),
        alternatives: () => offerAlternatives(dialogue, draft),
        waitlist: () => askWaitlist(dialogue, draft, accountId),
      },
      route: (from, next) => backToSummaryAfterChange(state, from, next),
    },
    dialogue.runFrom(run?.at, (at) => [{ ...state, at } satisfies BookingRun]),
  );
}

/**
 * After the person picks something to change on the summary, the first step that leaves the draft
 * complete leads straight back to the summary; from there everything works as before (another change,
 * a lost slot's alternatives).
 */
function backToSummaryAfterChange(state: { draft: Draft; changing: boolean }, from: BookingStep, next: BookingStep): BookingStep {
  if (from === "change") {
    state.changing = true;
    return next;
  }
  if (state.changing && isComplete(state.draft)) {
    state.changing = false;
    return "summary";
  }
  return next;
}

/** The booking dialogue, for private chats only (the conversation plugin is installed for them alone). */
export const bookingDialogue = new Composer<BotContext>();
bookingDialogue.chatType("private").use(createConversation(booking, { id: BOOKING_CONVERSATION, maxMillisecondsToWait: DRAFT_TIMEOUT_MS }));
