import { AsyncLocalStorage } from "node:async_hooks";
import { GrammyError } from "grammy";

const sentByAnOutbox = new AsyncLocalStorage<true>();

/**
 * Sends for an outbox (reminders, policy notices), which keeps its own pace and retries for itself: a
 * 429 ("too many requests" for one chat) comes back at once instead of being waited out by auto-retry
 * (src/bot/api-failures.ts), so the outbox puts that one message back for later and goes on with the
 * other chats. The throttler still paces every call.
 */
export function sendForOutbox<T>(send: () => Promise<T>): Promise<T> {
  return sentByAnOutbox.run(true, send);
}

/** Whether the Bot API call being made now was sent by an outbox (see `sendForOutbox`). */
export function isSentForOutbox(): boolean {
  return sentByAnOutbox.getStore() === true;
}

/** How long Telegram asked to wait before writing to this chat again, when it answered 429. */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (!(error instanceof GrammyError) || error.error_code !== 429) return undefined;
  return error.parameters.retry_after ?? 1;
}
