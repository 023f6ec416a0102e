import { Api, type Bot } from "grammy";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { createBot } from "../../bot";
import type { App } from "../../app";
import type { BotContext } from "../../bot/context";
import { DRAFT_TIMEOUT_MS } from "../../domain/drafts";
import { DEFAULT_LOCALE } from "../../domain/locale";
import { formatPhoneForDisplay } from "../../domain/phone";
import { splitIntoMessages } from "../../domain/policy";
import { safeError } from "../../logger";
import type { Locale } from "../../domain/locale";
import type { RunningChannel } from "../channel";
import { localBotInfo } from "../local-bot-api";
import { LocalTransport, type LocalUser, type OutboundMessage } from "../local-transport";
import type { LocalFile } from "../local-bot-api";
import type { IncomingMessage, WhatsAppClient, WhatsAppMedia } from "./client";
import { WhatsAppConnection } from "./connection";
import { interpretAnswer, optionsOf, renderWithOptions, type Option } from "./render";

const CHANNEL = "whatsapp";

/**
 * Longer texts are sent in parts. WhatsApp itself takes far more, but a phone screen does not: the
 * Telegram limit keeps parts readable, and the same splitter never cuts inside a line or an emoji.
 */
export const WHATSAPP_MESSAGE_LIMIT = 4096;

const IDLE_SWEEP_INTERVAL_MS = 60_000;

/** How long stop() waits for the messages in hand. */
const STOP_GRACE_MS = 5_000;

/** What people send that the bot cannot read: each gets a polite "please answer in text". */
const NON_TEXT = new Set(["image", "video", "audio", "ptt", "document", "sticker", "location", "live_location", "vcard", "multi_vcard", "poll_creation"]);

/** Only private chats count: "…@c.us" (phone number ids) and "…@lid" (WhatsApp's privacy ids). */
const PRIVATE_CHAT = /@(c\.us|lid)$/;
const PHONE_CHAT = /^(\d+)@c\.us$/;

interface ChatState {
  waId: string;
  user: LocalUser;
  /** The options of the latest keyboards, numbered 1… in the order they were shown. */
  options: Option[];
  /** An update went to the bot: its first reply starts a fresh set of options. */
  awaitingReply: boolean;
  /** The sender's own number in E.164 when WhatsApp tells it; null when it does not. */
  ownPhone: string | null | undefined;
  /** When the chat last wrote, by the app's clock: idle chats are let go. */
  lastSeenMs: number;
}

export interface WhatsAppChannelOptions {
  reconnectDelay?: (attempt: number) => number;
  /** Makes a file sendable: whatsapp-web.js wants its own MessageMedia; the fake takes plain data. */
  media?: (file: WhatsAppMedia) => WhatsAppMedia;
}

/** The one kind of file the bot sends (the copy of one's data); anything else is a download. */
const MIME_TYPES: Record<string, string> = {
  json: "application/json",
};

/**
 * WhatsApp as a transport under grammY: each private text message becomes a Telegram-shaped update
 * for the same bot (same dialogue, same commands), and each Bot API call the bot makes is carried
 * out by LocalTransport and sent with whatsapp-web.js. Keyboards become numbered lists.
 */
export class WhatsAppChannel implements RunningChannel {
  readonly name = CHANNEL;
  readonly bot: Bot<BotContext>;
  readonly connection: WhatsAppConnection;
  private readonly transport: LocalTransport;
  private readonly chats = new Map<number, ChatState>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly media: (file: WhatsAppMedia) => WhatsAppMedia;
  private stopped = false;
  private lastSweepMs = 0;

  constructor(
    private readonly app: App,
    private readonly client: WhatsAppClient,
    options: WhatsAppChannelOptions = {},
  ) {
    this.transport = new LocalTransport({
      channel: CHANNEL,
      clock: app.clock,
      deliver: (message) => this.deliver(message),
      // Telegram shows these as a little pop-up; WhatsApp gets them as a short message.
      notify: (chatId, text) => this.send(this.chatFor(chatId).waId, text),
      withdrawButtons: (chatId, messageId) => this.withdrawOptions(chatId, messageId),
    });
    this.bot = createBot(app, { token: CHANNEL, channel: CHANNEL, botInfo: localBotInfo(CHANNEL), client: { fetch: this.transport.fetch } });
    this.connection = new WhatsAppConnection(client, app.logger.child({ channel: CHANNEL }), options.reconnectDelay);
    this.media = options.media ?? ((file) => file);
  }

