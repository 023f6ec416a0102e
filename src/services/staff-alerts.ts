import { InlineKeyboard, type Api } from "grammy";
import type { Clock } from "../clock";
import { formatDate, formatTime } from "../domain/format";
import type { Locale } from "../domain/locale";
import { formatPhoneForDisplay } from "../domain/phone";
import { addDays, localDateOf } from "../domain/slots";
import { safeError, type Logger } from "../logger";
import type { Store } from "../store";
import type { PendingStaffNotice, StaffMessage, StaffNotice } from "../store/staff-outbox";
import type { Translator } from "../translator";
import type { StaffDeskService } from "./staff-desk";
import type { StaffTexts } from "./staff-texts";
import { sharedRun } from "./shared-run";

export interface StaffAlertsOptions {
  store: Store;
  desk: StaffDeskService;
  texts: StaffTexts;
  i18n: Translator;
  locale: Locale;
  staffChatId: number | undefined;
  timeZone: string;
  clock: Clock;
  logger: Logger;
}

/**
 * Telegram lets a bot post about 20 messages a minute in one group (its Bots FAQ); the alerts keep
 * below that, leaving room for the answers to staff commands.
 */
export const GROUP_MESSAGES_PER_MINUTE = 18;
/** More new bookings than this waiting at once are announced in digests instead of one card each. */
export const DIGEST_AFTER = 3;
/** Bookings per digest: its lines stay well under Telegram's 4096 characters, its buttons under 100. */
export const DIGEST_SIZE = 15;

/**
 * Delivers the staff outbox to the staff group through the Telegram API, whichever channel the booking
 * came from. Only the staff group ever receives these messages.
 */
export class StaffAlerts {
  private api: Api | undefined;
  /** When the latest messages went to the group (clock milliseconds), for the per-minute budget. */
  private readonly postedAt: number[] = [];

  constructor(private readonly options: StaffAlertsOptions) {}

  /** The API of the Telegram bot (or of the console when there is no Telegram). */
  attach(api: Api): void {
    this.api = api;
  }

  /** Starts a delivery in the background; called right after a booking commits. */
  kick(): void {
    void this.flush().catch((error: unknown) => this.options.logger.error({ err: safeError(error) }, "staff alert delivery failed"));
  }

  /** Sends every due notice; overlapping calls share one run. Returns how many were delivered. */
  readonly flush = sharedRun(() => this.deliverDue());

  /**
   * Posts messages the bot starts itself (the daily summary) to the staff group, in order; false when
   * there is no group or no API to post with. A failure is thrown to the caller, which tries again later.
   */
  async post(texts: readonly string[]): Promise<boolean> {
    const { staffChatId } = this.options;
    if (!this.api || staffChatId === undefined) return false;
    for (const text of texts) {
      await this.api.sendMessage(staffChatId, text);
      this.posted();
    }
    return true;
  }

  format(notice: StaffNotice): string {
    const { i18n, locale, store, timeZone } = this.options;
    const doctor = store.catalog.doctor(notice.doctorId);
    const text = i18n.t(locale, notice.courseCancelled ? "staff-course-cancelled" : `staff-${notice.kind}`, {
      number: notice.number,
      service: this.options.texts.serviceName(notice.serviceId, notice.courseCancelled ? undefined : notice.session),
      sessions: notice.courseCancelled?.sessions.map((session) => `${session.number} — ${formatDate(localDateOf(session.startsAt, timeZone))} ${formatTime(session.startsAt, locale, timeZone)}`).join("\n") ?? "",
      count: notice.courseCancelled?.sessions.length ?? 0,
      doctor: doctor?.name[locale] ?? notice.doctorId,
      date: formatDate(localDateOf(notice.startsAt, timeZone)),
      time: formatTime(notice.startsAt, locale, timeZone),
      patient: notice.patientName,
      phone: notice.phone ? formatPhoneForDisplay(notice.phone) : "",
      iin: notice.maskedIin,
      channel: i18n.t(locale, `channel-${notice.channel}`),
      ...(notice.movedFrom ? this.movedFromVariables(notice.movedFrom) : {}),
    });
    const lines = [text, ...this.changedLines(notice)];
    if (notice.iinClaimedElsewhere) lines.push(i18n.t(locale, "staff-iin-claimed-elsewhere"));
    return lines.join("\n");
  }

