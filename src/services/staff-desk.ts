import type { SessionOf } from "../domain/courses";
import type { Clock } from "../clock";
import { isOpen, type BookingStatus, type CancelledBy, type StaffCancelReason, type VisitOutcome } from "../domain/booking-status";
import type { ChannelName } from "../domain/channel";
import { ADULT_AGE, ageOn, maskIin, parseIin } from "../domain/iin";
import type { Locale } from "../domain/locale";
import { addDays, localDateOf, zonedWallTimeToInstant } from "../domain/slots";
import type { Repositories, Store } from "../store";
import type { StaffBookingRecord } from "../store/bookings";
import type { SlotView } from "../store/catalog";

/**
 * A booking as reception reads it in the group: what, when, who comes and how to reach them. The IIN is
 * masked here; the full one comes only through `revealIin`, to the one member who asked.
 */
export interface StaffBookingCard {
  bookingId: string;
  number: string;
  serviceId: string;
  doctorId: string;
  startsAt: string;
  status: BookingStatus;
  cancelledBy: CancelledBy | null;
  cancelReason: StaffCancelReason | null;
  patientName: string;
  phone: string;
  maskedIin: string;
  /** "self": the booker comes; "other": someone they booked for. */
  relation: "self" | "other";
  /** The age of a minor (a parent or legal representative booked); undefined for an adult. */
  minorAge: number | undefined;
  /** The language the booker talks to the bot in: the one to call back in. */
  language: Locale;
  channel: ChannelName;
  /** The time the booking had before the patient last moved it, if they did. */
  movedFrom: string | null;
  /** A session of a course: which one, of how many. */
  session?: SessionOf;
}

/** A staff member in the group, named by their Telegram user id only (never by name: the audit log holds no personal data). */
export interface StaffMember {
  telegramUserId: number;
}

export type VisitOutcomeResult =
  | { ok: true; card: StaffBookingCard }
  | { ok: false; reason: "not_found" | "cancelled" | "before_the_day"; card?: StaffBookingCard };

/**
 * `patientNotice`: the id of the notice queued for the patient in the same transaction, or undefined
 * when the account is blocked (policy §8: nothing is sent to it) and reception has to call.
 */
export type StaffCancelResult =
  | { ok: true; card: StaffBookingCard; patientNotice: string | undefined }
  | { ok: false; reason: "not_found" | "not_open" | "past"; card?: StaffBookingCard };

/** One specialist's part of a day: the bookings that hold a slot, in time order, and the free times left. */
export interface SpecialistDay {
  doctorId: string;
  bookings: StaffBookingCard[];
  freeSlots: SlotView[];
}

/**
 * What staff do with bookings from their group: see a booking or a day, record a visit, cancel with a
 * reason, read a full IIN. The group feature checks that the member may act; this service does what
 * is asked in one transaction and audits it under the member's Telegram user id and the booking id.
 */
