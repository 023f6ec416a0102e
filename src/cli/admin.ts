import { ConfigError } from "../config";
import { StartupError } from "../startup-error";
import { absenceCommand } from "./commands/absence";
import { backupCommand } from "./commands/backup";
import { countsCommand } from "./commands/counts";
import { generateKey } from "./commands/generate-key";
import { importCatalog } from "./commands/import-catalog";
import { migrateCommand } from "./commands/migrate";
import { outboxCommand } from "./commands/outbox";
import { personBlock, personCorrect, personErase, personExport } from "./commands/person";
import { publishPolicy } from "./commands/publish-policy";
import { retentionCommand } from "./commands/retention";
import { rotateKeys } from "./commands/rotate-keys";
import { processIo, type AdminCommand, type AdminIo } from "./context";

/** What staff do outside the chat: `npm run admin -- <command>`. */
export const COMMANDS: AdminCommand[] = [generateKey, migrateCommand, importCatalog, personExport, personCorrect, personBlock, personErase, publishPolicy, outboxCommand, backupCommand, rotateKeys, absenceCommand, countsCommand, retentionCommand];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.usage.length));
  return [
    "Usage: npm run admin -- <command>",
    "",
    "Commands:",
    ...COMMANDS.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
  ].join("\n");
}

export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  const [name, ...args] = argv;
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.out(usage());
    return name === undefined || name === "help" ? 0 : 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StartupError) {
      io.out(error.message);
      return 1;
    }
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAdmin(process.argv.slice(2), processIo()).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`Failed: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
