import { inArray, lt } from "drizzle-orm";
import type { Clock } from "../clock";
import type { FieldCipher } from "./crypto";
import type { Executor } from "./database";
import { conversationStates } from "./schema";

/** The read/write/delete adapter grammY conversations expects (there is no better-sqlite3 one). */
export interface StateAdapter<T> {
  read(key: string): T | undefined;
  write(key: string, state: T): void;
  delete(key: string): void;
}

/**
 * Conversation state holds every raw update of an unfinished dialogue (typed IINs, phones), so it is
 * encrypted whole and found by a blind index of its key; the row is deleted when the dialogue ends.
 */
export class ConversationStateRepository<T> implements StateAdapter<T> {
  constructor(
    private readonly db: Executor,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  read(key: string): T | undefined {
    const row = this.db
      .select()
      .from(conversationStates)
      .where(inArray(conversationStates.keyIndex, this.cipher.blindIndexCandidates("conversation", key)))
      .get();
    return row && this.cipher.decryptJson<T>(ref(row.keyIndex), row.stateCt);
  }

  write(key: string, state: T): void {
    const keyIndex = this.cipher.blindIndex("conversation", key);
    const values = { stateCt: this.cipher.encryptJson(ref(keyIndex), state), updatedAt: this.clock.now().toISOString() };
    this.db.transaction(() => {
      this.delete(key);
      this.db.insert(conversationStates).values({ keyIndex, ...values }).run();
    });
  }

  has(key: string): boolean {
    return Boolean(
      this.db
        .select({ keyIndex: conversationStates.keyIndex })
        .from(conversationStates)
        .where(inArray(conversationStates.keyIndex, this.cipher.blindIndexCandidates("conversation", key)))
        .get(),
    );
  }

  /** Drafts nobody touched since `before`: grammY only notices a timeout on the next update. */
  purgeUntouchedSince(before: Date): number {
    return this.db.delete(conversationStates).where(lt(conversationStates.updatedAt, before.toISOString())).run().changes;
  }

  delete(key: string): void {
    this.db
      .delete(conversationStates)
      .where(inArray(conversationStates.keyIndex, this.cipher.blindIndexCandidates("conversation", key)))
      .run();
  }
}

/** A state's row id in its associated data: the hex of its key index (rotation.ts re-seals it too). */
export function conversationRowId(keyIndex: Buffer): string {
  return keyIndex.toString("hex");
}

function ref(keyIndex: Buffer) {
  return { table: "conversation_states", column: "state_ct", rowId: conversationRowId(keyIndex) };
}
