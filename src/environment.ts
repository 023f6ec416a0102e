import { existsSync } from "node:fs";

/**
 * What the start reads before any of the bot has loaded (src/main.ts): the `.env` file, and the
 * Telegram token to ask getMe with. It holds the rules config.ts validates these variables with, so
 * the early reading and loadConfig cannot disagree; it imports nothing but node:fs, so it costs the
 * start nothing.
 */

/** Reads `.env` from the working directory when there is one; variables already set win. */
export function loadEnvFileIfPresent(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** A variable set to nothing (`BOT_TOKEN=` in `.env`) counts as unset. */
export const emptyAsUndefined = <T>(value: T): T | undefined => (value === "" ? undefined : value);

/** BOT_TOKEN: what BotFather gives, 123456789:AA… */
export const BOT_TOKEN_FORMAT = /^\d+:[A-Za-z0-9_-]{20,}$/;

/** How the bot reaches the Bot API: its token, and TELEGRAM_API_ROOT when that is set. */
export interface TelegramAccess {
  token: string;
  apiRoot: string | undefined;
}

/**
 * BOT_TOKEN and TELEGRAM_API_ROOT as loadConfig reads them, or undefined without a token of the right
 * shape. The API root is taken as written: loadConfig checks it, and the start uses a getMe asked with
 * these only when they are what loadConfig read (src/start-bot.ts).
 */
export function telegramAccessIn(environment: NodeJS.ProcessEnv = process.env): TelegramAccess | undefined {
  const token = emptyAsUndefined(environment.BOT_TOKEN);
  if (token === undefined || !BOT_TOKEN_FORMAT.test(token)) return undefined;
  return { token, apiRoot: emptyAsUndefined(environment.TELEGRAM_API_ROOT) };
}
