import { conversations, createConversation, type Conversation, type ConversationFlavor } from "@grammyjs/conversations";
import { Bot, type Context, InlineKeyboard } from "grammy";
import type { Update } from "grammy/types";
import { localBotInfo } from "../src/channels/local-bot-api";
import { TestClock } from "../tests/support/clock";
import { DEFAULT_NOW } from "../tests/support/fixtures";
import { Driver, type Action, type BenchBot } from "./drive";

type FloorContext = ConversationFlavor<Context>;

/**
 * The fair floor: the same framework and the same replay, nothing of ours. A bare grammY bot whose
 * conversation has the booking's shape (twelve questions after /start, buttons and typed answers, a
 * few reads outside the replay), its state kept in memory.
 */
export class FloorBot implements BenchBot {
  readonly name = "floor";
  readonly driver: Driver;
  private readonly states = new Map<string, unknown>();
  readonly bot: Bot<FloorContext>;

  /** Its Bot API calls go to the in-process transport, or to `api` (the webhook benchmark's emulator). */
  constructor(api?: { token: string; apiRoot: string }) {
    const clock = new TestClock(DEFAULT_NOW);
    this.driver = new Driver(clock);
    const client = api ? { apiRoot: api.apiRoot } : { fetch: this.driver.transport.fetch };
    this.bot = new Bot<FloorContext>(api?.token ?? "123:FLOOR", { botInfo: localBotInfo("floor_bot"), client });
    const states = this.states;
    this.bot.use(
      conversations({
        storage: {
          type: "key",
          getStorageKey: (ctx) => ctx.chatId?.toString(),
          adapter: { read: (key) => states.get(key) as never, write: (key, state) => void states.set(key, state), delete: (key) => void states.delete(key) },
        },
      }),
    );
    this.bot.use(createConversation(booking, "booking"));
    this.bot.command("start", (ctx) => ctx.conversation.enter("booking"));
  }

  handle(update: Update): Promise<void> {
    return this.bot.handleUpdate(update);
  }

  stateSize(chatId: number): { stored: number; plain: number } {
    const bytes = JSON.stringify(this.states.get(String(chatId)) ?? null).length;
    return { stored: bytes, plain: bytes };
  }

  close(): void {
    this.states.clear();
  }
}

/** The floor's answers: the same kinds of update at the same steps as the booking. */
export function floorScript(person: number): Action[] {
  return [
    { type: "/start" },
    { pressAt: 1 },
    { pressAt: 0 },
    { pressAt: 1 },
    { pressAt: 0 },
    { type: "900101300126" },
    { type: "Иванов Иван Иванович" },
    { type: "+7 701 234 56 78" },
    { pressAt: 0 },
    { pressAt: person % 2 },
    { pressAt: Math.floor(person / 2) % 12 },
    { pressAt: Math.floor(person / 24) },
    { pressAt: 0 },
  ];
}

const SLOTS = new Map(Array.from({ length: 12 }, (_, day) => [`d${day}`, Array.from({ length: 8 }, (_, slot) => `${9 + slot}:00`)]));

async function booking(conversation: Conversation<FloorContext, Context>, ctx: Context): Promise<void> {
  const choose = async (question: string, options: string[]): Promise<string> => {
    const keyboard = new InlineKeyboard();
    options.forEach((option, index) => keyboard.text(option, `o:${index}`).row());
    await ctx.reply(question, { reply_markup: keyboard });
    const pressed = await conversation.waitFor("callback_query:data");
    await pressed.answerCallbackQuery();
    return options[Number(pressed.callbackQuery.data.slice(2))] ?? "";
  };
  const type = async (question: string): Promise<string> => {
    await ctx.reply(question);
    return (await conversation.waitFor("message:text")).message.text;
  };
  await choose("Тілді таңдаңыз / Выберите язык", ["Қазақша", "Русский"]);
  await choose("Политика конфиденциальности: согласны?", ["Да", "Нет"]);
  await choose("Передача третьим лицам?", ["Да", "Нет"]);
  await choose("Кто придёт на приём?", ["Я сам", "Другой человек"]);
  const iin = await type("ИИН?");
  const name = await type("ФИО?");
  const phone = await type("Телефон?");
  const services = await conversation.external(() => ["Педиатр", "Невролог", "Логопед"]);
  const service = await choose("Услуга?", services);
  const doctor = await choose("Врач?", await conversation.external(() => ["Ахметова", "Садыкова"]));
  const day = await choose("День?", [...SLOTS.keys()]);
  const time = await choose("Время?", await conversation.external(() => SLOTS.get(day) ?? []));
  await choose(`${name}, ${iin}, ${phone}: ${service}, ${doctor}, ${day} ${time}. Верно?`, ["Подтвердить", "Назад"]);
  await conversation.external(() => undefined);
  await ctx.reply("Записано");
}
