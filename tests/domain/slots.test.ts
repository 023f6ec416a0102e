import { describe, expect, it } from "vitest";
import { addDays, generateSlots, isoWeekday, localDateOf, localTimeOf, zonedWallTimeToInstant } from "../../src/domain/slots";
import type { DoctorSchedule, GeneratedSlot } from "../../src/domain/slots";

const ALMATY = "Asia/Almaty";

function doctor(doctorId: string, slotMinutes: number, weeklyHours: DoctorSchedule["weeklyHours"]): DoctorSchedule {
  return { doctorId, slotMinutes, weeklyHours };
}

function starts(slots: GeneratedSlot[]): string[] {
  return slots.map((s) => s.startsAt);
}

describe("calendar dates", () => {
  it("knows that 1 December 2026 is a Tuesday and 6 December 2026 a Sunday (ISO 7)", () => {
    expect(isoWeekday("2026-11-30")).toBe(1);
    expect(isoWeekday("2026-12-01")).toBe(2);
    expect(isoWeekday("2026-12-06")).toBe(7);
  });

  it("steps over month ends, leap days and year ends without any time zone", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
  });

  it("refuses a date that does not exist rather than rolling it over", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => isoWeekday("2026-13-01")).toThrow(RangeError);
    expect(() => isoWeekday("1.12.2026")).toThrow(RangeError);
  });
});

describe("Almaty is UTC+5", () => {
  it("09:00 in Almaty on 1 December 2026 is 04:00 UTC", () => {
    expect(zonedWallTimeToInstant("2026-12-01", "09:00", ALMATY).toISOString()).toBe("2026-12-01T04:00:00.000Z");
  });

  it("Node's tzdata says Almaty was still UTC+6 on 28 February 2024, before Kazakhstan moved to a single zone", () => {
    expect(zonedWallTimeToInstant("2024-02-28", "09:00", ALMATY).toISOString()).toBe("2024-02-28T03:00:00.000Z");
    expect(zonedWallTimeToInstant("2024-03-01", "09:00", ALMATY).toISOString()).toBe("2024-03-01T04:00:00.000Z");
  });

  it("the evening hour repeated when Almaty moved back to +5 on 1 March 2024 resolves to its first occurrence", () => {
    // 23:30 on 29 February happened at +6 and again at +5.
    expect(zonedWallTimeToInstant("2024-02-29", "23:30", ALMATY).toISOString()).toBe("2024-02-29T17:30:00.000Z");
    expect(localTimeOf("2024-02-29T18:30:00.000Z", ALMATY)).toBe("23:30");
  });

  it("the slots of a doctor in Almaty are stored as UTC instants five hours earlier", () => {
    const slots = generateSlots([doctor("pediatrician", 30, [{ weekday: 2, start: "09:00", end: "10:00" }])], "2026-12-01", 1, ALMATY);
    expect(slots).toEqual([
      { doctorId: "pediatrician", startsAt: "2026-12-01T04:00:00.000Z", endsAt: "2026-12-01T04:30:00.000Z" },
      { doctorId: "pediatrician", startsAt: "2026-12-01T04:30:00.000Z", endsAt: "2026-12-01T05:00:00.000Z" },
    ]);
  });
});

