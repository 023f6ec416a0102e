import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { createApp } from "../../src/app";
import type { BookingLimits } from "../../src/domain/fair-use";
import { createBot } from "../../src/bot";
import type { FloodLimit } from "../../src/bot/flood-limit";
import type { App } from "../../src/app";
import type { BotContext } from "../../src/bot/context";
import { localBotInfo } from "../../src/channels/local-bot-api";
import { LocalTransport, type LocalUser, type OutboundMessage } from "../../src/channels/local-transport";
import type { IdSource } from "../../src/clock";
import { createLogger } from "../../src/logger";
import type { ChannelName } from "../../src/domain/channel";
import { TestClock, sequentialBookingNumbers } from "./clock";
import { ALMATY, CATALOG_PATH, DEFAULT_NOW, STAFF_CHAT_ID, TEST_KEY } from "./fixtures";

export interface TestBotOptions {
  /**
   * Keep the database in a file in a temporary folder, for tests about the file itself (what it holds,
   * a restart, a second process opening it). Otherwise the database lives in memory.
   */
  file?: boolean;
  /** Reopen the database file of an earlier TestBot in this folder: a restart. */
  directory?: string;
  clock?: TestClock;
  ids?: IdSource;
  masterKey?: Uint8Array;
  channel?: ChannelName;
  /** A copy of data/policy for tests that publish versions; by default the repository's, read only. */
  policyDirectory?: string;
  /** Off by default: the tests drive one chat through many steps at machine speed. */
  floodLimit?: FloodLimit;
  /** The fund's fair-use limits; the defaults when not given. */
  bookingLimits?: BookingLimits;
  /** REMINDER_OFFSETS_HOURS; the defaults (24 and 2) when not given. */
  reminderOffsetsHours?: number[];
  changeCutoffHours?: number;
  /** STAFF_ADMIN_IDS: who may record an absence from the group. */
  staffAdminIds?: number[];
  /** RETENTION_FINISHED_DAYS; unset (nothing erased on a timer) when not given. */
  retentionFinishedDays?: number;
  /** Another catalogue than the example one. */
  catalogPath?: string;
}

/** One bot instance on its own database (in memory, or a file when asked), driven in process. */
export class TestBot {
  readonly sent: OutboundMessage[] = [];
  readonly notices: { chatId: number; text: string }[] = [];
  readonly logLines: string[] = [];
  readonly transport: LocalTransport;
  bot!: Bot<BotContext>;
  app!: App;

  private constructor(
    /** The folder of the database file; undefined while the database is in memory. */
    private readonly folder: string | undefined,
    readonly clock: TestClock,
    private readonly channel: ChannelName,
  ) {
    this.transport = new LocalTransport({
      channel: "test",
      clock,
      deliver: (message) => void this.sent.push(message),
      notify: (chatId, text) => void this.notices.push({ chatId, text }),
      // The message keeps its place in the chat; only its buttons change, as in Telegram.
      withdrawButtons: (chatId, messageId, replacement) => {
        const message = this.sent.findLast((sent) => sent.chatId === chatId && sent.messageId === messageId);
        if (message) message.replyMarkup = replacement;
      },
    });
  }

  static async start(options: TestBotOptions = {}): Promise<TestBot> {
    const folder = options.directory ?? (options.file ? mkdtempSync(join(tmpdir(), "mumkindik-test-")) : undefined);
    const testBot = new TestBot(folder, options.clock ?? new TestClock(DEFAULT_NOW), options.channel ?? "telegram");
    const lines = testBot.logLines;
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    testBot.app = await createApp({
      databasePath: folder === undefined ? ":memory:" : join(folder, "bot.sqlite"),
      masterKeys: { current: options.masterKey ?? TEST_KEY, previous: [] },
      timeZone: ALMATY,
      staffChatId: STAFF_CHAT_ID,
      staffLocale: "ru",
      catalogPath: options.catalogPath ?? CATALOG_PATH,
      clock: testBot.clock,
      ids: options.ids ?? sequentialBookingNumbers(),
      logger: createLogger("debug", logStream),
      policyDirectory: options.policyDirectory,
      bookingLimits: options.bookingLimits,
      reminderOffsetsHours: options.reminderOffsetsHours,
      changeCutoffHours: options.changeCutoffHours,
      staffAdminIds: options.staffAdminIds,
      retentionFinishedDays: options.retentionFinishedDays,
    });
    testBot.bot = createBot(testBot.app, {
      token: "123:TEST",
      channel: testBot.channel,
      botInfo: localBotInfo("mumkindik_test_bot"),
      client: { fetch: testBot.transport.fetch },
      floodLimit: options.floodLimit ?? false,
    });
    testBot.app.staffAlerts.attach(testBot.bot.api);
    testBot.app.channelApis.set(testBot.channel, testBot.bot.api);
    return testBot;
  }

