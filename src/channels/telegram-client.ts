import { Api, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { TelegramAccess } from "../environment";

/**
 * The part of the Telegram channel the start needs before the rest of the bot has loaded
 * (src/main.ts): grammY's client options and getMe. It imports nothing of the bot, so loading it
 * costs little more than grammY itself.
 */

/**
 * A Bot API call that hangs would hold that chat's queue for grammY's default of 500 s. Long polling
 * itself waits up to 30 s for updates (the runner's default), so calls get that plus a margin.
 */
export const TELEGRAM_CALL_TIMEOUT_SECONDS = 45;

export function telegramClientOptions(access: Pick<TelegramAccess, "apiRoot">) {
  return { ...(access.apiRoot ? { apiRoot: access.apiRoot } : {}), timeoutSeconds: TELEGRAM_CALL_TIMEOUT_SECONDS };
}

/** A getMe on its way, and the token and API root it was asked with. */
export interface AskedBotInfo {
  access: TelegramAccess;
  answer: Promise<UserFromGetMe>;
}

/**
 * getMe, asked as the process starts, before the database is opened and migrated: Telegram's answer
 * (and a refused token) arrives while the rest starts, instead of after it. startTelegram awaits it.
 * `retry` is the bot's retry policy (retryFailedCalls), handed in by the caller: this module loads
 * before the bot and may not import it (.dependency-cruiser.cjs).
 */
export function askBotInfo(access: TelegramAccess, retry: Transformer): AskedBotInfo {
  const api = new Api(access.token, telegramClientOptions(access));
  api.config.use(retry);
  const answer = api.getMe();
  // Awaited by startTelegram; a start that fails before then must not also report an unhandled rejection.
  answer.catch(() => undefined);
  return { access, answer };
}
