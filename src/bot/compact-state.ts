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

function compact<T>(node: T, key?: string): T {
  if (Array.isArray(node)) return (node as unknown[]).map((item) => compact(item)) as T;
  if (node === null || typeof node !== "object") return node;
  const record = node as Record<string, unknown>;
  // A sent message (an API result), or the message a pressed button is under.
  if ((key === "result" || key === "callbackMessage") && isMessage(record)) return onlyIdAndChat(record) as T;
  return Object.fromEntries(
    Object.entries(record).map(([name, value]) => [name, compact(value, name === "message" && "data" in record ? "callbackMessage" : name)]),
  ) as T;
}

function isMessage(record: Record<string, unknown>): boolean {
  return typeof record.message_id === "number" && typeof record.chat === "object" && record.chat !== null;
}

function onlyIdAndChat(message: Record<string, unknown>): Record<string, unknown> {
  const chat = message.chat as Record<string, unknown>;
  return { message_id: message.message_id, date: message.date, chat: { id: chat.id, type: chat.type } };
}
