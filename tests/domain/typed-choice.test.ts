import { describe, expect, test } from "vitest";
import { matchTypedChoice } from "../../src/domain/typed-choice";

const SERVICES = ["Консультация педиатра", "Консультация невролога", "Занятие с логопедом", "Лечебная физкультура (ЛФК)", "УЗИ (ультразвуковое исследование)"];

describe("an option named by typing", () => {
  test.each([
    ["педиатр", 0],
    ["Педиатра", 0],
    ["консультация невролога", 1],
    ["лфк", 3],
    ["ЛОГОПЕД", 2],
    ["узи", 4],
  ])("%s names option %i", (typed, index) => {
    expect(matchTypedChoice(typed, SERVICES)).toEqual({ kind: "option", index });
  });

  test("a word several options share is ambiguous; a short or unknown word names nothing", () => {
    expect(matchTypedChoice("консультация", SERVICES)).toEqual({ kind: "ambiguous" });
    expect(matchTypedChoice("да", ["Садыкова", "Ахметова"])).toEqual({ kind: "none" });
    expect(matchTypedChoice("хочу к врачу", SERVICES)).toEqual({ kind: "none" });
    expect(matchTypedChoice("  !! ", SERVICES)).toEqual({ kind: "none" });
  });

  test("Kazakh labels and Kazakh letters compare as typed", () => {
    expect(matchTypedChoice("невролог", ["Педиатр кеңесі", "Невролог кеңесі"])).toEqual({ kind: "option", index: 1 });
    expect(matchTypedChoice("артқа", ["← Артқа", "✖ Жазылуды тоқтату"])).toEqual({ kind: "option", index: 0 });
  });
});