  /** Listens for messages and connects; staff alerts stay with Telegram (or the console). */
  start(): this {
    // Messages the bot starts itself (policy notices) go through an Api without auto-retry: while
    // WhatsApp is down they fail at once, and the job pauses this channel instead of waiting on it.
    this.app.channelApis.set(CHANNEL, new Api(CHANNEL, { fetch: this.transport.fetch }));
    this.client.on("message", (message) => this.receive(message));
    this.connection.start();
    return this;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // Messages in hand get a moment to finish; a reply stuck waiting for WhatsApp must not hold up
    // the shutdown of the whole process (and of Telegram with it).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)))]);
    clearTimeout(timer);
    await this.connection.stop();
    this.app.channelApis.delete(CHANNEL);
  }

  /** Settles when every message received so far has been handled. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all(this.queues.values());
  }

  /** Whether the channel still holds this chat id in memory (tests prove an erased one is let go). */
  holds(waId: string): boolean {
    return [...this.chats.values()].some((chat) => chat.waId === waId);
  }

  private receive(message: IncomingMessage): void {
    if (message.fromMe || message.isStatus || message.broadcast || !PRIVATE_CHAT.test(message.from)) return;
    this.letGoOfIdleChats();
    const isText = message.type === "chat" && message.body.trim() !== "";
    if (!isText && !NON_TEXT.has(message.type)) return; // calls, notifications, revoked messages…
    // One chat's messages are handled in order; different chats do not wait for each other.
    const key = message.from;
    const next = (this.queues.get(key) ?? Promise.resolve())
      .then(() => (isText ? this.handleText(message) : this.handleNonText(message)))
      .catch((error: unknown) => this.app.logger.error({ channel: CHANNEL, err: redacted(error) }, "a WhatsApp message could not be handled"))
      .finally(() => {
        if (this.queues.get(key) === next) this.queues.delete(key);
      });
    this.queues.set(key, next);
  }

  private async handleText(message: IncomingMessage): Promise<void> {
    const numericId = this.app.store.whatsappChats.numericIdFor(message.from);
    const chat = this.chatFor(numericId, message.from);
    chat.lastSeenMs = this.app.clock.now().getTime();
    if (chat.ownPhone === undefined) chat.ownPhone = await ownPhoneOf(message);
    const text = message.body.trim();
    const interpretation = interpretAnswer(text, chat.options);
    if (interpretation.kind === "choose-number") {
      await this.send(chat.waId, this.t(numericId, "whatsapp-choose-number", { count: chat.options.length }));
      return;
    }
    if (interpretation.kind === "option") {
      await this.handOver(chat, this.updateFor(chat, interpretation.option));
      return;
    }
    // WhatsApp has no Start button: a first message that is no command opens the dialogue like /start.
    const firstContact = chat.options.length === 0 && !text.startsWith("/") && this.app.store.preferences.getLocale(CHANNEL, numericId) === undefined;
    await this.handOver(chat, this.transport.textUpdate(chat.user, firstContact ? "/start" : text));
  }

  private async handleNonText(message: IncomingMessage): Promise<void> {
    const numericId = this.app.store.whatsappChats.findNumericId(message.from);
    await this.send(message.from, this.t(numericId, "whatsapp-text-only"));
  }

  private updateFor(chat: ChatState, option: Option) {
    switch (option.kind) {
      case "callback":
        return this.transport.callbackUpdate(chat.user, option.messageId, option.data);
      case "text":
        return this.transport.textUpdate(chat.user, option.text);
      case "contact":
        // The sender's own number, as WhatsApp gave it: a confirmed number, like Telegram's own contact.
        return this.transport.contactUpdate(chat.user, option.phone, chat.user.id);
    }
  }

  private async handOver(chat: ChatState, update: Parameters<Bot<BotContext>["handleUpdate"]>[0]): Promise<void> {
    chat.awaitingReply = true;
    try {
      await this.bot.handleUpdate(update);
    } finally {
      // A turn that sent nothing (an outdated choice only gets a notice) leaves the options as they were.
      chat.awaitingReply = false;
      // After /delete (or a paper erasure) the chat id, a phone number, must not stay in memory either.
      if (this.app.store.whatsappChats.waIdOf(chat.user.id) === undefined) this.chats.delete(chat.user.id);
    }
  }

  /**
   * A chat silent for longer than a draft lives has nothing the channel needs to remember (its numbered
   * options are stale; a restart loses them the same way), so the memory holds only recent chats.
   */
  private letGoOfIdleChats(): void {
    const now = this.app.clock.now().getTime();
    if (now - this.lastSweepMs < IDLE_SWEEP_INTERVAL_MS) return;
    this.lastSweepMs = now;
    for (const [numericId, chat] of this.chats) {
      if (now - chat.lastSeenMs <= DRAFT_TIMEOUT_MS) continue;
      this.chats.delete(numericId);
      this.transport.forgetChat(numericId);
    }
  }

  /** An answered question's numbers answer nothing any more; the other numbers shown keep theirs. */
  private withdrawOptions(chatId: number, messageId: number): void {
    const chat = this.chats.get(chatId);
    if (chat) chat.options = chat.options.filter((option) => option.kind !== "callback" || option.messageId !== messageId);
  }

