import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { startBotProcess, type BotProcess } from "../support/bot-process";
import { t } from "../support/i18n";
import { WELCOME_CHOOSE_LANGUAGE } from "../support/replies";

let bot: BotProcess | undefined;
afterEach(() => bot?.dispose());

test("with no token the console channel answers /start, and SIGTERM stops it cleanly", async () => {
  bot = startBotProcess();
  await bot.until(({ stdout }) => stdout.includes("Console channel"));
  bot.child.stdin!.write("/start\n");
  await bot.until(({ stdout }) => stdout.includes(WELCOME_CHOOSE_LANGUAGE.text));
  bot.child.kill("SIGTERM");
  expect(await bot.exited).toBe(0);
  expect(bot.stdout()).toContain(`  1) ${t("kk", "language-kk")}\n  2) ${t("ru", "language-ru")}`);
  expect(bot.stderr()).toContain("generated a development data key");
}, 40_000);

test("the console channel's log goes to a file named once, so info lines never land in the dialogue", async () => {
  bot = startBotProcess({ LOG_LEVEL: "info" });
  await bot.until(({ stdout }) => stdout.includes("Console channel"));
  bot.child.stdin!.write("/start\n");
  await bot.until(({ stdout }) => stdout.includes(WELCOME_CHOOSE_LANGUAGE.text));
  bot.child.kill("SIGTERM");
  expect(await bot.exited).toBe(0);

  const path = join(bot.directory, "console.log");
  expect(bot.stderr().split(`Console channel log: ${path}`)).toHaveLength(2);
  expect(bot.stderr()).toContain("generated a development data key");
  expect(bot.stdout() + bot.stderr()).not.toContain("running the console channel");
  expect(readFileSync(path, "utf8")).toContain("BOT_TOKEN is not set: running the console channel");
}, 40_000);

test("in production without a data key the bot refuses to start and says why", async () => {
  bot = startBotProcess({ NODE_ENV: "production" });
  expect(await bot.exited).toBe(1);
  expect(bot.stderr()).toMatch(/^Cannot start: NODE_ENV=production but neither DATA_KEY nor DATA_KEY_FILE is set/);
  expect(bot.stderr()).not.toMatch(/\n\s+at /);
}, 40_000);

test("bad settings are listed one per line, and nothing starts", async () => {
  bot = startBotProcess({ BOT_TOKEN: "nonsense", CLINIC_TIMEZONE: "Asia/Atlantis", LOG_LEVEL: "loud" });
  expect(await bot.exited).toBe(1);
  expect(bot.stderr()).toContain("BOT_TOKEN must look like");
  expect(bot.stderr()).toContain("CLINIC_TIMEZONE must be an IANA time zone");
  expect(bot.stderr()).toContain("LOG_LEVEL");
  expect(bot.stderr()).not.toMatch(/\n\s+at /);
}, 40_000);

test("a second bot on the same database is refused, naming the running one; after a kill -9 the next start takes over", async () => {
  bot = startBotProcess();
  await bot.until(({ stdout }) => stdout.includes("Console channel"));
  const second = startBotProcess({}, bot.directory);
  expect(await second.exited).toBe(1);
  expect(second.stderr()).toMatch(
    new RegExp(`^Cannot start: Another bot process \\(pid ${bot.child.pid} on .+, running since .+\\) is using this database\\. Only one bot may run`, "m"),
  );
  bot.child.kill("SIGKILL");
  await bot.exited;
  const third = startBotProcess({}, bot.directory);
  await third.until(({ stdout }) => stdout.includes("Console channel"));
  third.child.kill("SIGTERM");
  expect(await third.exited).toBe(0);
}, 40_000);

test("SIGTERM the moment the console prints its first line still stops the bot cleanly, every time", async () => {
  for (let attempt = 0; attempt < 5; attempt++) {
    const early = startBotProcess({}, bot?.directory);
    bot ??= early;
    early.signalWhen(({ stdout }) => stdout.includes("Console channel"), "SIGTERM");
    expect(await early.exited).toBe(0);
  }
}, 40_000);
