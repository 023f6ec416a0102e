/**
 * `npm run bench`: the full stack against the fair floor (a bare grammY bot with a conversation of the
 * booking's shape, in memory), on the same in-process transport, in interleaved rounds; medians and
 * ratios printed as a table. Options: --rounds 3 (of throughput and CPU), --latency-rounds 1 (each takes
 * about 30 s a bot: people pause between answers), --users 200, --dialogues 1000 (10000 for the figure
 * of issue 14; it takes several minutes), --skip-start, --reminder-rounds 5 (the reminder scan over 100 000
 * bookings, about 20 s to fill), --only reminders (that scan alone). Each round also measures updates a
 * second by webhook, each bot in a process of its own behind grammY's webhook adapter (bench/webhook.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { WEBHOOK_ANSWER_MS } from "../src/channels/telegram";
import { PROJECT_ROOT } from "../src/paths";
import { BotApiEmulator } from "../tests/support/bot-api-emulator";
import { median, percentile } from "./drive";
import { FloorBot, floorScript } from "./floor";
import { bookingScript, FullStack } from "./full-stack";
import { reminderScan, type ReminderScanFigures } from "./reminder-scan";
import { burstOfStarts, cpuPerStep, latencies, openDialogues, stateAtSummary, throughput, type Subject } from "./scenarios";
import { serveWebhookChild, webhookThroughput, type WebhookKind } from "./webhook";

const { values: options } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    "latency-rounds": { type: "string", default: "1" },
    users: { type: "string", default: "200" },
    dialogues: { type: "string", default: "1000" },
    "skip-start": { type: "boolean", default: false },
    "reminder-rounds": { type: "string", default: "5" },
    only: { type: "string" },
    child: { type: "string" },
    "api-root": { type: "string" },
  },
});

const MiB = 1024 * 1024;

type Kind = "full" | "floor";

async function subject(kind: Kind): Promise<Subject & { close(): void }> {
  const bot = kind === "full" ? await FullStack.start() : new FloorBot();
  return { bot, script: kind === "full" ? bookingScript : floorScript, close: () => bot.close() };
}

interface Round {
  updatesPerSecond: number;
  webhookPerSecond: number;
  /** CPU of the bot's process per webhook update. */
  webhookCpuMs: number;
  /** Bot API calls per webhook update, each answered by the emulator in the harness's process. */
  webhookCalls: number;
  /** People of the webhook's run whose script no longer matched the times offered. */
  webhookGaveUp: number;
  /** Updates the webhook adapter answered at its timeout, still in hand. */
  webhookTimedOut: number;
  cpuStep2: number;
  cpuStep12: number;
}

async function round(kind: Kind, users: number): Promise<Round> {
  const busy = await subject(kind);
  const { updatesPerSecond } = await throughput(busy, users);
  busy.close();
  const quiet = await subject(kind);
  const cpu = await cpuPerStep(quiet, 30, 0);
  quiet.close();
  const webhook = await webhookThroughput(`webhook-${kind}`, users, CHILD_BUNDLE);
  return {
    updatesPerSecond,
    webhookPerSecond: webhook.updatesPerSecond,
    webhookCpuMs: webhook.childCpuMs,
    webhookCalls: webhook.callsPerUpdate,
    webhookGaveUp: webhook.gaveUp,
    webhookTimedOut: webhook.timedOut,
    cpuStep2: median(cpu.get(2)!),
    cpuStep12: median(cpu.get(12)!),
  };
}

/** The p99 of a busy bot's updates, and then how long the last of a burst of /start waits. */
async function tails(kind: Kind, users: number): Promise<{ p99: number; burst: number }> {
  const paused = await subject(kind);
  const p99 = percentile(await latencies(paused, users, 0), 0.99);
  const burst = await burstOfStarts(paused, users, users);
  paused.close();
  return { p99, burst };
}