export class StaffDeskService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  card(bookingId: string): StaffBookingCard | undefined {
    const booking = this.store.bookings.findForStaff(bookingId);
    return booking && this.cardOf(this.store, booking);
  }

  /** The booking a notice names by its number, for the alert's first delivery. */
  cardByNumber(number: string): StaffBookingCard | undefined {
    const booking = this.store.bookings.findForStaffByNumber(number);
    return booking && this.cardOf(this.store, booking);
  }

  /**
   * "Arrived" or "No-show", from the booking's day on (clinic time): before it nobody can know. A
   * member may change one into the other (a wrong button), never a cancelled booking.
   */
  recordVisit(bookingId: string, outcome: VisitOutcome, member: StaffMember): VisitOutcomeResult {
    return this.store.transaction((tx): VisitOutcomeResult => {
      const booking = tx.bookings.findForStaff(bookingId);
      if (!booking) return { ok: false, reason: "not_found" };
      if (booking.status === "cancelled") return { ok: false, reason: "cancelled", card: this.cardOf(tx, booking) };
      if (!this.dayHasCome(booking.startsAt)) return { ok: false, reason: "before_the_day", card: this.cardOf(tx, booking) };
      tx.bookings.markVisit(bookingId, outcome);
      tx.audit.record({ actor: "staff", actorId: String(member.telegramUserId), action: `booking.${outcome}`, recordType: "booking", recordId: bookingId });
      return { ok: true, card: this.cardOf(tx, { ...booking, status: outcome }) };
    });
  }

  /** Cancels a booking still to come, with a reason from the fixed list; says whom to tell and in which language. */
  cancel(bookingId: string, reason: StaffCancelReason, member: StaffMember): StaffCancelResult {
    return this.store.transaction((tx): StaffCancelResult => {
      const booking = tx.bookings.findForStaff(bookingId);
      if (!booking) return { ok: false, reason: "not_found" };
      if (!isOpen(booking.status)) return { ok: false, reason: "not_open", card: this.cardOf(tx, booking) };
      if (booking.startsAt < this.clock.now().toISOString()) return { ok: false, reason: "past", card: this.cardOf(tx, booking) };
      tx.bookings.markCancelled(bookingId, "staff", reason);
      tx.audit.record({ actor: "staff", actorId: String(member.telegramUserId), action: "booking.cancelled", recordType: "booking", recordId: bookingId });
      const card = this.cardOf(tx, { ...booking, status: "cancelled", cancelledBy: "staff", cancelReason: reason });
      const patientNotice = tx.accounts.blockOf(booking.accountId)
        ? undefined
        : tx.patientOutbox.enqueue(booking.accountId, { kind: "cancelled_by_clinic", ...noticeFactsOf(booking), reason });
      return { ok: true, card, patientNotice };
    });
  }

  /**
   * The full IIN, for the one member who pressed "Show IIN": reception registers the visit in the
   * clinic's records with it. Audited like a data subject's own look at it.
   */
  revealIin(bookingId: string, member: StaffMember): string | undefined {
    return this.store.transaction((tx) => {
      const booking = tx.bookings.findForStaff(bookingId);
      if (!booking) return undefined;
      tx.audit.record({ actor: "staff", actorId: String(member.telegramUserId), action: "data.viewed", recordType: "booking", recordId: bookingId });
      return tx.patients.personFor(booking.accountId, booking.patientId).iin;
    });
  }

  /**
   * A day's bookings and free times per specialist (the ones asked for), audited as one look at the
   * list: by the member who asked, or by the bot itself for the daily summary.
   */
  day(date: string, doctorIds: readonly string[], reader: StaffMember | "daily-summary"): SpecialistDay[] {
    return this.store.transaction((tx) => {
      const from = zonedWallTimeToInstant(date, "00:00", this.timeZone).toISOString();
      const until = zonedWallTimeToInstant(addDays(date, 1), "00:00", this.timeZone).toISOString();
      const held = tx.bookings.heldBetween(from, until);
      const actor = reader === "daily-summary" ? ({ actor: "system" } as const) : ({ actor: "staff", actorId: String(reader.telegramUserId) } as const);
      tx.audit.record({ ...actor, action: "bookings.listed", recordType: "day", recordId: date });
      return doctorIds
        .map((doctorId) => ({
          doctorId,
          bookings: held.filter((booking) => booking.doctorId === doctorId).map((booking) => this.cardOf(tx, booking)),
          freeSlots: tx.availability.freeSlotsOn(doctorId, date),
        }))
        .filter((day) => day.bookings.length > 0 || day.freeSlots.length > 0);
    });
  }

  today(): string {
    return localDateOf(this.clock.now(), this.timeZone);
  }

  /** Whether "Arrived" and "No-show" make sense yet: from the booking's day on, in clinic time. */
  private dayHasCome(startsAt: string): boolean {
    return localDateOf(startsAt, this.timeZone) <= this.today();
  }

  private cardOf(tx: Repositories, booking: StaffBookingRecord): StaffBookingCard {
    const person = tx.patients.linkedPersonFor(booking.accountId, booking.patientId)!;
    const account = tx.accounts.find(booking.accountId)!;
    const chat = tx.accounts.chatIdOf(booking.accountId);
    const consentLocale = tx.accounts.currentConsent(booking.accountId, "processing")?.locale ?? "ru";
    const parsed = parseIin(person.iin, localDateOf(booking.startsAt, this.timeZone));
    const age = parsed.ok ? ageOn(parsed.birthDate, localDateOf(booking.startsAt, this.timeZone)) : undefined;
    return {
      bookingId: booking.id,
      number: booking.number,
      serviceId: booking.serviceId,
      doctorId: booking.doctorId,
      startsAt: booking.startsAt,
      status: booking.status,
      cancelledBy: booking.cancelledBy,
      cancelReason: booking.cancelReason,
      patientName: person.fullName,
      phone: person.phone,
      maskedIin: maskIin(person.iin),
      relation: person.relation,
      minorAge: age !== undefined && age < ADULT_AGE ? age : undefined,
      language: (chat === undefined ? undefined : tx.preferences.getLocale(account.channel, chat)) ?? consentLocale,
      channel: account.channel,
      movedFrom: booking.movedFrom,
      ...(booking.course ? { session: { number: booking.course.number, count: booking.course.count } } : {}),
    };
  }
}

function noticeFactsOf(booking: StaffBookingRecord) {
  const { number, serviceId, doctorId, startsAt } = booking;
  return { number, serviceId, doctorId, startsAt };
}
