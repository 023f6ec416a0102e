import { Composer, InlineKeyboard } from "grammy";
import {
  cancelBookingData,
  cancelCourseRestData,
  confirmCancelBookingData,
  confirmCancelCourseRestData,
  courseSessionsData,
  dialogueLeaveData,
  keepBookingData,
  keepCourseData,
  moveBookingData,
} from "../../domain/callback-data";
import { MOVE_CONVERSATION } from "../conversations/move";
import { withSession } from "../../domain/courses";
import type { CancelOutcome } from "../../services/bookings";
import type { CourseProgress } from "../../services/courses";
import type { BookingView } from "../../store/bookings";
import type { BotContext, PrivateContext } from "../context";
import { markAnswered } from "../answered-buttons";
import { localeOf } from "../i18n";
import { formatDateTime, formatDay, formatTime } from "../../domain/format";
import { clinicPhone } from "../replies";
import { mustAcceptNewPolicyFirst } from "./policy-update";
import { replyWithWaitingEntries } from "./waitlist";

/**
 * /appointments: the person's upcoming bookings, each with a way to move or cancel it; once a new policy
 * version is in force, only after the person accepts it (policy §9). Closer to the appointment than
 * CHANGE_CUTOFF_HOURS, the clinic's phone is given instead.
 */
export const appointmentsFeature = new Composer<BotContext>();
const feature = appointmentsFeature.chatType("private");

feature.command("appointments", (ctx) => showAppointments(ctx));
// A dialogue was left to see the bookings (src/bot/conversations/dialogue.ts hands the press on).
feature.callbackQuery(dialogueLeaveData.pack({ then: "appointments" }), (ctx) => showAppointments(ctx));

async function showAppointments(ctx: PrivateContext): Promise<void> {
  const accountId = ctx.app.store.accounts.findAccountId(ctx.channel, ctx.chat.id);
  if (await mustAcceptNewPolicyFirst(ctx, accountId)) return;
  // A course is one entry, with its next session: its other sessions are not listed one by one.
  const courses = accountId ? ctx.app.services.courses.coursesOf(accountId) : [];
  const upcoming = accountId ? ctx.app.store.bookings.upcomingFor(accountId).filter((booking) => !booking.course) : [];
  if (upcoming.length + courses.length === 0) {
    const waiting = accountId !== undefined && ctx.app.store.waitlist.waitingOf(accountId).length > 0;
    await ctx.reply(ctx.t(waiting ? "waitlist-no-bookings" : "appointments-none"));
    await replyWithWaitingEntries(ctx, accountId);
    return;
  }
  await ctx.reply(ctx.t("appointments-heading", { count: upcoming.length + courses.length }));
  for (const course of courses) await replyWithCourse(ctx, course);
  for (const booking of upcoming) await replyWithBooking(ctx, booking);
  await replyWithWaitingEntries(ctx, accountId);
}

/** One booking (or one session of a course) with its two ways to change it. */
async function replyWithBooking(ctx: PrivateContext, booking: BookingView): Promise<void> {
  await ctx.reply(await describe(ctx, booking), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("button-move-booking"), moveBookingData.pack({ bookingId: booking.id }))
      .row()
      .text(ctx.t("button-cancel-booking"), cancelBookingData.pack({ bookingId: booking.id })),
  });
}

/** "Every session": each session still ahead, as a booking of its own, to move or cancel any one of them. */
feature.callbackQuery(courseSessionsData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  const accountId = ctx.app.store.accounts.findAccountId(ctx.channel, ctx.chat.id);
  if (await mustAcceptNewPolicyFirst(ctx, accountId)) return;
  const { courseId } = courseSessionsData.unpack(ctx.callbackQuery.data);
  const course = accountId ? ctx.app.services.courses.coursesOf(accountId).find((candidate) => candidate.courseId === courseId) : undefined;
  if (!course) {
    await ctx.reply(ctx.t("appointment-not-found"));
    return;
  }
  for (const session of course.sessions.filter((candidate) => candidate.startsAt >= course.next!.startsAt)) await replyWithBooking(ctx, session);
});

