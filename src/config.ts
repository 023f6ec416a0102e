import { z } from "zod";
import { DEFAULT_BOOKING_LIMITS, type BookingLimits } from "./domain/fair-use";
import { DEFAULT_CHANGE_CUTOFF_HOURS } from "./domain/booking-status";
import { DEFAULT_REMINDER_OFFSETS_HOURS } from "./domain/reminders";
import { DEFAULT_WAITLIST_HOLD_MINUTES } from "./domain/waitlist";
import { BOT_TOKEN_FORMAT, emptyAsUndefined } from "./environment";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The staff group gets tomorrow's list at this hour, clinic time (the issue: 18:00 by default). */
export const DEFAULT_STAFF_SUMMARY_HOUR = 18;

/** How many upcoming bookings the fund allows (fair use of a free service), a whole number from 1. */
function bookingLimit(fallback: number) {
  return z.preprocess(emptyAsUndefined, z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").default(fallback));
}

const tcpPort = z.coerce.number({ error: "must be a port number" }).int("must be a whole number").min(1, "must be a port from 1 to 65535").max(65_535, "must be a port from 1 to 65535");

const environmentSchema = z.object({
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(["development", "production", "test"]).default("development")),
  BOT_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(BOT_TOKEN_FORMAT, "must look like 123456789:AA… (the token BotFather gave you)")
      .optional(),
  ),
  TELEGRAM_API_ROOT: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/, error: "must be a URL (http or https) such as http://127.0.0.1:8081" }).optional()),
  TELEGRAM_WEBHOOK_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https$/, error: "must be the https URL Telegram posts updates to, such as https://bot.example.kz/telegram" }).optional(),
  ),
  // Telegram's secret_token: 1-256 of these characters; fewer than 16 would be guessable.
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16 to 256 letters, digits, _ or - (make one with `openssl rand -hex 32`)").optional(),
  ),
  WEBHOOK_PORT: z.preprocess(emptyAsUndefined, tcpPort.default(8080)),
  WEBHOOK_HOST: z.preprocess(emptyAsUndefined, z.string().default("127.0.0.1")),
  HEALTH_PORT: z.preprocess(emptyAsUndefined, tcpPort.optional()),
  HEALTH_HOST: z.preprocess(emptyAsUndefined, z.string().default("127.0.0.1")),
  STAFF_CHAT_ID: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: "must be a number (a group id looks like -1001234567890)" })
      .int("must be a whole number")
      .refine((id) => id < 0, "must be a group id, which is negative (for example -1001234567890)")
      .optional(),
  ),
  STAFF_LOCALE: z.preprocess(emptyAsUndefined, z.enum(["ru", "kk"]).default("ru")),
  STAFF_ADMIN_IDS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default("")
      .transform((list) => list.split(",").map((part) => part.trim()).filter(Boolean))
      .refine((parts) => parts.every((part) => /^[1-9]\d{0,15}$/.test(part)), "must be Telegram user ids (positive whole numbers), separated by commas")
      .transform((parts) => [...new Set(parts.map(Number))]),
  ),
  STAFF_SUMMARY_HOUR: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: "must be an hour from 0 to 23" })
      .int("must be a whole hour from 0 to 23")
      .min(0, "must be an hour from 0 to 23")
      .max(23, "must be an hour from 0 to 23")
      .default(DEFAULT_STAFF_SUMMARY_HOUR),
  ),
  DATABASE_PATH: z.preprocess(emptyAsUndefined, z.string().default("data/bot.sqlite")),
  DATA_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  DATA_KEY_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  DATA_KEYS_PREVIOUS: z.preprocess(emptyAsUndefined, z.string().optional()),
  CATALOG_PATH: z.preprocess(emptyAsUndefined, z.string().default("data/catalog.example.json")),
  CLINIC_TIMEZONE: z.preprocess(
    emptyAsUndefined,
    z.string().default("Asia/Almaty").refine(isTimeZone, "must be an IANA time zone such as Asia/Almaty"),
  ),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(LOG_LEVELS).default("info")),
  WHATSAPP_ENABLED: z.preprocess(emptyAsUndefined, z.enum(["true", "false"], { error: "must be true or false" }).default("false")),
  WHATSAPP_SESSION_PATH: z.preprocess(emptyAsUndefined, z.string().default("data/wwebjs")),
  WHATSAPP_PAIRING_NUMBER: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[1-9]\d{9,14}$/, "must be the fund's number in international form, digits only (for example 77012345678)")
      .optional(),
  ),
  BOOKING_LIMIT_PER_PERSON: bookingLimit(DEFAULT_BOOKING_LIMITS.perPerson),
  BOOKING_LIMIT_PER_PERSON_SERVICE: bookingLimit(DEFAULT_BOOKING_LIMITS.perPersonAndService),
  BOOKING_LIMIT_PER_ACCOUNT: bookingLimit(DEFAULT_BOOKING_LIMITS.perAccount),
  REMINDER_OFFSETS_HOURS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default(DEFAULT_REMINDER_OFFSETS_HOURS.join(","))
      .transform((list) => list.split(",").map((part) => part.trim()).filter(Boolean))
      .refine((parts) => parts.length > 0 && parts.every((part) => /^\d+$/.test(part) && Number(part) >= 1 && Number(part) <= 168), "must be whole hours from 1 to 168, separated by commas (for example 24,2)")
      .transform((parts) => [...new Set(parts.map(Number))]),
  ),
  CHANGE_CUTOFF_HOURS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: "must be whole hours from 0 to 72 (for example 2)" })
      .int("must be whole hours from 0 to 72 (for example 2)")
      .min(0, "must be whole hours from 0 to 72 (for example 2)")
      .max(72, "must be whole hours from 0 to 72 (for example 2)")
      .default(DEFAULT_CHANGE_CUTOFF_HOURS),
  ),
  WAITLIST_HOLD_MINUTES: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: "must be a number of minutes" })
      .int("must be whole minutes")
      .min(5, "must be at least 5 minutes (the person needs time to answer)")
      .max(1440, "must be at most 1440 minutes (a day)")
      .default(DEFAULT_WAITLIST_HOLD_MINUTES),
  ),
  // No default: the policy names no period for finished bookings (§5.1), so only the fund can set one.
  RETENTION_FINISHED_DAYS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: "must be a whole number of days from 1 (for example 1825), or unset to keep finished bookings" })
      .int("must be a whole number of days from 1 (for example 1825), or unset to keep finished bookings")
      .min(1, "must be a whole number of days from 1 (for example 1825), or unset to keep finished bookings")
      .max(36_500, "must be at most 36500 days (a hundred years)")
      .optional(),
  ),
  PUPPETEER_EXECUTABLE_PATH: z.preprocess(emptyAsUndefined, z.string().default("/usr/bin/chromium")),
}).superRefine((env, context) => {
  if (env.DATA_KEY && env.DATA_KEY_FILE) {
    context.addIssue({ code: "custom", path: ["DATA_KEY"], message: "and DATA_KEY_FILE are both set: keep only one of them" });
  }
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
    context.addIssue({ code: "custom", path: ["TELEGRAM_WEBHOOK_SECRET"], message: "must be set with TELEGRAM_WEBHOOK_URL: without it anyone who finds the URL can post updates" });
  }
  if (env.TELEGRAM_WEBHOOK_URL && !env.BOT_TOKEN) {
    context.addIssue({ code: "custom", path: ["TELEGRAM_WEBHOOK_URL"], message: "is set but BOT_TOKEN is not: webhooks are a way to run the Telegram channel" });
  }
});

