import { beforeAll, describe, expect, test } from "vitest";
import { accounts } from "../src/store/schema";
import { readFileSync } from "node:fs";
import { LOCALES } from "../src/domain/locale";
import { localeFiles, localeMessages } from "./support/i18n";
import { scanTranslationKeys, type KeyScan } from "./support/translation-keys";

const ru = localeMessages("ru");
const kk = localeMessages("kk");
let scan: KeyScan;
let usedKeys: string[];

beforeAll(() => {
  scan = scanTranslationKeys({
    // The copy of one's data types who blocked processing as a string; the values are the column's.
    "PersonalDataCopy.account.blockedBy": accounts.blockedBy.enumValues,
  });
  usedKeys = [...new Set(scan.uses.flatMap((use) => use.keys))].sort();
});

describe("the Kazakh and Russian texts", () => {
  test("have exactly the same message ids", () => {
    expect([...kk.keys()].sort()).toEqual([...ru.keys()].sort());
  });

  test("never say the same line twice in one message (a slip of an edit)", () => {
    const repeated = LOCALES.flatMap((locale) =>
      localeFiles(locale).flatMap((path) =>
        readFileSync(path, "utf8")
          .split("\n")
          .flatMap((line, index, lines) => (line.trim() !== "" && !line.trim().startsWith("#") && line === lines[index - 1] ? [`${path}:${index + 1}: ${line.trim()}`] : [])),
      ),
    );
    expect(repeated).toEqual([]);
  });

  test("use the same variables in every message", () => {
    for (const [id, variables] of ru) expect(kk.get(id), id).toEqual(variables);
  });

  test("cover every key the code can ask for, literal or built at run time, in both languages", () => {
    expect(scan.unresolved, "key expressions the scan cannot enumerate: give them a literal type or a constant list").toEqual([]);
    expect(scan.uses.length).toBeGreaterThan(40);
    const missing = scan.uses.flatMap((use) =>
      use.keys.flatMap((key) => [...(ru.has(key) ? [] : [`ru: ${key}`]), ...(kk.has(key) ? [] : [`kk: ${key}`])].map((gap) => `${gap} (${use.at}: ${use.expression})`)),
    );
    expect(missing).toEqual([]);
  });

  test("cover every validation failure the dialogue can report, and the scan finds them where they are built", () => {
    const families: Record<string, string[]> = {
      "iin-error": ["format", "century", "date", "before-1900", "future", "checksum", "minor-self"],
      "name-error": ["characters", "mixed-script", "word-count", "initials", "length"],
      "phone-error": ["format", "country", "not-mobile"],
      "button-change": ["who", "iin", "name", "phone", "service", "doctor", "day"],
      command: ["start", "book", "appointments", "edit", "cancel", "policy", "lang", "help"],
      channel: ["telegram", "whatsapp", "console"],
    };
    for (const [prefix, suffixes] of Object.entries(families)) {
      for (const suffix of suffixes) {
        expect(ru.has(`${prefix}-${suffix}`), `${prefix}-${suffix}`).toBe(true);
        expect(usedKeys, `${prefix}-${suffix}`).toContain(`${prefix}-${suffix}`);
      }
    }
  });
});
