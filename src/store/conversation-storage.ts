import { deflateRawSync, inflateRawSync } from "node:zlib";
import { inArray, lt, sql } from "drizzle-orm";
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
 *
 * The state is compressed before it is encrypted: it is mostly the same JSON keys and keyboards
 * again and again (about 4x smaller), and every update reads and writes it whole. Compression leaks
 * through the ciphertext's length only to an attacker who can mix chosen text with the secret in one
 * state and watch the lengths change; a state holds one person's own answers, so nobody can.
 */
export class ConversationStateRepository<T> implements StateAdapter<T> {
  private statements: ReturnType<typeof prepareStatements> | undefined;

  constructor(
    private readonly db: Executor,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  /**
   * Every update of every dialogue reads and writes its state: these statements are compiled once,
   * not rebuilt by drizzle and recompiled by SQLite each time (issue 14).
   */
  private get prepared(): ReturnType<typeof prepareStatements> {
    this.statements ??= prepareStatements(this.db, this.cipher.blindIndexCandidates("conversation", "").length);
    return this.statements;
  }

  read(key: string): T | undefined {
    const row = this.prepared.select.get(this.candidates(key));
    return row && unpack<T>(this.cipher.decryptBytes(ref(row.keyIndex), row.stateCt));
  }

  write(key: string, state: T): void {
    const keyIndex = this.cipher.blindIndex("conversation", key);
    const values = { stateCt: this.cipher.encryptBytes(ref(keyIndex), pack(state)), updatedAt: this.clock.now().toISOString() };
    this.db.transaction(() => {
      this.delete(key);
      this.prepared.insert.run({ keyIndex, ...values });
    });
  }

  has(key: string): boolean {
    return Boolean(this.prepared.select.get(this.candidates(key)));
  }

  /** Drafts nobody touched since `before`: grammY only notices a timeout on the next update. */
  purgeUntouchedSince(before: Date): number {
    return this.db.delete(conversationStates).where(lt(conversationStates.updatedAt, before.toISOString())).run().changes;
  }

  delete(key: string): void {
    this.prepared.remove.run(this.candidates(key));
  }

  private candidates(key: string): Record<string, Buffer> {
    return Object.fromEntries(this.cipher.blindIndexCandidates("conversation", key).map((index, position) => [`key${position}`, index]));
  }
}

/** The state's statements, for a key looked up under each of `keys` blind-index keys (rotation keeps older ones). */
function prepareStatements(db: Executor, keys: number) {
  const candidates = Array.from({ length: keys }, (_, position) => sql.placeholder(`key${position}`));
  return {
    select: db.select().from(conversationStates).where(inArray(conversationStates.keyIndex, candidates)).prepare(),
    remove: db.delete(conversationStates).where(inArray(conversationStates.keyIndex, candidates)).prepare(),
    insert: db
      .insert(conversationStates)
      .values({ keyIndex: sql.placeholder("keyIndex"), stateCt: sql.placeholder("stateCt"), updatedAt: sql.placeholder("updatedAt") })
      .prepare(),
  };
}

const DEFLATED = 1;
const JSON_OPENING_BRACE = 0x7b;

function pack(state: unknown): Buffer {
  return Buffer.concat([Buffer.of(DEFLATED), deflateRawSync(JSON.stringify(state))]);
}

/** States written before compression are plain JSON: a dialogue open during the upgrade goes on. */
function unpack<T>(bytes: Uint8Array): T {
  const text = bytes[0] === JSON_OPENING_BRACE ? Buffer.from(bytes) : inflateRawSync(bytes.subarray(1));
  return JSON.parse(text.toString("utf8")) as T;
}

/** A state's row id in its associated data: the hex of its key index (rotation.ts re-seals it too). */
export function conversationRowId(keyIndex: Buffer): string {
  return keyIndex.toString("hex");
}

function ref(keyIndex: Buffer) {
  return { table: "conversation_states", column: "state_ct", rowId: conversationRowId(keyIndex) };
}
