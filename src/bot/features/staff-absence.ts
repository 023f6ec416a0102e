import { Composer, InlineKeyboard } from "grammy";
import type { App } from "../../app";
import { staffAbsenceData } from "../../domain/callback-data";
import { formatDate } from "../../domain/format";
import { isCalendarDate } from "../../domain/policy";
import type { AbsenceRequest } from "../../services/absences";
import type { BotContext } from "../context";

/** How long an admin has to confirm an absence before the question is outdated. */
const CONFIRM_WITHIN_MS = 15 * 60_000;

interface PendingAbsence {
  request: AbsenceRequest;
  /** Only the admin who asked confirms it. */
  userId: number;
  expiresAt: number;
}

/**
 * The questions waiting for an admin's confirmation, per app. Kept in memory only: after a restart the
 * button answers "send /absence again", which is safer than acting on a request nobody re-read.
 */
const pendingByApp = new WeakMap<App, Map<string, PendingAbsence>>();

function pendingOf(app: App): Map<string, PendingAbsence> {
  let pending = pendingByApp.get(app);
  if (!pending) {
    pending = new Map<string, PendingAbsence>();
    pendingByApp.set(app, pending);
  }
  return pending;
}

/**
 * `/absence ahmetova 2026-12-15 2026-12-19 sick leave` in the staff group, for STAFF_ADMIN_IDS only: the
 * same as `npm run admin -- absence`, after a confirmation that says how many bookings it cancels.
 * The staff group's membership check has already run (staff-group.ts).
 */
export const staffAbsence = new Composer<BotContext>();

staffAbsence.command("absence", async (ctx) => {
  const userId = ctx.from!.id;
  if (!ctx.app.staffAdminIds.has(userId)) {
    await ctx.reply(say(ctx, "staff-absence-admins-only"));
    return;
  }
  const parsed = parseAbsence(ctx.app, ctx.match);
  if (parsed.kind !== "request") {
    await ctx.reply(parsed.kind === "usage" ? say(ctx, "staff-absence-usage") : parsed.text(ctx));
    return;
  }
  const preview = ctx.app.services.absences.preview(parsed.request);
  if (!preview.ok) {
    await ctx.reply(say(ctx, `staff-absence-refused-${preview.reason}`));
    return;
  }
  const token = ctx.app.ids.newId();
  pendingOf(ctx.app).set(token, { request: parsed.request, userId, expiresAt: ctx.app.clock.now().getTime() + CONFIRM_WITHIN_MS });
  const { doctorId, from, to, reason } = parsed.request;
  await ctx.reply(
    say(ctx, "staff-absence-confirm", { doctor: ctx.app.staffTexts.doctorName(doctorId), from: formatDate(from), to: formatDate(to), reason, affected: preview.affected }),
    {
      reply_markup: new InlineKeyboard()
        .text(say(ctx, "button-staff-absence-yes"), staffAbsenceData.pack({ answer: "yes", token }))
        .row()
        .text(say(ctx, "button-staff-absence-no"), staffAbsenceData.pack({ answer: "no", token })),
    },
  );
});

staffAbsence.callbackQuery(staffAbsenceData.trigger, async (ctx) => {
  const { answer, token } = staffAbsenceData.unpack(ctx.callbackQuery.data);
  const pending = pendingOf(ctx.app);
  const waiting = pending.get(token);
  if (!waiting || waiting.expiresAt < ctx.app.clock.now().getTime()) {
    pending.delete(token);
    await ctx.answerCallbackQuery({ text: say(ctx, "staff-absence-expired"), show_alert: true });
    return;
  }
  if (waiting.userId !== ctx.from.id) {
    await ctx.answerCallbackQuery({ text: say(ctx, "staff-absence-not-yours"), show_alert: true });
    return;
  }
  pending.delete(token);
  await ctx.answerCallbackQuery();
  if (answer === "no") {
    await ctx.editMessageText(say(ctx, "staff-absence-kept"));
    return;
  }
  const outcome = ctx.app.services.absences.record(waiting.request, { kind: "staff", id: String(ctx.from.id) });
  if (!outcome.ok) {
    await ctx.editMessageText(say(ctx, `staff-absence-refused-${outcome.reason}`));
    return;
  }
  ctx.log.info({ doctorId: waiting.request.doctorId, cancelled: outcome.cancelled }, "absence recorded from the staff group");
  await ctx.editMessageText(say(ctx, "staff-absence-recorded", { cancelled: outcome.cancelled }));
  // The summary and the patients' notices were written with the absence; they go out now.
  ctx.app.staffAlerts.kick();
  void ctx.app.patientNotices.flush().catch(() => undefined);
});

type Parsed =
  | { kind: "request"; request: AbsenceRequest }
  | { kind: "usage" }
  | { kind: "doctor"; text: (ctx: BotContext) => string };

/** "<specialist> <from> [<to>] <reason…>": the specialist by id or a part of the name, found exactly once. */
function parseAbsence(app: App, text: string): Parsed {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const dateAt = words.findIndex(isCalendarDate);
  if (dateAt < 1) return { kind: "usage" };
  const query = words.slice(0, dateAt).join(" ");
  const from = words[dateAt]!;
  const second = words[dateAt + 1];
  const to = second !== undefined && isCalendarDate(second) ? second : from;
  const reason = words.slice(dateAt + (to === second ? 2 : 1)).join(" ");
  if (!reason) return { kind: "usage" };
  const wanted = query.toLocaleLowerCase();
  const doctors = app.store.catalog.listDoctors().filter((doctor) => [doctor.id, doctor.name.ru, doctor.name.kk].some((name) => name.toLocaleLowerCase().includes(wanted)));
  if (doctors.length === 1) return { kind: "request", request: { doctorId: doctors[0]!.id, from, to, reason } };
  if (doctors.length === 0) return { kind: "doctor", text: (ctx) => say(ctx, "staff-day-no-specialist", { query }) };
  return { kind: "doctor", text: (ctx) => say(ctx, "staff-absence-ambiguous", { query, names: doctors.map((doctor) => ctx.app.staffTexts.doctorName(doctor.id)).join(", ") }) };
}

function say(ctx: BotContext, key: string, variables?: Record<string, string | number>): string {
  return ctx.app.staffTexts.t(key, variables);
}