  /** The folder a restart reopens (`TestBot.start({ directory })`). */
  get directory(): string {
    if (this.folder === undefined) throw new Error("This TestBot keeps its database in memory: start it with { file: true } to have a folder.");
    return this.folder;
  }

  get databasePath(): string {
    return join(this.directory, "bot.sqlite");
  }

  chat(user: Partial<LocalUser> & { id: number }): TestChat {
    return new TestChat(this, { firstName: "Test", ...user });
  }

  /** Messages the staff group received (after delivering the outbox), as first sent: edits are in `sent`. */
  async staffMessages(): Promise<string[]> {
    await this.app.staffAlerts.flush();
    return this.sent.filter((message) => message.chatId === STAFF_CHAT_ID && !message.edited).map((message) => message.text);
  }

  /** Closes the database, leaving its file (if any) so that a new instance can reopen it. */
  close(): void {
    this.app.store.db.$client.close();
  }

  destroy(): void {
    if (this.app.store.db.$client.open) this.close();
    if (this.folder !== undefined) rmSync(this.folder, { recursive: true, force: true });
  }
}

export interface Reply {
  text: string;
  /** Inline buttons by row, or reply-keyboard buttons by row; contact requests marked "[contact] label". */
  buttons?: string[][];
  removesKeyboard?: boolean;
  /** A file sent with sendDocument (text is then its caption). */
  document?: { filename: string; bytes: Buffer };
}

/** One person's private chat with the bot: type, press, share a contact, read the replies. */
export class TestChat {
  private seen = 0;
  private readonly lines: string[] = [];

  constructor(
    private readonly testBot: TestBot,
    readonly user: LocalUser,
  ) {}

  async send(text: string): Promise<Reply[]> {
    await this.testBot.bot.handleUpdate(this.testBot.transport.textUpdate(this.user, text));
    return this.answered(`> ${text}`);
  }

  async shareContact(phoneNumber: string, options: { own: boolean } = { own: true }): Promise<Reply[]> {
    const userId = options.own ? this.user.id : this.user.id + 1;
    await this.testBot.bot.handleUpdate(this.testBot.transport.contactUpdate(this.user, phoneNumber, userId));
    return this.answered(`> (shares ${options.own ? "their own" : "another person's"} contact ${phoneNumber})`);
  }

  /** Presses the button with this label on the latest message that shows it. */
  async press(label: string): Promise<Reply[]> {
    const { messageId, data } = this.findButton(label);
    await this.testBot.bot.handleUpdate(this.testBot.transport.callbackUpdate(this.user, messageId, data));
    return this.answered(`> [${label}]`);
  }

  /**
   * A forged press: `data` on a message that claims to show that button, so it reaches the handlers
   * and their own checks (whose account, whose booking) are what answers it.
   */
  async pressData(data: string, messageId = this.lastMessageId()): Promise<Reply[]> {
    const shown = { inline_keyboard: [[{ text: "forged", callback_data: data }]] };
    await this.testBot.bot.handleUpdate(this.testBot.transport.callbackUpdate(this.user, messageId, data, shown));
    return this.answered(`> (presses a button with data ${data})`);
  }

  /** A press of a button that message showed once, as the message stands now (a second tap, a stale client). */
  async pressAgain(button: { messageId: number; data: string }): Promise<Reply[]> {
    await this.testBot.bot.handleUpdate(this.testBot.transport.callbackUpdate(this.user, button.messageId, button.data));
    return this.answered(`> (presses again a button with data ${button.data})`);
  }

  /** The chat as the person saw it: what they did (">") and what the bot answered ("<"), one after the other. */
  transcript(): string {
    return `${this.lines.join("\n")}\n`;
  }

  /** The notice text of the latest answered button press, if any. */
  lastNotice(): string | undefined {
    return this.testBot.notices.filter((notice) => notice.chatId === this.user.id).at(-1)?.text;
  }

  /** Messages to this chat since the last call. */
  replies(): Reply[] {
    const mine = this.messages();
    const fresh = mine.slice(this.seen);
    this.seen = mine.length;
    return fresh.map(toReply);
  }

