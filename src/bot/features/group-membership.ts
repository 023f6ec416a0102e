import { Composer } from "grammy";
import type { BotContext } from "../context";

/**
 * How staff find STAFF_CHAT_ID: add the bot to the group and read this line in the log. It is the one
 * thing the bot reads from any group; the staff group's feature reads STAFF_CHAT_ID alone, and every
 * other feature and plugin sees private chats only.
 */
export const groupMembershipFeature = new Composer<BotContext>();

groupMembershipFeature.on("my_chat_member", (ctx) => {
  if (ctx.chat.type !== "private") ctx.log.info({ chatId: ctx.chat.id, chatType: ctx.chat.type }, "bot added to or removed from a group");
});
