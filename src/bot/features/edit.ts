import { Composer } from "grammy";
import type { BotContext } from "../context";
import { EDIT_CONVERSATION } from "../conversations/edit";

/**
 * /edit: correct the name, phone or IIN of a person the account booked for (policy §8). While another
 * dialogue is running, that dialogue answers the command itself, so only one is ever active.
 */
export const editFeature = new Composer<BotContext>();
const feature = editFeature.chatType("private");

feature.command("edit", async (ctx) => {
  await ctx.conversation.enter(EDIT_CONVERSATION);
});
