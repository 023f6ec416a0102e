import { dirname, join } from "node:path";
import pino, { type DestinationStream, type Level, type Logger } from "pino";

export type { Logger };

/**
 * One logger for the process. Callers log ids, counts and update kinds only: message texts, IINs,
 * names and phones never reach a log (privacy policy §6). Logs go to stderr so that the console
 * channel's dialogue on stdout stays readable.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ["text", "*.text", "phone", "*.phone", "iin", "*.iin", "name", "*.name"], censor: "[redacted]" },
    },
    destination ?? pino.destination({ fd: 2, sync: false }),
  );
}

/** The console channel's log file: beside the database, like the development key. */
export function consoleLogPath(databasePath: string): string {
  return join(dirname(databasePath), "console.log");
}

/**
 * In the console channel the terminal is the patient's chat: stdout and stderr share it, so log lines
 * would land in the middle of the dialogue. Everything goes to `file`; only warnings and errors (a
 * development key, a failure) also reach `terminal`, where someone trying the bot must see them.
 */
export function createConsoleChannelLogger(level: string, file: DestinationStream, terminal: DestinationStream): Logger {
  const streams: { level: Level; stream: DestinationStream }[] = [{ level: "warn", stream: terminal }];
  if (level !== "silent") streams.push({ level: level as Level, stream: file });
  return createLogger(level, pino.multistream(streams));
}

/**
 * The console channel's logger on this process: `path` (its folder made if missing) and stderr. The file
 * is written synchronously: a SIGTERM right at start-up must not meet a file stream that is not open yet,
 * and the console channel is for trying the bot, not for load.
 */
export function consoleChannelLogger(level: string, path: string): Logger {
  return createConsoleChannelLogger(level, pino.destination({ dest: path, mkdir: true, sync: true }), pino.destination({ fd: 2, sync: false }));
}

/**
 * What of an error may be logged. grammY errors carry the request payload (message texts, phones) as
 * enumerable properties that pino would print, so only the name, message and code are kept.
 */
export function safeError(error: unknown): { type: string; message: string; code?: string | number } {
  if (!(error instanceof Error)) return { type: typeof error, message: "non-error thrown" };
  const code = (error as { error_code?: number; code?: string }).error_code ?? (error as { code?: string }).code;
  return code === undefined ? { type: error.name, message: error.message } : { type: error.name, message: error.message, code };
}
