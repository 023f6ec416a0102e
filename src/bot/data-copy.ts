import { formatPhoneForDisplay } from "../domain/phone";
import { localDateOf } from "../domain/slots";
import { withSession } from "../domain/courses";
import type { PersonalDataCopy } from "../services/data-copy";
import type { Locale } from "../domain/locale";
import type { BotContext } from "./context";
import { dateOf } from "./data-rights";
import { formatDay, formatTime } from "../domain/format";
import { policyInForceNow } from "./replies";

type Person = PersonalDataCopy["people"][number];
type Consent = PersonalDataCopy["consents"][number];
type Booking = PersonalDataCopy["bookings"][number];
type WaitingEntry = PersonalDataCopy["waitingList"][number];

/** What the privacy policy says about the processing (§3, §4, §5, §7, §8), in the person's language. */
export interface ProcessingFacts {
  policyVersion: string;
  purposes: string[];
  legalBases: string[];
  retention: string[];
  recipients: string[];
  appeal: string;
}

export function processingFacts(ctx: BotContext, copy: PersonalDataCopy): ProcessingFacts {
  return {
    policyVersion: policyInForceNow(ctx.app).version,
    purposes: ["system", "bookings", "notifications", "improvement", "law"].map((purpose) => ctx.t(`fact-purpose-${purpose}`)),
    legalBases: [ctx.t("fact-basis-consent"), ctx.t("fact-basis-law")],
    retention: [ctx.t("fact-retention-bookings"), ctx.t("fact-retention-history"), finishedRetention(ctx), ctx.t("fact-retention-account"), ctx.t("fact-retention-drafts")],
    recipients: [ctx.t("fact-recipient-staff"), ctx.t("fact-recipient-third-parties", { answer: thirdPartyAnswer(ctx, copy.consents) })],
    appeal: ctx.t("fact-appeal"),
  };
}

/** What the retention job does (RETENTION_FINISHED_DAYS), where the policy itself names no period. */
function finishedRetention(ctx: BotContext): string {
  const days = ctx.app.retentionFinishedDays;
  return days === undefined ? ctx.t("fact-retention-finished-unset") : ctx.t("fact-retention-finished", { days });
}

/**
 * The separate consent of policy §7 as it stands: the latest answer, or none yet. A "no" that ended (a
 * withdrawal ends every consent record) is still a "no": only a consent that was given can be withdrawn.
 */
function thirdPartyAnswer(ctx: BotContext, consents: Consent[]): string {
  const latest = consents
    .filter((consent) => consent.purpose === "third_party")
    .reduce<Consent | undefined>((last, consent) => (last && last.decidedAt > consent.decidedAt ? last : consent), undefined);
  if (!latest) return ctx.t("fact-third-party-unanswered");
  if (!latest.granted) return ctx.t("fact-third-party-declined");
  return ctx.t(latest.withdrawnAt === null ? "fact-third-party-granted" : "fact-third-party-withdrawn");
}

/** /mydata as messages: a heading, one message per person (each gets its "show the IIN" button), the rest. */
export interface CopyMessages {
  heading: string;
  people: { patientId: string; text: string }[];
  /** The consents, bookings and waiting-list entries. */
  records: string;
  /** How the data is processed (policy §3–8): shown on request. */
  processing: string;
}

export function copyMessages(ctx: BotContext, copy: PersonalDataCopy, locale: Locale): CopyMessages {
  const now = ctx.app.clock.now().toISOString();
  const heading = [ctx.t("mydata-heading", { date: dateOf(ctx, now), created: dateOf(ctx, copy.account.createdAt) })];
  if (copy.account.blockedAt && copy.account.blockedBy) {
    heading.push(ctx.t(`mydata-blocked-${copy.account.blockedBy}`, { date: dateOf(ctx, copy.account.blockedAt) }));
  }
  const facts = processingFacts(ctx, copy);
  const bullets = (items: string[]) => items.map((item) => `• ${item}`);
  const records = [
    [ctx.t("mydata-consents-heading"), ...copy.consents.map((consent) => describeConsent(ctx, consent, locale))],
    [ctx.t("mydata-bookings-heading"), ...(copy.bookings.length > 0 ? copy.bookings.map((booking) => describeBooking(ctx, booking, locale, now)) : [ctx.t("mydata-bookings-none")])],
    ...(copy.waitingList.length > 0 ? [[ctx.t("mydata-waitlist-heading"), ...copy.waitingList.map((entry) => describeWaitlistEntry(ctx, entry, locale))]] : []),
  ]
    .map((section) => section.join("\n"))
    .join("\n\n");
  const processing = [
    ctx.t("mydata-processing-heading", { version: facts.policyVersion }),
    ctx.t("mydata-purposes-heading"),
    ...bullets(facts.purposes),
    ctx.t("mydata-bases-heading"),
    ...bullets(facts.legalBases),
    ctx.t("mydata-retention-heading"),
    ...bullets(facts.retention),
    ctx.t("mydata-recipients-heading"),
    ...bullets(facts.recipients),
    ctx.t("mydata-rights"),
    facts.appeal,
  ].join("\n");
  return {
    heading: heading.join("\n"),
    people: copy.people.map((person) => ({ patientId: person.patientId, text: describePerson(ctx, person) })),
    records,
    processing,
  };
}

