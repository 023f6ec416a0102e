import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { webhookCallback } from "grammy";
import type { InlineKeyboardMarkup, Message, Update } from "grammy/types";
import { serveWebhook, WEBHOOK_ANSWER_MS } from "../src/channels/telegram";
import { LocalTransport, type LocalUser } from "../src/channels/local-transport";
import { PROJECT_ROOT } from "../src/paths";
import { BotApiEmulator, type RecordedCall } from "../tests/support/bot-api-emulator";
import { TestClock } from "../tests/support/clock";
import { DEFAULT_NOW } from "../tests/support/fixtures";
import { OffScript, pressedData, type Action, type UpdateSource } from "./drive";
import { FloorBot, floorScript } from "./floor";
import { benchApp, benchBot, bookingScript, isNavigation } from "./full-stack";
import { throughput, type Walked } from "./scenarios";

export type WebhookKind = "webhook-full" | "webhook-floor";

export interface WebhookFigures extends Walked {
  /** CPU time the bot's process spent per update (its user and system time over the run). */
  childCpuMs: number;
  /** Bot API calls the bot made per update. */
  callsPerUpdate: number;
  /** Updates the adapter answered at its timeout, still in hand (their people gave up). */
  timedOut: number;
}

const TOKEN = "123456:WEBHOOKBENCHWEBHOOKBENCH";
const SECRET = "bench-secret-token-0123456789";
/** Telegram posts to the public URL; the proxy forwards the path unchanged, and the bench posts to it directly. */
const WEBHOOK_URL = "https://bench.invalid/telegram";

/**
 * Updates a second through grammY's webhook adapter on loopback. The bot runs in a process of its
 * own (the bundled child) and answers each POST once the update is handled; its Bot API calls go to
 * the emulator here, and `users` people post their answers as fast as the answers come (the load
 * generator), over at most Telegram's 40 connections at a time. Emulator and generator share the
 * machine's two cores with the child and answer each of its calls, and the full stack makes more
 * calls an update than the floor (the row says how many): part of the gap is that harness work, so
 * the child's own CPU per update is measured beside it.
 * Neither bot paces its sends here (the production bot's throttler keeps Telegram's 30 a second): the
 * figure is the process's capacity, not Telegram's.
 */
export async function webhookThroughput(kind: WebhookKind, users: number, childBundle: string): Promise<WebhookFigures> {
  const emulator = await BotApiEmulator.start({ token: TOKEN });
  const child = spawn(process.execPath, [childBundle, "--child", kind, "--api-root", emulator.apiRoot], { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk) => (out += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  // The child writes one JSON line when it listens and one when it stops; a line may arrive in pieces.
  const lines = () => out.split("\n").slice(0, -1).map((line) => JSON.parse(line) as Record<string, number>);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on("data", () => {
        const port = lines()[0]?.port;
        if (port !== undefined) resolve(port);
      });
      void exited.then((code) => reject(new Error(`the ${kind} child ended with ${code} before it listened`)));
    });
    const driver = new EmulatorDriver(emulator, kind === "webhook-full" ? isNavigation : () => false);
    const url = `http://127.0.0.1:${port}${new URL(WEBHOOK_URL).pathname}`;
    let updates = 0;
    let timedOut = 0;
    const telegram = new Connections(TELEGRAM_MAX_CONNECTIONS);
    const post = async (update: Update) => {
      await telegram.take();
      try {
        await postOne(update);
      } finally {
        telegram.give();
      }
    };
    const postOne = async (update: Update) => {
      const started = performance.now();
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body: JSON.stringify(update) });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
      updates += 1;
      // The adapter answers at its timeout with the update still in hand: its person cannot go on.
      if (performance.now() - started >= WEBHOOK_ANSWER_MS) {
        timedOut += 1;
        throw new OffScript(`${kind}: an update of chat ${update.message?.chat.id ?? update.callback_query?.from.id} took the webhook's whole ${WEBHOOK_ANSWER_MS} ms`);
      }
    };
    const callsBefore = emulator.calls.length;
    const walked = await throughput({ bot: { driver, handle: post }, script: kind === "webhook-full" ? bookingScript : floorScript }, users, { mayGiveUp: users / 10 });
    const calls = emulator.calls.length - callsBefore;
    child.kill("SIGTERM");
    if ((await exited) !== 0) throw new Error(`the ${kind} child did not stop cleanly`);
    return { ...walked, timedOut, childCpuMs: lines()[1]!.cpuMs! / updates, callsPerUpdate: calls / updates };
  } finally {
    child.kill("SIGTERM");
    await emulator.close();
  }
}

