import { deflateRawSync, inflateRawSync } from "node:zlib";
import { eq, inArray, lt, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import type { FieldCipher } from "./crypto";
import type { Executor } from "./database";
import { preparedOn } from "./prepared";
import { conversationStates } from "./schema";
import { STATE_DICTIONARY_V1 } from "./state-dictionary";

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
    return preparedOn(this.db, prepareStatements, this.cipher.blindIndexCandidates("conversation", "").length);
  }

  read(key: string): T | undefined {
    const row = this.prepared.select.get(this.candidates(key));
    const state = row && unpack<T | ExpiredDraft>(this.cipher.decryptBytes(ref(row.keyIndex), row.stateCt));
    return state === undefined || isExpiredDraft(state) ? undefined : state;
  }

  /**
   * Whether this chat's draft was deleted for being left untouched, told once: the mark is removed
   * as it is read, so the person hears why their unfinished booking is gone the first time they return.
   */
  takeExpiredDraftMark(key: string): string[] | undefined {
    const row = this.prepared.select.get(this.candidates(key));
    const state = row && unpack(this.cipher.decryptBytes(ref(row.keyIndex), row.stateCt));
    if (!isExpiredDraft(state)) return undefined;
    this.delete(key);
    return state.dialogues;
  }

  /**
   * One statement in the common case: the row under the current key's index is replaced in place.
   * After a key rotation a row may still sit under an older key's index; it goes in the same
   * transaction, so a chat never has two states.
   */
  write(key: string, state: T): void {
    const keyIndex = this.cipher.blindIndex("conversation", key);
    const values = { keyIndex, stateCt: this.cipher.encryptBytes(ref(keyIndex), pack(state)), updatedAt: this.clock.now().toISOString() };
    const olderIndexes = this.cipher.previousKeyIds.length > 0 ? this.cipher.blindIndexCandidates("conversation", key).filter((candidate) => !candidate.equals(keyIndex)) : [];
    if (olderIndexes.length === 0) {
      this.prepared.upsert.run(values);
      return;
    }
    this.db.transaction(() => {
      for (const older of olderIndexes) this.prepared.removeOne.run({ keyIndex: older });
      this.prepared.upsert.run(values);
    });
  }

  /** An open dialogue (the mark of an expired one does not count). */
  has(key: string): boolean {
    return this.read(key) !== undefined;
  }

  /**
   * Drafts nobody touched since `before` (grammY only notices a timeout on the next update): what was
   * typed in them is deleted, and in its place a mark without any content says that a draft expired,
   * kept for EXPIRED_MARK_DAYS so that whoever returns is told why. Returns how many drafts expired.
   */
  purgeUntouchedSince(before: Date): number {
    const now = this.clock.now();
    const forgetMarksBefore = new Date(now.getTime() - EXPIRED_MARK_DAYS * 24 * 60 * 60 * 1000).toISOString();
    const stale = this.db.select().from(conversationStates).where(lt(conversationStates.updatedAt, before.toISOString())).all();
    let expired = 0;
    this.db.transaction(() => {
      for (const row of stale) {
        const marked = isExpiredDraft(unpack(this.cipher.decryptBytes(ref(row.keyIndex), row.stateCt)));
        if (marked && row.updatedAt >= forgetMarksBefore) continue;
        this.db.delete(conversationStates).where(eq(conversationStates.keyIndex, row.keyIndex)).run();
        if (marked) continue;
        const mark: ExpiredDraft = { expiredDraft: true, dialogues: dialoguesIn(unpack(this.cipher.decryptBytes(ref(row.keyIndex), row.stateCt))) };
        this.prepared.insert.run({ keyIndex: row.keyIndex, stateCt: this.cipher.encryptBytes(ref(row.keyIndex), pack(mark)), updatedAt: now.toISOString() });
        expired += 1;
      }
    });
    return expired;
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
    upsert: db
      .insert(conversationStates)
      .values({ keyIndex: sql.placeholder("keyIndex"), stateCt: sql.placeholder("stateCt"), updatedAt: sql.placeholder("updatedAt") })
      .onConflictDoUpdate({ target: conversationStates.keyIndex, set: { stateCt: sql.raw("excluded.state_ct"), updatedAt: sql.raw("excluded.updated_at") } })
      .prepare(),
    removeOne: db.delete(conversationStates).where(eq(conversationStates.keyIndex, sql.placeholder("keyIndex"))).prepare(),
  };
}

