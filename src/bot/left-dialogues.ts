import type { BotContext } from "./context";

/**
 * The updates with which the person left a dialogue on purpose, handing the update on to what they
 * asked for (/book afresh, /appointments): the draft-expiry notice must not take that for a timeout.
 */
const leftOnPurpose = new WeakSet<BotContext>();

export function markLeftOnPurpose(ctx: BotContext): void {
  leftOnPurpose.add(ctx);
}

export function wasLeftOnPurpose(ctx: BotContext): boolean {
  return leftOnPurpose.has(ctx);
}
