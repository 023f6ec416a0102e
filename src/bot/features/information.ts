import { Composer } from "grammy";
import { policyTextData, policyVersionTextData } from "../../domain/callback-data";
import type { BotContext } from "../context";
import { localeOf } from "../i18n";
import { answerPolicyTextButton, INFORMATION_COMMANDS, readNow } from "../information";

/**
 * /policy (the version in force, its date, the next version once published, full texts on request)
 * and /help. A running dialogue answers the same commands and buttons with the same functions.
 */
export const informationFeature = new Composer<BotContext>();
const feature = informationFeature.chatType("private");

for (const [command, answer] of Object.entries(INFORMATION_COMMANDS)) {
  feature.command(command, async (ctx) => answer(ctx, readNow(ctx), await localeOf(ctx)));
}

feature.callbackQuery([policyTextData.data, policyVersionTextData.trigger], async (ctx) => {
  await answerPolicyTextButton(ctx, readNow(ctx), await localeOf(ctx));
});