describe("filling working hours with slots", () => {
  it("a doctor who works Monday 09:00–12:00 with 30-minute slots gets six slots that Monday", () => {
    const slots = generateSlots([doctor("neuro", 30, [{ weekday: 1, start: "09:00", end: "12:00" }])], "2026-11-30", 1, ALMATY);
    expect(slots).toHaveLength(6);
    expect(slots.map((s) => localTimeOf(s.startsAt, ALMATY))).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]);
    expect(slots.every((s) => localDateOf(s.startsAt, ALMATY) === "2026-11-30")).toBe(true);
  });

  it("slots follow each other back to back, each ending when the next begins", () => {
    const slots = generateSlots([doctor("neuro", 40, [{ weekday: 1, start: "14:00", end: "18:00" }])], "2026-11-30", 1, ALMATY);
    expect(slots).toHaveLength(6);
    for (let i = 1; i < slots.length; i += 1) expect(slots[i]?.startsAt).toBe(slots[i - 1]?.endsAt);
    expect(localTimeOf(slots.at(-1)?.endsAt ?? "", ALMATY)).toBe("18:00");
  });

  it("a speech therapist with 45-minute slots from 10:00 to 12:00 gets two slots, the last 30 minutes are dropped", () => {
    const slots = generateSlots([doctor("logoped", 45, [{ weekday: 2, start: "10:00", end: "12:00" }])], "2026-12-01", 1, ALMATY);
    expect(slots.map((s) => `${localTimeOf(s.startsAt, ALMATY)}–${localTimeOf(s.endsAt, ALMATY)}`)).toEqual([
      "10:00–10:45",
      "10:45–11:30",
    ]);
  });

  it("an interval shorter than one slot yields nothing", () => {
    expect(generateSlots([doctor("lfk", 60, [{ weekday: 2, start: "10:00", end: "10:50" }])], "2026-12-01", 1, ALMATY)).toEqual([]);
  });

  it("over a week, a doctor working Monday, Wednesday and Saturday morning only gets slots on those dates", () => {
    const schedule = doctor("ped", 60, [
      { weekday: 1, start: "09:00", end: "11:00" },
      { weekday: 3, start: "09:00", end: "11:00" },
      { weekday: 6, start: "09:00", end: "10:00" },
    ]);
    const slots = generateSlots([schedule], "2026-11-30", 7, ALMATY);
    expect(slots.map((s) => `${localDateOf(s.startsAt, ALMATY)} ${localTimeOf(s.startsAt, ALMATY)}`)).toEqual([
      "2026-11-30 09:00",
      "2026-11-30 10:00",
      "2026-12-02 09:00",
      "2026-12-02 10:00",
      "2026-12-05 09:00",
    ]);
  });

  it("a window that starts mid-week wraps round to the next week's Monday", () => {
    const schedule = doctor("ped", 60, [{ weekday: 1, start: "09:00", end: "10:00" }]);
    expect(starts(generateSlots([schedule], "2026-12-03", 4, ALMATY))).toEqual([]);
    expect(starts(generateSlots([schedule], "2026-12-03", 12, ALMATY))).toEqual([
      "2026-12-07T04:00:00.000Z",
      "2026-12-14T04:00:00.000Z",
    ]);
  });

  it("a doctor with a morning and an afternoon shift the same day gets both, with the lunch break left free", () => {
    const slots = generateSlots(
      [
        doctor("logoped", 60, [
          { weekday: 2, start: "14:00", end: "16:00" },
          { weekday: 2, start: "10:00", end: "12:00" },
        ]),
      ],
      "2026-12-01",
      1,
      ALMATY,
    );
    expect(slots.map((s) => localTimeOf(s.startsAt, ALMATY))).toEqual(["10:00", "11:00", "14:00", "15:00"]);
  });

  it("slots of several doctors come sorted by start time, and by doctor id when they start together", () => {
    const slots = generateSlots(
      [
        doctor("zhaksylykov", 30, [{ weekday: 2, start: "09:00", end: "10:00" }]),
        doctor("akhmetova", 20, [{ weekday: 2, start: "09:00", end: "10:00" }]),
      ],
      "2026-12-01",
      1,
      ALMATY,
    );
    expect(slots.map((s) => `${localTimeOf(s.startsAt, ALMATY)} ${s.doctorId}`)).toEqual([
      "09:00 akhmetova",
      "09:00 zhaksylykov",
      "09:20 akhmetova",
      "09:30 zhaksylykov",
      "09:40 akhmetova",
    ]);
  });

  it("asking for zero days gives no slots, and a negative day count is an error", () => {
    const schedule = doctor("ped", 30, [{ weekday: 2, start: "09:00", end: "10:00" }]);
    expect(generateSlots([schedule], "2026-12-01", 0, ALMATY)).toEqual([]);
    expect(() => generateSlots([schedule], "2026-12-01", -1, ALMATY)).toThrow(RangeError);
  });

  it("a malformed working-hours time or an unknown time zone is reported instead of producing odd slots", () => {
    expect(() =>
      generateSlots([doctor("ped", 30, [{ weekday: 2, start: "9:00", end: "10:00" }])], "2026-12-01", 1, ALMATY),
    ).toThrow(RangeError);
    expect(() => generateSlots([], "2026-12-01", 1, "Asia/Nowhere")).toThrow(RangeError);
  });
});

