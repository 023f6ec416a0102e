import { randomBytes } from "node:crypto";
import { createApp, readCatalog } from "../app";
import { randomIds, systemClock } from "../clock";
import { ConfigError, loadConfig, loadEnvFileIfPresent } from "../config";
import { createLogger } from "../logger";
import { MASTER_KEY_BYTES } from "../store/crypto";
import { loadMasterKeys, StartupError } from "../store/keys";

const USAGE = `Usage: npm run admin -- <command>

Commands:
  generate-key              print a new random data key (base64 of 32 bytes) for DATA_KEY or DATA_KEY_FILE
  import-catalog [path]     import services, doctors and working hours (default: CATALOG_PATH);
                            existing bookings are never removed
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "generate-key":
      process.stdout.write(`${randomBytes(MASTER_KEY_BYTES).toString("base64")}\n`);
      return 0;
    case "import-catalog":
      return importCatalog(rest[0]);
    default:
      process.stdout.write(USAGE);
      return command === undefined || command === "help" ? 0 : 2;
  }
}

async function importCatalog(path: string | undefined): Promise<number> {
  loadEnvFileIfPresent();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const catalogPath = path ?? config.catalogPath;
  readCatalog(catalogPath);
  const app = await createApp({
    databasePath: config.databasePath,
    masterKeys: loadMasterKeys(config, logger),
    timeZone: config.clinicTimeZone,
    staffChatId: undefined,
    staffLocale: config.staffLocale,
    catalogPath,
    clock: systemClock,
    ids: randomIds,
    logger,
  });
  app.store.db.$client.close();
  process.stdout.write(`Imported ${catalogPath}.\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof StartupError;
    process.stderr.write(`${known ? (error as Error).message : `Failed: ${(error as Error).message}`}\n`);
    process.exit(1);
  },
);
