import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Chat, Message, Update, User } from "grammy/types";

/** One Bot API request received by the emulator (method name plus decoded parameters). */
export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  /** What the emulator answered (e.g. the sent Message, whose `message_id` `pressButton` needs); absent on errors. */
  result?: unknown;
}

type Json = Record<string, unknown>;
type ChatInput = { id: number; type?: "private" | "group" | "supergroup"; userId?: number; firstName?: string };
type Poll = { offset: number; limit: number; res: ServerResponse; timer: NodeJS.Timeout };
type Fault = { method: string; code: number; description: string; remaining: number };
type Hold = { method: string; predicate: (call: RecordedCall) => boolean; arrived: (call: RecordedCall) => void; released: Promise<void> };
type Waiter = { predicate: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void; reject: (err: Error) => void; timer: NodeJS.Timeout };

class ApiError extends Error {
  constructor(readonly code: number, description: string) { super(description); }
}

/**
 * In-process fake of the Telegram Bot API for end-to-end tests. Point grammY at it with
 * `new Bot(emulator.token, { client: { apiRoot: emulator.apiRoot } })`, inject updates with
 * `sendText`/`pressButton`/…, and assert on what the bot sent via `calls`/`waitForCall`.
 */
export class BotApiEmulator {
  /** Token the emulator accepts; requests with any other token get 401. */
  readonly token: string;
  /** Base URL to pass as grammY's `client.apiRoot` (no trailing slash). */
  readonly apiRoot: string;
  /** Every Bot API call except `getUpdates`, in arrival order (unknown methods included). */
  readonly calls: RecordedCall[] = [];

  private readonly bot: User;
  private readonly queue: Update[] = [];
  private readonly polls = new Set<Poll>();
  private readonly waiters: Waiter[] = [];
  private readonly consumed = new Set<RecordedCall>();
  private readonly chats = new Map<number, Chat>();
  private readonly lastMessageId = new Map<number, number>();
  private readonly sent = new Map<string, Message>();
  private readonly commands = new Map<string, unknown>();
  private readonly faults: Fault[] = [];
  private readonly holds: Hold[] = [];
  private nextUpdateId = 1;
  private nextCallbackId = 1;
  private closed = false;

  private constructor(private readonly server: Server, token: string, botUsername: string) {
    this.token = token;
    this.apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.bot = { id: Number(token.split(":")[0]) || 123456, is_bot: true, first_name: botUsername, username: botUsername };
  }

