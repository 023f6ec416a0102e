import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import { CORRECTABLE_FIELDS, correctFieldData, correctPersonData, saveCorrectionData } from "../../domain/callback-data";
import { DRAFT_TIMEOUT_MS } from "../../domain/drafts";
import { maskIin } from "../../domain/iin";
import { formatPhoneForDisplay } from "../../domain/phone";
import { localDateOf } from "../../domain/slots";
import type { CorrectableField, CorrectionOutcome } from "../../services/correction";
import type { App } from "../../app";
import type { BotContext, DialogueContext, PrivateContext } from "../context";
import { localeOf } from "../i18n";
import { Dialogue, type DialogueConversation, type DialogueTexts, type Reading } from "./dialogue";
import { BACK, runScript, type Back, type Place } from "./engine";
import { askRepresentativeConfirmation, iinPrompt, namePrompt, phonePrompt, readIin, readName, readPhone, type Relation } from "./person-answers";

export const EDIT_CONVERSATION = "edit";

export const EDIT_TEXTS: DialogueTexts = { cancelButton: "edit-button-cancel", cancelled: "edit-cancelled", busy: "edit-command-during", leaving: "edit-leave-question", expired: "edit-draft-expired" };

/** A person the account booked for, as it entered them. */
interface Person {
  patientId: string;
  relation: Relation;
  fullName: string;
  iin: string;
  phone: string;
}

interface Start {
  accountId: string | undefined;
  blockedBy: "patient" | "admin" | "withdrawal" | undefined;
  people: Person[];
}

/** What the dialogue has collected; lives only in the (encrypted) conversation state. */
interface Correction {
  person?: Person;
  field?: CorrectableField;
  value?: string;
  phoneConfirmed?: boolean;
  representativeConfirmed?: boolean;
}

type EditStep = "person" | "field" | "value" | "representative" | "confirm";

/** What the correction carries from one step to the next (engine.ts): plain JSON, stored encrypted. */
interface EditRun {
  accountId: string;
  people: Person[];
  correction: Correction;
  at: Place<EditStep>;
}

/** The locale-key suffix of each field, shared with the summary's "change" buttons. */
const FIELD_KEYS: Record<CorrectableField, string> = { fullName: "name", phone: "phone", iin: "iin" };
const FIELDS: readonly CorrectableField[] = CORRECTABLE_FIELDS;

/**
 * /edit (policy §8, the right to correction): the name, phone or IIN of a person the account booked
 * for, checked exactly as in the booking dialogue. All their bookings follow, and the staff group is
 * told about each upcoming one.
 */
export async function edit(conversation: DialogueConversation, ctx: DialogueContext, run?: EditRun): Promise<void> {
  const dialogue = new Dialogue(conversation, ctx, await localeOf(ctx), EDIT_TEXTS, EDIT_CONVERSATION);
  const { accountId, people, correction } = run ?? (await begin(dialogue));
  await runScript<EditStep>(
    {
      first: correction.person ? "field" : "person",
      steps: {
        person: () => askPerson(dialogue, correction, people),
        field: () => askField(dialogue, correction, people.length > 1),
        value: () => askValue(dialogue, correction, people),
        representative: () => askRepresentative(dialogue, correction),
        confirm: () => confirm(dialogue, correction, accountId),
      },
    },
    dialogue.runFrom(run?.at, (at) => [{ accountId, people, correction, at } satisfies EditRun]),
  );
}

/** Who may correct whom, read once when /edit is sent; ends the dialogue when there is nothing to correct. */
async function begin(dialogue: Dialogue): Promise<Omit<EditRun, "at">> {
  const start = await dialogue.outside(startOf);
  if (start.blockedBy === "withdrawal") return dialogue.stop(dialogue.t("edit-withdrawn"));
  if (!start.accountId || start.people.length === 0) return dialogue.stop(dialogue.t("edit-nothing"));
  // A restriction does not stop a correction (policy §8): say that it stays in place.
  if (start.blockedBy) await dialogue.say(dialogue.t("edit-while-blocked"));
  const people = start.people;
  return { accountId: start.accountId, people, correction: people.length === 1 ? { person: people[0] } : {} };
}

