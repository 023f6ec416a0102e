/** What the dialogue has collected so far; lives only in the (encrypted) conversation state. */
export interface Draft {
  relation?: "self" | "other";
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

export type CompleteDraft = Required<Omit<Draft, "representativeConfirmed" | "day">> & Pick<Draft, "representativeConfirmed" | "day">;

export function isComplete(draft: Draft): draft is CompleteDraft {
  return Boolean(
    draft.relation &&
      draft.iin &&
      draft.birthDate &&
      (!draft.minor || draft.representativeConfirmed) &&
      draft.fullName &&
      draft.phone &&
      draft.serviceId &&
      draft.doctorId &&
      draft.slotId,
  );
}

/** A new person means none of the previous person's details may be reused by accident. */
export function forgetPerson(draft: Draft): void {
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
