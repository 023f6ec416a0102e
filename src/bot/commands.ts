import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { App } from "../app";
import { LOCALES, type Locale } from "../domain/locale";

const COMMANDS = ["start", "book", "appointments", "cancel", "policy", "mydata", "edit", "block", "delete", "withdraw", "lang", "help"] as const;

export function commandMenu(app: App, locale: Locale): BotCommand[] {
  return COMMANDS.map((command) => ({ command, description: app.i18n.t(locale, `command-${command}`) }));
}

const STAFF_COMMANDS = ["today", "tomorrow", "day"] as const;

/** The staff group's own menu, in STAFF_LOCALE: the day lists. */
export function staffCommandMenu(app: App): BotCommand[] {
  return STAFF_COMMANDS.map((command) => ({ command, description: app.staffTexts.t(`command-staff-${command}`) }));
}

/**
 * The command menu in Russian by default and in Kazakh for Kazakh-language Telegram clients; in the
 * staff group, only the staff's commands (a menu scoped to that one chat).
 */
export async function registerCommands(api: Api, app: App): Promise<void> {
  const scope = { type: "all_private_chats" } as const;
  await api.setMyCommands(commandMenu(app, "ru"), { scope });
  for (const locale of LOCALES) await api.setMyCommands(commandMenu(app, locale), { scope, language_code: locale });
  if (app.staffChatId !== undefined) await api.setMyCommands(staffCommandMenu(app), { scope: { type: "chat", chat_id: app.staffChatId } });
}
