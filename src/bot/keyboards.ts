import { InlineKeyboard } from "grammy";
import { backData, cancelData, type CallbackData } from "../domain/callback-data";
import type { Locale } from "../domain/locale";

export interface Choice {
  label: string;
  data: string;
}

export interface NavigationLabels {
  back?: string;
  cancel?: string;
}

/** One choice per row (long service and doctor names stay readable on a phone), then Back / Cancel. */
export function choiceKeyboard(choices: Choice[], navigation: NavigationLabels = {}, perRow = 1): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  choices.forEach((choice, index) => {
    keyboard.text(choice.label, choice.data);
    if ((index + 1) % perRow === 0 || index === choices.length - 1) keyboard.row();
  });
  return withNavigation(keyboard, navigation);
}

export function navigationKeyboard(navigation: NavigationLabels): InlineKeyboard {
  return withNavigation(new InlineKeyboard(), navigation);
}

function withNavigation(keyboard: InlineKeyboard, { back, cancel }: NavigationLabels): InlineKeyboard {
  if (back) keyboard.text(back, backData.data);
  if (cancel) keyboard.text(cancel, cancelData.data);
  return keyboard;
}

/** Language names are written in their own language, so the keyboard is the same in both locales. */
export function languageKeyboard(kind: CallbackData<{ locale: Locale }>, names: Record<Locale, string>): InlineKeyboard {
  return new InlineKeyboard().text(names.kk, kind.pack({ locale: "kk" })).text(names.ru, kind.pack({ locale: "ru" }));
}
