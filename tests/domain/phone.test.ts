import { describe, expect, it } from "vitest";
import { formatPhoneForDisplay, parsePhone } from "../../src/domain/phone";

describe("a Kazakhstan mobile number is accepted however it is typed", () => {
  it.each([
    ["international with spaces", "+7 701 234 56 78"],
    ["international without spaces", "+77012345678"],
    ["international with brackets", "+7(701)2345678"],
    ["international with brackets and dashes", "+7 (701) 234-56-78"],
    ["trunk prefix 8 with spaces and dashes", "8 701 234-56-78"],
    ["trunk prefix 8 without separators", "87012345678"],
    ["trunk prefix 8 with brackets", "8(701) 234 56 78"],
    ["ten digits without any prefix", "7012345678"],
    ["eleven digits starting with the country code but no plus", "77012345678"],
    ["dots between groups", "8.701.234.56.78"],
    ["surrounding spaces", "  +7 701 234 56 78  "],
    ["non-breaking spaces", "+7\u00A0701\u00A0234\u00A056\u00A078"],
    ["an en dash", "8 701 234\u201356\u201378"],
  ])("a number typed %s is accepted", (_label, input) => {
    expect(parsePhone(input)).toEqual({ ok: true, e164: "+77012345678" });
  });
});

describe("every Kazakhstan mobile prefix is accepted", () => {
  const mobilePrefixes = [
    "700", "701", "702", "705", "706", "707", "708", "747",
    "760", "761", "762", "763", "764", "771", "775", "776", "777", "778", "785",
  ];

  it.each(mobilePrefixes)("a number with prefix %s is a KZ mobile", (prefix) => {
    expect(parsePhone(`8 ${prefix} 123 45 67`)).toEqual({ ok: true, e164: `+7${prefix}1234567` });
  });
});

describe("a Kazakhstan number that is not a mobile is rejected as not_mobile", () => {
  it.each(["703", "704", "709"])("prefix %s is not a mobile range", (prefix) => {
    expect(parsePhone(`+7 ${prefix} 123 45 67`)).toEqual({ ok: false, reason: "not_mobile" });
  });

  it("an Almaty landline is not a mobile", () => {
    expect(parsePhone("+7 727 250 00 00")).toEqual({ ok: false, reason: "not_mobile" });
  });

  it("an Astana landline dialled with 8 is not a mobile", () => {
    expect(parsePhone("8 (7172) 55-00-00")).toEqual({ ok: false, reason: "not_mobile" });
  });

  it("a KZ VoIP number (751) is not a mobile", () => {
    expect(parsePhone("+7 751 234 56 78")).toEqual({ ok: false, reason: "not_mobile" });
  });
});

describe("a number from another country is rejected as country", () => {
  it("a Russian mobile sharing the +7 code is rejected", () => {
    expect(parsePhone("+7 912 345 67 89")).toEqual({ ok: false, reason: "country" });
  });

  it("a Moscow landline dialled with 8 is rejected", () => {
    expect(parsePhone("8 495 123 45 67")).toEqual({ ok: false, reason: "country" });
  });

  it("a Russian mobile typed as ten bare digits is rejected", () => {
    expect(parsePhone("9123456789")).toEqual({ ok: false, reason: "country" });
  });

  it("a US number is rejected", () => {
    expect(parsePhone("+1 202 555 0123")).toEqual({ ok: false, reason: "country" });
  });
});

describe("something that is not a phone number is rejected as format", () => {
  it.each([
    ["empty input", ""],
    ["only spaces", "   "],
    ["letters", "abc"],
    ["a number inside a sentence", "call me 8 701 234 56 78"],
    ["a letter in the middle", "8 701 234 56 7O"],
    ["an extension", "+7 701 234 56 78 ext 5"],
    ["a plus in the middle", "8 701 +234 56 78"],
    ["too short", "+7 701 234 56 7"],
    ["too short with the 8 prefix", "8701234567"],
    ["too long", "+7 701 234 56 789"],
    ["far too long", "8701234567890123"],
    ["a single digit", "7"],
    ["only punctuation", "()-."],
    ["fullwidth digits", "８７０１２３４５６７８"],
    ["Arabic-Indic digits", "٨٧٠١٢٣٤٥٦٧٨"],
    ["a number in no +7 range", "+7 100 123 45 67"],
    ["an unknown country code", "+999 123 456 789"],
    ["emoji", "📞 87012345678"],
  ])("%s is rejected", (_label, input) => {
    expect(parsePhone(input)).toEqual({ ok: false, reason: "format" });
  });
});

describe("a stored number is shown the way people in Kazakhstan write it", () => {
  it("a KZ mobile is grouped 3-3-2-2", () => {
    expect(formatPhoneForDisplay("+77012345678")).toBe("+7 701 234 56 78");
  });

  it("a parsed number round-trips to the display form", () => {
    const result = parsePhone("8(778)1234567");
    expect(result.ok && formatPhoneForDisplay(result.e164)).toBe("+7 778 123 45 67");
  });

  it("a number from another country falls back to the international form", () => {
    expect(formatPhoneForDisplay("+12025550123")).toBe("+1 202 555 0123");
  });

  it("something that is not a number is shown unchanged", () => {
    expect(formatPhoneForDisplay("unknown")).toBe("unknown");
  });
});
