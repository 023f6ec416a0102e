import { autoRetry } from "@grammyjs/auto-retry";
import type { Transformer } from "grammy";
import { isSentForOutbox } from "../services/outbox-sending";

/**
 * How Bot API failures are retried, for every call the bot makes (its own Api and the one each
 * dialogue builds). A 429 ("too many requests") and a 5xx are retried a few times, waiting at most a
 * minute: the chat's queue must not wait on an outage for hours (auto-retry's defaults retry for ever).
 * A network failure is not retried: Telegram may already have the message (there is no idempotency
 * key), and a duplicate "Вы записаны!" or staff alert misleads more than a missing one, which the
 * outboxes send again themselves and a patient gets by asking again.
 */
export const RETRY_OPTIONS = { maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true } as const;

export function retryFailedCalls(): Transformer {
  const retrying = autoRetry(RETRY_OPTIONS);
  // An outbox's own sends are not waited out here: it retries them itself (src/services/outbox-sending.ts).
  return (previous, method, payload, signal) => (isSentForOutbox() ? previous(method, payload, signal) : retrying(previous, method, payload, signal));
}

const STALE_CALLBACK_QUERY = /query is too old|query ID is invalid/i;

/**
 * answerCallbackQuery only stops the little clock on a pressed button, and Telegram refuses it once the
 * press is older than about 15 seconds (after a restart, a slow reply). The refusal is harmless, but
 * thrown inside a dialogue it would end it and drop what the person typed, so it is taken as done.
 */
export const ignoreStaleCallbackAnswers: Transformer = async (previous, method, payload, signal) => {
  const response = await previous(method, payload, signal);
  if (method === "answerCallbackQuery" && !response.ok && response.error_code === 400 && STALE_CALLBACK_QUERY.test(response.description)) {
    return { ok: true, result: true as never };
  }
  return response;
};
