import { loadConfig } from "../../config";
import { loadEnvFileIfPresent } from "../../environment";
import { backupDatabase } from "../../store/backup";
import type { AdminCommand } from "../context";

/** `npm run admin -- backup PATH`: README's "Backups" section says how to schedule and restore it. */
export const backupCommand: AdminCommand = {
  name: "backup",
  usage: "backup PATH",
  summary: "write a consistent copy of the live database to a new file PATH (mode 0600; the data stays encrypted)",
  run: async (args, io) => {
    const [destination] = args;
    if (!destination) {
      io.out("Name the file to write, for example: npm run admin -- backup /var/backups/mumkindik/bot-2026-12-01.sqlite");
      return 2;
    }
    loadEnvFileIfPresent();
    const { databasePath } = loadConfig();
    const { pages } = await backupDatabase(databasePath, destination);
    io.out(`Backed up ${databasePath} to ${destination} (${pages} pages, integrity check ok).`);
    return 0;
  },
};
