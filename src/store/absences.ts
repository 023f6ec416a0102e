import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Clock, IdSource } from "../clock";
import type { FieldCipher } from "./crypto";
import type { Executor } from "./database";
import { doctorAbsences } from "./schema";

export interface NewAbsence {
  doctorId: string;
  /** The first instant the specialist is away, and the first one they are back. */
  startsAt: string;
  endsAt: string;
  /** As the admin typed it; it may be about the specialist's health, so it is stored encrypted. */
  reason: string;
}

/** What the staff group's summary of an absence says, as it stands now. */
export interface AbsenceProgress {
  doctorId: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  cancelled: number;
  told: number;
  rebooked: number;
  staffMessageId: number | null;
}

/** Specialists' absences: availability.ts offers no slot inside one. */
export class AbsenceRepository {
  constructor(
    private readonly db: Executor,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  insert(absence: NewAbsence): string {
    const id = this.ids.newId();
    this.db
      .insert(doctorAbsences)
      .values({
        id,
        doctorId: absence.doctorId,
        startsAt: absence.startsAt,
        endsAt: absence.endsAt,
        reasonCt: this.cipher.encrypt({ table: "doctor_absences", column: "reason_ct", rowId: id }, absence.reason),
        createdAt: this.clock.now().toISOString(),
      })
      .run();
    return id;
  }

  /** What recording the absence did: the summary's first figures. */
  recordOutcome(absenceId: string, cancelled: number, told: number): void {
    this.db.update(doctorAbsences).set({ cancelled, told }).where(eq(doctorAbsences.id, absenceId)).run();
  }

  setStaffMessage(absenceId: string, messageId: number): void {
    this.db.update(doctorAbsences).set({ staffMessageId: messageId }).where(eq(doctorAbsences.id, absenceId)).run();
  }

  /** The absence of the specialist that covers this instant, if any (the latest recorded, if several). */
  covering(doctorId: string, at: string): string | undefined {
    return this.db
      .select({ id: doctorAbsences.id })
      .from(doctorAbsences)
      .where(and(eq(doctorAbsences.doctorId, doctorId), lte(doctorAbsences.startsAt, at), gt(doctorAbsences.endsAt, at)))
      .orderBy(sql`${doctorAbsences.createdAt} desc`)
      .get()?.id;
  }

  /** A family whose booking the absence cancelled chose a new time. */
  countRebooked(absenceId: string): void {
    this.db.update(doctorAbsences).set({ rebooked: sql`${doctorAbsences.rebooked} + 1` }).where(eq(doctorAbsences.id, absenceId)).run();
  }

  progressOf(absenceId: string): AbsenceProgress | undefined {
    const row = this.db.select().from(doctorAbsences).where(eq(doctorAbsences.id, absenceId)).get();
    if (!row) return undefined;
    const { doctorId, startsAt, endsAt, cancelled, told, rebooked, staffMessageId } = row;
    const reason = this.cipher.decrypt({ table: "doctor_absences", column: "reason_ct", rowId: absenceId }, row.reasonCt);
    return { doctorId, startsAt, endsAt, reason, cancelled, told, rebooked, staffMessageId };
  }
}
