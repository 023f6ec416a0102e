/**
 * Reading a typed answer where buttons are offered: people type "педиатр" or "назад" instead of
 * pressing, on every channel. Pure text rules, shared by the dialogue and the WhatsApp numbering.
 */

/** A typed word shorter than this names a whole word only ("узи", "лфк"); as a beginning it matches too much. */
const MIN_PREFIX_LETTERS = 4;
/** Shorter typed words name nothing: "да", "и", "с" are everywhere. */
const MIN_WORD_LETTERS = 3;

/** "✅ Согласен(на)" and "согласен (на)" compare equal; so do "14:00" and "14.00". */
export function comparable(label: string): string {
  return label
    .normalize("NFC")
    .toLocaleLowerCase("ru")
    .replaceAll("ё", "е")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export type TypedChoice = { kind: "option"; index: number } | { kind: "ambiguous" } | { kind: "none" };

/**
 * The option a typed text names: the one whose label it equals (ignoring case, emoji, punctuation),
 * else the only one whose words its words begin, in order ("педиатр" for "Консультация педиатра",
 * "лфк" for "Лечебная физкультура (ЛФК)").
 */
export function matchTypedChoice(typed: string, labels: readonly string[]): TypedChoice {
  const wanted = comparable(typed);
  if (!wanted) return { kind: "none" };
  const exact = indexesWhere(labels, (label) => comparable(label) === wanted);
  if (exact.length > 0) return exact.length === 1 ? { kind: "option", index: exact[0]! } : { kind: "ambiguous" };
  const partial = indexesWhere(labels, (label) => containsWordsStartingWith(comparable(label), wanted));
  if (partial.length === 0) return { kind: "none" };
  return partial.length === 1 ? { kind: "option", index: partial[0]! } : { kind: "ambiguous" };
}

function wordNamed(word: string, typed: string): boolean {
  if (typed.length < MIN_WORD_LETTERS) return false;
  return typed.length < MIN_PREFIX_LETTERS ? word === typed : word.startsWith(typed);
}

function indexesWhere(labels: readonly string[], test: (label: string) => boolean): number[] {
  return labels.flatMap((label, index) => (test(label) ? [index] : []));
}

/** Every typed word begins a word of the label, in order: "консульт педиатр" in "консультация педиатра". */
function containsWordsStartingWith(label: string, typed: string): boolean {
  const words = label.split(" ");
  let from = 0;
  for (const part of typed.split(" ")) {
    const found = words.findIndex((word, index) => index >= from && wordNamed(word, part));
    if (found < 0) return false;
    from = found + 1;
  }
  return true;
}
