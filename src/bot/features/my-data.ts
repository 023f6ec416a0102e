import { Composer, InlineKeyboard, InputFile } from "grammy";
import { splitIntoMessages } from "../../domain/policy";
import { showIinData } from "../../domain/callback-data";
import type { BotContext } from "../context";
import { copyFile, copyMessages } from "../data-copy";
import { ownAccountId, patientActor } from "../data-rights";
import { localeOf } from "../i18n";

/** /mydata (policy §8, right to information): everything held about the person, and a file with all of it. */
export const myDataFeature = new Composer<BotContext>();
const feature = myDataFeature.chatType("private");

feature.command("mydata", async (ctx) => {
  const accountId = ownAccountId(ctx);
  const copy = accountId ? ctx.app.services.dataCopy.copyFor(accountId, patientActor(accountId)) : undefined;
  if (!copy) {
    await ctx.reply(ctx.t("data-rights-nothing-held"));
    return;
  }
  const locale = await localeOf(ctx);
  const messages = copyMessages(ctx, copy, locale);
  await ctx.reply(messages.heading);
  for (const person of messages.people) {
    await ctx.reply(person.text, {
      reply_markup: new InlineKeyboard().text(ctx.t("button-mydata-show-iin"), showIinData.pack({ patientId: person.patientId })),
    });
  }
  for (const part of splitIntoMessages(messages.details)) await ctx.reply(part);
  const file = copyFile(ctx, copy, locale);
  await ctx.replyWithDocument(new InputFile(file.bytes, file.filename), { caption: ctx.t("mydata-file-caption") });
});

/** The full IIN on a second tap, and only of a person the sender's own account booked for. */
feature.callbackQuery(showIinData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  const accountId = ownAccountId(ctx);
  if (!accountId) {
    await ctx.reply(ctx.t("data-rights-nothing-held"));
    return;
  }
  const { patientId } = showIinData.unpack(ctx.callbackQuery.data);
  const iin = ctx.app.services.dataCopy.revealIin(accountId, patientId, patientActor(accountId));
  if (!iin) {
    await ctx.reply(ctx.t("mydata-iin-not-found"));
    return;
  }
  const { fullName } = ctx.app.store.patients.personFor(accountId, patientId);
  await ctx.reply(ctx.t("mydata-iin", { name: fullName, iin }));
});
