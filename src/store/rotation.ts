import { chatKey, type ChannelName } from "../domain/channel";
import { DRAFT_TIMEOUT_MS } from "../domain/drafts";
import { DecryptionError, FieldCipher, type BlindIndexKind } from "./crypto";
import { CANARY_REF, type Db } from "./database";
import { conversationRowId } from "./conversation-storage";
import { keyIdsInUse } from "./key-usage";
import { linkRowId } from "./patients";

/*
 * Key rotation (`npm run admin -- rotate-keys`): every ciphertext is re-encrypted under the current
 * DATA_KEY and every blind index recomputed under it, so that an older key can leave
 * DATA_KEYS_PREVIOUS. This file is the one place that knows, table by table, which row id each field's
 * associated data names (the FieldRef its repository builds) and what each blind index is made from;
 * tests/store/rotation.test.ts checks that it covers every `*_ct` and `*_index` column of the schema.
 */

type Row = Record<string, unknown>;
/** The decrypted fields of one row, by column. */
type Opened = Record<string, string>;

/** A ciphertext column, and the row id its associated data names. */
interface SealedColumn {
  column: string;
  rowId(row: Row): string;
}

/** A blind index stored beside the field it is made from. */
interface DerivedIndex {
  column: string;
  kind: BlindIndexKind;
  /** The IIN's 16-bit index, stored as an integer (crypto.ts `truncatedIndex`). */
  truncated?: true;
  input(opened: Opened, row: Row): string;
}

/** A table whose rows hold their own ciphertexts: walked in key order, a batch at a time. */
interface RowTable {
  table: string;
  key: string[];
  /** Only these rows are ciphertexts (store_meta also holds the bot's process lease, in plain JSON). */
  only?: { column: string; value: string };
  /** Plain columns an index is made from. */
  plain?: string[];
  sealed: SealedColumn[];
  indexes: DerivedIndex[];
  /**
   * The chat key (domain/channel.ts `chatKey`) the row knows in full. The chat's language and its
   * dialogue state are kept under a blind index of that key alone, so they are re-indexed from here.
   */
  chat?(opened: Opened, row: Row): string;
}

/** A table found only by a blind index of a chat key that is stored nowhere with it. */
interface ChatKeyedTable {
  table: string;
  index: string;
  kind: BlindIndexKind;
  /** Ciphertexts whose associated data names the row by its index, so they move with it. */
  sealed: { column: string; rowId(index: Buffer): string }[];
}

function opened(fields: Opened, column: string): string {
  const value = fields[column];
  if (value === undefined) throw new Error(`the rotation description makes an index from ${column}, which it does not decrypt`);
  return value;
}

const byId = (row: Row) => String(row.id);
const accountChat = (fields: Opened, row: Row) => chatKey(row.channel as ChannelName, opened(fields, "chat_ct"));

