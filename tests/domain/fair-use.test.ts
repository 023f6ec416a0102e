import { describe, expect, it } from "vitest";
import { checkFairUse, type HeldBooking } from "../../src/domain/fair-use";

const LIMITS = { perPerson: 2, perPersonAndService: 1, perAccount: 3 };
const held = (id: string, patientId: string, serviceId: string, startsAt: string, endsAt: string): HeldBooking => ({ id, patientId, serviceId, startsAt, endsAt });
const AT_NINE = held("b1", "ivan", "pediatrician", "2026-12-02T04:00:00.000Z", "2026-12-02T04:30:00.000Z");

describe("fair use", () => {
  it("a booking that starts when the person's other one ends does not overlap it; one that starts before it ends does", () => {
    expect(checkFairUse([AT_NINE], { patientId: "ivan", serviceId: "neurologist", startsAt: "2026-12-02T04:30:00.000Z", endsAt: "2026-12-02T05:10:00.000Z" }, LIMITS)).toEqual({ ok: true });
    expect(checkFairUse([AT_NINE], { patientId: "ivan", serviceId: "neurologist", startsAt: "2026-12-02T04:20:00.000Z", endsAt: "2026-12-02T05:00:00.000Z" }, LIMITS)).toEqual({
      ok: false,
      reason: "overlap",
      bookingId: "b1",
    });
  });

  it("another person of the account may be booked at the same time", () => {
    expect(checkFairUse([AT_NINE], { patientId: "aliya", serviceId: "pediatrician", startsAt: AT_NINE.startsAt, endsAt: AT_NINE.endsAt }, LIMITS)).toEqual({ ok: true });
  });

  it("names the limit reached: the service's, the person's, then the account's", () => {
    const later = { serviceId: "pediatrician", startsAt: "2026-12-03T04:00:00.000Z", endsAt: "2026-12-03T04:30:00.000Z" };
    expect(checkFairUse([AT_NINE], { patientId: "ivan", ...later }, LIMITS)).toEqual({ ok: false, reason: "limit", limit: "person_service", max: 1 });
    const two = [AT_NINE, held("b2", "ivan", "neurologist", "2026-12-04T04:00:00.000Z", "2026-12-04T04:40:00.000Z")];
    expect(checkFairUse(two, { patientId: "ivan", ...later, serviceId: "ultrasound" }, LIMITS)).toEqual({ ok: false, reason: "limit", limit: "person", max: 2 });
    const three = [...two, held("b3", "aliya", "pediatrician", "2026-12-05T04:00:00.000Z", "2026-12-05T04:30:00.000Z")];
    expect(checkFairUse(three, { patientId: undefined, ...later }, LIMITS)).toEqual({ ok: false, reason: "limit", limit: "account", max: 3 });
  });
});
