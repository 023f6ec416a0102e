import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ageOn, maskIin, parseIin } from "../../src/domain/iin";
import type { IinResult } from "../../src/domain/iin";

const TODAY = "2025-06-01";

/** Eleven digits and the control digit the reference implementation gives them. */
function withControl(first11: string): string {
  return `${first11}${referenceControl(first11) ?? 0}`;
}

// Checksums below were worked out by hand:
//   s1 = d1*1 + d2*2 + ... + d11*11, c = s1 mod 11;
//   if c = 10: s2 = d1*3 + d2*4 + ... + d9*11 + d10*1 + d11*2, c = s2 mod 11.
//
// 900101300126: s1 = 9+4+6+21+10+22 = 72, 72 mod 11 = 6
// 850723100450: s1 = 8+10+0+28+10+18+7+0+0+40+0 = 176 = 16*11, control 0
// 051230600785: s1 = 0+10+3+8+15+0+42+0+0+70+88 = 236, 236 mod 11 = 5
// 000229500117: s1 = 0+0+0+8+10+54+35+0+0+10+11 = 128, 128 mod 11 = 7
// 960229400338: s1 = 9+12+0+8+10+54+28+0+0+30+33 = 184, 184 mod 11 = 8
// 880229100212: s1 = 8+16+0+8+10+54+7+0+0+20+11 = 134, 134 mod 11 = 2
// 900101300811: s1 = 9+4+6+21+80+11 = 131, mod 11 = 10;
//               s2 = 27+6+8+27+8+2 = 78, 78 mod 11 = 1
// 950601400120: s1 = 9+10+0+24+0+6+28+0+0+10+22 = 109, mod 11 = 10;
//               s2 = 27+20+0+36+0+8+36+0+0+1+4 = 132 = 12*11, control 0
// 90010130080x: s1 = 9+4+6+21+80+0 = 120, mod 11 = 10;
//               s2 = 27+6+8+27+8+0 = 76, mod 11 = 10 → no valid control digit
// 250315500016: s1 = 2+10+0+12+5+30+35+0+0+0+11 = 105, 105 mod 11 = 6
// 991231600010: s1 = 9+18+3+8+15+6+42+0+0+0+11 = 112, 112 mod 11 = 2;
//               this one is only used where the date rule fires first
// 000229300114: s1 = 0+0+0+8+10+54+21+0+0+10+11 = 114, 114 mod 11 = 4
// 300230300122: s1 = 3+0+0+8+15+0+21+0+0+10+22 = 79, 79 mod 11 = 2

describe("a valid IIN is accepted", () => {
  it("a man born in 1990 gets his birth date and sex from the IIN", () => {
    expect(parseIin("900101300126", TODAY)).toEqual({
      ok: true,
      iin: "900101300126",
      birthDate: "1990-01-01",
      sex: "male",
    });
  });

  it("a girl born in the 2000s is recognised as female (digit 7 = 6)", () => {
    expect(parseIin("051230600785", TODAY)).toEqual({
      ok: true,
      iin: "051230600785",
      birthDate: "2005-12-30",
      sex: "female",
    });
  });

  it("a man born in the 2000s is recognised as male (digit 7 = 5)", () => {
    expect(parseIin("000229500117", TODAY)).toMatchObject({ ok: true, birthDate: "2000-02-29", sex: "male" });
  });

  it("a woman born in the 1900s is recognised as female (digit 7 = 4)", () => {
    expect(parseIin("960229400338", TODAY)).toMatchObject({ ok: true, birthDate: "1996-02-29", sex: "female" });
  });


  it("an IIN whose first checksum pass gives 10 is checked with the second weights", () => {
    expect(parseIin("900101300811", TODAY)).toMatchObject({ ok: true, birthDate: "1990-01-01", sex: "male" });
  });

  it("an IIN whose second checksum pass legitimately gives 0 is accepted", () => {
    expect(parseIin("950601400120", TODAY)).toMatchObject({ ok: true, birthDate: "1995-06-01", sex: "female" });
  });

  it("a person born today is accepted", () => {
    expect(parseIin("250315500016", "2025-03-15")).toMatchObject({ ok: true, birthDate: "2025-03-15" });
  });

  it("is never checked against the machine's clock: without a date it is refused", () => {
    // @ts-expect-error today is required: it comes from the injected clock
    expect(() => parseIin("900101300126")).toThrow(RangeError);
  });
});

