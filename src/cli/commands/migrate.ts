import { loadConfig } from "../../config";
import { loadEnvFileIfPresent } from "../../environment";
import { migrateDatabase, openDatabase, pendingMigrations } from "../../store/database";
import type { AdminCommand } from "../context";

/** `npm run db:migrate`: brings the database's schema up to date (the bot also does this at start). */
export const migrateCommand: AdminCommand = {
  name: "migrate",
  usage: "migrate",
  summary: "apply pending database migrations (the bot applies them at start too)",
  run: async (_args, io) => {
    loadEnvFileIfPresent();
    const { databasePath } = loadConfig();
    const db = openDatabase(databasePath);
    try {
      const pending = pendingMigrations(db);
      migrateDatabase(db);
      io.out(pending === 0 ? `${databasePath} is up to date.` : `Applied ${pending} migration(s) to ${databasePath}.`);
    } finally {
      db.$client.close();
    }
    return 0;
  },
};
