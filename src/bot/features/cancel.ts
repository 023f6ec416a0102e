import { Composer } from "grammy";
import type { BotContext } from "../context";
import { BOOKING_CONVERSATION, BOOKING_TEXTS } from "../conversations/booking";
import type { DialogueTexts } from "../conversations/dialogue";
import { EDIT_CONVERSATION, EDIT_TEXTS } from "../conversations/edit";

/** Every scripted dialogue /cancel can leave, with what each says on leaving. */
const DIALOGUES: { id: string; texts: DialogueTexts }[] = [
  { id: BOOKING_CONVERSATION, texts: BOOKING_TEXTS },
  { id: EDIT_CONVERSATION, texts: EDIT_TEXTS },
];

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
