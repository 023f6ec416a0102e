import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POLICY_DIRECTORY } from "../../src/paths";
import { checkNewVersion, cleanPolicyText, compareVersions, policyInForce, sha256Hex, splitIntoMessages, TELEGRAM_MESSAGE_LIMIT, type PolicyVersion } from "../../src/domain/policy";
import { StartupError } from "../../src/startup-error";
import { loadPolicyVersions } from "../../src/store/policy-documents";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function withoutWhitespace(text: string): string {
  return text.replace(/\s+/g, "");
}

describe("cleanPolicyText", () => {
  it('removes the "[bookmark: _GoBack]" artefact of the Word conversion and keeps the rest of the line', () => {
    const raw = "При внесении изменений:\n[bookmark: _GoBack]Пользователи получают уведомления об изменениях\nУказывается дата";
    expect(cleanPolicyText(raw)).toBe("При внесении изменений:\nПользователи получают уведомления об изменениях\nУказывается дата");
  });

  it("removes any bookmark artefact, wherever it sits in a line", () => {
    expect(cleanPolicyText("Саясат [bookmark: _Toc123]мәтіні [bookmark: x]")).toBe("Саясат мәтіні");
  });

  it("keeps ordinary square brackets", () => {
    expect(cleanPolicyText("Закон [94-V] от 21 мая 2013 года")).toBe("Закон [94-V] от 21 мая 2013 года");
  });

  it("normalises Windows line ends, trims trailing spaces of lines and blank lines around the text", () => {
    expect(cleanPolicyText("\r\n\r\nПервая строка  \r\n\tвторая\t\r\n\r\n\r\n")).toBe("Первая строка\n\tвторая");
  });

  it("keeps the inner blank lines and the words unchanged", () => {
    const text = "1. Общие положения\n\n1.1. Настоящая Политика…\n\n2. Цели";
    expect(cleanPolicyText(text)).toBe(text);
  });
});

describe("sha256Hex", () => {
  it("matches the known test vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("hashes the UTF-8 bytes of Cyrillic and Kazakh text", () => {
    expect(sha256Hex("Мүмкіндік")).toBe("90e8b1835b26c72b333ac8ac47e2524f50463fdfc29ed72fbf5081ddf0a9c370");
  });
});

describe("splitIntoMessages", () => {
  const word = fc.stringMatching(/^[a-zа-яәғқңөұүһі0-9.,]{1,12}$/);
  const separator = fc.constantFrom(" ", "\n");
  /** Words separated by single spaces or line breaks: every whitespace character is a separator. */
  const prose = fc
    .array(fc.tuple(word, separator), { minLength: 1, maxLength: 120 })
    .map((pairs) => pairs.map(([w, s]) => w + s).join("").slice(0, -1));

  it("returns a short text as one message, unchanged", () => {
    expect(splitIntoMessages("Здравствуйте!\nВыберите язык.")).toEqual(["Здравствуйте!\nВыберите язык."]);
  });

  it("never exceeds the limit and loses no characters but the separators (property)", () => {
    fc.assert(
      fc.property(prose, fc.integer({ min: 12, max: 80 }), (text, limit) => {
        const parts = splitIntoMessages(text, limit);
        for (const part of parts) {
          expect(part.length).toBeLessThanOrEqual(limit);
          expect(part.trim()).not.toBe("");
        }
        // Only the space or line break at a cut may disappear; everything else stays, in order.
        expect(parts.join("\n").replace(/\n/g, " ")).toBe(text.replace(/\n/g, " "));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every non-blank character, in order, of arbitrary text (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 1, max: 60 }), (text, limit) => {
        const parts = splitIntoMessages(text, limit);
        for (const part of parts) expect(part.length).toBeLessThanOrEqual(limit);
        expect(withoutWhitespace(parts.join(""))).toBe(withoutWhitespace(text));
      }),
      { numRuns: 300 },
    );
  });

  it("fills each message as far as whole lines allow", () => {
    const lines = Array.from({ length: 10 }, (_, i) => `${i}`.repeat(1000));
    const parts = splitIntoMessages(lines.join("\n"));
    // Four 1000-character lines and three line breaks fit in 4096; a fifth would not.
    expect(parts).toEqual([lines.slice(0, 4).join("\n"), lines.slice(4, 8).join("\n"), lines.slice(8).join("\n")]);
  });

  it("splits an over-long line at spaces, so that no word is cut", () => {
    const words = Array.from({ length: 1500 }, (_, i) => `слово${i}`);
    const line = words.join(" ");
    expect(line.length).toBeGreaterThan(2 * TELEGRAM_MESSAGE_LIMIT);
    const parts = splitIntoMessages(line);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
    // Every message but the last is filled up to the last space before the limit.
    for (const part of parts.slice(0, -1)) expect(part.length).toBeGreaterThan(TELEGRAM_MESSAGE_LIMIT - 20);
    expect(parts.flatMap((part) => part.split(/\s+/))).toEqual(words);
  });

  it("cuts a word longer than the limit only where it must", () => {
    const long = "x".repeat(TELEGRAM_MESSAGE_LIMIT * 2 + 10);
    expect(splitIntoMessages(long).map((part) => part.length)).toEqual([TELEGRAM_MESSAGE_LIMIT, TELEGRAM_MESSAGE_LIMIT, 10]);
  });

  it("never cuts an emoji in half (a surrogate pair) when a run without spaces is longer than the limit", () => {
    const text = `a${"😀".repeat(TELEGRAM_MESSAGE_LIMIT)}`;
    const parts = splitIntoMessages(text);
    expect(parts.join("")).toBe(text);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
      expect(LONE_SURROGATE.test(part), "a message contains half of an emoji").toBe(false);
    }
  });

  it("drops blank lines where a message ends but keeps them inside a message", () => {
    expect(splitIntoMessages("один\n\nдва", 9)).toEqual(["один\n\nдва"]);
    expect(splitIntoMessages("один\n\n\nдва", 8)).toEqual(["один", "два"]);
    expect(splitIntoMessages("\n\n  \n")).toEqual([]);
  });
});

