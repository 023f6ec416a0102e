import { BOOKING_CONVERSATION, BOOKING_TEXTS } from "./booking";
import type { DialogueTexts } from "./dialogue";
import { EDIT_CONVERSATION, EDIT_TEXTS } from "./edit";
import { MOVE_CONVERSATION, MOVE_TEXTS } from "./move";

/** Every scripted dialogue, with what each says on leaving it: /cancel and the expiry of a draft use these. */
export const DIALOGUES: readonly { id: string; texts: DialogueTexts }[] = [
  { id: BOOKING_CONVERSATION, texts: BOOKING_TEXTS },
  { id: EDIT_CONVERSATION, texts: EDIT_TEXTS },
  { id: MOVE_CONVERSATION, texts: MOVE_TEXTS },
];