describe("an IIN typed with separators is accepted", () => {
  it.each([
    ["spaces", "900101 300126"],
    ["spaces and dashes", "9001-01 30 01-26"],
    ["surrounding spaces", "  900101300126 "],
    ["non-breaking spaces", "900101\u00A0300\u00A0126"],
    ["thin spaces", "900\u2009101\u2009300\u2009126"],
    ["a Unicode hyphen", "900101\u2010300126"],
    ["an en dash", "900101\u2013300126"],
    ["an em dash", "900101\u2014300126"],
    ["a horizontal bar", "900101\u2015300126"],
    ["dots", "900101.300.126"],
    ["dots between every group", "90.01.01.30.01.26"],
  ])("an IIN typed with %s is accepted", (_label, input) => {
    expect(parseIin(input, TODAY)).toMatchObject({ ok: true, iin: "900101300126" });
  });
});

describe("an IIN pasted with its label is accepted", () => {
  it.each([
    ["ИИН and a space", "ИИН 900101300126"],
    ["ИИН and a colon", "ИИН: 900101300126"],
    ["lowercase иин and a colon without a space", "иин:900101300126"],
    ["the Kazakh label ЖСН", "ЖСН: 900101300126"],
    ["the Latin label IIN", "IIN 900101300126"],
    ["ИИН and the number sign", "ИИН № 900101 300 126"],
    ["a label and dots", "ИИН: 900101.300126"],
  ])("an IIN pasted with %s is accepted", (_label, input) => {
    expect(parseIin(input, TODAY)).toMatchObject({ ok: true, iin: "900101300126" });
  });
});

describe("an IIN of someone born before 1900 is rejected as before_1900", () => {
  it("a valid IIN with a birth year in the 1800s (digit 7 = 1) is rejected", () => {
    expect(parseIin("850723100450", TODAY)).toEqual({ ok: false, reason: "before_1900" });
  });

  it("a valid IIN of a woman born in the 1800s (digit 7 = 2) is rejected", () => {
    expect(parseIin(withControl("85072320045"), TODAY)).toEqual({ ok: false, reason: "before_1900" });
  });

  it("a real date is checked first: 30 February 1885 is a wrong date", () => {
    expect(parseIin("850230100450", TODAY)).toEqual({ ok: false, reason: "date" });
  });
});

describe("an IIN that is not twelve ASCII digits is rejected as format", () => {
  it.each([
    ["empty input", ""],
    ["only spaces", "   "],
    ["eleven digits", "90010130012"],
    ["thirteen digits", "9001013001260"],
    ["a letter inside", "90010130012a"],
    ["a plus sign", "+900101300126"],
    ["text after a valid IIN", "900101300126 мой"],
    ["a label after the IIN", "900101300126 ИИН"],
    ["a word before the IIN that is not its label", "номер 900101300126"],
    ["a label in the middle", "900101 ИИН 300126"],
    ["a valid IIN followed by a newline and more digits", "900101300126\n1"],
    ["Arabic-Indic digits", "٩٠٠١٠١٣٠٠١٢٦"],
    ["fullwidth digits", "９００１０１３００１２６"],
    ["one fullwidth digit among ASCII ones", "90010130012６"],
    ["Devanagari digits", "९००१०१३००१२६"],
  ])("%s is rejected", (_label, input) => {
    expect(parseIin(input, TODAY)).toEqual({ ok: false, reason: "format" });
  });
});

describe("an IIN with an impossible century digit is rejected as century", () => {
  it.each(["0", "7", "8", "9"])("digit 7 = %s is rejected", (digit) => {
    expect(parseIin(`900101${digit}00126`, TODAY)).toEqual({ ok: false, reason: "century" });
  });
});

describe("an IIN with a birth date that does not exist is rejected as date", () => {
  it("30 February is rejected even though the checksum is right", () => {
    expect(parseIin("300230300122", TODAY)).toEqual({ ok: false, reason: "date" });
  });

  it("29 February 1900 is rejected: 1900 was not a leap year (checksum is right)", () => {
    expect(parseIin("000229300114", TODAY)).toEqual({ ok: false, reason: "date" });
  });

  it("29 February 1997 is rejected: not a leap year", () => {
    expect(parseIin("970229400330", TODAY)).toEqual({ ok: false, reason: "date" });
  });

  it("29 February 2000 is accepted: divisible by 400", () => {
    expect(parseIin("000229500117", TODAY)).toMatchObject({ ok: true });
  });

  it("29 February 1888 is a real date (an 1800s leap year), so it is refused only as before 1900", () => {
    expect(parseIin("880229100212", TODAY)).toEqual({ ok: false, reason: "before_1900" });
  });

  it("29 February 1889 is rejected as a date: not a leap year", () => {
    expect(parseIin(withControl("89022910021"), TODAY)).toEqual({ ok: false, reason: "date" });
  });

  it.each([
    ["month 00", "900001300126"],
    ["month 13", "901301300126"],
    ["day 00", "900100300126"],
    ["31 April", "900431300126"],
    ["32 January", "900132300126"],
  ])("%s is rejected", (_label, input) => {
    expect(parseIin(input, TODAY)).toEqual({ ok: false, reason: "date" });
  });
});

