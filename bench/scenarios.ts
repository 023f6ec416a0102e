import type { Update } from "grammy/types";
import type { LocalUser } from "../src/channels/local-transport";
import { milliseconds, OffScript, type Action, type BenchBot, type Driver, type UpdateSource } from "./drive";

/** What a walk needs of a bot: an update in, and where the person's next update comes from. */
export interface Walking {
  handle(update: Update): Promise<void>;
  driver: UpdateSource;
}

export interface Subject<Bot extends Walking = BenchBot & { driver: Driver }> {
  bot: Bot;
  script(person: number): Action[];
}

const FIRST_CHAT = 1_000;

function userOf(person: number): LocalUser {
  return { id: FIRST_CHAT + person, firstName: "Bench" };
}

/** How often a person whose time was taken meanwhile picks another before giving up. */
const RETRIES = 5;

/** A person who found the dialogue no longer where their script expects it (see `walk`), after `updates` updates. */
class GaveUp extends Error {
  constructor(
    message: string,
    readonly updates: number,
  ) {
    super(message);
  }
}

/**
 * One person's walk through `steps` of the script; returns the updates it took. Someone else may take
 * the time a person chose while they pause (the bot then offers the times again), so a press that finds
 * its button gone picks the first time offered and tries again, as a person would. Under many people
 * at once (the webhook's) the days and times offered shift as others book, and a script of positions
 * may land elsewhere (the waiting list, "change"); such a person gives up (`GaveUp`).
 * `before` runs before each step, the first included (the person arriving).
 */
async function walk(subject: Subject<Walking>, person: number, steps: number, before?: (step: number) => Promise<void>, timed?: (step: number, ms: number) => void): Promise<number> {
  const user = userOf(person);
  let updates = 0;
  const send = async (step: number, action: Action) => {
    const update = subject.bot.driver.updateFor(user, action);
    const started = process.hrtime.bigint();
    await subject.bot.handle(update);
    timed?.(step, milliseconds(process.hrtime.bigint() - started));
    updates += 1;
  };
  try {
    for (const [index, action] of subject.script(person).slice(0, steps).entries()) {
      if (before) await before(index);
      for (let attempt = 0; "press" in action && !subject.bot.driver.offers(user.id, action.press); attempt += 1) {
        if (attempt === RETRIES) throw new OffScript(`chat ${user.id}: no button ${action.press} after ${RETRIES} other times`);
        await send(index, { pressAt: attempt });
      }
      await send(index + 1, action);
    }
  } catch (error) {
    throw error instanceof OffScript ? new GaveUp(error.message, updates) : error;
  }
  return updates;
}

/** What a run of people booking at once gave: updates a second (theirs all, those of who gave up too), and who gave up. */
export interface Walked {
  updatesPerSecond: number;
  gaveUp: number;
}

/**
 * `users` people book at the same moment, every one as fast as the bot answers. Nobody may give up
 * unless `mayGiveUp` says how many may (the webhook's people, whose times shift under them); more is a
 * fault, not contention.
 */
export async function throughput(subject: Subject<Walking>, users: number, { mayGiveUp = 0 } = {}): Promise<Walked> {
  const steps = subject.script(0).length;
  const started = process.hrtime.bigint();
  let gaveUp = 0;
  const updates = await Promise.all(
    Array.from({ length: users }, async (_, person) => {
      try {
        return await walk(subject, person, steps);
      } catch (error) {
        if (!(error instanceof GaveUp)) throw error;
        gaveUp += 1;
        if (gaveUp > mayGiveUp) throw error;
        return error.updates;
      }
    }),
  );
  return { updatesPerSecond: updates.reduce((sum, count) => sum + count, 0) / (milliseconds(process.hrtime.bigint() - started) / 1000), gaveUp };
}

/** CPU time of one update at each step (1-based), one person at a time, medians over `users` people. */
export async function cpuPerStep(subject: Subject, users: number, firstPerson: number): Promise<Map<number, number[]>> {
  const byStep = new Map<number, number[]>();
  for (let person = firstPerson; person < firstPerson + users; person += 1) {
    const user = userOf(person);
    for (const [index, action] of subject.script(person).entries()) {
      const update = subject.bot.driver.updateFor(user, action);
      const before = process.cpuUsage();
      await subject.bot.handle(update);
      const used = process.cpuUsage(before);
      const list = byStep.get(index + 1) ?? [];
      list.push((used.user + used.system) / 1000);
      byStep.set(index + 1, list);
    }
  }
  return byStep;
}

/**
 * `users` dialogues at once, each person pausing 1–3 s between answers as people do (the same
 * pseudo-random pauses for both bots), so the bot is busy but not saturated: the latency of every update.
 * People arrive the same way, 1–3 s apart from the start: were every /start sent in the same
 * millisecond, the slowest hundredth of the updates would be the queue behind that one burst
 * (`burstOfStarts` measures it apart), not the latency of a busy bot.
 */
export async function latencies(subject: Subject, users: number, firstPerson: number): Promise<number[]> {
  const all: number[] = [];
  const steps = subject.script(0).length;
  let seed = 42;
  const nextPause = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return 1_000 + (seed % 2_000);
  };
  const pauses = Array.from({ length: users * steps }, nextPause);
  await Promise.all(
    Array.from({ length: users }, (_, index) =>
      walk(
        subject,
        firstPerson + index,
        steps,
        // Before step 0 too: the person arrives.
        (step) => new Promise((resolve) => setTimeout(resolve, pauses[index * steps + step])),
        (_step, ms) => all.push(ms),
      ),
    ),
  );
  return all;
}

/** `users` people send /start in the same moment: how long until the last of them is answered (ms). */
export async function burstOfStarts(subject: Subject, users: number, firstPerson: number): Promise<number> {
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: users }, (_, index) => walk(subject, firstPerson + index, 1)));
  return milliseconds(process.hrtime.bigint() - started);
}

/** One person who has answered everything up to the summary (12 updates): what their open dialogue stores. */
export async function stateAtSummary(subject: Subject, person: number): Promise<{ stored: number; plain: number }> {
  await walk(subject, person, subject.script(person).length - 1);
  return subject.bot.stateSize(userOf(person).id);
}

/** `count` people stop at the summary, 200 at a time. */
export async function openDialogues(subject: Subject, count: number, firstPerson: number): Promise<void> {
  const steps = subject.script(0).length - 1;
  for (let batch = 0; batch < count; batch += 200) {
    const size = Math.min(200, count - batch);
    await Promise.all(Array.from({ length: size }, (_, index) => walk(subject, firstPerson + batch + index, steps)));
    for (let index = 0; index < size; index += 1) subject.bot.driver.forget(userOf(firstPerson + batch + index).id);
  }
}
