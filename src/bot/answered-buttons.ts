import { GrammyError, InlineKeyboard, type MiddlewareFn } from "grammy";
import type { InlineKeyboardMarkup, MaybeInaccessibleMessage } from "grammy/types";
import type { BotContext, DialogueContext } from "./context";

/**
 * A question is answered once. Its buttons are then replaced by a mark of the answer, and a press of a
 * button its message no longer shows (a second tap that raced the edit, a stale client, a forged
 * update) acts on nothing. Telegram carries the message's buttons as they stand on every press.
 */
export const refuseWithdrawnButtons: MiddlewareFn<BotContext> = async (ctx, next) => {
  const query = ctx.callbackQuery;
  if (query?.data === undefined || !query.message || !isWithdrawn(query.message, query.data)) return next();
  await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
};

function isWithdrawn(message: MaybeInaccessibleMessage, data: string): boolean {
  // A message Telegram no longer gives (date 0) cannot be checked; the handlers' own checks apply.
  if (message.date === 0 || !("chat" in message)) return false;
  const keyboard = (message as { reply_markup?: InlineKeyboardMarkup }).reply_markup;
  return !keyboard?.inline_keyboard.flat().some((button) => "callback_data" in button && button.callback_data === data);
}

/** "✅ Подтвердить" is marked "✓ Подтвердить", not "✓ ✅ Подтвердить". */
const LEADING_EMOJI = /^[\p{Extended_Pictographic}\uFE0F\s]+/u;

/**
 * The pressed message keeps its text and, instead of its buttons, a mark of the one chosen. The mark
 * carries the same answer: should the bot stop between this edit and its reply, pressing the mark
 * gives the answer again (every answer may be given twice); once the dialogue has moved on, it is an
 * old message's button like any other.
 */
export async function markAnswered(ctx: DialogueContext, label: string): Promise<void> {
  const data = ctx.callbackQuery?.data;
  if (data === undefined) return;
  await withdraw(ctx, new InlineKeyboard().text(ctx.t("button-answered", { label: label.replace(LEADING_EMOJI, "") }), data));
}

/** A question answered by typing loses its buttons (Back, Cancel): they belong to the moment it was asked. */
export async function removeButtons(ctx: DialogueContext, messageId: number): Promise<void> {
  try {
    await ctx.api.editMessageReplyMarkup(ctx.chat!.id, messageId);
  } catch (error) {
    ignoreUneditable(error);
  }
}

async function withdraw(ctx: DialogueContext, keyboard: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageReplyMarkup({ reply_markup: keyboard });
  } catch (error) {
    ignoreUneditable(error);
  }
}

/** "Message is not modified", or a message too old to edit: the answer itself stands either way. */
function ignoreUneditable(error: unknown): void {
  if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
}