function startOf(app: App, ctx: PrivateContext): Start {
  const accountId = app.store.accounts.findAccountId(ctx.channel, ctx.chat.id);
  if (!accountId) return { accountId, blockedBy: undefined, people: [] };
  const people = app.store.patients
    .peopleOf(accountId)
    .map(({ patientId, relation, fullName, iin, phone }) => ({ patientId, relation, fullName, iin, phone }));
  // Consent to processing withdrawn and not given again: what is kept stays as the law requires.
  const consent = app.store.accounts.currentConsent(accountId, "processing");
  const withdrawn = !consent?.granted && app.store.accounts.consentHistory(accountId).some((record) => record.purpose === "processing" && record.withdrawnAt !== null);
  return { accountId, blockedBy: withdrawn ? "withdrawal" : app.store.accounts.blockOf(accountId)?.blockedBy, people };
}

/**
 * Only the people offered are accepted: a forged or old button naming anyone else (another account's
 * patient id) is refused as outdated like any other stale button.
 */
async function askPerson(dialogue: Dialogue, correction: Correction, people: Person[]): Promise<EditStep | Back> {
  const options = people.map((person) => ({ label: person.fullName, data: correctPersonData.pack({ patientId: person.patientId }), value: person }));
  const person = await dialogue.choose(dialogue.t("edit-ask-person"), options, { cancel: dialogue.navigation().cancel });
  if (person === BACK) return BACK;
  if (person.patientId !== correction.person?.patientId) clear(correction, "field");
  correction.person = person;
  return "field";
}

async function askField(dialogue: Dialogue, correction: Correction, canGoBack: boolean): Promise<EditStep | Back> {
  const person = correction.person!;
  const options = FIELDS.map((field) => ({ label: dialogue.t(`button-change-${FIELD_KEYS[field]}`), data: correctFieldData.pack({ field }), value: field }));
  const navigation = dialogue.navigation();
  const text = dialogue.t("edit-ask-field", { name: person.fullName, iin: maskIin(person.iin), phone: formatPhoneForDisplay(person.phone) });
  const field = await dialogue.choose(text, options, canGoBack ? navigation : { cancel: navigation.cancel }, FIELDS.length);
  if (field === BACK) return BACK;
  if (field !== correction.field) clear(correction, "value");
  correction.field = field;
  return "value";
}

async function askValue(dialogue: Dialogue, correction: Correction, people: Person[]): Promise<EditStep | Back> {
  const person = correction.person!;
  if (correction.field === "fullName") {
    const fullName = await dialogue.ask(namePrompt(dialogue, person.relation), refuseSame(dialogue, readName(dialogue), (value) => value === person.fullName));
    if (fullName === BACK) return BACK;
    correction.value = fullName;
    return "confirm";
  }
  if (correction.field === "phone") {
    const phone = await dialogue.ask(phonePrompt(dialogue), refuseSame(dialogue, readPhone(dialogue), (value) => value.e164 === person.phone));
    if (phone === BACK) return BACK;
    correction.value = phone.e164;
    correction.phoneConfirmed = phone.confirmed;
    // The confirmation carries inline buttons, so this message is the one that takes the share-phone keyboard away.
    await dialogue.say(dialogue.t("edit-phone-received", { phone: formatPhoneForDisplay(phone.e164) }), { remove_keyboard: true });
    return "confirm";
  }
  const today = await dialogue.outside((app) => localDateOf(app.clock.now(), app.timeZone));
  const readNewIin = refuseSame(dialogue, readIin(dialogue, today, person.relation, "edit-iin-error-minor-self"), (value) => value.iin === person.iin);
  const parsed = await dialogue.ask(iinPrompt(dialogue, person.relation), (ctx) => {
    const reading = readNewIin(ctx);
    // Two people of one account with one IIN would be one person; that one is corrected by choosing them.
    if (reading?.ok && people.some((other) => other.iin === reading.value.iin)) return { ok: false, error: dialogue.t("edit-iin-error-other-person") };
    return reading;
  });
  if (parsed === BACK) return BACK;
  correction.value = parsed.iin;
  delete correction.representativeConfirmed;
  return parsed.minor ? "representative" : "confirm";
}

