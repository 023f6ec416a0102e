/**
 * The staff group as its members use it: Telegram tells the bot who is a member (getChatMember, answered
 * here from `members`), members press the buttons of the alerts and type commands, and each sees the
 * pop-up answers of their own presses.
 */
import type { OutboundMessage } from "../../src/channels/local-transport";
import { STAFF_CHAT_ID } from "./fixtures";
import type { TestBot } from "./harness";

/** A pop-up or notice a member saw after pressing a button (answerCallbackQuery). */
export interface PopUp {
  userId: number;
  text: string | undefined;
  showAlert: boolean;
}

/** A message of the group as it reads now (after every edit), with its buttons by row. */
export interface GroupMessage {
  messageId: number;
  text: string;
  buttons: string[][];
}

let nextUpdateId = 900_000;

export class StaffGroup {
  /** Telegram user ids that are members of the staff group now. */
  readonly members = new Set<number>();
  readonly popUps: PopUp[] = [];
  /** How many times the bot asked Telegram about membership. */
  membershipQuestions = 0;
  private readonly callbackUsers = new Map<string, number>();

  constructor(
    private readonly testBot: TestBot,
    readonly chatId = STAFF_CHAT_ID,
  ) {
    testBot.bot.api.config.use(async (previous, method, payload, signal) => {
      if (method === "getChatMember") {
        this.membershipQuestions += 1;
        const { user_id: userId } = payload as { user_id: number };
        const status = this.members.has(userId) ? "member" : "left";
        return { ok: true, result: { status, user: { id: userId, is_bot: false, first_name: "Staff" } } } as never;
      }
      if (method === "answerCallbackQuery") {
        const { callback_query_id: id, text, show_alert: showAlert } = payload as { callback_query_id: string; text?: string; show_alert?: boolean };
        const userId = this.callbackUsers.get(id);
        if (userId !== undefined) this.popUps.push({ userId, text, showAlert: showAlert === true });
        return { ok: true, result: true } as never;
      }
      return previous(method, payload, signal);
    });
  }

  /** Every message of the staff group as it reads now, oldest first. */
  async messages(): Promise<GroupMessage[]> {
    await this.testBot.app.staffAlerts.flush();
    const latest = new Map<number, OutboundMessage>();
    for (const message of this.testBot.sent) if (message.chatId === STAFF_CHAT_ID) latest.set(message.messageId, message);
    return [...latest.values()].map((message) => ({
      messageId: message.messageId,
      text: message.text,
      buttons: message.replyMarkup && "inline_keyboard" in message.replyMarkup ? message.replyMarkup.inline_keyboard.map((row) => row.map((button) => button.text)) : [],
    }));
  }

  /** The latest message of the staff group that carries this booking number. */
  async alertOf(number: string): Promise<GroupMessage> {
    const alert = (await this.messages()).filter((message) => message.text.includes(` ${number} `)).at(-1);
    if (!alert) throw new Error(`the staff group has no alert for ${number}`);
    return alert;
  }

  /** The user presses the button with this label on the alert of the booking; the press comes from `chatId`. */
  async press(userId: number, number: string, label: string): Promise<PopUp | undefined> {
    const alert = await this.alertOf(number);
    const sent = this.testBot.sent.filter((message) => message.chatId === STAFF_CHAT_ID && message.messageId === alert.messageId).at(-1)!;
    const markup = sent.replyMarkup && "inline_keyboard" in sent.replyMarkup ? sent.replyMarkup.inline_keyboard.flat() : [];
    const button = markup.find((candidate) => candidate.text === label);
    if (!button || !("callback_data" in button)) throw new Error(`the alert of ${number} has no button "${label}"`);
    return this.pressData(userId, button.callback_data, alert.messageId);
  }

  /** A press with this data on message `messageId` of chat `chatId` (the staff group unless said). */
  async pressData(userId: number, data: string, messageId: number, chatId = this.chatId): Promise<PopUp | undefined> {
    const id = `staff:${nextUpdateId}`;
    this.callbackUsers.set(id, userId);
    const before = this.popUps.length;
    await this.testBot.bot.handleUpdate({
      update_id: nextUpdateId++,
      callback_query: {
        id,
        from: { id: userId, is_bot: false, first_name: "Staff" },
        chat_instance: String(chatId),
        data,
        message: { message_id: messageId, date: 0, chat: { id: chatId, type: "supergroup", title: "staff" }, text: "" },
      },
    });
    return this.popUps.slice(before).at(-1);
  }

  /** The user types a command in the group (or in chat `chatId`); returns what the bot wrote there in answer. */
  async send(userId: number, text: string, chatId = this.chatId): Promise<string[]> {
    const before = this.testBot.sent.length;
    const length = text.split(/\s/)[0]!.length;
    await this.testBot.bot.handleUpdate({
      update_id: nextUpdateId++,
      message: {
        message_id: nextUpdateId,
        date: 0,
        chat: { id: chatId, type: "supergroup", title: "staff" },
        from: { id: userId, is_bot: false, first_name: "Staff" },
        text,
        entities: text.startsWith("/") ? [{ type: "bot_command", offset: 0, length }] : [],
      },
    });
    return this.testBot.sent.slice(before).filter((message) => message.chatId === chatId).map((message) => message.text);
  }
}
