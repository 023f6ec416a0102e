import { and, eq, inArray, notExists, sql, type Placeholder } from "drizzle-orm";
import type { Clock, IdSource } from "../clock";
import { maskIin } from "../domain/iin";
import type { FieldCipher } from "./crypto";
import type { Executor } from "./database";
import { candidatePlaceholders, candidateValues, preparedOn } from "./prepared";
import { patientLinks, patients } from "./schema";

/** The person who comes to an appointment, as the booking account enters them. */
export interface PersonDetails {
  iin: string;
  fullName: string;
  phone: string;
  phoneConfirmed: boolean;
}

/** How an account knows a person: who they are to it, and what it entered about them. */
export interface LinkDetails {
  relation: "self" | "other";
  /** The booker confirmed being the parent or legal representative of a minor (Law 94-V Art. 8). */
  representativeConfirmed: boolean;
  person: PersonDetails;
}

/** A person an account booked for, as that account entered them. */
export interface LinkedPerson {
  patientId: string;
  relation: "self" | "other";
  representativeConfirmed: boolean;
  fullName: string;
  iin: string;
  maskedIin: string;
  phone: string;
  phoneConfirmed: boolean;
}

/**
 * The people bookings are for: their identity (`patients`, the IIN) and each account's link to them
 * (`patient_links`, the name and phone that account entered). An IIN is found through a truncated
 * blind index: with about 29 bits of entropy in an IIN, a full-width index could be brute-forced by
 * whoever gets its key, so 16 bits narrow a lookup to a few rows that are decrypted and compared
 * (facts.md), and uniqueness is kept by the writing transaction instead of a UNIQUE constraint.
 */
