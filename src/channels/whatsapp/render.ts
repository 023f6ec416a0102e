import type { InlineKeyboardButton, KeyboardButton, MessageEntity } from "grammy/types";
import { backData, cancelData } from "../../domain/callback-data";
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
export function offersChoice(options: Option[]): boolean {
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
 * option; text equal to an option's label (ignoring case, emoji and punctuation) picks it too.
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
  if (distinct.size > 1 || offersChoice(options)) return { kind: "choose-number" };
  return { kind: "text" };
}

/** "✅ Согласен(на)" and "согласен (на)" compare equal; so do "14:00" and "14.00". */
function comparable(label: string): string {
  return label
    .normalize("NFC")
    .toLocaleLowerCase("ru")
    .replaceAll("ё", "е")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Telegram formatting → WhatsApp formatting
// ---------------------------------------------------------------------------------------------

const MARKERS: Partial<Record<MessageEntity["type"], [string, string]>> = {
  bold: ["*", "*"],
  italic: ["_", "_"],
  strikethrough: ["~", "~"],
  code: ["`", "`"],
  pre: ["```\n", "\n```"],
};

/**
 * Telegram formatting (entities, HTML or Markdown) as WhatsApp writes it: *bold*, _italic_,
 * ~strikethrough~, `code` and ```blocks```; links become "text (url)"; what WhatsApp cannot show
 * (underline, spoilers) becomes plain text. Plain text is passed through untouched.
 */
export function toWhatsAppText(text: string, parseMode?: string, entities?: MessageEntity[]): string {
  if (entities && entities.length > 0) return applyEntities(text, entities);
  switch (parseMode?.toLowerCase()) {
    case "html":
      return fromHtml(text);
    case "markdownv2":
      return fromMarkdown(text, true);
    case "markdown":
      return fromMarkdown(text, false);
    default:
      return text;
  }
}

interface Insertion {
  at: number;
  text: string;
  closing: boolean;
}

/** Offsets are in UTF-16 code units, as in JavaScript strings. */
function applyEntities(text: string, entities: MessageEntity[]): string {
  const insertions: Insertion[] = [];
  for (const entity of entities) {
    let start = entity.offset;
    let end = entity.offset + entity.length;
    if (entity.type === "text_link") {
      insertions.push({ at: end, text: ` (${entity.url})`, closing: true });
      continue;
    }
    const markers = MARKERS[entity.type];
    if (!markers) continue;
    // WhatsApp only formats when the markers touch the text: "*bold*", never "* bold *".
    while (start < end && /\s/.test(text[start]!)) start += 1;
    while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
    if (start === end) continue;
    insertions.push({ at: start, text: markers[0], closing: false }, { at: end, text: markers[1], closing: true });
  }
  // Closings before openings at the same place, so that "*a*_b_" never becomes "*a_*b_".
  insertions.sort((a, b) => a.at - b.at || Number(b.closing) - Number(a.closing));
  let result = "";
  let position = 0;
  for (const insertion of insertions) {
    result += text.slice(position, insertion.at) + insertion.text;
    position = insertion.at;
  }
  return result + text.slice(position);
}

const HTML_TAGS: Record<string, [string, string]> = {
  b: ["*", "*"],
  strong: ["*", "*"],
  i: ["_", "_"],
  em: ["_", "_"],
  s: ["~", "~"],
  strike: ["~", "~"],
  del: ["~", "~"],
  code: ["`", "`"],
  pre: ["```\n", "\n```"],
};

/** Telegram's HTML subset: the tags it allows, and its four entities plus numeric ones. */
function fromHtml(html: string): string {
  const links: string[] = [];
  let insidePre = false;
  const converted = html.replace(/<(\/?)([a-z-]+)([^>]*)>/gi, (_tag, closing: string, name: string, attributes: string) => {
    const tag = name.toLowerCase();
    if (tag === "a") {
      if (!closing) {
        links.push(/href\s*=\s*"([^"]*)"/i.exec(attributes)?.[1] ?? "");
        return "";
      }
      const url = links.pop();
      return url ? ` (${decodeHtml(url)})` : "";
    }
    if (tag === "code" && insidePre) return "";
    if (tag === "pre") insidePre = !closing;
    const markers = HTML_TAGS[tag];
    return markers ? (closing ? markers[1] : markers[0]) : "";
  });
  return decodeHtml(converted);
}

function decodeHtml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|#(\d+)|#x([0-9a-f]+));/gi, (entity, name: string, decimal?: string, hex?: string) => {
    if (decimal) return String.fromCodePoint(Number(decimal));
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    return { lt: "<", gt: ">", amp: "&", quot: '"' }[name.toLowerCase()] ?? entity;
  });
}

/**
 * Markdown: *bold*, _italic_, `code` and ```blocks``` are already WhatsApp's; links become
 * "text (url)". In MarkdownV2, ~strike~ is too, __underline__ and ||spoilers|| lose their
 * markers, and backslash escapes are removed.
 */
function fromMarkdown(text: string, v2: boolean): string {
  let result = text.replace(/\[([^\]]*)\]\(([^)]*)\)/g, (_link, label: string, url: string) => `${label} (${url})`);
  if (v2) {
    result = result.replace(/__(.+?)__/gs, "$1").replace(/\|\|(.+?)\|\|/gs, "$1").replace(/\\([\x21-\x7e])/g, "$1"); // any ASCII character may be escaped
  }
  return result;
}
