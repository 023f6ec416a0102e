import { Composer } from "grammy";
import { declineWithdrawData, withdrawData } from "../../domain/callback-data";
import type { BotContext } from "../context";
import { confirmationKeyboard, confirmedAccountId, dateOf, ownAccountId, patientActor, refuseConfirmation } from "../data-rights";

/**
 * /withdraw (policy §8): consent is withdrawn and processing stops at once. Upcoming bookings are
 * cancelled (staff told) and everything is erased except what the law obliges the fund to keep, the
 * consent records and the past visits, which stay blocked until the person consents again (the booking
 * dialogue asks before it collects anything).
 */
export const withdrawFeature = new Composer<BotContext>();
const feature = withdrawFeature.chatType("private");

feature.command("withdraw", async (ctx) => {
  const accountId = ownAccountId(ctx);
  if (!accountId) {
    await ctx.reply(ctx.t("data-rights-nothing-held"));
    return;
  }
  if (!hasConsent(ctx, accountId)) {
    await ctx.reply(alreadyWithdrawn(ctx, accountId));
    return;
  }
  await ctx.reply(ctx.t("withdraw-confirm"), {
    reply_markup: confirmationKeyboard(ctx, ctx.t("button-withdraw-yes"), withdrawData.pack({ accountId }), declineWithdrawData.data),
  });
});

feature.callbackQuery(withdrawData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  const accountId = confirmedAccountId(ctx, withdrawData.unpack(ctx.callbackQuery.data).accountId);
  if (!accountId) return refuseConfirmation(ctx);
  if (!hasConsent(ctx, accountId)) {
    await ctx.reply(alreadyWithdrawn(ctx, accountId));
    return;
  }
  const { bookings, accounts } = ctx.app.store;
  const before = bookings.allFor(accountId);
  const { cancelled } = ctx.app.services.withdrawal.withdraw(accountId, patientActor(accountId));
  const kept = bookings.allFor(accountId);
  ctx.log.info({ cancelled, keptVisits: kept.length }, "consent withdrawn by the patient");
  if (cancelled > 0) ctx.app.staffAlerts.kick();
  const keptPeople = new Set(kept.map((booking) => booking.patientId));
  await ctx.reply(
    ctx.t("withdraw-done", {
      cancelled,
      erasedBookings: before.length - kept.length,
      erasedPeople: new Set(before.map((booking) => booking.patientId).filter((patientId) => !keptPeople.has(patientId))).size,
      consents: accounts.consentHistory(accountId).length,
      visits: kept.length,
      keptPeople: keptPeople.size,
    }),
  );
});

feature.callbackQuery(declineWithdrawData.data, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("data-rights-kept"));
});

function hasConsent(ctx: BotContext, accountId: string): boolean {
  return ctx.app.store.accounts.currentConsent(accountId, "processing")?.granted === true;
}

function alreadyWithdrawn(ctx: BotContext, accountId: string): string {
  const withdrawnAt = ctx.app.store.accounts
    .consentHistory(accountId)
    .flatMap((consent) => (consent.purpose === "processing" && consent.withdrawnAt ? [consent.withdrawnAt] : []))
    .sort()
    .at(-1);
  return ctx.t("withdraw-already", { date: dateOf(ctx, withdrawnAt ?? ctx.app.clock.now().toISOString()) });
}
