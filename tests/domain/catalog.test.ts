import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalogSchema, parseCatalog, TEXT_LIMITS } from "../../src/domain/catalog";
import type { Catalog } from "../../src/domain/catalog";

const examplePath = new URL("../../data/catalog.example.json", import.meta.url);

function sampleJson(): unknown {
  return JSON.parse(readFileSync(examplePath, "utf8"));
}

/** A small valid catalogue that each test breaks in one way. */
function minimal(): Catalog {
  return {
    clinic: {
      name: { ru: "Медицинский кабинет «Мүмкіндік»", kk: "«Мүмкіндік» медициналық кабинеті" },
      address: { ru: "г. Алматы, ул. Сатпаева, 90/1", kk: "Алматы қ., Сәтбаев көшесі, 90/1" },
      phone: "+77272550101",
    },
    services: [
      { id: "pediatrician", name: { ru: "Педиатр", kk: "Педиатр" } },
      { id: "speech-therapist", name: { ru: "Логопед", kk: "Логопед" } },
    ],
    doctors: [
      {
        id: "akhmetova",
        name: { ru: "Ахметова Айгуль", kk: "Ахметова Айгүл" },
        specialty: { ru: "Педиатр", kk: "Педиатр" },
        serviceIds: ["pediatrician"],
        slotMinutes: 30,
        weeklyHours: [{ weekday: 1, start: "09:00", end: "12:00" }],
      },
      {
        id: "ivanova",
        name: { ru: "Иванова Елена", kk: "Иванова Елена" },
        specialty: { ru: "Логопед", kk: "Логопед" },
        serviceIds: ["speech-therapist"],
        slotMinutes: 45,
        weeklyHours: [{ weekday: 2, start: "10:00", end: "13:00" }],
      },
    ],
    closedDays: [],
  };
}

function problemsOf(json: unknown): string[] {
  const result = parseCatalog(json);
  if (result.ok) throw new Error("expected the catalogue to be rejected");
  return result.problems;
}