  /** LocalTransport's outbound side: render the bot's message for WhatsApp and send it. */
  private async deliver(message: OutboundMessage): Promise<void> {
    const chat = this.chatFor(message.chatId);
    // The first message answering an update starts a fresh set of options; the rest of the answer adds to it.
    let options = chat.awaitingReply ? [] : chat.options;
    const markup = message.replyMarkup;
    // A removed reply keyboard takes its options along; an edited message replaces its own.
    if (markup && "remove_keyboard" in markup) options = options.filter((option) => option.kind === "callback");
    if (message.edited) options = options.filter((option) => option.kind !== "callback" || option.messageId !== message.messageId);
    const added = optionsOf(message, chat.ownPhone ?? undefined, (phone) =>
      this.t(chat.user.id, "whatsapp-use-this-number", { phone: formatPhoneForDisplay(phone) }),
    );
    const text = renderWithOptions(message.text, added, options.length + 1);
    for (const part of splitIntoMessages(text, WHATSAPP_MESSAGE_LIMIT)) await this.send(chat.waId, part);
    // The caption went first as text (it may be long and carry the options); then the file itself.
    if (message.document) await this.send(chat.waId, this.media(mediaOf(message.document)), { sendMediaAsDocument: true });
    // Only what was sent counts: a failed send is retried by grammY (auto-retry) and numbered the same.
    chat.options = [...options, ...added];
    chat.awaitingReply = false;
  }

  private async send(waId: string, content: string | WhatsAppMedia, options?: { sendMediaAsDocument: boolean }): Promise<void> {
    // A reply to a patient is retried by auto-retry until WhatsApp is back; see start() for the rest.
    if (!this.connection.ready) throw new Error("WhatsApp is not connected; the message was not sent");
    try {
      // Always exactly the id the message came from: "…@lid" chats are answered at "…@lid".
      await this.client.sendMessage(waId, content, options);
    } catch (error) {
      const failure = redacted(error);
      this.app.logger.warn({ channel: CHANNEL, err: failure }, "WhatsApp did not take a message");
      // The raw error carries the payload (the text, a phone number): only its redacted copy goes on.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(`WhatsApp did not take the message (${failure.message})`, { cause: failure });
    }
  }

  private chatFor(numericId: number, knownWaId?: string): ChatState {
    let chat = this.chats.get(numericId);
    if (!chat) {
      const waId = knownWaId ?? this.app.store.whatsappChats.waIdOf(numericId);
      if (waId === undefined) throw new Error(`No WhatsApp chat has the id ${numericId}`);
      chat = { waId, user: { id: numericId, firstName: "WhatsApp" }, options: [], awaitingReply: false, ownPhone: undefined, lastSeenMs: this.app.clock.now().getTime() };
      this.chats.set(numericId, chat);
    }
    return chat;
  }

  /** The channel's own texts, in the language the chat chose (Russian until it chooses). */
  private t(numericId: number | undefined, key: string, variables?: Record<string, string | number>): string {
    const locale: Locale = (numericId === undefined ? undefined : this.app.store.preferences.getLocale(CHANNEL, numericId)) ?? DEFAULT_LOCALE;
    return this.app.i18n.t(locale, key, variables);
  }
}

function mediaOf(file: LocalFile): WhatsAppMedia {
  const extension = file.filename.slice(file.filename.lastIndexOf(".") + 1).toLowerCase();
  return { mimetype: MIME_TYPES[extension] ?? "application/octet-stream", data: file.bytes.toString("base64"), filename: file.filename };
}

/**
 * The sender's own number, when WhatsApp really tells it: a "…@c.us" id is the number itself; for a
 * "…@lid" id the contact may carry it. A value that is no valid phone number (a privacy id's digits)
 * is not offered.
 */
async function ownPhoneOf(message: IncomingMessage): Promise<string | null> {
  let digits = PHONE_CHAT.exec(message.from)?.[1];
  if (digits === undefined) {
    try {
      digits = (await message.getContact()).number ?? undefined;
    } catch {
      digits = undefined;
    }
  }
  if (!digits || !/^\d{6,15}$/.test(digits)) return null;
  const phone = parsePhoneNumberFromString(`+${digits}`);
  return phone?.isValid() ? phone.number : null;
}

/** Errors may quote the chat id (a phone number): only their kind and a scrubbed message are kept. */
function redacted(error: unknown): { type: string; message: string; code?: string | number } {
  const safe = safeError(error);
  return { ...safe, message: safe.message.replace(/[\w.+-]*@(c\.us|lid|g\.us|s\.whatsapp\.net|broadcast)/g, "[chat]").replace(/\d{6,}/g, "[number]") };
}