/** A course as one entry: how far it has come and its next session, which may be moved or cancelled alone. */
async function replyWithCourse(ctx: PrivateContext, course: CourseProgress): Promise<void> {
  const locale = await localeOf(ctx);
  const { catalog } = ctx.app.store;
  const next = course.next!;
  const done = course.sessions.filter((session) => session.startsAt < next.startsAt).length;
  const session = { number: next.course!.number, count: course.count };
  const text = ctx.t("appointments-course", {
    service: catalog.service(course.serviceId)?.name[locale] ?? "",
    doctor: catalog.doctor(course.doctorId)?.name[locale] ?? "",
    patient: course.patientName,
    done,
    count: course.count,
    session: ctx.t("session-label", session),
    when: formatDateTime(next.startsAt, locale, ctx.app.timeZone),
    number: next.number,
  });
  await ctx.reply(text, {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("button-course-move-next", { number: session.number }), moveBookingData.pack({ bookingId: next.id }))
      .row()
      .text(ctx.t("button-course-cancel-next", { number: session.number }), cancelBookingData.pack({ bookingId: next.id }))
      .row()
      .text(ctx.t("button-course-sessions"), courseSessionsData.pack({ courseId: course.courseId }))
      .row()
      .text(ctx.t("button-course-cancel-rest"), cancelCourseRestData.pack({ courseId: course.courseId })),
  });
}

feature.callbackQuery(cancelCourseRestData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  const accountId = ctx.app.store.accounts.findAccountId(ctx.channel, ctx.chat.id);
  if (await mustAcceptNewPolicyFirst(ctx, accountId)) return;
  const { courseId } = cancelCourseRestData.unpack(ctx.callbackQuery.data);
  const course = accountId ? ctx.app.services.courses.coursesOf(accountId).find((candidate) => candidate.courseId === courseId) : undefined;
  if (!course) {
    await ctx.reply(ctx.t("appointment-not-found"));
    return;
  }
  const locale = await localeOf(ctx);
  const ahead = course.sessions.filter((session) => session.startsAt >= course.next!.startsAt).length;
  await ctx.reply(ctx.t("course-cancel-rest-question", { service: ctx.app.store.catalog.service(course.serviceId)?.name[locale] ?? "", count: ahead }), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("button-course-cancel-rest-yes"), confirmCancelCourseRestData.pack({ courseId }))
      .row()
      .text(ctx.t("button-course-cancel-rest-no"), keepCourseData.data),
  });
});

feature.callbackQuery(confirmCancelCourseRestData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  await markAnswered(ctx, ctx.t("button-course-cancel-rest-yes"));
  const accountId = ctx.app.store.accounts.findAccountId(ctx.channel, ctx.chat.id);
  if (await mustAcceptNewPolicyFirst(ctx, accountId)) return;
  const { courseId } = confirmCancelCourseRestData.unpack(ctx.callbackQuery.data);
  const outcome = accountId ? ctx.app.services.courses.cancelRest(accountId, courseId, ctx.channel) : undefined;
  if (!outcome?.ok) {
    await ctx.reply(outcome?.reason === "nothing_ahead" ? ctx.t("course-cancel-rest-nothing", { phone: clinicPhone(ctx.app) }) : ctx.t("appointment-not-found"));
    return;
  }
  ctx.log.info({ courseId, sessions: outcome.cancelled.length }, "the rest of a course cancelled by the patient");
  ctx.app.staffAlerts.kick();
  const cancelled = ctx.t("course-cancelled-rest", { count: outcome.cancelled.length });
  // A session too close to cancel in the chat is named, with the clinic's phone.
  const locale = await localeOf(ctx);
  const close = outcome.tooClose.map((session) => ctx.t("course-cancel-rest-too-close", { when: formatDateTime(session.startsAt, locale, ctx.app.timeZone), phone: clinicPhone(ctx.app) }));
  await ctx.reply([cancelled, ...close].join("\n"));
});

feature.callbackQuery(keepCourseData.data, async (ctx) => {
  await ctx.answerCallbackQuery();
  await markAnswered(ctx, ctx.t("button-course-cancel-rest-no"));
  await ctx.reply(ctx.t("course-cancel-rest-kept"));
});

