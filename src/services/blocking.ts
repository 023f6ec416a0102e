import type { Repositories, Store } from "../store";
import type { Actor } from "../store/audit";

/** The right to restrict processing (policy §8): /block, and an admin on a paper request. */
export class BlockingService {
  constructor(private readonly store: Store) {}

  /**
   * Restricts processing, or lifts the restriction. A block in place is never overwritten (its time and
   * author stay), and each is lifted only by whoever may: the person lifts their own block, an admin the
   * person's or an admin's, and the block a withdrawal put on the records the law keeps only a new consent
   * lifts (ConsentService). Returns whether anything changed; only a change is audited.
   */
  setBlocked(accountId: string, blocked: boolean, by: "patient" | "admin", actor: Actor): boolean {
    return this.store.transaction((tx) => this.setBlockedIn(tx, accountId, blocked, by, actor));
  }

  setBlockedIn(tx: Repositories, accountId: string, blocked: boolean, by: "patient" | "admin", actor: Actor): boolean {
    const changed = blocked ? tx.accounts.block(accountId, by) : tx.accounts.unblock(accountId, by === "patient" ? ["patient"] : ["patient", "admin"]);
    if (!changed) return false;
    // A restricted account is offered nothing from the waiting list; what it waited for passes on.
    if (blocked) for (const entry of tx.waitlist.waitingOf(accountId)) tx.waitlist.end(entry.id, "ended");
    tx.audit.record({
      actor: actor.kind,
      actorId: actor.id,
      action: blocked ? "processing.blocked" : "processing.unblocked",
      recordType: "account",
      recordId: accountId,
    });
    return true;
  }
}
