import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard, type Keyboard } from "grammy";
import type { ReplyKeyboardRemove } from "grammy/types";
import type { TranslationVariables } from "@grammyjs/i18n";
import type { App } from "../../app";
import { backData, cancelData, declineOfferData, dialogueContinueData, dialogueLeaveData, languageData, LEAVE_FOR, takeOfferData } from "../../domain/callback-data";
import type { Locale } from "../../domain/locale";
import { comparable, matchTypedChoice } from "../../domain/typed-choice";
import type { BotContext, DialogueContext, PrivateContext } from "../context";
import { markAnswered, removeButtons } from "../answered-buttons";
import { markLeftOnPurpose } from "../left-dialogues";
import { answerPolicyTextButton, informationCommand, type ReadApp } from "../information";
import { choiceKeyboard, languageKeyboard, type Choice, type NavigationLabels } from "../keyboards";
import { BACK, type Back, type Place, type Run } from "./engine";
import { handOn } from "./hand-on";

export type DialogueConversation = Conversation<BotContext, DialogueContext>;

/** What differs between the scripted dialogues (booking, correction): the locale keys of three texts. */
export interface DialogueTexts {
  /** The label of the button (and of the typed reply) that leaves the dialogue. */
  cancelButton: string;
  /** Said when the person leaves the dialogue, here or with /cancel. */
  cancelled: string;
  /** The answer to a command sent in the middle of the dialogue. */
  busy: string;
  /** The question "go on, or leave it?" when /book, /start or /appointments is sent in the middle. */
  leaving: string;
  /** Said when the person comes back after the dialogue was left untouched for DRAFT_TIMEOUT_MS. */
  expired: string;
}

export interface Prompt {
  text: string;
  keyboard?: InlineKeyboard | Keyboard | ReplyKeyboardRemove;
  /** The step wants typing (IIN, name, phone); otherwise it wants a button. */
  expectsText?: boolean;
}

/** A typed message as the question read it, kept in the replay log (see `ask`). */
type TypedAnswer<T> = { kind: "back" } | { kind: "cancel" } | { kind: "command" } | { kind: "reading"; reading: Reading<T> | null };

/** How a step reads one update: a value, a message saying what is wrong, or "not for this step". */
export type Reading<T> = { ok: true; value: T; label?: string } | { ok: false; error: string } | undefined;

/** A button of a choice step and what pressing it answers. */
export interface Option<T> extends Choice {
  value: T;
}

/**
 * The scripted dialogue's one way to talk: every step sends a prompt and waits for an answer it can
 * read. Everything else the person may send meanwhile (a sticker, a command, an old button) gets a
 * short polite answer and the same prompt again, so no input can derail or crash a step.
 */
export class Dialogue {
  private latest: DialogueContext;
  /** Updates this run of the conversation has read (replayed or new). */
  private answers = 0;
  /** How the shared information answers read the database from inside the dialogue. */
  private readonly read: ReadApp = (task) => this.outside(task);

  constructor(
    private readonly conversation: DialogueConversation,
    ctx: DialogueContext,
    readonly locale: Locale,
    private readonly texts: DialogueTexts,
    /** The conversation's id, under which the dialogue goes on (continueWith). */
    private readonly id: string,
  ) {
    this.latest = ctx;
  }

  /** The context of the latest update, for the shared reply builders. */
  get context(): DialogueContext {
    return this.latest;
  }

  /** The clinic's time zone: configuration, fixed for the life of the process. */
  get timeZone(): string {
    return this.latest.app.timeZone;
  }

  t(key: string, variables?: TranslationVariables): string {
    return this.latest.t(key, variables);
  }

  /** Back and this dialogue's Cancel, for the keyboards of its steps. */
  navigation(): Required<NavigationLabels> {
    return { back: this.t("button-back"), cancel: this.t(this.texts.cancelButton) };
  }

  async say(text: string, keyboard?: Prompt["keyboard"]): Promise<void> {
    await this.latest.reply(text, keyboard ? { reply_markup: keyboard } : undefined);
  }

  /** Reads or writes outside the replay: database, clock. Results must be plain JSON. */
  outside<T>(task: (app: App, ctx: PrivateContext) => T | Promise<T>): Promise<T> {
    return this.conversation.external((ctx) => task(ctx.app, privateChat(ctx)));
  }

  /**
   * Reads what only words a question (the catalogue's descriptions), never what decides the dialogue's
   * course. It is not kept in the replay log: on a replay the question is not sent again, so its text
   * may be read anew, and the stored state does not carry it.
   */
  wording<T>(task: (app: App) => T): T {
    return task(this.latest.app);
  }

  /** Ends the dialogue; the conversation plugin then deletes its stored state (the draft). */
  async stop(message?: string): Promise<never> {
    if (message) await this.say(message, { remove_keyboard: true });
    return this.conversation.halt();
  }

