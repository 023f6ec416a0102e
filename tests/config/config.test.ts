import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config";
import { telegramAccessIn } from "../../src/environment";

const TOKEN = "123456789:AAFakeTokenForTests_abcdefghijkl";

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig defaults", () => {
  it("with an empty environment, runs the console channel on data/bot.sqlite in Almaty time, logging at info", () => {
    const config = loadConfig({});
    expect(config).toEqual({
      environment: "development",
      telegram: undefined,
      staffChatId: undefined,
      staffLocale: "ru",
      staffAdminIds: [],
      staffSummaryHour: 18,
      databasePath: "data/bot.sqlite",
      dataKey: { base64: undefined, file: undefined, previousBase64: [] },
      catalogPath: "data/catalog.example.json",
      clinicTimeZone: "Asia/Almaty",
      logLevel: "info",
      bookingLimits: { perPerson: 3, perPersonAndService: 2, perAccount: 8 },
      reminderOffsetsHours: [24, 2],
      changeCutoffHours: 2,
      waitlistHoldMinutes: 30,
      retentionFinishedDays: undefined,
    });
  });

  it("reads how many days finished bookings are kept, unset by default, and refuses anything but whole days from 1", () => {
    expect(loadConfig({ RETENTION_FINISHED_DAYS: "1825" }).retentionFinishedDays).toBe(1825);
    expect(loadConfig({ RETENTION_FINISHED_DAYS: "" }).retentionFinishedDays).toBeUndefined();
    for (const wrong of ["0", "-3", "1.5", "five years"]) {
      expect(problemsOf({ RETENTION_FINISHED_DAYS: wrong })).toEqual(["RETENTION_FINISHED_DAYS must be a whole number of days from 1 (for example 1825), or unset to keep finished bookings"]);
    }
  });

  it("reads how long a waiting-list offer is held, in whole minutes from 5 to 1440", () => {
    expect(loadConfig({ WAITLIST_HOLD_MINUTES: "45" }).waitlistHoldMinutes).toBe(45);
    expect(() => loadConfig({ WAITLIST_HOLD_MINUTES: "2" })).toThrow("WAITLIST_HOLD_MINUTES must be at least 5 minutes");
    expect(() => loadConfig({ WAITLIST_HOLD_MINUTES: "half an hour" })).toThrow("WAITLIST_HOLD_MINUTES must be a number of minutes");
  });

  it("reads the reminder offsets in hours, and refuses anything but whole hours from 1 to 168", () => {
    expect(loadConfig({ REMINDER_OFFSETS_HOURS: "48, 24,3" }).reminderOffsetsHours).toEqual([48, 24, 3]);
    expect(() => loadConfig({ REMINDER_OFFSETS_HOURS: "24,0" })).toThrow("REMINDER_OFFSETS_HOURS must be whole hours from 1 to 168");
    expect(() => loadConfig({ REMINDER_OFFSETS_HOURS: "1.5" })).toThrow("REMINDER_OFFSETS_HOURS must be whole hours from 1 to 168");
  });

  it("reads the fund's booking limits, and refuses one that is not a whole number from 1", () => {
    const limits = loadConfig({ BOOKING_LIMIT_PER_PERSON: "5", BOOKING_LIMIT_PER_PERSON_SERVICE: "1", BOOKING_LIMIT_PER_ACCOUNT: "12" }).bookingLimits;
    expect(limits).toEqual({ perPerson: 5, perPersonAndService: 1, perAccount: 12 });
    expect(() => loadConfig({ BOOKING_LIMIT_PER_ACCOUNT: "0" })).toThrow("BOOKING_LIMIT_PER_ACCOUNT must be at least 1");
    expect(() => loadConfig({ BOOKING_LIMIT_PER_PERSON: "2.5" })).toThrow("BOOKING_LIMIT_PER_PERSON must be a whole number");
  });

  it("reads only the environment it is given, not process.env", () => {
    const saved = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = "not-a-level";
    try {
      expect(loadConfig({}).logLevel).toBe("info");
    } finally {
      if (saved === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = saved;
    }
  });

  it("with BOT_TOKEN, talks to Telegram (through TELEGRAM_API_ROOT when given)", () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN }).telegram).toEqual({ token: TOKEN, apiRoot: undefined });
    expect(loadConfig({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "http://127.0.0.1:8081" }).telegram).toEqual({
      token: TOKEN,
      apiRoot: "http://127.0.0.1:8081",
    });
  });

  it("the token and API root main.ts reads to ask getMe early are the ones loadConfig reads; a malformed token is not asked with", () => {
    const environments = [{}, { BOT_TOKEN: "" }, { BOT_TOKEN: TOKEN }, { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "" }, { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "http://127.0.0.1:8081" }];
    for (const env of environments) {
      const telegram = loadConfig(env).telegram;
      expect(telegramAccessIn(env)).toEqual(telegram && { token: telegram.token, apiRoot: telegram.apiRoot });
    }
    expect(telegramAccessIn({ BOT_TOKEN: "nonsense" })).toBeUndefined();
    expect(problemsOf({ BOT_TOKEN: "nonsense" })[0]).toMatch(/^BOT_TOKEN must look like/);
  });

  it("takes every valid setting as given", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      BOT_TOKEN: TOKEN,
      STAFF_CHAT_ID: "-1001234567890",
      STAFF_LOCALE: "kk",
      STAFF_SUMMARY_HOUR: "17",
      DATABASE_PATH: "/var/lib/bot/bot.sqlite",
      DATA_KEY_FILE: "/run/secrets/data.key",
      DATA_KEYS_PREVIOUS: " a , b ,,",
      CATALOG_PATH: "/etc/bot/catalog.json",
      CLINIC_TIMEZONE: "Asia/Aqtobe",
      LOG_LEVEL: "debug",
    });
    expect(config).toMatchObject({
      environment: "production",
      staffChatId: -1001234567890,
      staffLocale: "kk",
      staffSummaryHour: 17,
      databasePath: "/var/lib/bot/bot.sqlite",
      dataKey: { base64: undefined, file: "/run/secrets/data.key", previousBase64: ["a", "b"] },
      catalogPath: "/etc/bot/catalog.json",
      clinicTimeZone: "Asia/Aqtobe",
      logLevel: "debug",
    });
  });
});

