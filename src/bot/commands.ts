import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { App } from "../app";
import { LOCALES, type Locale } from "../domain/locale";

const COMMANDS = ["start", "book", "appointments", "cancel", "policy", "mydata", "edit", "block", "delete", "withdraw", "lang", "help"] as const;

export function commandMenu(app: App, locale: Locale): BotCommand[] {
  return COMMANDS.map((command) => ({ command, description: app.i18n.t(locale, `command-${command}`) }));
}

/** The command menu in Russian by default and in Kazakh for Kazakh-language Telegram clients. */
export async function registerCommands(api: Api, app: App): Promise<void> {
  const scope = { type: "all_private_chats" } as const;
  await api.setMyCommands(commandMenu(app, "ru"), { scope });
  for (const locale of LOCALES) await api.setMyCommands(commandMenu(app, locale), { scope, language_code: locale });
}
