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
}