describe("policyInForce", () => {
  const version = (v: string, effectiveDate: string): PolicyVersion => ({ version: v, effectiveDate, text: { ru: v, kk: v } });
  const versions = [version("1.1", "2027-03-01"), version("1.0", "2026-11-25"), version("2.0", "2027-06-01")];

  it("has none in force before the first effective date", () => {
    expect(policyInForce(versions, "2026-11-24")).toBeUndefined();
    expect(policyInForce([], "2030-01-01")).toBeUndefined();
  });

  it("picks the latest version whose effective date has come, from its first day", () => {
    expect(policyInForce(versions, "2026-11-25")?.version).toBe("1.0");
    expect(policyInForce(versions, "2027-02-28")?.version).toBe("1.0");
    expect(policyInForce(versions, "2027-03-01")?.version).toBe("1.1");
    expect(policyInForce(versions, "2027-05-31")?.version).toBe("1.1");
    expect(policyInForce(versions, "2030-01-01")?.version).toBe("2.0");
  });

  it("of two versions taking effect on the same day, picks the higher one", () => {
    expect(policyInForce([version("1.2", "2027-03-01"), version("1.10", "2027-03-01"), version("1.9", "2027-03-01")], "2027-03-01")?.version).toBe("1.10");
  });

  it("does not reorder the list it is given", () => {
    policyInForce(versions, "2030-01-01");
    expect(versions.map((v) => v.version)).toEqual(["1.1", "1.0", "2.0"]);
  });
});

