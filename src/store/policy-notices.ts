import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import type { Clock } from "../clock";
import { compareVersions } from "../domain/policy";
import type { ChannelName } from "../domain/channel";
import type { Executor } from "./database";
import { accounts, consents, policyNotices } from "./schema";

/** A notice that is due, with the channel its account is reached on. */
export interface DueNotice {
  accountId: string;
  version: string;
  attempts: number;
  channel: ChannelName;
}

const FIRST_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;
/** After this many failed attempts a notice is given up (skipped); the gate still asks the person. */
export const MAX_NOTICE_ATTEMPTS = 8;
/** A claim older than this belongs to a send that never finished (the process died): sent again. */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;

/**
 * The outbox of policy-change notices (policy §9). One row per account and version (the primary key),
 * so a person is queued at most once. A notice is claimed ("sending") before it goes out and marked
 * sent once the channel took it: a crash in between leaves the claim, which is taken up again after
 * CLAIM_TIMEOUT_MS. So every notice arrives at least once; the one duplicate a person can get is after
 * a crash in the middle of their send, which beats never being told of a change (§9). One process
 * delivers (the bot's lease) and its runs never overlap, so nothing else sends twice.
 */
export class PolicyNoticeRepository {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  /**
   * Queues a notice of `version` for every account whose processing consent is granted, not withdrawn
   * and for an older version. Blocked accounts get a row marked skipped: their data is not used, not
   * even to tell them. Call inside the transaction that inserts the version.
   */
  enqueueFor(version: string): { pending: number; skipped: number } {
    const now = this.clock.now().toISOString();
    const consenting = this.db
      .select({ accountId: accounts.id, blockedAt: accounts.blockedAt, consentedTo: consents.policyVersion })
      .from(accounts)
      .innerJoin(consents, eq(consents.accountId, accounts.id))
      .where(and(eq(consents.purpose, "processing"), eq(consents.granted, true), isNull(consents.withdrawnAt)))
      .all()
      .filter((row) => compareVersions(row.consentedTo, version) < 0);
    let pending = 0;
    let skipped = 0;
    for (const row of consenting) {
      const status = row.blockedAt ? "skipped" : "pending";
      const inserted = this.db
        .insert(policyNotices)
        .values({ accountId: row.accountId, version, status, nextAttemptAt: now })
        .onConflictDoNothing()
        .run();
      if (inserted.changes === 0) continue;
      if (status === "pending") pending += 1;
      else skipped += 1;
    }
    return { pending, skipped };
  }

  /** Notices whose time has come (pending, or claimed by a send that never finished), oldest first. */
  due(channels: readonly ChannelName[], limit = 100): DueNotice[] {
    if (channels.length === 0) return [];
    return this.db
      .select({ accountId: policyNotices.accountId, version: policyNotices.version, attempts: policyNotices.attempts, channel: accounts.channel })
      .from(policyNotices)
      .innerJoin(accounts, eq(accounts.id, policyNotices.accountId))
      .where(
        and(
          inArray(policyNotices.status, ["pending", "sending"]),
          lte(policyNotices.nextAttemptAt, this.clock.now().toISOString()),
          inArray(accounts.channel, [...channels]),
        ),
      )
      .orderBy(asc(policyNotices.nextAttemptAt), asc(policyNotices.accountId))
      .limit(limit)
      .all();
  }

  /** Claims a due notice just before it goes out; false when it is no longer due (sent, skipped, claimed anew). */
  claim(notice: Pick<DueNotice, "accountId" | "version">): boolean {
    const now = this.clock.now();
    const claimed = this.db
      .update(policyNotices)
      .set({ status: "sending", nextAttemptAt: new Date(now.getTime() + CLAIM_TIMEOUT_MS).toISOString() })
      .where(and(this.keyOf(notice), inArray(policyNotices.status, ["pending", "sending"]), lte(policyNotices.nextAttemptAt, now.toISOString())))
      .run();
    return claimed.changes === 1;
  }

  /** The channel took the claimed notice. */
  sent(notice: Pick<DueNotice, "accountId" | "version">): void {
    this.db
      .update(policyNotices)
      .set({ status: "sent", sentAt: this.clock.now().toISOString() })
      .where(and(this.keyOf(notice), eq(policyNotices.status, "sending")))
      .run();
  }

  /**
   * A claimed notice that the channel did not take: pending again after a growing pause, or given up
   * after MAX_NOTICE_ATTEMPTS. Returns whether it will be retried.
   */
  failed(notice: Pick<DueNotice, "accountId" | "version" | "attempts">): boolean {
    const attempts = notice.attempts + 1;
    if (attempts >= MAX_NOTICE_ATTEMPTS) {
      this.db.update(policyNotices).set({ status: "skipped", attempts, sentAt: null }).where(this.keyOf(notice)).run();
      return false;
    }
    const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** notice.attempts);
    this.db
      .update(policyNotices)
      .set({ status: "pending", attempts, sentAt: null, nextAttemptAt: new Date(this.clock.now().getTime() + backoff).toISOString() })
      .where(this.keyOf(notice))
      .run();
    return true;
  }

  /**
   * Telegram asked to wait before writing to this chat again (429): pending again after that wait, the
   * attempt not counted (nothing failed; the chat was busy).
   */
  retryAfter(notice: Pick<DueNotice, "accountId" | "version">, seconds: number): void {
    this.db
      .update(policyNotices)
      .set({ status: "pending", sentAt: null, nextAttemptAt: new Date(this.clock.now().getTime() + seconds * 1000).toISOString() })
      .where(this.keyOf(notice))
      .run();
  }

  /** Not to be sent: the account is blocked, has no consent any more, or the chat is gone for good. */
  skip(notice: Pick<DueNotice, "accountId" | "version">): void {
    this.db.update(policyNotices).set({ status: "skipped", sentAt: null }).where(this.keyOf(notice)).run();
  }

  private keyOf(notice: Pick<DueNotice, "accountId" | "version">) {
    return and(eq(policyNotices.accountId, notice.accountId), eq(policyNotices.version, notice.version));
  }
}
