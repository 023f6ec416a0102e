import { Keyboard } from "grammy";
import { ADULT_AGE, ageOn, parseIin } from "../../domain/iin";
import { parsePersonName } from "../../domain/person-name";
import { parsePhone, type PhoneFailure } from "../../domain/phone";
import { notRepresentativeData, representativeData } from "../../domain/callback-data";
import { navigationKeyboard } from "../keyboards";
import { clinicPhone } from "../replies";
import type { DialogueContext } from "../context";
import type { Dialogue, Prompt, Reading } from "./dialogue";
import { BACK, type Back } from "./engine";

/**
 * The questions about the person who comes (IIN, full name, phone) and how their answers are read: the
 * booking dialogue and the correction dialogue ask and check exactly the same way, with the same messages.
 */

export type Relation = "self" | "other";

export interface IinAnswer {
  iin: string;
  birthDate: string;
  minor: boolean;
}

export interface PhoneAnswer {
  e164: string;
  /** Shared from the sender's own Telegram contact. */
  confirmed: boolean;
}

export function iinPrompt(dialogue: Dialogue, relation: Relation): Prompt {
  return {
    text: dialogue.t(relation === "self" ? "ask-iin-self" : "ask-iin-other"),
    keyboard: navigationKeyboard(dialogue.navigation()),
    expectsText: true,
  };
}

export function namePrompt(dialogue: Dialogue, relation: Relation): Prompt {
  return {
    text: dialogue.t(relation === "self" ? "ask-name-self" : "ask-name-other"),
    keyboard: navigationKeyboard(dialogue.navigation()),
    expectsText: true,
  };
}

/** A reply keyboard, because only it can carry Telegram's "share my number" button. */
export function phonePrompt(dialogue: Dialogue): Prompt {
  const { back, cancel } = dialogue.navigation();
  const keyboard = new Keyboard().requestContact(dialogue.t("button-share-phone")).row().text(back).text(cancel).resized().oneTime();
  return { text: dialogue.t("ask-phone"), keyboard, expectsText: true };
}

/**
 * A typed IIN: format, century, birth date and checksum, and whether the person is a minor today. A
 * minor cannot come as "self" (Law 94-V Art. 8: a parent or legal representative books them);
 * `minorSelfError` names the message that says what to do instead in this dialogue.
 */
export function readIin(dialogue: Dialogue, today: string, relation: Relation, minorSelfError = "iin-error-minor-self") {
  return (ctx: DialogueContext): Reading<IinAnswer> => {
    const text = ctx.message?.text;
    if (text === undefined) return undefined;
    const result = parseIin(text, today);
    if (!result.ok) return { ok: false, error: dialogue.t(reasonKey("iin-error", result.reason)) };
    const minor = ageOn(result.birthDate, today) < ADULT_AGE;
    if (minor && relation === "self") return { ok: false, error: dialogue.t(minorSelfError) };
    return { ok: true, value: { iin: result.iin, birthDate: result.birthDate, minor } };
  };
}

/**
 * Law 94-V Art. 8: for a minor, the booker confirms being their parent or legal representative. Someone
 * who is not is told who can book the child instead, and goes back to the IIN (it may be a typo).
 */
export async function askRepresentativeConfirmation(dialogue: Dialogue): Promise<true | Back> {
  const confirm = { label: dialogue.t("button-representative-yes"), data: representativeData.data, value: true as const };
  const decline = { label: dialogue.t("button-representative-no"), data: notRepresentativeData.data, value: false as const };
  const answer = await dialogue.choose(dialogue.t("ask-representative"), [confirm, decline], dialogue.navigation());
  if (answer !== false) return answer;
  const phone = dialogue.wording(clinicPhone);
  await dialogue.say(dialogue.t("representative-not", { phone }));
  return BACK;
}

export function readName(dialogue: Dialogue) {
  return (ctx: DialogueContext): Reading<string> => {
    const text = ctx.message?.text;
    if (text === undefined) return undefined;
    const result = parsePersonName(text);
    return result.ok ? { ok: true, value: result.fullName } : { ok: false, error: dialogue.t(reasonKey("name-error", result.reason)) };
  };
}

/** A typed number, or a shared contact; a contact whose user id is the sender's own counts as confirmed. */
export function readPhone(dialogue: Dialogue) {
  return (ctx: DialogueContext): Reading<PhoneAnswer> => {
    const contact = ctx.message?.contact;
    const typed = ctx.message?.text;
    if (!contact && typed === undefined) return undefined;
    const raw = contact ? withPlus(contact.phone_number) : typed!;
    const result = parsePhone(raw);
    if (!result.ok) return { ok: false, error: phoneError(dialogue, ctx, result.reason) };
    return { ok: true, value: { e164: result.e164, confirmed: Boolean(contact && contact.user_id === ctx.from?.id) } };
  };
}

/**
 * A number that is a phone but not a Kazakhstan mobile (a landline, a foreign number) cannot be used here,
 * yet its owner can still book by calling: those messages give the clinic's phone. Read live, not through
 * the replay log: a refused answer is skipped, so this text is never replayed.
 */
function phoneError(dialogue: Dialogue, ctx: DialogueContext, reason: PhoneFailure): string {
  const key = reasonKey("phone-error", reason);
  if (reason === "format") return dialogue.t(key);
  return dialogue.t(key, { clinicPhone: clinicPhone(ctx.app) });
}

/** Validation reasons are snake_case; locale keys are kebab-case. */
function reasonKey(prefix: string, reason: string): string {
  return `${prefix}-${reason.replaceAll("_", "-")}`;
}

/** Telegram sends shared contacts' numbers in international form, with or without the plus. */
function withPlus(phoneNumber: string): string {
  return phoneNumber.startsWith("+") ? phoneNumber : `+${phoneNumber}`;
}
