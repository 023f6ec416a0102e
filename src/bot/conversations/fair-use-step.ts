import type { App } from "../../app";
import { formatDay, formatTime } from "../../domain/format";
import type { FairUseRefusal } from "../../services/bookings";
import type { Dialogue } from "./dialogue";
import { forgetAppointment, type BookingStep, type CompleteDraft, type Draft } from "./draft";

/** A refusal with the name of the existing booking's service in the dialogue's language. */
interface Explained {
  refusal: FairUseRefusal;
  existingService: string | undefined;
}

/** Asks the booking service whether the draft would be refused under fair use, before the summary. */
export function checkDraft(dialogue: Dialogue, draft: CompleteDraft, accountId: string): Promise<Explained | undefined> {
  return dialogue.outside((app) => {
    const refusal = app.services.bookings.fairUse({ accountId, iin: draft.iin, serviceId: draft.serviceId, slotId: draft.slotId });
    return refusal && explained(app, refusal, dialogue.locale);
  });
}

export function explained(app: App, refusal: FairUseRefusal, locale: "ru" | "kk"): Explained {
  const existingService = refusal.reason === "overlap" ? app.store.catalog.service(refusal.existing.serviceId)?.name[locale] : undefined;
  return { refusal, existingService };
}

/**
 * Says why, and goes where the person can fix it: another time for an overlap, another service for
 * that service's limit; the other limits end the dialogue (a booking must be cancelled first).
 */
export async function explainRefusal(dialogue: Dialogue, draft: Draft, { refusal, existingService }: Explained): Promise<BookingStep> {
  if (refusal.reason === "overlap") {
    const { existing } = refusal;
    await dialogue.say(
      dialogue.t("booking-overlap", {
        name: existing.patientName,
        date: formatDay(existing.startsAt, dialogue.locale, dialogue.timeZone),
        time: formatTime(existing.startsAt, dialogue.locale, dialogue.timeZone),
        service: existingService ?? "",
      }),
    );
    delete draft.slotId;
    return "time";
  }
  if (refusal.limit === "person_service") {
    await dialogue.say(dialogue.t("booking-limit-person-service", { max: refusal.max }));
    forgetAppointment(draft, "service");
    return "service";
  }
  return dialogue.stop(dialogue.t(refusal.limit === "person" ? "booking-limit-person" : "booking-limit-account", { max: refusal.max }));
}