  /** A correction says, for each detail that changed, what it was and what it is now. */
  private changedLines(notice: StaffNotice): string[] {
    const { i18n, locale } = this.options;
    const from = notice.changedFrom;
    if (!from) return [];
    const line = (field: "staff-field-name" | "staff-field-phone" | "staff-field-iin", old: string, now: string) => i18n.t(locale, "staff-changed-field", { field: i18n.t(locale, field), old, now });
    return [
      ...(from.patientName === undefined ? [] : [line("staff-field-name", from.patientName, notice.patientName)]),
      ...(from.phone === undefined ? [] : [line("staff-field-phone", formatPhoneForDisplay(from.phone), formatPhoneForDisplay(notice.phone))]),
      ...(from.maskedIin === undefined ? [] : [line("staff-field-iin", from.maskedIin, notice.maskedIin)]),
    ];
  }

  /** A move says when the booking was before, and with whom when the specialist changed too. */
  private movedFromVariables(from: NonNullable<StaffNotice["movedFrom"]>): { from: string; fromDoctor: string } {
    const { locale, store, timeZone } = this.options;
    return {
      from: `${formatDate(localDateOf(from.startsAt, timeZone))} ${formatTime(from.startsAt, locale, timeZone)}`,
      fromDoctor: store.catalog.doctor(from.doctorId)?.name[locale] ?? from.doctorId,
    };
  }

  /**
   * A new booking is announced by its card, read from the booking as it is now (so an alert delivered
   * late already shows a cancellation), with the buttons staff act with. Every other notice, and a
   * booking gone since (erased), is told as it was written.
   */
  private async send(staffChatId: number, notice: StaffMessage): Promise<void> {
    const { desk, texts, i18n, locale } = this.options;
    if (notice.kind === "card_refresh") {
      await this.refreshCard(staffChatId, notice.number);
      return;
    }
    if (notice.kind === "absence_progress") {
      await this.editAbsenceSummary(staffChatId, notice.absenceId);
      return;
    }
    if (notice.kind === "absence" || notice.kind === "doctor_removed") {
      const sent = await this.api!.sendMessage(staffChatId, notice.kind === "absence" ? texts.absenceSummary(notice) : texts.doctorRemovedSummary(notice));
      if (notice.kind === "absence" && notice.absenceId !== undefined) this.options.store.absences.setStaffMessage(notice.absenceId, sent.message_id);
      for (const number of notice.bookingNumbers) await this.refreshCard(staffChatId, number);
      return;
    }
    const card = notice.kind === "booked" ? desk.cardByNumber(notice.number) : undefined;
    if (!card) {
      await this.api!.sendMessage(staffChatId, this.format(notice));
      if (notice.kind === "erased" && notice.staffMessageId !== undefined) await this.emptyCard(staffChatId, notice.staffMessageId, notice.number);
      else for (const number of notice.courseCancelled?.sessions.map((session) => session.number) ?? [notice.number]) await this.refreshCard(staffChatId, number);
      return;
    }
    const text = texts.card(card);
    const sent = await this.api!.sendMessage(staffChatId, notice.iinClaimedElsewhere ? `${text}\n${i18n.t(locale, "staff-iin-claimed-elsewhere")}` : text, {
      reply_markup: texts.cardKeyboard(card),
    });
    this.options.store.bookings.setStaffMessage(card.bookingId, sent.message_id);
  }

  /** An absence's summary, edited to count the families who have chosen a new time since. */
  private async editAbsenceSummary(staffChatId: number, absenceId: string): Promise<void> {
    const { store, texts, timeZone } = this.options;
    const progress = store.absences.progressOf(absenceId);
    if (!progress || progress.staffMessageId === null) return;
    const from = localDateOf(progress.startsAt, timeZone);
    const to = addDays(localDateOf(progress.endsAt, timeZone), -1);
    const summary = { doctorId: progress.doctorId, from, to, reason: progress.reason, cancelled: progress.cancelled, told: progress.told };
    await this.editQuietly(staffChatId, progress.staffMessageId, texts.absenceSummary(summary, progress.rebooked), new InlineKeyboard([]));
  }