feature.callbackQuery(cancelBookingData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  if (await mustAcceptNewPolicyFirst(ctx, ctx.app.store.accounts.findAccountId(ctx.channel, ctx.chat.id))) return;
  const booking = ownUpcomingBooking(ctx, cancelBookingData.unpack(ctx.callbackQuery.data).bookingId);
  if (!booking) {
    await ctx.reply(ctx.t("appointment-not-found"));
    return;
  }
  if (ctx.app.services.bookings.tooLateToChange(booking.startsAt)) {
    await ctx.reply(ctx.t("cancel-too-late", { phone: clinicPhone(ctx.app) }));
    return;
  }
  await ctx.reply(ctx.t("appointment-cancel-confirm", { details: await describe(ctx, booking) }), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("button-cancel-booking-yes"), confirmCancelBookingData.pack({ bookingId: booking.id }))
      .row()
      .text(ctx.t("button-cancel-booking-no"), keepBookingData.data),
  });
});

feature.callbackQuery(confirmCancelBookingData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  // The confirmation is answered once: "No, keep it" cannot be followed by a "Yes" on the same message.
  await markAnswered(ctx, ctx.t("button-cancel-booking-yes"));
  const accountId = ctx.app.store.accounts.findAccountId(ctx.channel, ctx.chat.id);
  if (await mustAcceptNewPolicyFirst(ctx, accountId)) return;
  const { bookingId } = confirmCancelBookingData.unpack(ctx.callbackQuery.data);
  const outcome = accountId ? ctx.app.services.bookings.cancel(accountId, bookingId, ctx.channel) : undefined;
  if (!outcome?.ok) {
    await ctx.reply(cancelRefusal(ctx, outcome?.reason));
    return;
  }
  ctx.log.info({ bookingId: outcome.booking.id }, "booking cancelled by the patient");
  ctx.app.staffAlerts.kick();
  await ctx.reply(ctx.t("appointment-cancelled", { number: outcome.booking.number }));
});

feature.callbackQuery(moveBookingData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  if (await mustAcceptNewPolicyFirst(ctx, ctx.app.store.accounts.findAccountId(ctx.channel, ctx.chat.id))) return;
  await ctx.conversation.enter(MOVE_CONVERSATION, moveBookingData.unpack(ctx.callbackQuery.data).bookingId);
});

feature.callbackQuery(keepBookingData.data, async (ctx) => {
  await ctx.answerCallbackQuery();
  await markAnswered(ctx, ctx.t("button-cancel-booking-no"));
  await ctx.reply(ctx.t("appointment-kept"));
});

function cancelRefusal(ctx: BotContext, reason: Extract<CancelOutcome, { ok: false }>["reason"] | undefined): string {
  if (reason === "already_cancelled") return ctx.t("appointment-already-cancelled");
  if (reason === "past") return ctx.t("appointment-past");
  if (reason === "too_late") return ctx.t("cancel-too-late", { phone: clinicPhone(ctx.app) });
  return ctx.t("appointment-not-found");
}

/** Forged or stale ids find nothing: only the sender's own upcoming bookings are looked at. */
function ownUpcomingBooking(ctx: PrivateContext, bookingId: string): BookingView | undefined {
  const accountId = ctx.app.store.accounts.findAccountId(ctx.channel, ctx.chat.id);
  return accountId ? ctx.app.store.bookings.upcomingFor(accountId).find((booking) => booking.id === bookingId) : undefined;
}

async function describe(ctx: BotContext, booking: BookingView): Promise<string> {
  const locale = await localeOf(ctx);
  const { catalog } = ctx.app.store;
  return ctx.t("appointment-item", {
    number: booking.number,
    date: formatDay(booking.startsAt, locale, ctx.app.timeZone),
    time: formatTime(booking.startsAt, locale, ctx.app.timeZone),
    service: withSession(catalog.service(booking.serviceId)?.name[locale] ?? "", booking.course, (session) => ctx.t("session-label", { number: session.number, count: session.count })),
    doctor: catalog.doctor(booking.doctorId)?.name[locale] ?? "",
    patient: booking.patientName,
  });
}