/** How long the mark of an expired draft waits for its person to come back. */
const EXPIRED_MARK_DAYS = 30;

/** The mark an expired draft leaves: nothing of what was typed, only that there was a draft. */
interface ExpiredDraft {
  expiredDraft: true;
  /** Which dialogues were open (the booking, the correction), so the person is told of the right one. */
  dialogues: string[];
}

/** The ids of the dialogues a state holds: grammY conversations keeps them as `{ version, state: { [id]: … } }`. */
function dialoguesIn(state: unknown): string[] {
  const dialogues = (state as { state?: Record<string, unknown> } | null)?.state;
  return dialogues && typeof dialogues === "object" ? Object.keys(dialogues) : [];
}

function isExpiredDraft(state: unknown): state is ExpiredDraft {
  return typeof state === "object" && state !== null && (state as Partial<ExpiredDraft>).expiredDraft === true;
}

/**
 * Format 0 (no marker: the JSON's opening brace): plain JSON. Format 1: deflated alone. Format 2:
 * deflated with STATE_DICTIONARY_V1.
 */
const DEFLATED = 1;
const DEFLATED_WITH_DICTIONARY_V1 = 2;
const JSON_OPENING_BRACE = 0x7b;

/**
 * A state holds one step's answers (engine.ts), most under 1.9 KB of JSON (the time question's, with
 * its eight times, is just under): two such rows share a 4 KB database page as they are, and
 * deflating one (setting up zlib and its dictionary) costs more than the rest of writing it. A larger
 * state, which would take a page of its own, is deflated with a dictionary of the states' shape
 * (state-dictionary.ts). The dictionary needs the full 32 KB window; memLevel 6 sets up faster than
 * the default 8 for the same size.
 *
 * The limit is not higher on purpose: with states up to 3.5 KB stored plain (measured, issue 14), the
 * steps' larger ones (the consent's three answers and the services': 2.3-2.9 KB) split
 * database pages that the summary's 1.4 KB never fill again, and 1 000 dialogues open at the summary
 * took 6.0 MiB on disk instead of 4.0.
 */
const STORED_PLAIN_UP_TO = 1_900;
const DICTIONARY = Buffer.from(STATE_DICTIONARY_V1, "utf8");
const DEFLATE_OPTIONS = { dictionary: DICTIONARY, memLevel: 6 } as const;

function pack(state: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(state), "utf8");
  if (json.length <= STORED_PLAIN_UP_TO) return json;
  return Buffer.concat([Buffer.of(DEFLATED_WITH_DICTIONARY_V1), deflateRawSync(json, DEFLATE_OPTIONS)]);
}

/** Every format is read: a dialogue open during an upgrade goes on. */
function unpack<T>(bytes: Uint8Array): T {
  const text =
    bytes[0] === JSON_OPENING_BRACE
      ? Buffer.from(bytes)
      : bytes[0] === DEFLATED
        ? inflateRawSync(bytes.subarray(1))
        : bytes[0] === DEFLATED_WITH_DICTIONARY_V1
          ? inflateRawSync(bytes.subarray(1), { dictionary: DICTIONARY })
          : unknownFormat(bytes[0]);
  return JSON.parse(text.toString("utf8")) as T;
}

function unknownFormat(format: number | undefined): never {
  throw new Error(`A dialogue state in format ${format}, which this version does not know: was it written by a newer one?`);
}

/** A state's row id in its associated data: the hex of its key index (rotation.ts re-seals it too). */
export function conversationRowId(keyIndex: Buffer): string {
  return keyIndex.toString("hex");
}

function ref(keyIndex: Buffer) {
  return { table: "conversation_states", column: "state_ct", rowId: conversationRowId(keyIndex) };
}
