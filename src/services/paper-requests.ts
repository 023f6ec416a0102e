import type { Clock } from "../clock";
import { ADULT_AGE, ageOn, parseIin } from "../domain/iin";
import { localDateOf } from "../domain/slots";
import type { Repositories, Store } from "../store";
import type { Actor } from "../store/audit";
import type { BookingRecord } from "../store/bookings";
import { checkpoint } from "../store/database";
import type { BlockingService } from "./blocking";
import type { CorrectableField, CorrectionService } from "./correction";
import type { DataCopyService, PersonalDataCopy } from "./data-copy";
import type { ErasureService } from "./erasure";

/** Everything held about one person, found by IIN: their own accounts, and what others entered about them. */
export interface PersonCopy {
  patientId: string;
  ownAccounts: PersonalDataCopy[];
  enteredByOthers: { accountId: string; relation: "self" | "other"; fullName: string; phone: string; bookings: BookingRecord[] }[];
}

export type PaperOutcome<T> = { ok: true; value: T } | { ok: false; reason: "not_found" | "no_own_account" };

/**
 * Requests that reach the fund outside the chat (a letter, a visit): the person is found by IIN through
 * the blind index, and each action has the same effects as the chat command, audited as an admin's.
 * Each request is one transaction, however many accounts it touches.
 */
export class PaperRequestService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly dataCopy: DataCopyService,
    private readonly correction: CorrectionService,
    private readonly blocking: BlockingService,
    private readonly erasure: ErasureService,
  ) {}

  copy(iin: string, actor: Actor): PaperOutcome<PersonCopy> {
    return this.store.transaction((tx): PaperOutcome<PersonCopy> => {
      const patientId = tx.patients.findIdByIin(iin);
      if (!patientId) return { ok: false, reason: "not_found" };
      const ownAccounts = ownAccountsOf(tx, patientId).flatMap((accountId) => this.dataCopy.copyIn(tx, accountId, actor) ?? []);
      const own = new Set(ownAccounts.map((copy) => copy.account.id));
      const enteredByOthers = tx.patients
        .linksOf(patientId)
        .filter((link) => !own.has(link.accountId))
        .map((link) => {
          const person = tx.patients.personFor(link.accountId, patientId);
          return {
            accountId: link.accountId,
            relation: link.relation,
            fullName: person.fullName,
            phone: person.phone,
            bookings: tx.bookings.allFor(link.accountId).filter((booking) => booking.patientId === patientId),
          };
        });
      tx.audit.record({ actor: actor.kind, actorId: actor.id, action: "data.exported", recordType: "patient", recordId: patientId });
      return { ok: true, value: { patientId, ownAccounts, enteredByOthers } };
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

  /** Blocks (or unblocks) the accounts the person uses themself. */
  setBlocked(iin: string, blocked: boolean, actor: Actor): PaperOutcome<{ accounts: number }> {
    return this.store.transaction((tx): PaperOutcome<{ accounts: number }> => {
      const patientId = tx.patients.findIdByIin(iin);
      if (!patientId) return { ok: false, reason: "not_found" };
      const own = ownAccountsOf(tx, patientId);
      if (own.length === 0) return { ok: false, reason: "no_own_account" };
      for (const accountId of own) this.blocking.setBlockedIn(tx, accountId, blocked, "admin", actor);
      return { ok: true, value: { accounts: own.length } };
    });
  }

  /**
   * Erases the person: their own accounts entirely (as /delete does), and in other accounts every
   * booking for them (staff told the upcoming ones' times are free) and what those accounts entered.
   */
  erase(iin: string, actor: Actor): PaperOutcome<{ accounts: number; cancelled: number }> {
    const outcome = this.store.transaction((tx): PaperOutcome<{ accounts: number; cancelled: number }> => {
      const patientId = tx.patients.findIdByIin(iin);
      if (!patientId) return { ok: false, reason: "not_found" };
      let cancelled = 0;
      const own = ownAccountsOf(tx, patientId);
      for (const accountId of own) {
        const account = tx.accounts.find(accountId);
        const chatId = tx.accounts.chatIdOf(accountId);
        if (account && chatId !== undefined) cancelled += this.erasure.eraseAccountIn(tx, account.channel, chatId, actor).cancelled;
      }
      for (const link of tx.patients.linksOf(patientId)) cancelled += this.erasure.forgetPersonIn(tx, link.accountId, patientId, actor);
      return { ok: true, value: { accounts: own.length, cancelled } };
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

/** Accounts whose own person (relation "self") the patient is: the subject of a paper request. */
function ownAccountsOf(tx: Repositories, patientId: string): string[] {
  return tx.patients
    .linksOf(patientId)
    .filter((link) => link.relation === "self")
    .map((link) => link.accountId);
}
