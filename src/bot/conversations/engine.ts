/** A step's answer: go back to the step shown before it. */
export const BACK = Symbol("back");
export type Back = typeof BACK;

/** A step's answer: the dialogue has reached its end. */
export const DONE = Symbol("done");
export type Done = typeof DONE;

/** One question of a dialogue: asks, reads the answer, and names the step that comes next. */
export type Step<Name extends string> = () => Promise<Name | Back | Done>;

/** Where a dialogue stands between two steps: the step to ask next, and the steps shown before it (for Back). */
export interface Place<Name extends string> {
  step: Name;
  shown: Name[];
}

export interface Script<Name extends string> {
  first: Name;
  steps: Record<Name, Step<Name>>;
  /**
   * Where a finished step really leads, given the step it named. A dialogue sets this to reroute
   * (the booking returns to its summary after a change); without it every step leads where it says.
   */
  route?: (from: Name, next: Name) => Name;
}

/** How a script goes on from one step to the next (Dialogue.runFrom). */
export interface Run<Name extends string> {
  /** Where this run begins; the script's first step when the dialogue has just begun. */
  at: Place<Name> | undefined;
  /** Whether this run has read an answer: until it has, a step leads on within the run. */
  hasAnswer: () => boolean;
  /** Ends this run of the conversation and begins a new one at `place`, in the same update. */
  continueAt: (place: Place<Name>) => Promise<never>;
}

/**
 * Runs named steps until one is DONE (or the dialogue halts inside a step). BACK returns to the step
 * actually shown before the current one, however it was reached.
 *
 * A run reads one answer: once a step has read one, the next step begins a new run of the conversation
 * (`continueAt`). A grammY conversation replays every answer of its run on every update, so with one
 * answer to a run the last question of a dialogue costs what the first does. Steps that ask nothing (a
 * summary that finds the draft incomplete) lead on within the run; a run that read an answer before
 * the script began (the booking's consent questions) begins the first step as a new run too.
 */
export async function runScript<Name extends string>({ first, steps, route }: Script<Name>, run: Run<Name>): Promise<void> {
  let here = run.at ?? { step: first, shown: [] };
  // What a dialogue asks before its script (the booking's consent) counts too: its answers are not
  // replayed by every later step's updates when the first step begins a run of its own.
  if (run.hasAnswer()) return run.continueAt(here);
  for (;;) {
    const next = await steps[here.step]();
    if (next === DONE) return;
    here = next === BACK ? { step: here.shown.at(-1) ?? here.step, shown: here.shown.slice(0, -1) } : { step: route ? route(here.step, next) : next, shown: [...here.shown, here.step] };
    if (run.hasAnswer()) return run.continueAt(here);
  }
}
