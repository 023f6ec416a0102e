import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Clock, IdSource } from "../clock";
import { chatKey, type ChannelName } from "../domain/channel";
import type { FieldCipher } from "./crypto";
import type { Executor } from "./database";
import { candidatePlaceholders, candidateValues, preparedOn } from "./prepared";
import type { Locale } from "../domain/locale";
import { accounts, consents } from "./schema";

export type ConsentPurpose = "processing" | "third_party";

export interface ConsentDecision {
  purpose: ConsentPurpose;
  granted: boolean;
  policyVersion: string;
  textSha256: string;
  locale: Locale;
}

export interface ConsentRecord extends ConsentDecision {
  id: string;
  channel: ChannelName;
  decidedAt: string;
}

export interface AccountFacts {
  id: string;
  channel: ChannelName;
  createdAt: string;
  blockedAt: string | null;
  blockedBy: BlockedBy | null;
}

/** Who restricted processing (policy §8): the person, a withdrawal of consent, or an admin. */
export type BlockedBy = "patient" | "withdrawal" | "admin";

/** People who talk to the bot (the `accounts` table), and what they agreed to (`consents`). */
export class AccountRepository {
  constructor(
    private readonly db: Executor,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /**
   * Each message the bot starts itself (a reminder, a notice) reads these, and each person's first
   * consent writes them: built and compiled once (issue 14).
   */
  private get prepared(): ReturnType<typeof prepareStatements> {
    return preparedOn(this.db, prepareStatements);
  }

  findAccountId(channel: ChannelName, chatId: number | string): string | undefined {
    const candidates = this.cipher.blindIndexCandidates("chat", chatKey(channel, chatId));
    return preparedOn(this.db, prepareFindAccount, candidates.length).get({ channel, ...candidateValues("chat", candidates) })?.id;
  }

  /** The chat id an account is reached at, for messages the bot starts (notices, reminders). */
  chatIdOf(accountId: string): string | undefined {
    const row = this.prepared.chat.get({ accountId });
    return row && this.cipher.decrypt(chatRef(accountId), row.chatCt);
  }

  /** The account's own facts, without its chat id. */
  find(accountId: string): AccountFacts | undefined {
    return this.prepared.facts.get({ accountId });
  }

  /** Creates the account of a chat; returns its id. */
  create(channel: ChannelName, chatId: number | string): string {
    const id = this.ids.newId();
    this.prepared.create.run({
      id,
      channel,
      chatIndex: this.cipher.blindIndex("chat", chatKey(channel, chatId)),
      chatCt: this.cipher.encrypt(chatRef(id), String(chatId)),
      createdAt: this.now(),
    });
    return id;
  }

  /** Whether processing is restricted, and by whom (policy §8). */
  blockOf(accountId: string): { blockedAt: string; blockedBy: BlockedBy } | undefined {
    const row = this.prepared.block.get({ accountId });
    return row?.blockedAt && row.blockedBy ? { blockedAt: row.blockedAt, blockedBy: row.blockedBy } : undefined;
  }

  /** Restricts processing unless it already is: a block in place keeps its time and author. Returns whether it changed. */
  block(accountId: string, by: BlockedBy): boolean {
    return (
      this.db
        .update(accounts)
        .set({ blockedAt: this.now(), blockedBy: by })
        .where(and(eq(accounts.id, accountId), isNull(accounts.blockedAt)))
        .run().changes > 0
    );
  }

  /**
   * Lifts the block if one of `by` set it. Returns whether it changed. Every consent to processing
   * tries it (a block a withdrawal set): one statement per number of authors.
   */
  unblock(accountId: string, by: readonly BlockedBy[]): boolean {
    return preparedOn(this.db, prepareUnblock, by.length).run({ accountId, ...candidateValues("by", by) }).changes > 0;
  }

  /**
   * Deletes the account. Its consents, its links to the people it booked for and its policy notices go
   * with it (ON DELETE CASCADE in the schema); its bookings do not refer to it in the clear, so the
   * caller deletes them first.
   */
  delete(accountId: string): void {
    this.db.delete(accounts).where(eq(accounts.id, accountId)).run();
  }

  /** Records a consent decision; returns the record's id. */
  addConsent(accountId: string, channel: ChannelName, decision: ConsentDecision): string {
    const id = this.ids.newId();
    const { purpose, granted, policyVersion, textSha256, locale } = decision;
    this.prepared.addConsent.run({ id, accountId, channel, decidedAt: this.now(), purpose, granted, policyVersion, textSha256, locale });
    return id;
  }

  /** Marks the decisions in force withdrawn: for one purpose, or for every purpose. */
  withdrawConsents(accountId: string, purpose?: ConsentPurpose): void {
    if (purpose) this.prepared.withdrawConsent.run({ accountId, purpose, withdrawnAt: this.now() });
    else this.prepared.withdrawConsents.run({ accountId, withdrawnAt: this.now() });
  }

  /** Every consent decision of the account, withdrawn ones included, oldest first. */
  consentHistory(accountId: string): (ConsentRecord & { withdrawnAt: string | null })[] {
    return this.db
      .select()
      .from(consents)
      .where(eq(consents.accountId, accountId))
      .orderBy(consents.decidedAt)
      .all()
      .map(({ accountId: _account, ...record }) => record);
  }

  /** The decision in force for a purpose, if the person made one. */
  currentConsent(accountId: string, purpose: ConsentPurpose): ConsentRecord | undefined {
    const row = this.prepared.currentConsent.get({ accountId, purpose });
    if (!row) return undefined;
    const { withdrawnAt: _withdrawn, accountId: _account, ...record } = row;
    return record;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function chatRef(accountId: string) {
  return { table: "accounts", column: "chat_ct", rowId: accountId };
}

/** The account of a chat, looked up under each of `keys` blind indexes (rotation keeps older ones). */
function prepareFindAccount(db: Executor, keys: number) {
  const candidates = candidatePlaceholders("chat", keys).map((name) => sql.placeholder(name));
  return db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.channel, sql.placeholder("channel")), inArray(accounts.chatIndex, candidates)))
    .prepare();
}

