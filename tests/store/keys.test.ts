import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/logger";
import { developmentKeyPath, loadMasterKeys } from "../../src/store/keys";
import { StartupError } from "../../src/startup-error";

let directory: string;
const logger = createLogger("silent");

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "mumkindik-keys-"));
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(directory, { recursive: true, force: true });
});

function configWith(env: Record<string, string>) {
  return loadConfig({ DATABASE_PATH: join(directory, "data", "bot.sqlite"), ...env });
}

function startupErrorOf(action: () => unknown): StartupError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(StartupError);
    return error as StartupError;
  }
  throw new Error("expected a StartupError");
}

const KEY = randomBytes(32);

describe("DATA_KEY", () => {
  it("is decoded from base64 into the current key, with no previous keys", () => {
    const keys = loadMasterKeys(configWith({ DATA_KEY: KEY.toString("base64") }), logger);
    expect(Buffer.from(keys.current).equals(KEY)).toBe(true);
    expect(keys.previous).toEqual([]);
  });

  it("tolerates surrounding whitespace", () => {
    const keys = loadMasterKeys(configWith({ DATA_KEY: `  ${KEY.toString("base64")}\n` }), logger);
    expect(Buffer.from(keys.current).equals(KEY)).toBe(true);
  });

  it.each([
    ["not base64 at all", "this is not a key!"],
    ["base64url instead of base64", Buffer.alloc(32, 0xfb).toString("base64url")],
  ])("is refused when it is %s, with a message naming DATA_KEY and how to make a key", (_label, value) => {
    const error = startupErrorOf(() => loadMasterKeys(configWith({ DATA_KEY: value }), logger));
    expect(error.message).toMatch(/^DATA_KEY must be the base64 of exactly 32 random bytes/);
    expect(error.message).toContain("generate-key");
  });

  it.each([16, 31, 33, 64])("is refused when it decodes to %i bytes instead of 32, saying how many it got", (length) => {
    const error = startupErrorOf(() => loadMasterKeys(configWith({ DATA_KEY: randomBytes(length).toString("base64") }), logger));
    expect(error.message).toMatch(/^DATA_KEY must be the base64 of exactly 32 random bytes/);
    expect(error.message).toContain(`got ${length} bytes`);
  });

  it("never writes a development key when it is set", () => {
    loadMasterKeys(configWith({ DATA_KEY: KEY.toString("base64") }), logger);
    expect(existsSync(developmentKeyPath(join(directory, "data", "bot.sqlite")))).toBe(false);
  });
});

describe("DATA_KEYS_PREVIOUS", () => {
  it("adds the old keys, comma separated, in order", () => {
    const old1 = randomBytes(32);
    const old2 = randomBytes(32);
    const keys = loadMasterKeys(
      configWith({ DATA_KEY: KEY.toString("base64"), DATA_KEYS_PREVIOUS: `${old1.toString("base64")}, ${old2.toString("base64")}` }),
      logger,
    );
    expect(keys.previous.map((key) => Buffer.from(key).toString("hex"))).toEqual([old1.toString("hex"), old2.toString("hex")]);
  });

  it("names the position of a bad old key", () => {
    const error = startupErrorOf(() =>
      loadMasterKeys(configWith({ DATA_KEY: KEY.toString("base64"), DATA_KEYS_PREVIOUS: `${randomBytes(32).toString("base64")},short` }), logger),
    );
    expect(error.message).toMatch(/^DATA_KEYS_PREVIOUS\[1\] must be the base64 of exactly 32 random bytes/);
  });
});

describe("DATA_KEY_FILE", () => {
  it("is read and trimmed", () => {
    const file = join(directory, "data.key");
    writeFileSync(file, `\n  ${KEY.toString("base64")}  \n\n`, { mode: 0o600 });
    const keys = loadMasterKeys(configWith({ DATA_KEY_FILE: file }), logger);
    expect(Buffer.from(keys.current).equals(KEY)).toBe(true);
  });

  it("that other users can read is refused in production, naming the fix", () => {
    const file = join(directory, "shared.key");
    writeFileSync(file, KEY.toString("base64"), { mode: 0o644 });
    chmodSync(file, 0o644);
    const error = startupErrorOf(() => loadMasterKeys(configWith({ DATA_KEY_FILE: file, NODE_ENV: "production" }), logger));
    expect(error.message).toBe(`DATA_KEY_FILE ${file} can be read by other users (mode 644); make it private with \`chmod 600 ${file}\`.`);
  });

  it("that other users can read is only warned about in development", () => {
    const file = join(directory, "shared.key");
    writeFileSync(file, KEY.toString("base64"), { mode: 0o640 });
    chmodSync(file, 0o640);
    const warn = vi.spyOn(logger, "warn");
    const keys = loadMasterKeys(configWith({ DATA_KEY_FILE: file }), logger);
    expect(Buffer.from(keys.current).equals(KEY)).toBe(true);
    expect(warn).toHaveBeenCalledWith({ path: file, mode: "640" }, expect.stringContaining("can be read by other users (mode 640)"));
  });

  it("that does not exist gives a clear StartupError naming the variable, the path and the reason", () => {
    const file = join(directory, "missing.key");
    const error = startupErrorOf(() => loadMasterKeys(configWith({ DATA_KEY_FILE: file }), logger));
    expect(error.message).toContain("DATA_KEY_FILE");
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/cannot be read: ENOENT/);
  });

  it("with a bad key in it names the variable and the file", () => {
    const file = join(directory, "bad.key");
    writeFileSync(file, "not a key\n");
    const error = startupErrorOf(() => loadMasterKeys(configWith({ DATA_KEY_FILE: file }), logger));
    expect(error.message).toContain(`DATA_KEY_FILE ${file} must be the base64 of exactly 32 random bytes`);
  });
});

describe("neither DATA_KEY nor DATA_KEY_FILE", () => {
  it("in production is a StartupError mentioning DATA_KEY, and no key is generated", () => {
    const config = configWith({ NODE_ENV: "production" });
    const error = startupErrorOf(() => loadMasterKeys(config, logger));
    expect(error.message).toContain("DATA_KEY");
    expect(error.message).toContain("DATA_KEY_FILE");
    expect(existsSync(developmentKeyPath(config.databasePath))).toBe(false);
  });

  it("in development generates data-dir/dev-data.key, readable by the owner only, and warns", () => {
    const config = configWith({ NODE_ENV: "development" });
    const warn = vi.spyOn(logger, "warn");
    const keys = loadMasterKeys(config, logger);
    const path = join(directory, "data", "dev-data.key");
    expect(developmentKeyPath(config.databasePath)).toBe(path);
    expect(existsSync(path)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(keys.current).toHaveLength(32);
    expect(Buffer.from(readFileSync(path, "utf8").trim(), "base64").equals(Buffer.from(keys.current))).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("in development reuses the generated key next time", () => {
    const config = configWith({});
    const first = loadMasterKeys(config, logger);
    const contents = readFileSync(developmentKeyPath(config.databasePath), "utf8");
    const second = loadMasterKeys(configWith({}), logger);
    expect(Buffer.from(second.current).equals(Buffer.from(first.current))).toBe(true);
    expect(readFileSync(developmentKeyPath(config.databasePath), "utf8")).toBe(contents);
  });

  it("in development still applies DATA_KEYS_PREVIOUS", () => {
    const old = randomBytes(32);
    const keys = loadMasterKeys(configWith({ DATA_KEYS_PREVIOUS: old.toString("base64") }), logger);
    expect(keys.previous).toHaveLength(1);
    expect(Buffer.from(keys.previous[0]!).equals(old)).toBe(true);
  });
});