/** In a process of its own, so that one bot's heap does not count towards the other's RSS. */
async function openDialoguesChild(kind: Kind, count: number): Promise<void> {
  const held = await subject(kind);
  /**
   * After an ordinary full collection V8 keeps the heap it grew for the burst of 200 dialogues at once
   * in reserve (it gives it back under memory pressure): that RSS is the peak of opening them. A
   * memory-reducing collection then gives it back: what the process holds with the dialogues open.
   */
  const measure = () => {
    if (!globalThis.gc) throw new Error("the open-dialogues child needs --expose-gc");
    globalThis.gc();
    const peakRss = process.memoryUsage().rss;
    (globalThis.gc as unknown as (options: object) => void)({ type: "major", execution: "sync", flavor: "last-resort" });
    const memory = process.memoryUsage();
    return { rss: memory.rss, peakRss, heap: memory.heapUsed + memory.external, disk: held.bot instanceof FullStack ? held.bot.diskBytes() : 0 };
  };
  // The slope over the second half: the first dialogues also pay for code compiled and caches filled once.
  const half = Math.floor(count / 2);
  await openDialogues(held, half, 0);
  const halfway = measure();
  await openDialogues(held, count - half, half);
  const full = measure();
  const perDialogue = (figure: "heap" | "disk") => ((full[figure] - halfway[figure]) * count) / (count - half);
  process.stdout.write(JSON.stringify({ rss: full.rss, peakRss: full.peakRss, disk: full.disk, dialoguesHeap: perDialogue("heap"), dialoguesDisk: perDialogue("disk") } satisfies Held));
  held.close();
}

/**
 * The process and database with `count` open dialogues, and what `count` more would add at the rate
 * measured: to the heap after a full collection, and to the database. RSS is taken after a
 * memory-reducing collection; the peak the burst of opening them left is reported beside it.
 */
interface Held {
  /** After a memory-reducing collection. */
  rss: number;
  /** After an ordinary one, with the heap the burst grew still kept by V8. */
  peakRss: number;
  disk: number;
  dialoguesHeap: number;
  dialoguesDisk: number;
}

/**
 * The children run bundled, as `npm start` runs the bot (one esbuild bundle, the same options): under
 * tsx, its compiler and the source maps of every module cost either bot some 130 MiB of RSS.
 */
const CHILD_BUNDLE = join(PROJECT_ROOT, "dist", "bench-child.js");

async function bundleChild(): Promise<void> {
  const { build } = await import("esbuild");
  await build({
    entryPoints: [join(PROJECT_ROOT, "bench", "run.ts")],
    outfile: CHILD_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    // esbuild itself is only what bundles this child, never run in it.
    external: ["better-sqlite3", "whatsapp-web.js", "qrcode-terminal", "esbuild"],
    alias: { punycode: "punycode/" },
    logLevel: "warning",
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; import { fileURLToPath as __bundleFileUrl } from 'node:url'; const require = __bundleRequire(import.meta.url); const __filename = __bundleFileUrl(import.meta.url); const __dirname = __bundleFileUrl(new URL('.', import.meta.url));",
    },
  });
}

function inChild(kind: Kind, count: number): Promise<Held> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", CHILD_BUNDLE, "--child", kind, "--dialogues", String(count)], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += String(chunk)));
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out) as Held) : reject(new Error(`the ${kind} child ended with ${code}`))));
  });
}

const FLOOR_START = `
import { Bot } from "grammy";
const bot = new Bot(process.env.BOT_TOKEN, { client: { apiRoot: process.env.TELEGRAM_API_ROOT } });
await bot.init();
`;

/** Milliseconds from spawning the process to its first getMe at the emulator; the process is then stopped. */
async function coldStart(kind: Kind): Promise<number> {
  const emulator = await BotApiEmulator.start({ token: "123456:BENCHBENCHBENCHBENCHBENCH" });
  const folder = mkdtempSync(join(tmpdir(), "mumkindik-start-"));
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: folder,
    BOT_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    DATABASE_PATH: join(folder, "bot.sqlite"),
    DATA_KEY: Buffer.alloc(32, 7).toString("base64"),
    LOG_LEVEL: "error",
  };
  const args = kind === "full" ? ["dist/main.js"] : ["--input-type=module", "-e", FLOOR_START];
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env, stdio: "ignore" });
  const exited = new Promise((resolve) => child.on("close", resolve));
  await emulator.waitForCall((call) => call.method === "getMe", 20_000);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  child.kill("SIGTERM");
  await exited;
  await emulator.close();
  rmSync(folder, { recursive: true, force: true });
  return ms;
}

function row(figure: string, full: string, floor: string, ratio: string, goal: string, met: boolean | undefined): string[] {
  return [figure, full, floor, ratio, goal, met === undefined ? "—" : met ? "yes" : "NO"];
}

