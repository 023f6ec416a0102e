import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { BotApiEmulator, RecordedCall } from "./bot-api-emulator";

/** A patient's side of the booking over the loopback Bot API: read the bot's messages, press, type. */
export class EmulatedPatient {
  constructor(
    private readonly emulator: BotApiEmulator,
    readonly chatId: number,
  ) {}

  /** The next message to this chat whose text passes `predicate`. */
  reply(predicate: (text: string) => boolean, timeoutMs = 10_000): Promise<RecordedCall> {
    return this.emulator.waitForCall((call) => call.method === "sendMessage" && call.payload.chat_id === this.chatId && predicate(String(call.payload.text)), timeoutMs);
  }

  press(call: RecordedCall, label: string): void {
    const button = (call.payload.reply_markup as InlineKeyboardMarkup).inline_keyboard.flat().find((candidate) => candidate.text === label);
    if (!button || !("callback_data" in button)) throw new Error(`no button ${label}`);
    this.emulator.pressButton(this.chatId, (call.result as Message).message_id, button.callback_data);
  }

  pressFirst(call: RecordedCall): void {
    this.press(call, (call.payload.reply_markup as InlineKeyboardMarkup).inline_keyboard[0]![0]!.text);
  }

  type(text: string): void {
    this.emulator.sendText({ id: this.chatId }, text);
  }

  /**
   * From /start to the summary in Russian, booking Иванов Иван himself for the paediatrician at the
   * first free time; `beforeService` runs just before the service is chosen. Returns the summary.
   */
  async walkToSummary(beforeService?: () => void): Promise<RecordedCall> {
    this.type("/start");
    this.press(await this.reply((text) => text.includes("Выберите язык")), "Русский");
    this.press(await this.reply((text) => text.startsWith("Политика конфиденциальности")), "✅ Согласен(на)");
    this.press(await this.reply((text) => text.startsWith("Ещё один, отдельный вопрос")), "Нет, не передавать");
    this.press(await this.reply((text) => text.startsWith("Кто придёт на приём?")), "Я сам(а)");
    await this.reply((text) => text.startsWith("Введите ваш ИИН"));
    this.type("900101300126");
    await this.reply((text) => text.startsWith("Введите ваши фамилию"));
    this.type("Иванов Иван");
    await this.reply((text) => text.startsWith("Укажите номер"));
    this.emulator.sendContact(this.chatId, { phone_number: "77012345678", user_id: this.chatId });
    const services = await this.reply((text) => text.startsWith("Выберите услугу:"));
    beforeService?.();
    this.press(services, "Консультация педиатра");
    // The first button: any specialist, at the earliest free time.
    this.pressFirst(await this.reply((text) => text === "Выберите специалиста:"));
    return this.reply((text) => text.startsWith("Проверьте, пожалуйста"));
  }
}
