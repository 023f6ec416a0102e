import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Clock, IdSource } from "../clock";
import { chatKey, type ChannelName } from "../domain/channel";
import type { FieldCipher } from "./crypto";
import type { Db } from "./database";
import type { AuditLog } from "./audit";
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

/** People who talk to the bot, and what they agreed to. */
export class AccountRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly audit: AuditLog,
  ) {}

  findAccountId(channel: ChannelName, chatId: number | string): string | undefined {
    const candidates = this.cipher.blindIndexCandidates("chat", chatKey(channel, chatId));
    return this.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.channel, channel), inArray(accounts.chatIndex, candidates)))
      .get()?.id;
  }

  /** The chat id an account is reached at, for messages the bot starts (notices, reminders). */
  chatIdOf(accountId: string): string | undefined {
    const row = this.db.select().from(accounts).where(eq(accounts.id, accountId)).get();
    return row && this.cipher.decrypt({ table: "accounts", column: "chat_ct", rowId: row.id }, row.chatCt);
  }

  /**
   * Records a consent decision. Declining processing stores nothing at all (policy §1.2: without
   * consent no data about the person is kept); any other decision creates the account if needed.
   */
  recordConsent(channel: ChannelName, chatId: number | string, decision: ConsentDecision): string | undefined {
    if (decision.purpose === "processing" && !decision.granted) return this.findAccountId(channel, chatId);
    return this.db.transaction(
      (tx) => {
        const now = this.clock.now().toISOString();
        let accountId = this.findAccountId(channel, chatId);
        if (!accountId) {
          accountId = this.ids.newId();
          const key = chatKey(channel, chatId);
          tx.insert(accounts)
            .values({
              id: accountId,
              channel,
              chatIndex: this.cipher.blindIndex("chat", key),
              chatCt: this.cipher.encrypt({ table: "accounts", column: "chat_ct", rowId: accountId }, String(chatId)),
              createdAt: now,
            })
            .run();
        }
        tx.update(consents)
          .set({ withdrawnAt: now })
          .where(and(eq(consents.accountId, accountId), eq(consents.purpose, decision.purpose), isNull(consents.withdrawnAt)))
          .run();
        const consentId = this.ids.newId();
        tx.insert(consents)
          .values({ id: consentId, accountId, channel, decidedAt: now, ...decision })
          .run();
        this.audit.record({
          actor: "patient",
          actorId: accountId,
          action: decision.granted ? "consent.granted" : "consent.declined",
          recordType: "consent",
          recordId: consentId,
        });
        if (decision.purpose === "processing" && decision.granted) {
          // A renewed consent after a withdrawal lifts the block the withdrawal put on kept records.
          tx.update(accounts)
            .set({ blockedAt: null, blockedBy: null })
            .where(and(eq(accounts.id, accountId), eq(accounts.blockedBy, "withdrawal")))
            .run();
        }
        return accountId;
      },
      { behavior: "immediate" },
    );
  }

  /** Whether processing is restricted, and by whom (policy §8). */
  blockOf(accountId: string): { blockedAt: string; blockedBy: "patient" | "withdrawal" | "admin" } | undefined {
    const row = this.db.select({ blockedAt: accounts.blockedAt, blockedBy: accounts.blockedBy }).from(accounts).where(eq(accounts.id, accountId)).get();
    return row?.blockedAt && row.blockedBy ? { blockedAt: row.blockedAt, blockedBy: row.blockedBy } : undefined;
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
    const row = this.db
      .select()
      .from(consents)
      .where(and(eq(consents.accountId, accountId), eq(consents.purpose, purpose), isNull(consents.withdrawnAt)))
      .orderBy(desc(consents.decidedAt))
      .get();
    if (!row) return undefined;
    const { withdrawnAt: _withdrawn, accountId: _account, ...record } = row;
    return record;
  }
}