describe("the sample catalogue", () => {
  it("a service's ages are whole years, min not above max, at least one end given", () => {
    const withAges = (ages: unknown) => ({ ...minimal(), services: [{ ...minimal().services[0], ages }, minimal().services[1]] });
    expect(parseCatalog(withAges({ max: 17 })).ok).toBe(true);
    expect(parseCatalog(withAges({ min: 3, max: 17 })).ok).toBe(true);
    expect(problemsOf(withAges({ min: 18, max: 17 }))).toEqual(["services[0].ages: min must not be above max"]);
    expect(problemsOf(withAges({}))).toEqual(["services[0].ages: must give min, max or both"]);
    expect(problemsOf(withAges({ max: 17.5 }))).toEqual(["services[0].ages.max: must be a whole number of years from 0 to 120"]);
    expect(problemsOf(withAges({ maximum: 17 }))).toContain('services[0].ages: Unrecognized key: "maximum"');
  });

  it("the clinic's map link is optional and must be an https link", () => {
    expect(parseCatalog({ ...minimal(), clinic: { ...minimal().clinic, mapUrl: "https://2gis.kz/almaty/firm/1" } }).ok).toBe(true);
    expect(problemsOf({ ...minimal(), clinic: { ...minimal().clinic, mapUrl: "http://2gis.kz/almaty/firm/1" } })).toEqual(['clinic.mapUrl: must be an https:// link, e.g. "https://2gis.kz/almaty/..."']);
    expect(problemsOf({ ...minimal(), clinic: { ...minimal().clinic, mapUrl: "ул. Сатпаева" } })).toEqual(['clinic.mapUrl: must be an https:// link, e.g. "https://2gis.kz/almaty/..."']);
  });

  it("a closed day must be a real date, named in both languages, and closed once", () => {
    const name = { ru: "Санитарный день", kk: "Санитарлық күн" };
    expect(problemsOf({ ...minimal(), closedDays: [{ date: "2026-02-30", name }] })).toEqual(['closedDays[0].date: must be a real date written "YYYY-MM-DD"']);
    expect(problemsOf({ ...minimal(), closedDays: [{ date: "2026-12-03", name }, { date: "2026-12-03", name }] })).toEqual([
      "closedDays[1].date: 2026-12-03 is already closed by closedDays[0]",
    ]);
  });

  it("data/catalog.example.json passes every check", () => {
    const result = parseCatalog(sampleJson());
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it("offers five to eight services, each provided by someone, in Russian and Kazakh", () => {
    const result = parseCatalog(sampleJson());
    if (!result.ok) throw new Error(result.problems.join("\n"));
    const { catalog } = result;
    expect(catalog.services.length).toBeGreaterThanOrEqual(5);
    expect(catalog.services.length).toBeLessThanOrEqual(8);
    expect(catalog.doctors.length).toBeGreaterThanOrEqual(5);
    for (const d of catalog.doctors) {
      expect(d.serviceIds.length).toBeLessThanOrEqual(3);
      expect(d.slotMinutes).toBeGreaterThanOrEqual(20);
      expect(d.slotMinutes).toBeLessThanOrEqual(60);
    }
    expect(catalog.clinic.phone).toMatch(/^\+7727\d{7}$/);
    expect(catalog.clinic.name.kk).toMatch(/[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
    expect(catalog.doctors.some((d) => d.weeklyHours.some((h) => h.weekday === 6))).toBe(true);
  });
});

describe("a valid catalogue", () => {
  it("comes back typed and unchanged", () => {
    const result = parseCatalog(minimal());
    expect(result).toEqual({ ok: true, catalog: minimal() });
  });

  it("may have back-to-back intervals and a split shift the same weekday", () => {
    const json = minimal();
    json.doctors[0]!.weeklyHours = [
      { weekday: 1, start: "09:00", end: "12:00" },
      { weekday: 1, start: "12:00", end: "13:00" },
      { weekday: 1, start: "14:00", end: "18:00" },
      { weekday: 6, start: "09:00", end: "12:00" },
    ];
    expect(parseCatalog(json).ok).toBe(true);
  });

  it("passes the schema as it is", () => {
    expect(catalogSchema.safeParse(minimal()).success).toBe(true);
  });
});

describe("schema problems are reported with their JSON path", () => {
  it("a missing Kazakh name says which service lacks it", () => {
    const json = minimal() as unknown as { services: { name: Record<string, string> }[] };
    delete json.services[1]!.name["kk"];
    expect(problemsOf(json)).toEqual([expect.stringMatching(/^services\[1\]\.name\.kk: /)]);
  });

  it("a text too long for Telegram's messages and buttons is reported with its limit (a 4 071-character address made every summary unsendable)", () => {
    const json = minimal();
    json.clinic.address.ru = "ул. Сатпаева, 90/1. ".repeat(204).slice(0, 4071);
    json.services[0]!.name.kk = "П".repeat(TEXT_LIMITS.name + 1);
    json.doctors[1]!.specialty.ru = "Л".repeat(TEXT_LIMITS.name);
    expect(problemsOf(json)).toEqual([
      `clinic.address.ru: must be at most ${TEXT_LIMITS.address} characters`,
      `services[0].name.kk: must be at most ${TEXT_LIMITS.name} characters`,
    ]);
  });

  it("a phone written the local way (8 727 …) is rejected as not E.164", () => {
    const json = minimal();
    json.clinic.phone = "8 727 255 01 01";
    expect(problemsOf(json)).toEqual([expect.stringMatching(/^clinic\.phone: .*E\.164/)]);
  });

  it("a doctor id with capitals or spaces is not a slug", () => {
    const json = minimal();
    json.doctors[0]!.id = "Dr Akhmetova";
    expect(problemsOf(json)).toEqual([expect.stringMatching(/^doctors\[0\]\.id: .*slug/)]);
  });

  it("weekday 0 and a time like 9:00 are caught, as is a slot length outside 5..240", () => {
    const json = minimal();
    json.doctors[1]!.weeklyHours = [{ weekday: 0, start: "9:00", end: "24:00" }];
    json.doctors[1]!.slotMinutes = 300;
    const problems = problemsOf(json);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^doctors\[1\]\.slotMinutes: /),
        expect.stringMatching(/^doctors\[1\]\.weeklyHours\[0\]\.weekday: /),
        expect.stringMatching(/^doctors\[1\]\.weeklyHours\[0\]\.start: .*HH:MM/),
        expect.stringMatching(/^doctors\[1\]\.weeklyHours\[0\]\.end: .*HH:MM/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it("a doctor who provides no services at all is rejected", () => {
    const json = minimal();
    json.doctors[0]!.serviceIds = [];
    expect(problemsOf(json)).toEqual([expect.stringMatching(/^doctors\[0\]\.serviceIds: /)]);
  });

  it("a misspelt optional key is reported rather than silently ignored", () => {
    const json = minimal() as unknown as { services: Record<string, unknown>[] };
    json.services[0]!["descripton"] = { ru: "Осмотр", kk: "Тексеру" };
    expect(problemsOf(json)).toEqual([expect.stringMatching(/^services\[0\]: .*descripton/)]);
  });

  it("something that is not a catalogue at all is reported at the root", () => {
    expect(problemsOf("hello")).toEqual([expect.stringMatching(/^\(root\): /)]);
    expect(problemsOf(null)).toHaveLength(1);
  });
});

describe("cross-reference problems", () => {
  it("two services with the same id are reported at the second one", () => {
    const json = minimal();
    json.services.push({ id: "pediatrician", name: { ru: "Педиатр 2", kk: "Педиатр 2" } });
    expect(problemsOf(json)).toEqual([
      'services[2].id: duplicate service id "pediatrician" (already used by services[0])',
    ]);
  });

  it("two doctors with the same id are reported at the second one", () => {
    const json = minimal();
    json.doctors[1]!.id = "akhmetova";
    expect(problemsOf(json)).toEqual(['doctors[1].id: duplicate doctor id "akhmetova" (already used by doctors[0])']);
  });

  it("a doctor naming a service that is not in the list is reported, with the service id", () => {
    const json = minimal();
    json.doctors[1]!.serviceIds.push("massage");
    expect(problemsOf(json)).toEqual([
      'doctors[1].serviceIds[1]: doctor "ivanova" names unknown service "massage"',
    ]);
  });

  it("a service that no doctor provides is reported, since patients could never book it", () => {
    const json = minimal();
    json.services.push({ id: "ultrasound", name: { ru: "УЗИ", kk: "УДЗ" } });
    expect(problemsOf(json)).toEqual(['services[2]: no doctor provides service "ultrasound"']);
  });
});

describe("working-hours problems", () => {
  it("an interval whose start is not before its end is reported", () => {
    const json = minimal();
    json.doctors[0]!.weeklyHours.push({ weekday: 3, start: "18:00", end: "14:00" });
    json.doctors[0]!.weeklyHours.push({ weekday: 4, start: "10:00", end: "10:00" });
    expect(problemsOf(json)).toEqual([
      'doctors[0].weeklyHours[1]: start 18:00 is not before end 14:00 for doctor "akhmetova"',
      'doctors[0].weeklyHours[2]: start 10:00 is not before end 10:00 for doctor "akhmetova"',
    ]);
  });

  it("overlapping intervals on the same weekday are reported, naming both", () => {
    const json = minimal();
    json.doctors[0]!.weeklyHours.push({ weekday: 1, start: "11:00", end: "14:00" });
    expect(problemsOf(json)).toEqual([
      'doctors[0].weeklyHours[1]: 11:00–14:00 overlaps doctors[0].weeklyHours[0] 09:00–12:00 on Monday for doctor "akhmetova"',
    ]);
  });

  it("an interval inside another counts as overlapping, but the same hours on another weekday do not", () => {
    const json = minimal();
    json.doctors[0]!.weeklyHours.push({ weekday: 1, start: "10:00", end: "11:00" });
    json.doctors[0]!.weeklyHours.push({ weekday: 2, start: "09:00", end: "12:00" });
    expect(problemsOf(json)).toEqual([expect.stringMatching(/^doctors\[0\]\.weeklyHours\[1\]: .*overlaps doctors\[0\]\.weeklyHours\[0\]/)]);
  });

  it("the same hours for two different doctors are fine", () => {
    const json = minimal();
    json.doctors[1]!.weeklyHours = [{ weekday: 1, start: "09:00", end: "12:00" }];
    expect(parseCatalog(json).ok).toBe(true);
  });

  it("an interval shorter than one slot is reported, because it could never be booked", () => {
    const json = minimal();
    json.doctors[1]!.weeklyHours.push({ weekday: 6, start: "10:00", end: "10:30" });
    expect(problemsOf(json)).toEqual([
      'doctors[1].weeklyHours[1]: interval 10:00–10:30 is shorter than one 45-minute slot for doctor "ivanova"',
    ]);
  });

  it("every problem in a badly edited catalogue is listed at once, not just the first", () => {
    const json = minimal();
    json.services.push({ id: "pediatrician", name: { ru: "Дубль", kk: "Қайталама" } });
    json.services.push({ id: "ultrasound", name: { ru: "УЗИ", kk: "УДЗ" } });
    json.doctors[0]!.serviceIds.push("massage");
    json.doctors[1]!.weeklyHours.push({ weekday: 2, start: "12:00", end: "12:30" });
    const problems = problemsOf(json);
    expect(problems).toHaveLength(5);
    expect(problems.join("\n")).toMatch(/duplicate service id/);
    expect(problems.join("\n")).toMatch(/unknown service "massage"/);
    expect(problems.join("\n")).toMatch(/no doctor provides service "ultrasound"/);
    expect(problems.join("\n")).toMatch(/shorter than one 45-minute slot/);
    expect(problems.join("\n")).toMatch(/overlaps/);
  });
});

describe("courses and groups", () => {
  it("a course and a group of the right shape pass", () => {
    const json = minimal();
    json.services[1] = { ...json.services[1]!, capacity: 6, course: { sessions: 8, rhythm: { weekdays: [2] }, startDates: ["2026-12-08"] } };
    json.services[0] = { ...json.services[0]!, course: { sessions: 3, rhythm: { everyDays: 7 } } };
    expect(parseCatalog(json)).toMatchObject({ ok: true });
  });

  it("a wrong shape is named by its path: a session count, a rhythm, a capacity, a start date", () => {
    const json = minimal() as unknown as { services: Record<string, unknown>[] };
    json.services[0]!.course = { sessions: 1, rhythm: { weekdays: [2] } };
    json.services[1]!.course = { sessions: 8, rhythm: { monthly: true }, startDates: ["2026-02-30"] };
    json.services[1]!.capacity = 0;
    expect(problemsOf(json)).toEqual([
      "services[0].course.sessions: Too small: expected number to be >=2",
      "services[1].capacity: Too small: expected number to be >=1",
      'services[1].course.rhythm: must be { "weekdays": [1, 3] } (weekly on those days, 1 = Monday) or { "everyDays": 7 }',
      'services[1].course.startDates[0]: must be a real date written "YYYY-MM-DD"',
    ]);
  });

  it("a weekly course on a day its specialist does not work, or starting on another weekday, is refused", () => {
    const json = minimal();
    json.services[1] = { ...json.services[1]!, course: { sessions: 8, rhythm: { weekdays: [2, 4] }, startDates: ["2026-12-08", "2026-12-09", "2026-12-08"] } };
    expect(problemsOf(json)).toEqual([
      "services[1].course.startDates: 2026-12-08 is listed twice",
      "services[1].course.startDates[1]: 2026-12-09 is a Wednesday, not one of the course's weekdays",
      'services[1].course.rhythm.weekdays: doctor "ivanova" gives service "speech-therapist" but does not work on Thursday',
    ]);
  });
});