export type Config = {
  environment: "development" | "production" | "test";
  telegram: { token: string; apiRoot: string | undefined; webhook: WebhookConfig | undefined } | undefined;
  /** A separate /healthz server (HEALTH_PORT); in webhook mode the webhook's port answers /healthz too. */
  health: { port: number; host: string } | undefined;
  staffChatId: number | undefined;
  staffLocale: "ru" | "kk";
  /** Members of the staff group who may also change the schedule there (/absence); none by default. */
  staffAdminIds: number[];
  /** From this hour (clinic time) the staff group gets tomorrow's list, once a day. */
  staffSummaryHour: number;
  databasePath: string;
  dataKey: { base64: string | undefined; file: string | undefined; previousBase64: string[] };
  catalogPath: string;
  clinicTimeZone: string;
  logLevel: (typeof LOG_LEVELS)[number];
  bookingLimits: BookingLimits;
  /** How many hours before an appointment each reminder goes out (REMINDER_OFFSETS_HOURS). */
  reminderOffsetsHours: number[];
  /** Closer to an appointment than this many hours, a patient calls the clinic to move or cancel it. */
  changeCutoffHours: number;
  /** How long a freed slot offered from the waiting list is held for the person (WAITLIST_HOLD_MINUTES). */
  waitlistHoldMinutes: number;
  /**
   * How many days after it finished a booking is kept (RETENTION_FINISHED_DAYS, src/domain/retention.ts);
   * undefined: finished bookings are kept until the fund sets a period.
   */
  retentionFinishedDays: number | undefined;
  /** Present when WHATSAPP_ENABLED=true. */
  whatsapp: { sessionPath: string; chromiumPath: string; pairingNumber: string | undefined } | undefined;
};