export class PatientRepository {
  constructor(
    private readonly db: Executor,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /**
   * What every confirmation runs to save its person, and every card, reminder and notice to read one:
   * built and compiled once per connection (issue 14).
   */
  private get prepared(): ReturnType<typeof prepareStatements> {
    return preparedOn(this.db, prepareStatements);
  }

  create(iin: string): string {
    const id = this.ids.newId();
    this.prepared.create.run({
      id,
      iinIndex: this.cipher.truncatedIndex("iin", iin),
      iinCt: this.cipher.encrypt(patientRef(id, "iin_ct"), iin),
      createdAt: this.now(),
    });
    return id;
  }

  /** The patient with this IIN, if any; only the rows sharing its truncated index are decrypted. */
  findIdByIin(iin: string): string | undefined {
    const indexes = this.cipher.truncatedIndexCandidates("iin", iin);
    const candidates = preparedOn(this.db, prepareFindByIin, indexes.length).all(candidateValues("iin", indexes));
    return candidates.find((row) => this.cipher.decrypt(patientRef(row.id, "iin_ct"), row.iinCt) === iin)?.id;
  }

  /** Which of these patients still exist. */
  existing(patientIds: readonly string[]): string[] {
    if (patientIds.length === 0) return [];
    return this.db
      .select({ id: patients.id })
      .from(patients)
      .where(inArray(patients.id, [...patientIds]))
      .all()
      .map((row) => row.id);
  }

  isLinked(accountId: string, patientId: string): boolean {
    return Boolean(this.prepared.isLinked.get({ accountId, patientId }));
  }

  /** The person as this account entered them, with the IIN. */
  personFor(accountId: string, patientId: string): { iin: string; fullName: string; phone: string } {
    const row = this.prepared.person.get({ accountId, patientId });
    if (!row) throw new Error(`patient ${patientId} is not linked to account ${accountId}: check isLinked first`);
    return {
      iin: this.cipher.decrypt(patientRef(patientId, "iin_ct"), row.iinCt),
      fullName: this.cipher.decrypt(linkFieldRef(accountId, patientId, "full_name_ct"), row.link.fullNameCt),
      phone: this.cipher.decrypt(linkFieldRef(accountId, patientId, "phone_ct"), row.link.phoneCt),
    };
  }

  /** The people the account booked for, oldest first, as it entered them. */
  peopleOf(accountId: string): LinkedPerson[] {
    return this.prepared.peopleOf
      .all({ accountId })
      .map((link) => this.linkedPerson(link));
  }

  /** One person as this account entered them, without decrypting anyone else the account booked for. */
  linkedPersonFor(accountId: string, patientId: string): LinkedPerson | undefined {
    const link = this.prepared.link.get({ accountId, patientId });
    return link && this.linkedPerson(link);
  }

  /** The person with this IIN as this account saved them; undefined when the account never booked for them. */
  linkedPersonByIin(accountId: string, iin: string): LinkedPerson | undefined {
    const patientId = this.findIdByIin(iin);
    return patientId === undefined ? undefined : this.linkedPersonFor(accountId, patientId);
  }

  private linkedPerson(link: typeof patientLinks.$inferSelect): LinkedPerson {
    const person = this.personFor(link.accountId, link.patientId);
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
  }

  /** Every account that booked for the patient, and who the patient is to it. */
  linksOf(patientId: string): { accountId: string; relation: "self" | "other" }[] {
    return this.prepared.linksOf.all({ patientId });
  }

  /** The ids of the people the account booked for, nothing decrypted. */
  linksOfAccount(accountId: string): string[] {
    return this.db
      .select({ patientId: patientLinks.patientId })
      .from(patientLinks)
      .where(eq(patientLinks.accountId, accountId))
      .all()
      .map((row) => row.patientId);
  }

  /** Links the person to the account, or updates what the account entered about them. */
  link(accountId: string, patientId: string, details: LinkDetails): void {
    const values = {
      relation: details.relation,
      representativeConfirmed: details.representativeConfirmed,
      fullNameCt: this.cipher.encrypt(linkFieldRef(accountId, patientId, "full_name_ct"), details.person.fullName),
      phoneCt: this.cipher.encrypt(linkFieldRef(accountId, patientId, "phone_ct"), details.person.phone),
      phoneConfirmed: details.person.phoneConfirmed,
      updatedAt: this.now(),
    };
    this.prepared.saveLink.run({ accountId, patientId, createdAt: this.now(), ...values });
  }

  updateName(accountId: string, patientId: string, fullName: string): void {
    this.db
      .update(patientLinks)
      .set({ fullNameCt: this.cipher.encrypt(linkFieldRef(accountId, patientId, "full_name_ct"), fullName), updatedAt: this.now() })
      .where(linkKey(accountId, patientId))
      .run();
  }

  /** A phone is confirmed when it was shared from the sender's own Telegram contact. */
  updatePhone(accountId: string, patientId: string, phone: string, phoneConfirmed: boolean): void {
    this.db
      .update(patientLinks)
      .set({ phoneCt: this.cipher.encrypt(linkFieldRef(accountId, patientId, "phone_ct"), phone), phoneConfirmed, updatedAt: this.now() })
      .where(linkKey(accountId, patientId))
      .run();
  }

  /**
   * Moves the account's link to another patient (a corrected IIN is another person's identity), with
   * what the account entered about them; that patient's links from other accounts are left alone.
   */
  moveLink(accountId: string, fromPatientId: string, toPatientId: string, representativeConfirmed?: boolean): void {
    const person = this.personFor(accountId, fromPatientId);
    const link = this.db.select().from(patientLinks).where(linkKey(accountId, fromPatientId)).get()!;
    this.db.delete(patientLinks).where(linkKey(accountId, fromPatientId)).run();
    this.db
      .insert(patientLinks)
      .values({
        ...link,
        patientId: toPatientId,
        representativeConfirmed: representativeConfirmed ?? link.representativeConfirmed,
        fullNameCt: this.cipher.encrypt(linkFieldRef(accountId, toPatientId, "full_name_ct"), person.fullName),
        phoneCt: this.cipher.encrypt(linkFieldRef(accountId, toPatientId, "phone_ct"), person.phone),
        updatedAt: this.now(),
      })
      .run();
  }

  /** Removes what the account entered about these people. */
  unlink(accountId: string, patientIds: readonly string[]): void {
    if (patientIds.length === 0) return;
    this.db
      .delete(patientLinks)
      .where(and(eq(patientLinks.accountId, accountId), inArray(patientLinks.patientId, [...patientIds])))
      .run();
  }

  /** Patients nobody is linked to any more hold only an IIN that no one may still need. */
  deleteOrphans(patientIds: readonly string[]): void {
    if (patientIds.length === 0) return;
    this.db
      .delete(patients)
      .where(
        and(
          inArray(patients.id, [...patientIds]),
          notExists(this.db.select({ one: sql`1` }).from(patientLinks).where(eq(patientLinks.patientId, patients.id))),
        ),
      )
      .run();
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

/** The patients under any of `indexes` truncated IIN indexes (one per configured key, duplicates removed). */
function prepareFindByIin(db: Executor, indexes: number) {
  const candidates = candidatePlaceholders("iin", indexes).map((name) => sql.placeholder(name));
  return db.select({ id: patients.id, iinCt: patients.iinCt }).from(patients).where(inArray(patients.iinIndex, candidates)).prepare();
}

function prepareStatements(db: Executor) {
  const accountId = sql.placeholder("accountId");
  const patientId = sql.placeholder("patientId");
  const thisLink = linkKey(accountId, patientId);
  return {
    create: db
      .insert(patients)
      .values({ id: sql.placeholder("id"), iinIndex: sql.placeholder("iinIndex"), iinCt: sql.placeholder("iinCt"), createdAt: sql.placeholder("createdAt") })
      .prepare(),
    person: db.select({ link: patientLinks, iinCt: patients.iinCt }).from(patientLinks).innerJoin(patients, eq(patients.id, patientLinks.patientId)).where(thisLink).prepare(),
    link: db.select().from(patientLinks).where(thisLink).prepare(),
    isLinked: db.select({ one: sql`1` }).from(patientLinks).where(thisLink).prepare(),
    peopleOf: db.select().from(patientLinks).where(eq(patientLinks.accountId, accountId)).orderBy(patientLinks.createdAt).prepare(),
    linksOf: db.select({ accountId: patientLinks.accountId, relation: patientLinks.relation }).from(patientLinks).where(eq(patientLinks.patientId, patientId)).prepare(),
    saveLink: db
      .insert(patientLinks)
      .values({
        accountId,
        patientId,
        relation: sql.placeholder("relation"),
        representativeConfirmed: sql.placeholder("representativeConfirmed"),
        fullNameCt: sql.placeholder("fullNameCt"),
        phoneCt: sql.placeholder("phoneCt"),
        phoneConfirmed: sql.placeholder("phoneConfirmed"),
        createdAt: sql.placeholder("createdAt"),
        updatedAt: sql.placeholder("updatedAt"),
      })
      // What the account entered replaces what it entered before; when it first linked them stays.
      .onConflictDoUpdate({
        target: [patientLinks.accountId, patientLinks.patientId],
        set: {
          relation: sql.raw("excluded.relation"),
          representativeConfirmed: sql.raw("excluded.representative_confirmed"),
          fullNameCt: sql.raw("excluded.full_name_ct"),
          phoneCt: sql.raw("excluded.phone_ct"),
          phoneConfirmed: sql.raw("excluded.phone_confirmed"),
          updatedAt: sql.raw("excluded.updated_at"),
        },
      })
      .prepare(),
  };
}

function linkKey(accountId: string | Placeholder, patientId: string | Placeholder) {
  return and(eq(patientLinks.accountId, accountId), eq(patientLinks.patientId, patientId));
}

function patientRef(rowId: string, column: string) {
  return { table: "patients", column, rowId };
}

/** A link's row id in its fields' associated data: the link's two ids (rotation.ts re-seals them too). */
export function linkRowId(accountId: string, patientId: string): string {
  return `${accountId}/${patientId}`;
}

/** Where a field of an account's link to a patient is encrypted. */
function linkFieldRef(accountId: string, patientId: string, column: "full_name_ct" | "phone_ct") {
  return { table: "patient_links", column, rowId: linkRowId(accountId, patientId) };
}
