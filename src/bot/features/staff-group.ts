import { Composer, GrammyError, type Filter } from "grammy";
import type { ChatMemberUpdated } from "grammy/types";
import { staffCancelData, staffCancelReasonData, staffCardData, staffIinData, staffOpenData, staffVisitData } from "../../domain/callback-data";
import { isCalendarDate } from "../../domain/policy";
import { addDays } from "../../domain/slots";
import { safeError } from "../../logger";
import type { StaffBookingCard, StaffMember } from "../../services/staff-desk";
import type { BotContext } from "../context";
import { staffAbsence } from "./staff-absence";

/**
 * The staff group as reception's workspace: the alerts' buttons and the day lists. Only updates from
 * STAFF_CHAT_ID on Telegram reach it, and in it only members of the group now act (policy §6, access
 * control); anything from any other group is never read. Texts are in STAFF_LOCALE.
 */
export const staffGroupFeature = new Composer<BotContext>();

const group = staffGroupFeature.filter(
  (ctx) => ctx.channel === "telegram" && ctx.app.staffChatId !== undefined && ctx.chat?.id === ctx.app.staffChatId && ctx.chat.type !== "private",
);

// Telegram sends these only when the bot is an administrator of the group and asks for them.
group.on("chat_member", (ctx) => {
  if (hasLeft(ctx.chatMember)) ctx.app.staffMembership.forget(ctx.chatMember.new_chat_member.user.id);
});

const members = group.use(async (ctx, next) => {
  const userId = ctx.from?.id;
  // Only presses and commands are acted on; anything else members write is not the bot's business.
  const acts = ctx.callbackQuery?.data !== undefined || ctx.message?.text?.startsWith("/") === true;
  if (userId === undefined || ctx.from?.is_bot || !acts) return;
  let isMember = false;
  try {
    isMember = await ctx.app.staffMembership.isMember(ctx.api, ctx.app.staffChatId!, userId);
  } catch (error) {
    ctx.log.warn({ err: safeError(error) }, "could not ask Telegram whether a user is in the staff group; treated as not a member");
  }
  if (isMember) return next();
  ctx.log.info({ userId }, "a user who is not a member of the staff group acted in it; nothing was done");
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.app.staffTexts.t("staff-not-member"), show_alert: true });
});

members.use(staffAbsence);

type Press = Filter<BotContext, "callback_query:data">;

members.callbackQuery(staffVisitData.trigger, async (ctx) => {
  const { bookingId, outcome } = staffVisitData.unpack(ctx.callbackQuery.data);
  const result = ctx.app.services.staffDesk.recordVisit(bookingId, outcome, memberOf(ctx));
  if (result.card) await showCard(ctx, result.card);
  await ctx.answerCallbackQuery({ text: say(ctx, result.ok ? `staff-recorded-${outcome}` : `staff-visit-refused-${result.reason}`) });
});

members.callbackQuery(staffCancelData.trigger, async (ctx) => {
  const card = ctx.app.services.staffDesk.card(staffCancelData.unpack(ctx.callbackQuery.data).bookingId);
  if (!card || (card.status !== "booked" && card.status !== "confirmed")) {
    if (card) await showCard(ctx, card);
    await ctx.answerCallbackQuery({ text: say(ctx, "staff-cancel-refused-not_open") });
    return;
  }
  await edit(ctx, `${ctx.app.staffTexts.card(card)}\n\n${say(ctx, "staff-cancel-why")}`, ctx.app.staffTexts.reasonsKeyboard(card.bookingId));
  await ctx.answerCallbackQuery();
});

members.callbackQuery(staffCardData.trigger, async (ctx) => {
  const card = ctx.app.services.staffDesk.card(staffCardData.unpack(ctx.callbackQuery.data).bookingId);
  if (card) await showCard(ctx, card);
  await ctx.answerCallbackQuery();
});

members.callbackQuery(staffOpenData.trigger, async (ctx) => {
  const card = ctx.app.services.staffDesk.card(staffOpenData.unpack(ctx.callbackQuery.data).bookingId);
  if (!card) {
    await ctx.answerCallbackQuery({ text: say(ctx, "staff-booking-not-found") });
    return;
  }
  const sent = await ctx.reply(ctx.app.staffTexts.card(card), { reply_markup: ctx.app.staffTexts.cardKeyboard(card) });
  // This card, not the digest, is the one kept up to date from now on.
  ctx.app.store.bookings.setStaffMessage(card.bookingId, sent.message_id);
  await ctx.answerCallbackQuery();
});

