import { GrammyError, InlineKeyboard } from "grammy";
import { performance } from "node:perf_hooks";
import type { App } from "../app";
import { policyVersionTextData } from "../domain/callback-data";
import { formatDate } from "../domain/format";
import { compareVersions } from "../domain/policy";
import { retryAfterSeconds, sendForOutbox } from "../services/outbox-sending";
import { safeError } from "../logger";
import type { ChannelName } from "../domain/channel";
import type { DueNotice } from "../store/policy-notices";
import type { Locale } from "../domain/locale";

/**
 * Telegram lets a bot send about 30 messages a second in all (its Bots FAQ); notices keep below that,
 * so that the replies people are waiting for still get through while thousands of notices go out.
 */
export const NOTICES_PER_SECOND = 25;

/** After this many failures in a row a channel is left alone until the next run: it is down. */
const FAILURES_BEFORE_PAUSING_CHANNEL = 3;

/** How the pace is kept: real time by default; tests pass a clock they move themselves. */
export interface Pace {
  now(): number;
  sleep(milliseconds: number): Promise<void>;
}

export const realTime: Pace = {
  now: () => performance.now(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};

export interface NoticeRun {
  sent: number;
  skipped: number;
  failed: number;
}

const running = new WeakMap<App, Promise<NoticeRun>>();

/**
 * Sends the notices of new policy versions (policy §9) that are due, through the channel each person
 * uses and in their language. Overlapping calls share one run; everything the run knows is in the
 * database, so a restart simply carries on with what is still pending.
 */
export function deliverPolicyNotices(app: App, pace: Pace = realTime): Promise<NoticeRun> {
  let run = running.get(app);
  if (!run) {
    run = deliverDue(app, pace).finally(() => running.delete(app));
    running.set(app, run);
  }
  return run;
}

async function deliverDue(app: App, pace: Pace): Promise<NoticeRun> {
  const { policyNotices } = app.store;
  const result: NoticeRun = { sent: 0, skipped: 0, failed: 0 };
  const failuresInARow = new Map<ChannelName, number>();
  const interval = 1000 / NOTICES_PER_SECOND;
  let nextSendAt = pace.now();
  for (;;) {
    const channels = [...app.channelApis.keys()].filter((channel) => (failuresInARow.get(channel) ?? 0) < FAILURES_BEFORE_PAUSING_CHANNEL);
    const due = policyNotices.due(channels);
    if (due.length === 0) return result;
    for (const notice of due) {
      if ((failuresInARow.get(notice.channel) ?? 0) >= FAILURES_BEFORE_PAUSING_CHANNEL) continue;
      const message = compose(app, notice);
      if (!message) {
        policyNotices.skip(notice);
        result.skipped += 1;
        continue;
      }
      const wait = nextSendAt - pace.now();
      if (wait > 0) await pace.sleep(wait);
      nextSendAt = Math.max(nextSendAt, pace.now()) + interval;
      // Claimed before it is sent and marked sent after: at least once (store/policy-notices.ts).
      if (!policyNotices.claim(notice)) continue;
      try {
        const api = app.channelApis.get(notice.channel)!;
        await sendForOutbox(() => api.sendMessage(message.chatId, message.text, { reply_markup: message.keyboard }));
        policyNotices.sent(notice);
        failuresInARow.set(notice.channel, 0);
        result.sent += 1;
      } catch (error) {
        result.failed += 1;
        // One busy chat waits its turn; the run goes on with the others at the same pace.
        const wait = retryAfterSeconds(error);
        if (wait !== undefined) {
          policyNotices.retryAfter(notice, wait);
          continue;
        }
        if (isPermanent(error)) {
          policyNotices.skip(notice);
          app.logger.warn({ err: safeError(error), channel: notice.channel }, "a policy notice cannot be delivered to this chat; skipped");
          continue;
        }
        const retried = policyNotices.failed(notice);
        failuresInARow.set(notice.channel, (failuresInARow.get(notice.channel) ?? 0) + 1);
        app.logger.warn({ err: safeError(error), channel: notice.channel, attempts: notice.attempts + 1, retried }, "a policy notice was not delivered");
      }
    }
  }
}

/**
 * The notice in the person's language, or nothing when it must not be sent: the account is blocked,
 * its consent is withdrawn, or it already consented to this version or a newer one.
 */
function compose(app: App, notice: DueNotice): { chatId: number | string; text: string; keyboard: InlineKeyboard } | undefined {
  const { accounts, preferences, policyVersions } = app.store;
  const consent = accounts.currentConsent(notice.accountId, "processing");
  if (!consent?.granted || compareVersions(consent.policyVersion, notice.version) >= 0) return undefined;
  if (accounts.blockOf(notice.accountId)) return undefined;
  const chat = accounts.chatIdOf(notice.accountId);
  const policy = policyVersions.byVersion(notice.version);
  if (chat === undefined || !policy) return undefined;
  const locale: Locale = preferences.getLocale(notice.channel, chat) ?? consent.locale;
  const date = formatDate(policy.effectiveDate);
  return {
    chatId: /^-?\d+$/.test(chat) ? Number(chat) : chat,
    text: app.i18n.t(locale, "policy-notice", { version: policy.version, date, changes: policy.changes[locale] }),
    keyboard: new InlineKeyboard().text(app.i18n.t(locale, "button-policy-version-full", { version: policy.version }), policyVersionTextData.pack({ version: policy.version })),
  };
}

/** The person blocked the bot or the chat is gone: retrying would never help. */
function isPermanent(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 403 || (error.error_code === 400 && /chat not found/i.test(error.description)));
}
