import { Composer, type MiddlewareFn } from "grammy";
import { chatKey } from "../../domain/channel";
import { DRAFT_TIMEOUT_MS } from "../../domain/drafts";
import type { BotContext } from "../context";
import { DIALOGUES } from "../conversations/dialogues";
import { wasLeftOnPurpose } from "../left-dialogues";

/** The dialogues each update found running, before they saw it. */
const runningBefore = new WeakMap<BotContext, string[]>();

/** Notes which dialogues are running when an update arrives; installed before the dialogues. */
export const noteRunningDialogues: MiddlewareFn<BotContext> = (ctx, next) => {
  if (ctx.chat?.type === "private") runningBefore.set(ctx, DIALOGUES.filter((dialogue) => ctx.conversation.active(dialogue.id) > 0).map((dialogue) => dialogue.id));
  return next();
};

/**
 * A dialogue left untouched for DRAFT_TIMEOUT_MS is deleted with what was typed in it: by the
 * conversations plugin when the person returns first (it halts the dialogue and passes the update on),
 * or by the hourly purge, which leaves a mark without content. Whoever comes back is told why their
 * unfinished booking is gone and how to start again, instead of an unexplained "button no longer
 * works". A command then goes on to its feature (/book starts afresh); anything else stops here.
 */
export const draftExpiryFeature = new Composer<BotContext>();
draftExpiryFeature.chatType("private").use(async (ctx, next) => {
  const expired = timedOut(ctx) ?? purged(ctx);
  if (!expired) return next();
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t(expired.texts.expired, { hours: DRAFT_TIMEOUT_MS / 3_600_000 }), { reply_markup: { remove_keyboard: true } });
  if (ctx.message?.text?.startsWith("/")) await next();
});

/**
 * A dialogue running when the update came and gone after it, not left on purpose with this update: the
 * plugin's own timeout halted it.
 */
function timedOut(ctx: BotContext) {
  if (wasLeftOnPurpose(ctx)) return undefined;
  return DIALOGUES.find((dialogue) => runningBefore.get(ctx)?.includes(dialogue.id) && ctx.conversation.active(dialogue.id) === 0);
}

/** A draft the hourly purge deleted, by the mark it left. */
function purged(ctx: BotContext) {
  const dialogues = ctx.app.store.conversationStates.takeExpiredDraftMark(chatKey(ctx.channel, ctx.chat!.id));
  if (!dialogues) return undefined;
  return DIALOGUES.find((dialogue) => dialogues.includes(dialogue.id)) ?? DIALOGUES[0];
}
