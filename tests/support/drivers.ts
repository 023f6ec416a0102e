/**
 * One dialogue, several channels: a driver plays the patient on one channel and reports what the bot
 * answered in one shape (text and option labels), so a single table of expectations runs on all.
 */
import type { ChannelName } from "../../src/domain/channel";
import { LOCALES } from "../../src/domain/locale";
import { formatPhoneForDisplay } from "../../src/domain/phone";
import type { Action } from "./booking";
import { FakeWhatsAppClient, startTestWhatsApp, WhatsAppTestChat } from "./fake-whatsapp-client";
import { TestBot, type Reply, type TestChat } from "./harness";
import { t } from "./i18n";

/** The option that shares the patient's own number: Telegram's contact button, WhatsApp's "use this number". */
export const OWN_PHONE = "‹own phone›";

/** A message of the bot as the patient sees it, whatever the channel. */
export interface Seen {
  text: string;
  options: string[];
}

export interface Driver {
  readonly channel: ChannelName;
  readonly testBot: TestBot;
  /** Picks the option with this label on the latest message that offers it. */
  choose(label: string): Promise<Seen[]>;
  type(text: string): Promise<Seen[]>;
  shareOwnPhone(): Promise<Seen[]>;
  destroy(): void;
}

/** What the patient does: an answer of the booking walk, or sharing their own number. */
export type DriverAction = Action | { shareOwnPhone: true };

export function perform(driver: Driver, action: DriverAction): Promise<Seen[]> {
  if ("choose" in action) return driver.choose(action.choose);
  if ("type" in action) return driver.type(action.type);
  return driver.shareOwnPhone();
}

export interface DriverFactory {
  name: string;
  start(): Promise<Driver>;
}

/** The patient's own mobile number, known to Telegram (contact) and to WhatsApp (the chat id). */
export const PATIENT_PHONE = "77012345678";

export function seenOf(reply: Reply): Seen {
  return {
    text: reply.text,
    options: (reply.buttons ?? []).flat().map((label) => (label.startsWith("[contact] ") ? OWN_PHONE : label)),
  };
}

// ---------------------------------------------------------------------------------------------
// Telegram: the harness's TestChat through LocalTransport
// ---------------------------------------------------------------------------------------------

class TelegramDriver implements Driver {
  readonly channel = "telegram";
  private readonly chat: TestChat;

  constructor(readonly testBot: TestBot) {
    this.chat = testBot.chat({ id: 101 });
  }

  async choose(label: string): Promise<Seen[]> {
    // The newest message that shows the label decides: an inline button is pressed, a reply-keyboard
    // key arrives as typed text (as Telegram sends it).
    for (const message of [...this.chat.messages()].reverse()) {
      const markup = message.replyMarkup;
      if (markup && "inline_keyboard" in markup && markup.inline_keyboard.flat().some((button) => button.text === label)) {
        return (await this.chat.press(label)).map(seenOf);
      }
      if (markup && "keyboard" in markup && markup.keyboard.flat().some((button) => (typeof button === "string" ? button : button.text) === label)) {
        return this.type(label);
      }
    }
    throw new Error(`Telegram: no option "${label}" in this chat`);
  }

  async type(text: string): Promise<Seen[]> {
    return (await this.chat.send(text)).map(seenOf);
  }

  async shareOwnPhone(): Promise<Seen[]> {
    return (await this.chat.shareContact(PATIENT_PHONE)).map(seenOf);
  }

  destroy(): void {
    this.testBot.destroy();
  }
}

export const telegram: DriverFactory = {
  name: "Telegram",
  start: async () => new TelegramDriver(await TestBot.start()),
};

// ---------------------------------------------------------------------------------------------
// WhatsApp: the real channel code over the fake whatsapp-web.js client, beside the Telegram bot
// ---------------------------------------------------------------------------------------------

const OPTION_LINE = /^(\d+)\. (.*)$/;

class WhatsAppDriver implements Driver {
  readonly channel = "whatsapp";
  private readonly received: string[] = [];

  constructor(
    readonly testBot: TestBot,
    private readonly chat: WhatsAppTestChat,
    private readonly answerBy: "number" | "text",
  ) {}

  async choose(label: string): Promise<Seen[]> {
    const { number, shown } = this.find(label);
    // Typed the way a person would: without the emoji in front ("Подтвердить" for "✅ Подтвердить").
    return this.type(this.answerBy === "number" ? String(number) : shown.replace(/^[^\p{L}\p{N}]+/u, ""));
  }

  async type(text: string): Promise<Seen[]> {
    const replies = await this.chat.send(text);
    this.received.push(...replies);
    return replies.map((message) => this.seen(message));
  }

  async shareOwnPhone(): Promise<Seen[]> {
    return this.choose(OWN_PHONE);
  }

  destroy(): void {
    this.testBot.destroy();
  }

  /** The number and the text shown for the label on the newest message that lists it. */
  private find(label: string): { number: number; shown: string } {
    for (const message of [...this.received].reverse()) {
      for (const line of message.split("\n")) {
        const match = OPTION_LINE.exec(line);
        if (match && this.labelOf(match[2]!) === label) return { number: Number(match[1]), shown: match[2]! };
      }
    }
    throw new Error(`WhatsApp: no option "${label}" in this chat. Latest messages:\n${this.received.slice(-2).join("\n---\n")}`);
  }

  /** Splits off the numbered list the channel puts after a blank line, checking its numbers run on. */
  private seen(message: string): Seen {
    const cut = message.lastIndexOf("\n\n");
    const lines = message.slice(cut + 2).split("\n");
    const matches = lines.map((line) => OPTION_LINE.exec(line));
    const numbers = matches.map((match) => Number(match?.[1]));
    const isList = matches.every(Boolean) && numbers.every((number, index) => index === 0 || number === numbers[index - 1]! + 1);
    if (cut < 0 || !isList) return { text: message, options: [] };
    return { text: message.slice(0, cut), options: matches.map((match) => this.labelOf(match![2]!)) };
  }

  private labelOf(label: string): string {
    const phone = formatPhoneForDisplay(`+${PATIENT_PHONE}`);
    const ownPhoneLabels = LOCALES.map((locale) => t(locale, "whatsapp-use-this-number", { phone }));
    return ownPhoneLabels.includes(label) ? OWN_PHONE : label;
  }
}

function whatsapp(name: string, sender: { waId: string; contactNumber: string | null }, answerBy: "number" | "text"): DriverFactory {
  return {
    name,
    start: async () => {
      const testBot = await TestBot.start();
      const { client, channel } = await startTestWhatsApp(testBot, { client: new FakeWhatsAppClient() });
      return new WhatsAppDriver(testBot, new WhatsAppTestChat(client, channel, sender.waId, sender.contactNumber), answerBy);
    },
  };
}

/** A "…@c.us" sender (the number is in the id) who answers with option numbers. */
export const whatsappByNumber = whatsapp("WhatsApp, @c.us, answers by number", { waId: `${PATIENT_PHONE}@c.us`, contactNumber: null }, "number");

/** A "…@lid" sender whose contact carries the number, who types the options' words instead of numbers. */
export const whatsappByText = whatsapp("WhatsApp, @lid, answers by text", { waId: "204157826093105@lid", contactNumber: PATIENT_PHONE }, "text");

export const ALL_CHANNELS: DriverFactory[] = [telegram, whatsappByNumber, whatsappByText];