describe("an IIN with a birth date after today is rejected as future", () => {
  it("a baby born tomorrow cannot have an IIN yet", () => {
    expect(parseIin("250315500016", "2025-03-14")).toEqual({ ok: false, reason: "future" });
  });

  it("a 2099 birth date is in the future", () => {
    expect(parseIin("991231600010", TODAY)).toEqual({ ok: false, reason: "future" });
  });

  it("the future rule is checked before the checksum", () => {
    expect(parseIin("250315500019", "2025-03-14")).toEqual({ ok: false, reason: "future" });
  });
});

describe("an IIN with a wrong control digit is rejected as checksum", () => {
  it.each(["900101300120", "900101300123", "900101300127", "900101300129"])(
    "%s has a wrong control digit",
    (input) => {
      expect(parseIin(input, TODAY)).toEqual({ ok: false, reason: "checksum" });
    },
  );

  it("a wrong control digit after a first pass of 10 is rejected", () => {
    expect(parseIin("900101300810", TODAY)).toEqual({ ok: false, reason: "checksum" });
  });

  it.each(["0", "1", "5", "9"])(
    "eleven digits whose both checksum passes give 10 are rejected whatever the last digit (%s)",
    (last) => {
      expect(parseIin(`90010130080${last}`, TODAY)).toEqual({ ok: false, reason: "checksum" });
    },
  );
});

describe("the reference date must be a real date", () => {
  it.each(["2025-6-1", "2025-02-30", "01.06.2025", ""])("today = %j is refused", (today) => {
    expect(() => parseIin("900101300126", today)).toThrow(RangeError);
  });
});

describe("an IIN is masked before it is shown or logged", () => {
  it("only the first four and last two digits stay visible", () => {
    expect(maskIin("900101300123")).toBe("9001******23");
  });

  it("something that is not a twelve-digit IIN is hidden entirely", () => {
    expect(maskIin("9001 0130 0123")).toBe("************");
    expect(maskIin("123")).toBe("************");
  });
});

describe("a person's age is counted in full years", () => {
  it("the day before the birthday the person is still one year younger", () => {
    expect(ageOn("1990-06-15", "2025-06-14")).toBe(34);
  });

  it("on the birthday the person is a year older", () => {
    expect(ageOn("1990-06-15", "2025-06-15")).toBe(35);
  });

  it("a newborn is 0 years old", () => {
    expect(ageOn("2025-06-01", "2025-06-01")).toBe(0);
  });

  it("someone born on 29 February turns a year older on 28 February in a common year", () => {
    expect(ageOn("2008-02-29", "2026-02-27")).toBe(17);
    expect(ageOn("2008-02-29", "2026-02-28")).toBe(18);
  });

  it("someone born on 29 February turns a year older on 29 February in a leap year", () => {
    expect(ageOn("2008-02-29", "2028-02-28")).toBe(19);
    expect(ageOn("2008-02-29", "2028-02-29")).toBe(20);
  });

  it("a date before the birth date is refused", () => {
    expect(() => ageOn("2025-06-02", "2025-06-01")).toThrow(RangeError);
  });
});

