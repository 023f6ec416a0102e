import { closeSync, existsSync, openSync, rmSync } from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import { StartupError } from "../startup-error";

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export interface BackupOptions {
  /** Called between steps; tests write to the database here to prove the copy stays consistent. */
  onProgress?: (progress: BackupProgress) => void;
  /** Pages copied per step: small steps let the bot's writes go on between them. */
  pagesPerStep?: number;
}

/**
 * A consistent copy of a live database through SQLite's online backup API: the bot may keep running
 * (a write by the bot restarts the copy, so the result is always one consistent state). The copy
 * holds the data exactly as stored, field-encrypted; it is created readable by its owner only, before
 * any page lands in it, and checked with `integrity_check` before it is reported done.
 */
export async function backupDatabase(sourcePath: string, destinationPath: string, options: BackupOptions = {}): Promise<{ pages: number }> {
  if (!existsSync(sourcePath)) throw new StartupError(`There is no database at ${sourcePath} to back up (DATABASE_PATH).`);
  createPrivateFile(destinationPath);
  const source = new BetterSqlite3(sourcePath, { readonly: true, fileMustExist: true });
  try {
    const pagesPerStep = options.pagesPerStep ?? 256;
    const result = await source.backup(destinationPath, {
      progress: (progress) => {
        options.onProgress?.(progress);
        return pagesPerStep;
      },
    });
    checkIntegrity(destinationPath);
    return { pages: result.totalPages };
  } catch (error) {
    rmSync(destinationPath, { force: true });
    throw error;
  } finally {
    source.close();
  }
}

function createPrivateFile(path: string): void {
  try {
    // "wx": an existing file (an older backup, the live database itself) is never overwritten.
    closeSync(openSync(path, "wx", 0o600));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new StartupError(`${path} already exists; choose a new file name for the backup.`);
    if (code === "ENOENT") throw new StartupError(`The folder of ${path} does not exist.`);
    throw new StartupError(`${path} cannot be created: ${code ?? "unknown error"}`);
  }
}

function checkIntegrity(path: string): void {
  const copy = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const verdict = copy.pragma("integrity_check", { simple: true });
    if (verdict !== "ok") throw new Error(`the backup ${path} failed SQLite's integrity check: ${String(verdict)}`);
  } finally {
    copy.close();
  }
}
