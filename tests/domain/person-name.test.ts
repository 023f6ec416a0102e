import { describe, expect, it } from "vitest";
import { parsePersonName } from "../../src/domain/person-name";

const ok = (fullName: string) => ({ ok: true, fullName });
const fail = (reason: string) => ({ ok: false, reason });

describe("a real full name is accepted", () => {
  it("a Russian name with a patronymic is accepted as typed", () => {
    expect(parsePersonName("Иванов Иван Иванович")).toEqual(ok("Иванов Иван Иванович"));
  });

  it("a Kazakh name with Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ and І is accepted", () => {
    expect(parsePersonName("Әлиева Ғалия Құрманғазықызы")).toEqual(ok("Әлиева Ғалия Құрманғазықызы"));
    expect(parsePersonName("Өтегенов Нұрлан Үсенұлы")).toEqual(ok("Өтегенов Нұрлан Үсенұлы"));
    expect(parsePersonName("Һашимов Іңкәр")).toEqual(ok("Һашимов Іңкәр"));
  });

  it("a name with Ё is accepted and Ё is kept", () => {
    expect(parsePersonName("Семёнов Пётр")).toEqual(ok("Семёнов Пётр"));
  });

  it("a name whose Ё was typed as Е plus a combining diaeresis is composed to one letter", () => {
    expect(parsePersonName("Семе\u0308нов Петр")).toEqual(ok("Семёнов Петр"));
  });

  it("a -ұлы patronymic is one word", () => {
    expect(parsePersonName("Сейтқалиев Ерлан Сейтқалиұлы")).toEqual(ok("Сейтқалиев Ерлан Сейтқалиұлы"));
  });

  it("a -қызы patronymic is one word", () => {
    expect(parsePersonName("Нұрланова Айгерім Нұрланқызы")).toEqual(ok("Нұрланова Айгерім Нұрланқызы"));
  });

  it("a name written in Latin letters is accepted", () => {
    expect(parsePersonName("John Smith")).toEqual(ok("John Smith"));
  });

  it("a Latin name with diacritics is accepted", () => {
    expect(parsePersonName("Zoë Müller-Lüdenscheidt")).toEqual(ok("Zoë Müller-Lüdenscheidt"));
  });

  it("one word in Latin and another in Cyrillic is accepted", () => {
    expect(parsePersonName("Smith Иван")).toEqual(ok("Smith Иван"));
  });

  it("a hyphenated double surname is accepted", () => {
    expect(parsePersonName("Иванова-Петрова Мария")).toEqual(ok("Иванова-Петрова Мария"));
  });

  it.each([
    ["a typewriter apostrophe", "O'Neil Patrick"],
    ["a typographic apostrophe", "O\u2019Neil Patrick"],
    ["a modifier-letter apostrophe", "O\u02BCNeil Patrick"],
  ])("a name with %s is accepted", (_label, input) => {
    expect(parsePersonName(input)).toEqual(ok(input));
  });

  it("four words (two given names) are accepted", () => {
    expect(parsePersonName("Иванов Иван Петр Сидорович")).toEqual(ok("Иванов Иван Петр Сидорович"));
  });

  it("a two-letter surname and a two-letter name are accepted", () => {
    expect(parsePersonName("Ли Ен")).toEqual(ok("Ли Ен"));
  });

  it("a one-letter word next to two written-out ones is accepted", () => {
    expect(parsePersonName("Ким Ен А")).toEqual(ok("Ким Ен А"));
  });
});

describe("a name is tidied before it is stored", () => {
  it("extra spaces, tabs and non-breaking spaces are collapsed", () => {
    expect(parsePersonName("  Иванов \t\u00A0 Иван   Иванович ")).toEqual(ok("Иванов Иван Иванович"));
  });

  it("an all-lowercase name is title-cased, each hyphen part separately", () => {
    expect(parsePersonName("иванов-петров иван")).toEqual(ok("Иванов-Петров Иван"));
  });

  it("an all-uppercase Kazakh name is title-cased", () => {
    expect(parsePersonName("ӘЛИЕВ ҚАНАТ ӨТЕПҰЛЫ")).toEqual(ok("Әлиев Қанат Өтепұлы"));
  });

  it("deliberate mixed case like McDonald is kept", () => {
    expect(parsePersonName("McDonald ronald")).toEqual(ok("McDonald Ronald"));
  });

  it("an apostrophe does not start a new capitalised part", () => {
    expect(parsePersonName("o'neil patrick")).toEqual(ok("O'neil Patrick"));
  });
});

