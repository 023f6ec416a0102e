import type { Message, ReplyKeyboardMarkup, InlineKeyboardMarkup, Update } from "grammy/types";
import type { Clock } from "../clock";
import { localFetch, UnsupportedMethodError, type ApiCall, type LocalFile } from "./local-bot-api";

export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | { remove_keyboard: true };

/**
 * How many of a chat's latest messages keep their keyboards for the presses on them. A press on an
 * older one counts as on a message without buttons: a dialogue asks far fewer questions than this.
 */
const KEYBOARDS_PER_CHAT = 40;

/** A message the bot sent (or edited), as a non-Telegram channel has to show it. */
export interface OutboundMessage {
  chatId: number;
  messageId: number;
  text: string;
  replyMarkup?: ReplyMarkup;
  edited: boolean;
  /** A file sent with sendDocument; `text` is then its caption. */
  document?: LocalFile;
}

export interface LocalUser {
  id: number;
  firstName: string;
  languageCode?: string;
}

export interface LocalTransportOptions {
  channel: string;
  clock: Clock;
  deliver(message: OutboundMessage): void | Promise<void>;
  /** The little notice Telegram shows on a button press, if the bot gives one. */
  notify?(chatId: number, text: string): void | Promise<void>;
  /**
   * The buttons of a message the bot sent were replaced (an answered question keeps only a mark of
   * the answer) or removed: they no longer answer anything. Nothing new is shown.
   */
  withdrawButtons?(chatId: number, messageId: number, replacement: InlineKeyboardMarkup | undefined): void;
}

/**
 * Turns a channel's inbound events into Telegram-shaped updates and carries out the Bot API calls
 * the features make, so the same grammY bot runs on the console, in tests and on WhatsApp.
 */
export class LocalTransport {
  readonly fetch: typeof fetch;
  private updateId = 0;
  private readonly messageIds = new Map<number, number>();
  private readonly callbackChats = new Map<string, number>();
  /** Each chat's latest messages' inline keyboards as they stand now, carried on a press as Telegram does. */
  private readonly keyboards = new Map<number, Map<number, InlineKeyboardMarkup>>();

  constructor(private readonly options: LocalTransportOptions) {
    this.fetch = localFetch((call) => this.carryOut(call));
  }

  textUpdate(user: LocalUser, text: string): Update {
    const message = this.inboundMessage(user, { text });
    if (text.startsWith("/")) {
      const length = text.split(/\s/)[0]!.length;
      message.entities = [{ type: "bot_command", offset: 0, length }];
    }
    return { update_id: this.nextUpdateId(), message } as Update;
  }

  contactUpdate(user: LocalUser, phoneNumber: string, contactUserId: number | undefined): Update {
    const contact = { phone_number: phoneNumber, first_name: user.firstName, ...(contactUserId === undefined ? {} : { user_id: contactUserId }) };
    return { update_id: this.nextUpdateId(), message: this.inboundMessage(user, { contact }) } as Update;
  }

  /** A press of a button of the bot's message; `shown` replaces the message's buttons as remembered (a forged update). */
  callbackUpdate(user: LocalUser, messageId: number, data: string, shown?: InlineKeyboardMarkup): Update {
    const id = `${user.id}:${this.updateId + 1}`;
    this.callbackChats.set(id, user.id);
    return {
      update_id: this.nextUpdateId(),
      callback_query: {
        id,
        from: this.userOf(user),
        chat_instance: String(user.id),
        data,
        message: {
          message_id: messageId,
          date: this.unixNow(),
          chat: { id: user.id, type: "private", first_name: user.firstName },
          ...(shown ? { reply_markup: shown } : this.keyboardOf(user.id, messageId)),
        },
      },
    };
  }

  /** A chat the channel let go of (idle for longer than a draft lives): its keyboards go too. */
  forgetChat(chatId: number): void {
    this.keyboards.delete(chatId);
  }

  private keyboardOf(chatId: number, messageId: number): { reply_markup?: InlineKeyboardMarkup } {
    const keyboard = this.keyboards.get(chatId)?.get(messageId);
    return keyboard ? { reply_markup: keyboard } : {};
  }