describe("time zones with daylight saving time", () => {
  const BERLIN = "Europe/Berlin";
  const NEW_YORK = "America/New_York";

  it("in Berlin 02:30 does not exist on the spring-forward Sunday, 29 March 2026", () => {
    expect(() => zonedWallTimeToInstant("2026-03-29", "02:30", BERLIN)).toThrow(RangeError);
    expect(zonedWallTimeToInstant("2026-03-29", "01:59", BERLIN).toISOString()).toBe("2026-03-29T00:59:00.000Z");
    expect(zonedWallTimeToInstant("2026-03-29", "03:00", BERLIN).toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  it("a Berlin doctor working 01:00–04:00 that Sunday loses the 02:00 and 02:30 slots that never happen", () => {
    const slots = generateSlots([doctor("night", 30, [{ weekday: 7, start: "01:00", end: "04:00" }])], "2026-03-29", 1, BERLIN);
    expect(slots.map((s) => localTimeOf(s.startsAt, BERLIN))).toEqual(["01:00", "01:30", "03:00", "03:30"]);
    expect(starts(slots)).toEqual([
      "2026-03-29T00:00:00.000Z",
      "2026-03-29T00:30:00.000Z",
      "2026-03-29T01:00:00.000Z",
      "2026-03-29T01:30:00.000Z",
    ]);
  });

  it("a long Berlin slot that would run into the next one across the lost hour is skipped, so slots never overlap", () => {
    const slots = generateSlots([doctor("night", 90, [{ weekday: 7, start: "00:15", end: "06:00" }])], "2026-03-29", 1, BERLIN);
    for (let i = 1; i < slots.length; i += 1) {
      expect(Date.parse(slots[i]?.startsAt ?? "")).toBeGreaterThanOrEqual(Date.parse(slots[i - 1]?.endsAt ?? ""));
    }
    expect(slots.map((s) => localTimeOf(s.startsAt, BERLIN))).toEqual(["00:15", "01:45"]);
  });

  it("on the Berlin fall-back Sunday, 25 October 2026, the repeated 02:30 is taken at its first occurrence (summer time)", () => {
    expect(zonedWallTimeToInstant("2026-10-25", "02:30", BERLIN).toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(zonedWallTimeToInstant("2026-10-25", "03:00", BERLIN).toISOString()).toBe("2026-10-25T02:00:00.000Z");
  });

  it("a Berlin doctor working 01:00–04:00 on the fall-back Sunday gets each wall-clock slot once, without duplicates", () => {
    const slots = generateSlots([doctor("night", 30, [{ weekday: 7, start: "01:00", end: "04:00" }])], "2026-10-25", 1, BERLIN);
    expect(slots.map((s) => localTimeOf(s.startsAt, BERLIN))).toEqual(["01:00", "01:30", "02:00", "02:30", "03:00", "03:30"]);
    expect(new Set(starts(slots)).size).toBe(6);
  });

  it("ordinary Berlin office hours are +1 in winter and +2 in summer", () => {
    const schedule = doctor("berlin", 60, [{ weekday: 1, start: "09:00", end: "10:00" }]);
    expect(starts(generateSlots([schedule], "2026-01-05", 1, BERLIN))).toEqual(["2026-01-05T08:00:00.000Z"]);
    expect(starts(generateSlots([schedule], "2026-07-06", 1, BERLIN))).toEqual(["2026-07-06T07:00:00.000Z"]);
  });

  it("a New York doctor's 09:00 Monday slot moves from 14:00Z to 13:00Z across the 8 March 2026 spring-forward weekend", () => {
    const schedule = doctor("nyc", 30, [{ weekday: 1, start: "09:00", end: "09:30" }]);
    expect(starts(generateSlots([schedule], "2026-03-02", 14, NEW_YORK))).toEqual([
      "2026-03-02T14:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
    ]);
  });

  it("in New York 02:15 is skipped on 8 March 2026 and 01:30 on 1 November 2026 resolves to daylight time", () => {
    expect(() => zonedWallTimeToInstant("2026-03-08", "02:15", NEW_YORK)).toThrow(RangeError);
    expect(zonedWallTimeToInstant("2026-11-01", "01:30", NEW_YORK).toISOString()).toBe("2026-11-01T05:30:00.000Z");
    expect(zonedWallTimeToInstant("2026-11-01", "02:00", NEW_YORK).toISOString()).toBe("2026-11-01T07:00:00.000Z");
  });

  it("zones with half- and quarter-hour offsets convert too", () => {
    expect(zonedWallTimeToInstant("2026-12-01", "09:00", "Asia/Kolkata").toISOString()).toBe("2026-12-01T03:30:00.000Z");
    expect(zonedWallTimeToInstant("2026-12-01", "09:00", "Asia/Kathmandu").toISOString()).toBe("2026-12-01T03:15:00.000Z");
  });
});

describe("reading instants back as local dates and times", () => {
  it("18:59Z is still 1 December in Almaty but 19:00Z is already midnight of 2 December", () => {
    expect(localDateOf("2026-12-01T18:59:00.000Z", ALMATY)).toBe("2026-12-01");
    expect(localTimeOf("2026-12-01T18:59:00.000Z", ALMATY)).toBe("23:59");
    expect(localDateOf("2026-12-01T19:00:00.000Z", ALMATY)).toBe("2026-12-02");
    expect(localTimeOf("2026-12-01T19:00:00.000Z", ALMATY)).toBe("00:00");
  });

  it("the same instant near midnight falls on different dates in Almaty, London and New York", () => {
    const instant = new Date("2026-12-01T23:30:00.000Z");
    expect(localDateOf(instant, ALMATY)).toBe("2026-12-02");
    expect(localDateOf(instant, "Europe/London")).toBe("2026-12-01");
    expect(localDateOf(instant, "America/New_York")).toBe("2026-12-01");
    expect(localDateOf("2026-12-02T04:59:00.000Z", "America/New_York")).toBe("2026-12-01");
    expect(localDateOf("2026-12-02T05:00:00.000Z", "America/New_York")).toBe("2026-12-02");
  });

  it("local time is shown on a 24-hour clock with midnight as 00:00", () => {
    expect(localTimeOf("2026-12-01T13:05:00.000Z", ALMATY)).toBe("18:05");
    expect(localTimeOf("2026-12-01T00:00:00.000Z", "UTC")).toBe("00:00");
  });

  it("an unparseable instant is an error, not an Invalid Date string", () => {
    expect(() => localDateOf("not a date", ALMATY)).toThrow(RangeError);
  });

  it("every generated slot in Almaty reads back as the wall time and date it was generated from", () => {
    const schedule = doctor("ped", 20, [
      { weekday: 1, start: "08:00", end: "12:00" },
      { weekday: 6, start: "09:00", end: "11:00" },
    ]);
    const slots = generateSlots([schedule], "2026-11-28", 10, ALMATY);
    for (const slot of slots) {
      const date = localDateOf(slot.startsAt, ALMATY);
      const time = localTimeOf(slot.startsAt, ALMATY);
      expect(zonedWallTimeToInstant(date, time, ALMATY).toISOString()).toBe(slot.startsAt);
      expect([1, 6]).toContain(isoWeekday(date));
    }
    expect(slots).toHaveLength(12 + 6 + 12 + 6);
  });
});
