import { Composer } from "grammy";
import { reminderComeData } from "../../domain/callback-data";
import { formatDay, formatTime } from "../../domain/format";
import type { BotContext } from "../context";
import { markAnswered } from "../answered-buttons";
import { localeOf } from "../i18n";

/**
 * The buttons under a reminder (src/services/reminders.ts). "I'll come" records the booking as confirmed
 * and is answered once; "Cancel" is /appointments' own button, which asks before cancelling.
 */
export const remindersFeature = new Composer<BotContext>();
const feature = remindersFeature.chatType("private");

feature.callbackQuery(reminderComeData.trigger, async (ctx) => {
  const accountId = ctx.app.store.accounts.findAccountId(ctx.channel, ctx.chat.id);
  const { bookingId } = reminderComeData.unpack(ctx.callbackQuery.data);
  const outcome = accountId ? ctx.app.services.bookings.confirm(accountId, bookingId) : undefined;
  if (outcome?.ok && outcome.repeated) {
    await ctx.answerCallbackQuery({ text: ctx.t("reminder-already-confirmed") });
    return;
  }
  await ctx.answerCallbackQuery();
  await markAnswered(ctx, ctx.t("button-reminder-come"));
  if (!outcome?.ok) {
    await ctx.reply(ctx.t(outcome?.reason === "already_cancelled" ? "appointment-already-cancelled" : outcome?.reason === "past" ? "reminder-past" : "appointment-not-found"));
    return;
  }
  ctx.log.info({ bookingId }, "booking confirmed by the patient");
  ctx.app.staffAlerts.kick();
  const locale = await localeOf(ctx);
  await ctx.reply(
    ctx.t("reminder-confirmed", {
      date: formatDay(outcome.booking.startsAt, locale, ctx.app.timeZone),
      time: formatTime(outcome.booking.startsAt, locale, ctx.app.timeZone),
    }),
  );
});
