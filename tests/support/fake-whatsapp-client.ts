import { EventEmitter } from "node:events";
import type { IncomingMessage, WhatsAppClient, WhatsAppMedia, WhatsAppSendOptions } from "../../src/channels/whatsapp/client";
import { WhatsAppChannel } from "../../src/channels/whatsapp/channel";
import type { TestBot } from "./harness";

export interface SentWhatsAppMessage {
  chatId: string;
  text: string;
}

/**
 * The part of whatsapp-web.js's Client the channel uses (events qr, ready, message, disconnected;
 * sendMessage, initialize, destroy), in memory. Like the real one, it destroys itself on disconnect.
 */
export class FakeWhatsAppClient extends EventEmitter implements WhatsAppClient {
  readonly sent: SentWhatsAppMessage[] = [];
  readonly sentFiles: { chatId: string; media: WhatsAppMedia; options: WhatsAppSendOptions | undefined }[] = [];
  initializeCalls = 0;
  destroyCalls = 0;
  /** When set, initialize() rejects with it (no Chromium, no network). */
  initializeError: Error | undefined;
  /** When set, sendMessage() rejects with it. */
  sendError: Error | undefined;
  /** Emit `ready` right after initialize(), as a client with a saved session does. */
  readyOnInitialize = true;

  async initialize(): Promise<void> {
    this.initializeCalls += 1;
    if (this.initializeError) throw this.initializeError;
    if (this.readyOnInitialize) queueMicrotask(() => this.emit("ready"));
  }

  async destroy(): Promise<void> {
    this.destroyCalls += 1;
  }

  async sendMessage(chatId: string, content: string | WhatsAppMedia, options?: WhatsAppSendOptions): Promise<unknown> {
    if (this.sendError) throw this.sendError;
    if (typeof content === "string") this.sent.push({ chatId, text: content });
    else this.sentFiles.push({ chatId, media: content, options });
    return { id: { _serialized: `true_${chatId}_${this.sent.length}` } };
  }

  /** A message arriving from WhatsApp; `number` is what getContact() says about the sender. */
  receive(message: Partial<Omit<IncomingMessage, "getContact">> & { from: string; number?: string | null }): void {
    const { number, ...fields } = message;
    const incoming: IncomingMessage = {
      body: "",
      type: "chat",
      fromMe: false,
      isStatus: false,
      broadcast: false,
      getContact: async () => ({ number: number ?? null }),
      ...fields,
    };
    this.emit("message", incoming);
  }

  /** WhatsApp dropped the connection; whatsapp-web.js then destroys the client itself. */
  disconnect(reason: string): void {
    this.emit("disconnected", reason);
    void this.destroy();
  }

  /** Messages sent to one chat. */
  sentTo(chatId: string): string[] {
    return this.sent.filter((message) => message.chatId === chatId).map((message) => message.text);
  }
}

/**
 * The real WhatsApp channel on a TestBot's app (same database, clock, staff group): Telegram and
 * WhatsApp side by side, as in production, with the fake client underneath.
 */
export async function startTestWhatsApp(
  testBot: TestBot,
  options: { client?: FakeWhatsAppClient; reconnectDelay?: (attempt: number) => number } = {},
): Promise<{ client: FakeWhatsAppClient; channel: WhatsAppChannel }> {
  const client = options.client ?? new FakeWhatsAppClient();
  const channel = new WhatsAppChannel(testBot.app, client, { reconnectDelay: options.reconnectDelay ?? (() => 0) }).start();
  await new Promise<void>((resolve) => setImmediate(resolve));
  return { client, channel };
}

/** One WhatsApp chat with the bot: type a message, read what came back. */
export class WhatsAppTestChat {
  private seen = 0;

  constructor(
    readonly client: FakeWhatsAppClient,
    readonly channel: WhatsAppChannel,
    readonly waId: string,
    /** What getContact() says about a "…@lid" sender. */
    readonly contactNumber: string | null = null,
  ) {}

  async send(body: string): Promise<string[]> {
    return this.receive({ body });
  }

  async receive(message: Partial<Omit<IncomingMessage, "getContact" | "from">> = {}): Promise<string[]> {
    this.client.receive({ from: this.waId, number: this.contactNumber, ...message });
    await this.channel.idle();
    return this.replies();
  }

  /** Messages to this chat since the last call. */
  replies(): string[] {
    const mine = this.client.sentTo(this.waId);
    const fresh = mine.slice(this.seen);
    this.seen = mine.length;
    return fresh;
  }
}
