import type { InlineKeyboardMarkup, Update } from "grammy/types";
import type { Clock } from "../src/clock";
import { LocalTransport, type LocalUser, type OutboundMessage } from "../src/channels/local-transport";

/** What a person does at one step: type a text, or press a button (by its label, or the n-th offered). */
export type Action = { type: string } | { press: string } | { pressAt: number };

/** The person's script no longer matches the dialogue: the button it presses is not offered, or an answer never came. */
export class OffScript extends Error {}

/** Where a person's actions become updates: which buttons the chat was last offered, and what pressing one sends. */
export interface UpdateSource {
  updateFor(user: LocalUser, action: Action): Update;
  /** Whether the chat's latest buttons include one with this label. */
  offers(chatId: number, label: string): boolean;
}

/** A bot under measurement: one update in, its replies through the transport's fetch. */
export interface BenchBot {
  readonly name: string;
  handle(update: Update): Promise<void>;
  /** Bytes stored for this chat's open dialogue (ciphertext for the full stack, JSON for the floor), and the plain JSON size. */
  stateSize(chatId: number): { stored: number; plain: number };
  close(): void;
}

/**
 * The one in-process transport both bots run on: it turns a person's actions into updates and keeps
 * the latest inline keyboard of each chat, so a press finds its message id and callback data.
 */
export class Driver implements UpdateSource {
  readonly transport: LocalTransport;
  private readonly keyboards = new Map<number, OutboundMessage>();
  /** Buttons a press by position skips: the dialogue's Back and Cancel. */
  private readonly navigation: (data: string) => boolean;

  constructor(clock: Clock, navigation: (data: string) => boolean = () => false) {
    this.navigation = navigation;
    this.transport = new LocalTransport({
      channel: "bench",
      clock,
      deliver: (message) => {
        if (message.replyMarkup && "inline_keyboard" in message.replyMarkup) this.keyboards.set(message.chatId, message);
      },
    });
  }

  updateFor(user: LocalUser, action: Action): Update {
    if ("type" in action) return this.transport.textUpdate(user, action.type);
    const message = this.keyboards.get(user.id);
    if (!message?.replyMarkup || !("inline_keyboard" in message.replyMarkup)) throw new OffScript(`chat ${user.id} has no buttons to press`);
    return this.transport.callbackUpdate(user, message.messageId, pressedData(user.id, message.replyMarkup, action, this.navigation));
  }

  /** Whether the chat's latest buttons include one with this label. */
  offers(chatId: number, label: string): boolean {
    const markup = this.keyboards.get(chatId)?.replyMarkup;
    return Boolean(markup && "inline_keyboard" in markup && markup.inline_keyboard.flat().some((button) => button.text === label));
  }

  /** A person done with: the harness lets go of their chat's keyboards, its own and the transport's. */
  forget(chatId: number): void {
    this.keyboards.delete(chatId);
    this.transport.forgetChat(chatId);
  }
}

/**
 * The callback data of the button a press means: the one with the label, or the n-th of those offered
 * (navigation skipped, counted round). OffScript when the chat offers no such button.
 */
export function pressedData(chatId: number, markup: InlineKeyboardMarkup, action: { press: string } | { pressAt: number }, navigation: (data: string) => boolean): string {
  const buttons = markup.inline_keyboard.flat().flatMap((button) => ("callback_data" in button ? [{ text: button.text, data: button.callback_data }] : []));
  const offered = buttons.filter((button) => !navigation(button.data));
  const button = "press" in action ? buttons.find((candidate) => candidate.text === action.press) : offered[action.pressAt % offered.length];
  if (!button) throw new OffScript(`chat ${chatId}: no button ${JSON.stringify(action)} among ${buttons.map((b) => b.text).join(" | ")}`);
  return button.data;
}

export function milliseconds(nanoseconds: bigint): number {
  return Number(nanoseconds) / 1e6;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}