/** Each table with ciphertexts of its own, with the FieldRef its repository uses for each field. */
export const ROW_TABLES: readonly RowTable[] = [
  {
    // database.ts: the key canary, opened at every start.
    table: CANARY_REF.table,
    key: ["key"],
    only: { column: "key", value: CANARY_REF.rowId },
    sealed: [{ column: CANARY_REF.column, rowId: (row) => String(row.key) }],
    indexes: [],
  },
  {
    // whatsapp-chats.ts: the row is the numeric id given to the chat; the chat is the bot's "whatsapp:<id>".
    table: "whatsapp_chats",
    key: ["id"],
    sealed: [{ column: "wa_ct", rowId: byId }],
    indexes: [{ column: "wa_index", kind: "whatsapp", input: (fields) => opened(fields, "wa_ct") }],
    chat: (_fields, row) => chatKey("whatsapp", String(row.id)),
  },
  {
    // accounts.ts: chat_ct holds the chat id; the index is of the channel and the chat id together.
    table: "accounts",
    key: ["id"],
    plain: ["channel"],
    sealed: [{ column: "chat_ct", rowId: byId }],
    indexes: [{ column: "chat_index", kind: "chat", input: accountChat }],
    chat: accountChat,
  },
  {
    // patients.ts
    table: "patients",
    key: ["id"],
    sealed: [{ column: "iin_ct", rowId: byId }],
    indexes: [{ column: "iin_index", kind: "iin", truncated: true, input: (fields) => opened(fields, "iin_ct") }],
  },
  {
    // patients.ts `linkFieldRef`: a link's row id is its two ids.
    table: "patient_links",
    key: ["account_id", "patient_id"],
    sealed: ["full_name_ct", "phone_ct"].map((column) => ({ column, rowId: (row: Row) => linkRowId(String(row.account_id), String(row.patient_id)) })),
    indexes: [],
  },
  {
    // bookings.ts: the owner index is of the account id that account_ct holds.
    table: "bookings",
    key: ["id"],
    sealed: [
      { column: "account_ct", rowId: byId },
      { column: "patient_ct", rowId: byId },
    ],
    indexes: [{ column: "owner_index", kind: "owner", input: (fields) => opened(fields, "account_ct") }],
  },
  {
    // waitlist.ts: like a booking, the owner index is of the account id that account_ct holds.
    table: "waitlist_entries",
    key: ["id"],
    sealed: [
      { column: "account_ct", rowId: byId },
      { column: "patient_ct", rowId: byId },
    ],
    indexes: [{ column: "owner_index", kind: "owner", input: (fields) => opened(fields, "account_ct") }],
  },
  {
    // staff-outbox.ts
    table: "staff_outbox",
    key: ["id"],
    sealed: [{ column: "payload_ct", rowId: byId }],
    indexes: [],
  },
  {
    // patient-outbox.ts
    table: "patient_outbox",
    key: ["id"],
    sealed: [{ column: "payload_ct", rowId: byId }],
    indexes: [],
  },
  {
    // absences.ts
    table: "doctor_absences",
    key: ["id"],
    sealed: [{ column: "reason_ct", rowId: byId }],
    indexes: [],
  },
];

/**
 * The tables kept under a blind index of the chat key only (bot/index.ts keys dialogue states by the
 * same `chatKey` as the language). Without the chat id they cannot be re-indexed: only the rows of
 * chats that some row of ROW_TABLES knows (an account, a WhatsApp chat) are moved. What is left, and
 * why that is the right call:
 * - the dialogue of a chat with no account (a Telegram chat at the consent step) stays whole under
 *   its old key: its state then still opens, the start refuses to run without that key, and the
 *   drafts job deletes it DRAFT_TIMEOUT_MS after its last use (the report says when), unless the
 *   chat writes first and the bot rewrites it under the current key. Re-encrypting only its state
 *   would let the old key go sooner, but would orphan a dialogue the person may still finish.
 * - the language of a chat with no account stays indexed under whatever key was current when it was
 *   chosen (a bare index does not say which): it is all that is kept about such a chat, and losing it
 *   costs one question, so it keeps no key configured (the report counts these rows).
 */
export const CHAT_KEYED_TABLES: readonly ChatKeyedTable[] = [
  { table: "chat_preferences", index: "chat_index", kind: "chat", sealed: [] },
  {
    // conversation-storage.ts: the state's row id is the hex of its key index.
    table: "conversation_states",
    index: "key_index",
    kind: "conversation",
    sealed: [{ column: "state_ct", rowId: conversationRowId }],
  },
];

export interface RotationProgress {
  table: string;
  done: number;
  total: number;
}