  /**
   * The booking's card in the group, edited to its state now (a patient's cancellation, a change of
   * details), so the group's history shows each booking as it stands. An edit Telegram refuses (the
   * message is too old, or already shows this) changes nothing else.
   */
  private async refreshCard(staffChatId: number, number: string): Promise<void> {
    const { desk, texts, store } = this.options;
    const card = desk.cardByNumber(number);
    const messageId = card && store.bookings.staffMessageOf(card.bookingId);
    if (!card || messageId === undefined) return;
    await this.editQuietly(staffChatId, messageId, texts.card(card), texts.cardKeyboard(card));
  }

  /** After an erasure the card keeps only that the booking existed: the person's details leave the group's history. */
  private async emptyCard(staffChatId: number, messageId: number, number: string): Promise<void> {
    const { texts } = this.options;
    await this.editQuietly(staffChatId, messageId, texts.t("staff-card-erased", { number }), new InlineKeyboard([]));
  }

  private async editQuietly(staffChatId: number, messageId: number, text: string, keyboard: InlineKeyboard): Promise<void> {
    try {
      await this.api!.editMessageText(staffChatId, messageId, text, { reply_markup: keyboard });
    } catch (error) {
      this.options.logger.info({ err: safeError(error) }, "a booking card in the staff group could not be edited; left as it was");
    }
  }

  /**
   * Sends due notices while the group's budget for this minute lasts; what is left waits for the next
   * run (each minute's job, or the next booking). A burst therefore piles up and goes out as digests:
   * more than DIGEST_AFTER new bookings at once are announced DIGEST_SIZE to a message.
   */
  private async deliverDue(): Promise<number> {
    const { store, staffChatId, logger } = this.options;
    if (!this.api || staffChatId === undefined) return 0;
    let delivered = 0;
    const { pending: due, unreadable } = store.staffOutbox.due(100);
    if (unreadable > 0) logger.error({ unreadable }, "staff alerts that cannot be read were set aside; the others go on (npm run admin -- outbox)");
    for (const unit of messagesOf(due)) {
      if (this.budgetLeft() <= 0) break;
      try {
        if (unit.length === 1) await this.send(staffChatId, unit[0]!.notice);
        else await this.sendDigest(staffChatId, unit);
        this.posted();
        for (const pending of unit) store.staffOutbox.delivered(pending.id);
        delivered += unit.length;
      } catch (error) {
        for (const pending of unit) store.staffOutbox.failed(pending.id, pending.attempts);
        logger.warn({ err: safeError(error), attempts: unit[0]!.attempts + 1 }, "the staff group did not take an alert; will retry");
        break;
      }
    }
    return delivered;
  }

  /** One message for several new bookings: a line each, and a button each that opens its card. */
  private async sendDigest(staffChatId: number, unit: PendingStaffNotice[]): Promise<void> {
    const { desk, texts } = this.options;
    const entries = unit.flatMap(({ notice }) => {
      const card = notice.kind === "booked" ? desk.cardByNumber(notice.number) : undefined;
      return card ? [{ card, claimedElsewhere: notice.kind === "booked" && notice.iinClaimedElsewhere === true }] : [];
    });
    if (entries.length === 0) return;
    await this.api!.sendMessage(staffChatId, texts.digest(entries), { reply_markup: texts.digestKeyboard(entries.map((entry) => entry.card)) });
  }

  private budgetLeft(): number {
    const minuteAgo = this.options.clock.now().getTime() - 60_000;
    while (this.postedAt.length > 0 && this.postedAt[0]! <= minuteAgo) this.postedAt.shift();
    return GROUP_MESSAGES_PER_MINUTE - this.postedAt.length;
  }

  private posted(): void {
    this.postedAt.push(this.options.clock.now().getTime());
  }
}

/** The messages the due notices make, in order: each alone, or new bookings grouped into digests when many wait. */
function messagesOf(due: PendingStaffNotice[]): PendingStaffNotice[][] {
  const booked = due.filter((pending) => pending.notice.kind === "booked");
  if (booked.length <= DIGEST_AFTER) return due.map((pending) => [pending]);
  const digests: PendingStaffNotice[][] = [];
  for (let index = 0; index < booked.length; index += DIGEST_SIZE) digests.push(booked.slice(index, index + DIGEST_SIZE));
  return [...due.filter((pending) => pending.notice.kind !== "booked").map((pending) => [pending]), ...digests];
}
