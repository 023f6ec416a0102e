import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { createApp, type App } from "../src/app";
import type { Bot } from "grammy";
import { createBot, type BotOptions } from "../src/bot";
import type { BotContext } from "../src/bot/context";
import { localBotInfo } from "../src/channels/local-bot-api";
import { backData, cancelData } from "../src/domain/callback-data";
import { chatKey } from "../src/domain/channel";
import { parseIin } from "../src/domain/iin";
import { createLogger } from "../src/logger";
import { EXAMPLE_CATALOG_PATH } from "../src/paths";
import { checkpoint } from "../src/store/database";
import { createTranslator } from "../src/translator";
import { sequentialBookingNumbers, TestClock } from "../tests/support/clock";
import { ALMATY, DEFAULT_NOW, STAFF_CHAT_ID, TEST_KEY } from "../tests/support/fixtures";
import { Driver, type Action, type BenchBot } from "./drive";

const t = createTranslator();

/** The booking as a Russian-speaking person walks it: 13 updates from /start to the confirmation. */
export function bookingScript(person: number): Action[] {
  return [
    { type: "/start" },
    { press: t.t("ru", "language-ru") },
    { press: t.t("ru", "button-consent-yes") },
    { press: t.t("ru", "button-third-party-no") },
    { press: t.t("ru", "button-who-self") },
    { type: iinOf(person) },
    { type: "Иванов Иван Иванович" },
    { type: "+7 701 234 56 78" },
    { pressAt: 0 },
    // Spread over the paediatricians, their days and times, so that most find their time free. The
    // first button of the specialist and day questions is the one-tap earliest time: past it, the
    // walk keeps the booking's full shape (specialist, day, time).
    { pressAt: 1 + (person % 2) },
    { pressAt: 1 + (Math.floor(person / 2) % 12) },
    { pressAt: Math.floor(person / 24) },
    { press: t.t("ru", "button-confirm") },
  ];
}

/** A valid IIN per person (born 1 January 1990, men), so that nobody shares one. */
function iinOf(person: number): string {
  for (let serial = person * 3; ; serial += 1) {
    const stem = `9001013${String(serial % 10_000).padStart(4, "0")}`;
    for (let control = 0; control <= 9; control += 1) {
      if (parseIin(`${stem}${control}`, "2026-12-01").ok) return `${stem}${control}`;
    }
  }
}

/** The app as production builds it (createApp), on a database file of a new folder, at the fixtures' clock. */
export async function benchApp(): Promise<{ app: App; folder: string; clock: TestClock }> {
  const folder = mkdtempSync(join(tmpdir(), "mumkindik-bench-"));
  const clock = new TestClock(DEFAULT_NOW);
  const app = await createApp({
    databasePath: join(folder, "bot.sqlite"),
    masterKeys: { current: TEST_KEY, previous: [] },
    timeZone: ALMATY,
    staffChatId: STAFF_CHAT_ID,
    staffLocale: "ru",
    catalogPath: EXAMPLE_CATALOG_PATH,
    clock,
    ids: sequentialBookingNumbers(),
    logger: createLogger("error"),
  });
  return { app, folder, clock };
}

/** The bot as production builds it (createBot), the flood limit off: the bench's people answer at machine speed. */
export function benchBot(app: App, api: { token: string; client: BotOptions["client"] }): Bot<BotContext> {
  return createBot(app, { token: api.token, channel: "telegram", botInfo: localBotInfo("mumkindik_bench_bot"), client: api.client, floodLimit: false });
}

/** The dialogue's Back and Cancel, which a press by position skips. */
export function isNavigation(data: string): boolean {
  return backData.is(data) || cancelData.is(data);
}

/** The whole bot as production builds it (createApp, createBot) on a database file, flood limit off. */
export class FullStack implements BenchBot {
  readonly name = "full stack";
  readonly driver: Driver;

  private constructor(
    readonly app: App,
    private readonly folder: string,
    private readonly handleUpdate: (update: Update) => Promise<void>,
    driver: Driver,
  ) {
    this.driver = driver;
  }

  static async start(): Promise<FullStack> {
    const { app, folder, clock } = await benchApp();
    const driver = new Driver(clock, isNavigation);
    const bot = benchBot(app, { token: "123:BENCH", client: { fetch: driver.transport.fetch } });
    return new FullStack(app, folder, (update) => bot.handleUpdate(update), driver);
  }

  handle(update: Update): Promise<void> {
    return this.handleUpdate(update);
  }

  stateSize(chatId: number): { stored: number; plain: number } {
    const key = chatKey("telegram", chatId);
    const state = this.app.store.conversationStates.read(key);
    const stored = this.app.store.db.$client.prepare("SELECT max(length(state_ct)) AS bytes FROM conversation_states").get() as { bytes: number };
    return { stored: stored.bytes, plain: JSON.stringify(state ?? null).length };
  }

  /** The database file and its WAL after a checkpoint, in bytes. */
  diskBytes(): number {
    checkpoint(this.app.store.db);
    const file = join(this.folder, "bot.sqlite");
    const wal = `${file}-wal`;
    const size = (path: string) => {
      try {
        return statSync(path).size;
      } catch {
        return 0;
      }
    };
    return size(file) + size(wal);
  }

  close(): void {
    this.app.store.db.$client.close();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
