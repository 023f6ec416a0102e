import { readFileSync } from "node:fs";
import type { Clock, IdSource } from "./clock";
import { POLICY_DIRECTORY } from "./paths";
import type { Api } from "grammy";
import { DEFAULT_CHANGE_CUTOFF_HOURS } from "./domain/booking-status";
import type { ChannelName } from "./domain/channel";
import type { BookingLimits } from "./domain/fair-use";
import { createServices, type Services } from "./services";
import { StaffAlerts } from "./services/staff-alerts";
import { PatientNotices } from "./services/patient-notices";
import { ReminderSender } from "./services/reminders";
import { StaffMembership } from "./services/staff-membership";
import { StaffTexts } from "./services/staff-texts";
import { parseCatalog } from "./domain/catalog";
import { localDateOf } from "./domain/slots";
import type { Logger } from "./logger";
import { createStore, type Store } from "./store";
import { FieldCipher, type MasterKeys } from "./store/crypto";
import { openDatabase, openMigratedDatabase, pendingMigrations, verifyDataKey, type Db } from "./store/database";
import { StartupError } from "./startup-error";
import { createTranslator, type Translator } from "./translator";
import { assertEveryKeyAvailable } from "./store/key-usage";
import { loadPolicyVersions } from "./store/policy-documents";
import type { Locale } from "./domain/locale";
import { DEFAULT_STAFF_SUMMARY_HOUR } from "./config";


/** Everything features need from outside grammY, built once in main and shared by every channel. */
export interface App {
  store: Store;
  /** Who may do what: the data subject's rights, booking, consent, policy publication. */
  services: Services;
  clock: Clock;
  /** Ids made outside the store (a dialogue draft's key), from the same source the store uses. */
  ids: IdSource;
  logger: Logger;
  /** The folder of policy version files (data/policy): synced into the database at start. */
  policyDirectory: string;
  staffAlerts: StaffAlerts;
  /** The staff group's texts and buttons, in STAFF_LOCALE. */
  staffTexts: StaffTexts;
  /** What the bot tells patients on its own (a cancellation by the clinic), from the patient outbox. */
  patientNotices: PatientNotices;
  /** Appointment reminders, sent when due on each patient's channel. */
  reminders: ReminderSender;
  /** Who is a member of the staff group now (asked of Telegram, remembered briefly). */
  staffMembership: StaffMembership;
  /** Texts in either language, for messages the bot starts itself (staff alerts, notices). */
  i18n: Translator;
  /** Each running channel's Bot API, for messages the bot starts itself (policy notices). */
  channelApis: Map<ChannelName, Api>;
  staffChatId: number | undefined;
  /** STAFF_ADMIN_IDS: the members who may also change the schedule from the group (/absence). */
  staffAdminIds: ReadonlySet<number>;
  /** From this hour (clinic time) the staff group gets tomorrow's list, once a day. */
  staffSummaryHour: number;
  /** RETENTION_FINISHED_DAYS: days a finished booking is kept; undefined, kept until the fund sets a period. */
  retentionFinishedDays: number | undefined;
  timeZone: string;
}

export interface AppSettings {
  databasePath: string;
  masterKeys: MasterKeys;
  timeZone: string;
  staffChatId: number | undefined;
  staffLocale: Locale;
  /** STAFF_ADMIN_IDS; nobody when not given. */
  staffAdminIds?: readonly number[];
  /** STAFF_SUMMARY_HOUR; the default when not given (the admin CLI never posts a summary). */
  staffSummaryHour?: number;
  catalogPath: string | undefined;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  /** Where published policy versions are kept as files; tests point it at a copy. */
  policyDirectory?: string;
  /** The fund's fair-use limits; the defaults when not given. */
  bookingLimits?: BookingLimits;
  /** REMINDER_OFFSETS_HOURS; the defaults (24 and 2) when not given. */
  reminderOffsetsHours?: readonly number[];
  /** CHANGE_CUTOFF_HOURS; the default (2) when not given. */
  changeCutoffHours?: number;
  /** WAITLIST_HOLD_MINUTES; 30 when not given. */
  waitlistHoldMinutes?: number;
  /** RETENTION_FINISHED_DAYS; nothing is erased on a timer when not given. */
  retentionFinishedDays?: number | undefined;
  /**
   * The bot applies pending migrations at start; the admin CLI refuses a database that has some,
   * rather than changing the schema under a running bot.
   */
  migrations?: "apply" | "refuse-pending";
}

