import { Composer } from "grammy";
import { declineDeleteData, deleteData } from "../../domain/callback-data";
import type { BotContext } from "../context";
import { confirmationKeyboard, confirmedAccountId, ownAccountId, patientActor, refuseConfirmation } from "../data-rights";

/**
 * /delete (policy §8): after an explicit confirmation, everything about the person is erased; upcoming
 * bookings are cancelled first and the staff group told. The chat's language is erased too, so the
 * answer uses the language negotiated before the erasure (ctx.t keeps it for this update).
 */
export const deleteFeature = new Composer<BotContext>();
const feature = deleteFeature.chatType("private");

feature.command("delete", async (ctx) => {
  const accountId = ownAccountId(ctx);
  if (!accountId) {
    await ctx.reply(ctx.t("data-rights-nothing-held"));
    return;
  }
  await ctx.reply(ctx.t("delete-confirm"), {
    reply_markup: confirmationKeyboard(ctx, ctx.t("button-delete-yes"), deleteData.pack({ accountId }), declineDeleteData.data),
  });
});

feature.callbackQuery(deleteData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  const accountId = confirmedAccountId(ctx, deleteData.unpack(ctx.callbackQuery.data).accountId);
  if (!accountId) return refuseConfirmation(ctx);
  const { cancelled } = ctx.app.services.erasure.eraseAccount(ctx.channel, ctx.chat.id, patientActor(accountId));
  ctx.log.info({ cancelled }, "data erased at the patient's request");
  if (cancelled > 0) ctx.app.staffAlerts.kick();
  const lines = [ctx.t("delete-done"), ...(cancelled > 0 ? [ctx.t("delete-cancelled", { count: cancelled })] : []), ctx.t("delete-again")];
  await ctx.reply(lines.join("\n"));
});

feature.callbackQuery(declineDeleteData.data, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("data-rights-kept"));
});
