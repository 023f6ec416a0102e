import { count } from "../support/database";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { at, bookOk, bookingRequest, consentingAccount, openStore, slotIdAt, type StoreFixture } from "../support/store";

const IIN = "900101300123";

let fixture: StoreFixture;

beforeEach(async () => {
  fixture = await openStore();
});

afterEach(() => {
  vi.restoreAllMocks();
  fixture.dispose();
});

const request = bookingRequest;

/** Inserts patients the way the repository does (ids in the associated data, 16-bit index). */
function insertPatients(iins: string[]): void {
  const { cipher, store } = fixture;
  const insert = store.db.$client.prepare(
    "INSERT INTO patients (id, iin_index, iin_ct, created_at) VALUES (?, ?, ?, ?)",
  );
  const now = fixture.clock.now().toISOString();
  store.db.$client.transaction(() => {
    iins.forEach((iin, i) => {
      const id = `other-patient-${i}`;
      const ref = (column: string) => ({ table: "patients", column, rowId: id });
      insert.run(
        id,
        cipher.truncatedIndex("iin", iin),
        cipher.encrypt(ref("iin_ct"), iin),
        now,
      );
    });
  })();
}

/** IINs other than `iin` whose 16-bit blind index is the same: they land in the same bucket. */
function collidingIins(iin: string, count: number): string[] {
  const target = fixture.cipher.truncatedIndex("iin", iin);
  const found: string[] = [];
  for (let n = 700000000000; found.length < count; n += 1) {
    const candidate = String(n);
    if (candidate !== iin && fixture.cipher.truncatedIndex("iin", candidate) === target) found.push(candidate);
  }
  return found;
}

describe("finding a patient by IIN", () => {
  it("finds the patient by IIN through the 16-bit index, decrypting only the candidates that share it", () => {
    const colliding = collidingIins(IIN, 2);
    const others = Array.from({ length: 200 }, (_, i) => String(800101300000 + i * 7919));
    insertPatients([...others, ...colliding]);
    const accountId = consentingAccount(fixture.services, 1001);
    bookOk(fixture.services, request(accountId, slotIdAt(fixture.store, at("2026-12-02", "09:00"))));
    expect(count(fixture.store, "patients")).toBe(203);

    const index = fixture.cipher.truncatedIndex("iin", IIN);
    const sharing = (fixture.store.db.$client.prepare("SELECT count(*) AS n FROM patients WHERE iin_index = ?").get(index) as { n: number }).n;
    expect(sharing).toBeGreaterThanOrEqual(3); // the patient and the two colliding IINs
    expect(sharing).toBeLessThan(10);

    const decrypt = vi.spyOn(fixture.cipher, "decrypt");
    const patientId = fixture.store.patients.findIdByIin(IIN);
    expect(patientId).toBeDefined();
    expect(patientId).not.toMatch(/^other-patient-/);
    expect(decrypt.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(decrypt.mock.calls.length).toBeLessThanOrEqual(sharing);
    expect(decrypt.mock.calls.every(([ref]) => ref.table === "patients" && ref.column === "iin_ct")).toBe(true);

    // A second booking for the same IIN reuses the patient and decrypts no more than the bucket.
    decrypt.mockClear();
    bookOk(fixture.services, request(consentingAccount(fixture.services, 1002), slotIdAt(fixture.store, at("2026-12-03", "09:00"))));
    expect(decrypt.mock.calls.length).toBeLessThanOrEqual(sharing);
    expect(count(fixture.store, "patients")).toBe(203);

    // An IIN of the same bucket that belongs to nobody: every candidate of the bucket, and only those, is decrypted.
    const stranger = collidingIins(IIN, 3)[2]!;
    decrypt.mockClear();
    expect(fixture.store.patients.findIdByIin(stranger)).toBeUndefined();
    expect(decrypt).toHaveBeenCalledTimes(sharing);
  });

});
