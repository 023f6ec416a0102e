import { InlineKeyboard } from "grammy";
import { localDateOf } from "../domain/slots";
import type { Actor } from "../store/audit";
import type { BotContext, PrivateContext } from "./context";
import { formatDate } from "../domain/format";

/** What /mydata, /block, /delete and /withdraw share: whose data, how to confirm, how to refuse. */

/** The sender's own account, the only one these commands ever act on. */
export function ownAccountId(ctx: PrivateContext): string | undefined {
  return ctx.app.store.accounts.findAccountId(ctx.channel, ctx.chat.id);
}

export function patientActor(accountId: string): Actor {
  return { kind: "patient", id: accountId };
}

/**
 * A confirmation button names the account it was offered to, so a button pressed after the data is gone
 * (a double tap, an old message after /delete and a new booking) or forged with another account's id
 * acts on nothing. Returns the sender's account id when the button is theirs.
 */
export function confirmedAccountId(ctx: PrivateContext, offeredTo: string): string | undefined {
  const accountId = ownAccountId(ctx);
  return accountId !== undefined && accountId === offeredTo ? accountId : undefined;
}

export function confirmationKeyboard(ctx: BotContext, yesLabel: string, yesData: string, noData: string): InlineKeyboard {
  return new InlineKeyboard().text(yesLabel, yesData).row().text(ctx.t("button-data-rights-no"), noData);
}

/** A stale or foreign confirmation: nothing held at all, or a button that is not the sender's. */
export async function refuseConfirmation(ctx: PrivateContext): Promise<void> {
  await ctx.reply(ctx.t(ownAccountId(ctx) ? "data-rights-stale" : "data-rights-nothing-held"));
}

/** "01.12.2026" in the clinic's time zone. */
export function dateOf(ctx: BotContext, instant: string): string {
  return formatDate(localDateOf(instant, ctx.app.timeZone));
}
