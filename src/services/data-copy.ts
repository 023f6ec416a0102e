import type { Repositories, Store } from "../store";
import type { AccountFacts, ConsentRecord } from "../store/accounts";
import type { Actor } from "../store/audit";
import type { BookingRecord } from "../store/bookings";
import type { LinkedPerson } from "../store/patients";
import type { WaitlistEntry } from "../store/waitlist";

/** Everything held about an account and the people it booked for (policy §8, right to information). */
export interface PersonalDataCopy {
  account: AccountFacts;
  people: LinkedPerson[];
  consents: (ConsentRecord & { withdrawnAt: string | null })[];
  bookings: BookingRecord[];
  /** Waiting-list entries, whatever their state, with the name of the person each waits for. */
  waitingList: (Omit<WaitlistEntry, "accountId"> & { patientName: string })[];
}

/** The right to information (/mydata): a copy of everything, and a person's full IIN on request; both audited. */
export class DataCopyService {
  constructor(private readonly store: Store) {}

  copyFor(accountId: string, actor: Actor): PersonalDataCopy | undefined {
    return this.store.transaction((tx) => this.copyIn(tx, accountId, actor));
  }

  copyIn(tx: Repositories, accountId: string, actor: Actor): PersonalDataCopy | undefined {
    const account = tx.accounts.find(accountId);
    if (!account) return undefined;
    tx.audit.record({ actor: actor.kind, actorId: actor.id, action: "data.exported", recordType: "account", recordId: accountId });
    return {
      account,
      people: tx.patients.peopleOf(accountId),
      consents: tx.accounts.consentHistory(accountId),
      bookings: tx.bookings.allFor(accountId),
      waitingList: tx.waitlist.allOf(accountId).map(({ accountId: _account, ...entry }) => ({ ...entry, patientName: tx.patients.personFor(accountId, entry.patientId).fullName })),
    };
  }

  /** The full IIN of a person the account booked for; undefined for anyone else (forged ids). */
  revealIin(accountId: string, patientId: string, actor: Actor): string | undefined {
    return this.store.transaction((tx) => {
      if (!tx.patients.isLinked(accountId, patientId)) return undefined;
      tx.audit.record({ actor: actor.kind, actorId: actor.id, action: "data.viewed", recordType: "patient", recordId: patientId });
      return tx.patients.personFor(accountId, patientId).iin;
    });
  }
}
