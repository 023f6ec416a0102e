import { createApp } from "../app";
import type { App } from "../app";
import { randomIds, systemClock } from "../clock";
import { loadConfig } from "../config";
import { loadEnvFileIfPresent } from "../environment";
import { createLogger } from "../logger";
import { checkpoint } from "../store/database";
import { loadMasterKeys } from "../store/keys";

/** An admin command: its arguments, and what it prints. Returns the process exit code. */
export interface AdminCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], io: AdminIo): Promise<number>;
}

export interface AdminIo {
  out(text: string): void;
  /** Opens the app on the configured database, without any channel. */
  openApp(options?: { catalogPath?: string | undefined }): Promise<App>;
}

export function processIo(): AdminIo {
  return {
    out: (text) => void process.stdout.write(`${text}\n`),
    openApp: async (options = {}) => {
      loadEnvFileIfPresent();
      const config = loadConfig();
      const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
      return createApp({
        databasePath: config.databasePath,
        masterKeys: loadMasterKeys(config, logger),
        timeZone: config.clinicTimeZone,
        staffChatId: config.staffChatId,
        staffLocale: config.staffLocale,
        catalogPath: options.catalogPath,
        clock: systemClock,
        ids: randomIds,
        logger,
        retentionFinishedDays: config.retentionFinishedDays,
        migrations: "refuse-pending",
      });
    },
  };
}

export function closeApp(app: App): void {
  checkpoint(app.store.db);
  app.store.db.$client.close();
}
