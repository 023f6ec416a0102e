import { GrammyError, InlineKeyboard, type Api } from "grammy";
import type { Clock } from "../clock";
import { cancelBookingData, moveBookingData, reminderComeData } from "../domain/callback-data";
import { isOpen, isTooLateToChange } from "../domain/booking-status";
import type { ChannelName } from "../domain/channel";
import { withSession } from "../domain/courses";
import { formatDay, formatTime } from "../domain/format";
import type { Locale } from "../domain/locale";
import { formatPhoneForDisplay } from "../domain/phone";
import { isDaytime, isDaytimeOnly } from "../domain/reminders";
import { safeError, type Logger } from "../logger";
import { retryAfterSeconds, sendForOutbox } from "./outbox-sending";
import type { Store } from "../store";
import type { StaffBookingRecord } from "../store/bookings";
import type { DueReminder } from "../store/reminders";
import type { Translator } from "../translator";
import { chatIdForApi } from "./patient-notices";
import { sharedRun } from "./shared-run";

export interface ReminderSenderOptions {
  store: Store;
  i18n: Translator;
  /** The running channels' APIs (app.channelApis): a reminder waits while its patient's channel is down. */
  channelApis: Map<ChannelName, Api>;
  clock: Clock;
  timeZone: string;
  logger: Logger;
  /**
   * CHANGE_CUTOFF_HOURS: a reminder sent that close to the appointment (the two-hour one, by default)
   * gives the clinic's phone instead of Move and Cancel buttons that could only refuse.
   */
  changeCutoffHours: number;
  /** Waits between two sends; Telegram allows a bot about 30 messages a second (design.md). */
  pause?: (ms: number) => Promise<void>;
}

const BATCH = 500;
const PACE_MS = 40;

type Verdict = { send: true; booking: StaffBookingRecord; channel: ChannelName; chat: string; locale: Locale } | { send: false; skip: boolean };

/**
 * Sends due reminders on each patient's channel, in their language. Each one is claimed, sent and marked
 * sent (src/store/reminders.ts gives the guarantee); whether it should still go out is checked at the
 * moment of sending, since a block, a withdrawal or a cancellation may have come after it was planned.
 */
export class ReminderSender {

  constructor(private readonly options: ReminderSenderOptions) {}

  /** Sends every due reminder; overlapping calls share one run. Returns how many were sent. */
  readonly flush = sharedRun(() => this.sendDue());

  private async sendDue(): Promise<number> {
    const { store, channelApis, clock, logger } = this.options;
    const pause = this.options.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    store.reminders.recoverInterrupted();
    const downChannels = new Set<ChannelName>();
    const catalog = new CatalogNames(store);
    let sent = 0;
    for (const reminder of store.reminders.due(clock.now(), BATCH)) {
      const verdict = this.verdictOn(reminder);
      if (!verdict.send) {
        if (verdict.skip) store.reminders.skipped(reminder.id);
        continue;
      }
      const api = channelApis.get(verdict.channel);
      if (!api || downChannels.has(verdict.channel) || !store.reminders.claim(reminder.id)) continue;
      if (sent > 0) await pause(PACE_MS);
      try {
        const { text, keyboard } = this.message(reminder, verdict.booking, verdict.locale, catalog);
        await sendForOutbox(() => api.sendMessage(chatIdForApi(verdict.chat), text, { reply_markup: keyboard }));
        store.reminders.sent(reminder.id, clock.now());
        sent += 1;
      } catch (error) {
        // Telegram asks to wait before writing to this one chat again: it gets its reminder on a later
        // run, and the others go on now (the channel is not down).
        if (retryAfterSeconds(error) !== undefined) {
          store.reminders.refused(reminder.id);
          logger.info({ channel: verdict.channel }, "a reminder waits: Telegram asked to slow down for this chat");
          continue;
        }
        if (isRefusalOfThisMessage(error)) {
          store.reminders.skipped(reminder.id);
          logger.warn({ err: safeError(error), channel: verdict.channel }, "a reminder cannot be delivered to this chat; skipped");
          continue;
        }
        // Telegram answered with an error, so nothing reached the person; a lost connection may have
        // delivered it, and then the claim counts towards the one resend allowed.
        if (error instanceof GrammyError) store.reminders.refused(reminder.id);
        else store.reminders.recoverInterrupted(reminder.id);
        downChannels.add(verdict.channel);
        logger.warn({ err: safeError(error), channel: verdict.channel }, "a reminder was not sent; will retry");
      }
    }
    return sent;
  }