/** The child's part: serve one bot by webhook on a free loopback port, print the port, run until SIGTERM. */
export async function serveWebhookChild(kind: WebhookKind, apiRoot: string): Promise<void> {
  const served = kind === "webhook-full" ? await serveFullStack(apiRoot) : await serveFloor(apiRoot);
  const before = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ port: served.port })}\n`);
  await new Promise((resolve) => process.once("SIGTERM", resolve));
  const used = process.cpuUsage(before);
  await served.stop();
  process.stdout.write(`${JSON.stringify({ cpuMs: (used.user + used.system) / 1000 })}\n`);
}

/** The production webhook server (serveWebhook) over the production bot. */
async function serveFullStack(apiRoot: string): Promise<{ port: number; stop(): Promise<void> }> {
  const { app, folder } = await benchApp();
  const bot = benchBot(app, { token: TOKEN, client: { apiRoot } });
  const channel = await serveWebhook(app, bot, { url: WEBHOOK_URL, secret: SECRET, port: 0, host: "127.0.0.1" }, undefined);
  return {
    port: channel.webhookPort!,
    stop: async () => {
      await channel.stop();
      app.store.db.$client.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The floor's bare grammY bot behind the same adapter on node:http. */
async function serveFloor(apiRoot: string): Promise<{ port: number; stop(): Promise<void> }> {
  const floor = new FloorBot({ token: TOKEN, apiRoot });
  // The same adapter options as the production server (serveWebhook).
  const handle = webhookCallback(floor.bot, "http", { secretToken: SECRET, onTimeout: "return", timeoutMilliseconds: WEBHOOK_ANSWER_MS });
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Telegram delivers a bot's updates over at most `max_connections` connections at a time (setWebhook's
 * default, 40): the others wait at Telegram, not at the bot.
 */
const TELEGRAM_MAX_CONNECTIONS = 40;

/** Up to `free` updates in flight; the next waits for one of them to be answered. */
class Connections {
  private readonly waiting: (() => void)[] = [];

  constructor(private free: number) {}

  async take(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}

/**
 * The people's side over the emulator: the latest buttons each chat was sent, read from the calls the
 * emulator recorded, and updates shaped as Telegram shapes them.
 */
class EmulatorDriver implements UpdateSource {
  private readonly updates = new LocalTransport({ channel: "bench", clock: new TestClock(DEFAULT_NOW), deliver: () => undefined });
  private readonly keyboards = new Map<number, { messageId: number; markup: InlineKeyboardMarkup }>();
  private read = 0;

  constructor(
    private readonly emulator: BotApiEmulator,
    private readonly navigation: (data: string) => boolean,
  ) {}

  updateFor(user: LocalUser, action: Action): Update {
    if ("type" in action) return this.updates.textUpdate(user, action.type);
    const keyboard = this.latestKeyboard(user.id);
    if (!keyboard) throw new OffScript(`chat ${user.id} has no buttons to press`);
    return this.updates.callbackUpdate(user, keyboard.messageId, pressedData(user.id, keyboard.markup, action, this.navigation), keyboard.markup);
  }

  offers(chatId: number, label: string): boolean {
    return this.latestKeyboard(chatId)?.markup.inline_keyboard.flat().some((button) => button.text === label) ?? false;
  }

  private latestKeyboard(chatId: number): { messageId: number; markup: InlineKeyboardMarkup } | undefined {
    for (; this.read < this.emulator.calls.length; this.read += 1) this.remember(this.emulator.calls[this.read]!);
    return this.keyboards.get(chatId);
  }

  private remember(call: RecordedCall): void {
    if (call.method !== "sendMessage") return;
    const sent = call.result as Message | undefined;
    const markup = sent?.reply_markup;
    if (sent && markup && "inline_keyboard" in markup) this.keyboards.set(sent.chat.id, { messageId: sent.message_id, markup });
  }
}
