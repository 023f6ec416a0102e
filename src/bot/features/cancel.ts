import { Composer } from "grammy";
import type { BotContext } from "../context";
import { BOOKING_CONVERSATION } from "../conversations/booking";

/**
 * /cancel leaves the booking dialogue at any step. It runs before the conversation sees the update
 * (grammY conversations: register it after `conversations()` and before `createConversation`), and
 * leaving the conversation deletes its stored state, which is the draft.
 */
export const cancelFeature = new Composer<BotContext>();

cancelFeature.command("cancel", async (ctx) => {
  if (ctx.conversation.active(BOOKING_CONVERSATION) > 0) {
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t("booking-cancelled"), { reply_markup: { remove_keyboard: true } });
    return;
  }
  await ctx.reply(ctx.t("nothing-to-cancel"));
});
