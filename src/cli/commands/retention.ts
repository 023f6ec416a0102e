import { parseArgs } from "node:util";
import { closeApp, type AdminCommand } from "../context";

const USAGE = "retention [--days N]";

/**
 * `npm run admin -- retention [--days N]`: a dry run of the retention job (policy §5.1): how many
 * finished bookings it would erase now with RETENTION_FINISHED_DAYS, or with the period `--days`
 * tries before the fund sets it. Nothing is changed, nothing named.
 */
export const retentionCommand: AdminCommand = {
  name: "retention",
  usage: USAGE,
  summary: "how many finished bookings the retention job would erase now (a dry run; nothing changes); --days tries another period",
  run: async (args, io) => {
    const parsed = parseOptions(args);
    if (!parsed.ok) {
      io.out(`${parsed.reason} Usage: npm run admin -- ${USAGE} (N: whole days from 1 to 36500).`);
      return 2;
    }
    const app = await io.openApp();
    try {
      const configured = app.retentionFinishedDays;
      io.out(
        configured === undefined
          ? "RETENTION_FINISHED_DAYS is not set: the retention job erases nothing, and finished bookings are kept until the fund sets a period."
          : `RETENTION_FINISHED_DAYS is ${configured}: each night the retention job erases the bookings finished ${configured} day(s) before.`,
      );
      const days = parsed.days ?? configured;
      if (days === undefined) {
        io.out("Try a period with --days N to see how many bookings it would erase.");
        return 0;
      }
      const due = app.services.retention.wouldErase(days);
      io.out(
        `With ${days} day(s), it would erase ${due} finished booking(s) now, with their reminders; bookings a family may still rebook are not counted. Nothing was changed.`,
      );
      return 0;
    } finally {
      closeApp(app);
    }
  },
};

type Options = { ok: true; days: number | undefined } | { ok: false; reason: string };

function parseOptions(args: string[]): Options {
  let days: string | undefined;
  try {
    ({ values: { days } } = parseArgs({ args, strict: true, allowPositionals: false, options: { days: { type: "string" } } }));
  } catch (error) {
    return { ok: false, reason: (error as Error).message.replace(/\.?$/, ".") };
  }
  if (days === undefined) return { ok: true, days: undefined };
  // The same bounds as RETENTION_FINISHED_DAYS (src/config.ts).
  if (!/^[1-9]\d{0,4}$/.test(days) || Number(days) > 36_500) return { ok: false, reason: `--days ${JSON.stringify(days)} is not a whole number of days from 1 to 36500.` };
  return { ok: true, days: Number(days) };
}
