import { limit } from "@grammyjs/ratelimiter";
import type { Context, MiddlewareFn } from "grammy";
import type { App } from "../app";
import type { ChannelName } from "../domain/channel";
import { DEFAULT_LOCALE } from "../domain/locale";
import { safeError } from "../logger";

/**
 * A person taps and types at most a few times a second; a chat sending more (a script, a stuck key)
 * would otherwise hold the one process busy and slow every other patient. Past this many updates in
 * the window, the chat is told once and the rest of the burst is dropped before any work is done.
 */
export const FLOOD_LIMIT: FloodLimit = { updates: 30, windowMs: 10_000 };

export interface FloodLimit {
  updates: number;
  windowMs: number;
}

export function floodLimit(app: App, channel: ChannelName, { updates, windowMs }: FloodLimit = FLOOD_LIMIT): MiddlewareFn<Context> {
  return limit<Context, never>({
    timeFrame: windowMs,
    limit: updates,
    // Per private chat: the staff group and other chats are not limited here (nothing there is read).
    keyGenerator: (ctx) => (ctx.chat?.type === "private" ? String(ctx.chat.id) : undefined),
    onLimitExceeded: (ctx) => {
      const chatId = ctx.chat!.id;
      const locale = app.store.preferences.getLocale(channel, chatId) ?? DEFAULT_LOCALE;
      app.logger.warn({ channel, updates, windowMs }, "a chat went over the flood limit; the rest of its burst is dropped");
      ctx.reply(app.i18n.t(locale, "too-many-messages")).catch((error: unknown) => app.logger.warn({ err: safeError(error) }, "could not tell a flooding chat to slow down"));
    },
  });
}