/** Telegram posts updates to `url`; the operator's TLS proxy forwards them to host:port, path unchanged. */
export interface WebhookConfig {
  url: string;
  secret: string;
  port: number;
  host: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The configuration has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Parses the environment once at start-up; nothing else in the program reads `process.env`, but for
 * the token the start reads first to ask getMe early (telegramAccessIn, by the same rules).
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  const env = parsed.data;
  return {
    environment: env.NODE_ENV,
    telegram: env.BOT_TOKEN
      ? {
          token: env.BOT_TOKEN,
          apiRoot: env.TELEGRAM_API_ROOT,
          webhook: env.TELEGRAM_WEBHOOK_URL
            ? { url: env.TELEGRAM_WEBHOOK_URL, secret: env.TELEGRAM_WEBHOOK_SECRET!, port: env.WEBHOOK_PORT, host: env.WEBHOOK_HOST }
            : undefined,
        }
      : undefined,
    health: env.HEALTH_PORT === undefined ? undefined : { port: env.HEALTH_PORT, host: env.HEALTH_HOST },
    staffChatId: env.STAFF_CHAT_ID,
    staffLocale: env.STAFF_LOCALE,
    staffAdminIds: env.STAFF_ADMIN_IDS,
    staffSummaryHour: env.STAFF_SUMMARY_HOUR,
    databasePath: env.DATABASE_PATH,
    dataKey: {
      base64: env.DATA_KEY,
      file: env.DATA_KEY_FILE,
      previousBase64: (env.DATA_KEYS_PREVIOUS ?? "")
        .split(",")
        .map((key) => key.trim())
        .filter(Boolean),
    },
    catalogPath: env.CATALOG_PATH,
    clinicTimeZone: env.CLINIC_TIMEZONE,
    logLevel: env.LOG_LEVEL,
    bookingLimits: {
      perPerson: env.BOOKING_LIMIT_PER_PERSON,
      perPersonAndService: env.BOOKING_LIMIT_PER_PERSON_SERVICE,
      perAccount: env.BOOKING_LIMIT_PER_ACCOUNT,
    },
    reminderOffsetsHours: env.REMINDER_OFFSETS_HOURS,
    changeCutoffHours: env.CHANGE_CUTOFF_HOURS,
    waitlistHoldMinutes: env.WAITLIST_HOLD_MINUTES,
    retentionFinishedDays: env.RETENTION_FINISHED_DAYS,
    whatsapp:
      env.WHATSAPP_ENABLED === "true"
        ? { sessionPath: env.WHATSAPP_SESSION_PATH, chromiumPath: env.PUPPETEER_EXECUTABLE_PATH, pairingNumber: env.WHATSAPP_PAIRING_NUMBER }
        : undefined,
  };
}
