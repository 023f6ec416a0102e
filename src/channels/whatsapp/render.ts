import type { InlineKeyboardButton, KeyboardButton } from "grammy/types";
import { backData, cancelData } from "../../domain/callback-data";
import { comparable, matchTypedChoice } from "../../domain/typed-choice";
import type { OutboundMessage } from "../local-transport";

/**
 * WhatsApp has no buttons for ordinary accounts (buttons and list messages are not delivered):
 * every keyboard becomes a numbered list, and the answer "2" becomes the second button's press.
 */

/** What answering with an option's number does, the way Telegram would carry out the button. */
export type Option =
  | { kind: "callback"; label: string; messageId: number; data: string }
  | { kind: "text"; label: string; text: string }
  | { kind: "contact"; label: string; phone: string };

/**
 * The options a message offers, in the order Telegram shows its buttons. A "share my number" button
 * becomes an option only when the sender's own number is known (`ownPhone`); otherwise the person
 * types the number like any other answer.
 */
export function optionsOf(message: OutboundMessage, ownPhone: string | undefined, contactLabel: (phone: string) => string): Option[] {
  const markup = message.replyMarkup;
  if (!markup) return [];
  if ("inline_keyboard" in markup) {
    return markup.inline_keyboard.flat().flatMap((button: InlineKeyboardButton): Option[] =>
      "callback_data" in button ? [{ kind: "callback", label: button.text, messageId: message.messageId, data: button.callback_data }] : [],
    );
  }
  if ("keyboard" in markup) {
    return markup.keyboard.flat().flatMap((button: KeyboardButton): Option[] => {
      if (typeof button === "string") return [{ kind: "text", label: button, text: button }];
      if ("request_contact" in button && button.request_contact) {
        return ownPhone ? [{ kind: "contact", label: contactLabel(ownPhone), phone: ownPhone }] : [];
      }
      return [{ kind: "text", label: button.text, text: button.text }];
    });
  }
  return [];
}

/** The text, then one "N. label" line per option, numbered from `first`. */
export function renderWithOptions(text: string, options: Option[], first: number): string {
  if (options.length === 0) return text;
  const list = options.map((option, index) => `${first + index}. ${option.label}`).join("\n");
  return text ? `${text}\n\n${list}` : list;
}

/** A step that offers real choices (not only Back / Cancel next to a typed answer). */
function offersChoice(options: Option[]): boolean {
  return options.some((option) => option.kind === "callback" && !backData.is(option.data) && !cancelData.is(option.data));
}

export type Interpretation =
  | { kind: "option"; option: Option }
  /** A number that is no option, a choice step answered with other text, or a label shared by options. */
  | { kind: "choose-number" }
  | { kind: "text" };

/** "2", "2." or "2)" with up to three digits: an IIN or a phone number is never read as an option. */
const OPTION_NUMBER = /^(\d{1,3})[.)]?$/;

/**
 * Reads an answer against the options on offer: a command is always a command; a number picks that
 * option; text equal to an option's label (ignoring case, emoji and punctuation), or naming only one
 * ("педиатр"), picks it too.
 * Anything else is a typed answer, unless the step offers only choices.
 */
export function interpretAnswer(typed: string, options: Option[]): Interpretation {
  const text = typed.trim();
  if (text.startsWith("/") || options.length === 0) return { kind: "text" };
  const number = OPTION_NUMBER.exec(text);
  if (number) {
    const option = options[Number(number[1]) - 1];
    if (option) return { kind: "option", option };
    return offersChoice(options) ? { kind: "choose-number" } : { kind: "text" };
  }
  const wanted = comparable(text);
  const matches = wanted ? options.filter((option) => comparable(option.label) === wanted) : [];
  const distinct = new Set(matches.map((option) => JSON.stringify({ ...option, label: undefined })));
  if (distinct.size === 1) return { kind: "option", option: matches[0]! };
  const named = distinct.size === 0 ? matchTypedChoice(text, options.map((option) => option.label)) : undefined;
  if (named?.kind === "option") return { kind: "option", option: options[named.index]! };
  if (distinct.size > 1 || offersChoice(options)) return { kind: "choose-number" };
  return { kind: "text" };
}

