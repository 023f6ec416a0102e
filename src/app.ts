import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Clock, IdSource } from "./clock";
import type { App } from "./bot/context";
import { createI18n } from "./bot/i18n";
import { StaffAlerts } from "./bot/staff/staff-alerts";
import { parseCatalog } from "./domain/catalog";
import type { Logger } from "./logger";
import { createStore, type Store } from "./store";
import { FieldCipher, type MasterKeys } from "./store/crypto";
import { openDatabase, verifyDataKey } from "./store/database";
import { StartupError } from "./store/keys";
import { loadPolicyVersions } from "./store/policy-documents";
import type { Locale } from "./store/preferences";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const POLICY_DIRECTORY = join(PROJECT_ROOT, "data", "policy");

export interface AppSettings {
  databasePath: string;
  masterKeys: MasterKeys;
  timeZone: string;
  staffChatId: number | undefined;
  staffLocale: Locale;
  catalogPath: string | undefined;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  /** Where published policy versions are kept as files; tests point it at a copy. */
  policyDirectory?: string;
}

/** Everything but the channels: database, keys, catalogue, policy versions, staff alerts. */
export async function createApp(settings: AppSettings): Promise<App> {
  const cipher = await FieldCipher.create(settings.masterKeys);
  const db = openDatabase(settings.databasePath);
  verifyDataKey(db, cipher);
  const store = createStore(db, cipher, settings.clock, settings.ids, settings.timeZone);
  if (settings.catalogPath) {
    const counts = store.catalog.importCatalog(readCatalog(settings.catalogPath));
    settings.logger.info(counts, "catalogue imported");
  }
  const policyDirectory = settings.policyDirectory ?? POLICY_DIRECTORY;
  try {
    syncPolicyVersions(store, policyDirectory, settings.logger);
  } catch (error) {
    db.$client.close();
    throw error;
  }
  const i18n = createI18n();
  const staffAlerts = new StaffAlerts({
    store,
    i18n,
    locale: settings.staffLocale,
    staffChatId: settings.staffChatId,
    timeZone: settings.timeZone,
    logger: settings.logger,
  });
  return {
    store,
    clock: settings.clock,
    logger: settings.logger,
    policyDirectory,
    staffAlerts,
    staffChatId: settings.staffChatId,
    timeZone: settings.timeZone,
    i18n,
    channelApis: new Map(),
  };
}

/**
 * The bot reads policy versions from the database; data/policy is where they are written down and
 * reviewed. A published version that differs between the two stops the start (people consented to
 * the database's text).
 */
function syncPolicyVersions(store: Store, directory: string, logger: Logger): void {
  const policies = store.policyVersions.syncFrom(loadPolicyVersions(directory));
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