export interface RotationReport {
  currentKeyId: number;
  previousKeyIds: number[];
  /** Rows walked and rows rewritten, per table of ROW_TABLES. */
  tables: { table: string; rows: number; rewritten: number }[];
  /** Rows of CHAT_KEYED_TABLES moved to the current key with the chat that knows them. */
  moved: { table: string; rows: number }[];
  /** Rows left as they were because a field of theirs does not open (altered, or a damaged page). */
  unreadable: { table: string; rowId: string; keyId: number }[];
  /**
   * Dialogue states of chats with no account left under an older key (their chat key is not stored).
   * The drafts job deletes each DRAFT_TIMEOUT_MS after its last use; a new update from the chat
   * rewrites it under the current key first.
   */
  strandedDrafts: { keyId: number; drafts: number; lastTouchedAt: string; goneAfter: string }[];
  /**
   * Language choices of chats with no account: those made before the bot ran with the current key
   * are indexed under an older one, and which key a bare index was made under cannot be told.
   */
  unmatchedLanguages: number;
  /** keyIdsInUse after the rotation. */
  inUse: Map<number, { fields: number; tables: string[] }>;
}

/**
 * Opening and sealing a field takes about 5 µs (facts.md), so a batch of 200 rows holds the write lock
 * for a few milliseconds: the bot's own writes wait no longer than for one another.
 */
const DEFAULT_BATCH = 200;

/**
 * Walks every table in batches, each its own short immediate transaction, so the running bot keeps
 * booking between them. A row is rewritten whole inside one transaction: after a crash it is either
 * all under its old key or all under the current one, and rows the bot writes meanwhile are already
 * under the current key. Running it again finds what is left and finishes it.
 */