describe("loadPolicyVersions", () => {
  it("reads data/policy: version 1.0 in Russian and Kazakh, without artefacts, with the SHA-256 of each text", () => {
    const policies = loadPolicyVersions(POLICY_DIRECTORY);
    expect(policies.map((policy) => [policy.version, policy.effectiveDate])).toEqual([["1.0", "2026-11-25"]]);
    const [policy] = policies;
    for (const locale of ["ru", "kk"] as const) {
      const text = policy!.text[locale];
      expect(text.length).toBeGreaterThan(1000);
      expect(text).not.toContain("[bookmark");
      expect(text).toBe(text.trim());
      expect(policy!.sha256[locale]).toBe(sha256Hex(text));
      expect(policy!.sha256[locale]).toMatch(/^[0-9a-f]{64}$/);
      expect(text).toBe(cleanPolicyText(readFileSync(join(POLICY_DIRECTORY, "1.0", `${locale}.txt`), "utf8")));
    }
    expect(policy!.text.ru).toContain("Пользователи получают уведомления об изменениях");
    expect(policy!.text.kk).toMatch(/[әғқңөұүһі]/);
    expect(policy!.sha256.ru).not.toBe(policy!.sha256.kk);
  });

  it("cleans the artefact that is in the Russian source file", () => {
    expect(readFileSync(join(POLICY_DIRECTORY, "1.0", "ru.txt"), "utf8")).toContain("[bookmark: _GoBack]");
  });

  it("fits each text into Telegram messages", () => {
    for (const locale of ["ru", "kk"] as const) {
      const text = loadPolicyVersions(POLICY_DIRECTORY)[0]!.text[locale];
      const parts = splitIntoMessages(text);
      expect(parts.every((part) => part.length <= TELEGRAM_MESSAGE_LIMIT)).toBe(true);
      expect(withoutWhitespace(parts.join(""))).toBe(withoutWhitespace(text));
    }
  });

  it("reads what changed in each version, in both languages", () => {
    expect(loadPolicyVersions(POLICY_DIRECTORY)[0]!.changes).toEqual({ ru: "Это первая версия политики.", kk: "Бұл саясаттың алғашқы нұсқасы." });
  });

  it("refuses a missing text or an invalid list with a StartupError", () => {
    const directory = mkdtempSync(join(tmpdir(), "mumkindik-policy-"));
    const changes = { ru: "Первая версия.", kk: "Алғашқы нұсқа." };
    try {
      writeFileSync(join(directory, "versions.json"), JSON.stringify([{ version: "1.0", effectiveDate: "2026-11-25", changes }]));
      mkdirSync(join(directory, "1.0"));
      writeFileSync(join(directory, "1.0", "ru.txt"), "Политика");
      expect(() => loadPolicyVersions(directory)).toThrow(StartupError);
      expect(() => loadPolicyVersions(directory)).toThrow(/kk\.txt cannot be read/);

      writeFileSync(join(directory, "1.0", "kk.txt"), "Саясат");
      expect(loadPolicyVersions(directory)[0]!.text).toEqual({ ru: "Политика", kk: "Саясат" });

      writeFileSync(join(directory, "versions.json"), JSON.stringify([{ version: "one", effectiveDate: "soon" }]));
      expect(() => loadPolicyVersions(directory)).toThrow(/versions\.json is not a valid list/);
      writeFileSync(join(directory, "versions.json"), "[]");
      expect(() => loadPolicyVersions(directory)).toThrow(StartupError);
      writeFileSync(join(directory, "versions.json"), JSON.stringify([{ version: "1.0", effectiveDate: "2026-11-25" }]));
      expect(() => loadPolicyVersions(directory)).toThrow(/"changes"/);
      writeFileSync(
        join(directory, "versions.json"),
        JSON.stringify([
          { version: "1.0", effectiveDate: "2026-11-25", changes },
          { version: "1.1", effectiveDate: "2026-11-01", changes },
        ]),
      );
      expect(() => loadPolicyVersions(directory)).toThrow(/version 1\.1 takes effect before the older version 1\.0/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe("compareVersions", () => {
  it("compares major and minor numbers as numbers: 1.10 comes after 1.9, 2.0 after 1.10", () => {
    expect(compareVersions("1.10", "1.9")).toBeGreaterThan(0);
    expect(compareVersions("2.0", "1.10")).toBeGreaterThan(0);
    expect(compareVersions("1.0", "1.0")).toBe(0);
    expect(compareVersions("1.0", "1.1")).toBeLessThan(0);
  });
});

describe("checkNewVersion", () => {
  const published = [{ version: "1.0", effectiveDate: "2026-11-25" }];
  const today = "2026-12-01";

  it("accepts a higher version taking effect today or later", () => {
    expect(checkNewVersion(published, { version: "1.1", effectiveDate: today }, today)).toEqual({ ok: true });
    expect(checkNewVersion(published, { version: "2.0", effectiveDate: "2027-02-01" }, today)).toEqual({ ok: true });
  });

  it("refuses a version that is not higher than the latest, with the latest named", () => {
    expect(checkNewVersion(published, { version: "1.0", effectiveDate: "2027-02-01" }, today)).toEqual({ ok: false, reason: "not_newer", latest: "1.0" });
    expect(checkNewVersion(published, { version: "0.9", effectiveDate: "2027-02-01" }, today)).toEqual({ ok: false, reason: "not_newer", latest: "1.0" });
  });

  it("refuses an effective date in the past, or before the latest version's", () => {
    expect(checkNewVersion(published, { version: "1.1", effectiveDate: "2026-11-30" }, today)).toEqual({ ok: false, reason: "effective_in_past", today });
    expect(checkNewVersion([{ version: "1.1", effectiveDate: "2027-03-01" }], { version: "1.2", effectiveDate: "2027-02-01" }, today)).toEqual({
      ok: false,
      reason: "effective_before_latest",
      latest: "1.1",
      latestEffectiveDate: "2027-03-01",
    });
  });

  it("refuses malformed versions and dates that do not exist", () => {
    expect(checkNewVersion(published, { version: "1.1.0", effectiveDate: "2027-02-01" }, today)).toMatchObject({ reason: "version_format" });
    expect(checkNewVersion(published, { version: "v2", effectiveDate: "2027-02-01" }, today)).toMatchObject({ reason: "version_format" });
    expect(checkNewVersion(published, { version: "1.1", effectiveDate: "2027-02-30" }, today)).toMatchObject({ reason: "date_format" });
    expect(checkNewVersion(published, { version: "1.1", effectiveDate: "01.02.2027" }, today)).toMatchObject({ reason: "date_format" });
  });
});
