import { asc, inArray, sql } from "drizzle-orm";
import type { Clock, IdSource } from "../clock";
import type { Executor } from "./database";
import { preparedOn } from "./prepared";
import { auditLog } from "./schema";

export type AuditActor = "patient" | "staff" | "admin" | "system";

export type AuditAction =
  | "consent.granted"
  | "consent.declined"
  | "consent.withdrawn"
  | "data.exported"
  | "data.viewed"
  | "data.corrected"
  | "processing.blocked"
  | "processing.unblocked"
  | "data.erased"
  | "policy.published"
  | "keys.rotated"
  | "booking.attended"
  | "booking.no_show"
  | "booking.cancelled"
  | "bookings.listed"
  | "absence.recorded";

export interface AuditEntry {
  actor: AuditActor;
  /** The account id of a patient, a staff member's Telegram user id, or an admin's name; never a name, IIN or phone. */
  actorId?: string;
  action: AuditAction;
  recordType?: string;
  /** The record's id; for an erasure of many records at once (`finished_bookings`), how many. */
  recordId?: string;
}

/** Who acts on the data: a patient by their account id, an admin by the name they gave (--by). */
export interface Actor {
  kind: AuditActor;
  id?: string;
}

/** Accountability: who did what to which record, by ids only (policy §6 and Law 94-V). */
export class AuditLog {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  record(entry: AuditEntry): void {
    preparedOn(this.db, prepareRecord).run({
      id: this.ids.newId(),
      at: this.clock.now().toISOString(),
      actor: entry.actor,
      actorId: entry.actorId ?? null,
      action: entry.action,
      recordType: entry.recordType ?? null,
      recordId: entry.recordId ?? null,
    });
  }

  /**
   * After an erasure, the entries keep what happened and when but no longer name the erased account or
   * its records: those ids are in the person's own copy of their data, so they would still point at them.
   */
  forgetIds(ids: string[]): void {
    for (let index = 0; index < ids.length; index += 500) {
      const batch = ids.slice(index, index + 500);
      this.db.update(auditLog).set({ actorId: null }).where(inArray(auditLog.actorId, batch)).run();
      this.db.update(auditLog).set({ recordId: null }).where(inArray(auditLog.recordId, batch)).run();
    }
  }

  entries(): (AuditEntry & { at: string })[] {
    return this.db
      .select()
      .from(auditLog)
      .orderBy(asc(auditLog.at))
      .all()
      .map(({ id: _id, actorId, recordType, recordId, action, ...rest }) => ({
        ...rest,
        action: action as AuditAction,
        ...(actorId === null ? {} : { actorId }),
        ...(recordType === null ? {} : { recordType }),
        ...(recordId === null ? {} : { recordId }),
      }));
  }
}

/** Every consent, booking and change writes an entry: compiled once. */
function prepareRecord(db: Executor) {
  return db
    .insert(auditLog)
    .values({
      id: sql.placeholder("id"),
      at: sql.placeholder("at"),
      actor: sql.placeholder("actor"),
      actorId: sql.placeholder("actorId"),
      action: sql.placeholder("action"),
      recordType: sql.placeholder("recordType"),
      recordId: sql.placeholder("recordId"),
    })
    .prepare();
}
