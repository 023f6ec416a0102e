import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import type { Config } from "../config";
import type { Logger } from "../logger";
import { StartupError } from "../startup-error";
import { MASTER_KEY_BYTES, type MasterKeys } from "./crypto";

export function developmentKeyPath(databasePath: string): string {
  return join(dirname(databasePath), "dev-data.key");
}

/**
 * Reads the master key from DATA_KEY or DATA_KEY_FILE. Outside production, with neither set, a
 * development key is made beside the database so anyone can try the bot; production refuses, because
 * a key generated on the server would sit next to the data it protects.
 */
export function loadMasterKeys(config: Config, logger: Logger): MasterKeys {
  const previous = config.dataKey.previousBase64.map((key, index) => decodeKey(key, `DATA_KEYS_PREVIOUS[${index}]`));
  if (config.dataKey.base64) {
    return { current: decodeKey(config.dataKey.base64, "DATA_KEY"), previous };
  }
  if (config.dataKey.file) {
    return { current: readKeyFile(config.dataKey.file, "DATA_KEY_FILE", config, logger), previous };
  }
  if (config.environment === "production") {
    throw new StartupError(
      "NODE_ENV=production but neither DATA_KEY nor DATA_KEY_FILE is set. The personal data is encrypted " +
        "with this key: create one with `npm run admin -- generate-key` and keep it outside the data folder.",
    );
  }
  const path = developmentKeyPath(config.databasePath);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${randomBytes(MASTER_KEY_BYTES).toString("base64")}\n`, { mode: 0o600 });
    chmodSync(path, 0o600);
    logger.warn({ path }, "generated a development data key; set DATA_KEY or DATA_KEY_FILE for real data");
  } else {
    logger.warn({ path }, "using the development data key; set DATA_KEY or DATA_KEY_FILE for real data");
  }
  return { current: readKeyFile(path, "the development key file", config, logger), previous };
}

/**
 * A key file others can read gives them every patient's data: production refuses it, development
 * (where the key protects test data) warns.
 */
function readKeyFile(path: string, name: string, config: Config, logger: Logger): Uint8Array {
  let text: string;
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new StartupError(`${name} ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? "unknown error"}`);
  }
  if ((mode & 0o077) !== 0) {
    const problem = `${name} ${path} can be read by other users (mode ${mode.toString(8).padStart(3, "0")}); make it private with \`chmod 600 ${path}\``;
    if (config.environment === "production") throw new StartupError(`${problem}.`);
    logger.warn({ path, mode: mode.toString(8) }, problem);
  }
  return decodeKey(text.trim(), `${name} ${path}`);
}

function decodeKey(base64: string, name: string): Uint8Array {
  const trimmed = base64.trim();
  const bytes = Buffer.from(trimmed, "base64");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || bytes.length !== MASTER_KEY_BYTES) {
    throw new StartupError(
      `${name} must be the base64 of exactly ${MASTER_KEY_BYTES} random bytes (got ${bytes.length} bytes). ` +
        "Create one with `npm run admin -- generate-key`.",
    );
  }
  return new Uint8Array(bytes);
}
