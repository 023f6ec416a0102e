/** A step's answer: go back to the step shown before it. */
export const BACK = Symbol("back");
export type Back = typeof BACK;

/** A step's answer: the dialogue has reached its end. */
export const DONE = Symbol("done");
export type Done = typeof DONE;

/** One question of a dialogue: asks, reads the answer, and names the step that comes next. */
export type Step<Name extends string> = () => Promise<Name | Back | Done>;

export interface Script<Name extends string> {
  first: Name;
  steps: Record<Name, Step<Name>>;
  /**
   * Where a finished step really leads, given the step it named. A dialogue sets this to reroute
   * (the booking returns to its summary after a change); without it every step leads where it says.
   */
  route?: (from: Name, next: Name) => Name;
}

/**
 * Runs named steps until one is DONE (or the dialogue halts inside a step). BACK returns to the step
 * actually shown before the current one, however it was reached. The history lives in local variables
 * only: on every replay (grammY conversations) the loop is rebuilt from the same answers, so it adds
 * nothing to the replay log beyond the steps' own waits and outside reads.
 */
export async function runScript<Name extends string>({ first, steps, route }: Script<Name>): Promise<void> {
  const shown: Name[] = [];
  let step = first;
  for (;;) {
    const next = await steps[step]();
    if (next === DONE) return;
    if (next === BACK) {
      step = shown.pop() ?? step;
      continue;
    }
    shown.push(step);
    step = route ? route(step, next) : next;
  }
}
