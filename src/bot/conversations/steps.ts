import { askDay, askDoctor, askService, askTime } from "./appointment-steps";
import { BACK, type Back, type Dialogue } from "./dialogue";
import { isComplete, type Draft } from "./draft";
import { askIin, askName, askPhone, askRepresentative, askWho } from "./person-steps";
import { askWhatToChange, offerAlternatives, showSummary } from "./summary-step";

export type StepName =
  | "who"
  | "iin"
  | "representative"
  | "name"
  | "phone"
  | "service"
  | "doctor"
  | "day"
  | "time"
  | "summary"
  | "change"
  | "alternatives";

type Step = (dialogue: Dialogue, draft: Draft, accountId: string) => Promise<StepName | Back | "done">;

const STEPS: Record<StepName, Step> = {
  who: askWho,
  iin: askIin,
  representative: askRepresentative,
  name: askName,
  phone: askPhone,
  service: askService,
  doctor: askDoctor,
  day: askDay,
  time: askTime,
  summary: showSummary,
  change: askWhatToChange,
  alternatives: offerAlternatives,
};

/**
 * Runs the booking steps. "Back" returns to the step actually shown before (the history). After the
 * person picks something to change on the summary, the first step that leaves the draft complete
 * leads straight back to the summary; from there everything works as before (another change, a lost
 * slot's alternatives).
 */
export async function runSteps(dialogue: Dialogue, draft: Draft, accountId: string): Promise<void> {
  const history: StepName[] = [];
  let step = "who" as StepName;
  let changing = false;
  for (;;) {
    const next: StepName | Back | "done" = await STEPS[step](dialogue, draft, accountId);
    if (next === "done") return;
    if (next === BACK) {
      step = history.pop() ?? step;
      continue;
    }
    history.push(step);
    if (step === "change") {
      changing = true;
      step = next;
    } else if (changing && isComplete(draft)) {
      changing = false;
      step = "summary";
    } else {
      step = next;
    }
  }
}
