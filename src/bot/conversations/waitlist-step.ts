import { waitlistRangeData, waitlistScopeData } from "../../domain/callback-data";
import { formatDay } from "../../domain/format";
import { WAITLIST_RANGES_DAYS, type WaitlistRange } from "../../domain/waitlist";
import { blockedMessageKey, policyInForceNow } from "../replies";
import type { Dialogue } from "./dialogue";
import { firstMissingStep, forgetAppointment, type BookingStep, type Draft } from "./draft";
import { BACK, type Back } from "./engine";

/**
 * "Nothing fits": instead of a time, the person joins the waiting list for the service (and the chosen
 * specialist, or any where the service has several) for the next 7 or 14 days. The person is saved as a
 * booking saves them; the dialogue then ends with what they joined, until when, and how to leave.
 */
export async function askWaitlist(dialogue: Dialogue, draft: Draft, accountId: string): Promise<BookingStep | Back> {
  const missing = firstMissingStep(draft);
  if (missing === "who" || missing === "iin" || missing === "representative" || missing === "name" || missing === "phone" || missing === "service" || missing === "doctor") {
    return missing;
  }
  const serviceId = draft.serviceId!;
  const doctorId = draft.doctorId!;
  const { doctorName, severalDoctors } = await dialogue.outside((app) => ({
    doctorName: app.store.catalog.doctor(doctorId)?.name[dialogue.locale] ?? "",
    severalDoctors: app.store.catalog.doctorsFor(serviceId).length > 1,
  }));
  for (;;) {
    const days = await dialogue.choose(
      dialogue.t("waitlist-ask-range"),
      WAITLIST_RANGES_DAYS.map((range) => ({ label: dialogue.t("button-waitlist-days", { days: range }), data: waitlistRangeData.pack({ days: `${range}` }), value: range })),
      dialogue.navigation(),
    );
    if (days === BACK) return BACK;
    if (!severalDoctors) return join(dialogue, draft, accountId, days, doctorId);
    const scope = await dialogue.choose(
      dialogue.t("waitlist-ask-scope", { doctor: doctorName }),
      [
        { label: dialogue.t("button-waitlist-only-doctor", { doctor: doctorName }), data: waitlistScopeData.pack({ scope: "doctor" }), value: "doctor" as const },
        { label: dialogue.t("button-waitlist-any-doctor"), data: waitlistScopeData.pack({ scope: "any" }), value: "any" as const },
      ],
      dialogue.navigation(),
    );
    if (scope !== BACK) return join(dialogue, draft, accountId, days, scope === "any" ? null : doctorId);
  }
}

async function join(dialogue: Dialogue, draft: Draft, accountId: string, days: WaitlistRange, doctorId: string | null): Promise<BookingStep> {
  const serviceId = draft.serviceId!;
  const { outcome, facts } = await dialogue.outside((app, ctx) => {
    const outcome = app.services.waitlist.join({
      accountId,
      channel: ctx.channel,
      relation: draft.relation!,
      representativeConfirmed: draft.representativeConfirmed === true,
      person: { iin: draft.iin!, fullName: draft.fullName!, phone: draft.phone!, phoneConfirmed: draft.phoneConfirmed === true },
      serviceId,
      doctorId,
      days,
      policyVersion: policyInForceNow(app).version,
    });
    if (outcome.ok) ctx.log.info("joined the waiting list");
    const { catalog } = app.store;
    return {
      outcome,
      facts: {
        service: catalog.service(serviceId)?.name[dialogue.locale] ?? "",
        doctor: doctorId === null ? undefined : catalog.doctor(doctorId)?.name[dialogue.locale],
        hold: app.services.waitlist.holdMinutes,
        blockedBy: outcome.ok ? undefined : app.store.accounts.blockOf(accountId)?.blockedBy,
      },
    };
  });
  if (outcome.ok) {
    return dialogue.stop(
      dialogue.t("waitlist-joined", {
        name: draft.fullName!,
        service: facts.service,
        doctor: facts.doctor ?? dialogue.t("waitlist-any-doctor"),
        until: formatDay(outcome.untilDay, dialogue.locale, dialogue.timeZone),
        hold: facts.hold,
      }),
    );
  }
  switch (outcome.reason) {
    case "already_waiting":
      return dialogue.stop(dialogue.t("waitlist-already", { name: draft.fullName! }));
    case "no_consent":
      return dialogue.stop(dialogue.t("consent-missing"));
    case "blocked":
      return dialogue.stop(dialogue.t(blockedMessageKey(facts.blockedBy)));
    case "unavailable":
      forgetAppointment(draft, "service");
      await dialogue.say(dialogue.t("slot-gone"));
      return "service";
  }
}