function printTable(rows: string[][]): void {
  const header = ["figure", "full stack", "floor", "ratio", "goal", "met"];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((cells) => cells[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  process.stdout.write(`${[line(header), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...rows.map(line)].join("\n")}\n`);
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

/** The job the bot runs each minute, over 100 000 upcoming bookings: with nothing due, and with a batch due. */
function reminderRows(scan: ReminderScanFigures): string[][] {
  const bookings = scan.bookings.toLocaleString("en").replaceAll(",", " ");
  return [
    row(`reminder scan, nothing due, ${bookings} bookings (ms)`, fixed(scan.idleMs, 2), "—", "—", "<= 20 ms", scan.idleMs <= 20),
    row(`reminder flush, ${scan.due} due of ${bookings} (ms)`, `${fixed(scan.dueMs, 0)} (${fixed(scan.dueMs / scan.due, 2)} each, decrypted and sent)`,
      `${fixed(scan.rawMs, 2)} (raw SQL: the ${scan.due} due rows)`, `x${fixed(scan.dueMs / scan.rawMs, 0)}`, "none stated", undefined),
  ];
}

function reminderScanOf(): Promise<ReminderScanFigures> {
  return reminderScan({ rounds: Number(options["reminder-rounds"]) });
}

async function main(): Promise<void> {
  if (options.child?.startsWith("webhook-")) return serveWebhookChild(options.child as WebhookKind, options["api-root"]!);
  if (options.child) return openDialoguesChild(options.child as Kind, Number(options.dialogues));
  if (options.only !== undefined) {
    if (options.only !== "reminders") throw new Error(`--only takes "reminders", not ${JSON.stringify(options.only)}`);
    const scan = await reminderScanOf();
    process.stdout.write(`\n${options["reminder-rounds"]} rounds, medians (filled in ${fixed(scan.fillMs / 1000)} s); node ${process.version}\n`);
    printTable(reminderRows(scan));
    return;
  }
  const rounds = Number(options.rounds);
  const users = Number(options.users);
  const dialogues = Number(options.dialogues);
  const results: Record<Kind, Round[]> = { full: [], floor: [] };
  await bundleChild();
  for (let index = 0; index < rounds; index += 1) {
    for (const kind of ["full", "floor"] as const) results[kind].push(await round(kind, users));
    process.stderr.write(`round ${index + 1} of ${rounds} done\n`);
  }
  const latency: Record<Kind, { p99: number; burst: number }[]> = { full: [], floor: [] };
  for (let index = 0; index < Number(options["latency-rounds"]); index += 1) {
    for (const kind of ["full", "floor"] as const) latency[kind].push(await tails(kind, users));
  }
  const tail = (kind: Kind) => median(latency[kind].map(({ p99 }) => p99));
  const burst = (kind: Kind) => median(latency[kind].map(({ burst }) => burst));
  const med = (kind: Kind, figure: keyof Round) => median(results[kind].map((result) => result[figure]));
  const state: Record<Kind, { stored: number; plain: number }> = { full: { stored: 0, plain: 0 }, floor: { stored: 0, plain: 0 } };
  for (const kind of ["full", "floor"] as const) {
    const one = await subject(kind);
    state[kind] = await stateAtSummary(one, 0);
    one.close();
  }
  const held = { full: await inChild("full", dialogues), floor: await inChild("floor", dialogues) };
  process.stderr.write(`${dialogues} open dialogues done\n`);
  const starts: Record<Kind, number[]> = { full: [], floor: [] };
  if (!options["skip-start"]) {
    const build = spawnSync("npm", ["run", "--silent", "build"], { cwd: PROJECT_ROOT, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stderr}`);
    for (let index = 0; index < rounds; index += 1) for (const kind of ["full", "floor"] as const) starts[kind].push(await coldStart(kind));
  }
  const scan = await reminderScanOf();

  const growth = (kind: Kind) => med(kind, "cpuStep12") / med(kind, "cpuStep2");
  const total = (kind: Kind, figure: "webhookGaveUp" | "webhookTimedOut") => results[kind].reduce((sum, result) => sum + result[figure], 0);
  const webhookFigure = (kind: Kind) => {
    const notes = [
      total(kind, "webhookGaveUp") > 0 ? `${total(kind, "webhookGaveUp")} of ${users * rounds} gave up` : "",
      total(kind, "webhookTimedOut") > 0 ? `${total(kind, "webhookTimedOut")} at the ${WEBHOOK_ANSWER_MS / 1000} s timeout` : "",
    ].filter(Boolean);
    return `${fixed(med(kind, "webhookPerSecond"), 0)}${notes.length > 0 ? ` (${notes.join(", ")})` : ""}`;
  };
  /** At 10 000 dialogues: what was measured, plus what the further dialogues would add at the measured rate. */
  const at10k = (held: Held, figure: "rss" | "disk") =>
    held[figure] + ((figure === "rss" ? held.dialoguesHeap : held.dialoguesDisk) * (10_000 - dialogues)) / dialogues;
  const mib = (bytes: number) => `${fixed(bytes / MiB)} MiB`;
  const measured = (held: Held, figure: "rss" | "disk") =>
    dialogues === 10_000 ? mib(held[figure]) : `${mib(held[figure])} (est. ${mib(at10k(held, figure))} at 10 000)`;
  const rows = [
    row(`updates/s, ${users} users booking at once`, fixed(med("full", "updatesPerSecond"), 0), fixed(med("floor", "updatesPerSecond"), 0),
      `x${fixed(med("full", "updatesPerSecond") / med("floor", "updatesPerSecond"), 2)}`, ">= x0.5 floor", med("full", "updatesPerSecond") >= 0.5 * med("floor", "updatesPerSecond")),
    row(`updates/s by webhook on loopback, ${users} users (each bot in its own process)`, webhookFigure("full"), webhookFigure("floor"),
      `x${fixed(med("full", "webhookPerSecond") / med("floor", "webhookPerSecond"), 2)}`, "none stated", undefined),
    row("  the bot process's CPU per webhook update (ms)", `${fixed(med("full", "webhookCpuMs"), 2)} (${fixed(med("full", "webhookCalls"))} API calls)`,
      `${fixed(med("floor", "webhookCpuMs"), 2)} (${fixed(med("floor", "webhookCalls"))} API calls)`, `x${fixed(med("full", "webhookCpuMs") / med("floor", "webhookCpuMs"), 2)}`, "none stated", undefined),
    row("CPU per update, step 2 -> step 12 (ms)", `${fixed(med("full", "cpuStep2"), 2)} -> ${fixed(med("full", "cpuStep12"), 2)} (x${fixed(growth("full"), 2)})`,
      `${fixed(med("floor", "cpuStep2"), 2)} -> ${fixed(med("floor", "cpuStep12"), 2)} (x${fixed(growth("floor"), 2)})`, `x${fixed(med("full", "cpuStep12") / med("floor", "cpuStep12"), 1)} at step 12`, "growth <= x1.3", growth("full") <= 1.3),
    row(`p99 per update, ${users} dialogues with pauses (ms)`, fixed(tail("full")), fixed(tail("floor")), `x${fixed(tail("full") / tail("floor"), 2)}`, "<= x2 floor", tail("full") <= 2 * tail("floor")),
    row(`${users} people sending /start in the same moment: the last answered after (ms)`, fixed(burst("full")), fixed(burst("floor")), `x${fixed(burst("full") / burst("floor"), 2)}`, "none stated", undefined),
    row("stored state of one open dialogue at the summary", `${fixed(state.full.stored / 1024)} KB encrypted (${fixed(state.full.plain / 1024)} KB JSON)`, `${fixed(state.floor.plain / 1024)} KB JSON`,
      `x${fixed(state.full.plain / state.floor.plain, 2)} JSON`, "<= 4 KB", state.full.stored <= 4096),
    row(`${dialogues} open dialogues: RSS (peak of opening them 200 at once)`, `${measured(held.full, "rss")} (${mib(held.full.peakRss)})`, `${measured(held.floor, "rss")} (${mib(held.floor.peakRss)})`,
      `x${fixed(held.full.rss / held.floor.rss, 2)}`, "<= 200 MiB at 10 000", at10k(held.full, "rss") <= 200 * MiB),
    row(`${dialogues} open dialogues: on disk`, measured(held.full, "disk"), "—", "—", "<= 40 MiB at 10 000", at10k(held.full, "disk") <= 40 * MiB),
    options["skip-start"]
      ? row("cold start to first getMe", "skipped", "skipped", "—", "<= x1.2", undefined)
      : row("cold start to first getMe (ms): dist/main.js vs bare grammY", fixed(median(starts.full), 0), fixed(median(starts.floor), 0), `x${fixed(median(starts.full) / median(starts.floor), 2)}`, "<= x1.2 floor", median(starts.full) <= 1.2 * median(starts.floor)),
    ...reminderRows(scan),
  ];
  process.stdout.write(`\n${rounds} interleaved rounds (${options["latency-rounds"]} of latency), medians; node ${process.version}\n`);
  printTable(rows);
}

await main();
