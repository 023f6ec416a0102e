import { parseArgs } from "node:util";
import type { MonthlyCount } from "../../store/monthly-counts";
import { closeApp, type AdminCommand } from "../context";

const USAGE = "counts [--from YYYY-MM] [--to YYYY-MM] [--csv]";

const HEADER = ["month", "service", "bookings", "cancellations", "no-shows", "offers taken"];

/**
 * `npm run admin -- counts …`: the fund's anonymous monthly report (policy §3.1, service improvement),
 * per month of the appointment (clinic time) and service. Nothing in it names a person.
 */
export const countsCommand: AdminCommand = {
  name: "counts",
  usage: USAGE,
  summary: "the anonymous monthly counts per service: bookings, cancellations, no-shows, waiting-list offers taken",
  run: async (args, io) => {
    const parsed = parseOptions(args);
    if (!parsed.ok) {
      io.out(`${parsed.reason} Usage: npm run admin -- ${USAGE} (months as 2026-12, both included).`);
      return 2;
    }
    const { from, to, csv } = parsed;
    const app = await io.openApp();
    try {
      const counts = app.store.monthlyCounts.between(from, to);
      const serviceName = (serviceId: string) => app.store.catalog.service(serviceId)?.name.ru ?? serviceId;
      if (csv) {
        io.out(["month,service_id,service,bookings,cancellations,no_shows,offers_taken", ...counts.map((count) => csvLine([count.month, count.serviceId, serviceName(count.serviceId), ...figures(count)]))].join("\n"));
        return 0;
      }
      io.out(`Monthly counts ${period(from, to)}, by the month of the appointment in ${app.timeZone}; counting began with the version that added it.`);
      io.out(counts.length === 0 ? "Nothing counted in this period." : table([HEADER, ...counts.map((count) => [count.month, serviceName(count.serviceId), ...figures(count)])]));
      const before = app.store.erasedBookingCounts.perMonth(from, to);
      if (before.length > 0) {
        io.out(
          `Not included above: bookings erased before counting began, kept by month (UTC) only: ${before.map(({ month, bookings }) => `${month}: ${bookings}`).join(", ")}.`,
        );
      }
      return 0;
    } finally {
      closeApp(app);
    }
  },
};

type Options = { ok: true; from: string | undefined; to: string | undefined; csv: boolean } | { ok: false; reason: string };

function parseOptions(args: string[]): Options {
  let values: { from?: string | undefined; to?: string | undefined; csv?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args, strict: true, allowPositionals: false, options: { from: { type: "string" }, to: { type: "string" }, csv: { type: "boolean" } } }));
  } catch (error) {
    return { ok: false, reason: (error as Error).message.replace(/\.?$/, ".") };
  }
  const { from, to } = values;
  for (const [name, month] of [["--from", from], ["--to", to]] as const) {
    if (month !== undefined && !isMonth(month)) return { ok: false, reason: `${name} ${JSON.stringify(month)} is not a month written as YYYY-MM.` };
  }
  if (from !== undefined && to !== undefined && from > to) return { ok: false, reason: `--from ${from} is after --to ${to}.` };
  return { ok: true, from, to, csv: values.csv ?? false };
}

function isMonth(text: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

function period(from: string | undefined, to: string | undefined): string {
  if (from && to) return from === to ? `of ${from}` : `from ${from} to ${to}`;
  if (from) return `from ${from}`;
  return to ? `up to ${to}` : "of every month";
}

function figures(count: MonthlyCount): string[] {
  return [count.booked, count.cancelled, count.noShows, count.offersTaken].map(String);
}

/** Columns padded to their widest cell; the figures right-aligned. */
function table(lines: string[][]): string {
  const widths = HEADER.map((_, column) => Math.max(...lines.map((cells) => cells[column]!.length)));
  return lines.map((cells) => cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ").trimEnd()).join("\n");
}

function csvLine(cells: string[]): string {
  return cells.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(",");
}
