import { Keyboard } from "grammy";
import { ageOn, parseIin } from "../../domain/iin";
import { parsePersonName } from "../../domain/person-name";
import { formatPhoneForDisplay, parsePhone } from "../../domain/phone";
import { localDateOf } from "../../domain/slots";
import { choiceKeyboard, navigationKeyboard } from "../keyboards";
import { BACK, type Back, type Dialogue } from "./dialogue";
import { forgetPerson, type Draft } from "./draft";
import type { StepName } from "./steps";

const ADULT_AGE = 18;

export async function askWho(dialogue: Dialogue, draft: Draft): Promise<StepName | Back> {
  const keyboard = choiceKeyboard(
    [
      { label: dialogue.t("button-who-self"), data: "who:self" },
      { label: dialogue.t("button-who-other"), data: "who:other" },
    ],
    { cancel: dialogue.t("button-cancel") },
  );
  const relation = await dialogue.ask<"self" | "other">({ text: dialogue.t("ask-who"), keyboard }, (ctx) => {
    const data = ctx.callbackQuery?.data;
    return data === "who:self" || data === "who:other" ? { ok: true, value: data === "who:self" ? "self" : "other" } : undefined;
  }, false);
  if (relation === BACK) return BACK;
  if (draft.relation && draft.relation !== relation) forgetPerson(draft);
  draft.relation = relation;
  return "iin";
}

export async function askIin(dialogue: Dialogue, draft: Draft): Promise<StepName | Back> {
  const today = await dialogue.outside((app) => localDateOf(app.clock.now(), app.timeZone));
  const prompt = {
    text: dialogue.t(draft.relation === "self" ? "ask-iin-self" : "ask-iin-other"),
    keyboard: navigationKeyboard({ back: dialogue.t("button-back"), cancel: dialogue.t("button-cancel") }),
    expectsText: true,
  };
  const parsed = await dialogue.ask(prompt, (ctx) => {
    const text = ctx.message?.text;
    if (text === undefined) return undefined;
    const result = parseIin(text, today);
    if (!result.ok) return { ok: false, error: dialogue.t(reasonKey("iin-error", result.reason)) };
    const minor = ageOn(result.birthDate, today) < ADULT_AGE;
    if (minor && draft.relation === "self") return { ok: false, error: dialogue.t("iin-error-minor-self") };
    return { ok: true, value: { ...result, minor } };
  });
  if (parsed === BACK) return BACK;
  if (parsed.iin !== draft.iin) delete draft.representativeConfirmed;
  draft.iin = parsed.iin;
  draft.birthDate = parsed.birthDate;
  draft.minor = parsed.minor;
  return parsed.minor ? "representative" : "name";
}

/** Law 94-V Art. 8: for a minor, consent is given by a parent or legal representative. */
export async function askRepresentative(dialogue: Dialogue, draft: Draft): Promise<StepName | Back> {
  const keyboard = choiceKeyboard([{ label: dialogue.t("button-representative-yes"), data: "representative:yes" }], {
    back: dialogue.t("button-back"),
    cancel: dialogue.t("button-cancel"),
  });
  const answer = await dialogue.ask({ text: dialogue.t("ask-representative"), keyboard }, (ctx) =>
    ctx.callbackQuery?.data === "representative:yes" ? { ok: true, value: true } : undefined,
  );
  if (answer === BACK) return BACK;
  draft.representativeConfirmed = true;
  return "name";
}

export async function askName(dialogue: Dialogue, draft: Draft): Promise<StepName | Back> {
  const prompt = {
    text: dialogue.t(draft.relation === "self" ? "ask-name-self" : "ask-name-other"),
    keyboard: navigationKeyboard({ back: dialogue.t("button-back"), cancel: dialogue.t("button-cancel") }),
    expectsText: true,
  };
  const fullName = await dialogue.ask(prompt, (ctx) => {
    const text = ctx.message?.text;
    if (text === undefined) return undefined;
    const result = parsePersonName(text);
    return result.ok ? { ok: true, value: result.fullName } : { ok: false, error: dialogue.t(reasonKey("name-error", result.reason)) };
  });
  if (fullName === BACK) return BACK;
  draft.fullName = fullName;
  return "phone";
}

/**
 * A reply keyboard, because only it can carry Telegram's "share my number" button. A shared contact
 * whose user id is the sender's own counts as a confirmed number.
 */
export async function askPhone(dialogue: Dialogue, draft: Draft): Promise<StepName | Back> {
  const keyboard = new Keyboard()
    .requestContact(dialogue.t("button-share-phone"))
    .row()
    .text(dialogue.t("button-back"))
    .text(dialogue.t("button-cancel"))
    .resized()
    .oneTime();
  const phone = await dialogue.ask({ text: dialogue.t("ask-phone"), keyboard, expectsText: true }, (ctx) => {
    const contact = ctx.message?.contact;
    const typed = ctx.message?.text;
    if (!contact && typed === undefined) return undefined;
    const raw = contact ? withPlus(contact.phone_number) : typed!;
    const result = parsePhone(raw);
    if (!result.ok) return { ok: false, error: dialogue.t(reasonKey("phone-error", result.reason)) };
    return { ok: true, value: { e164: result.e164, confirmed: Boolean(contact && contact.user_id === ctx.from?.id) } };
  });
  if (phone === BACK) return BACK;
  draft.phone = phone.e164;
  draft.phoneConfirmed = phone.confirmed;
  await dialogue.say(dialogue.t("phone-saved", { phone: formatPhoneForDisplay(phone.e164) }), { remove_keyboard: true });
  return "service";
}

/** Validation reasons are snake_case; locale keys are kebab-case. */
function reasonKey(prefix: string, reason: string): string {
  return `${prefix}-${reason.replaceAll("_", "-")}`;
}

/** Telegram sends shared contacts' numbers in international form, with or without the plus. */
function withPlus(phoneNumber: string): string {
  return phoneNumber.startsWith("+") ? phoneNumber : `+${phoneNumber}`;
}
