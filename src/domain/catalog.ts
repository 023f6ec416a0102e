import { z } from "zod";
import { isCalendarDate } from "./policy";

/**
 * Catalogue texts end up in buttons and in messages of at most 4096 characters (Telegram's limit):
 * with these lengths the longest summary or confirmation stays far below it, and a name still fits a
 * button on a phone. A text past them is a mistake in the file (a pasted paragraph), reported at import.
 */
export const TEXT_LIMITS = { name: 80, clinicName: 120, address: 200, description: 500, url: 300 } as const;

/** A course longer than this is a typo (a year of weekly sessions is 52); a group above this is not a session. */
export const MAX_COURSE_SESSIONS = 60;
export const MAX_CAPACITY = 50;

function localizedText(maxLength: number) {
  const text = z.string().trim().min(1).max(maxLength, `must be at most ${maxLength} characters`);
  return z.object({ ru: text, kk: text });
}
export type LocalizedText = { ru: string; kk: string };

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug of lowercase latin letters, digits and single hyphens, e.g. "speech-therapy"');

const e164Phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number, e.g. "+77272550101"');

const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time "HH:MM" between 00:00 and 23:59');

// Strict objects so that a misspelt optional key (say "descripton") is reported
// to the admin instead of being silently dropped.
const weeklyInterval = z.strictObject({
  weekday: z.int().min(1).max(7),
  start: wallTime,
  end: wallTime,
});

const AGE_ERROR = "must be a whole number of years from 0 to 120";
const age = z.int({ error: AGE_ERROR }).min(0, AGE_ERROR).max(120, AGE_ERROR);

/** Whole years, both ends included; either end may be left open. */
const ageRange = z
  .strictObject({ min: age.optional(), max: age.optional() })
  .refine((range) => range.min !== undefined || range.max !== undefined, "must give min, max or both")
  .refine((range) => range.min === undefined || range.max === undefined || range.min <= range.max, "min must not be above max");

const calendarDate = z.string().refine(isCalendarDate, 'must be a real date written "YYYY-MM-DD"');

/** Weekly on chosen weekdays (1 = Monday … 7 = Sunday), or every N days from the first session. */
const rhythm = z.union(
  [
    z.strictObject({ weekdays: z.array(z.int().min(1).max(7)).min(1).max(7).refine((days) => new Set(days).size === days.length, "must not repeat a weekday") }),
    z.strictObject({ everyDays: z.int().min(1).max(28) }),
  ],
  { error: 'must be { "weekdays": [1, 3] } (weekly on those days, 1 = Monday) or { "everyDays": 7 }' },
);

/**
 * A course of therapy: so many sessions in a rhythm, all with the specialist of the first. With
 * `startDates`, a course starts only on one of those days (a group that starts together).
 */
const course = z.strictObject({
  sessions: z.int().min(2).max(MAX_COURSE_SESSIONS),
  rhythm,
  startDates: z.array(calendarDate).min(1).optional(),
});

const service = z.strictObject({
  id: slug,
  name: localizedText(TEXT_LIMITS.name),
  description: localizedText(TEXT_LIMITS.description).optional(),
  /** Who the service is for, in years (a paediatric consultation: up to 17): anyone else is asked first. */
  ages: ageRange.optional(),
  /** Patients one slot holds: above 1, a group session. */
  capacity: z.int().min(1).max(MAX_CAPACITY).optional(),
  course: course.optional(),
});

const doctor = z.strictObject({
  id: slug,
  name: localizedText(TEXT_LIMITS.name),
  specialty: localizedText(TEXT_LIMITS.name),
  serviceIds: z.array(z.string()).min(1),
  slotMinutes: z.int().min(5).max(240),
  weeklyHours: z.array(weeklyInterval),
});

/** A day the clinic is closed (a public holiday, a day of its own): no slot is made for it. */
const closedDay = z.strictObject({
  date: calendarDate,
  name: localizedText(TEXT_LIMITS.name),
});

export const catalogSchema = z.strictObject({
  clinic: z.strictObject({
    name: localizedText(TEXT_LIMITS.clinicName),
    address: localizedText(TEXT_LIMITS.address),
    phone: e164Phone,
    /** A link to the clinic on a map (2GIS, Yandex, Google), shown with the address in the confirmation. */
    mapUrl: z.url({ protocol: /^https$/, error: 'must be an https:// link, e.g. "https://2gis.kz/almaty/..."' }).max(TEXT_LIMITS.url).optional(),
    /** What to bring to the visit, said in the confirmation: for an adult, and for a child (with the representative). */
    bring: z.strictObject({ adult: localizedText(TEXT_LIMITS.address), child: localizedText(TEXT_LIMITS.address) }).optional(),
  }),
  services: z.array(service).min(1),
  doctors: z.array(doctor).min(1),
  closedDays: z.array(closedDay).default([]),
});
export type Catalog = z.infer<typeof catalogSchema>;
export type CourseRule = z.infer<typeof course>;

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; problems: string[] };

/**
 * Validates catalogue JSON: first its shape, then the references and working
 * hours that a schema alone cannot check. Problems name the JSON path so the
 * admin can find the offending entry.
 */
