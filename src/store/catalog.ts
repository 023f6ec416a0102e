import { and, asc, eq, sql } from "drizzle-orm";
import type { CourseRule, LocalizedText } from "../domain/catalog";
import type { Executor } from "./database";
import { dataVersion, preparedOn } from "./prepared";
import { clinicInfo, closedDays, doctorServices, doctors, services, slots } from "./schema";

export interface ServiceView {
  id: string;
  name: LocalizedText;
  /** What the service is, for the family choosing it; optional in the catalogue. */
  description?: LocalizedText;
  /** Who it is meant for, in whole years (both ends included); absent: anyone. */
  ages?: { min: number | null; max: number | null };
  /** Patients one slot holds, when above 1: a group session. */
  capacity?: number;
  /** When the service is a course of therapy: its sessions and rhythm. */
  course?: CourseRule;
}

export interface DoctorView {
  id: string;
  name: LocalizedText;
  specialty: LocalizedText;
}

export interface SlotView {
  id: string;
  doctorId: string;
  startsAt: string;
  endsAt: string;
}

export interface ClinicView {
  name: LocalizedText;
  address: LocalizedText;
  phone: string;
  mapUrl?: string;
  /** What to bring, when the catalogue says it; the bot's own words otherwise. */
  bring?: { adult: LocalizedText; child: LocalizedText };
}

/** The catalogue as patients see it: services, doctors, the clinic, and a slot by its id. */
export class CatalogRepository {
  constructor(private readonly db: Executor) {}

  /** Every dialogue reads the catalogue at several steps: its statements are compiled once. */
  private get prepared(): ReturnType<typeof prepareStatements> {
    return preparedOn(this.db, prepareStatements);
  }

  clinic(): ClinicView {
    return keptUntilCatalogChanges(this.db, "clinic", () => this.readClinic());
  }

  private readClinic(): ClinicView {
    const values = new Map(this.prepared.clinic.all().map((row) => [row.key, row.value]));
    const get = (key: string) => values.get(key) ?? "";
    return {
      name: { ru: get("name.ru"), kk: get("name.kk") },
      address: { ru: get("address.ru"), kk: get("address.kk") },
      phone: get("phone"),
      ...(values.has("mapUrl") ? { mapUrl: get("mapUrl") } : {}),
      ...(values.has("bring.adult.ru")
        ? { bring: { adult: { ru: get("bring.adult.ru"), kk: get("bring.adult.kk") }, child: { ru: get("bring.child.ru"), kk: get("bring.child.kk") } } }
        : {}),
    };
  }

  /** Active services that at least one active doctor provides, in catalogue order. */
  listServices(): readonly ServiceView[] {
    return keptUntilCatalogChanges(this.db, "services", () => this.readServices());
  }

  private readServices(): ServiceView[] {
    return this.prepared.listServices
      .all()
      .map((row) => ({ id: row.id, name: { ru: row.ru, kk: row.kk }, ...describedBy(row.descriptionRu, row.descriptionKk), ...agesOf(row.ageMin, row.ageMax), ...formOf(row.capacity, row.course) }));
  }

  service(serviceId: string): ServiceView | undefined {
    return keptUntilCatalogChanges(this.db, `service:${serviceId}`, () => {
      const row = this.prepared.service.get({ serviceId });
      return row && { id: row.id, name: { ru: row.nameRu, kk: row.nameKk }, ...describedBy(row.descriptionRu, row.descriptionKk), ...agesOf(row.ageMin, row.ageMax), ...formOf(row.capacity, row.course) };
    });
  }

  doctorsFor(serviceId: string): readonly DoctorView[] {
    return keptUntilCatalogChanges(this.db, `doctorsFor:${serviceId}`, () =>
      this.prepared.doctorsFor
        .all({ serviceId })
        .map(({ doctor }) => toDoctorView(doctor)),
    );
  }

  /** Why the clinic is closed on this date (a public holiday, a day of its own), if it is. */
  closedDay(date: string): LocalizedText | undefined {
    return keptUntilCatalogChanges(this.db, `closedDay:${date}`, () => {
      const row = this.db.select().from(closedDays).where(eq(closedDays.date, date)).get();
      return row && { ru: row.nameRu, kk: row.nameKk };
    });
  }

  /** Every active doctor, in catalogue order: the staff group's day lists. */
  listDoctors(): DoctorView[] {
    return this.db
      .select()
      .from(doctors)
      .where(eq(doctors.active, true))
      .orderBy(asc(doctors.position))
      .all()
      .map(toDoctorView);
  }

  /** Doctors a catalogue import removed (kept, deactivated, because bookings name them). */
  inactiveDoctorIds(): string[] {
    return this.db.select({ id: doctors.id }).from(doctors).where(eq(doctors.active, false)).all().map((row) => row.id);
  }