describe("a name with characters that cannot be in a name is rejected as characters", () => {
  it.each([
    ["digits", "Иванов Иван 2"],
    ["a digit inside a word", "Ив4нов Иван"],
    ["emoji", "Иванов Иван 😀"],
    ["a dot", "Иванов И. И."],
    ["a comma", "Иванов, Иван"],
    ["a Greek letter", "Иванов Ιван"],
    ["an Arabic name", "محمد علي"],
    ["a hyphen at the start of a word", "-Иванов Иван"],
    ["a hyphen at the end of a word", "Иванов- Иван"],
    ["a lone hyphen between words", "Иванов - Иван"],
    ["a doubled hyphen", "Иванова--Петрова Мария"],
    ["a doubled apostrophe", "O''Neil Patrick"],
    ["a hyphen next to an apostrophe", "O'-Neil Patrick"],
    ["an apostrophe at the end", "Patrick O'"],
    ["a zero-width space", "Иван\u200Bов Иван"],
    ["a combining mark that has no composed form", "Иванов Ива\u0301н"],
  ])("%s is rejected", (_label, input) => {
    expect(parsePersonName(input)).toEqual(fail("characters"));
  });
});

describe("a word mixing Cyrillic and Latin letters is rejected as mixed_script", () => {
  it("a Latin 'a' hidden in a Cyrillic surname is caught", () => {
    expect(parsePersonName("Ивaнов Иван")).toEqual(fail("mixed_script"));
  });

  it("a Latin 'a' next to a Latin 'i' in a Cyrillic word is still caught", () => {
    expect(parsePersonName("Айгерiм Сaрсенова")).toEqual(fail("mixed_script"));
  });

  it("a Cyrillic 'о' hidden in a Latin name is caught", () => {
    expect(parsePersonName("John Smith\u043E")).toEqual(fail("mixed_script"));
  });

  it("a hyphenated word mixing scripts is caught", () => {
    expect(parsePersonName("Иванова-Smith Мария")).toEqual(fail("mixed_script"));
  });
});

describe("a Latin i typed for the Kazakh і on a keyboard without the Kazakh layout", () => {
  it("is mended to і in an otherwise Cyrillic word", () => {
    expect(parsePersonName("Айгерiм Серiкқызы")).toEqual({ ok: true, fullName: "Айгер\u0456м Сер\u0456кқызы" });
  });

  it("is mended to І at the start of a word", () => {
    expect(parsePersonName("Iлияс Жансүгіров")).toEqual({ ok: true, fullName: "\u0406лияс Жансүгіров" });
  });

  it("is left alone in a Latin word", () => {
    expect(parsePersonName("Inkar Smith")).toEqual({ ok: true, fullName: "Inkar Smith" });
  });
});

describe("a name with too few or too many words is rejected as word_count", () => {
  it.each([
    ["empty input", ""],
    ["only spaces", "   \t "],
    ["a single word", "Иванов"],
    ["five words", "Иванов Иван Петр Сидор Иванович"],
  ])("%s is rejected", (_label, input) => {
    expect(parsePersonName(input)).toEqual(fail("word_count"));
  });
});

describe("a name made of initials is rejected as initials", () => {
  it.each([
    ["three one-letter words", "А Б В"],
    ["two one-letter words", "А Б"],
    ["a surname with initials", "Иванов И И"],
    ["a surname with one initial", "Иванов И"],
    ["a one-letter given name after a two-letter surname", "Ли А"],
    ["Latin initials", "J R R"],
  ])("%s is rejected", (_label, input) => {
    expect(parsePersonName(input)).toEqual(fail("initials"));
  });
});

describe("a name that is too long is rejected as length", () => {
  it("a word over 40 letters is rejected", () => {
    expect(parsePersonName(`${"а".repeat(41)} Иван`)).toEqual(fail("length"));
  });

  it("a word of exactly 40 letters is accepted", () => {
    expect(parsePersonName(`${"а".repeat(40)} Иван`)).toMatchObject({ ok: true });
  });

  it("a whole name over 100 characters is rejected", () => {
    const word = "а".repeat(33);
    expect(parsePersonName(`${word} ${word} ${word} б`)).toEqual(fail("length"));
  });

  it("a whole name of exactly 100 characters is accepted", () => {
    const word = "а".repeat(32);
    expect(parsePersonName(`${word} ${word} ${word} б`)).toMatchObject({ ok: true });
  });
});