describe("each bad variable yields its own problem line naming the variable", () => {
  it.each([
    ["BOT_TOKEN", "not-a-token", /^BOT_TOKEN must look like 123456789:AA/],
    ["BOT_TOKEN", "123456789:short", /^BOT_TOKEN /],
    ["TELEGRAM_API_ROOT", "not a url", /^TELEGRAM_API_ROOT must be a URL/],
    ["STAFF_CHAT_ID", "1234567890", /^STAFF_CHAT_ID must be a group id, which is negative/],
    ["STAFF_CHAT_ID", "staff", /^STAFF_CHAT_ID must be a number/],
    ["STAFF_CHAT_ID", "-100.5", /^STAFF_CHAT_ID must be a whole number/],
    ["CLINIC_TIMEZONE", "Asia/Atlantis", /^CLINIC_TIMEZONE must be an IANA time zone/],
    ["LOG_LEVEL", "verbose", /^LOG_LEVEL /],
    ["NODE_ENV", "staging", /^NODE_ENV /],
    ["STAFF_LOCALE", "en", /^STAFF_LOCALE /],
    ["STAFF_SUMMARY_HOUR", "24", /^STAFF_SUMMARY_HOUR must be an hour from 0 to 23/],
    ["STAFF_SUMMARY_HOUR", "18:00", /^STAFF_SUMMARY_HOUR must be an hour from 0 to 23/],
  ])("%s=%s", (name, value, expected) => {
    const problems = problemsOf({ BOT_TOKEN: TOKEN, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it.each(["localhost:8081", "ftp://127.0.0.1:8081"])(
    "TELEGRAM_API_ROOT=%s, which no HTTP client can call, is refused like any non-URL",
    (value) => {
      const problems = problemsOf({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^TELEGRAM_API_ROOT must be a URL/);
    },
  );

  it("several bad variables at once give one line each, all in the error message", () => {
    let caught: unknown;
    try {
      loadConfig({
        BOT_TOKEN: "nope",
        TELEGRAM_API_ROOT: "nowhere",
        STAFF_CHAT_ID: "42",
        CLINIC_TIMEZONE: "Mars/Olympus",
        LOG_LEVEL: "loud",
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const { problems, message } = caught as ConfigError;
    expect(problems).toHaveLength(5);
    for (const name of ["BOT_TOKEN", "TELEGRAM_API_ROOT", "STAFF_CHAT_ID", "CLINIC_TIMEZONE", "LOG_LEVEL"]) {
      expect(problems.filter((line) => line.startsWith(`${name} `))).toHaveLength(1);
      expect(message).toContain(`  - ${name} `);
    }
    expect(message).toMatch(/^The configuration has 5 problem\(s\):/);
  });
});

describe("the data key settings", () => {
  it("refuses DATA_KEY and DATA_KEY_FILE together", () => {
    const problems = problemsOf({ DATA_KEY: "a2V5", DATA_KEY_FILE: "/run/secrets/data.key" });
    expect(problems).toEqual(["DATA_KEY and DATA_KEY_FILE are both set: keep only one of them"]);
  });

  it("reports both data keys together with the other problems, not only after they are fixed", () => {
    const problems = problemsOf({ BOT_TOKEN: "nope", DATA_KEY: "a2V5", DATA_KEY_FILE: "/run/secrets/data.key" });
    expect(problems).toHaveLength(2);
    expect(problems.filter((line) => line.startsWith("BOT_TOKEN "))).toHaveLength(1);
    expect(problems).toContain("DATA_KEY and DATA_KEY_FILE are both set: keep only one of them");
  });

  it("accepts either one alone", () => {
    expect(loadConfig({ DATA_KEY: "a2V5" }).dataKey).toEqual({ base64: "a2V5", file: undefined, previousBase64: [] });
    expect(loadConfig({ DATA_KEY_FILE: "/k" }).dataKey).toEqual({ base64: undefined, file: "/k", previousBase64: [] });
  });
});

describe("empty strings", () => {
  it("are treated as unset: every variable empty gives the defaults", () => {
    const names = [
      "NODE_ENV",
      "BOT_TOKEN",
      "TELEGRAM_API_ROOT",
      "STAFF_CHAT_ID",
      "STAFF_LOCALE",
      "STAFF_SUMMARY_HOUR",
      "DATABASE_PATH",
      "DATA_KEY",
      "DATA_KEY_FILE",
      "DATA_KEYS_PREVIOUS",
      "CATALOG_PATH",
      "CLINIC_TIMEZONE",
      "LOG_LEVEL",
    ];
    const env = Object.fromEntries(names.map((name) => [name, ""]));
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });

  it("an empty BOT_TOKEN means the console channel", () => {
    expect(loadConfig({ BOT_TOKEN: "", TELEGRAM_API_ROOT: "http://127.0.0.1:8081" }).telegram).toBeUndefined();
  });

  it("an empty DATA_KEY beside DATA_KEY_FILE is not two keys", () => {
    expect(loadConfig({ DATA_KEY: "", DATA_KEY_FILE: "/k" }).dataKey.file).toBe("/k");
  });

  it("an empty STAFF_CHAT_ID means no staff group (not group 0)", () => {
    expect(loadConfig({ STAFF_CHAT_ID: "" }).staffChatId).toBeUndefined();
  });
});

describe("webhook mode and the health check", () => {
  const SECRET = "0123456789abcdef0123456789abcdef";

  it("with TELEGRAM_WEBHOOK_URL and its secret, Telegram posts updates to port 8080 on 127.0.0.1 unless told otherwise", () => {
    const config = loadConfig({ BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.kz/telegram", TELEGRAM_WEBHOOK_SECRET: SECRET });
    expect(config.telegram?.webhook).toEqual({ url: "https://bot.example.kz/telegram", secret: SECRET, port: 8080, host: "127.0.0.1" });
    expect(config.health).toBeUndefined();
    expect(loadConfig({ HEALTH_PORT: "9090" }).health).toEqual({ port: 9090, host: "127.0.0.1" });
  });

  it("refuses a webhook without its secret, a secret too short to be one, a plain-http URL and a webhook without a token", () => {
    expect(problemsOf({ BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.kz/telegram" })).toEqual([
      "TELEGRAM_WEBHOOK_SECRET must be set with TELEGRAM_WEBHOOK_URL: without it anyone who finds the URL can post updates",
    ]);
    expect(problemsOf({ BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.kz/telegram", TELEGRAM_WEBHOOK_SECRET: "short" })[0]).toMatch(
      /^TELEGRAM_WEBHOOK_SECRET must be 16 to 256 letters/,
    );
    expect(problemsOf({ BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "http://bot.example.kz/telegram", TELEGRAM_WEBHOOK_SECRET: SECRET })[0]).toMatch(/^TELEGRAM_WEBHOOK_URL must be the https URL/);
    expect(problemsOf({ TELEGRAM_WEBHOOK_URL: "https://bot.example.kz/telegram", TELEGRAM_WEBHOOK_SECRET: SECRET })).toEqual([
      "TELEGRAM_WEBHOOK_URL is set but BOT_TOKEN is not: webhooks are a way to run the Telegram channel",
    ]);
    expect(problemsOf({ HEALTH_PORT: "70000" })).toEqual(["HEALTH_PORT must be a port from 1 to 65535"]);
  });
});