  doctor(doctorId: string): DoctorView | undefined {
    return keptUntilCatalogChanges(this.db, `doctor:${doctorId}`, () => {
      const row = this.prepared.doctor.get({ doctorId });
      return row && toDoctorView(row);
    });
  }

  slot(slotId: string): SlotView | undefined {
    return this.prepared.slot.get({ slotId });
  }

  /** Whether the doctor provides the service (both active): a booking must never pair them otherwise. */
  provides(doctorId: string, serviceId: string): boolean {
    return Boolean(this.prepared.provides.get({ doctorId, serviceId }));
  }
}

function prepareStatements(db: Executor) {
  const serviceId = sql.placeholder("serviceId");
  const doctorId = sql.placeholder("doctorId");
  return {
    clinic: db.select().from(clinicInfo).prepare(),
    listServices: db
      .selectDistinct({
        id: services.id,
        ru: services.nameRu,
        kk: services.nameKk,
        descriptionRu: services.descriptionRu,
        descriptionKk: services.descriptionKk,
        ageMin: services.ageMin,
        ageMax: services.ageMax,
        capacity: services.capacity,
        course: services.course,
        position: services.position,
      })
      .from(services)
      .innerJoin(doctorServices, eq(doctorServices.serviceId, services.id))
      .innerJoin(doctors, and(eq(doctors.id, doctorServices.doctorId), eq(doctors.active, true)))
      .where(eq(services.active, true))
      .orderBy(asc(services.position))
      .prepare(),
    service: db.select().from(services).where(eq(services.id, serviceId)).prepare(),
    doctorsFor: db
      .select({ doctor: doctors })
      .from(doctors)
      .innerJoin(doctorServices, eq(doctorServices.doctorId, doctors.id))
      .where(and(eq(doctorServices.serviceId, serviceId), eq(doctors.active, true)))
      .orderBy(asc(doctors.position))
      .prepare(),
    doctor: db.select().from(doctors).where(eq(doctors.id, doctorId)).prepare(),
    slot: db
      .select({ id: slots.id, doctorId: slots.doctorId, startsAt: slots.startsAt, endsAt: slots.endsAt })
      .from(slots)
      .where(eq(slots.id, sql.placeholder("slotId")))
      .prepare(),
    provides: db
      .select({ one: sql`1` })
      .from(doctorServices)
      .innerJoin(doctors, and(eq(doctors.id, doctorServices.doctorId), eq(doctors.active, true)))
      .innerJoin(services, and(eq(services.id, doctorServices.serviceId), eq(services.active, true)))
      .where(and(eq(doctorServices.doctorId, doctorId), eq(doctorServices.serviceId, serviceId)))
      .prepare(),
  };
}

/** What each connection read of the catalogue, with the catalogue's state it was read at. */
const catalogReads = new WeakMap<object, { version: number; generation: number; reads: Map<string, unknown> }>();
let catalogGeneration = 0;

/** A catalogue import on this process's connection: what was read before it is read again. */
export function catalogChanged(): void {
  catalogGeneration += 1;
}

/**
 * The catalogue as `read` gives it, kept under `key` until the catalogue changes: an import in this
 * process (catalogChanged) or any commit of another one (data_version). Every step of a dialogue reads
 * services, specialists and the clinic, which change a few times a year. What it gives is frozen,
 * shared by every caller.
 */
export function keptUntilCatalogChanges<T>(db: Executor, key: string, read: () => T): T {
  const session = (db as unknown as { session: object }).session;
  const version = dataVersion(db);
  let kept = catalogReads.get(session);
  if (!kept || kept.version !== version || kept.generation !== catalogGeneration) {
    kept = { version, generation: catalogGeneration, reads: new Map() };
    catalogReads.set(session, kept);
  }
  if (!kept.reads.has(key)) kept.reads.set(key, deepFreeze(read()));
  return kept.reads.get(key) as T;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function toDoctorView(row: typeof doctors.$inferSelect): DoctorView {
  return {
    id: row.id,
    name: { ru: row.nameRu, kk: row.nameKk },
    specialty: { ru: row.specialtyRu, kk: row.specialtyKk },
  };
}

function describedBy(ru: string | null, kk: string | null): Pick<ServiceView, "description"> {
  return ru !== null && kk !== null ? { description: { ru, kk } } : {};
}

function agesOf(min: number | null, max: number | null): Pick<ServiceView, "ages"> {
  return min === null && max === null ? {} : { ages: { min, max } };
}

/** A group's capacity and a course's rule, present only where the service has them. */
function formOf(capacity: number, course: CourseRule | null): Pick<ServiceView, "capacity" | "course"> {
  return { ...(capacity > 1 ? { capacity } : {}), ...(course ? { course } : {}) };
}