members.callbackQuery(staffCancelReasonData.trigger, async (ctx) => {
  const { bookingId, reason } = staffCancelReasonData.unpack(ctx.callbackQuery.data);
  const result = ctx.app.services.staffDesk.cancel(bookingId, reason, memberOf(ctx));
  if (!result.ok) {
    if (result.card) await showCard(ctx, result.card);
    await ctx.answerCallbackQuery({ text: say(ctx, `staff-cancel-refused-${result.reason}`) });
    return;
  }
  await showCard(ctx, result.card);
  // The patient hears of it on their own channel, in their language, from the outbox written with the
  // cancellation; staff learn at once whether it went out, or that they should call.
  await ctx.app.patientNotices.flush();
  const outcome =
    result.patientNotice === undefined ? "not-told" : ctx.app.store.patientOutbox.isPending(result.patientNotice) ? "pending" : "told";
  await ctx.answerCallbackQuery({ text: say(ctx, `staff-cancelled-patient-${outcome}`), show_alert: outcome !== "told" });
});

// The full IIN never goes into a group message: only into this pop-up, which only the presser sees.
members.callbackQuery(staffIinData.trigger, async (ctx) => {
  const bookingId = staffIinData.unpack(ctx.callbackQuery.data).bookingId;
  const iin = ctx.app.services.staffDesk.revealIin(bookingId, memberOf(ctx));
  const card = iin === undefined ? undefined : ctx.app.services.staffDesk.card(bookingId);
  await ctx.answerCallbackQuery({
    text: iin === undefined || !card ? say(ctx, "staff-booking-not-found") : say(ctx, "staff-iin-popup", { number: card.number, iin }),
    show_alert: true,
  });
});

members.command("today", (ctx) => listDay(ctx, ctx.app.services.staffDesk.today(), ctx.match));
members.command("tomorrow", (ctx) => listDay(ctx, addDays(ctx.app.services.staffDesk.today(), 1), ctx.match));
members.command("day", async (ctx) => {
  const [date = "", ...specialist] = ctx.match.trim().split(/\s+/);
  if (!isCalendarDate(date)) {
    await ctx.reply(say(ctx, "staff-day-usage"));
    return;
  }
  await listDay(ctx, date, specialist.join(" "));
});

/** Each specialist's list for the day (or only those whose name or id contains `specialist`), split under the limit. */
async function listDay(ctx: BotContext, date: string, specialist: string): Promise<void> {
  const wanted = specialist.trim().toLocaleLowerCase();
  const doctors = ctx.app.store.catalog
    .listDoctors()
    .filter((doctor) => wanted === "" || [doctor.id, doctor.name.ru, doctor.name.kk].some((name) => name.toLocaleLowerCase().includes(wanted)));
  if (doctors.length === 0) {
    await ctx.reply(say(ctx, "staff-day-no-specialist", { query: specialist.trim() }));
    return;
  }
  const days = ctx.app.services.staffDesk.day(date, doctors.map((doctor) => doctor.id), { telegramUserId: ctx.from!.id });
  for (const text of ctx.app.staffTexts.day(date, days)) await ctx.reply(text);
}

function memberOf(ctx: Press): StaffMember {
  return { telegramUserId: ctx.from.id };
}

function say(ctx: BotContext, key: string, variables?: Record<string, string | number>): string {
  return ctx.app.staffTexts.t(key, variables);
}

/** The alert edited to the booking's state now, with the buttons that state allows. */
async function showCard(ctx: Press, card: StaffBookingCard): Promise<void> {
  await edit(ctx, ctx.app.staffTexts.card(card), ctx.app.staffTexts.cardKeyboard(card));
}

async function edit(ctx: Press, text: string, keyboard: ReturnType<BotContext["app"]["staffTexts"]["cardKeyboard"]>): Promise<void> {
  try {
    await ctx.editMessageText(text, { reply_markup: keyboard });
  } catch (error) {
    // Two members pressing the same button: the second edit changes nothing, which Telegram calls an error.
    if (!(error instanceof GrammyError && /message is not modified/i.test(error.description))) throw error;
  }
}

function hasLeft(update: ChatMemberUpdated): boolean {
  const status = update.new_chat_member.status;
  return status === "left" || status === "kicked" || (status === "restricted" && !update.new_chat_member.is_member);
}
