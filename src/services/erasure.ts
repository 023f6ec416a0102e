import type { Clock } from "../clock";
import { isOpen } from "../domain/booking-status";
import { chatKey, type ChannelName } from "../domain/channel";
import type { Repositories, Store } from "../store";
import type { Actor } from "../store/audit";
import type { BookingRecord } from "../store/bookings";
import { checkpoint } from "../store/database";
import { freedTimeNotice } from "./staff-notices";

/**
 * The right to erasure (/delete, and an admin on a paper request). Each erasure is one immediate
 * transaction: a crash part-way leaves everything as it was, never bookings cancelled with the data
 * kept. The WAL is folded back into the file after the commit, so with secure_delete on the erased rows
 * leave no trace (facts.md).
 */
export class ErasureService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Erases everything about the chat's account: every booking and waiting-list entry (staff told that the upcoming ones' times
   * are free, and undelivered notices about them dropped), consent, link, the patients nobody else booked
   * for, the draft, the chat's language and a WhatsApp chat id. Per-service monthly counts outlive it
   * without identity; the audit log records that an erasure happened, not whose, and its earlier entries
   * stop naming the account and its records.
   */
  eraseAccount(channel: ChannelName, chatId: number | string, actor: Actor): { erased: boolean; cancelled: number } {
    const outcome = this.store.transaction((tx) => this.eraseAccountIn(tx, channel, chatId, actor));
    checkpoint(this.store.db);
    return outcome;
  }

  eraseAccountIn(tx: Repositories, channel: ChannelName, chatId: number | string, actor: Actor): { erased: boolean; cancelled: number } {
    const accountId = tx.accounts.findAccountId(channel, chatId);
    let cancelled = 0;
    if (accountId) {
      const own = tx.bookings.allFor(accountId);
      tx.staffOutbox.dropAbout(own.map((booking) => booking.number));
      cancelled = eraseBookingsIn(tx, own, channel, this.now());
      tx.waitlist.delete(tx.waitlist.allOf(accountId).map((entry) => entry.id));
      const linked = tx.patients.peopleOf(accountId).map((person) => person.patientId);
      const consentIds = tx.accounts.consentHistory(accountId).map((consent) => consent.id);
      tx.accounts.delete(accountId);
      tx.patients.deleteOrphans(linked);
      const kept = new Set(tx.patients.existing(linked));
      tx.audit.forgetIds([accountId, ...consentIds, ...own.map((booking) => booking.id), ...linked.filter((patientId) => !kept.has(patientId))]);
    }
    tx.conversationStates.delete(chatKey(channel, chatId));
    tx.preferences.forget(channel, chatId);
    // The WhatsApp chat id is personal data too; the channel still holds it in memory for this reply.
    if (channel === "whatsapp") tx.whatsappChats.forget(Number(chatId));
    tx.audit.record({ actor: actor.kind, actorId: erasingActorId(actor), action: "data.erased" });
    return { erased: Boolean(accountId), cancelled };
  }

  /**
   * Removes one person from an account that booked for them: their bookings (staff told the upcoming
   * ones' times are free) and what the account entered about them; the audit log stops naming those
   * bookings, and the patient once nobody holds them. Returns how many were cancelled.
   */
  forgetPerson(accountId: string, patientId: string, actor: Actor): number {
    const cancelled = this.store.transaction((tx) => this.forgetPersonIn(tx, accountId, patientId, actor));
    checkpoint(this.store.db);
    return cancelled;
  }

  forgetPersonIn(tx: Repositories, accountId: string, patientId: string, actor: Actor): number {
    const channel = tx.accounts.find(accountId)!.channel;
    const theirs = tx.bookings.allFor(accountId).filter((booking) => booking.patientId === patientId);
    tx.staffOutbox.dropAbout(theirs.map((booking) => booking.number));
    const cancelled = eraseBookingsIn(tx, theirs, channel, this.now());
    tx.waitlist.delete(tx.waitlist.allOf(accountId).filter((entry) => entry.patientId === patientId).map((entry) => entry.id));
    tx.patients.unlink(accountId, [patientId]);
    tx.patients.deleteOrphans([patientId]);
    const gone = tx.patients.existing([patientId]).length === 0;
    tx.audit.forgetIds([...theirs.map((booking) => booking.id), ...(gone ? [patientId] : [])]);
    tx.audit.record({ actor: actor.kind, actorId: erasingActorId(actor), action: "data.erased" });
    return cancelled;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

/**
 * Deletes bookings of an erasure or a withdrawal; the anonymous monthly counts already hold them since
 * they were made, and stay as they are. For each one still ahead staff are told the time is free (the
 * booking is gone, so that is its cancellation). Undelivered notices about the bookings hold the
 * person's details: the caller drops them first, or they would take these new notices with them.
 * Returns how many upcoming bookings were cancelled.
 */
export function eraseBookingsIn(tx: Repositories, erased: readonly BookingRecord[], channel: ChannelName, now: string): number {
  let cancelled = 0;
  for (const booking of erased) {
    if (!isOpen(booking.status) || booking.startsAt < now) continue;
    tx.staffOutbox.enqueue(freedTimeNotice(booking, channel, tx.bookings.staffMessageOf(booking.id)));
    cancelled += 1;
  }
  tx.patientOutbox.dropAbout(erased.map((booking) => booking.number));
  tx.bookings.delete(erased.map((booking) => booking.id));
  return cancelled;
}

/** An erasure names the admin who did it, but never the patient's own (now erased) account id. */
function erasingActorId(actor: Actor): string | undefined {
  return actor.kind === "patient" ? undefined : actor.id;
}
