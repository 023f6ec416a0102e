import { describe, expect, it } from "vitest";
import { courseSpanDays, mayStartOn, planCourse, sessionDates } from "../../src/domain/courses";
import { at } from "../support/store";

const ALMATY = "Asia/Almaty";

/** A free hour of a specialist on a local day. */
function hour(date: string, time: string) {
  const startsAt = at(date, time);
  return { id: `${date} ${time}`, startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString() };
}

describe("a course's rhythm", () => {
  it("weekly on chosen weekdays from the first day, or every N days", () => {
    expect(sessionDates("2026-12-02", { sessions: 5, rhythm: { weekdays: [1, 3] } })).toEqual(["2026-12-02", "2026-12-07", "2026-12-09", "2026-12-14", "2026-12-16"]);
    expect(sessionDates("2026-12-30", { sessions: 3, rhythm: { everyDays: 3 } })).toEqual(["2026-12-30", "2027-01-02", "2027-01-05"]);
    expect(courseSpanDays({ sessions: 5, rhythm: { weekdays: [1, 3] } })).toBe(28);
    expect(courseSpanDays({ sessions: 3, rhythm: { everyDays: 3 } })).toBe(9);
  });

  it("starts only on its weekdays, and on one of its start dates when it has them", () => {
    const weekly = { sessions: 4, rhythm: { weekdays: [2, 4] } };
    expect(["2026-12-07", "2026-12-08", "2026-12-10"].map((date) => mayStartOn(weekly, date))).toEqual([false, true, true]);
    const group = { ...weekly, startDates: ["2026-12-08"] };
    expect(["2026-12-08", "2026-12-10"].map((date) => mayStartOn(group, date))).toEqual([true, false]);
    expect(mayStartOn({ sessions: 4, rhythm: { everyDays: 2 } }, "2026-12-07")).toBe(true);
  });
});

describe("planning from the first slot", () => {
  it("keeps the time of day; a missing time goes to the same day's nearest, else the nearest day between the neighbours", () => {
    const first = hour("2026-12-07", "10:00");
    const free = [first, hour("2026-12-09", "12:00"), hour("2026-12-14", "09:00"), hour("2026-12-15", "10:00"), hour("2026-12-16", "10:00"), hour("2026-12-18", "10:00")];
    const plan = planCourse(first, { sessions: 4, rhythm: { weekdays: [1, 3] } }, free, [], ALMATY);
    // Wednesday 9th has only 12:00 and Monday 14th only 09:00: the same day comes first. Wednesday 16th keeps the hour.
    expect(plan.map((session) => session.slot?.id)).toEqual(["2026-12-07 10:00", "2026-12-09 12:00", "2026-12-14 09:00", "2026-12-16 10:00"]);
    // With the 16th taken too, the nearest day at the same hour: the 15th (a day before) over the 18th (two after).
    const without16 = planCourse(first, { sessions: 4, rhythm: { weekdays: [1, 3] } }, free.filter((slot) => slot.id !== "2026-12-16 10:00"), [], ALMATY);
    expect(without16[3]?.slot?.id).toBe("2026-12-15 10:00");
  });

  it("never overlaps the person's other appointments, and says so when nothing is left for a session", () => {
    const first = hour("2026-12-07", "10:00");
    const free = [first, hour("2026-12-09", "10:00")];
    const plan = planCourse(first, { sessions: 3, rhythm: { weekdays: [1, 3] } }, free, [{ startsAt: at("2026-12-09", "10:30"), endsAt: at("2026-12-09", "11:00") }], ALMATY);
    expect(plan.map((session) => session.slot?.id ?? null)).toEqual(["2026-12-07 10:00", null, null]);
  });
});
