import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, notExists, or, sql } from "drizzle-orm";
import type { Clock, IdSource } from "../clock";
import type { OfferStatus, WaitlistStatus } from "../domain/waitlist";
import type { FieldCipher } from "./crypto";
import type { Executor } from "./database";
import { preparedOn } from "./prepared";
import { doctorServices, freedSlots, slotOffers, waitlistEntries } from "./schema";

export interface NewWaitlistEntry {
  accountId: string;
  patientId: string;
  serviceId: string;
  /** Null: any specialist of the service. */
  doctorId: string | null;
  fromDay: string;
  untilDay: string;
}

export interface WaitlistEntry extends NewWaitlistEntry {
  id: string;
  status: WaitlistStatus;
  createdAt: string;
  endedAt: string | null;
}

export interface SlotOffer {
  id: string;
  slotId: string;
  entryId: string;
  status: OfferStatus;
  offeredAt: string;
  expiresAt: string;
}

type EntryRow = typeof waitlistEntries.$inferSelect;

/**
 * The waiting list's three tables: the entries (who waits for what; who and for whom encrypted, as in
 * bookings), the offers of freed slots (one open offer per slot), and the queue of freed slots the
 * waiting-list job has still to offer. Every change that frees a slot calls `slotFreed` in its own
 * transaction, so a freed slot is never forgotten by a crash.
 */
