import { run, type RunnerHandle } from "@grammyjs/runner";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { GrammyError } from "grammy";
import { createBot, registerCommands } from "../bot";
import type { App } from "../app";
import { safeError } from "../logger";
import { StartupError } from "../startup-error";
import type { ChannelEnd, RunningChannel } from "./channel";

export interface TelegramSettings {
  token: string;
  apiRoot: string | undefined;
}

/**
 * A Bot API call that hangs would hold that chat's queue for grammY's default of 500 s. Long polling
 * itself waits up to 30 s for updates (the runner's default), so calls get that plus a margin.
 */
export const TELEGRAM_CALL_TIMEOUT_SECONDS = 45;

/** How long a stop waits for updates already taken from Telegram to be answered. */
export const DRAIN_TIMEOUT_MS = 10_000;

/** The exit code when Telegram will not serve this process (another instance polls, or the token is gone). */
export const EXIT_TELEGRAM_REFUSED = 3;

/**
 * Long polling through grammY's runner: updates are fetched concurrently and sequentialised per chat
 * (in createBot); the throttler keeps outgoing calls within Telegram's rate limits.
 */
export async function startTelegram(app: App, settings: TelegramSettings): Promise<RunningChannel> {
  const bot = createBot(app, {
    token: settings.token,
    channel: "telegram",
    client: { ...(settings.apiRoot ? { apiRoot: settings.apiRoot } : {}), timeoutSeconds: TELEGRAM_CALL_TIMEOUT_SECONDS },
  });
  bot.api.config.use(apiThrottler());
  try {
    await bot.init();
  } catch (error) {
    throw new StartupError(`Telegram did not accept BOT_TOKEN (${(error as Error).message}). Check the token BotFather gave you.`);
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
  const runner = run(bot, { runner: { silent: true, fetch: { allowed_updates: ["message", "callback_query", "my_chat_member", "chat_member"] } } });
  app.logger.info({ username: bot.botInfo.username }, "telegram channel is polling");
  return { name: "telegram", stop: () => drain(runner), ended: endOf(runner, app) };
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
