import { Composer, InlineKeyboard, InputFile } from "grammy";
import { splitIntoMessages } from "../../domain/policy";
import { myDataFileData, myDataProcessingData, showIinData } from "../../domain/callback-data";
import type { BotContext } from "../context";
import { copyFile, copyMessages } from "../data-copy";
import { confirmedAccountId, ownAccountId, patientActor, refuseConfirmation } from "../data-rights";
import { localeOf } from "../i18n";

/**
 * /mydata (policy §8, right to information): the people, consents and bookings held, then, on request,
 * how the data is processed and a file with all of it.
 */
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
  for (const part of splitIntoMessages(messages.records)) await ctx.reply(part);
  // How the data is processed, and the file, on request: the overview above is what most people want.
  await ctx.reply(ctx.t("mydata-more"), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("button-mydata-processing"), myDataProcessingData.pack({ accountId: copy.account.id }))
      .row()
      .text(ctx.t("button-mydata-file"), myDataFileData.pack({ accountId: copy.account.id })),
  });
});

feature.callbackQuery(myDataProcessingData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  const accountId = confirmedAccountId(ctx, myDataProcessingData.unpack(ctx.callbackQuery.data).accountId);
  const copy = accountId ? ctx.app.services.dataCopy.copyFor(accountId, patientActor(accountId)) : undefined;
  if (!copy) return refuseConfirmation(ctx);
  for (const part of splitIntoMessages(copyMessages(ctx, copy, await localeOf(ctx)).processing)) await ctx.reply(part);
});

feature.callbackQuery(myDataFileData.trigger, async (ctx) => {
  await ctx.answerCallbackQuery();
  const accountId = confirmedAccountId(ctx, myDataFileData.unpack(ctx.callbackQuery.data).accountId);
  const copy = accountId ? ctx.app.services.dataCopy.copyFor(accountId, patientActor(accountId)) : undefined;
  if (!copy) return refuseConfirmation(ctx);
  const file = copyFile(ctx, copy, await localeOf(ctx));
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