function describePerson(ctx: BotContext, person: Person): string {
  const relation = person.relation === "self" ? "self" : person.representativeConfirmed ? "minor" : "other";
  return ctx.t("mydata-person", {
    name: person.fullName,
    relation: ctx.t(`mydata-relation-${relation}`),
    iin: person.maskedIin,
    phone: formatPhoneForDisplay(person.phone),
  });
}

function describeConsent(ctx: BotContext, consent: Consent, locale: Locale): string {
  return ctx.t("mydata-consent", {
    purpose: ctx.t(consent.purpose === "processing" ? "mydata-consent-processing" : "mydata-consent-third-party"),
    decision: ctx.t(consent.granted ? "mydata-consent-granted" : "mydata-consent-declined"),
    version: consent.policyVersion,
    date: `${dateOf(ctx, consent.decidedAt)} ${formatTime(consent.decidedAt, locale, ctx.app.timeZone)}`,
    status: consent.withdrawnAt ? endedStatus(ctx, consent, consent.withdrawnAt) : ctx.t("mydata-consent-active"),
  });
}

/** A refusal is never "withdrawn": it is replaced by a new answer or ended with the consent to processing. */
function endedStatus(ctx: BotContext, consent: Consent, endedAt: string): string {
  return ctx.t(consent.granted ? "mydata-consent-ended" : "mydata-consent-declined-ended", { date: dateOf(ctx, endedAt) });
}

function describeBooking(ctx: BotContext, booking: Booking, locale: Locale, now: string): string {
  const { catalog } = ctx.app.store;
  const moved = booking.movedAt && booking.movedFrom ? ctx.t("mydata-booking-moved", { date: dateOf(ctx, booking.movedAt), from: `${dateOf(ctx, booking.movedFrom)} ${formatTime(booking.movedFrom, locale, ctx.app.timeZone)}` }) : undefined;
  const status = moved ? `${describeStatus(ctx, booking, now)}; ${moved}` : describeStatus(ctx, booking, now);
  return ctx.t("mydata-booking", {
    number: booking.number,
    date: dateOf(ctx, booking.startsAt),
    time: formatTime(booking.startsAt, locale, ctx.app.timeZone),
    service: withSession(catalog.service(booking.serviceId)?.name[locale] ?? booking.serviceId, booking.course, (session) => ctx.t("session-label", { number: session.number, count: session.count })),
    doctor: catalog.doctor(booking.doctorId)?.name[locale] ?? booking.doctorId,
    patient: booking.patientName,
    status,
  });
}

/** The booking's state as its owner reads it: who cancelled and why, or what staff recorded on the day. */
function describeStatus(ctx: BotContext, booking: Booking, now: string): string {
  switch (booking.status) {
    case "cancelled": {
      const date = dateOf(ctx, booking.cancelledAt ?? booking.createdAt);
      if (booking.cancelledBy !== "staff" || booking.cancelReason === null) return ctx.t("mydata-booking-cancelled", { date });
      return ctx.t("mydata-booking-cancelled-by-clinic", { date, reason: ctx.t(`cancel-reason-${booking.cancelReason}`) });
    }
    case "attended":
      return ctx.t("mydata-booking-attended");
    case "no_show":
      return ctx.t("mydata-booking-no-show");
    case "confirmed":
      return ctx.t(booking.startsAt >= now ? "mydata-booking-confirmed" : "mydata-booking-past");
    case "booked":
      return ctx.t(booking.startsAt >= now ? "mydata-booking-upcoming" : "mydata-booking-past");
  }
}

function describeWaitlistEntry(ctx: BotContext, entry: WaitingEntry, locale: Locale): string {
  const { catalog } = ctx.app.store;
  return ctx.t("mydata-waitlist-entry", {
    service: catalog.service(entry.serviceId)?.name[locale] ?? entry.serviceId,
    doctor: entry.doctorId === null ? ctx.t("waitlist-any-doctor") : (catalog.doctor(entry.doctorId)?.name[locale] ?? entry.doctorId),
    patient: entry.patientName,
    from: formatDay(entry.fromDay, locale, ctx.app.timeZone),
    until: formatDay(entry.untilDay, locale, ctx.app.timeZone),
    status: ctx.t(`mydata-waitlist-${entry.status}`),
  });
}

/**
 * The complete copy as a file (policy §8, right to information): everything PersonalDataCopy holds, the
 * names of services and doctors, and the processing facts, as pretty-printed UTF-8 JSON.
 */
export function copyFile(ctx: BotContext, copy: PersonalDataCopy, locale: Locale): { filename: string; bytes: Buffer } {
  const now = ctx.app.clock.now();
  const { catalog } = ctx.app.store;
  const document = {
    madeAt: now.toISOString(),
    language: locale,
    account: copy.account,
    people: copy.people,
    consents: copy.consents,
    bookings: copy.bookings.map((booking) => ({
      ...booking,
      service: catalog.service(booking.serviceId)?.name[locale] ?? null,
      doctor: catalog.doctor(booking.doctorId)?.name[locale] ?? null,
    })),
    waitingList: copy.waitingList.map((entry) => ({
      ...entry,
      service: catalog.service(entry.serviceId)?.name[locale] ?? null,
      doctor: entry.doctorId === null ? null : (catalog.doctor(entry.doctorId)?.name[locale] ?? null),
    })),
    processing: processingFacts(ctx, copy),
  };
  return {
    filename: `mumkindik-my-data-${localDateOf(now, ctx.app.timeZone)}.json`,
    bytes: Buffer.from(`${JSON.stringify(document, null, 2)}\n`, "utf8"),
  };
}