export class KeyRotation {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
  ) {}

  run(options: { batchSize?: number; progress?: (progress: RotationProgress) => void } = {}): RotationReport {
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const unreadable: RotationReport["unreadable"] = [];
    const mover = new ChatMover(this.db, this.cipher, unreadable);
    const tables = ROW_TABLES.map((table) => this.rotateTable(table, batchSize, mover, unreadable, options.progress));
    return {
      currentKeyId: this.cipher.currentKeyId,
      previousKeyIds: this.cipher.previousKeyIds,
      tables,
      moved: CHAT_KEYED_TABLES.map(({ table }) => ({ table, rows: mover.moved.get(table) ?? 0 })),
      unreadable,
      strandedDrafts: this.strandedDrafts(),
      unmatchedLanguages: this.unmatchedLanguages(),
      inUse: keyIdsInUse(this.db),
    };
  }

  private rotateTable(
    table: RowTable,
    batchSize: number,
    mover: ChatMover,
    unreadable: RotationReport["unreadable"],
    progress?: (progress: RotationProgress) => void,
  ): { table: string; rows: number; rewritten: number } {
    const sqlite = this.db.$client;
    const name = quote(table.table);
    const keys = table.key.map(quote).join(", ");
    const beyond = (operator: string) => `(${keys}) ${operator} (${table.key.map(() => "?").join(", ")})`;
    const filters = table.only ? [`${quote(table.only.column)} = ?`] : [];
    const filterValues = table.only ? [table.only.value] : [];
    const where = (...conditions: string[]) => {
      const all = [...filters, ...conditions];
      return all.length === 0 ? "" : `WHERE ${all.join(" AND ")}`;
    };
    const written = [...table.sealed.map((field) => field.column), ...table.indexes.map((index) => index.column)];
    const selected = [...new Set([...table.key, ...(table.plain ?? []), ...written])].map(quote).join(", ");
    const first = sqlite.prepare(`SELECT ${selected} FROM ${name} ${where()} ORDER BY ${keys} LIMIT ?`);
    const next = sqlite.prepare(`SELECT ${selected} FROM ${name} ${where(beyond(">"))} ORDER BY ${keys} LIMIT ?`);
    const count = sqlite.prepare(`SELECT count(*) FROM ${name} ${where()}`).pluck();
    const countUpTo = sqlite.prepare(`SELECT count(*) FROM ${name} ${where(beyond("<="))}`).pluck();
    const update = sqlite.prepare(
      `UPDATE ${name} SET ${written.map((column) => `${quote(column)} = ?`).join(", ")} WHERE ${table.key.map((key) => `${quote(key)} = ?`).join(" AND ")}`,
    );

    let after: unknown[] | undefined;
    let rewritten = 0;
    for (;;) {
      const batch = sqlite
        .transaction(() => {
          const rows = (after ? next.all(...filterValues, ...after, batchSize) : first.all(...filterValues, batchSize)) as Row[];
          let changed = 0;
          for (const row of rows) {
            const values = this.rotateRow(table, row, mover, unreadable);
            if (values) {
              update.run(...values, ...table.key.map((key) => row[key]));
              changed += 1;
            }
          }
          const last = rows.at(-1);
          const position = last ? table.key.map((key) => last[key]) : after;
          return {
            size: rows.length,
            changed,
            position,
            done: position ? (countUpTo.get(...filterValues, ...position) as number) : 0,
            total: count.get(...filterValues) as number,
          };
        })
        .immediate();
      after = batch.position;
      rewritten += batch.changed;
      progress?.({ table: table.table, done: batch.done, total: batch.total });
      if (batch.size < batchSize) return { table: table.table, rows: batch.done, rewritten };
    }
  }

  /**
   * The row's new ciphertexts and indexes in the order of the UPDATE, or undefined when it is already
   * all under the current key (or cannot be opened, and is left as it is). Its chat moves either way.
   */
  private rotateRow(table: RowTable, row: Row, mover: ChatMover, unreadable: RotationReport["unreadable"]): unknown[] | undefined {
    const fields: Opened = {};
    const values: unknown[] = [];
    let changed = false;
    for (const field of table.sealed) {
      const blob = row[field.column] as Buffer;
      const ref = { table: table.table, column: field.column, rowId: field.rowId(row) };
      try {
        fields[field.column] = this.cipher.decrypt(ref, blob);
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
        unreadable.push({ table: table.table, rowId: table.key.map((key) => String(row[key])).join("/"), keyId: FieldCipher.keyIdOf(blob) });
        return undefined;
      }
      const current = FieldCipher.keyIdOf(blob) === this.cipher.currentKeyId;
      values.push(current ? blob : this.cipher.encrypt(ref, opened(fields, field.column)));
      changed ||= !current;
    }
    for (const index of table.indexes) {
      const input = index.input(fields, row);
      const stored = row[index.column];
      if (index.truncated) {
        const fresh = this.cipher.truncatedIndex(index.kind, input);
        values.push(fresh);
        changed ||= stored !== fresh;
      } else {
        const fresh = this.cipher.blindIndex(index.kind, input);
        values.push(fresh);
        changed ||= !(Buffer.isBuffer(stored) && fresh.equals(stored));
      }
    }
    if (table.chat) mover.move(table.chat(fields, row));
    return changed ? values : undefined;
  }

  private strandedDrafts(): RotationReport["strandedDrafts"] {
    const rows = this.db.$client
      .prepare("SELECT substr(state_ct, 2, 4) AS keyId, count(*) AS drafts, max(updated_at) AS last FROM conversation_states GROUP BY 1")
      .all() as { keyId: Buffer; drafts: number; last: string }[];
    return rows
      .map((row) => ({
        keyId: row.keyId.readUInt32BE(0),
        drafts: row.drafts,
        lastTouchedAt: row.last,
        goneAfter: new Date(new Date(row.last).getTime() + DRAFT_TIMEOUT_MS).toISOString(),
      }))
      .filter((draft) => draft.keyId !== this.cipher.currentKeyId);
  }

  /** Language choices whose index is not the current one of any chat an account or WhatsApp chat knows. */
  private unmatchedLanguages(): number {
    const sqlite = this.db.$client;
    return sqlite
      .transaction(() => {
        const known = new Set<string>();
        for (const table of ROW_TABLES) {
          if (!table.chat) continue;
          const columns = [...new Set([...table.key, ...(table.plain ?? []), ...table.sealed.map((field) => field.column)])].map(quote).join(", ");
          for (const row of sqlite.prepare(`SELECT ${columns} FROM ${quote(table.table)}`).iterate() as IterableIterator<Row>) {
            try {
              const fields = Object.fromEntries(
                table.sealed.map((field) => [field.column, this.cipher.decrypt({ table: table.table, column: field.column, rowId: field.rowId(row) }, row[field.column] as Buffer)]),
              );
              known.add(this.cipher.blindIndex("chat", table.chat(fields, row)).toString("hex"));
            } catch (error) {
              if (!(error instanceof DecryptionError)) throw error;
            }
          }
        }
        const languages = sqlite.prepare("SELECT chat_index FROM chat_preferences").pluck().all() as Buffer[];
        return languages.filter((index) => !known.has(index.toString("hex"))).length;
      })
      .deferred();
  }
}

