import { run } from "@grammyjs/runner";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { createBot, registerCommands } from "../bot";
import type { App } from "../app";
import { StartupError } from "../startup-error";
import type { RunningChannel } from "./channel";

export interface TelegramSettings {
  token: string;
  apiRoot: string | undefined;
}

/**
 * Long polling through grammY's runner: updates are fetched concurrently and sequentialised per chat
 * (in createBot); the throttler keeps outgoing calls within Telegram's rate limits.
 */
export async function startTelegram(app: App, settings: TelegramSettings): Promise<RunningChannel> {
  const bot = createBot(app, { token: settings.token, channel: "telegram", client: settings.apiRoot ? { apiRoot: settings.apiRoot } : undefined });
  bot.api.config.use(apiThrottler());
  try {
    await bot.init();
  } catch (error) {
    throw new StartupError(`Telegram did not accept BOT_TOKEN (${(error as Error).message}). Check the token BotFather gave you.`);
  }
  app.staffAlerts.attach(bot.api);
  app.channelApis.set("telegram", bot.api);
  await registerCommands(bot.api, app);
  const runner = run(bot, { runner: { fetch: { allowed_updates: ["message", "callback_query", "my_chat_member"] } } });
  app.logger.info({ username: bot.botInfo.username }, "telegram channel is polling");
  return {
    name: "telegram",
    stop: async () => {
      if (runner.isRunning()) await runner.stop();
    },
  };
}
