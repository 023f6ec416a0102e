import { InlineKeyboard } from "grammy";
import { backData, cancelData, type CallbackData } from "../domain/callback-data";
import type { Locale } from "../domain/locale";

export interface Choice {
  label: string;
  data: string;
  /** Takes a row of its own, before the grid of the others (a shortcut such as "the earliest time"). */
  wide?: boolean;
  /** Takes a row of its own after the grid of the others (a way out such as "nothing fits"). */
  last?: boolean;
}

export interface NavigationLabels {
  back?: string;
  cancel?: string;
}

/** One choice per row (long service and doctor names stay readable on a phone), then Back / Cancel. */
export function choiceKeyboard(choices: Choice[], navigation: NavigationLabels = {}, perRow = 1): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const choice of choices.filter((choice) => choice.wide)) keyboard.text(choice.label, choice.data).row();
  const grid = choices.filter((choice) => !choice.wide && !choice.last);
  grid.forEach((choice, index) => {
    keyboard.text(choice.label, choice.data);
    if ((index + 1) % perRow === 0 || index === grid.length - 1) keyboard.row();
  });
  for (const choice of choices.filter((choice) => choice.last && !choice.wide)) keyboard.text(choice.label, choice.data).row();
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
