import type { Clock } from "../clock";
import { ADULT_AGE, ageOn, parseIin } from "../domain/iin";
import { localDateOf } from "../domain/slots";
import type { AccountRepository } from "./accounts";
import type { BookingRecord, BookingRepository } from "./bookings";
import type { Actor, CorrectableField, PersonalDataCopy, PersonalDataRepository } from "./personal-data";
import type { Db } from "./database";
import type { AuditLog } from "./audit";
import { and, eq } from "drizzle-orm";
import { accounts, patientLinks } from "./schema";

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
 */
export class PaperRequests {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountRepository,
    private readonly bookings: BookingRepository,
    private readonly personalData: PersonalDataRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  copy(iin: string, actor: Actor): PaperOutcome<PersonCopy> {
    const patientId = this.bookings.findPatientIdByIin(iin);
    if (!patientId) return { ok: false, reason: "not_found" };
    const ownAccounts = this.personalData
      .accountsOfPerson(iin)
      .flatMap((accountId) => this.personalData.copyFor(accountId, actor) ?? []);
    const own = new Set(ownAccounts.map((copy) => copy.account.id));
    const enteredByOthers = this.linksOf(patientId)
      .filter((link) => !own.has(link.accountId))
      .map((link) => {
        const person = this.bookings.personFor(link.accountId, patientId);
        return {
          accountId: link.accountId,
          relation: link.relation,
          fullName: person.fullName,
          phone: person.phone,
          bookings: this.bookings.allFor(link.accountId).filter((booking) => booking.patientId === patientId),
        };
      });
    this.audit.record({ actor: actor.kind, actorId: actor.id, action: "data.exported", recordType: "patient", recordId: patientId });
    return { ok: true, value: { patientId, ownAccounts, enteredByOthers } };
  }

  /** Corrects the person's details in every account that booked for them; staff hear of upcoming bookings. */
  correct(
    iin: string,
    field: CorrectableField,
    value: string,
    actor: Actor,
  ): PaperOutcome<{ accounts: number; skipped: number; upcomingChanged: number }> {
    const patientId = this.bookings.findPatientIdByIin(iin);
    if (!patientId) return { ok: false, reason: "not_found" };
    let upcomingChanged = 0;
    let corrected = 0;
    const links = this.linksOf(patientId);
    for (const link of links) {
      // The chat's rule: a person who books for themself is an adult; a minor is booked by a parent.
      if (field === "iin" && link.relation === "self" && this.isMinor(value)) continue;
      const outcome = this.personalData.correct(link.accountId, patientId, field, value, actor);
      if (!outcome.ok) continue;
      corrected += 1;
      upcomingChanged += outcome.upcomingChanged;
    }
    return { ok: true, value: { accounts: corrected, skipped: links.length - corrected, upcomingChanged } };
  }

  /** Blocks (or unblocks) the accounts the person uses themself. */
  setBlocked(iin: string, blocked: boolean, actor: Actor): PaperOutcome<{ accounts: number }> {
    if (!this.bookings.findPatientIdByIin(iin)) return { ok: false, reason: "not_found" };
    const own = this.personalData.accountsOfPerson(iin);
    if (own.length === 0) return { ok: false, reason: "no_own_account" };
    for (const accountId of own) this.personalData.setBlocked(accountId, blocked, "admin", actor);
    return { ok: true, value: { accounts: own.length } };
  }

  /**
   * Erases the person: their own accounts entirely (as /delete does), and in other accounts every
   * booking for them (upcoming ones cancelled first, staff told) and what those accounts entered.
   */
  erase(iin: string, actor: Actor): PaperOutcome<{ accounts: number; cancelled: number }> {
    const patientId = this.bookings.findPatientIdByIin(iin);
    if (!patientId) return { ok: false, reason: "not_found" };
    let cancelled = 0;
    const own = this.personalData.accountsOfPerson(iin);
    for (const accountId of own) {
      const account = this.db.select({ channel: accounts.channel }).from(accounts).where(eq(accounts.id, accountId)).get();
      const chatId = this.accounts.chatIdOf(accountId);
      if (account && chatId !== undefined) cancelled += this.personalData.erase(account.channel, chatId, actor).cancelled;
    }
    for (const link of this.linksOf(patientId)) cancelled += this.personalData.forgetPerson(link.accountId, patientId, actor);
    return { ok: true, value: { accounts: own.length, cancelled } };
  }

  private isMinor(iin: string): boolean {
    const today = localDateOf(this.clock.now(), this.timeZone);
    const parsed = parseIin(iin, today);
    return parsed.ok && ageOn(parsed.birthDate, today) < ADULT_AGE;
  }

  private linksOf(patientId: string) {
    return this.db
      .select({ accountId: patientLinks.accountId, relation: patientLinks.relation })
      .from(patientLinks)
      .where(and(eq(patientLinks.patientId, patientId)))
      .all();
  }
}
