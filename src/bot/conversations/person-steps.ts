import { whoData } from "../../domain/callback-data";
import { formatPhoneForDisplay } from "../../domain/phone";
import { localDateOf } from "../../domain/slots";
import type { Dialogue } from "./dialogue";
import { forgetPerson, type BookingStep, type Draft } from "./draft";
import { BACK, type Back } from "./engine";
import { askRepresentativeConfirmation, iinPrompt, namePrompt, phonePrompt, readIin, readName, readPhone } from "./person-answers";

export async function askWho(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const relation = await dialogue.choose(
    dialogue.t("ask-who"),
    [
      { label: dialogue.t("button-who-self"), data: whoData.pack({ relation: "self" }), value: "self" as const },
      { label: dialogue.t("button-who-other"), data: whoData.pack({ relation: "other" }), value: "other" as const },
    ],
    { cancel: dialogue.navigation().cancel },
  );
  if (relation === BACK) return BACK;
  if (draft.relation && draft.relation !== relation) forgetPerson(draft);
  draft.relation = relation;
  return "iin";
}

/**
 * A typed IIN the account already saved is that saved person: who they are to the booker never
 * changes on the way ("myself" stays "myself"), as in /edit, so the other answer is refused here.
 */
export async function askIin(dialogue: Dialogue, draft: Draft, accountId: string): Promise<BookingStep | Back> {
  const today = await dialogue.outside((app) => localDateOf(app.clock.now(), app.timeZone));
  const relation = draft.relation!;
  const parsed = await dialogue.ask(iinPrompt(dialogue, relation), readIin(dialogue, today, relation));
  if (parsed === BACK) return BACK;
  const saved = await dialogue.outside((app) => app.store.patients.linkedPersonByIin(accountId, parsed.iin)?.relation ?? null);
  if (saved !== null && saved !== relation) {
    await dialogue.say(dialogue.t(saved === "self" ? "iin-error-saved-self" : "iin-error-saved-other"));
    return "iin";
  }
  if (parsed.iin !== draft.iin) delete draft.representativeConfirmed;
  draft.iin = parsed.iin;
  draft.birthDate = parsed.birthDate;
  draft.minor = parsed.minor;
  return parsed.minor ? "representative" : "name";
}

/** Law 94-V Art. 8: for a minor, consent is given by a parent or legal representative. */
export async function askRepresentative(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const answer = await askRepresentativeConfirmation(dialogue);
  if (answer === BACK) return BACK;
  draft.representativeConfirmed = true;
  return "name";
}

export async function askName(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const fullName = await dialogue.ask(namePrompt(dialogue, draft.relation!), readName(dialogue));
  if (fullName === BACK) return BACK;
  draft.fullName = fullName;
  return "phone";
}

export async function askPhone(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const phone = await dialogue.ask(phonePrompt(dialogue), readPhone(dialogue));
  if (phone === BACK) return BACK;
  draft.phone = phone.e164;
  draft.phoneConfirmed = phone.confirmed;
  await dialogue.say(dialogue.t("phone-saved", { phone: formatPhoneForDisplay(phone.e164) }), { remove_keyboard: true });
  return "service";
}