export function parseCatalog(json: unknown): CatalogResult {
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    // Cross-reference checks would trip over the very same malformed entries,
    // so the shape has to be fixed first.
    return { ok: false, problems: parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`) };
  }
  const catalog = parsed.data;
  const problems = [...checkDuplicateIds(catalog), ...checkServiceReferences(catalog), ...checkWorkingHours(catalog), ...checkClosedDays(catalog), ...checkCourses(catalog)];
  return problems.length === 0 ? { ok: true, catalog } : { ok: false, problems };
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function checkDuplicateIds(catalog: Catalog): string[] {
  const problems: string[] = [];
  const check = (kind: "service" | "doctor", list: "services" | "doctors", ids: string[]) => {
    const firstIndex = new Map<string, number>();
    ids.forEach((id, index) => {
      const first = firstIndex.get(id);
      if (first === undefined) firstIndex.set(id, index);
      else problems.push(`${list}[${index}].id: duplicate ${kind} id "${id}" (already used by ${list}[${first}])`);
    });
  };
  check("service", "services", catalog.services.map((s) => s.id));
  check("doctor", "doctors", catalog.doctors.map((d) => d.id));
  return problems;
}

function checkClosedDays(catalog: Catalog): string[] {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  catalog.closedDays.forEach((day, index) => {
    const first = seen.get(day.date);
    if (first === undefined) seen.set(day.date, index);
    else problems.push(`closedDays[${index}].date: ${day.date} is already closed by closedDays[${first}]`);
  });
  return problems;
}

function checkServiceReferences(catalog: Catalog): string[] {
  const problems: string[] = [];
  const known = new Set(catalog.services.map((s) => s.id));
  const provided = new Set<string>();
  catalog.doctors.forEach((doc, d) => {
    doc.serviceIds.forEach((serviceId, i) => {
      if (known.has(serviceId)) provided.add(serviceId);
      else problems.push(`doctors[${d}].serviceIds[${i}]: doctor "${doc.id}" names unknown service "${serviceId}"`);
    });
  });
  catalog.services.forEach((s, i) => {
    // An unprovided service would be offered to patients with no way to book it.
    if (!provided.has(s.id)) problems.push(`services[${i}]: no doctor provides service "${s.id}"`);
  });
  return problems;
}

function minutesOf(time: string): number {
  const [h, m] = time.split(":");
  return Number(h) * 60 + Number(m);
}

const weekdayNames = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function checkWorkingHours(catalog: Catalog): string[] {
  const problems: string[] = [];
  catalog.doctors.forEach((doc, d) => {
    const usable: { index: number; weekday: number; start: number; end: number }[] = [];
    doc.weeklyHours.forEach((h, i) => {
      const path = `doctors[${d}].weeklyHours[${i}]`;
      const start = minutesOf(h.start);
      const end = minutesOf(h.end);
      if (start >= end) {
        problems.push(`${path}: start ${h.start} is not before end ${h.end} for doctor "${doc.id}"`);
        return;
      }
      if (end - start < doc.slotMinutes) {
        problems.push(
          `${path}: interval ${h.start}–${h.end} is shorter than one ${doc.slotMinutes}-minute slot for doctor "${doc.id}"`,
        );
      }
      usable.push({ index: i, weekday: h.weekday, start, end });
    });

    // Pairwise rather than sorted-neighbour comparison, so that an interval
    // overlapping two others is reported against both of them.
    for (let a = 0; a < usable.length; a += 1) {
      for (let b = a + 1; b < usable.length; b += 1) {
        const x = usable[a];
        const y = usable[b];
        if (!x || !y || x.weekday !== y.weekday) continue;
        if (x.start < y.end && y.start < x.end) {
          const hx = doc.weeklyHours[x.index];
          const hy = doc.weeklyHours[y.index];
          problems.push(
            `doctors[${d}].weeklyHours[${y.index}]: ${hy?.start}–${hy?.end} overlaps doctors[${d}].weeklyHours[${x.index}] ` +
              `${hx?.start}–${hx?.end} on ${weekdayNames[x.weekday]} for doctor "${doc.id}"`,
          );
        }
      }
    }
  });
  return problems;
}

/**
 * A weekly course needs every specialist who gives it to work on its weekdays, and a course that starts
 * together starts on one of them; otherwise families would be offered a plan that cannot be kept.
 */
function checkCourses(catalog: Catalog): string[] {
  const problems: string[] = [];
  catalog.services.forEach((service, s) => {
    const rule = service.course;
    if (!rule) return;
    const path = `services[${s}].course`;
    const starts = rule.startDates ?? [];
    const repeated = starts.find((date, index) => starts.indexOf(date) !== index);
    if (repeated) problems.push(`${path}.startDates: ${repeated} is listed twice`);
    if (!("weekdays" in rule.rhythm)) return;
    const weekdays = rule.rhythm.weekdays;
    starts.forEach((date, index) => {
      const weekday = isoWeekdayOf(date);
      if (!weekdays.includes(weekday)) problems.push(`${path}.startDates[${index}]: ${date} is a ${weekdayNames[weekday]}, not one of the course's weekdays`);
    });
    for (const doc of catalog.doctors.filter((d) => d.serviceIds.includes(service.id))) {
      const worked = new Set(doc.weeklyHours.map((hours) => hours.weekday));
      for (const weekday of weekdays) {
        if (!worked.has(weekday)) problems.push(`${path}.rhythm.weekdays: doctor "${doc.id}" gives service "${service.id}" but does not work on ${weekdayNames[weekday]}`);
      }
    }
  });
  return problems;
}

function isoWeekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}
