import type { Clock } from "../clock";
import { isOpen } from "../domain/booking-status";
import { chatKey } from "../domain/channel";
import type { Repositories, Store } from "../store";
import type { Actor } from "../store/audit";
import { checkpoint } from "../store/database";
import { eraseBookingsIn } from "./erasure";

/**
 * Withdrawal of consent (policy §8): processing stops at once. Upcoming bookings are cancelled (staff
 * told) and everything is erased except what the law obliges the fund to keep: the consent records
 * that prove the processing was lawful, and the visits that took place with the people they were for.
 * Those are blocked until the person consents again. One immediate transaction, like an erasure.
 */
export class WithdrawalService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  withdraw(accountId: string, actor: Actor): { cancelled: number } {
    const outcome = this.store.transaction((tx) => this.withdrawIn(tx, accountId, actor));
    checkpoint(this.store.db);
    return outcome;
  }

  private withdrawIn(tx: Repositories, accountId: string, actor: Actor): { cancelled: number } {
    const { channel } = tx.accounts.find(accountId)!;
    const now = this.clock.now().toISOString();
    const all = tx.bookings.allFor(accountId);
    // The visits that took place, or may have (nobody marked them): a no-show is no visit to keep.
    const kept = all.filter((booking) => (isOpen(booking.status) || booking.status === "attended") && booking.startsAt < now);
    const dropped = all.filter((booking) => !kept.includes(booking));
    tx.staffOutbox.dropAbout(all.map((booking) => booking.number));
    const cancelled = eraseBookingsIn(tx, dropped, channel, now);
    tx.waitlist.delete(tx.waitlist.allOf(accountId).map((entry) => entry.id));
    tx.accounts.withdrawConsents(accountId);
    const keptPatients = new Set(kept.map((booking) => booking.patientId));
    const unlinked = tx.patients
      .peopleOf(accountId)
      .map((person) => person.patientId)
      .filter((patientId) => !keptPatients.has(patientId));
    tx.patients.unlink(accountId, unlinked);
    tx.patients.deleteOrphans(unlinked);
    // A block the person or the fund already set stays as it is: a new consent must not lift it.
    tx.accounts.block(accountId, "withdrawal");
    tx.audit.record({ actor: actor.kind, actorId: actor.id, action: "consent.withdrawn", recordType: "account", recordId: accountId });
    const chatId = tx.accounts.chatIdOf(accountId);
    if (chatId !== undefined) tx.conversationStates.delete(chatKey(channel, chatId));
    return { cancelled };
  }
}