/** Moves the rows of CHAT_KEYED_TABLES of one known chat from an older key's index to the current one. */
class ChatMover {
  readonly moved = new Map<string, number>();
  private readonly statements: { table: ChatKeyedTable; find: (indexes: Buffer[]) => Row[]; update: (values: unknown[]) => void }[];

  constructor(
    db: Db,
    private readonly cipher: FieldCipher,
    private readonly unreadable: RotationReport["unreadable"],
  ) {
    const sqlite = db.$client;
    // A chat has one index under each configured key: the current one and one per previous key.
    const candidates = 1 + cipher.previousKeyIds.length;
    this.statements = CHAT_KEYED_TABLES.map((table) => {
      const columns = [table.index, ...table.sealed.map((field) => field.column)];
      const find = sqlite.prepare(
        `SELECT ${columns.map(quote).join(", ")} FROM ${quote(table.table)} WHERE ${quote(table.index)} IN (${Array(candidates).fill("?").join(", ")})`,
      );
      const update = sqlite.prepare(`UPDATE ${quote(table.table)} SET ${columns.map((column) => `${quote(column)} = ?`).join(", ")} WHERE ${quote(table.index)} = ?`);
      return { table, find: (indexes) => find.all(...indexes) as Row[], update: (values) => void update.run(...values) };
    });
  }

  move(chat: string): void {
    for (const { table, find, update } of this.statements) {
      const current = this.cipher.blindIndex(table.kind, chat);
      const older = this.cipher.blindIndexCandidates(table.kind, chat).filter((index) => !index.equals(current));
      if (older.length === 0) continue;
      const rows = find([current, ...older]);
      // The bot wrote this chat's row under the current key already (it replaces older ones when it does).
      if (rows.some((row) => current.equals(row[table.index] as Buffer))) continue;
      const row = rows[0];
      if (!row) continue;
      const oldIndex = row[table.index] as Buffer;
      try {
        const sealed = table.sealed.map((field) => {
          // Moved as bytes: a dialogue state is compressed JSON (conversation-storage.ts), not text.
          const plaintext = this.cipher.decryptBytes({ table: table.table, column: field.column, rowId: field.rowId(oldIndex) }, row[field.column] as Buffer);
          return this.cipher.encryptBytes({ table: table.table, column: field.column, rowId: field.rowId(current) }, plaintext);
        });
        update([current, ...sealed, oldIndex]);
        this.moved.set(table.table, (this.moved.get(table.table) ?? 0) + 1);
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
        const rowId = oldIndex.toString("hex");
        // A WhatsApp account's chat is reached twice, from its account and from its WhatsApp chat.
        if (this.unreadable.some((entry) => entry.table === table.table && entry.rowId === rowId)) continue;
        this.unreadable.push({ table: table.table, rowId, keyId: FieldCipher.keyIdOf(row[table.sealed[0]!.column] as Buffer) });
      }
    }
  }
}

function quote(identifier: string): string {
  return `"${identifier}"`;
}