  /**
   * How a script (engine.ts) goes on from `at`: within this run until it has read an answer, then as a
   * new run of this conversation, begun with the arguments `argsAt` makes of the place it leads to.
   */
  runFrom<Name extends string>(at: Place<Name> | undefined, argsAt: (place: Place<Name>) => unknown[]): Run<Name> {
    return { at, hasAnswer: () => this.answers > 0, continueAt: (place) => this.continueWith(argsAt(place)) };
  }

  /**
   * Ends this run of the conversation and begins it anew with `args`, in this same update: the next
   * step then replays none of the answers before it (engine.ts). `args` are stored with the new run,
   * encrypted like the rest of its state, and must be plain JSON.
   */
  private async continueWith(args: unknown[]): Promise<never> {
    await this.conversation.external((ctx) => handOn(ctx, { id: this.id, args }));
    return this.conversation.halt({ next: true });
  }

  /**
   * Offers one button per option (`perRow` to a row, then the navigation) and returns the value of
   * the option pressed. Back works exactly when its button is offered; a button that is not among the
   * options (another step's, an older message's) is refused as outdated.
   */
  choose<T>(text: string, options: Option<T>[], navigation: NavigationLabels, perRow = 1): Promise<T | Back> {
    const keyboard = choiceKeyboard(options, navigation, perRow);
    return this.ask(
      { text, keyboard },
      (ctx) => {
        const typed = ctx.message?.text;
        if (typed !== undefined) return readTypedChoice(typed, options);
        const pressed = options.find((option) => option.data === ctx.callbackQuery?.data);
        return pressed ? { ok: true, value: pressed.value, label: pressed.label } : undefined;
      },
      navigation.back !== undefined,
    );
  }

  /**
   * Sends the prompt and waits for an answer `read` accepts. With `canGoBack`, a Back button or the
   * reply "Back" returns BACK. Only the buttons of this question count: those of messages sent before
   * it (an earlier step, an earlier dialogue) are refused as outdated. The answered question keeps a
   * mark of the answer in place of its buttons.
   *
   * Anything else is answered, the prompt shown again, and the update then skipped: the replay log
   * keeps only the answers, so a thousand wrong answers leave the stored state (and the work of every
   * later update, which replays it) as small as one.
   */
  async ask<T>(prompt: Prompt, read: (ctx: DialogueContext) => Reading<T>, canGoBack = true): Promise<T | Back> {
    const beforeAsking = this.conversation.checkpoint();
    const asked = await this.latest.reply(prompt.text, prompt.keyboard ? { reply_markup: prompt.keyboard } : undefined);
    const ctx = await this.conversation.wait();
    this.latest = ctx;
    this.answers += 1;
    if (ctx.callbackQuery) {
      const data = ctx.callbackQuery.data;
      // A waiting-list offer is held only for minutes: answered outside the dialogue, which goes on waiting.
      if (takeOfferData.read(data) || declineOfferData.read(data)) return this.conversation.skip({ next: true });
      const language = languageData.read(data);
      if (language) return this.switchLanguage(ctx, language.locale, beforeAsking);
      const ofThisQuestion = (ctx.callbackQuery.message?.message_id ?? asked.message_id) >= asked.message_id;
      // The answer to /book or /appointments sent meanwhile (never an earlier dialogue's): leaving hands
      // this very update on to them.
      if (ofThisQuestion && dialogueLeaveData.read(data)) {
        await this.answered(ctx, this.t(leaveLabel(dialogueLeaveData.unpack(data!).then)));
        await this.outside((_app, outside) => markLeftOnPurpose(outside));
        return this.conversation.halt({ next: true });
      }
      if (ofThisQuestion && dialogueContinueData.is(data)) {
        await this.answered(ctx, this.t("button-dialogue-continue"));
        await this.say(prompt.text, prompt.keyboard);
        return this.conversation.skip({ next: false });
      }
      if (ofThisQuestion && cancelData.is(data)) return this.leave(ctx, this.t(this.texts.cancelButton));
      if (ofThisQuestion && backData.is(data) && canGoBack) {
        await this.answered(ctx, this.t("button-back"));
        return BACK;
      }
      const reading = ofThisQuestion ? read(ctx) : undefined;
      if (reading?.ok) {
        await this.answered(ctx, reading.label);
        return reading.value;
      }
      // The "read in full" buttons of a policy shown mid-dialogue (/policy) still work.
      if (!(await answerPolicyTextButton(ctx, this.read, this.locale))) await ctx.answerCallbackQuery({ text: this.t("button-outdated") });
    } else if (ctx.message) {
      const text = ctx.message.text;
      const typedAnswer = async <V>(value: V): Promise<V> => {
        if (prompt.keyboard instanceof InlineKeyboard) await removeButtons(ctx, asked.message_id);
        return value;
      };
      // How typed words were read is kept in the replay log: after /lang the dialogue is replayed in
      // the other language, where "назад" or "педиатр" match no label, and must still take the same path.
      const typed = await this.conversation.external((): TypedAnswer<T> => {
        if (text !== undefined && canGoBack && sameWords(text, this.t("button-back"))) return { kind: "back" };
        if (text !== undefined && sameWords(text, this.t(this.texts.cancelButton))) return { kind: "cancel" };
        if (text?.startsWith("/")) return { kind: "command" };
        return { kind: "reading", reading: read(ctx) ?? null };
      });
      if (typed.kind === "back") return typedAnswer(BACK);
      if (typed.kind === "cancel") return typedAnswer(await this.stop(this.t(this.texts.cancelled)));
      if (typed.kind === "command") {
        await this.answerCommand(ctx, text!);
      } else {
        const { reading } = typed;
        if (reading?.ok) return typedAnswer(reading.value);
        await this.say(reading ? reading.error : this.t(prompt.expectsText ? "answer-text-please" : "answer-use-buttons"));
      }
    } else {
      // Edits, reactions and the like are not answers; leave them to the rest of the bot.
      await this.conversation.skip({ next: true });
    }
    await this.say(prompt.text, prompt.keyboard);
    return this.conversation.skip({ next: false });
  }

