import { conversations, type ConversationData, type VersionedState } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context, type Middleware, type MiddlewareFn } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { safeError, type Logger } from "../logger";
import { chatKey, type ChannelName } from "../domain/channel";
import type { StateAdapter } from "../store/conversation-storage";
import type { App } from "../app";
import type { AppFlavor, BotContext, DialogueContext } from "./context";
import { refuseWithdrawnButtons } from "./answered-buttons";
import { compactingStates } from "./compact-state";
import { ignoreStaleCallbackAnswers, retryFailedCalls } from "./api-failures";
import { floodLimit, type FloodLimit } from "./flood-limit";
import { createI18n } from "./i18n";
import { bookingDialogue } from "./conversations/booking";
import { editDialogue } from "./conversations/edit";
import { moveDialogue } from "./conversations/move";
import { appointmentsFeature } from "./features/appointments";
import { blockFeature } from "./features/block";
import { cancelFeature } from "./features/cancel";
import { deleteFeature } from "./features/delete";
import { beginHandedOnRuns } from "./conversations/hand-on";
import { draftExpiryFeature, noteRunningDialogues } from "./features/draft-expiry";
import { editFeature } from "./features/edit";
import { fallbackFeature } from "./features/fallback";
import { groupMembershipFeature } from "./features/group-membership";
import { informationFeature } from "./features/information";
import { languageFeature } from "./features/language";
import { myDataFeature } from "./features/my-data";
import { policyUpdateFeature } from "./features/policy-update";
import { remindersFeature } from "./features/reminders";
import { staffGroupFeature } from "./features/staff-group";
import { startFeature } from "./features/start";
import { waitlistFeature } from "./features/waitlist";
import { withdrawFeature } from "./features/withdraw";

export { registerCommands } from "./commands";

/**
 * Bump when a dialogue changes shape: stored replays of the old shape are then dropped instead of
 * replayed into the wrong steps (grammY conversations docs). 2: the consent step reads the policy
 * text only when asked for it. 3: a booking draft gets its key when the dialogue starts. 4: the IIN
 * step looks up the account's saved person, and the summary asks about fair use and saved details.
 * 5: "who" offers the saved people, and the specialist and day questions offer the earliest time.
 * 6: the day question offers the waiting list, whose step reads the catalogue and writes the entry.
 * 7: the service question reads today's date with the services, for the service's age range, and
 * the summary's facts carry the clinic's map link and what to bring. 8: how a typed answer was read
 * is kept in the log, so that a replay in another language (after /lang) takes the same path. 9: the
 * specialist question keeps only the specialists' ids in the log (their names word the buttons). 10:
 * each step of a dialogue is a run of its own, begun with what the steps before it collected. 11:
 * the booking's first step begins a run of its own after the consent questions.
 */
export const CONVERSATION_VERSION = 11;

export interface BotOptions {
  token: string;
  channel: ChannelName;
  /** Known in tests and on the console, where there is no getMe to ask. */
  botInfo?: UserFromGetMe;
  client?: ConstructorParameters<typeof Bot>[1] extends infer O ? (O extends { client?: infer C } ? C : never) : never;
  /** FLOOD_LIMIT by default; tests that drive one chat through many steps at machine speed turn it off. */
  floodLimit?: FloodLimit | false;
}

export function createBot(app: App, options: BotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(options.token, { botInfo: options.botInfo, client: options.client });
  const i18n = createI18n();
  const attachApp = appMiddleware(app, options.channel);
  bot.api.config.use(retryFailedCalls(), ignoreStaleCallbackAnswers);

  // Plugins. Patients only ever talk to the bot in private: a group's updates reach no plugin and no
  // patient feature (its language, its dialogue state are never read); the membership log line sees
  // every group, and the staff group's own feature sees STAFF_CHAT_ID only.
  if (options.floodLimit !== false) bot.use(floodLimit(app, options.channel, options.floodLimit));
  // Updates of one chat are handled one after another even when the runner fetches them in parallel.
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  bot.use(attachApp);
  bot.use(groupMembershipFeature);
  bot.use(staffGroupFeature);
  bot.chatType("private", i18n.outside);
  bot.chatType("private", refuseWithdrawnButtons);
  bot.chatType("private", dialogueStates(app, options.channel, [attachApp, i18n.inside, apiFailuresInsideDialogues]));

  // Features, in the order they see an update. /cancel comes after the dialogue states and before the
  // dialogues, so it leaves a running one (grammY conversations). Both dialogues share the chat's one
  // state record; only one is ever active, since the running one answers every command itself.
  bot.use(cancelFeature);
  bot.use(noteRunningDialogues);
  bot.use(bookingDialogue);
  bot.use(editDialogue);
  bot.use(moveDialogue);
  bot.chatType("private", beginHandedOnRuns);
  bot.use(draftExpiryFeature);
  bot.use(startFeature);
  bot.use(languageFeature);
  bot.use(informationFeature);
  bot.use(policyUpdateFeature);
  bot.use(appointmentsFeature);
  bot.use(remindersFeature);
  bot.use(waitlistFeature);
  bot.use(myDataFeature);
  bot.use(blockFeature);
  bot.use(deleteFeature);
  bot.use(withdrawFeature);
  bot.use(editFeature);
  bot.use(fallbackFeature);

  bot.catch(async ({ ctx, error }) => {
    ctx.log.error({ err: safeError(error) }, "an update failed");
    try {
      if (ctx.chat?.type === "private" && typeof ctx.t === "function") await ctx.reply(ctx.t("error-generic"));
    } catch (replyError) {
      ctx.log.error({ err: safeError(replyError) }, "could not tell the person about the failure");
    }
  });
  return bot;
}

/** The conversations plugin, its state kept per chat in the encrypted store. */
function dialogueStates(app: App, channel: ChannelName, plugins: Middleware<DialogueContext>[]): MiddlewareFn<BotContext> {
  return conversations<BotContext, DialogueContext>({
    storage: {
      type: "key",
      version: CONVERSATION_VERSION,
      getStorageKey: (ctx) => (ctx.chatId === undefined ? undefined : chatKey(channel, ctx.chatId)),
      adapter: compactingStates(app.store.conversationStates as StateAdapter<VersionedState<ConversationData>>),
    },
    plugins,
  });
}

/**
 * Conversations build their own Api, so bot.api's transformers do not reach it (design.md). These two
 * are safe there because they only call the layer below, the replay cache: a replayed call is answered
 * from the cache and never re-sent. A transformer that sent by itself would send on every replay.
 */
const apiFailuresInsideDialogues: MiddlewareFn<DialogueContext> = (ctx, next) => {
  ctx.api.config.use(retryFailedCalls(), ignoreStaleCallbackAnswers);
  return next();
};

function appMiddleware(app: App, channel: ChannelName): MiddlewareFn<Context & AppFlavor> {
  return (ctx, next) => {
    ctx.app = app;
    ctx.channel = channel;
    // Made when first logged to (most updates never log): a dialogue runs this again for every
    // update it replays, and a logger's child costs more than the rest of this update's plugins.
    let log: Logger | undefined;
    Object.defineProperty(ctx, "log", {
      get: () => (log ??= app.logger.child({ update: ctx.update.update_id, channel })),
      set: (value: Logger) => (log = value),
      configurable: true,
      enumerable: true,
    });
    return next();
  };
}
