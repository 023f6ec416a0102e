import type { StateAdapter } from "../store/conversation-storage";

/**
 * What a dialogue keeps of the messages in its replay log. The conversations plugin stores every API
 * result and every update in full: each question the bot sent, with its text and keyboard, comes back
 * whole in the result of sendMessage and again inside every button press (Telegram puts the pressed
 * message in the callback query). The steps read only a message's id and chat from either, so the
 * stored state keeps just those: the text of every question, the catalogue's descriptions included,
 * is not stored (encrypted, re-written on every update) a second and third time.
 */
export function compactingStates<T>(adapter: StateAdapter<T>): StateAdapter<T> {
  return {
    read: (key) => adapter.read(key),
    write: (key, state) => adapter.write(key, compact(state)),
    delete: (key) => adapter.delete(key),
  };
}

/**
 * The state with its messages cut down, sharing every part that needs no change: the state was read
 * (already compact) at the start of the update and only its newest entries are new, so a write copies
 * a few nodes instead of the whole log.
 */
function compact<T>(node: T, key?: string): T {
  if (Array.isArray(node)) {
    let copy: unknown[] | undefined;
    node.forEach((item: unknown, index) => {
      const compacted = compact(item);
      if (compacted !== item) (copy ??= [...(node as unknown[])])[index] = compacted;
    });
    return (copy ?? node) as T;
  }
  if (node === null || typeof node !== "object") return node;
  const record = node as Record<string, unknown>;
  // A sent message (an API result), or the message a pressed button is under.
  if ((key === "result" || key === "callbackMessage") && isMessage(record)) return (isCompact(record) ? record : onlyIdAndChat(record)) as T;
  let copy: Record<string, unknown> | undefined;
  for (const name in record) {
    const value = record[name];
    const compacted = compact(value, name === "message" && "data" in record ? "callbackMessage" : name);
    if (compacted !== value) (copy ??= { ...record })[name] = compacted;
  }
  return (copy ?? record) as T;
}

/** A message already cut down to its id, date and chat (id and type) by an earlier write. */
function isCompact(message: Record<string, unknown>): boolean {
  const chat = message.chat as Record<string, unknown>;
  let fields = 0;
  for (const name in message) {
    if (name !== "message_id" && name !== "date" && name !== "chat") return false;
    fields += 1;
  }
  let chatFields = 0;
  for (const name in chat) {
    if (name !== "id" && name !== "type") return false;
    chatFields += 1;
  }
  return fields === 3 && chatFields === 2;
}

function isMessage(record: Record<string, unknown>): boolean {
  return typeof record.message_id === "number" && typeof record.chat === "object" && record.chat !== null;
}

function onlyIdAndChat(message: Record<string, unknown>): Record<string, unknown> {
  const chat = message.chat as Record<string, unknown>;
  return { message_id: message.message_id, date: message.date, chat: { id: chat.id, type: chat.type } };
}
