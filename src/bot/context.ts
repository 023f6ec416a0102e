import type { ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { I18n } from "@grammyjs/i18n";
import type { Api, Context } from "grammy";
import type { Clock } from "../clock";
import type { Logger } from "../logger";
import type { ChannelName } from "../store/chat-key";
import type { Store } from "../store";
import type { StaffAlerts } from "./staff/staff-alerts";

/** Everything features need from outside grammY, built once in main and shared by every channel. */
export interface App {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** The folder of policy version files (data/policy): synced into the database at start. */
  policyDirectory: string;
  staffAlerts: StaffAlerts;
  i18n: I18n<DialogueContext>;
  /** Each running channel's Bot API, for messages the bot starts itself (policy notices). */
  channelApis: Map<ChannelName, Api>;
  staffChatId: number | undefined;
  timeZone: string;
}

export interface AppFlavor {
  app: App;
  /** The transport this update came through; features never ask which object carries it. */
  channel: ChannelName;
  log: Logger;
}

/** Context inside conversations: rebuilt on every replay, so it carries only plugins, no state. */
export type DialogueContext = Context & I18nFlavor & AppFlavor;

/** Context of the outside middleware tree. */
export type BotContext = ConversationFlavor<DialogueContext>;