  private async carryOut({ method, payload }: ApiCall): Promise<unknown> {
    // The bot sends plain text: formatting would arrive on WhatsApp and the console as stray markup.
    if (["parse_mode", "entities", "caption_entities"].some((parameter) => parameter in payload)) {
      throw new UnsupportedMethodError(this.options.channel, `${method} with formatting (parse_mode, entities)`);
    }
    switch (method) {
      case "sendMessage":
        return this.deliver(Number(payload.chat_id), undefined, payload);
      case "editMessageText":
        return this.deliver(Number(payload.chat_id), Number(payload.message_id), payload);
      case "editMessageReplyMarkup":
        return this.replaceButtons(Number(payload.chat_id), Number(payload.message_id), payload.reply_markup as InlineKeyboardMarkup | undefined);
      case "sendDocument":
        return this.deliver(Number(payload.chat_id), undefined, payload, documentOf(payload.document));
      case "answerCallbackQuery": {
        const chatId = this.callbackChats.get(String(payload.callback_query_id));
        this.callbackChats.delete(String(payload.callback_query_id));
        if (chatId !== undefined && typeof payload.text === "string") await this.options.notify?.(chatId, payload.text);
        return true;
      }
      case "setMyCommands":
      case "deleteMyCommands":
      case "sendChatAction":
        return true;
      default:
        throw new UnsupportedMethodError(this.options.channel, method);
    }
  }

  private replaceButtons(chatId: number, messageId: number, keyboard: InlineKeyboardMarkup | undefined): true {
    this.remember(chatId, messageId, keyboard);
    this.options.withdrawButtons?.(chatId, messageId, keyboard);
    return true;
  }

  private remember(chatId: number, messageId: number, markup: ReplyMarkup | undefined): void {
    const chat = this.keyboards.get(chatId) ?? new Map<number, InlineKeyboardMarkup>();
    chat.delete(messageId);
    if (markup && "inline_keyboard" in markup) chat.set(messageId, markup);
    if (chat.size > KEYBOARDS_PER_CHAT) chat.delete(chat.keys().next().value!);
    if (chat.size > 0) this.keyboards.set(chatId, chat);
    else this.keyboards.delete(chatId);
  }

  private async deliver(chatId: number, editedId: number | undefined, payload: Record<string, unknown>, document?: LocalFile): Promise<Message> {
    const messageId = editedId ?? this.nextMessageId(chatId);
    const replyMarkup = payload.reply_markup as ReplyMarkup | undefined;
    this.remember(chatId, messageId, replyMarkup);
    const text = typeof payload.text === "string" ? payload.text : typeof payload.caption === "string" ? payload.caption : "";
    await this.options.deliver({ chatId, messageId, text, replyMarkup, edited: editedId !== undefined, ...(document ? { document } : {}) });
    return {
      message_id: messageId,
      date: this.unixNow(),
      chat: chatId < 0 ? { id: chatId, type: "supergroup", title: "staff" } : { id: chatId, type: "private", first_name: "" },
      ...(document ? sentDocument(chatId, messageId, document, text) : { text }),
      ...(replyMarkup && "inline_keyboard" in replyMarkup ? { reply_markup: replyMarkup } : {}),
    };
  }

  private inboundMessage(user: LocalUser, content: Partial<Message>): Message {
    return {
      message_id: this.nextMessageId(user.id),
      date: this.unixNow(),
      chat: { id: user.id, type: "private", first_name: user.firstName },
      from: this.userOf(user),
      ...content,
    };
  }

  private userOf(user: LocalUser) {
    return { id: user.id, is_bot: false, first_name: user.firstName, ...(user.languageCode ? { language_code: user.languageCode } : {}) };
  }

  private nextMessageId(chatId: number): number {
    const next = (this.messageIds.get(chatId) ?? 0) + 1;
    this.messageIds.set(chatId, next);
    return next;
  }

  private nextUpdateId(): number {
    this.updateId += 1;
    return this.updateId;
  }

  private unixNow(): number {
    return Math.floor(this.options.clock.now().getTime() / 1000);
  }
}

function sentDocument(chatId: number, messageId: number, document: LocalFile, caption: string): Partial<Message> {
  const fileId = `local-${chatId}-${messageId}`;
  return {
    document: { file_id: fileId, file_unique_id: fileId, file_name: document.filename, file_size: document.bytes.length },
    ...(caption ? { caption } : {}),
  };
}

/** Only uploads are carried; a file_id or URL names a file this channel never had. */
function documentOf(value: unknown): LocalFile {
  if (typeof value === "object" && value !== null && "bytes" in value && "filename" in value) return value as LocalFile;
  throw new Error("sendDocument on a local channel needs the file itself (an InputFile), not a file_id or URL");
}
