import { afterEach, beforeEach, expect, it } from "vitest";
import { localDateOf } from "../../src/domain/slots";
import { allSlots } from "./catalog-fixtures";
import { ALMATY, at, openStore, type StoreFixture } from "../support/store";

let fixture: StoreFixture;

beforeEach(async () => {
  fixture = await openStore();
});

afterEach(() => fixture.dispose());

it("extends the horizon by one day when a day has passed", () => {
  const { clock } = fixture;
  const before = allSlots(fixture).length;
  clock.set(at("2026-12-02", "08:00"));
  const added = fixture.store.slotHorizon.extend();
  // 22 December 2026 is a Tuesday: the Tuesday hours of every doctor.
  const tuesday = allSlots(fixture).filter((row) => localDateOf(row.starts_at, ALMATY) === "2026-12-22");
  expect(added).toBe(tuesday.length);
  expect(added).toBeGreaterThan(0);
  expect(allSlots(fixture)).toHaveLength(before + added);
});
