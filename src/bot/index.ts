import { conversations, createConversation, type ConversationData, type VersionedState } from "@grammyjs/conversations";
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context, type MiddlewareFn } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { DRAFT_TIMEOUT_MS } from "../domain/drafts";
import { safeError } from "../logger";
import { chatKey, type ChannelName } from "../domain/channel";
import type { StateAdapter } from "../store/conversation-storage";
import type { App } from "../app";
import type { AppFlavor, BotContext, DialogueContext } from "./context";
import { createI18n } from "./i18n";
import { booking, BOOKING_CONVERSATION } from "./conversations/booking";
import { edit, EDIT_CONVERSATION } from "./conversations/edit";
import { appointmentsFeature } from "./features/appointments";
import { blockFeature } from "./features/block";
import { cancelFeature } from "./features/cancel";
import { deleteFeature } from "./features/delete";
import { editFeature } from "./features/edit";
import { fallbackFeature } from "./features/fallback";
import { informationFeature } from "./features/information";
import { languageFeature } from "./features/language";
import { myDataFeature } from "./features/my-data";
import { policyUpdateFeature } from "./features/policy-update";
import { startFeature } from "./features/start";
import { withdrawFeature } from "./features/withdraw";

/**
 * Bump when a dialogue changes shape: stored replays of the old shape are then dropped instead of
 * replayed into the wrong steps (grammY conversations docs). 2: the consent step reads the policy
 * text only when asked for it.
 */
export const CONVERSATION_VERSION = 2;


export interface BotOptions {
  token: string;
  channel: ChannelName;
  /** Known in tests and on the console, where there is no getMe to ask. */
  botInfo?: UserFromGetMe;
  client?: ConstructorParameters<typeof Bot>[1] extends infer O ? (O extends { client?: infer C } ? C : never) : never;
}

export function createBot(app: App, options: BotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(options.token, { botInfo: options.botInfo, client: options.client });
  const i18n = createI18n();
  const attachApp = appMiddleware(app, options.channel);

  // Updates of one chat are handled one after another even when the runner fetches them in parallel.
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  bot.api.config.use(autoRetry());
  bot.use(attachApp);
  bot.on("my_chat_member", (ctx) => {
    // How staff find STAFF_CHAT_ID: add the bot to the group and read this line in the log.
    if (ctx.chat.type !== "private") ctx.log.info({ chatId: ctx.chat.id, chatType: ctx.chat.type }, "bot added to or removed from a group");
  });
  // Patients only ever talk to the bot in private; the staff group receives alerts and nothing
  // from any other group is read at all.
  const privateChats = bot.chatType("private");
  privateChats.use(i18n);
  privateChats.use(
    conversations<BotContext, DialogueContext>({
      storage: {
        type: "key",
        version: CONVERSATION_VERSION,
        getStorageKey: (ctx) => (ctx.chatId === undefined ? undefined : chatKey(options.channel, ctx.chatId)),
        adapter: app.store.conversationStates as StateAdapter<VersionedState<ConversationData>>,
      },
      plugins: [attachApp, i18n, retryInsideConversations],
    }),
  );
  privateChats.use(cancelFeature);
  // Both dialogues share the chat's one state record; only one is ever active, since the running one
  // answers every command (a second /book or /edit included) itself.
  privateChats.use(createConversation(booking, { id: BOOKING_CONVERSATION, maxMillisecondsToWait: DRAFT_TIMEOUT_MS }));
  privateChats.use(createConversation(edit, { id: EDIT_CONVERSATION, maxMillisecondsToWait: DRAFT_TIMEOUT_MS }));
  privateChats.use(startFeature, languageFeature, informationFeature, policyUpdateFeature, appointmentsFeature, myDataFeature, blockFeature, deleteFeature, withdrawFeature, editFeature, fallbackFeature);

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

/**
 * Conversations build their own Api, so bot.api's transformers do not reach it (design.md). Auto-retry
 * is safe here because it only calls the layer below, the replay cache: a replayed call is answered
 * from the cache and never re-sent. A transformer that sent by itself would send on every replay.
 */
const retryInsideConversations: MiddlewareFn<DialogueContext> = (ctx, next) => {
  ctx.api.config.use(autoRetry());
  return next();
};

function appMiddleware(app: App, channel: ChannelName): MiddlewareFn<Context & AppFlavor> {
  return (ctx, next) => {
    ctx.app = app;
    ctx.channel = channel;
    ctx.log = app.logger.child({ update: ctx.update.update_id, channel });
    return next();
  };
}
