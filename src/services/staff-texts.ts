import { InlineKeyboard } from "grammy";
import { STAFF_CANCEL_REASONS, type StaffCancelReason } from "../domain/booking-status";
import { staffCancelData, staffCancelReasonData, staffCardData, staffIinData, staffOpenData, staffVisitData } from "../domain/callback-data";
import { formatDate, formatDateTime, formatDay, formatTime } from "../domain/format";
import type { SessionOf } from "../domain/courses";
import type { Locale } from "../domain/locale";
import { formatPhoneForDisplay } from "../domain/phone";
import type { CatalogRepository } from "../store/catalog";
import type { AbsenceSummary, DoctorRemovedSummary } from "../store/staff-outbox";
import type { Translator } from "../translator";
import type { SpecialistDay, StaffBookingCard } from "./staff-desk";

/** Telegram refuses a message longer than 4096 characters. */
const MESSAGE_LIMIT = 4096;

/**
 * What the staff group reads, in STAFF_LOCALE: the booking alert with its state and buttons, and the day
 * lists. The alert shows the IIN masked; the full one is only ever a pop-up answer to one member.
 */
export class StaffTexts {
  constructor(
    private readonly i18n: Translator,
    private readonly locale: Locale,
    private readonly catalog: CatalogRepository,
    private readonly timeZone: string,
  ) {}

  /** The alert: when, what, who comes and how to call them back, and the booking's state now. */
  card(card: StaffBookingCard): string {
    return this.t("staff-card", {
      number: card.number,
      channel: this.t(`channel-${card.channel}`),
      when: formatDateTime(card.startsAt, this.locale, this.timeZone),
      service: this.serviceName(card.serviceId, card.session),
      doctor: this.doctorName(card.doctorId),
      patient: card.patientName,
      who: this.who(card),
      phone: formatPhoneForDisplay(card.phone),
      iin: card.maskedIin,
      language: this.t(`staff-language-${card.language}`),
      state: this.state(card),
    });
  }

  /**
   * The alert's buttons for the booking's state: "Arrived" and "No-show" (the one not chosen stays, to
   * undo a wrong press; before the booking's day a press is refused, but the buttons are there from the
   * start because the alert is sent once and read on the day), "Cancel" while the visit is still to
   * come, "Show IIN" until the booking is cancelled.
   */
  cardKeyboard(card: StaffBookingCard): InlineKeyboard {
    // No rows at all: an empty row is not "no buttons" to Telegram.
    if (card.status === "cancelled") return new InlineKeyboard([]);
    const keyboard = new InlineKeyboard();
    const { bookingId } = card;
    if (card.status !== "attended") keyboard.text(this.t("button-staff-attended"), staffVisitData.pack({ bookingId, outcome: "attended" }));
    if (card.status !== "no_show") keyboard.text(this.t("button-staff-no-show"), staffVisitData.pack({ bookingId, outcome: "no_show" }));
    keyboard.row();
    if (card.status === "booked" || card.status === "confirmed") keyboard.text(this.t("button-staff-cancel"), staffCancelData.pack({ bookingId }));
    return keyboard.text(this.t("button-staff-show-iin"), staffIinData.pack({ bookingId }));
  }

  /** Several new bookings in one message (a burst): a line each with what reception needs to call back. */
  digest(entries: readonly { card: StaffBookingCard; claimedElsewhere: boolean }[]): string {
    const lines = entries.map(({ card, claimedElsewhere }) =>
      this.t("staff-digest-line", {
        number: card.number,
        channel: this.t(`channel-${card.channel}`),
        when: formatDateTime(card.startsAt, this.locale, this.timeZone),
        service: this.serviceName(card.serviceId, card.session),
        doctor: this.doctorName(card.doctorId),
        patient: card.patientName,
        minor: card.minorAge === undefined ? "" : ` ${this.t("staff-minor-marker", { age: card.minorAge })}`,
        phone: formatPhoneForDisplay(card.phone),
        iin: card.maskedIin,
        language: this.t(`staff-language-${card.language}`),
        claimed: claimedElsewhere ? ` ${this.t("staff-digest-claimed")}` : "",
      }),
    );
    return [this.t("staff-digest-heading", { count: entries.length }), ...lines].join("\n");
  }

  /** A digest's buttons: one per booking, two to a row, each opening that booking's card with its actions. */
  digestKeyboard(cards: readonly StaffBookingCard[]): InlineKeyboard {
    const keyboard = new InlineKeyboard();
    cards.forEach((card, index) => {
      keyboard.text(this.t("button-staff-open", { number: card.number }), staffOpenData.pack({ bookingId: card.bookingId }));
      // Two to a row, and no empty row after the last (a digest of ten, a course, ends on a full row).
      if (index % 2 === 1 && index < cards.length - 1) keyboard.row();
    });
    return keyboard;
  }

  /** In place of the alert's buttons after "Cancel": why (one per row), and "Back". */
  reasonsKeyboard(bookingId: string): InlineKeyboard {
    const keyboard = new InlineKeyboard();
    for (const reason of STAFF_CANCEL_REASONS) keyboard.text(this.reason(reason), staffCancelReasonData.pack({ bookingId, reason })).row();
    return keyboard.text(this.t("button-staff-back"), staffCardData.pack({ bookingId }));
  }

