import { Composer, InlineKeyboard } from "grammy";
import { declineOfferData, leaveWaitlistData, takeOfferData } from "../../domain/callback-data";
import { formatDateTime, formatDay, formatTime } from "../../domain/format";
import type { TakeOutcome } from "../../services/waitlist";
import type { BotContext, PrivateContext } from "../context";
import { markAnswered } from "../answered-buttons";
import { localeOf } from "../i18n";
import { blockedMessageKey, policyInForceNow } from "../replies";
import { mustAcceptNewPolicyFirst } from "./policy-update";

/**
 * The waiting list outside the dialogue: "Take it" and "No, thanks" under an offer of a freed time
 * (src/services/waitlist.ts sends them), and the person's entries in /appointments with a way to leave.
 */
export const waitlistFeature = new Composer<BotContext>();
const feature = waitlistFeature.chatType("private");

/** The account's waiting entries, each with "Leave"; /appointments shows them after the bookings. Returns whether there were any. */
export async function replyWithWaitingEntries(ctx: PrivateContext, accountId: string | undefined): Promise<boolean> {
  const entries = accountId ? ctx.app.store.waitlist.waitingOf(accountId) : [];
  if (!accountId || entries.length === 0) return false;
  const locale = await localeOf(ctx);
  const { catalog, patients } = ctx.app.store;
  await ctx.reply(ctx.t("waitlist-heading"));
  for (const entry of entries) {
    const text = ctx.t("waitlist-item", {
      service: catalog.service(entry.serviceId)?.name[locale] ?? "",
      doctor: entry.doctorId === null ? ctx.t("waitlist-any-doctor") : (catalog.doctor(entry.doctorId)?.name[locale] ?? ""),
      patient: patients.personFor(accountId, entry.patientId).fullName,
      until: formatDay(entry.untilDay, locale, ctx.app.timeZone),
    });
    await ctx.reply(text, { reply_markup: new InlineKeyboard().text(ctx.t("button-waitlist-leave"), leaveWaitlistData.pack({ entryId: entry.id })) });
  }
  return true;
}

feature.callbackQuery(takeOfferData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  const accountId = ctx.app.store.accounts.findAccountId(ctx.channel, ctx.chat.id);
  if (await mustAcceptNewPolicyFirst(ctx, accountId)) return;
  // The mark keeps the same data: pressed again (a lost reply), it finds the one booking and says so.
  await markAnswered(ctx, ctx.t("button-waitlist-take"));
  const { offerId } = takeOfferData.unpack(ctx.callbackQuery.data);
  const outcome = accountId ? ctx.app.services.waitlist.take(accountId, offerId, policyInForceNow(ctx.app).version) : undefined;
  if (outcome?.ok && !outcome.repeated) {
    ctx.log.info({ bookingId: outcome.booking.id }, "a waiting-list offer was taken");
    ctx.app.staffAlerts.kick();
  }
  await replyToTake(ctx, accountId, outcome);
});

feature.callbackQuery(declineOfferData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  await markAnswered(ctx, ctx.t("button-waitlist-decline"));
  const accountId = ctx.app.store.accounts.findAccountId(ctx.channel, ctx.chat.id);
  const { offerId } = declineOfferData.unpack(ctx.callbackQuery.data);
  const outcome = accountId ? ctx.app.services.waitlist.decline(accountId, offerId) : undefined;
  await ctx.reply(ctx.t(outcome?.ok ? "waitlist-declined" : "waitlist-offer-not-found"));
});

feature.callbackQuery(leaveWaitlistData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  await markAnswered(ctx, ctx.t("button-waitlist-leave"));
  const accountId = ctx.app.store.accounts.findAccountId(ctx.channel, ctx.chat.id);
  const { entryId } = leaveWaitlistData.unpack(ctx.callbackQuery.data);
  const outcome = accountId ? ctx.app.services.waitlist.leave(accountId, entryId) : undefined;
  if (!outcome?.ok) {
    await ctx.reply(ctx.t("waitlist-entry-gone"));
    return;
  }
  const locale = await localeOf(ctx);
  await ctx.reply(ctx.t("waitlist-left", { service: ctx.app.store.catalog.service(outcome.entry.serviceId)?.name[locale] ?? "" }));
});

async function replyToTake(ctx: PrivateContext, accountId: string | undefined, outcome: TakeOutcome | undefined): Promise<void> {
  if (!accountId || !outcome) {
    await ctx.reply(ctx.t("waitlist-offer-not-found"));
    return;
  }
  const locale = await localeOf(ctx);
  const { catalog } = ctx.app.store;
  const { timeZone } = ctx.app;
  if (outcome.ok && outcome.sessions) {
    const sessions = outcome.sessions.map((session) =>
      ctx.t("course-booked-session", { number: session.course?.number ?? 1, when: formatDateTime(session.startsAt, locale, timeZone), booking: session.number }),
    );
    const taken = ctx.t("waitlist-taken-course", {
      service: catalog.service(outcome.booking.serviceId)?.name[locale] ?? "",
      doctor: catalog.doctor(outcome.booking.doctorId)?.name[locale] ?? "",
      patient: outcome.booking.patientName,
      sessions: sessions.join("\n"),
    });
    await ctx.reply(outcome.repeated ? `${ctx.t("booked-already")}\n${taken}` : taken);
    return;
  }
  if (outcome.ok) {
    const { booking } = outcome;
    const taken = ctx.t("waitlist-taken", {
      number: booking.number,
      date: formatDay(booking.startsAt, locale, timeZone),
      time: formatTime(booking.startsAt, locale, timeZone),
      service: catalog.service(booking.serviceId)?.name[locale] ?? "",
      doctor: catalog.doctor(booking.doctorId)?.name[locale] ?? "",
      patient: booking.patientName,
    });
    await ctx.reply(outcome.repeated ? `${ctx.t("booked-already")}\n${taken}` : taken);
    return;
  }
  switch (outcome.reason) {
    case "blocked":
      await ctx.reply(ctx.t(blockedMessageKey(ctx.app.store.accounts.blockOf(accountId)?.blockedBy)));
      return;
    case "no_consent":
      await ctx.reply(ctx.t("consent-missing"));
      return;
    case "overlap": {
      const { existing } = outcome;
      await ctx.reply(
        ctx.t("waitlist-offer-refused-overlap", {
          name: existing.patientName,
          date: formatDay(existing.startsAt, locale, timeZone),
          time: formatTime(existing.startsAt, locale, timeZone),
          service: catalog.service(existing.serviceId)?.name[locale] ?? "",
        }),
      );
      return;
    }
    case "limit":
      await ctx.reply(
        ctx.t(outcome.limit === "person" ? "booking-limit-person" : outcome.limit === "person_service" ? "booking-limit-person-service" : "booking-limit-account", { max: outcome.max }),
      );
      return;
    case "passed":
    case "draft_cancelled":
      await ctx.reply(ctx.t("waitlist-offer-passed"));
      return;
    case "slot_taken":
    case "slot_unavailable":
      await ctx.reply(ctx.t("waitlist-offer-gone"));
      return;
    case "not_found":
      await ctx.reply(ctx.t("waitlist-offer-not-found"));
  }
}
