import { Composer } from "grammy";
import { blockData, declineBlockData, unblockData } from "../../domain/callback-data";
import type { BotContext } from "../context";
import { confirmationKeyboard, confirmedAccountId, dateOf, ownAccountId, patientActor, refuseConfirmation } from "../data-rights";

/**
 * /block (policy §8): restricts processing. The data stays and is shown to its owner, but nothing uses
 * it: the booking dialogue refuses (`processing-blocked`), and no reminders or notices go out. The same
 * command lifts the person's own block; a block the fund set, or one a withdrawal left, is explained.
 */
export const blockFeature = new Composer<BotContext>();
const feature = blockFeature.chatType("private");

feature.command("block", async (ctx) => {
  const accountId = ownAccountId(ctx);
  if (!accountId) {
    await ctx.reply(ctx.t("data-rights-nothing-held"));
    return;
  }
  const block = ctx.app.store.accounts.blockOf(accountId);
  if (!block) {
    await ctx.reply(withUpcoming(ctx, accountId, ctx.t("block-confirm")), {
      reply_markup: confirmationKeyboard(ctx, ctx.t("button-block-yes"), blockData.pack({ accountId }), declineBlockData.data),
    });
  } else if (block.blockedBy === "patient") {
    await ctx.reply(ctx.t("unblock-confirm", { date: dateOf(ctx, block.blockedAt) }), {
      reply_markup: confirmationKeyboard(ctx, ctx.t("button-unblock-yes"), unblockData.pack({ accountId }), declineBlockData.data),
    });
  } else {
    await ctx.reply(blockNotOurs(ctx, block));
  }
});

feature.callbackQuery(blockData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  const accountId = confirmedAccountId(ctx, blockData.unpack(ctx.callbackQuery.data).accountId);
  if (!accountId) return refuseConfirmation(ctx);
  if (ctx.app.services.blocking.setBlocked(accountId, true, "patient", patientActor(accountId))) {
    ctx.log.info("processing blocked by the patient");
    await ctx.reply(withUpcoming(ctx, accountId, ctx.t("block-done")));
    return;
  }
  const block = ctx.app.store.accounts.blockOf(accountId)!;
  await ctx.reply(block.blockedBy === "patient" ? ctx.t("block-already") : blockNotOurs(ctx, block));
});

feature.callbackQuery(unblockData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  const accountId = confirmedAccountId(ctx, unblockData.unpack(ctx.callbackQuery.data).accountId);
  if (!accountId) return refuseConfirmation(ctx);
  if (ctx.app.services.blocking.setBlocked(accountId, false, "patient", patientActor(accountId))) {
    ctx.log.info("processing unblocked by the patient");
    await ctx.reply(ctx.t("unblock-done"));
    return;
  }
  const block = ctx.app.store.accounts.blockOf(accountId);
  await ctx.reply(block ? blockNotOurs(ctx, block) : ctx.t("unblock-already"));
});

feature.callbackQuery(declineBlockData.data, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("data-rights-kept"));
});

/** Upcoming bookings stay when processing is blocked: the person is told, and where to cancel them. */
function withUpcoming(ctx: BotContext, accountId: string, text: string): string {
  const upcoming = ctx.app.store.bookings.upcomingFor(accountId).length;
  return upcoming > 0 ? `${text}\n${ctx.t("block-upcoming", { count: upcoming })}` : text;
}

function blockNotOurs(ctx: BotContext, block: { blockedAt: string; blockedBy: "patient" | "withdrawal" | "admin" }): string {
  const date = dateOf(ctx, block.blockedAt);
  return block.blockedBy === "admin"
    ? ctx.t("block-by-admin", { date, phone: ctx.app.store.catalog.clinic().phone })
    : ctx.t("block-by-withdrawal", { date });
}
