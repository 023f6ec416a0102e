import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { zonedWallTimeToInstant } from "../../src/domain/slots";
import { checkpoint } from "../../src/store/database";
import type { BookingRequest } from "../../src/store/bookings";
import { count } from "../support/database";
import { ALMATY } from "../support/fixtures";
import { consentingAccount, openStore, person, type StoreFixture } from "../support/store";

const SADYKOVA = "sadykova-gulnar";
const IIN = "900101300123";
const NAME = "Сәрсенбаева Әлия Қанатқызы";
const PHONE = "+77011234567";

let fixture: StoreFixture;

beforeEach(async () => {
  fixture = await openStore();
});

afterEach(() => {
  vi.restoreAllMocks();
  fixture.dispose();
});

const at = (date: string, time: string) => zonedWallTimeToInstant(date, time, ALMATY).toISOString();

function slotId(startsAt: string, doctorId = SADYKOVA): string {
  const row = fixture.store.db.$client.prepare("SELECT id FROM slots WHERE doctor_id = ? AND starts_at = ?").get(doctorId, startsAt) as
    | { id: string }
    | undefined;
  if (!row) throw new Error(`no slot of ${doctorId} at ${startsAt}`);
  return row.id;
}

function request(accountId: string, slot: string, overrides: Partial<BookingRequest> = {}): BookingRequest {
  return {
    accountId,
    channel: "telegram",
    relation: "self",
    representativeConfirmed: false,
    person: person({ iin: IIN, fullName: NAME, phone: PHONE }),
    serviceId: "ultrasound",
    slotId: slot,
    policyVersion: "1.0",
    ...overrides,
  };
}

function bookOk(req: BookingRequest) {
  const outcome = fixture.store.bookings.book(req);
  if (!outcome.ok) throw new Error(`booking failed: ${outcome.reason}`);
  return outcome.booking;
}

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

function outboxBytes(): Buffer[] {
  const rows = fixture.store.db.$client.prepare("SELECT * FROM staff_outbox").all() as Record<string, unknown>[];
  return rows.flatMap((row) => Object.values(row).map((value) => (Buffer.isBuffer(value) ? value : Buffer.from(String(value), "utf8"))));
}

function containsPlainText(haystacks: Buffer[], needle: string): boolean {
  return haystacks.some((haystack) => haystack.includes(Buffer.from(needle, "utf8")) || haystack.includes(Buffer.from(needle, "utf16le")));
}