  /** Starts an emulator on 127.0.0.1 with a random free port. */
  static async start(options: { token?: string; botUsername?: string } = {}): Promise<BotApiEmulator> {
    const server = createServer();
    // Telegram keeps an idle connection open longer than Node's 5 s default. With the default, a bot
    // sending as it closes one (the webhook benchmark's hundreds of sockets) gets ECONNRESET. The
    // backlog lets a burst of new connections in instead of leaving some to retry their SYN for seconds.
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, resolve));
    const emulator = new BotApiEmulator(server, options.token ?? "123456:TEST-TOKEN", options.botUsername ?? "test_bot");
    server.on("request", (req, res) => void emulator.handle(req, res));
    return emulator;
  }

  /** Enqueues a text message from a user (private chat by default; `/command` texts get a bot_command entity). Returns the update_id. */
  sendText(chat: ChatInput, text: string): number {
    const command = text.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
    return this.sendUpdate({ message: { ...this.incoming(chat), text, ...(command && { entities: command }) } as Update["message"] });
  }

  /** Enqueues a contact message in the private chat `chatId`. Returns the update_id. */
  sendContact(chatId: number, contact: { phone_number: string; user_id?: number; first_name?: string }): number {
    const first_name = contact.first_name ?? "Test";
    return this.sendUpdate({ message: { ...this.incoming({ id: chatId }), contact: { ...contact, first_name } } as Update["message"] });
  }

  /** Enqueues a callback_query as if the private-chat user pressed an inline button with `data` under message `messageId`. Returns the update_id. */
  pressButton(chatId: number, messageId: number, data: string): number {
    const message = { ...(this.sent.get(`${chatId}:${messageId}`) ?? { message_id: messageId, date: now(), chat: this.chat(chatId) }) };
    const id = String(this.nextCallbackId++);
    return this.sendUpdate({ callback_query: { id, from: this.user({ id: chatId }), chat_instance: String(chatId), data, message } });
  }

  /** Enqueues an arbitrary update (update_id is assigned) and wakes pending getUpdates polls. Returns the update_id. */
  sendUpdate(update: Omit<Update, "update_id">): number {
    const update_id = this.nextUpdateId++;
    this.queue.push({ update_id, ...update });
    for (const poll of this.polls) void this.answerPoll(poll);
    return update_id;
  }

  /**
   * Resolves with the first recorded call (past or future) that matches `predicate` and was not already
   * returned by an earlier `waitForCall`. Rejects after `timeoutMs` with the recent calls in the message.
   */
  waitForCall(predicate: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    const existing = this.calls.find((call) => !this.consumed.has(call) && predicate(call));
    if (existing) return this.consumed.add(existing), Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { predicate, resolve, reject, timer: setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        const recent = this.calls.slice(-10).map((c) => `  ${c.method} ${truncate(JSON.stringify(c.payload))}`);
        reject(new Error(`waitForCall: no matching call within ${timeoutMs} ms. Last ${recent.length} of ${this.calls.length} calls:\n${recent.join("\n") || "  (none)"}`));
      }, timeoutMs) };
      this.waiters.push(waiter);
    });
  }

  /** The sendMessage / sendDocument / editMessageText calls addressed to `chatId`, in order. */
  messagesTo(chatId: number): RecordedCall[] {
    const methods = ["sendMessage", "sendDocument", "editMessageText"];
    return this.calls.filter((c) => methods.includes(c.method) && Number(c.payload.chat_id) === chatId);
  }

  /** The next `times` calls of `method` (getUpdates included) fail with this Bot API error. */
  fail(method: string, code: number, description: string, times = Number.POSITIVE_INFINITY): void {
    this.faults.push({ method, code, description, remaining: times });
  }

  /**
   * Holds the next call of `method` that matches `predicate` without answering it: `arrived` settles
   * when the bot has made the call, and the call is carried out only on `release()`. For tests that
   * stop or kill the bot while a call is in flight.
   */
  hold(method: string, predicate: (call: RecordedCall) => boolean = () => true): { arrived: Promise<RecordedCall>; release: () => void } {
    let release!: () => void;
    let arrived!: (call: RecordedCall) => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const arrival = new Promise<RecordedCall>((resolve) => (arrived = resolve));
    this.holds.push({ method, predicate, arrived, released });
    return { arrived: arrival, release };
  }

  /** Answers pending getUpdates polls with [], rejects pending waiters, and shuts the server down (all sockets closed). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.polls].map(async (poll) => this.answerPoll(poll, true)));
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error("BotApiEmulator closed"));
    }
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await done;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.apiRoot);
    const match = /^\/bot([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (match[1] !== this.token) return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2]!;
    let payload: Json;
    try {
      payload = { ...fields(url.searchParams), ...parseBody(await readBody(req), req.headers["content-type"] ?? "") };
    } catch {
      return send(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse request body" });
    }
    const fault = this.faults.find((candidate) => candidate.method === method && candidate.remaining > 0);
    if (fault) {
      fault.remaining -= 1;
      return send(res, fault.code, { ok: false, error_code: fault.code, description: fault.description });
    }
    if (method === "getUpdates") return this.getUpdates(payload, res);
    const call: RecordedCall = { method, payload };
    const hold = this.holds.find((candidate) => candidate.method === method && candidate.predicate(call));
    if (hold) {
      this.holds.splice(this.holds.indexOf(hold), 1);
      hold.arrived(call);
      await hold.released;
    }
    try {
      call.result = this.execute(call);
      this.record(call);
      send(res, 200, { ok: true, result: call.result });
    } catch (err) {
      const { code, message } = err instanceof ApiError ? err : new ApiError(500, String(err));
      this.record(call);
      send(res, code, { ok: false, error_code: code, description: message });
    }
  }

  private getUpdates(payload: Json, res: ServerResponse): void {
    const offset = Number(payload.offset ?? 0);
    if (offset > 0) this.queue.splice(0, this.queue.filter((u) => u.update_id < offset).length);
    const limit = Math.min(Math.max(Number(payload.limit ?? 100), 1), 100);
    const timeout = Math.max(Number(payload.timeout ?? 0), 0);
    const poll: Poll = { offset, limit, res, timer: setTimeout(() => void this.answerPoll(poll, true), timeout * 1000) };
    if (this.closed || timeout === 0 || this.pending(poll).length > 0) return void this.answerPoll(poll);
    this.polls.add(poll);
    res.on("close", () => { clearTimeout(poll.timer); this.polls.delete(poll); }); // client gave up (e.g. bot.stop())
  }

  // Sends the poll's available updates ([] once closed), unless there are none and it may keep waiting (!force).
  private answerPoll(poll: Poll, force = false): Promise<void> | undefined {
    const updates = force && this.closed ? [] : this.pending(poll);
    if (updates.length === 0 && !force && this.polls.has(poll)) return undefined;
    clearTimeout(poll.timer);
    this.polls.delete(poll);
    return new Promise((resolve) => send(poll.res, 200, { ok: true, result: updates }, resolve));
  }

  private pending(poll: Poll): Update[] {
    return this.queue.filter((u) => u.update_id >= poll.offset).slice(0, poll.limit);
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    const index = this.waiters.findIndex((w) => w.predicate(call));
    if (index === -1) return;
    const [waiter] = this.waiters.splice(index, 1);
    clearTimeout(waiter!.timer);
    this.consumed.add(call);
    waiter!.resolve(call);
  }

  private execute({ method, payload: p }: RecordedCall): unknown {
    switch (method) {
      case "getMe":
        return { ...this.bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
      case "deleteWebhook":
        if (p.drop_pending_updates === true) this.queue.splice(0);
        return true;
      case "setWebhook":
        if (typeof p.url !== "string" || !p.url.startsWith("https://")) throw new ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
        return true;
      case "setMyCommands":
        return this.commands.set(commandKey(p), p.commands), true;
      case "deleteMyCommands":
        return this.commands.delete(commandKey(p)), true;
      case "getMyCommands":
        return this.commands.get(commandKey(p)) ?? [];
      case "sendMessage":
        return this.outgoing(p, { text: p.text, entities: p.entities });
      case "sendDocument": {
        const doc = p.document as { filename?: string } | string;
        const file_name = typeof doc === "object" ? doc.filename : undefined;
        const id = `doc-${this.sent.size + 1}`;
        return this.outgoing(p, { document: { file_id: id, file_unique_id: id, file_name }, caption: p.caption });
      }
      case "editMessageText":
      case "editMessageReplyMarkup": {
        if (p.inline_message_id !== undefined) return true;
        const message = this.sent.get(`${Number(p.chat_id)}:${Number(p.message_id)}`);
        if (!message) throw new ApiError(400, "Bad Request: message to edit not found");
        if (method === "editMessageText") Object.assign(message, { text: p.text, entities: p.entities });
        Object.assign(message, { reply_markup: p.reply_markup, edit_date: now() });
        return { ...message };
      }
      case "answerCallbackQuery":
      case "sendChatAction":
      case "close":
      case "logOut":
        return true;
      default:
        throw new ApiError(404, "Not Found: method not found");
    }
  }

  // Builds and remembers (for edits and pressButton) the Message the bot "sent" to `p.chat_id`.
  private outgoing(p: Json, content: Json): Message {
    const chat = this.chat(Number(p.chat_id));
    const message = { message_id: this.nextMessageId(chat.id), date: now(), chat, from: this.bot, ...content, reply_markup: p.reply_markup };
    const clean = JSON.parse(JSON.stringify(message)) as Message; // drops undefined fields
    this.sent.set(`${chat.id}:${clean.message_id}`, clean);
    return { ...clean };
  }

  private incoming(input: ChatInput) {
    const chat = this.chat(input.id, input);
    return { message_id: this.nextMessageId(chat.id), date: now(), chat, from: this.user(input) };
  }

  private user(input: ChatInput): User {
    return { id: input.userId ?? (input.id > 0 ? input.id : 1000), is_bot: false, first_name: input.firstName ?? "Test" };
  }

  // The chat with `id` as first seen (default: private for positive ids, supergroup otherwise).
  private chat(id: number, input?: ChatInput): Chat {
    const known = this.chats.get(id);
    if (known) return known;
    const type = input?.type ?? (id > 0 ? "private" : "supergroup");
    const chat: Chat = type === "private" ? { id, type, first_name: input?.firstName ?? "Test" } : { id, type, title: "Test group" };
    this.chats.set(id, chat);
    return chat;
  }

  private nextMessageId(chatId: number): number { // one counter per chat, shared by user and bot messages
    const id = (this.lastMessageId.get(chatId) ?? 0) + 1;
    return this.lastMessageId.set(chatId, id), id;
  }
}

const now = () => Math.floor(Date.now() / 1000);
const truncate = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);
const commandKey = (p: Json) => JSON.stringify([p.scope ?? null, p.language_code ?? ""]);

function send(res: ServerResponse, status: number, body: unknown, done?: () => void): void {
  if (res.writableEnded || res.destroyed) return void done?.();
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body), done);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// Form values are strings: decode JSON objects/arrays, integers and booleans (but keep texts as sent).
function decode(key: string, value: string): unknown {
  if (key === "text" || key === "caption") return value;
  if (/^-?\d+$/.test(value)) return Number(value);
  if (value === "true" || value === "false") return value === "true";
  if (/^[[{]/.test(value)) {
    try { return JSON.parse(value); } catch { /* keep the raw string */ }
  }
  return value;
}

