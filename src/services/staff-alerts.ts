import type { Api } from "grammy";
import { formatDate, formatTime } from "../domain/format";
import type { Locale } from "../domain/locale";
import { formatPhoneForDisplay } from "../domain/phone";
import { localDateOf } from "../domain/slots";
import { safeError, type Logger } from "../logger";
import type { Store } from "../store";
import type { StaffMessage, StaffNotice } from "../store/staff-outbox";
import type { Translator } from "../translator";
import type { StaffDeskService } from "./staff-desk";
import type { StaffTexts } from "./staff-texts";

export interface StaffAlertsOptions {
  store: Store;
  desk: StaffDeskService;
  texts: StaffTexts;
  i18n: Translator;
  locale: Locale;
  staffChatId: number | undefined;
  timeZone: string;
  logger: Logger;
}

/**
 * Delivers the staff outbox to the staff group through the Telegram API, whichever channel the booking
 * came from. Only the staff group ever receives these messages.
 */
export class StaffAlerts {
  private api: Api | undefined;
  private flushing: Promise<number> | undefined;

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
  flush(): Promise<number> {
    this.flushing ??= this.deliverDue().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /**
   * Posts messages the bot starts itself (the daily summary) to the staff group, in order; false when
   * there is no group or no API to post with. A failure is thrown to the caller, which tries again later.
   */
  async post(texts: readonly string[]): Promise<boolean> {
    const { staffChatId } = this.options;
    if (!this.api || staffChatId === undefined) return false;
    for (const text of texts) await this.api.sendMessage(staffChatId, text);
    return true;
  }

  format(notice: StaffNotice): string {
    const { i18n, locale, store, timeZone } = this.options;
    const service = store.catalog.service(notice.serviceId);
    const doctor = store.catalog.doctor(notice.doctorId);
    const text = i18n.t(locale, `staff-${notice.kind}`, {
      number: notice.number,
      service: service?.name[locale] ?? notice.serviceId,
      doctor: doctor?.name[locale] ?? notice.doctorId,
      date: formatDate(localDateOf(notice.startsAt, timeZone)),
      time: formatTime(notice.startsAt, locale, timeZone),
      patient: notice.patientName,
      phone: notice.phone ? formatPhoneForDisplay(notice.phone) : "",
      iin: notice.maskedIin,
      channel: i18n.t(locale, `channel-${notice.channel}`),
    });
    return notice.iinClaimedElsewhere ? `${text}\n${i18n.t(locale, "staff-iin-claimed-elsewhere")}` : text;
  }

  /**
   * A new booking is announced by its card, read from the booking as it is now (so an alert delivered
   * late already shows a cancellation), with the buttons staff act with. Every other notice, and a
   * booking gone since (erased), is told as it was written.
   */
  private async send(staffChatId: number, notice: StaffMessage): Promise<void> {
    const { desk, texts, i18n, locale } = this.options;
    if (notice.kind === "absence") {
      await this.api!.sendMessage(staffChatId, texts.absenceSummary(notice));
      return;
    }
    const card = notice.kind === "booked" ? desk.cardByNumber(notice.number) : undefined;
    if (!card) {
      await this.api!.sendMessage(staffChatId, this.format(notice));
      return;
    }
    const text = texts.card(card);
    await this.api!.sendMessage(staffChatId, notice.iinClaimedElsewhere ? `${text}\n${i18n.t(locale, "staff-iin-claimed-elsewhere")}` : text, {
      reply_markup: texts.cardKeyboard(card),
    });
  }

  private async deliverDue(): Promise<number> {
    const { store, staffChatId, logger } = this.options;
    if (!this.api || staffChatId === undefined) return 0;
    let delivered = 0;
    const { pending: due, unreadable } = store.staffOutbox.due();
    if (unreadable > 0) logger.error({ unreadable }, "staff alerts that cannot be read were set aside; the others go on (npm run admin -- outbox)");
    for (const pending of due) {
      try {
        await this.send(staffChatId, pending.notice);
        store.staffOutbox.delivered(pending.id);
        delivered += 1;
      } catch (error) {
        store.staffOutbox.failed(pending.id, pending.attempts);
        logger.warn({ err: safeError(error), attempts: pending.attempts + 1 }, "the staff group did not take an alert; will retry");
        break;
      }
    }
    return delivered;
  }
}
