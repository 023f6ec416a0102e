import type { DialogueContext } from "../context";
import { localeOf } from "../i18n";
import { ensureConsent } from "./consent";
import { Dialogue, type DialogueConversation, type DialogueTexts } from "./dialogue";
import type { Draft } from "./draft";
import { runSteps } from "./steps";

export const BOOKING_CONVERSATION = "booking";

export const BOOKING_TEXTS: DialogueTexts = { cancelButton: "button-cancel", cancelled: "booking-cancelled", busy: "command-during-dialogue" };

/**
 * The booking dialogue: consent first (policy §1.2), then who is coming, their IIN, name and phone,
 * then service, doctor, day and time, a summary, and the booking itself.
 */
export async function booking(conversation: DialogueConversation, ctx: DialogueContext): Promise<void> {
  const dialogue = new Dialogue(conversation, ctx, await localeOf(ctx), BOOKING_TEXTS);
  const accountId = await ensureConsent(dialogue);
  const draft: Draft = {};
  await runSteps(dialogue, draft, accountId);
}
