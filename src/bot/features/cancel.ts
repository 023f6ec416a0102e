import { Composer } from "grammy";
import type { BotContext } from "../context";
import { DIALOGUES } from "../conversations/dialogues";

/**
 * /cancel leaves the running dialogue (booking or correction) at any step. It runs before the
 * conversation sees the update (grammY conversations: register it after `conversations()` and before
 * `createConversation`), and leaving the conversation deletes its stored state, which is the draft.
 */
export const cancelFeature = new Composer<BotContext>();
const feature = cancelFeature.chatType("private");

feature.command("cancel", async (ctx) => {
  const running = DIALOGUES.find((dialogue) => ctx.conversation.active(dialogue.id) > 0);
  if (running) {
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t(running.texts.cancelled), { reply_markup: { remove_keyboard: true } });
    return;
  }
  await ctx.reply(ctx.t("nothing-to-cancel"));
});
