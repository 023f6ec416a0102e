import type { Clock } from "../clock";
import { chatKey } from "../domain/channel";
import { ADULT_AGE, ageOn, parseIin } from "../domain/iin";
import { localDateOf } from "../domain/slots";
import type { Repositories, Store } from "../store";
import type { ConsentRecord } from "../store/accounts";
import type { Actor } from "../store/audit";
import type { BookingRecord } from "../store/bookings";
import { checkpoint } from "../store/database";
import type { LinkedPerson } from "../store/patients";
import type { WaitlistEntry } from "../store/waitlist";
import type { BlockingService } from "./blocking";
import type { CorrectableField, CorrectionService } from "./correction";
import type { ErasureService } from "./erasure";

/** What one account holds about the person: what it entered, their bookings, and its consents if it is theirs. */
export interface HeldByAccount extends Omit<LinkedPerson, "patientId" | "iin" | "maskedIin"> {
  accountId: string;
  bookings: BookingRecord[];
  /** The person's waiting-list entries in this account. */
  waitingList: WaitlistEntry[];
  /** Only where the account books the person as "myself": the consents are then the person's own. */
  consents: (ConsentRecord & { withdrawnAt: string | null })[];
}

/** Everything held about one person, found by IIN, and nothing about anyone else. */
export interface PersonCopy {
  patientId: string;
  iin: string;
  heldBy: HeldByAccount[];
}

export interface PersonErasure {
  /** Accounts that held the person. */
  accounts: number;
  /** Of those, the person's own accounts that held nobody else, erased whole as /delete would. */
  erasedWhole: number;
  cancelled: number;
}

export type PaperOutcome<T> = { ok: true; value: T } | { ok: false; reason: "not_found" | "no_own_account" };

/**
 * Requests that reach the fund outside the chat (a letter, a visit): the person is found by IIN through
 * the blind index, and each action has the same effects as the chat command, audited as an admin's.
 * Each request is one transaction, however many accounts it touches.
 *
 * A typed IIN is a claim, not a proof: anyone can type someone else's. So a request for an IIN acts
 * only on what is held about that person (the patient record, what each account entered about them,
 * their bookings, the consents of accounts that book them as "myself"), never on the other people an
 * account books for, and never on an account whole while it still holds someone else.
 */
