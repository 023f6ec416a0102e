import type { ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { ChatTypeContext, Context } from "grammy";
import type { App } from "../app";
import type { Logger } from "../logger";
import type { ChannelName } from "../domain/channel";

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

/** An update from a patient's private chat: every feature narrows itself to these. */
export type PrivateContext = ChatTypeContext<BotContext, "private">;