/** Everything but the channels: database, keys, services, catalogue, policy versions, staff alerts. */
export async function createApp(settings: AppSettings): Promise<App> {
  const cipher = await FieldCipher.create(settings.masterKeys);
  const db = openStoreDatabase(settings);
  try {
    verifyDataKey(db, cipher);
    assertEveryKeyAvailable(db, cipher);
  } catch (error) {
    db.$client.close();
    throw error;
  }
  const store = createStore(db, cipher, settings.clock, settings.ids, settings.timeZone);
  const services = createServices(
    store,
    settings.clock,
    settings.timeZone,
    settings.bookingLimits,
    settings.reminderOffsetsHours,
    settings.changeCutoffHours,
    settings.waitlistHoldMinutes,
  );
  if (settings.catalogPath) {
    const counts = store.catalogImport.importCatalog(readCatalog(settings.catalogPath));
    settings.logger.info(counts, "catalogue imported");
    const removed = services.absences.cancelForRemovedDoctors({ kind: "system" });
    if (removed.cancelled > 0) settings.logger.info(removed, "bookings with specialists no longer in the catalogue were cancelled; patients and staff are told");
  }
  const withReminders = services.bookings.planMissingReminders();
  if (withReminders > 0) settings.logger.info({ bookings: withReminders }, "reminders planned for bookings made before reminders existed");
  const policyDirectory = settings.policyDirectory ?? POLICY_DIRECTORY;
  try {
    syncPolicyVersions(services, policyDirectory, localDateOf(settings.clock.now(), settings.timeZone), settings.logger);
  } catch (error) {
    db.$client.close();
    throw error;
  }
  const i18n = createTranslator();
  const staffTexts = new StaffTexts(i18n, settings.staffLocale, store.catalog, settings.timeZone);
  const staffAlerts = new StaffAlerts({
    store,
    desk: services.staffDesk,
    texts: staffTexts,
    i18n,
    locale: settings.staffLocale,
    staffChatId: settings.staffChatId,
    timeZone: settings.timeZone,
    clock: settings.clock,
    logger: settings.logger,
  });
  const channelApis = new Map<ChannelName, Api>();
  return {
    store,
    services,
    patientNotices: new PatientNotices({ store, i18n, channelApis, clock: settings.clock, timeZone: settings.timeZone, logger: settings.logger }),
    reminders: new ReminderSender({
      store,
      i18n,
      channelApis,
      clock: settings.clock,
      timeZone: settings.timeZone,
      logger: settings.logger,
      changeCutoffHours: settings.changeCutoffHours ?? DEFAULT_CHANGE_CUTOFF_HOURS,
    }),
    clock: settings.clock,
    ids: settings.ids,
    logger: settings.logger,
    policyDirectory,
    staffAlerts,
    staffTexts,
    staffMembership: new StaffMembership(settings.clock),
    staffChatId: settings.staffChatId,
    staffAdminIds: new Set(settings.staffAdminIds ?? []),
    staffSummaryHour: settings.staffSummaryHour ?? DEFAULT_STAFF_SUMMARY_HOUR,
    retentionFinishedDays: settings.retentionFinishedDays,
    timeZone: settings.timeZone,
    i18n,
    channelApis,
  };
}

function openStoreDatabase(settings: AppSettings): Db {
  if ((settings.migrations ?? "apply") === "apply") return openMigratedDatabase(settings.databasePath);
  const db = openDatabase(settings.databasePath);
  const pending = pendingMigrations(db);
  if (pending > 0) {
    db.$client.close();
    throw new StartupError(
      `The database ${settings.databasePath} has ${pending} migration(s) not applied yet. Run \`npm run db:migrate\` ` +
        "(or start the bot, which applies them) and try again.",
    );
  }
  return db;
}

/**
 * The bot reads policy versions from the database; data/policy is where they are written down and
 * reviewed. A published version that differs between the two stops the start (people consented to
 * the database's text).
 */
function syncPolicyVersions(services: Services, directory: string, today: string, logger: Logger): void {
  const policies = services.policyPublication.syncFrom(loadPolicyVersions(directory), today);
  if (policies.added.length > 0) logger.info({ versions: policies.added }, "policy versions added from the policy directory");
  if (policies.onlyInDatabase.length > 0) {
    logger.warn({ versions: policies.onlyInDatabase }, "published policy versions are missing from the policy directory; the database keeps them");
  }
}

export function readCatalog(path: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new StartupError(`The catalogue ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  const parsed = parseCatalog(json);
  if (!parsed.ok) throw new StartupError(`The catalogue ${path} has problems:\n${parsed.problems.map((p) => `  - ${p}`).join("\n")}`);
  return parsed.catalog;
}