/** Lifts a block set by any of `authors` authors. */
function prepareUnblock(db: Executor, authors: number) {
  const candidates = candidatePlaceholders("by", authors).map((name) => sql.placeholder(name));
  return db
    .update(accounts)
    .set({ blockedAt: null, blockedBy: null })
    .where(and(eq(accounts.id, sql.placeholder("accountId")), inArray(accounts.blockedBy, candidates)))
    .prepare();
}

function prepareStatements(db: Executor) {
  const accountId = sql.placeholder("accountId");
  return {
    create: db
      .insert(accounts)
      .values({
        id: sql.placeholder("id"),
        channel: sql.placeholder("channel"),
        chatIndex: sql.placeholder("chatIndex"),
        chatCt: sql.placeholder("chatCt"),
        createdAt: sql.placeholder("createdAt"),
      })
      .prepare(),
    chat: db.select({ chatCt: accounts.chatCt }).from(accounts).where(eq(accounts.id, accountId)).prepare(),
    facts: db
      .select({ id: accounts.id, channel: accounts.channel, createdAt: accounts.createdAt, blockedAt: accounts.blockedAt, blockedBy: accounts.blockedBy })
      .from(accounts)
      .where(eq(accounts.id, accountId))
      .prepare(),
    block: db.select({ blockedAt: accounts.blockedAt, blockedBy: accounts.blockedBy }).from(accounts).where(eq(accounts.id, accountId)).prepare(),
    addConsent: db
      .insert(consents)
      .values({
        id: sql.placeholder("id"),
        accountId,
        channel: sql.placeholder("channel"),
        decidedAt: sql.placeholder("decidedAt"),
        purpose: sql.placeholder("purpose"),
        granted: sql.placeholder("granted"),
        policyVersion: sql.placeholder("policyVersion"),
        textSha256: sql.placeholder("textSha256"),
        locale: sql.placeholder("locale"),
      })
      .prepare(),
    withdrawConsent: db
      .update(consents)
      .set({ withdrawnAt: sql`${sql.placeholder("withdrawnAt")}` })
      .where(and(eq(consents.accountId, accountId), eq(consents.purpose, sql.placeholder("purpose")), isNull(consents.withdrawnAt)))
      .prepare(),
    withdrawConsents: db
      .update(consents)
      .set({ withdrawnAt: sql`${sql.placeholder("withdrawnAt")}` })
      .where(and(eq(consents.accountId, accountId), isNull(consents.withdrawnAt)))
      .prepare(),
    currentConsent: db
      .select()
      .from(consents)
      .where(and(eq(consents.accountId, accountId), eq(consents.purpose, sql.placeholder("purpose")), isNull(consents.withdrawnAt)))
      .orderBy(desc(consents.decidedAt))
      .limit(1)
      .prepare(),
  };
}