// A deliberately plain re-statement of the rules, written independently of the
// module: a character loop instead of regexes, Date.UTC instead of month tables.
function referenceParseIin(input: string, today: string): IinResult {
  const skip = " \t\n\r\u00A0\u2009.-\u2010\u2011\u2012\u2013\u2014\u2015";
  let rest = input.trimStart();
  for (const label of ["ИИН", "ЖСН", "IIN"]) {
    if (rest.slice(0, label.length).toUpperCase() === label) {
      rest = rest.slice(label.length).trimStart();
      if (":№#".includes(rest.charAt(0)) && rest !== "") rest = rest.slice(1);
      break;
    }
  }
  let s = "";
  for (const ch of rest) {
    if (!skip.includes(ch)) s += ch;
  }
  if (s.length !== 12) return { ok: false, reason: "format" };
  const d: number[] = [];
  for (let i = 0; i < 12; i++) {
    const code = s.charCodeAt(i);
    if (code < 48 || code > 57) return { ok: false, reason: "format" };
    d.push(code - 48);
  }
  const at = (i: number): number => d[i] as number;

  const c = at(6);
  if (c < 1 || c > 6) return { ok: false, reason: "century" };
  const year = (c <= 2 ? 1800 : c <= 4 ? 1900 : 2000) + at(0) * 10 + at(1);
  const month = at(2) * 10 + at(3);
  const day = at(4) * 10 + at(5);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return { ok: false, reason: "date" };
  }
  if (year < 1900) return { ok: false, reason: "before_1900" };
  const birthDate = probe.toISOString().slice(0, 10);
  if (Date.parse(birthDate) > Date.parse(today)) return { ok: false, reason: "future" };

  let sum = 0;
  for (let i = 0; i < 11; i++) sum += at(i) * (i + 1);
  let control = sum % 11;
  if (control === 10) {
    sum = 0;
    for (let i = 0; i < 11; i++) sum += at(i) * (((i + 2) % 11) + 1);
    control = sum % 11;
  }
  if (control === 10 || control !== at(11)) return { ok: false, reason: "checksum" };
  return { ok: true, iin: s, birthDate, sex: c % 2 === 1 ? "male" : "female" };
}

function referenceControl(first11: string): number | null {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += Number(first11[i]) * (i + 1);
  if (sum % 11 !== 10) return sum % 11;
  sum = 0;
  for (let i = 0; i < 11; i++) sum += Number(first11[i]) * (((i + 2) % 11) + 1);
  return sum % 11 === 10 ? null : sum % 11;
}

const isoDay = (min: string, max: string): fc.Arbitrary<string> =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));

const digitString = (length: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((ds) => ds.join(""));

const builtIinFrom = (firstCenturyDigit: number): fc.Arbitrary<string> => fc
  .tuple(fc.integer({ min: firstCenturyDigit, max: 6 }), isoDay("2000-01-01", "2099-12-31"), digitString(4), fc.integer({ min: 0, max: 9 }))
  .map(([centuryDigit, date, serial, fallback]) => {
    const first11 = `${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}${centuryDigit}${serial}`;
    const control = referenceControl(first11);
    return `${first11}${control ?? fallback}`;
  });

const builtIin = builtIinFrom(1);
/** People born since 1900: digit 7 from 3 to 6. */
const builtIinSince1900 = builtIinFrom(3);

const separator = fc.constantFrom(" ", "-", "\u00A0", "\u2009", "\u2013");

const withSeparators: fc.Arbitrary<string> = fc
  .tuple(builtIin, fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), separator), { maxLength: 4 }))
  .map(([iin, inserts]) => {
    let out = iin;
    for (const [position, sep] of inserts) {
      const at = Math.min(position, out.length);
      out = out.slice(0, at) + sep + out.slice(at);
    }
    return out;
  });

describe("parseIin agrees with a plain reference implementation", () => {
  it("for random twelve-digit strings", () => {
    fc.assert(
      fc.property(digitString(12), isoDay("1800-01-01", "2100-12-31"), (input, today) => {
        expect(parseIin(input, today)).toEqual(referenceParseIin(input, today));
      }),
      { numRuns: 2000 },
    );
  });

  it("for IINs built to be valid (and the rare ones with no valid control digit)", () => {
    fc.assert(
      fc.property(builtIin, isoDay("1800-01-01", "2100-12-31"), (input, today) => {
        expect(parseIin(input, today)).toEqual(referenceParseIin(input, today));
      }),
      { numRuns: 2000 },
    );
  });

  it("for built IINs of people born since 1900, all in the past, which must mostly be valid", () => {
    let accepted = 0;
    fc.assert(
      fc.property(builtIinSince1900, (input) => {
        const result = parseIin(input, "2100-12-31");
        if (result.ok) accepted++;
        expect(result).toEqual(referenceParseIin(input, "2100-12-31"));
      }),
      { numRuns: 1000 },
    );
    expect(accepted).toBeGreaterThan(900);
  });

  it("for built IINs typed with spaces and dashes", () => {
    fc.assert(
      fc.property(withSeparators, (input) => {
        expect(parseIin(input, "2100-12-31")).toEqual(referenceParseIin(input, "2100-12-31"));
      }),
      { numRuns: 1000 },
    );
  });

  it("for arbitrary short strings of digits, letters and punctuation", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("0", "1", "3", "5", "9", "a", " ", "-", ".", "\u0661", "\uFF11"), maxLength: 16 }),
        (input) => {
          expect(parseIin(input, TODAY)).toEqual(referenceParseIin(input, TODAY));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
