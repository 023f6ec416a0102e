/**
 * The bot's start after src/main.ts, which loads this module once it has read the environment and
 * asked getMe: config → keys → database → catalogue → channel → jobs, and the shutdown.
 */
import { createApp } from "./app";
import type { App } from "./app";
import type { UserFromGetMe } from "grammy/types";
import { retryFailedCalls } from "./bot/api-failures";
import type { RunningChannel } from "./channels/channel";
import { startConsole } from "./channels/console";
import { healthOf, startHealthServer, type HealthCheck, type HttpServerHandle } from "./channels/health";
import { startTelegram } from "./channels/telegram";
import { askBotInfo, type AskedBotInfo } from "./channels/telegram-client";
import { startWhatsApp } from "./channels/whatsapp";
import { randomIds, systemClock } from "./clock";
import { ConfigError, loadConfig, type Config } from "./config";
import type { TelegramAccess } from "./environment";
import { scheduleJobs } from "./jobs";
import { consoleChannelLogger, consoleLogPath, createLogger, safeError, type Logger } from "./logger";
import { checkpoint } from "./store/database";
import { acquireBotLease, LEASE_RENEW_MS } from "./store/process-lease";
import { loadMasterKeys } from "./store/keys";
import { StartupError } from "./startup-error";

/** Without a staff group configured, the console shows staff alerts under this id. */
const CONSOLE_STAFF_CHAT_ID = -1;

/**
 * Starts the bot on the environment main.ts has loaded; `asked` is the getMe main.ts asked before
 * this module loaded, if it did. A start that fails says why, without a stack trace, and exits 1.
 */
export function startBot(asked: AskedBotInfo | undefined): void {
  start(asked).catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof StartupError) {
      process.stderr.write(`Cannot start: ${error.message}\n`);
    } else {
      process.stderr.write(`Cannot start: ${safeError(error).message}\n`);
    }
    process.exit(1);
  });
}

async function start(asked: AskedBotInfo | undefined): Promise<void> {
  const config = loadConfig();
  const logger = processLogger(config);
  const botInfo = config.telegram ? botInfoFor(config.telegram, asked) : undefined;
  const app = await createApp({
    databasePath: config.databasePath,
    masterKeys: loadMasterKeys(config, logger),
    timeZone: config.clinicTimeZone,
    staffChatId: config.staffChatId ?? (config.telegram ? undefined : CONSOLE_STAFF_CHAT_ID),
    staffLocale: config.staffLocale,
    staffSummaryHour: config.staffSummaryHour,
    staffAdminIds: config.staffAdminIds,
    catalogPath: config.catalogPath,
    clock: systemClock,
    ids: randomIds,
    logger,
    bookingLimits: config.bookingLimits,
    reminderOffsetsHours: config.reminderOffsetsHours,
    changeCutoffHours: config.changeCutoffHours,
    waitlistHoldMinutes: config.waitlistHoldMinutes,
    retentionFinishedDays: config.retentionFinishedDays,
  });
  const lease = holdBotLease(app);
  if (config.telegram && config.staffChatId === undefined) logger.warn("STAFF_CHAT_ID is not set: staff alerts wait in the outbox");
  // Signals are handled from here on, so one that arrives while the channels start still stops cleanly.
  // They are installed before any channel code runs: the console prints its banner synchronously.
  const running: Running = {};
  const shutdown = onShutdown(logger, async () => {
    await running.starting?.catch(() => undefined);
    running.jobs?.stop();
    await running.health?.stop();
    await running.whatsapp?.stop();
    await running.channel?.stop();
    lease.release();
    checkpoint(app.store.db);
    app.store.db.$client.close();
  });
  running.starting = startEverything(app, config, running, botInfo);
  const channel = await running.starting;
  void channel.ended?.then((end) => {
    if (end.exitCode !== 0) process.stderr.write(`${end.reason}\n`);
    shutdown(end.reason, end.exitCode);
  });
}

/**
 * Telegram is asked who the bot is before the database opens: its answer travels meanwhile. The getMe
 * main.ts asked serves when it was asked with the token and API root loadConfig read, as it always is
 * but for an API root loadConfig tidied (spaces around it); then it is asked again here.
 */
function botInfoFor(telegram: TelegramAccess, asked: AskedBotInfo | undefined): Promise<UserFromGetMe> {
  const askedAsConfigured = asked?.access.token === telegram.token && asked.access.apiRoot === telegram.apiRoot;
  return askedAsConfigured ? asked.answer : askBotInfo(telegram, retryFailedCalls()).answer;
}

/** Without a token the terminal is the chat: see consoleChannelLogger. */
function processLogger(config: Config): Logger {
  return config.telegram ? createLogger(config.logLevel) : consoleChannelLogger(config.logLevel, consoleLogPath(config.databasePath));
}

/** This process delivers the outboxes; the lease keeps a second bot on the same database from doing it too. */
function holdBotLease(app: App): { release(): void } {
  let lease;
  try {
    lease = acquireBotLease(app.store.db, app.clock);
  } catch (error) {
    app.store.db.$client.close();
    throw error;
  }
  const held = lease;
  const timer = setInterval(() => held.renew(), LEASE_RENEW_MS);
  timer.unref();
  return {
    release: () => {
      clearInterval(timer);
      held.release();
    },
  };
}

/** What has started so far, for a shutdown that may come in the middle of the start. */
interface Running {
  starting?: Promise<RunningChannel>;
  channel?: RunningChannel;
  whatsapp?: RunningChannel;
  jobs?: { stop(): void };
  health?: HttpServerHandle;
}

async function startEverything(app: App, config: Config, running: Running, botInfo: Promise<UserFromGetMe> | undefined): Promise<RunningChannel> {
  const health = healthOf(app, () => [running.channel, running.whatsapp].filter((channel) => channel !== undefined));
  const channel = await startChannel(app, config, health, botInfo);
  running.channel = channel;
  // WhatsApp runs beside it in the same process and database; staff alerts stay with the channel above.
  running.whatsapp = config.whatsapp ? await startWhatsApp(app, config.whatsapp) : undefined;
  running.jobs = scheduleJobs(app);
  if (config.health) running.health = await startHealthServer(config.health.port, config.health.host, health);
  app.staffAlerts.kick();
  return channel;
}

function startChannel(app: App, config: Config, health: HealthCheck, botInfo: Promise<UserFromGetMe> | undefined): Promise<RunningChannel> {
  if (config.telegram) return startTelegram(app, { ...config.telegram, health, botInfo });
  app.logger.info("BOT_TOKEN is not set: running the console channel");
  process.stderr.write(`Console channel log: ${consoleLogPath(config.databasePath)} (warnings and errors are also shown here)\n`);
  return startConsole(app);
}

/**
 * A signal or a channel's own end stops the jobs, then each channel (which finishes the updates in
 * hand), then checkpoints and closes the database, and exits with the given code.
 */
function onShutdown(logger: Logger, stop: () => Promise<void>): (why: string, exitCode?: number) => void {
  let stopping = false;
  const handler = (why: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ why }, "shutting down");
    stop()
      .then(() => process.exit(exitCode))
      .catch((error: unknown) => {
        logger.error({ err: safeError(error) }, "shutdown failed");
        process.exit(1);
      });
  };
  process.once("SIGINT", () => handler("SIGINT"));
  process.once("SIGTERM", () => handler("SIGTERM"));
  return handler;
}