function fields(params: URLSearchParams): Json {
  return Object.fromEntries([...params].map(([k, v]) => [k, decode(k, v)]));
}

function parseBody(body: Buffer, contentType: string): Json {
  if (body.length === 0) return {};
  if (contentType.startsWith("application/x-www-form-urlencoded")) return fields(new URLSearchParams(body.toString()));
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (contentType.startsWith("multipart/form-data") && boundary) return parseMultipart(body, boundary);
  return JSON.parse(body.toString()) as Json;
}

// Minimal multipart/form-data parser. Text parts become fields; file parts become `{ filename, bytes }`
// and replace the `attach://<name>` field that references them (grammY's InputFile convention).
function parseMultipart(body: Buffer, boundary: string): Json {
  const delimiter = Buffer.from(`--${boundary}`);
  const result: Json = {};
  const files = new Map<string, { filename: string; bytes: Buffer }>();
  for (let start = body.indexOf(delimiter), next; start !== -1; start = next) {
    next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2); // strip CRLF after and before delimiters
    const split = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, split).toString();
    const name = /\bname="([^"]*)"/i.exec(headers)?.[1];
    if (split === -1 || name === undefined) continue;
    const filename = /\bfilename="?([^";\r\n]*)"?/i.exec(headers)?.[1];
    if (filename === undefined) result[name] = decode(name, part.subarray(split + 4).toString());
    else files.set(name, { filename, bytes: Buffer.from(part.subarray(split + 4)) });
  }
  for (const [key, value] of Object.entries(result)) {
    const file = typeof value === "string" && value.startsWith("attach://") ? files.get(value.slice(9)) : undefined;
    if (file) { result[key] = file; files.delete((value as string).slice(9)); }
  }
  for (const [name, file] of files) result[name] ??= file; // plain `-F document=@file` style upload
  return result;
}
