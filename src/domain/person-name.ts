export type PersonNameFailure = "characters" | "mixed_script" | "word_count" | "initials" | "length";
export type PersonNameResult = { ok: true; fullName: string } | { ok: false; reason: PersonNameFailure };

// Script properties rather than letter ranges: the Kazakh letters
// (Ә Ғ Қ Ң Ө Ұ Ү Һ І) and Ё sit outside А–я.
const CYRILLIC_LETTER = /^(?=\p{L})\p{Script=Cyrillic}$/u;
const LATIN_LETTER = /^(?=\p{L})\p{Script=Latin}$/u;

// Double surnames use a hyphen; Latin-spelled names like O'Neil and
// transliterated Kazakh names use one of several apostrophes.
const JOINERS = new Set(["-", "'", "\u2019", "\u02BC"]);

const MIN_LENGTH = 3;
const MAX_LENGTH = 100;
const MAX_WORD_LENGTH = 40;
// Surname, given name and patronymic, with room for a second given name;
// a single word is not enough to identify the patient at the reception desk.
const MIN_WORDS = 2;
const MAX_WORDS = 4;

type CharKind = "cyrillic" | "latin" | "joiner" | "other";

function kindOf(char: string): CharKind {
  if (CYRILLIC_LETTER.test(char)) return "cyrillic";
  if (LATIN_LETTER.test(char)) return "latin";
  if (JOINERS.has(char)) return "joiner";
  return "other";
}

function isWellFormedWord(chars: readonly string[]): boolean {
  let previous: CharKind = "joiner";
  for (const char of chars) {
    const kind = kindOf(char);
    if (kind === "other") return false;
    if (kind === "joiner" && previous === "joiner") return false;
    previous = kind;
  }
  return previous !== "joiner";
}

function mixesScripts(chars: readonly string[]): boolean {
  const kinds = new Set(chars.map(kindOf));
  return kinds.has("cyrillic") && kinds.has("latin");
}

// Keyboards without a Kazakh layout make people type the Latin i for the Kazakh і (Айгерiм). In a
// word that is otherwise Cyrillic this is a keyboard artefact, not a homoglyph trick, so it is mended.
const LATIN_I_TO_KAZAKH: Record<string, string> = { i: "\u0456", I: "\u0406" };

function mendLatinI(chars: readonly string[]): string[] {
  const latin = chars.filter((char) => kindOf(char) === "latin");
  const hasCyrillic = chars.some((char) => kindOf(char) === "cyrillic");
  if (!hasCyrillic || latin.length === 0 || !latin.every((char) => char in LATIN_I_TO_KAZAKH)) return [...chars];
  return chars.map((char) => LATIN_I_TO_KAZAKH[char] ?? char);
}

function titleCase(part: string): string {
  const [first = "", ...rest] = Array.from(part);
  return first.toUpperCase() + rest.join("").toLowerCase();
}

// Names typed in all caps or all lowercase are the keyboard's doing, not the
// person's; deliberate mixed case such as McDonald is left alone.
function tidyCase(word: string): string {
  const isAllLower = word === word.toLowerCase();
  const isAllUpper = word === word.toUpperCase();
  if (!isAllLower && !isAllUpper) return word;
  return word.split("-").map(titleCase).join("-");
}

export function parsePersonName(input: string): PersonNameResult {
  const text = input.normalize("NFC").trim().replace(/\s+/gu, " ");
  const wordChars = (text === "" ? [] : text.split(" ")).map((word) => mendLatinI(Array.from(word)));
  const words = wordChars.map((chars) => chars.join(""));

  if (!wordChars.every(isWellFormedWord)) return { ok: false, reason: "characters" };
  if (wordChars.some(mixesScripts)) return { ok: false, reason: "mixed_script" };
  if (words.length < MIN_WORDS || words.length > MAX_WORDS) return { ok: false, reason: "word_count" };
  // The reception desk finds the person by surname and given name written out: "А Б В" or "Иванов И И"
  // are initials (or a test), so at least two words must be longer than one letter.
  if (wordChars.filter((chars) => chars.length > 1).length < MIN_WORDS) return { ok: false, reason: "initials" };

  const length = Array.from(words.join(" ")).length;
  if (length < MIN_LENGTH || length > MAX_LENGTH || wordChars.some((chars) => chars.length > MAX_WORD_LENGTH)) {
    return { ok: false, reason: "length" };
  }

  return { ok: true, fullName: words.map(tidyCase).join(" ") };
}
