import { createInterface, type Interface } from "node:readline";
import type { InlineKeyboardButton, KeyboardButton } from "grammy/types";
import { createBot } from "../bot";
import type { App } from "../app";
import type { ChannelEnd, RunningChannel } from "./channel";
import { localBotInfo } from "./local-bot-api";
import { LocalTransport, type LocalUser, type OutboundMessage } from "./local-transport";

const CONSOLE_USER: LocalUser = { id: 100_001, firstName: "Console" };

/** "gone": the buttons of a message answered since; its numbers stay taken so that the others keep theirs. */
type Option = { kind: "callback"; messageId: number; data: string } | { kind: "text"; text: string } | { kind: "contact" } | { kind: "gone" };

/**
 * The whole dialogue in a terminal, for trying the bot without any token: the bot's buttons are
 * printed as numbered options and the person answers with the number or with text.
 */
export async function startConsole(app: App, input = process.stdin, output = process.stdout): Promise<RunningChannel> {
  let options: Option[] = [];
  // The options of all messages of one reply are numbered on, as on WhatsApp: /appointments' second
  // booking's buttons are 3) and 4), not a second 1) and 2) that would hide the first ones.
  let replyStarts = true;
  const write = (text: string): void => {
    output.write(`${text}\n`);
  };
  const transport = new LocalTransport({
    channel: "console",
    clock: app.clock,
    deliver: (message) => {
      if (message.chatId !== CONSOLE_USER.id) {
        write(`\n┌─ staff group ${message.chatId}\n${indent(message.text, "│ ")}\n└─`);
        return;
      }
      const numbered = optionsOf(message);
      if (numbered.length > 0 || message.replyMarkup) {
        if (replyStarts) options = [];
        replyStarts = false;
      }
      const first = options.length;
      options = [...options, ...numbered];
      write(`\n${message.text}`);
      if (message.document) write(`[file: ${message.document.filename}, ${message.document.bytes.length} bytes]`);
      numbered.forEach((_option, index) => write(`  ${first + index + 1}) ${labelOf(message, index)}`));
    },
    notify: (_chatId, text) => {
      write(`  (${text})`);
    },
    withdrawButtons: (_chatId, messageId) => {
      options = options.map((option): Option => (option.kind === "callback" && option.messageId === messageId ? { kind: "gone" } : option));
    },
  });
  const bot = createBot(app, { token: "console", channel: "console", botInfo: localBotInfo("console"), client: { fetch: transport.fetch } });
  app.staffAlerts.attach(bot.api);
  app.channelApis.set("console", bot.api);

  const lines = createInterface({ input, output, terminal: false });
  let awaitingContact = false;
  let queue = Promise.resolve();
  const handle = async (line: string) => {
    const typed = line.trim();
    if (!typed) return;
    replyStarts = true;
    try {
      await answer(typed);
    } finally {
      // What the bot sends on its own later (a reminder) is a reply of its own.
      replyStarts = true;
    }
  };
  const answer = async (typed: string) => {
    if (awaitingContact) {
      awaitingContact = false;
      await bot.handleUpdate(transport.contactUpdate(CONSOLE_USER, typed, CONSOLE_USER.id));
      return;
    }
    const chosen = /^\d+$/.test(typed) ? options[Number(typed) - 1] : undefined;
    if (chosen?.kind === "contact") {
      awaitingContact = true;
      output.write("  phone number to share: ");
    } else if (chosen?.kind === "callback") {
      await bot.handleUpdate(transport.callbackUpdate(CONSOLE_USER, chosen.messageId, chosen.data));
    } else {
      await bot.handleUpdate(transport.textUpdate(CONSOLE_USER, chosen?.kind === "text" ? chosen.text : typed));
    }
  };
  lines.on("line", (line) => {
    queue = queue.then(() => handle(line)).catch((error: unknown) => app.logger.error({ message: (error as Error).message }, "console input failed"));
  });
  const ended = new Promise<ChannelEnd>((resolve) =>
    lines.once("close", () => void queue.then(() => resolve({ reason: "the console input closed", exitCode: 0 }))),
  );
  write("Console channel: you are a patient talking to the bot. Type /start; answer with an option's number or with text. Ctrl+C quits.");
  return { name: "console", stop: () => closeLines(lines), ended };
}

function optionsOf(message: OutboundMessage): Option[] {
  const markup = message.replyMarkup;
  if (!markup) return [];
  if ("inline_keyboard" in markup) {
    return markup.inline_keyboard.flat().flatMap((button: InlineKeyboardButton) =>
      "callback_data" in button ? [{ kind: "callback", messageId: message.messageId, data: button.callback_data }] : [],
    );
  }
  if ("keyboard" in markup) {
    return markup.keyboard.flat().map((button: KeyboardButton) =>
      typeof button === "string" ? { kind: "text", text: button } : "request_contact" in button ? { kind: "contact" } : { kind: "text", text: button.text },
    );
  }
  return [];
}

function labelOf(message: OutboundMessage, index: number): string {
  const markup = message.replyMarkup!;
  const buttons = "inline_keyboard" in markup ? markup.inline_keyboard.flat() : "keyboard" in markup ? markup.keyboard.flat() : [];
  const button = buttons[index]!;
  return typeof button === "string" ? button : button.text;
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
}

function closeLines(lines: Interface): Promise<void> {
  lines.close();
  return Promise.resolve();
}
