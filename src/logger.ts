import pino, { type DestinationStream, type Logger } from "pino";

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

/**
 * What of an error may be logged. grammY errors carry the request payload (message texts, phones) as
 * enumerable properties that pino would print, so only the name, message and code are kept.
 */
export function safeError(error: unknown): { type: string; message: string; code?: string | number } {
  if (!(error instanceof Error)) return { type: typeof error, message: "non-error thrown" };
  const code = (error as { error_code?: number; code?: string }).error_code ?? (error as { code?: string }).code;
  return code === undefined ? { type: error.name, message: error.message } : { type: error.name, message: error.message, code };
}