  messages(): OutboundMessage[] {
    return this.testBot.sent.filter((message) => message.chatId === this.user.id);
  }

  findButton(label: string): { messageId: number; data: string } {
    for (const message of [...this.messages()].reverse()) {
      const markup = message.replyMarkup;
      if (!markup || !("inline_keyboard" in markup)) continue;
      const button = markup.inline_keyboard.flat().find((candidate) => candidate.text === label);
      if (button && "callback_data" in button) return { messageId: message.messageId, data: button.callback_data };
    }
    throw new Error(`No button "${label}" in this chat. Latest messages:\n${this.messages().slice(-3).map((m) => m.text).join("\n---\n")}`);
  }

  private lastMessageId(): number {
    return this.messages().at(-1)?.messageId ?? 1;
  }

  private answered(action: string): Reply[] {
    const replies = this.replies();
    this.lines.push(action, ...replies.flatMap(transcriptLines));
    return replies;
  }
}

function transcriptLines(reply: Reply): string[] {
  const [first = "", ...rest] = reply.text.split("\n");
  return [
    `< ${first}`,
    ...rest.map((line) => (line ? `  ${line}` : "")),
    ...(reply.buttons ?? []).map((row) => `  ${row.map((label) => `[${label}]`).join(" ")}`),
    ...(reply.removesKeyboard ? ["  (the keyboard is removed)"] : []),
    ...(reply.document ? [`  (file ${reply.document.filename})`] : []),
  ];
}

function toReply(message: OutboundMessage): Reply {
  const reply: Reply = { text: message.text };
  if (message.document) reply.document = message.document;
  const markup = message.replyMarkup;
  if (markup && "inline_keyboard" in markup) {
    reply.buttons = (markup).inline_keyboard.map((row) => row.map((button) => button.text));
  } else if (markup && "keyboard" in markup) {
    reply.buttons = (markup).keyboard.map((row) =>
      row.map((button) => (typeof button === "string" ? button : "request_contact" in button ? `[contact] ${button.text}` : button.text)),
    );
  } else if (markup && "remove_keyboard" in markup) {
    reply.removesKeyboard = true;
  }
  return reply;
}

let nextUpdateId = 1_000_000;

/** A message without text (a sticker), which the transport cannot send by itself. */
export async function sendSticker(testBot: TestBot, chat: TestChat): Promise<Reply[]> {
  const { id, firstName } = chat.user;
  const update = {
    update_id: nextUpdateId++,
    message: {
      message_id: nextUpdateId,
      date: Math.floor(testBot.clock.now().getTime() / 1000),
      chat: { id, type: "private", first_name: firstName },
      from: { id, is_bot: false, first_name: firstName },
      sticker: {
        file_id: "CAACAgIAAxkBAAEBsticker",
        file_unique_id: "AgADsticker",
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji: "👍",
      },
    },
  } as unknown as Update;
  await testBot.bot.handleUpdate(update);
  return chat.replies();
}

/** A text (or command) written in a group chat the bot is a member of. */
export async function sendInGroup(testBot: TestBot, groupId: number, userId: number, text: string): Promise<void> {
  const entities = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
  const update = {
    update_id: nextUpdateId++,
    message: {
      message_id: nextUpdateId,
      date: Math.floor(testBot.clock.now().getTime() / 1000),
      chat: { id: groupId, type: "group", title: "Родители Мүмкіндік" },
      from: { id: userId, is_bot: false, first_name: "Test" },
      text,
      ...(entities ? { entities } : {}),
    },
  } as unknown as Update;
  await testBot.bot.handleUpdate(update);
}

/** A button press under a message in a group chat. */
export async function pressInGroup(testBot: TestBot, groupId: number, userId: number, data: string): Promise<void> {
  const update = {
    update_id: nextUpdateId++,
    callback_query: {
      id: `group-${nextUpdateId}`,
      from: { id: userId, is_bot: false, first_name: "Test" },
      chat_instance: String(groupId),
      data,
      message: { message_id: 1, date: 0, chat: { id: groupId, type: "group", title: "Родители Мүмкіндік" } },
    },
  } as unknown as Update;
  await testBot.bot.handleUpdate(update);
}

/** Notices (the little pop-ups of button presses) this chat has got so far. */
export function noticesOf(testBot: TestBot, chat: TestChat): string[] {
  return testBot.notices.filter((notice) => notice.chatId === chat.user.id).map((notice) => notice.text);
}
