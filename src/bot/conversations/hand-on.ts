import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context";

/** A dialogue that ended its run with this update to begin its next step as a new run (engine.ts). */
interface HandedOn {
  id: string;
  args: unknown[];
}

const handedOn = new WeakMap<BotContext, HandedOn>();

/** Called from inside a dialogue, on the update it is about to leave with `halt({ next: true })`. */
export function handOn(ctx: BotContext, dialogue: HandedOn): void {
  handedOn.set(ctx, dialogue);
}

/**
 * Installed after every dialogue, before anything else sees the update: begins the run a dialogue handed
 * on to, in the same update, so the person sees the next question as if nothing had ended. The
 * conversations plugin then stores the new run in place of the old one, in one write.
 */
export const beginHandedOnRuns: MiddlewareFn<BotContext> = async (ctx, next) => {
  const dialogue = handedOn.get(ctx);
  if (!dialogue) return next();
  handedOn.delete(ctx);
  await ctx.conversation.enter(dialogue.id, ...dialogue.args);
};
