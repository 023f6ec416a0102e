import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { FluentResource } from "@fluent/bundle";
import { describe, expect, test } from "vitest";

const LOCALES_DIR = join(__dirname, "..", "locales");
const SOURCE_DIR = join(__dirname, "..", "src");

/** A locale's texts: locales/<locale>.ftl plus every .ftl under locales/<locale>/. */
function localeFiles(locale: string): string[] {
  const folder = join(LOCALES_DIR, locale);
  const nested = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith(".ftl")).map((name) => join(folder, name)) : [];
  return [join(LOCALES_DIR, `${locale}.ftl`), ...nested];
}

function entries(locale: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const body = localeFiles(locale).flatMap((path) => new FluentResource(readFileSync(path, "utf8")).body);
  for (const entry of body) {
    if (map.has(entry.id)) throw new Error(`${locale}: "${entry.id}" is defined twice`);
    const source = JSON.stringify(entry.value ?? "");
    const variables = [...source.matchAll(/"type":"var","name":"([^"]+)"/g)].map((match) => match[1]!);
    map.set(entry.id, [...new Set(variables)].sort());
  }
  return map;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const ru = entries("ru");
const kk = entries("kk");

describe("the Kazakh and Russian texts", () => {
  test("have exactly the same message ids", () => {
    expect([...kk.keys()].sort()).toEqual([...ru.keys()].sort());
  });

  test("use the same variables in every message", () => {
    for (const [id, variables] of ru) expect(kk.get(id), id).toEqual(variables);
  });

  test("cover every key the code asks for by name", () => {
    const used = sourceFiles(SOURCE_DIR).flatMap((path) =>
      [...readFileSync(path, "utf8").matchAll(/\bt\(\s*"([a-z0-9-]+)"/g)].map((match) => match[1]!),
    );
    expect(used.length).toBeGreaterThan(40);
    for (const key of used) expect(ru.has(key), key).toBe(true);
  });

  test("cover every validation failure the dialogue can report", () => {
    const families: Record<string, string[]> = {
      "iin-error": ["format", "century", "date", "future", "checksum", "minor-self"],
      "name-error": ["characters", "mixed-script", "word-count", "length"],
      "phone-error": ["format", "country", "not-mobile"],
      "button-change": ["who", "iin", "name", "phone", "service", "doctor", "day"],
      command: ["start", "book", "appointments", "edit", "cancel", "policy", "lang", "help"],
      channel: ["telegram", "whatsapp", "console"],
    };
    for (const [prefix, suffixes] of Object.entries(families)) {
      for (const suffix of suffixes) expect(ru.has(`${prefix}-${suffix}`), `${prefix}-${suffix}`).toBe(true);
    }
  });
});