describe("book()", () => {
  it("writes one booking, one patient and one link, with the personal data encrypted", () => {
    const accountId = consentingAccount(fixture.store, 1001);
    const booking = bookOk(request(accountId, slotId(at("2026-12-02", "09:00"))));

    expect(booking).toMatchObject({ number: "B00001", serviceId: "ultrasound", doctorId: SADYKOVA, startsAt: at("2026-12-02", "09:00"), patientName: NAME });
    expect(count(fixture.store, "bookings")).toBe(1);
    expect(count(fixture.store, "patients")).toBe(1);
    expect(count(fixture.store, "patient_links")).toBe(1);
    expect(fixture.store.bookings.findPatientIdByIin(IIN)).toBeDefined();

    const rows = [
      ...(fixture.store.db.$client.prepare("SELECT * FROM patients").all() as Record<string, unknown>[]),
      ...(fixture.store.db.$client.prepare("SELECT * FROM bookings").all() as Record<string, unknown>[]),
    ];
    const bytes = rows.flatMap((row) => Object.values(row).map((value) => (Buffer.isBuffer(value) ? value : Buffer.from(String(value)))));
    for (const secret of [IIN, NAME, PHONE, accountId]) expect(containsPlainText(bytes, secret), secret).toBe(false);
  });

  it("reuses the patient when the same IIN is booked again, even from another account", () => {
    const first = consentingAccount(fixture.store, 1001);
    const second = consentingAccount(fixture.store, 1002, "whatsapp");
    bookOk(request(first, slotId(at("2026-12-02", "09:00"))));
    const patientId = fixture.store.bookings.findPatientIdByIin(IIN);

    bookOk(request(second, slotId(at("2026-12-03", "09:00")), { channel: "whatsapp", relation: "other", representativeConfirmed: true }));
    bookOk(request(first, slotId(at("2026-12-04", "09:00"))));

    expect(count(fixture.store, "patients")).toBe(1);
    expect(fixture.store.bookings.findPatientIdByIin(IIN)).toBe(patientId);
    expect(count(fixture.store, "bookings")).toBe(3);
    const links = fixture.store.db.$client.prepare("SELECT account_id, patient_id, relation FROM patient_links ORDER BY relation").all();
    expect(links).toEqual([
      { account_id: second, patient_id: patientId, relation: "other" },
      { account_id: first, patient_id: patientId, relation: "self" },
    ]);
  });

  it("finds the patient by IIN through the 16-bit index, decrypting only the candidates that share it", () => {
    const colliding = collidingIins(IIN, 2);
    const others = Array.from({ length: 200 }, (_, i) => String(800101300000 + i * 7919));
    insertPatients([...others, ...colliding]);
    const accountId = consentingAccount(fixture.store, 1001);
    bookOk(request(accountId, slotId(at("2026-12-02", "09:00"))));
    expect(count(fixture.store, "patients")).toBe(203);

    const index = fixture.cipher.truncatedIndex("iin", IIN);
    const sharing = (fixture.store.db.$client.prepare("SELECT count(*) AS n FROM patients WHERE iin_index = ?").get(index) as { n: number }).n;
    expect(sharing).toBeGreaterThanOrEqual(3); // the patient and the two colliding IINs
    expect(sharing).toBeLessThan(10);

    const decrypt = vi.spyOn(fixture.cipher, "decrypt");
    const patientId = fixture.store.bookings.findPatientIdByIin(IIN);
    expect(patientId).toBeDefined();
    expect(patientId).not.toMatch(/^other-patient-/);
    expect(decrypt.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(decrypt.mock.calls.length).toBeLessThanOrEqual(sharing);
    expect(decrypt.mock.calls.every(([ref]) => ref.table === "patients" && ref.column === "iin_ct")).toBe(true);

    // A second booking for the same IIN reuses the patient and decrypts no more than the bucket.
    decrypt.mockClear();
    bookOk(request(consentingAccount(fixture.store, 1002), slotId(at("2026-12-03", "09:00"))));
    expect(decrypt.mock.calls.length).toBeLessThanOrEqual(sharing);
    expect(count(fixture.store, "patients")).toBe(203);

    // An IIN of the same bucket that belongs to nobody: every candidate of the bucket, and only those, is decrypted.
    const stranger = collidingIins(IIN, 3)[2]!;
    decrypt.mockClear();
    expect(fixture.store.bookings.findPatientIdByIin(stranger)).toBeUndefined();
    expect(decrypt).toHaveBeenCalledTimes(sharing);
  });

  it("tells the second patient for a slot that it is taken, and writes nothing for them", () => {
    const slot = slotId(at("2026-12-02", "09:00"));
    bookOk(request(consentingAccount(fixture.store, 1001), slot));
    const outcome = fixture.store.bookings.book(request(consentingAccount(fixture.store, 1002), slot, { person: person({ iin: "850101400456" }) }));
    expect(outcome).toEqual({ ok: false, reason: "slot_taken" });
    expect(count(fixture.store, "bookings")).toBe(1);
    expect(count(fixture.store, "patients")).toBe(1);
    expect(count(fixture.store, "staff_outbox")).toBe(1);
  });

  it("answers slot_taken when a competing booking lands between its check and its insert (the unique index is the last defence)", () => {
    const slot = slotId(at("2026-12-02", "09:00"));
    const accountId = consentingAccount(fixture.store, 1001);
    const blindIndex = fixture.cipher.blindIndex.bind(fixture.cipher);
    let raced = false;
    vi.spyOn(fixture.cipher, "blindIndex").mockImplementation((kind, value) => {
      if (kind === "owner" && !raced) {
        raced = true;
        // Another writer's booking of the same slot, committed after our "is it taken?" check.
        fixture.store.db.$client
          .prepare(
            "INSERT INTO bookings (id, number, slot_id, service_id, status, owner_index, account_ct, patient_ct, created_at) VALUES ('rival', 'RIVAL', ?, 'ultrasound', 'active', x'00', x'00', x'00', '2026-12-01T03:00:00.000Z')",
          )
          .run(slot);
      }
      return blindIndex(kind, value);
    });
    expect(fixture.store.bookings.book(request(accountId, slot))).toEqual({ ok: false, reason: "slot_taken" });
    expect(raced).toBe(true);
    // The whole transaction was rolled back: no patient, no notice.
    expect(count(fixture.store, "patients")).toBe(0);
    expect(count(fixture.store, "staff_outbox")).toBe(0);
  });

  it("never lets another account that types the same IIN change the name or phone the first account entered", () => {
    const parent = consentingAccount(fixture.store, 1001);
    const stranger = consentingAccount(fixture.store, 1002);
    bookOk(request(parent, slotId(at("2026-12-02", "09:00"))));
    bookOk(
      request(stranger, slotId(at("2026-12-03", "09:00")), {
        person: person({ iin: IIN, fullName: "Чужой Человек", phone: "+77770000000" }),
      }),
    );

    expect(fixture.store.bookings.upcomingFor(parent).map((booking) => booking.patientName)).toEqual([NAME]);
    expect(fixture.store.bookings.upcomingFor(stranger).map((booking) => booking.patientName)).toEqual(["Чужой Человек"]);
    const [parentBooking] = fixture.store.bookings.upcomingFor(parent);
    fixture.store.bookings.cancel(parent, parentBooking!.id, "telegram");
    const cancellation = fixture.store.staffOutbox.due().map((pending) => pending.notice).find((notice) => notice.kind === "cancelled");
    expect(cancellation).toMatchObject({ patientName: NAME, phone: PHONE });
  });

  it("booking the same person again under a new phone tells staff that the earlier upcoming booking changed", () => {
    const accountId = consentingAccount(fixture.store, 1001);
    bookOk(request(accountId, slotId(at("2026-12-02", "09:00"))));
    bookOk(request(accountId, slotId(at("2026-12-03", "09:00")), { person: person({ iin: IIN, fullName: NAME, phone: "+77770001122" }) }));
    const notices = fixture.store.staffOutbox.due().map((pending) => pending.notice);
    expect(notices.map((notice) => notice.kind).sort()).toEqual(["booked", "booked", "changed"]);
    expect(notices.find((notice) => notice.kind === "changed")).toMatchObject({ phone: "+77770001122", startsAt: at("2026-12-02", "09:00") });
  });

  it("booking the same person again with the same details tells staff nothing more", () => {
    const accountId = consentingAccount(fixture.store, 1001);
    bookOk(request(accountId, slotId(at("2026-12-02", "09:00"))));
    bookOk(request(accountId, slotId(at("2026-12-03", "09:00"))));
    expect(fixture.store.staffOutbox.due().map((pending) => pending.notice.kind)).toEqual(["booked", "booked"]);
  });

  it("refuses a service the slot's doctor does not provide as slot_unavailable", () => {
    const accountId = consentingAccount(fixture.store, 1001);
    const outcome = fixture.store.bookings.book(request(accountId, slotId(at("2026-12-02", "09:00")), { serviceId: "neurologist" }));
    expect(outcome).toEqual({ ok: false, reason: "slot_unavailable" });
    expect(count(fixture.store, "bookings")).toBe(0);
  });

  it("refuses a slot starting within the lead time, or one that does not exist, as slot_unavailable", () => {
    const accountId = consentingAccount(fixture.store, 1001);
    expect(fixture.store.bookings.book(request(accountId, slotId(at("2026-12-01", "08:40"))))).toEqual({ ok: false, reason: "slot_unavailable" });
    expect(fixture.store.bookings.book(request(accountId, "no-such-slot"))).toEqual({ ok: false, reason: "slot_unavailable" });
    expect(count(fixture.store, "bookings")).toBe(0);
  });

  it("refuses an account without consent to processing (no_consent) and stores nothing about the person", () => {
    const onlyThirdParty = fixture.store.accounts.recordConsent("telegram", 1001, {
      purpose: "third_party",
      granted: true,
      policyVersion: "1.0",
      textSha256: "0".repeat(64),
      locale: "kk",
    })!;
    const slot = slotId(at("2026-12-02", "09:00"));
    expect(fixture.store.bookings.book(request(onlyThirdParty, slot))).toEqual({ ok: false, reason: "no_consent" });
    expect(fixture.store.bookings.book(request("no-such-account", slot))).toEqual({ ok: false, reason: "no_consent" });
    expect(count(fixture.store, "bookings")).toBe(0);
    expect(count(fixture.store, "patients")).toBe(0);
    expect(count(fixture.store, "patient_links")).toBe(0);
    expect(count(fixture.store, "staff_outbox")).toBe(0);
  });
});

describe("the partial unique index on active bookings", () => {
  const insertBooking = (id: string, slot: string, status: "active" | "cancelled") =>
    fixture.store.db.$client
      .prepare(
        "INSERT INTO bookings (id, number, slot_id, service_id, status, owner_index, account_ct, patient_ct, created_at) VALUES (?, ?, ?, 'ultrasound', ?, x'00', x'00', x'00', '2026-12-01T03:00:00.000Z')",
      )
      .run(id, `N-${id}`, slot, status);

  it("rejects a second active booking on the same slot even when inserted directly with SQL", () => {
    const slot = slotId(at("2026-12-02", "09:00"));
    bookOk(request(consentingAccount(fixture.store, 1001), slot));
    expect(() => insertBooking("direct", slot, "active")).toThrow(/UNIQUE constraint failed: bookings\.slot_id/);
    expect(count(fixture.store, "bookings")).toBe(1);
  });

  it("allows any number of cancelled bookings beside the one active booking of a slot", () => {
    const slot = slotId(at("2026-12-02", "09:00"));
    insertBooking("c1", slot, "cancelled");
    insertBooking("c2", slot, "cancelled");
    insertBooking("a1", slot, "active");
    expect(() => insertBooking("a2", slot, "active")).toThrow(/UNIQUE/);
  });

  it("lets the slot be booked again once its booking is cancelled", () => {
    const slot = slotId(at("2026-12-02", "09:00"));
    const accountId = consentingAccount(fixture.store, 1001);
    const booking = bookOk(request(accountId, slot));
    expect(fixture.store.bookings.cancel(accountId, booking.id, "telegram").ok).toBe(true);
    expect(fixture.store.bookings.book(request(consentingAccount(fixture.store, 1002), slot)).ok).toBe(true);
  });
});

describe("cancel()", () => {
  it("refuses another account's booking as not_found, and leaves it active", () => {
    const owner = consentingAccount(fixture.store, 1001);
    const stranger = consentingAccount(fixture.store, 1002);
    const booking = bookOk(request(owner, slotId(at("2026-12-02", "09:00"))));

    expect(fixture.store.bookings.cancel(stranger, booking.id, "telegram")).toEqual({ ok: false, reason: "not_found" });
    expect(fixture.store.bookings.cancel(stranger, "no-such-booking", "telegram")).toEqual({ ok: false, reason: "not_found" });
    expect(fixture.store.bookings.upcomingFor(owner).map((view) => view.id)).toEqual([booking.id]);
    expect(fixture.store.bookings.upcomingFor(stranger)).toEqual([]);
    expect(count(fixture.store, "staff_outbox")).toBe(1);
  });

  it("cancels the account's own booking once; a second time is already_cancelled", () => {
    const owner = consentingAccount(fixture.store, 1001);
    const booking = bookOk(request(owner, slotId(at("2026-12-02", "09:00"))));
    const outcome = fixture.store.bookings.cancel(owner, booking.id, "telegram");
    expect(outcome).toEqual({ ok: true, booking: expect.objectContaining({ id: booking.id, patientName: NAME }) });
    expect(fixture.store.bookings.cancel(owner, booking.id, "telegram")).toEqual({ ok: false, reason: "already_cancelled" });
    expect(fixture.store.bookings.upcomingFor(owner)).toEqual([]);
    const row = fixture.store.db.$client.prepare("SELECT status, cancelled_by FROM bookings WHERE id = ?").get(booking.id);
    expect(row).toEqual({ status: "cancelled", cancelled_by: "patient" });
  });

  it("refuses a booking whose time has passed", () => {
    const owner = consentingAccount(fixture.store, 1001);
    const booking = bookOk(request(owner, slotId(at("2026-12-02", "09:00"))));
    fixture.clock.set(at("2026-12-02", "09:01"));
    expect(fixture.store.bookings.cancel(owner, booking.id, "telegram")).toEqual({ ok: false, reason: "past" });
  });
});

describe("the staff outbox", () => {
  it("gets exactly one notice per booking and one per cancellation, and none for refused attempts", () => {
    const owner = consentingAccount(fixture.store, 1001);
    const other = consentingAccount(fixture.store, 1002);
    const slot = slotId(at("2026-12-02", "09:00"));
    const booking = bookOk(request(owner, slot));
    expect(count(fixture.store, "staff_outbox")).toBe(1);

    fixture.store.bookings.book(request(other, slot)); // slot_taken
    fixture.store.bookings.cancel(other, booking.id, "telegram"); // not_found
    expect(count(fixture.store, "staff_outbox")).toBe(1);

    fixture.store.bookings.cancel(owner, booking.id, "whatsapp");
    fixture.store.bookings.cancel(owner, booking.id, "whatsapp"); // already_cancelled
    const notices = fixture.store.staffOutbox.due().map((pending) => pending.notice);
    expect(notices).toEqual([
      {
        kind: "booked",
        number: booking.number,
        serviceId: "ultrasound",
        doctorId: SADYKOVA,
        startsAt: at("2026-12-02", "09:00"),
        patientName: NAME,
        phone: PHONE,
        maskedIin: "9001******23",
        channel: "telegram",
      },
      expect.objectContaining({ kind: "cancelled", number: booking.number, patientName: NAME, phone: PHONE, channel: "whatsapp" }),
    ]);
  });

  it("holds neither the patient's name, phone nor IIN in plain text in any of its bytes", () => {
    const owner = consentingAccount(fixture.store, 1001);
    const booking = bookOk(request(owner, slotId(at("2026-12-02", "09:00"))));
    fixture.store.bookings.cancel(owner, booking.id, "telegram");
    const bytes = outboxBytes();
    expect(bytes.length).toBeGreaterThan(0);
    for (const secret of [NAME, "Сәрсенбаева", PHONE, "7011234567", IIN, "9001******23"]) {
      expect(containsPlainText(bytes, secret), secret).toBe(false);
    }
  });

  it("leaves no plain-text name, phone or IIN anywhere in the database file after a checkpoint", async () => {
    fixture.dispose();
    fixture = await openStore({ file: true });
    const owner = consentingAccount(fixture.store, 1001);
    const booking = bookOk(request(owner, slotId(at("2026-12-02", "09:00"))));
    fixture.store.bookings.cancel(owner, booking.id, "telegram");
    checkpoint(fixture.store.db);
    const file = readFileSync(fixture.databasePath);
    for (const secret of [NAME, PHONE, IIN]) expect(containsPlainText([file], secret), secret).toBe(false);
  });
});