  /** A pressed button of this question: the press is answered and the question keeps the mark of `label`. */
  private async answered(ctx: DialogueContext, label: string | undefined): Promise<void> {
    await ctx.answerCallbackQuery();
    if (label !== undefined) await markAnswered(ctx, label);
  }

  private async leave(ctx: DialogueContext, label: string): Promise<never> {
    await this.answered(ctx, label);
    return this.stop(this.t(this.texts.cancelled));
  }

  /**
   * /help and /policy are answered as outside the dialogue, and /lang offers the languages; any other
   * command waits for the dialogue's end.
   */
  private async answerCommand(ctx: DialogueContext, text: string): Promise<void> {
    const command = text.slice(1).split(/[\s@]/)[0]?.toLowerCase();
    // The languages, and no repeat of the open question: it comes again, in the chosen language.
    if (command === "lang") {
      await this.say(this.t("choose-language"), languageKeyboard(languageData, { kk: this.t("language-kk"), ru: this.t("language-ru") }));
      return this.conversation.skip({ next: false });
    }
    const leaveFor = command === "start" ? "book" : LEAVE_FOR.find((then) => then === command);
    if (leaveFor) {
      const keyboard = new InlineKeyboard()
        .text(this.t("button-dialogue-continue"), dialogueContinueData.data)
        .row()
        .text(this.t(leaveLabel(leaveFor)), dialogueLeaveData.pack({ then: leaveFor }));
      await this.say(this.t(this.texts.leaving), keyboard);
      return this.conversation.skip({ next: false });
    }
    const answer = informationCommand(command);
    if (answer) await answer(ctx, this.read, this.locale);
    else await this.say(this.t(this.texts.busy));
  }

  /**
   * A language chosen in the middle of the dialogue: it is remembered for the chat, and the dialogue goes
   * back to just before the open question, which is then asked again in the new language. Nothing
   * answered so far is lost: only the question is replayed.
   */
  private async switchLanguage(ctx: DialogueContext, locale: Locale, beforeAsking: ReturnType<DialogueConversation["checkpoint"]>): Promise<never> {
    await this.outside((app, outside) => {
      app.store.preferences.setLocale(outside.channel, outside.chat.id, locale);
      // The replay that follows, in this same update, speaks the new language (src/bot/i18n.ts).
      outside.i18n.useLocale(locale);
    });
    await ctx.answerCallbackQuery();
    await markAnswered(ctx, this.latest.app.i18n.t(locale, `language-${locale}`));
    await this.say(this.latest.app.i18n.t(locale, "language-changed"));
    return this.conversation.rewind(beforeAsking);
  }
}

function leaveLabel(then: (typeof LEAVE_FOR)[number]): string {
  return then === "book" ? "button-dialogue-leave-for-book" : "button-dialogue-leave-for-appointments";
}

/** "назад" typed for "← Назад": the same words, whatever the case, emoji and punctuation. */
function sameWords(typed: string, label: string): boolean {
  return comparable(typed) === comparable(label);
}

/** An option named by typing (its label, or a word only it has); anything else is left to the step. */
function readTypedChoice<T>(typed: string, options: Option<T>[]): Reading<T> {
  const choice = matchTypedChoice(typed, options.map((option) => option.label));
  if (choice.kind !== "option") return undefined;
  const option = options[choice.index]!;
  return { ok: true, value: option.value, label: option.label };
}

/** createConversation is installed for private chats only, so a dialogue's outside context is one. */
function privateChat(ctx: BotContext): PrivateContext {
  if (!ctx.hasChatType("private")) throw new Error("A dialogue ran outside a private chat: install createConversation under chatType(\"private\")");
  return ctx;
}
