import { GrammyError, InlineKeyboard, type Api } from "grammy";
import type { Clock } from "../clock";
import { isRebookable } from "../domain/booking-status";
import { declineOfferData, moveBookingData, takeOfferData } from "../domain/callback-data";
import type { ChannelName } from "../domain/channel";
import { formatDateTime, formatTime } from "../domain/format";
import type { Locale } from "../domain/locale";
import { safeError, type Logger } from "../logger";
import type { Store } from "../store";
import type { ClinicCancellationNotice, PatientNotice, WaitlistOfferNotice } from "../store/patient-outbox";
import type { Translator } from "../translator";
import { sharedRun } from "./shared-run";

export interface PatientNoticesOptions {
  store: Store;
  i18n: Translator;
  /** The running channels' APIs (app.channelApis): a notice waits until its patient's channel runs. */
  channelApis: Map<ChannelName, Api>;
  clock: Clock;
  timeZone: string;
  logger: Logger;
}

/**
 * Delivers the patient outbox on each patient's own channel (Telegram or WhatsApp), in their language.
 * A blocked account (policy §8) is sent nothing: its notices are dropped. A waiting-list offer whose
 * hold ended before it could go out (the channel was down) is dropped too: its slot went to the next person.
 */
export class PatientNotices {

  constructor(private readonly options: PatientNoticesOptions) {}

  /** Sends every due notice; overlapping calls share one run. Returns how many were delivered. */
  readonly flush = sharedRun(() => this.deliverDue());

  private async deliverDue(): Promise<number> {
    const { store, channelApis, logger } = this.options;
    const downChannels = new Set<ChannelName>();
    let delivered = 0;
    for (const pending of store.patientOutbox.due()) {
      const account = store.accounts.find(pending.accountId);
      const chat = store.accounts.chatIdOf(pending.accountId);
      if (!account || account.blockedAt !== null || chat === undefined || !this.stillTrue(pending.notice)) {
        store.patientOutbox.delivered(pending.id);
        continue;
      }
      const api = channelApis.get(account.channel);
      if (!api || downChannels.has(account.channel)) continue;
      try {
        const locale = this.localeOf(pending.accountId, account.channel, chat);
        const { text, keyboard } = this.message(pending.notice, locale);
        await api.sendMessage(chatIdForApi(chat), text, keyboard ? { reply_markup: keyboard } : undefined);
        store.patientOutbox.delivered(pending.id);
        delivered += 1;
      } catch (error) {
        if (isPermanent(error)) {
          store.patientOutbox.delivered(pending.id);
          logger.warn({ err: safeError(error), channel: account.channel }, "a patient notice cannot be delivered to this chat; dropped");
          continue;
        }
        store.patientOutbox.failed(pending.id, pending.attempts);
        downChannels.add(account.channel);
        logger.warn({ err: safeError(error), channel: account.channel, attempts: pending.attempts + 1 }, "a patient notice was not delivered; will retry");
      }
    }
    return delivered;
  }

  private localeOf(accountId: string, channel: ChannelName, chat: string): Locale {
    return patientLocale(this.options.store, accountId, channel, chat);
  }

  private stillTrue(notice: PatientNotice): boolean {
    if (notice.kind !== "waitlist_offer") return true;
    const offer = this.options.store.waitlist.offer(notice.offerId);
    return offer?.status === "open" && offer.expiresAt > this.options.clock.now().toISOString();
  }

  private message(notice: PatientNotice, locale: Locale): { text: string; keyboard: InlineKeyboard | undefined } {
    if (notice.kind === "waitlist_offer") return { text: this.offerText(notice, locale), keyboard: this.offerKeyboard(notice, locale) };
    if (notice.sessions) return this.courseCancellation(notice, notice.sessions, locale);
    // Looked up once: it decides both the words and the button.
    const rebookId = this.rebookable(notice.number);
    const keyboard = rebookId === undefined ? undefined : new InlineKeyboard().text(this.options.i18n.t(locale, "button-rebook"), moveBookingData.pack({ bookingId: rebookId }));
    return { text: this.text(notice, locale, rebookId), keyboard };
  }