  /** One message for a whole absence: how many bookings it cancelled and how many patients hear of it in their chat. */
  /** `rebooked`: how many of the families have chosen a new time in the chat since (the summary is edited). */
  absenceSummary(summary: Omit<AbsenceSummary, "kind" | "bookingNumbers">, rebooked = 0): string {
    return this.t("staff-absence-summary", {
      rebooked,
      doctor: this.doctorName(summary.doctorId),
      from: formatDate(summary.from),
      to: formatDate(summary.to),
      reason: summary.reason,
      cancelled: summary.cancelled,
      told: summary.told,
      toCall: summary.cancelled - summary.told,
    });
  }

  /** One message for the bookings of a specialist a catalogue import removed. */
  doctorRemovedSummary(summary: DoctorRemovedSummary): string {
    const { cancelled, told } = summary;
    return this.t("staff-doctor-removed-summary", { doctor: this.doctorName(summary.doctorId), cancelled, told, toCall: cancelled - told });
  }

  reason(reason: StaffCancelReason): string {
    return this.t(`cancel-reason-${reason}`);
  }

  /** A day's list, one block per specialist, split into messages under Telegram's limit at block and line breaks. */
  day(date: string, days: readonly SpecialistDay[]): string[] {
    const heading = this.t("staff-day-heading", { day: formatDay(date, this.locale, this.timeZone), date: formatDate(date) });
    const closed = this.catalog.closedDay(date);
    const lines = closed ? [heading, this.t("staff-day-closed", { name: closed[this.locale] })] : [heading];
    if (days.length === 0) return [[...lines, this.t("staff-day-empty")].join("\n")];
    for (const day of days) {
      lines.push("", this.doctorName(day.doctorId));
      if (day.bookings.length === 0) lines.push(this.t("staff-day-no-bookings"));
      for (const booking of day.bookings) {
        lines.push(
          this.t("staff-day-booking", {
            time: formatTime(booking.startsAt, this.locale, this.timeZone),
            state: this.shortState(booking),
            patient: booking.patientName,
            minor: booking.minorAge === undefined ? "" : ` ${this.t("staff-minor-marker", { age: booking.minorAge })}`,
            phone: formatPhoneForDisplay(booking.phone),
            iin: booking.maskedIin,
            number: booking.number,
            session: booking.session ? `, ${this.t("staff-day-session", { number: booking.session.number, count: booking.session.count })}` : "",
          }),
        );
      }
      const free = day.freeSlots.map((slot) => formatTime(slot.startsAt, this.locale, this.timeZone));
      lines.push(free.length === 0 ? this.t("staff-day-no-free") : this.t("staff-day-free", { times: free.join(", ") }));
    }
    return splitLines(lines);
  }

  private who(card: StaffBookingCard): string {
    if (card.minorAge !== undefined) return this.t("staff-who-minor", { age: card.minorAge });
    return this.t(card.relation === "self" ? "staff-who-self" : "staff-who-other");
  }

  private state(card: StaffBookingCard): string {
    if (card.status !== "cancelled") {
      const state = this.t(`staff-state-${card.status}`);
      return card.movedFrom === null ? state : `${state}, ${this.t("staff-state-moved", { from: formatDateTime(card.movedFrom, this.locale, this.timeZone) })}`;
    }
    if (card.cancelledBy === "staff" && card.cancelReason !== null) return this.t("staff-state-cancelled-by-staff", { reason: this.reason(card.cancelReason) });
    return this.t(card.cancelledBy === "patient" ? "staff-state-cancelled-by-patient" : "staff-state-cancelled");
  }

  private shortState(card: StaffBookingCard): string {
    return this.t(`staff-state-${card.status}`);
  }

  /** The service in STAFF_LOCALE, and for a session of a course which one it is ("session 3 of 10"). */
  serviceName(serviceId: string, session?: SessionOf): string {
    const name = this.catalog.service(serviceId)?.name[this.locale] ?? serviceId;
    return session ? this.t("staff-session", { service: name, number: session.number, count: session.count }) : name;
  }

  /** The specialist as staff know them, in STAFF_LOCALE. */
  doctorName(doctorId: string): string {
    return this.catalog.doctor(doctorId)?.name[this.locale] ?? doctorId;
  }

  t(key: string, variables?: Record<string, string | number>): string {
    return this.i18n.t(this.locale, key, variables);
  }
}

/** Lines joined into as few messages as fit under Telegram's limit, cut only between lines. */
function splitLines(lines: readonly string[]): string[] {
  const messages: string[] = [];
  let current = "";
  for (const line of lines) {
    const next = current === "" ? line : `${current}\n${line}`;
    if (next.length <= MESSAGE_LIMIT) {
      current = next;
      continue;
    }
    messages.push(current.trimEnd());
    current = line;
  }
  if (current.trim() !== "") messages.push(current.trimEnd());
  return messages;
}
