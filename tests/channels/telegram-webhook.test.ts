import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, test } from "vitest";
import type { App } from "../../src/app";
import { healthOf, startHealthServer, type HttpServerHandle } from "../../src/channels/health";
import { startTelegram, type TelegramChannel } from "../../src/channels/telegram";
import { BotApiEmulator } from "../support/bot-api-emulator";
import { testAppIn } from "../support/app";
import { WELCOME_CHOOSE_LANGUAGE } from "../support/replies";

const PATIENT = 7101;
const SECRET = "0123456789abcdef0123456789abcdef";
const WEBHOOK_URL = "https://bot.example.kz/telegram/updates";

let emulator: BotApiEmulator | undefined;
let channel: TelegramChannel | undefined;
let healthServer: HttpServerHandle | undefined;
let app: App | undefined;
let directory: string | undefined;

afterEach(async () => {
  await channel?.stop();
  await healthServer?.stop();
  await emulator?.close();
  if (app?.store.db.$client.open) app.store.db.$client.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
  emulator = channel = healthServer = app = directory = undefined;
});

async function startApp(): Promise<App> {
  directory = mkdtempSync(join(tmpdir(), "mumkindik-webhook-"));
  app = await testAppIn(directory);
  return app;
}

/** The Telegram channel in webhook mode on a free loopback port, its Bot API emulated. */
async function webhookBot(): Promise<{ emulator: BotApiEmulator; channel: TelegramChannel; app: App }> {
  emulator = await BotApiEmulator.start();
  const started = await startApp();
  const running: { channel?: TelegramChannel } = {};
  channel = await startTelegram(started, {
    token: emulator.token,
    apiRoot: emulator.apiRoot,
    webhook: { url: WEBHOOK_URL, secret: SECRET, port: 0, host: "127.0.0.1" },
    health: healthOf(started, () => (running.channel ? [running.channel] : [])),
  });
  running.channel = channel;
  return { emulator, channel, app: started };
}

function startUpdate(updateId: number): Update {
  const chat = { id: PATIENT, type: "private" as const, first_name: "Айгерім" };
  return {
    update_id: updateId,
    message: { message_id: 1, date: 1_796_094_000, chat, from: { id: PATIENT, is_bot: false, first_name: "Айгерім" }, text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] },
  };
}

function post(port: number, update: Update, secret?: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/telegram/updates`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(secret === undefined ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }) },
    body: JSON.stringify(update),
  });
}

describe("webhook mode: Telegram posts each update to the bot", () => {
  test("at start the bot gives Telegram its URL and secret; a /start posted with the secret is answered", async () => {
    const running = await webhookBot();
    const registered = running.emulator.calls.find((call) => call.method === "setWebhook");
    expect(registered?.payload).toMatchObject({ url: WEBHOOK_URL, secret_token: SECRET });
    const answer = await post(running.channel.webhookPort!, startUpdate(1), SECRET);
    expect(answer.status).toBe(200);
    const welcome = await running.emulator.waitForCall((call) => call.method === "sendMessage" && call.payload.chat_id === PATIENT);
    expect(welcome.payload.text).toBe(WELCOME_CHOOSE_LANGUAGE.text);
  });

  test("a post without the secret, or with another one, is refused and never reaches the bot", async () => {
    const running = await webhookBot();
    expect((await post(running.channel.webhookPort!, startUpdate(1))).status).toBe(401);
    expect((await post(running.channel.webhookPort!, startUpdate(2), `${SECRET}x`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${running.channel.webhookPort}/elsewhere`, { method: "POST", body: "{}" })).status).toBe(404);
    expect(running.emulator.messagesTo(PATIENT)).toEqual([]);
  });

  test("/healthz on the webhook's port says the database answers and the channel is up", async () => {
    const running = await webhookBot();
    const answer = await fetch(`http://127.0.0.1:${running.channel.webhookPort}/healthz`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true, database: "ok", channels: { telegram: "up" } });
  });
});

describe("the health check in polling mode (HEALTH_PORT)", () => {
  test("answers 200 while the database answers, and 503 once it does not", async () => {
    const started = await startApp();
    healthServer = await startHealthServer(0, "127.0.0.1", healthOf(started, () => [{ name: "telegram", stop: async () => undefined, isUp: () => true }]));
    const url = `http://127.0.0.1:${healthServer.port}/healthz`;
    expect((await fetch(url)).status).toBe(200);
    started.store.db.$client.close();
    const answer = await fetch(url);
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({ ok: false, database: "unreachable", channels: { telegram: "up" } });
  });

  test("says so when a channel is down", async () => {
    const started = await startApp();
    healthServer = await startHealthServer(0, "127.0.0.1", healthOf(started, () => [{ name: "telegram", stop: async () => undefined, isUp: () => false }]));
    const answer = await fetch(`http://127.0.0.1:${healthServer.port}/healthz`);
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({ ok: false, database: "ok", channels: { telegram: "down" } });
  });
});
