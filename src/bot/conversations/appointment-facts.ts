import type { App } from "../../app";
import { formatPhoneForDisplay } from "../../domain/phone";
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

export function appointmentFacts(app: App, draft: CompleteDraft, locale: "ru" | "kk"): AppointmentFacts | undefined {
  const { catalog } = app.store;
  const slot = catalog.slot(draft.slotId);
  const service = catalog.service(draft.serviceId);
  const doctor = catalog.doctor(draft.doctorId);
  if (!slot || !service || !doctor) return undefined;
  const clinic = catalog.clinic();
  return { service: service.name[locale], doctor: doctor.name[locale], startsAt: slot.startsAt, address: clinic.address[locale], clinicPhone: formatPhoneForDisplay(clinic.phone), mapUrl: clinic.mapUrl ?? null, bring: clinic.bring ? { adult: clinic.bring.adult[locale], child: clinic.bring.child[locale] } : null, course: service.course !== undefined };
}