  /**
   * Skip: the appointment was cancelled or has begun, the person blocked processing or withdrew
   * consent, or the next reminder is due as well (after downtime only the latest is useful). Wait: a
   * day-before reminder at night, until the morning.
   */
  private verdictOn(reminder: DueReminder): Verdict {
    const { store, clock, timeZone } = this.options;
    const now = clock.now();
    const booking = store.bookings.findForStaff(reminder.bookingId);
    if (!booking || !isOpen(booking.status) || booking.startsAt <= now.toISOString()) return { send: false, skip: true };
    if (reminder.overtaken) return { send: false, skip: true };
    const account = store.accounts.find(booking.accountId);
    const chat = store.accounts.chatIdOf(booking.accountId);
    if (!account || account.blockedAt !== null || chat === undefined) return { send: false, skip: true };
    const consent = store.accounts.currentConsent(booking.accountId, "processing");
    if (!consent?.granted) return { send: false, skip: true };
    if (isDaytimeOnly(reminder.offsetHours) && !isDaytime(now, timeZone)) return { send: false, skip: false };
    // As patientLocale chooses it, with the consent already in hand.
    const locale = store.preferences.getLocale(account.channel, chat) ?? consent.locale;
    return { send: true, booking, channel: account.channel, chat, locale };
  }

  private message(reminder: DueReminder, booking: StaffBookingRecord, locale: Locale, catalog: CatalogNames): { text: string; keyboard: InlineKeyboard } {
    const { i18n, timeZone, clock, changeCutoffHours } = this.options;
    const text = i18n.t(locale, "reminder", {
      number: booking.number,
      patient: booking.patientName,
      date: formatDay(booking.startsAt, locale, timeZone),
      time: formatTime(booking.startsAt, locale, timeZone),
      service: withSession(catalog.service(booking.serviceId)?.name[locale] ?? booking.serviceId, booking.course, (session) => i18n.t(locale, "session-label", { number: session.number, count: session.count })),
      doctor: catalog.doctor(booking.doctorId)?.name[locale] ?? booking.doctorId,
      address: catalog.clinic().address[locale],
    });
    const keyboard = new InlineKeyboard().text(i18n.t(locale, "button-reminder-come"), reminderComeData.pack({ bookingId: booking.id }));
    if (reminder.offsetHours <= changeCutoffHours || isTooLateToChange(booking.startsAt, clock.now(), changeCutoffHours)) {
      return { text: `${text}\n${i18n.t(locale, "reminder-change-by-phone", { phone: formatPhoneForDisplay(catalog.clinic().phone) })}`, keyboard };
    }
    keyboard
      .row()
      .text(i18n.t(locale, "button-reminder-move"), moveBookingData.pack({ bookingId: booking.id }))
      .text(i18n.t(locale, "button-reminder-cancel"), cancelBookingData.pack({ bookingId: booking.id }));
    return { text, keyboard };
  }
}

/** The catalogue's names and address, read once per run rather than once per reminder: a run names few services and doctors. */
class CatalogNames {
  private readonly services = new Map<string, ReturnType<Store["catalog"]["service"]>>();
  private readonly doctors = new Map<string, ReturnType<Store["catalog"]["doctor"]>>();
  private clinicFacts: ReturnType<Store["catalog"]["clinic"]> | undefined;

  constructor(private readonly store: Store) {}

  service(serviceId: string): ReturnType<Store["catalog"]["service"]> {
    if (!this.services.has(serviceId)) this.services.set(serviceId, this.store.catalog.service(serviceId));
    return this.services.get(serviceId);
  }

  doctor(doctorId: string): ReturnType<Store["catalog"]["doctor"]> {
    if (!this.doctors.has(doctorId)) this.doctors.set(doctorId, this.store.catalog.doctor(doctorId));
    return this.doctors.get(doctorId);
  }

  clinic(): ReturnType<Store["catalog"]["clinic"]> {
    return (this.clinicFacts ??= this.store.catalog.clinic());
  }
}

/**
 * Telegram refused this message itself (the person blocked the bot, the chat is gone), not for its own
 * load or faults: sending it again would fail again.
 */
function isRefusalOfThisMessage(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code >= 400 && error.error_code < 500 && error.error_code !== 429;
}