  /**
   * The sessions of a course a clinic's cancellation covers, in one message: each listed, and each the
   * family may still give a new time has its button (a course keeps its specialist).
   */
  private courseCancellation(notice: ClinicCancellationNotice, sessions: NonNullable<ClinicCancellationNotice["sessions"]>, locale: Locale): { text: string; keyboard: InlineKeyboard | undefined } {
    const { i18n, store, timeZone } = this.options;
    const keyboard = new InlineKeyboard();
    let rebookable = 0;
    for (const session of sessions) {
      const rebookId = this.rebookable(session.number);
      if (rebookId === undefined) continue;
      // One button to a row, and no empty row left after the last.
      if (rebookable > 0) keyboard.row();
      keyboard.text(i18n.t(locale, "button-rebook-session", { number: session.session.number }), moveBookingData.pack({ bookingId: rebookId }));
      rebookable += 1;
    }
    const lines = sessions.map((session) => i18n.t(locale, "patient-course-cancelled-line", { number: session.number, session: i18n.t(locale, "session-label", { ...session.session }), when: formatDateTime(session.startsAt, locale, timeZone) }));
    const text = i18n.t(locale, rebookable > 0 ? "patient-course-cancelled-by-clinic-rebook" : "patient-course-cancelled-by-clinic", {
      count: sessions.length,
      sessions: lines.join("\n"),
      service: store.catalog.service(notice.serviceId)?.name[locale] ?? notice.serviceId,
      doctor: store.catalog.doctor(notice.doctorId)?.name[locale] ?? notice.doctorId,
      reason: i18n.t(locale, `cancel-reason-${notice.reason}`),
    });
    return { text, keyboard: rebookable > 0 ? keyboard : undefined };
  }

  private offerKeyboard(notice: WaitlistOfferNotice, locale: Locale): InlineKeyboard {
    const { i18n } = this.options;
    return new InlineKeyboard()
      .text(i18n.t(locale, "button-waitlist-take"), takeOfferData.pack({ offerId: notice.offerId }))
      .row()
      .text(i18n.t(locale, "button-waitlist-decline"), declineOfferData.pack({ offerId: notice.offerId }));
  }

  /**
   * The booking a clinic's cancellation is about, when the family may give it a new time in one tap
   * (the clinic's own reason, and still in time: isRebookable).
   */
  private rebookable(number: string): string | undefined {
    const booking = this.options.store.bookings.findForStaffByNumber(number);
    return booking && isRebookable(booking, this.options.clock.now()) ? booking.id : undefined;
  }

  private text(notice: ClinicCancellationNotice, locale: Locale, rebookId: string | undefined): string {
    const { i18n, store, timeZone } = this.options;
    const key = rebookId === undefined ? "patient-cancelled-by-clinic" : "patient-cancelled-by-clinic-rebook";
    return i18n.t(locale, key, {
      number: notice.number,
      when: formatDateTime(notice.startsAt, locale, timeZone),
      service: store.catalog.service(notice.serviceId)?.name[locale] ?? notice.serviceId,
      doctor: store.catalog.doctor(notice.doctorId)?.name[locale] ?? notice.doctorId,
      reason: i18n.t(locale, `cancel-reason-${notice.reason}`),
    });
  }

  private offerText(notice: WaitlistOfferNotice, locale: Locale): string {
    const { i18n, store, timeZone } = this.options;
    const service = store.catalog.service(notice.serviceId);
    const offer = i18n.t(locale, "waitlist-offer", {
      patient: notice.patientName,
      when: formatDateTime(notice.startsAt, locale, timeZone),
      service: service?.name[locale] ?? notice.serviceId,
      doctor: store.catalog.doctor(notice.doctorId)?.name[locale] ?? notice.doctorId,
      until: formatTime(notice.holdUntil, locale, timeZone),
    });
    // Taking it books the whole course from this time, as the family would have planned it.
    return service?.course ? `${offer}\n${i18n.t(locale, "waitlist-offer-course", { count: service.course.sessions })}` : offer;
  }
}

/** The language the person chose in their chat, or the one they consented in. */
export function patientLocale(store: Store, accountId: string, channel: ChannelName, chat: string): Locale {
  return store.preferences.getLocale(channel, chat) ?? store.accounts.currentConsent(accountId, "processing")?.locale ?? "ru";
}

/** A stored chat id as the Bot API takes it: Telegram's are numbers, WhatsApp's are opaque text. */
export function chatIdForApi(chat: string): number | string {
  return /^-?\d+$/.test(chat) ? Number(chat) : chat;
}

/** The person blocked the bot or the chat is gone: retrying would never help. */
function isPermanent(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 403 || (error.error_code === 400 && /chat not found/i.test(error.description)));
}
