import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, expect, test } from "vitest";
import { PROJECT_ROOT as ROOT } from "../../src/paths";
import { t } from "../support/i18n";
import { WELCOME_CHOOSE_LANGUAGE } from "../support/replies";

let directory: string | undefined;

// `npm start` runs the bundle: built once here, so these tests also prove that the bundle finds its
// migrations, locales and policy files.
beforeAll(() => {
  const build = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, encoding: "utf8" });
  expect(build.status, build.stderr).toBe(0);
}, 60_000);
afterEach(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** `npm start` as a person runs it: the built bundle with a clean environment and a temporary database. */
function start(env: Record<string, string>, script: (child: ReturnType<typeof spawn>, output: () => string) => Promise<void> | void): Promise<Run> {
  directory = mkdtempSync(join(tmpdir(), "mumkindik-process-"));
  const child = spawn(process.execPath, ["dist/main.js"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: directory, DATABASE_PATH: join(directory, "bot.sqlite"), LOG_LEVEL: "warn", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += String(chunk)));
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return Promise.resolve(script(child, () => stdout)).then(async () => {
    const code = await exited;
    return { stdout, stderr, code };
  });
}

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the bot's output");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("with no token the console channel answers /start, and SIGTERM stops it cleanly", async () => {
  const run = await start({}, async (child, output) => {
    await until(() => output().includes("Console channel"));
    child.stdin!.write("/start\n");
    await until(() => output().includes(WELCOME_CHOOSE_LANGUAGE.text));
    child.kill("SIGTERM");
  });
  expect(run.stdout).toContain(`  1) ${t("kk", "language-kk")}\n  2) ${t("ru", "language-ru")}`);
  expect(run.code).toBe(0);
  expect(run.stderr).toContain("generated a development data key");
}, 40_000);

test("in production without a data key the bot refuses to start and says why", async () => {
  const run = await start({ NODE_ENV: "production" }, () => undefined);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^Cannot start: NODE_ENV=production but neither DATA_KEY nor DATA_KEY_FILE is set/);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}, 40_000);

test("bad settings are listed one per line, and nothing starts", async () => {
  const run = await start({ BOT_TOKEN: "nonsense", CLINIC_TIMEZONE: "Asia/Atlantis", LOG_LEVEL: "loud" }, () => undefined);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("BOT_TOKEN must look like");
  expect(run.stderr).toContain("CLINIC_TIMEZONE must be an IANA time zone");
  expect(run.stderr).toContain("LOG_LEVEL");
  expect(run.stderr).not.toMatch(/\n\s+at /);
}, 40_000);
