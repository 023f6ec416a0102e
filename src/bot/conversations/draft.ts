/** What the dialogue has collected so far; lives only in the (encrypted) conversation state. */
export interface Draft {
  /** Made when the dialogue starts: confirming this draft twice finds its one booking. */
  key: string;
  relation?: "self" | "other";
  /** The person was chosen from those the account saved: their details come from there, not typed. */
  savedPatientId?: string;
  iin?: string;
  birthDate?: string;
  minor?: boolean;
  representativeConfirmed?: boolean;
  fullName?: string;
  phone?: string;
  phoneConfirmed?: boolean;
  serviceId?: string;
  doctorId?: string;
  day?: string;
  slotId?: string;
}

type OptionalInDraft = "representativeConfirmed" | "day" | "savedPatientId";
export type CompleteDraft = Required<Omit<Draft, OptionalInDraft>> & Pick<Draft, OptionalInDraft>;

export type MissingStep = "who" | "iin" | "representative" | "name" | "phone" | "service" | "doctor" | "day";

/**
 * The steps that choose when: the booking dialogue's, and moving a booking's, where "summary" is the
 * question that confirms the move.
 */
export type AppointmentStep = "doctor" | "day" | "time" | "summary";

/** The booking dialogue's steps: each asks one question and names the step that comes next. */
export type BookingStep = MissingStep | AppointmentStep | "change" | "alternatives" | "waitlist";

/** The first question whose answer the draft lacks, in dialogue order; undefined when complete. */
export function firstMissingStep(draft: Draft): MissingStep | undefined {
  if (!draft.relation) return "who";
  if (!draft.iin || !draft.birthDate) return "iin";
  if (draft.minor && !draft.representativeConfirmed) return "representative";
  if (!draft.fullName) return "name";
  if (!draft.phone) return "phone";
  if (!draft.serviceId) return "service";
  if (!draft.doctorId) return "doctor";
  if (!draft.slotId) return "day";
  return undefined;
}

export function isComplete(draft: Draft): draft is CompleteDraft {
  return firstMissingStep(draft) === undefined;
}

/** A new person means none of the previous person's details may be reused by accident. */
export function forgetPerson(draft: Draft): void {
  delete draft.savedPatientId;
  delete draft.iin;
  delete draft.birthDate;
  delete draft.minor;
  delete draft.representativeConfirmed;
  delete draft.fullName;
  delete draft.phone;
  delete draft.phoneConfirmed;
}

/** A different service or doctor means the chosen time no longer applies. */
export function forgetAppointment(draft: Draft, from: "service" | "doctor" | "day"): void {
  if (from === "service") delete draft.doctorId;
  if (from !== "day") delete draft.day;
  delete draft.slotId;
}
