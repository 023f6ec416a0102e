import type { App } from "../../app";
import { savedPersonData, whoData } from "../../domain/callback-data";
import { DRAFT_TIMEOUT_MS } from "../../domain/drafts";
import { ADULT_AGE, ageOn, parseIin } from "../../domain/iin";
import { formatPhoneForDisplay } from "../../domain/phone";
import { localDateOf } from "../../domain/slots";
import type { Dialogue, Option } from "./dialogue";
import { forgetPerson, type BookingStep, type Draft } from "./draft";
import { BACK, type Back } from "./engine";
import { askRepresentativeConfirmation, iinPrompt, namePrompt, phonePrompt, readIin, readName, readPhone } from "./person-answers";

type WhoAnswer = { saved: string } | "self" | "other";

/**
 * Who comes: the people the account booked for before come first (named with a masked IIN), then
 * "myself" and "someone else". A saved person's IIN, name and phone are not asked again; the summary
 * shows them and "Change" corrects them.
 */
export async function askWho(dialogue: Dialogue, draft: Draft, accountId: string): Promise<BookingStep | Back> {
  const people = await dialogue.outside((app) => savedPeople(app, accountId));
  const self = people.find((person) => person.relation === "self");
  const options: Option<WhoAnswer>[] = [
    ...people
      .filter((person) => person.relation === "other")
      .map((person) => ({ label: dialogue.t("button-who-saved", { name: person.fullName, iin: person.maskedIin }), data: savedPersonData.pack({ patientId: person.patientId }), value: { saved: person.patientId } })),
    self
      ? { label: dialogue.t("button-who-self"), data: savedPersonData.pack({ patientId: self.patientId }), value: { saved: self.patientId } }
      : { label: dialogue.t("button-who-self"), data: whoData.pack({ relation: "self" }), value: "self" as const },
    { label: dialogue.t("button-who-other"), data: whoData.pack({ relation: "other" }), value: "other" as const },
  ];
  const question = dialogue.t(people.length > 0 ? "ask-who-saved" : "ask-who", { hours: DRAFT_TIMEOUT_MS / 3_600_000 });
  const answer = await dialogue.choose(question, options, { cancel: dialogue.navigation().cancel });
  if (answer === BACK) return BACK;
  if (typeof answer === "object") return useSavedPerson(dialogue, draft, accountId, answer.saved);
  if (draft.relation !== answer || draft.savedPatientId) forgetPerson(draft);
  draft.relation = answer;
  return "iin";
}

interface SavedPerson {
  patientId: string;
  relation: "self" | "other";
  fullName: string;
  maskedIin: string;
}

function savedPeople(app: App, accountId: string): SavedPerson[] {
  return app.store.patients.peopleOf(accountId).map(({ patientId, relation, fullName, maskedIin }) => ({ patientId, relation, fullName, maskedIin }));
}

/** The draft takes the saved details; a child who has come of age since needs no representative now. */
async function useSavedPerson(dialogue: Dialogue, draft: Draft, accountId: string, patientId: string): Promise<BookingStep> {
  const person = await dialogue.outside((app) => {
    const saved = app.store.patients.linkedPersonFor(accountId, patientId);
    const parsed = saved && parseIin(saved.iin, localDateOf(app.clock.now(), app.timeZone));
    return saved && parsed?.ok ? { saved, birthDate: parsed.birthDate, minor: ageOn(parsed.birthDate, localDateOf(app.clock.now(), app.timeZone)) < ADULT_AGE } : null;
  });
  if (!person) {
    // Erased since the question was shown (a paper request, /delete on another device).
    await dialogue.say(dialogue.t("saved-person-gone"));
    return "who";
  }
  if (draft.savedPatientId !== patientId) forgetPerson(draft);
  const { saved } = person;
  Object.assign(draft, {
    savedPatientId: patientId,
    relation: saved.relation,
    iin: saved.iin,
    birthDate: person.birthDate,
    minor: person.minor,
    fullName: saved.fullName,
    phone: saved.phone,
    phoneConfirmed: saved.phoneConfirmed,
  });
  if (person.minor && saved.representativeConfirmed) draft.representativeConfirmed = true;
  return person.minor && !draft.representativeConfirmed ? "representative" : nextAfterPerson(draft);
}

/**
 * A typed IIN the account already saved is that saved person: who they are to the booker never
 * changes on the way ("myself" stays "myself"), as in /edit, so the other answer is refused here.
 * Typed afresh, it brings the saved name and phone; typed as a change on the summary, what was typed
 * stays and the summary shows old -> new.
 */
export async function askIin(dialogue: Dialogue, draft: Draft, accountId: string): Promise<BookingStep | Back> {
  const today = await dialogue.outside((app) => localDateOf(app.clock.now(), app.timeZone));
  const relation = draft.relation!;
  const parsed = await dialogue.ask(iinPrompt(dialogue, relation), readIin(dialogue, today, relation));
  if (parsed === BACK) return BACK;
  const saved = await dialogue.outside((app) => app.store.patients.linkedPersonByIin(accountId, parsed.iin) ?? null);
  if (saved !== null && saved.relation !== relation) {
    await dialogue.say(dialogue.t(saved.relation === "self" ? "iin-error-saved-self" : "iin-error-saved-other"));
    return "iin";
  }
  if (parsed.iin !== draft.iin) {
    delete draft.representativeConfirmed;
    delete draft.savedPatientId;
  }
  draft.iin = parsed.iin;
  draft.birthDate = parsed.birthDate;
  draft.minor = parsed.minor;
  if (saved && draft.fullName === undefined) {
    Object.assign(draft, { savedPatientId: saved.patientId, fullName: saved.fullName, phone: saved.phone, phoneConfirmed: saved.phoneConfirmed });
    if (parsed.minor && saved.representativeConfirmed) draft.representativeConfirmed = true;
  }
  return parsed.minor && !draft.representativeConfirmed ? "representative" : nextAfterPerson(draft);
}

/** A saved person's name and phone are known; anyone else's are asked (again, after a Back). */
function nextAfterPerson(draft: Draft): BookingStep {
  return draft.savedPatientId ? "service" : "name";
}

/** Law 94-V Art. 8: for a minor, consent is given by a parent or legal representative. */
export async function askRepresentative(dialogue: Dialogue, draft: Draft): Promise<BookingStep | Back> {
  const answer = await askRepresentativeConfirmation(dialogue);
  if (answer === BACK) return BACK;
  draft.representativeConfirmed = true;
  return nextAfterPerson(draft);
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
