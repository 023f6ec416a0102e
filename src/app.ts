import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Clock, IdSource } from "./clock";
import type { App } from "./bot/context";
import { createI18n } from "./bot/i18n";
import { StaffAlerts } from "./bot/staff/staff-alerts";
import { parseCatalog } from "./domain/catalog";
import type { Logger } from "./logger";
import { createStore } from "./store";
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
}

/** Everything but the channels: database, keys, catalogue, policy texts, staff alerts. */
export async function createApp(settings: AppSettings): Promise<App> {
  const cipher = await FieldCipher.create(settings.masterKeys);
  const db = openDatabase(settings.databasePath);
  verifyDataKey(db, cipher);
  const store = createStore(db, cipher, settings.clock, settings.ids, settings.timeZone);
  if (settings.catalogPath) {
    const counts = store.catalog.importCatalog(readCatalog(settings.catalogPath));
    settings.logger.info(counts, "catalogue imported");
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
    policies: loadPolicyVersions(POLICY_DIRECTORY),
    staffAlerts,
    staffChatId: settings.staffChatId,
    timeZone: settings.timeZone,
    i18n,
    channelApis: new Map(),
  };
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