export class PaperRequestService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly correction: CorrectionService,
    private readonly blocking: BlockingService,
    private readonly erasure: ErasureService,
  ) {}

  copy(iin: string, actor: Actor): PaperOutcome<PersonCopy> {
    return this.store.transaction((tx): PaperOutcome<PersonCopy> => {
      const patientId = tx.patients.findIdByIin(iin);
      if (!patientId) return { ok: false, reason: "not_found" };
      const heldBy = tx.patients.linksOf(patientId).map(({ accountId }): HeldByAccount => {
        const { patientId: _patientId, iin: _iin, maskedIin: _maskedIin, ...entered } = tx.patients.linkedPersonFor(accountId, patientId)!;
        return {
          accountId,
          ...entered,
          bookings: tx.bookings.allFor(accountId).filter((booking) => booking.patientId === patientId),
          waitingList: tx.waitlist.allOf(accountId).filter((entry) => entry.patientId === patientId),
          consents: entered.relation === "self" ? tx.accounts.consentHistory(accountId) : [],
        };
      });
      tx.audit.record({ actor: actor.kind, actorId: actor.id, action: "data.exported", recordType: "patient", recordId: patientId });
      return { ok: true, value: { patientId, iin, heldBy } };
    });
  }

  /** Corrects the person's details in every account that booked for them; staff hear of upcoming bookings. */
  correct(iin: string, field: CorrectableField, value: string, actor: Actor): PaperOutcome<{ accounts: number; skipped: number; upcomingChanged: number }> {
    return this.store.transaction((tx): PaperOutcome<{ accounts: number; skipped: number; upcomingChanged: number }> => {
      const patientId = tx.patients.findIdByIin(iin);
      if (!patientId) return { ok: false, reason: "not_found" };
      let upcomingChanged = 0;
      let corrected = 0;
      const links = tx.patients.linksOf(patientId);
      for (const link of links) {
        // The chat's rule: a person who books for themself is an adult; a minor is booked by a parent.
        if (field === "iin" && link.relation === "self" && this.isMinor(value)) continue;
        const outcome = this.correction.correctIn(tx, link.accountId, patientId, field, value, actor);
        if (!outcome.ok) continue;
        corrected += 1;
        upcomingChanged += outcome.upcomingChanged;
      }
      return { ok: true, value: { accounts: corrected, skipped: links.length - corrected, upcomingChanged } };
    });
  }

  /**
   * Blocks (or unblocks) the accounts the person uses themself and that hold nobody else: a block
   * restricts an account whole, so an account that also books others is counted in `shared` and left alone.
   */
  setBlocked(iin: string, blocked: boolean, actor: Actor): PaperOutcome<{ accounts: number; shared: number }> {
    return this.store.transaction((tx): PaperOutcome<{ accounts: number; shared: number }> => {
      const patientId = tx.patients.findIdByIin(iin);
      if (!patientId) return { ok: false, reason: "not_found" };
      const own = ownAccountsOf(tx, patientId);
      if (own.length === 0) return { ok: false, reason: "no_own_account" };
      const alone = own.filter((accountId) => holdsOnly(tx, accountId, patientId));
      for (const accountId of alone) this.blocking.setBlockedIn(tx, accountId, blocked, "admin", actor);
      return { ok: true, value: { accounts: alone.length, shared: own.length - alone.length } };
    });
  }

  /**
   * Erases the person from every account that holds them: their bookings (staff told the upcoming ones'
   * times are free), their waiting-list entries and what the account entered. The person's own account ("myself") left with nobody
   * else is erased whole, as /delete would. Any other account is kept: one that still books others
   * keeps them and its consents (their lawful basis), one where someone else booked for the person
   * keeps that someone's own chat and consents. It loses only a dialogue in progress, which may hold
   * what was typed about the person.
   */
  erase(iin: string, actor: Actor): PaperOutcome<PersonErasure> {
    const outcome = this.store.transaction((tx): PaperOutcome<PersonErasure> => {
      const patientId = tx.patients.findIdByIin(iin);
      if (!patientId) return { ok: false, reason: "not_found" };
      const links = tx.patients.linksOf(patientId);
      let cancelled = 0;
      let erasedWhole = 0;
      for (const { accountId, relation } of links) {
        const channel = tx.accounts.find(accountId)!.channel;
        const chatId = tx.accounts.chatIdOf(accountId)!;
        if (relation === "self" && holdsOnly(tx, accountId, patientId)) {
          cancelled += this.erasure.eraseAccountIn(tx, channel, chatId, actor).cancelled;
          erasedWhole += 1;
        } else {
          cancelled += this.erasure.forgetPersonIn(tx, accountId, patientId, actor);
          tx.conversationStates.delete(chatKey(channel, chatId));
        }
      }
      return { ok: true, value: { accounts: links.length, erasedWhole, cancelled } };
    });
    if (outcome.ok) checkpoint(this.store.db);
    return outcome;
  }

  private isMinor(iin: string): boolean {
    const today = localDateOf(this.clock.now(), this.timeZone);
    const parsed = parseIin(iin, today);
    return parsed.ok && ageOn(parsed.birthDate, today) < ADULT_AGE;
  }
}

/** Accounts whose own person (relation "self") the patient is claimed to be. */
function ownAccountsOf(tx: Repositories, patientId: string): string[] {
  return tx.patients
    .linksOf(patientId)
    .filter((link) => link.relation === "self")
    .map((link) => link.accountId);
}

/** The account books for this patient and nobody else, so acting on it whole touches no one else. */
function holdsOnly(tx: Repositories, accountId: string, patientId: string): boolean {
  return tx.patients.linksOfAccount(accountId).every((linked) => linked === patientId);
}
