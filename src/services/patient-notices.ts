import { GrammyError, type Api } from "grammy";
import type { ChannelName } from "../domain/channel";
import { formatDateTime } from "../domain/format";
import type { Locale } from "../domain/locale";
import { safeError, type Logger } from "../logger";
import type { Store } from "../store";
import type { PendingPatientNotice } from "../store/patient-outbox";
import type { Translator } from "../translator";

export interface PatientNoticesOptions {
  store: Store;
  i18n: Translator;
  /** The running channels' APIs (app.channelApis): a notice waits until its patient's channel runs. */
  channelApis: Map<ChannelName, Api>;
  timeZone: string;
  logger: Logger;
}

/**
 * Delivers the patient outbox on each patient's own channel (Telegram or WhatsApp), in their language.
 * A blocked account (policy §8) is sent nothing: its notices are dropped.
 */
export class PatientNotices {
  private flushing: Promise<number> | undefined;

  constructor(private readonly options: PatientNoticesOptions) {}

  /** Sends every due notice; overlapping calls share one run. Returns how many were delivered. */
  flush(): Promise<number> {
    this.flushing ??= this.deliverDue().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async deliverDue(): Promise<number> {
    const { store, channelApis, logger } = this.options;
    const downChannels = new Set<ChannelName>();
    let delivered = 0;
    for (const pending of store.patientOutbox.due()) {
      const account = store.accounts.find(pending.accountId);
      const chat = store.accounts.chatIdOf(pending.accountId);
      if (!account || account.blockedAt !== null || chat === undefined) {
        store.patientOutbox.delivered(pending.id);
        continue;
      }
      const api = channelApis.get(account.channel);
      if (!api || downChannels.has(account.channel)) continue;
      try {
        await api.sendMessage(chatIdForApi(chat), this.text(pending, this.localeOf(pending.accountId, account.channel, chat)));
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

  private text({ notice }: PendingPatientNotice, locale: Locale): string {
    const { i18n, store, timeZone } = this.options;
    return i18n.t(locale, "patient-cancelled-by-clinic", {
      number: notice.number,
      when: formatDateTime(notice.startsAt, locale, timeZone),
      service: store.catalog.service(notice.serviceId)?.name[locale] ?? notice.serviceId,
      doctor: store.catalog.doctor(notice.doctorId)?.name[locale] ?? notice.doctorId,
      reason: i18n.t(locale, `cancel-reason-${notice.reason}`),
    });
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
