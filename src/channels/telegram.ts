import { createServer } from "node:http";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { GrammyError, webhookCallback, type Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { createBot, registerCommands } from "../bot";
import type { BotContext } from "../bot/context";
import type { App } from "../app";
import type { WebhookConfig } from "../config";
import { safeError } from "../logger";
import { StartupError } from "../startup-error";
import type { ChannelEnd, RunningChannel } from "./channel";
import { answerHealth, listen, type HealthCheck } from "./health";
import { telegramClientOptions } from "./telegram-client";

export interface TelegramSettings {
  token: string;
  apiRoot: string | undefined;
  /** Take updates by webhook instead of long polling. */
  webhook?: WebhookConfig;
  /** What /healthz answers on the webhook's port. */
  health?: HealthCheck;
  /** The answer to getMe when it was asked before the rest started (askBotInfo, src/main.ts); asked here otherwise. */
  botInfo?: Promise<UserFromGetMe>;
}

export interface TelegramChannel extends RunningChannel {
  /** The port the webhook server listens on (WEBHOOK_PORT, or the one the system chose for 0). */
  webhookPort?: number;
}

/** chat_member: a staff member who leaves the group loses access at once (the bot must be an admin there). */
const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member", "chat_member"] as const;

/**
 * Telegram waits for the answer to each webhook request and sends that chat's next update only after
 * it (or resends it when the request fails). An update that takes longer than this, a data copy say,
 * is answered 200 at this point and goes on being handled, so it is neither resent nor handled twice.
 */
export const WEBHOOK_ANSWER_MS = 8_000;

function refusedToken(error: unknown): StartupError {
  return new StartupError(`Telegram did not accept BOT_TOKEN (${(error as Error).message}). Check the token BotFather gave you.`);
}

/** How long a stop waits for updates already taken from Telegram to be answered. */
export const DRAIN_TIMEOUT_MS = 10_000;

/** The exit code when Telegram will not serve this process (another instance polls, or the token is gone). */
export const EXIT_TELEGRAM_REFUSED = 3;

/**
 * Long polling through grammY's runner, or a webhook when configured: updates are handled concurrently
 * and sequentialised per chat (in createBot); the throttler keeps outgoing calls within Telegram's
 * rate limits.
 */
export async function startTelegram(app: App, settings: TelegramSettings): Promise<TelegramChannel> {
  let botInfo: UserFromGetMe | undefined;
  try {
    botInfo = await settings.botInfo;
  } catch (error) {
    throw refusedToken(error);
  }
  const bot = createBot(app, { token: settings.token, channel: "telegram", botInfo, client: telegramClientOptions(settings) });
  bot.api.config.use(apiThrottler());
  try {
    await bot.init();
  } catch (error) {
    throw refusedToken(error);
  }
  app.staffAlerts.attach(bot.api);
  app.channelApis.set("telegram", bot.api);
  await registerCommands(bot.api, app);
  // The runner prints fetch errors with their stack to the console; they are logged here instead.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      if (method === "getUpdates" && !signal?.aborted) app.logger.warn({ err: safeError(error) }, "fetching updates from Telegram failed; retrying");
      throw error;
    }
  });
  if (settings.webhook) return serveWebhook(app, bot, settings.webhook, settings.health);
  // Telegram refuses getUpdates (409) while a webhook is set: one left from webhook mode goes.
  await bot.api.deleteWebhook();
  const runner = run(bot, { runner: { silent: true, fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
  app.logger.info({ username: bot.botInfo.username }, "telegram channel is polling");
  return { name: "telegram", stop: () => drain(runner), ended: endOf(runner, app), isUp: () => runner.isRunning() };
}

/**
 * grammY's webhook adapter on node:http, behind the operator's TLS proxy: POSTs to the URL's path
 * with Telegram's secret token header are updates, GET /healthz is the health check, anything else 404.
 * Exported for the benchmark, which serves a bot of its own through it (bench/webhook.ts).
 */
export async function serveWebhook(app: App, bot: Bot<BotContext>, webhook: WebhookConfig, health: HealthCheck | undefined): Promise<TelegramChannel> {
  const path = new URL(webhook.url).pathname;
  const handle = webhookCallback(bot, "http", { secretToken: webhook.secret, onTimeout: "return", timeoutMilliseconds: WEBHOOK_ANSWER_MS });
  const inHand = new Set<Promise<void>>();
  const server = createServer((request, response) => {
    if (health && answerHealth(request, response, health)) return;
    if (request.method !== "POST" || new URL(request.url ?? "/", "http://localhost").pathname !== path) return void response.writeHead(404).end();
    const handled = handle(request, response)
      .catch((error: unknown) => {
        app.logger.error({ err: safeError(error) }, "a webhook update could not be read");
        if (!response.headersSent) response.writeHead(400).end();
      })
      .finally(() => inHand.delete(handled));
    inHand.add(handled);
  });
  const listening = await listen(server, webhook.port, webhook.host);
  try {
    await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
  } catch (error) {
    await listening.stop();
    throw new StartupError(`Telegram did not accept TELEGRAM_WEBHOOK_URL (${(error as Error).message}). It must be a public https URL.`);
  }
  app.logger.info({ username: bot.botInfo.username, port: listening.port }, "telegram channel takes updates by webhook");
  return {
    name: "telegram",
    webhookPort: listening.port,
    isUp: () => server.listening,
    // The webhook stays set: Telegram keeps the updates that arrive meanwhile for the next start.
    stop: async () => {
      const closed = listening.stop();
      await Promise.race([Promise.all([...inHand]), new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS))]);
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Stops fetching, then waits (bounded) until every update taken from Telegram has been handled. */
async function drain(runner: RunnerHandle): Promise<void> {
  if (runner.isRunning()) await runner.stop();
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (runner.size() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * The runner gives up on two errors: 401 (the token was revoked) and 409 (another process polls with
 * the same token: Telegram delivers each update to one of them only). Either way this process cannot
 * serve, so it says why in plain words and ends, after a clean shutdown, with a non-zero code.
 */
function endOf(runner: RunnerHandle, app: App): Promise<ChannelEnd> {
  return new Promise((resolve) => {
    runner.task()?.catch((error: unknown) => {
      const code = error instanceof GrammyError ? error.error_code : undefined;
      const reason =
        code === 409
          ? "Another instance of the bot is already taking updates for this BOT_TOKEN (Telegram answered 409 Conflict). " +
            "Only one may run: stop the other one (or its webhook), then start this one again."
          : code === 401
            ? "Telegram no longer accepts BOT_TOKEN (401 Unauthorized): the token was revoked or changed in BotFather."
            : `Fetching updates from Telegram failed for good (${safeError(error).message}).`;
      app.logger.error({ err: safeError(error) }, reason);
      resolve({ reason, exitCode: EXIT_TELEGRAM_REFUSED });
    });
  });
}