/** Law 94-V Art. 8: the corrected IIN is a minor's, so the booker confirms being their representative again. */
async function askRepresentative(dialogue: Dialogue, correction: Correction): Promise<EditStep | Back> {
  const answer = await askRepresentativeConfirmation(dialogue);
  if (answer === BACK) return BACK;
  correction.representativeConfirmed = true;
  return "confirm";
}

async function confirm(dialogue: Dialogue, correction: Correction, accountId: string): Promise<EditStep | Back> {
  const person = correction.person!;
  const field = correction.field!;
  const text = dialogue.t("edit-confirm", {
    name: person.fullName,
    field: dialogue.t(`button-change-${FIELD_KEYS[field]}`),
    old: shown(field, person[field]),
    new: shown(field, correction.value!),
  });
  const saveButton = { label: dialogue.t("button-save"), data: saveCorrectionData.data, value: true as const };
  const answer = await dialogue.choose(text, [saveButton], dialogue.navigation());
  if (answer === BACK) return BACK;
  const outcome = await dialogue.outside((app, ctx) => save(app, ctx, accountId, correction));
  if (outcome.ok) return dialogue.stop(dialogue.t("edit-saved", { count: outcome.upcomingChanged }));
  if (outcome.reason === "withdrawn") return dialogue.stop(dialogue.t("edit-withdrawn"));
  if (outcome.reason === "iin_in_use") return dialogue.stop(dialogue.t("edit-iin-error-other-person"));
  return dialogue.stop(dialogue.t("edit-person-gone"));
}

function save(app: App, ctx: PrivateContext, accountId: string, correction: Correction): CorrectionOutcome {
  const outcome = app.services.correction.correct(
    accountId,
    correction.person!.patientId,
    correction.field!,
    correction.value!,
    { kind: "patient", id: accountId },
    { phoneConfirmed: correction.phoneConfirmed, representativeConfirmed: correction.representativeConfirmed },
  );
  if (outcome.ok) {
    ctx.log.info({ field: correction.field, upcomingChanged: outcome.upcomingChanged }, "person corrected by the account");
    app.staffAlerts.kick();
  }
  return outcome;
}

/** The value as the person sees it in the chat: an IIN masked, a phone grouped. */
function shown(field: CorrectableField, value: string): string {
  if (field === "iin") return maskIin(value);
  return field === "phone" ? formatPhoneForDisplay(value) : value;
}

/** A different person or field means the answers collected after it no longer apply. */
function clear(correction: Correction, from: "field" | "value"): void {
  if (from === "field") delete correction.field;
  delete correction.value;
  delete correction.phoneConfirmed;
  delete correction.representativeConfirmed;
}

/** The value already saved is not a correction: the person is told so and asked again. */
function refuseSame<T>(dialogue: Dialogue, read: (ctx: DialogueContext) => Reading<T>, isSame: (value: T) => boolean) {
  return (ctx: DialogueContext): Reading<T> => {
    const reading = read(ctx);
    return reading?.ok && isSame(reading.value) ? { ok: false, error: dialogue.t("edit-same-value") } : reading;
  };
}

/** The correction dialogue, for private chats only (the conversation plugin is installed for them alone). */
export const editDialogue = new Composer<BotContext>();
editDialogue.chatType("private").use(createConversation(edit, { id: EDIT_CONVERSATION, maxMillisecondsToWait: DRAFT_TIMEOUT_MS }));
