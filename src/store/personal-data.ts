import { and, eq, inArray, isNull, notExists, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import { maskIin } from "../domain/iin";
import type { AccountRepository, ConsentRecord } from "./accounts";
import type { AuditActor, AuditLog } from "./audit";
import { linkFieldRef, type BookingRecord, type BookingRepository } from "./bookings";
import { chatKey, type ChannelName } from "../domain/channel";
import type { ConversationStateRepository } from "./conversation-storage";
import type { FieldCipher } from "./crypto";
import { checkpoint, type Db } from "./database";
import type { PreferenceRepository } from "./preferences";
import type { WhatsappChatRepository } from "./whatsapp-chats";
import { accounts, bookings, consents, erasedBookingCounts, patientLinks, patients } from "./schema";

/** Everything held about an account and the people it booked for (policy §8, right to information). */
export interface PersonalDataCopy {
  account: { id: string; channel: ChannelName; createdAt: string; blockedAt: string | null; blockedBy: string | null };
  people: {
    patientId: string;
    relation: "self" | "other";
    representativeConfirmed: boolean;
    fullName: string;
    iin: string;
    maskedIin: string;
    phone: string;
    phoneConfirmed: boolean;
  }[];
  consents: (ConsentRecord & { withdrawnAt: string | null })[];
  bookings: BookingRecord[];
}

export type CorrectableField = "fullName" | "phone" | "iin";

/** What comes with a corrected value besides the value itself. */
export interface CorrectionDetails {
  /** The phone was shared from the sender's own Telegram contact. */
  phoneConfirmed?: boolean;
  /** For a corrected IIN of a minor: the booker confirmed being the parent or legal representative (Law 94-V Art. 8). */
  representativeConfirmed?: boolean;
}

/**
 * `iin_in_use`: the corrected IIN is that of another person the same account booked for; merging the two
 * would silently change that person's bookings, so the caller corrects that person instead.
 */
export type CorrectionOutcome = { ok: true; upcomingChanged: number } | { ok: false; reason: "not_found" | "blocked" | "iin_in_use" };

export interface Actor {
  kind: AuditActor;
  id?: string;
}

/**
 * The data subject's rights over what the bot holds: a copy, corrections, blocking, erasure and the
 * withdrawal of consent. Each action is audited by ids only, and each is safe to repeat.
 */
export class PersonalDataRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly accounts: AccountRepository,
    private readonly bookings: BookingRepository,
    private readonly preferences: PreferenceRepository,
    private readonly conversationStates: ConversationStateRepository<unknown>,
    private readonly audit: AuditLog,
    private readonly whatsappChats: WhatsappChatRepository,
  ) {}

  copyFor(accountId: string, actor: Actor): PersonalDataCopy | undefined {
    const account = this.db.select().from(accounts).where(eq(accounts.id, accountId)).get();
    if (!account) return undefined;
    this.audit.record({ actor: actor.kind, actorId: actor.id, action: "data.exported", recordType: "account", recordId: accountId });
    return {
      account: { id: account.id, channel: account.channel, createdAt: account.createdAt, blockedAt: account.blockedAt, blockedBy: account.blockedBy },
      people: this.peopleOf(accountId),
      consents: this.accounts.consentHistory(accountId),
      bookings: this.bookings.allFor(accountId),
    };
  }

  /** The full IIN of a person the account booked for; undefined for anyone else (forged ids). */
  revealIin(accountId: string, patientId: string, actor: Actor): string | undefined {
    if (!this.isLinked(accountId, patientId)) return undefined;
    this.audit.record({ actor: actor.kind, actorId: actor.id, action: "data.viewed", recordType: "patient", recordId: patientId });
    return this.bookings.personFor(accountId, patientId).iin;
  }

  /**
   * Corrects what the account entered about a person it booked for. All of that person's bookings by the
   * account follow (they read the link), and the staff group is told about each upcoming one. The same
   * value again changes nothing and tells nobody, so a repeated request is harmless.
   */
  correct(accountId: string, patientId: string, field: CorrectableField, value: string, actor: Actor, details: CorrectionDetails = {}): CorrectionOutcome {
    return this.db.transaction(
      (): CorrectionOutcome => {
        if (!this.isLinked(accountId, patientId)) return { ok: false, reason: "not_found" };
        if (this.accounts.blockOf(accountId)) return { ok: false, reason: "blocked" };
        if (this.bookings.personFor(accountId, patientId)[field] === value) return { ok: true, upcomingChanged: 0 };
        let targetPatientId = patientId;
        if (field === "iin") {
          const existing = this.bookings.findPatientIdByIin(value);
          if (existing && this.isLinked(accountId, existing)) return { ok: false, reason: "iin_in_use" };
          targetPatientId = existing ?? this.bookings.createPatient(value);
        }
        // Read before the link changes: a booking's view reads the person through the link.
        const theirs = this.bookings.allFor(accountId).filter((booking) => booking.patientId === patientId);
        if (field === "iin") {
          this.moveLink(accountId, patientId, targetPatientId, details);
          for (const booking of theirs) this.bookings.repointPatient(booking.id, targetPatientId);
          this.deleteOrphanPatients([patientId]);
        } else {
          this.updateLinkField(accountId, patientId, field, value, details);
        }
        const now = this.now();
        const upcoming = theirs.filter((booking) => booking.status === "active" && booking.startsAt >= now);
        const channel = this.channelOf(accountId);
        for (const booking of upcoming) this.bookings.announceChange(accountId, { ...booking, patientId: targetPatientId }, channel);
        this.audit.record({ actor: actor.kind, actorId: actor.id, action: "data.corrected", recordType: "patient", recordId: targetPatientId });
        return { ok: true, upcomingChanged: upcoming.length };
      },
      { behavior: "immediate" },
    );
  }

  /**
   * Restricts processing, or lifts the restriction. A block in place is never overwritten (its time and
   * author stay), and each is lifted only by whoever may: the person lifts their own block, an admin the
   * person's or an admin's, and the block a withdrawal put on the records the law keeps only a new consent
   * lifts (accounts.recordConsent). Returns whether anything changed; only a change is audited.
   */
  setBlocked(accountId: string, blocked: boolean, by: "patient" | "admin", actor: Actor): boolean {
    const liftable: ("patient" | "admin")[] = by === "patient" ? ["patient"] : ["patient", "admin"];
    const { changes } = this.db
      .update(accounts)
      .set(blocked ? { blockedAt: this.now(), blockedBy: by } : { blockedAt: null, blockedBy: null })
      .where(and(eq(accounts.id, accountId), blocked ? isNull(accounts.blockedAt) : inArray(accounts.blockedBy, liftable)))
      .run();
    if (changes === 0) return false;
    this.audit.record({
      actor: actor.kind,
      actorId: actor.id,
      action: blocked ? "processing.blocked" : "processing.unblocked",
      recordType: "account",
      recordId: accountId,
    });
    return true;
  }

  /**
   * Erases everything about the account: upcoming bookings are cancelled first (staff told), then
   * every booking, consent, link, the patients nobody else booked for, the draft and the chat's
   * language. Per-service monthly counts outlive it without identity; the audit log records that an
   * erasure happened, not whose, and its earlier entries stop naming the account and its records.
   */
  erase(channel: ChannelName, chatId: number | string, actor: Actor): { erased: boolean; cancelled: number } {
    const accountId = this.accounts.findAccountId(channel, chatId);
    let cancelled = 0;
    if (accountId) {
      const activeBefore = this.activeBookingIds(accountId);
      this.bookings.dropPendingNoticesOf(accountId);
      cancelled = this.cancelUpcoming(accountId, channel);
      this.db.transaction(
        () => {
          const own = this.bookings.allFor(accountId);
          this.countErasedBookings(own, activeBefore);
          this.deleteBookings(own.map((booking) => booking.id));
          const linked = this.peopleOf(accountId).map((person) => person.patientId);
          const consentIds = this.accounts.consentHistory(accountId).map((consent) => consent.id);
          this.db.delete(accounts).where(eq(accounts.id, accountId)).run();
          this.deleteOrphanPatients(linked);
          const erasedPatients = linked.filter((patientId) => !this.db.select({ id: patients.id }).from(patients).where(eq(patients.id, patientId)).get());
          this.audit.forgetIds([accountId, ...consentIds, ...own.map((booking) => booking.id), ...erasedPatients]);
        },
        { behavior: "immediate" },
      );
    }
    this.conversationStates.delete(chatKey(channel, chatId));
    this.preferences.forget(channel, chatId);
    // The WhatsApp chat id is personal data too; the channel still holds it in memory for this reply.
    if (channel === "whatsapp") this.whatsappChats.forget(Number(chatId));
    this.audit.record({ actor: actor.kind, actorId: erasingActorId(actor), action: "data.erased" });
    checkpoint(this.db);
    return { erased: Boolean(accountId), cancelled };
  }

  /**
   * Withdrawal of consent (policy §8): processing stops at once. Upcoming bookings are cancelled (staff
   * told) and everything is erased except what the law obliges the fund to keep: the consent records
   * that prove the processing was lawful, and the visits that took place with the people they were
   * for. Those are blocked until the person consents again.
   */
  withdraw(accountId: string, actor: Actor): { cancelled: number } {
    const channel = this.channelOf(accountId);
    const activeBefore = this.activeBookingIds(accountId);
    this.bookings.dropPendingNoticesOf(accountId);
    const cancelled = this.cancelUpcoming(accountId, channel);
    this.db.transaction(
      () => {
        const now = this.now();
        this.db
          .update(consents)
          .set({ withdrawnAt: now })
          .where(and(eq(consents.accountId, accountId), isNull(consents.withdrawnAt)))
          .run();
        const all = this.bookings.allFor(accountId);
        const kept = all.filter((booking) => booking.status === "active" && booking.startsAt <= now);
        const dropped = all.filter((booking) => !kept.includes(booking));
        this.countErasedBookings(dropped, activeBefore);
        this.deleteBookings(dropped.map((booking) => booking.id));
        const keptPatients = new Set(kept.map((booking) => booking.patientId));
        const unlinked = this.peopleOf(accountId)
          .map((person) => person.patientId)
          .filter((patientId) => !keptPatients.has(patientId));
        if (unlinked.length > 0) {
          this.db
            .delete(patientLinks)
            .where(and(eq(patientLinks.accountId, accountId), inArray(patientLinks.patientId, unlinked)))
            .run();
        }
        this.deleteOrphanPatients(unlinked);
        // A block the person or the fund already set stays as it is: a new consent must not lift it.
        this.db
          .update(accounts)
          .set({ blockedAt: now, blockedBy: "withdrawal" })
          .where(and(eq(accounts.id, accountId), isNull(accounts.blockedAt)))
          .run();
        this.audit.record({ actor: actor.kind, actorId: actor.id, action: "consent.withdrawn", recordType: "account", recordId: accountId });
      },
      { behavior: "immediate" },
    );
    const chatId = this.accounts.chatIdOf(accountId);
    if (chatId !== undefined) this.conversationStates.delete(chatKey(channel, chatId));
    checkpoint(this.db);
    return { cancelled };
  }

  /**
   * Removes one person from an account that booked for them: upcoming bookings cancelled (staff told),
   * then their bookings and what the account entered about them. Returns how many were cancelled.
   */
  forgetPerson(accountId: string, patientId: string, actor: Actor): number {
    const channel = this.channelOf(accountId);
    const activeBefore = this.activeBookingIds(accountId);
    this.bookings.dropPendingNoticesOf(accountId, patientId);
    let cancelled = 0;
    for (const booking of this.bookings.allFor(accountId)) {
      if (booking.patientId !== patientId || booking.status !== "active" || booking.startsAt <= this.now()) continue;
      if (this.bookings.cancel(accountId, booking.id, channel, { erasure: true }).ok) cancelled += 1;
    }
    this.db.transaction(
      () => {
        const theirs = this.bookings.allFor(accountId).filter((booking) => booking.patientId === patientId);
        this.countErasedBookings(theirs, activeBefore);
        this.deleteBookings(theirs.map((booking) => booking.id));
        this.db
          .delete(patientLinks)
          .where(and(eq(patientLinks.accountId, accountId), eq(patientLinks.patientId, patientId)))
          .run();
        this.deleteOrphanPatients([patientId]);
      },
      { behavior: "immediate" },
    );
    this.audit.record({ actor: actor.kind, actorId: erasingActorId(actor), action: "data.erased" });
    checkpoint(this.db);
    return cancelled;
  }

  /** Accounts whose own person (relation "self") has this IIN: how a paper request finds its subject. */
  accountsOfPerson(iin: string): string[] {
    const patientId = this.bookings.findPatientIdByIin(iin);
    if (!patientId) return [];
    return this.db
      .select({ accountId: patientLinks.accountId })
      .from(patientLinks)
      .where(and(eq(patientLinks.patientId, patientId), eq(patientLinks.relation, "self")))
      .all()
      .map((row) => row.accountId);
  }

  /** The people the account booked for, oldest first, as it entered them: for the account's own dialogues (not an export). */
  peopleOf(accountId: string): PersonalDataCopy["people"] {
    return this.db
      .select()
      .from(patientLinks)
      .where(eq(patientLinks.accountId, accountId))
      .orderBy(patientLinks.createdAt)
      .all()
      .map((link) => {
        const person = this.bookings.personFor(accountId, link.patientId);
        return {
          patientId: link.patientId,
          relation: link.relation,
          representativeConfirmed: link.representativeConfirmed,
          fullName: person.fullName,
          iin: person.iin,
          maskedIin: maskIin(person.iin),
          phone: person.phone,
          phoneConfirmed: link.phoneConfirmed,
        };
      });
  }

  private isLinked(accountId: string, patientId: string): boolean {
    return Boolean(
      this.db
        .select({ one: sql`1` })
        .from(patientLinks)
        .where(and(eq(patientLinks.accountId, accountId), eq(patientLinks.patientId, patientId)))
        .get(),
    );
  }

  private updateLinkField(accountId: string, patientId: string, field: "fullName" | "phone", value: string, details: CorrectionDetails): void {
    const column = field === "fullName" ? "full_name_ct" : "phone_ct";
    const encrypted = this.cipher.encrypt(linkFieldRef(accountId, patientId, column), value);
    const updatedAt = this.now();
    this.db
      .update(patientLinks)
      .set(field === "fullName" ? { fullNameCt: encrypted, updatedAt } : { phoneCt: encrypted, phoneConfirmed: details.phoneConfirmed === true, updatedAt })
      .where(and(eq(patientLinks.accountId, accountId), eq(patientLinks.patientId, patientId)))
      .run();
  }

  /**
   * A corrected IIN is another person's identity: the link moves to that patient (who may be known from
   * another account, whose own link is left alone), with what this account entered about them.
   */
  private moveLink(accountId: string, patientId: string, targetId: string, details: CorrectionDetails): void {
    const person = this.bookings.personFor(accountId, patientId);
    const link = this.db
      .select()
      .from(patientLinks)
      .where(and(eq(patientLinks.accountId, accountId), eq(patientLinks.patientId, patientId)))
      .get()!;
    this.db
      .delete(patientLinks)
      .where(and(eq(patientLinks.accountId, accountId), eq(patientLinks.patientId, patientId)))
      .run();
    this.db
      .insert(patientLinks)
      .values({
        ...link,
        patientId: targetId,
        representativeConfirmed: details.representativeConfirmed ?? link.representativeConfirmed,
        fullNameCt: this.cipher.encrypt(linkFieldRef(accountId, targetId, "full_name_ct"), person.fullName),
        phoneCt: this.cipher.encrypt(linkFieldRef(accountId, targetId, "phone_ct"), person.phone),
        updatedAt: this.now(),
      })
      .run();
  }

  private cancelUpcoming(accountId: string, channel: ChannelName): number {
    let cancelled = 0;
    for (const booking of this.bookings.upcomingFor(accountId)) {
      if (this.bookings.cancel(accountId, booking.id, channel, { erasure: true }).ok) cancelled += 1;
    }
    return cancelled;
  }

  private activeBookingIds(accountId: string): Set<string> {
    return new Set(this.bookings.allFor(accountId).filter((booking) => booking.status === "active").map((booking) => booking.id));
  }

  /**
   * Adds erased bookings to the anonymous per-service monthly counts. A booking counts if it was active
   * before the erasure began (the erasure's own cancellations do not make it "not a booking").
   */
  private countErasedBookings(erased: BookingRecord[], activeBefore: Set<string>): void {
    for (const booking of erased.filter((candidate) => activeBefore.has(candidate.id))) {
      const month = booking.startsAt.slice(0, 7);
      this.db
        .insert(erasedBookingCounts)
        .values({ serviceId: booking.serviceId, month, bookings: 1 })
        .onConflictDoUpdate({
          target: [erasedBookingCounts.serviceId, erasedBookingCounts.month],
          set: { bookings: sql`${erasedBookingCounts.bookings} + 1` },
        })
        .run();
    }
  }

  private deleteBookings(ids: string[]): void {
    for (let index = 0; index < ids.length; index += 500) {
      this.db.delete(bookings).where(inArray(bookings.id, ids.slice(index, index + 500))).run();
    }
  }

  /** Patients nobody is linked to any more hold only an IIN that no one may still need. */
  private deleteOrphanPatients(patientIds: string[]): void {
    if (patientIds.length === 0) return;
    this.db
      .delete(patients)
      .where(
        and(
          inArray(patients.id, patientIds),
          notExists(this.db.select({ one: sql`1` }).from(patientLinks).where(eq(patientLinks.patientId, patients.id))),
        ),
      )
      .run();
  }

  private channelOf(accountId: string): ChannelName {
    return this.db.select({ channel: accounts.channel }).from(accounts).where(eq(accounts.id, accountId)).get()!.channel;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

/** An erasure names the admin who did it, but never the patient's own (now erased) account id. */
function erasingActorId(actor: Actor): string | undefined {
  return actor.kind === "patient" ? undefined : actor.id;
}