export class WaitlistRepository {
  constructor(
    private readonly db: Executor,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /** Every booking asks whether its slot is held for someone: compiled once (issue 14). */
  private get prepared(): ReturnType<typeof prepareStatements> {
    return preparedOn(this.db, prepareStatements);
  }

  insert(entry: NewWaitlistEntry): string {
    const id = this.ids.newId();
    this.db
      .insert(waitlistEntries)
      .values({
        id,
        serviceId: entry.serviceId,
        doctorId: entry.doctorId,
        fromDay: entry.fromDay,
        untilDay: entry.untilDay,
        status: "waiting",
        ownerIndex: this.cipher.blindIndex("owner", entry.accountId),
        accountCt: this.cipher.encrypt(entryRef(id, "account_ct"), entry.accountId),
        patientCt: this.cipher.encrypt(entryRef(id, "patient_ct"), entry.patientId),
        createdAt: this.now(),
      })
      .run();
    return id;
  }

  /** Every entry of the account, whatever its state, oldest first: for /mydata and the data copy. */
  allOf(accountId: string): WaitlistEntry[] {
    return this.db
      .select()
      .from(waitlistEntries)
      .where(inArray(waitlistEntries.ownerIndex, this.cipher.blindIndexCandidates("owner", accountId)))
      .orderBy(asc(waitlistEntries.createdAt), sql`rowid`)
      .all()
      .map((row) => this.toEntry(row))
      .filter((entry) => entry.accountId === accountId);
  }

  /** The account's entries still waiting, oldest first: for /appointments. */
  waitingOf(accountId: string): WaitlistEntry[] {
    return this.allOf(accountId).filter((entry) => entry.status === "waiting");
  }

  /** The entry, if it is this account's (any other account's entry is as good as missing). */
  findOwned(accountId: string, entryId: string): WaitlistEntry | undefined {
    const row = this.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, entryId)).get();
    const entry = row && this.toEntry(row);
    return entry?.accountId === accountId ? entry : undefined;
  }

  /**
   * Ends a waiting entry (left, expired, booked, ended by a block). An offer it still holds is declined
   * and its slot freed for the next person in the same transaction.
   */
  end(entryId: string, status: Exclude<WaitlistStatus, "waiting">): boolean {
    this.releaseOffersOf([entryId]);
    return (
      this.db
        .update(waitlistEntries)
        .set({ status, endedAt: this.now() })
        .where(and(eq(waitlistEntries.id, entryId), eq(waitlistEntries.status, "waiting")))
        .run().changes === 1
    );
  }

  /** Entries whose range of days is over (`today` is a local date): they wait no more. */
  expireBefore(today: string): number {
    const ids = this.db
      .select({ id: waitlistEntries.id })
      .from(waitlistEntries)
      .where(and(eq(waitlistEntries.status, "waiting"), lt(waitlistEntries.untilDay, today)))
      .all()
      .map((row) => row.id);
    for (const id of ids) this.end(id, "expired");
    return ids.length;
  }

  /** Deletes entries (an erasure, a withdrawal); a slot one of them held is freed for the next person. */
  delete(entryIds: readonly string[]): void {
    if (entryIds.length === 0) return;
    this.releaseOffersOf(entryIds);
    for (let index = 0; index < entryIds.length; index += 500) {
      this.db.delete(waitlistEntries).where(inArray(waitlistEntries.id, entryIds.slice(index, index + 500))).run();
    }
  }

  /**
   * A slot became free: it joins the queue the waiting-list job offers from. Called in the transaction
   * of the change that freed it (a cancellation, an erasure, a declined or lapsed offer, a move).
   */
  slotFreed(slotId: string): void {
    enqueueFreed(this.db, this.clock, slotId);
  }

  /** The queue of freed slots, oldest first. */
  freedQueue(limit: number): string[] {
    return this.db.select({ slotId: freedSlots.slotId }).from(freedSlots).orderBy(asc(freedSlots.freedAt)).limit(limit).all().map((row) => row.slotId);
  }

  dequeue(slotId: string): void {
    this.db.delete(freedSlots).where(eq(freedSlots.slotId, slotId)).run();
  }

  /**
   * The waiting entries a free slot of `doctorId` on local day `day` fits, first come first: their
   * service is one the specialist provides, they want this specialist or any, the day is in their range,
   * they hold no other open offer, and this slot was not offered to them before (they declined it or let
   * it pass).
   */
  candidatesFor(slotId: string, doctorId: string, day: string): WaitlistEntry[] {
    const provided = this.db.select({ serviceId: doctorServices.serviceId }).from(doctorServices).where(eq(doctorServices.doctorId, doctorId));
    return this.db
      .select()
      .from(waitlistEntries)
      .where(
        and(
          eq(waitlistEntries.status, "waiting"),
          inArray(waitlistEntries.serviceId, provided),
          or(isNull(waitlistEntries.doctorId), eq(waitlistEntries.doctorId, doctorId)),
          lte(waitlistEntries.fromDay, day),
          gte(waitlistEntries.untilDay, day),
          notExists(this.db.select({ one: sql`1` }).from(slotOffers).where(and(eq(slotOffers.entryId, waitlistEntries.id), eq(slotOffers.slotId, slotId)))),
          notExists(this.db.select({ one: sql`1` }).from(slotOffers).where(and(eq(slotOffers.entryId, waitlistEntries.id), eq(slotOffers.status, "open")))),
        ),
      )
      .orderBy(asc(waitlistEntries.createdAt), sql`rowid`)
      .all()
      .map((row) => this.toEntry(row));
  }

  insertOffer(slotId: string, entryId: string, expiresAt: string): string {
    const id = this.ids.newId();
    this.db.insert(slotOffers).values({ id, slotId, entryId, status: "open", offeredAt: this.now(), expiresAt }).run();
    return id;
  }

  offer(offerId: string): SlotOffer | undefined {
    return this.db
      .select({ id: slotOffers.id, slotId: slotOffers.slotId, entryId: slotOffers.entryId, status: slotOffers.status, offeredAt: slotOffers.offeredAt, expiresAt: slotOffers.expiresAt })
      .from(slotOffers)
      .where(eq(slotOffers.id, offerId))
      .get();
  }

  /** The offer holding the slot now (open and within its hold), if any. */
  holdOn(slotId: string): SlotOffer | undefined {
    return this.prepared.holdOn.get({ slotId, now: this.now() });
  }

  /** Whether an offer of the slot is open (held, or run out and not yet passed on by the job). */
  isOffered(slotId: string): boolean {
    return Boolean(this.db.select({ id: slotOffers.id }).from(slotOffers).where(and(eq(slotOffers.slotId, slotId), eq(slotOffers.status, "open"))).get());
  }

  /** Closes an open offer; false when it was not open any more (another press, the job). */
  closeOffer(offerId: string, status: Exclude<OfferStatus, "open">): boolean {
    return (
      this.db
        .update(slotOffers)
        .set({ status, endedAt: this.now() })
        .where(and(eq(slotOffers.id, offerId), eq(slotOffers.status, "open")))
        .run().changes === 1
    );
  }

  /** Open offers whose hold has run out: each expires and its slot goes back to the queue. */
  expireLapsedOffers(): number {
    const lapsed = this.db
      .select({ id: slotOffers.id, slotId: slotOffers.slotId })
      .from(slotOffers)
      .where(and(eq(slotOffers.status, "open"), lte(slotOffers.expiresAt, this.now())))
      .all();
    for (const offer of lapsed) {
      if (this.closeOffer(offer.id, "expired")) this.slotFreed(offer.slotId);
    }
    return lapsed.length;
  }

  private releaseOffersOf(entryIds: readonly string[]): void {
    const open = this.db
      .select({ id: slotOffers.id, slotId: slotOffers.slotId })
      .from(slotOffers)
      .where(and(inArray(slotOffers.entryId, entryIds), eq(slotOffers.status, "open")))
      .all();
    for (const offer of open) {
      if (this.closeOffer(offer.id, "declined")) this.slotFreed(offer.slotId);
    }
  }

  private toEntry(row: EntryRow): WaitlistEntry {
    return {
      id: row.id,
      accountId: this.cipher.decrypt(entryRef(row.id, "account_ct"), row.accountCt),
      patientId: this.cipher.decrypt(entryRef(row.id, "patient_ct"), row.patientCt),
      serviceId: row.serviceId,
      doctorId: row.doctorId,
      fromDay: row.fromDay,
      untilDay: row.untilDay,
      status: row.status,
      createdAt: row.createdAt,
      endedAt: row.endedAt,
    };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

/**
 * New slots (new working hours) are queued for offers only where someone waits for their specialist;
 * run by the slot horizon, in the catalogue import's transaction when the hours change.
 */
export function queueSlotsSomeoneWaitsFor(db: Executor, clock: Clock, added: readonly { id: string; doctorId: string }[]): void {
  if (added.length === 0 || !db.select({ id: waitlistEntries.id }).from(waitlistEntries).where(eq(waitlistEntries.status, "waiting")).get()) return;
  const waitedFor = (doctorId: string) => {
    const provided = db.select({ serviceId: doctorServices.serviceId }).from(doctorServices).where(eq(doctorServices.doctorId, doctorId));
    const wish = and(eq(waitlistEntries.status, "waiting"), inArray(waitlistEntries.serviceId, provided), or(isNull(waitlistEntries.doctorId), eq(waitlistEntries.doctorId, doctorId)));
    return Boolean(db.select({ id: waitlistEntries.id }).from(waitlistEntries).where(wish).get());
  };
  const wanted = new Set([...new Set(added.map((slot) => slot.doctorId))].filter(waitedFor));
  for (const slot of added) if (wanted.has(slot.doctorId)) enqueueFreed(db, clock, slot.id);
}

function enqueueFreed(db: Executor, clock: Clock, slotId: string): void {
  db.insert(freedSlots).values({ slotId, freedAt: clock.now().toISOString() }).onConflictDoNothing().run();
}

function entryRef(rowId: string, column: string) {
  return { table: "waitlist_entries", column, rowId };
}

function prepareStatements(db: Executor) {
  return {
    holdOn: db
      .select({ id: slotOffers.id, slotId: slotOffers.slotId, entryId: slotOffers.entryId, status: slotOffers.status, offeredAt: slotOffers.offeredAt, expiresAt: slotOffers.expiresAt })
      .from(slotOffers)
      .where(and(eq(slotOffers.slotId, sql.placeholder("slotId")), eq(slotOffers.status, "open"), gt(slotOffers.expiresAt, sql.placeholder("now"))))
      .prepare(),
  };
}
