import type { App } from "../../app";
import { formatPhoneForDisplay } from "../../domain/phone";
import type { BookingRequest } from "../../services/bookings";
import type { PrivateContext } from "../context";
import { policyInForceNow } from "../replies";
import type { Dialogue } from "./dialogue";
import type { CompleteDraft } from "./draft";

/** What the summary and the confirmation say of the appointment, in the dialogue's language. */
export interface AppointmentFacts {
  service: string;
  doctor: string;
  startsAt: string;
  address: string;
  /** The clinic's phone, as written for people. */
  clinicPhone: string;
  /** The catalogue's map link for the clinic, when it gives one. */
  mapUrl: string | null;
  /** What to bring, as the catalogue says it for an adult and for a child. */
  bring: { adult: string; child: string } | null;
  /** The service is a course: the summary shows, and Confirm books, every session's plan. */
  course: boolean;
}

/**
 * The draft's appointment, or undefined when its slot, service or specialist is gone. Only what decides
 * the dialogue's course (the time, whether it is a course) is kept in the replay log; the names, the
 * address and what to bring only word the summary and are read anew (Dialogue.wording), which keeps
 * the stored state small.
 */
export async function appointmentFacts(dialogue: Dialogue, draft: CompleteDraft): Promise<AppointmentFacts | undefined> {
  const known = await dialogue.outside((app) => {
    const { catalog } = app.store;
    const slot = catalog.slot(draft.slotId);
    const service = catalog.service(draft.serviceId);
    if (!slot || !service || !catalog.doctor(draft.doctorId)) return null;
    return { startsAt: slot.startsAt, course: service.course !== undefined };
  });
  return known ? { ...known, ...dialogue.wording((app) => wordingOf(app, draft, dialogue.locale)) } : undefined;
}

function wordingOf(app: App, draft: CompleteDraft, locale: "ru" | "kk"): Omit<AppointmentFacts, "startsAt" | "course"> {
  const { catalog } = app.store;
  const clinic = catalog.clinic();
  return {
    service: catalog.service(draft.serviceId)?.name[locale] ?? "",
    doctor: catalog.doctor(draft.doctorId)?.name[locale] ?? "",
    address: clinic.address[locale],
    clinicPhone: formatPhoneForDisplay(clinic.phone),
    mapUrl: clinic.mapUrl ?? null,
    bring: clinic.bring ? { adult: clinic.bring.adult[locale], child: clinic.bring.child[locale] } : null,
  };
}

/** The clinic's part of a confirmation, a single booking's or a course's: where, how to call, what to bring. */
export function clinicWording(dialogue: Dialogue, draft: CompleteDraft, facts: AppointmentFacts): { address: string; map: string; phone: string; bring: string } {
  return {
    address: facts.address,
    map: facts.mapUrl === null ? "" : `\n${dialogue.t("booked-map", { url: facts.mapUrl })}`,
    phone: facts.clinicPhone,
    bring: facts.bring ? facts.bring[draft.minor ? "child" : "adult"] : dialogue.t(draft.minor ? "booked-bring-child" : "booked-bring-adult"),
  };
}

/** What confirming the draft asks the booking service for, a single booking's slot or a course's slots aside. */
export function requestOf(app: App, ctx: PrivateContext, draft: CompleteDraft, accountId: string): Omit<BookingRequest, "slotId" | "offerId"> {
  return {
    accountId,
    channel: ctx.channel,
    relation: draft.relation,
    representativeConfirmed: draft.representativeConfirmed === true,
    person: { iin: draft.iin, fullName: draft.fullName, phone: draft.phone, phoneConfirmed: draft.phoneConfirmed },
    serviceId: draft.serviceId,
    policyVersion: policyInForceNow(app).version,
    draftKey: draft.key,
  };
}
