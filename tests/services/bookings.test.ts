import { count } from "../support/database";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkpoint } from "../../src/store/database";
import { BookingRepository } from "../../src/store/bookings";
import { at, bookOk, consentingAccount, openStore, person, slotIdAt, type StoreFixture, bookingRequest } from "../support/store";

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

const request = bookingRequest;

function outboxBytes(): Buffer[] {
  const rows = fixture.store.db.$client.prepare("SELECT * FROM staff_outbox").all() as Record<string, unknown>[];
  return rows.flatMap((row) => Object.values(row).map((value) => (Buffer.isBuffer(value) ? value : Buffer.from(String(value), "utf8"))));
}

function containsPlainText(haystacks: Buffer[], needle: string): boolean {
  return haystacks.some((haystack) => haystack.includes(Buffer.from(needle, "utf8")) || haystack.includes(Buffer.from(needle, "utf16le")));
}

describe("book()", () => {
  it("writes one booking, one patient and one link, with the personal data encrypted", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    const booking = bookOk(fixture.services, request(accountId, slotIdAt(fixture.store, at("2026-12-02", "09:00"))));

    expect(booking).toMatchObject({ number: "B00001", serviceId: "ultrasound", doctorId: SADYKOVA, startsAt: at("2026-12-02", "09:00"), patientName: NAME });
    expect(count(fixture.store, "bookings")).toBe(1);
    expect(count(fixture.store, "patients")).toBe(1);
    expect(count(fixture.store, "patient_links")).toBe(1);
    expect(fixture.store.patients.findIdByIin(IIN)).toBeDefined();

    const rows = [
      ...(fixture.store.db.$client.prepare("SELECT * FROM patients").all() as Record<string, unknown>[]),
      ...(fixture.store.db.$client.prepare("SELECT * FROM bookings").all() as Record<string, unknown>[]),
    ];
    const bytes = rows.flatMap((row) => Object.values(row).map((value) => (Buffer.isBuffer(value) ? value : Buffer.from(String(value)))));
    for (const secret of [IIN, NAME, PHONE, accountId]) expect(containsPlainText(bytes, secret), secret).toBe(false);
  });

  it("the same draft confirmed twice is the same booking: nothing new is written and staff are told once", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    const first = request(accountId, slotIdAt(fixture.store, at("2026-12-02", "09:00")));
    const booked = fixture.services.bookings.book(first);
    // After a restart the person presses Confirm on the same summary; the slot could even be another one now.
    const again = fixture.services.bookings.book({ ...first, slotId: slotIdAt(fixture.store, at("2026-12-02", "09:40")) });
    expect(booked).toMatchObject({ ok: true, repeated: false });
    expect(again).toEqual({ ok: true, repeated: true, booking: booked.ok ? booked.booking : undefined });
    expect(count(fixture.store, "bookings")).toBe(1);
    expect(count(fixture.store, "staff_outbox")).toBe(1);
    // Another account presenting the same draft key (a forged one) gets no one else's booking.
    const other = consentingAccount(fixture.services, 1002);
    expect(fixture.services.bookings.book({ ...first, accountId: other })).toEqual({ ok: false, reason: "slot_taken" });
    expect(count(fixture.store, "bookings")).toBe(1);
  });

  it("a draft whose booking was cancelled since is not booked again silently", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    const first = request(accountId, slotIdAt(fixture.store, at("2026-12-02", "09:00")));
    const booked = fixture.services.bookings.book(first);
    if (!booked.ok) throw new Error("expected a booking");
    fixture.services.bookings.cancel(accountId, booked.booking.id, "telegram");
    expect(fixture.services.bookings.book(first)).toEqual({ ok: false, reason: "draft_cancelled" });
  });

  it("reuses the patient when the same IIN is booked again, even from another account", () => {
    const first = consentingAccount(fixture.services, 1001);
    const second = consentingAccount(fixture.services, 1002, "whatsapp");
    bookOk(fixture.services, request(first, slotIdAt(fixture.store, at("2026-12-02", "09:00"))));
    const patientId = fixture.store.patients.findIdByIin(IIN);

    bookOk(fixture.services, request(second, slotIdAt(fixture.store, at("2026-12-03", "09:00")), { channel: "whatsapp", relation: "other", representativeConfirmed: true }));
    bookOk(fixture.services, request(first, slotIdAt(fixture.store, at("2026-12-04", "09:00"))));

    expect(count(fixture.store, "patients")).toBe(1);
    expect(fixture.store.patients.findIdByIin(IIN)).toBe(patientId);
    expect(count(fixture.store, "bookings")).toBe(3);
    const links = fixture.store.db.$client.prepare("SELECT account_id, patient_id, relation FROM patient_links ORDER BY relation").all();
    expect(links).toEqual([
      { account_id: second, patient_id: patientId, relation: "other" },
      { account_id: first, patient_id: patientId, relation: "self" },
    ]);
  });

  it("tells the second patient for a slot that it is taken, and writes nothing for them", () => {
    const slot = slotIdAt(fixture.store, at("2026-12-02", "09:00"));
    bookOk(fixture.services, request(consentingAccount(fixture.services, 1001), slot));
    const outcome = fixture.services.bookings.book(request(consentingAccount(fixture.services, 1002), slot, { person: person({ iin: "850101400456" }) }));
    expect(outcome).toEqual({ ok: false, reason: "slot_taken" });
    expect(count(fixture.store, "bookings")).toBe(1);
    expect(count(fixture.store, "patients")).toBe(1);
    expect(count(fixture.store, "staff_outbox")).toBe(1);
  });

  it("answers slot_taken when a competing booking lands between its check and its insert (the unique index is the last defence)", () => {
    const slot = slotIdAt(fixture.store, at("2026-12-02", "09:00"));
    const accountId = consentingAccount(fixture.services, 1001);
    const blindIndex = fixture.cipher.blindIndex.bind(fixture.cipher);
    let raced = false;
    vi.spyOn(fixture.cipher, "blindIndex").mockImplementation((kind, value) => {
      if (kind === "owner" && !raced) {
        raced = true;
        // Another writer's booking of the same slot, committed after our "is it taken?" check.
        fixture.store.db.$client
          .prepare(
            "INSERT INTO bookings (id, number, slot_id, service_id, status, owner_index, account_ct, patient_ct, created_at) VALUES ('rival', 'RIVAL', ?, 'ultrasound', 'booked', x'00', x'00', x'00', '2026-12-01T03:00:00.000Z')",
          )
          .run(slot);
      }
      return blindIndex(kind, value);
    });
    expect(fixture.services.bookings.book(request(accountId, slot))).toEqual({ ok: false, reason: "slot_taken" });
    expect(raced).toBe(true);
    // The whole transaction was rolled back: no patient, no notice.
    expect(count(fixture.store, "patients")).toBe(0);
    expect(count(fixture.store, "staff_outbox")).toBe(0);
  });

  it("never lets another account that types the same IIN change the name or phone the first account entered", () => {
    const parent = consentingAccount(fixture.services, 1001);
    const stranger = consentingAccount(fixture.services, 1002);
    bookOk(fixture.services, request(parent, slotIdAt(fixture.store, at("2026-12-02", "09:00"))));
    bookOk(
      fixture.services,
      request(stranger, slotIdAt(fixture.store, at("2026-12-03", "09:00")), {
        person: person({ iin: IIN, fullName: "Чужой Человек", phone: "+77770000000" }),
      }),
    );

    expect(fixture.store.bookings.upcomingFor(parent).map((booking) => booking.patientName)).toEqual([NAME]);
    expect(fixture.store.bookings.upcomingFor(stranger).map((booking) => booking.patientName)).toEqual(["Чужой Человек"]);
    const [parentBooking] = fixture.store.bookings.upcomingFor(parent);
    fixture.services.bookings.cancel(parent, parentBooking!.id, "telegram");
    const cancellation = fixture.store.staffOutbox.due().pending.map((pending) => pending.notice).find((notice) => notice.kind === "cancelled");
    expect(cancellation).toMatchObject({ patientName: NAME, phone: PHONE });
  });

  it("booking the same person again under a new phone tells staff that the earlier upcoming booking changed", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    bookOk(fixture.services, request(accountId, slotIdAt(fixture.store, at("2026-12-02", "09:00"))));
    bookOk(fixture.services, request(accountId, slotIdAt(fixture.store, at("2026-12-03", "09:00")), { person: person({ iin: IIN, fullName: NAME, phone: "+77770001122" }) }));
    const notices = fixture.store.staffOutbox.due().pending.map((pending) => pending.notice);
    expect(notices.map((notice) => notice.kind).sort()).toEqual(["booked", "booked", "changed"]);
    expect(notices.find((notice) => notice.kind === "changed")).toMatchObject({ phone: "+77770001122", startsAt: at("2026-12-02", "09:00") });
  });

  it("booking the same person again with the same details tells staff nothing more", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    bookOk(fixture.services, request(accountId, slotIdAt(fixture.store, at("2026-12-02", "09:00"))));
    bookOk(fixture.services, request(accountId, slotIdAt(fixture.store, at("2026-12-03", "09:00"))));
    expect(fixture.store.staffOutbox.due().pending.map((pending) => pending.notice.kind)).toEqual(["booked", "booked"]);
  });

  it("refuses a service the slot's doctor does not provide as slot_unavailable", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    const outcome = fixture.services.bookings.book(request(accountId, slotIdAt(fixture.store, at("2026-12-02", "09:00")), { serviceId: "neurologist" }));
    expect(outcome).toEqual({ ok: false, reason: "slot_unavailable" });
    expect(count(fixture.store, "bookings")).toBe(0);
  });

  it("refuses a slot starting within the lead time, or one that does not exist, as slot_unavailable", () => {
    const accountId = consentingAccount(fixture.services, 1001);
    expect(fixture.services.bookings.book(request(accountId, slotIdAt(fixture.store, at("2026-12-01", "08:40"))))).toEqual({ ok: false, reason: "slot_unavailable" });
    expect(fixture.services.bookings.book(request(accountId, "no-such-slot"))).toEqual({ ok: false, reason: "slot_unavailable" });
    expect(count(fixture.store, "bookings")).toBe(0);
  });

  it("refuses an account without consent to processing (no_consent) and stores nothing about the person", () => {
    const onlyThirdParty = fixture.services.consents.record("telegram", 1001, {
      purpose: "third_party",
      granted: true,
      policyVersion: "1.0",
      textSha256: "0".repeat(64),
      locale: "kk",
    })!;
    const slot = slotIdAt(fixture.store, at("2026-12-02", "09:00"));
    expect(fixture.services.bookings.book(request(onlyThirdParty, slot))).toEqual({ ok: false, reason: "no_consent" });
    expect(fixture.services.bookings.book(request("no-such-account", slot))).toEqual({ ok: false, reason: "no_consent" });
    expect(count(fixture.store, "bookings")).toBe(0);
    expect(count(fixture.store, "patients")).toBe(0);
    expect(count(fixture.store, "patient_links")).toBe(0);
    expect(count(fixture.store, "staff_outbox")).toBe(0);
  });
});

describe("fairUse(), the check before the summary", () => {
  /**
   * A store on disk where account 1001 holds the 09:00 booking, a second connection to it (another
   * process: the admin CLI), and the fair-use question for that same time.
   */
  async function withRivalProcess(check: (onDisk: StoreFixture, rival: Database.Database, question: Parameters<StoreFixture["services"]["bookings"]["fairUse"]>[0]) => void): Promise<void> {
    const onDisk = await openStore({ onDisk: true });
    const rival = new Database(onDisk.databasePath);
    try {
      const accountId = consentingAccount(onDisk.services, 1001);
      bookOk(onDisk.services, request(accountId, slotIdAt(onDisk.store, at("2026-12-02", "09:00"))));
      check(onDisk, rival, { accountId, iin: IIN, serviceId: "ultrasound", slotId: slotIdAt(onDisk.store, at("2026-12-02", "09:00")) });
    } finally {
      rival.close();
      onDisk.dispose();
    }
  }

  it("reads one snapshot: the booking in the way erased by another process meanwhile is still the one it names, and nothing throws", () =>
    withRivalProcess((onDisk, rival, question) => {
      // The admin CLI erases the booking right after the check has read the account's bookings.
      const held = vi.spyOn(BookingRepository.prototype, "upcomingHeldBy");
      held.mockImplementation(function (this: BookingRepository, owner: string) {
        held.mockRestore();
        const bookings = this.upcomingHeldBy(owner);
        rival.exec("PRAGMA foreign_keys = OFF; DELETE FROM reminders; DELETE FROM bookings;");
        return bookings;
      });
      expect(onDisk.services.bookings.fairUse(question)).toMatchObject({ ok: false, reason: "overlap", existing: { startsAt: at("2026-12-02", "09:00") } });
      expect(count(onDisk.store, "bookings")).toBe(0);
    }));

  it("answers while another process holds the write lock (it only reads), and still finds the overlap", () =>
    withRivalProcess((onDisk, rival, question) => {
      // Waiting for the lock is not allowed here: a check that took it would fail at once.
      onDisk.store.db.$client.pragma("busy_timeout = 0");
      rival.exec("BEGIN IMMEDIATE");
      expect(onDisk.services.bookings.fairUse(question)).toMatchObject({ ok: false, reason: "overlap" });
      expect(onDisk.services.bookings.fairUse({ ...question, slotId: slotIdAt(onDisk.store, at("2026-12-02", "11:00")) })).toBeUndefined();
    }));
});

describe("cancel()", () => {
  it("refuses another account's booking as not_found, and leaves it active", () => {
    const owner = consentingAccount(fixture.services, 1001);
    const stranger = consentingAccount(fixture.services, 1002);
    const booking = bookOk(fixture.services, request(owner, slotIdAt(fixture.store, at("2026-12-02", "09:00"))));

    expect(fixture.services.bookings.cancel(stranger, booking.id, "telegram")).toEqual({ ok: false, reason: "not_found" });
    expect(fixture.services.bookings.cancel(stranger, "no-such-booking", "telegram")).toEqual({ ok: false, reason: "not_found" });
    expect(fixture.store.bookings.upcomingFor(owner).map((view) => view.id)).toEqual([booking.id]);
    expect(fixture.store.bookings.upcomingFor(stranger)).toEqual([]);
    expect(count(fixture.store, "staff_outbox")).toBe(1);
  });

  it("cancels the account's own booking once; a second time is already_cancelled", () => {
    const owner = consentingAccount(fixture.services, 1001);
    const booking = bookOk(fixture.services, request(owner, slotIdAt(fixture.store, at("2026-12-02", "09:00"))));
    const outcome = fixture.services.bookings.cancel(owner, booking.id, "telegram");
    expect(outcome).toEqual({ ok: true, booking: expect.objectContaining({ id: booking.id, patientName: NAME }) });
    expect(fixture.services.bookings.cancel(owner, booking.id, "telegram")).toEqual({ ok: false, reason: "already_cancelled" });
    expect(fixture.store.bookings.upcomingFor(owner)).toEqual([]);
    const row = fixture.store.db.$client.prepare("SELECT status, cancelled_by FROM bookings WHERE id = ?").get(booking.id);
    expect(row).toEqual({ status: "cancelled", cancelled_by: "patient" });
  });

  it("refuses a booking whose time has passed", () => {
    const owner = consentingAccount(fixture.services, 1001);
    const booking = bookOk(fixture.services, request(owner, slotIdAt(fixture.store, at("2026-12-02", "09:00"))));
    fixture.clock.set(at("2026-12-02", "09:01"));
    expect(fixture.services.bookings.cancel(owner, booking.id, "telegram")).toEqual({ ok: false, reason: "past" });
  });
});

describe("the staff outbox", () => {
  it("gets exactly one notice per booking and one per cancellation, and none for refused attempts", () => {
    const owner = consentingAccount(fixture.services, 1001);
    const other = consentingAccount(fixture.services, 1002);
    const slot = slotIdAt(fixture.store, at("2026-12-02", "09:00"));
    const booking = bookOk(fixture.services, request(owner, slot));
    expect(count(fixture.store, "staff_outbox")).toBe(1);

    fixture.services.bookings.book(request(other, slot)); // slot_taken
    fixture.services.bookings.cancel(other, booking.id, "telegram"); // not_found
    expect(count(fixture.store, "staff_outbox")).toBe(1);

    fixture.services.bookings.cancel(owner, booking.id, "whatsapp");
    fixture.services.bookings.cancel(owner, booking.id, "whatsapp"); // already_cancelled
    const notices = fixture.store.staffOutbox.due().pending.map((pending) => pending.notice);
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
    const owner = consentingAccount(fixture.services, 1001);
    const booking = bookOk(fixture.services, request(owner, slotIdAt(fixture.store, at("2026-12-02", "09:00"))));
    fixture.services.bookings.cancel(owner, booking.id, "telegram");
    const bytes = outboxBytes();
    expect(bytes.length).toBeGreaterThan(0);
    for (const secret of [NAME, "Сәрсенбаева", PHONE, "7011234567", IIN, "9001******23"]) {
      expect(containsPlainText(bytes, secret), secret).toBe(false);
    }
  });

  it("leaves no plain-text name, phone or IIN anywhere in the database file after a checkpoint", async () => {
    fixture.dispose();
    fixture = await openStore({ onDisk: true });
    const owner = consentingAccount(fixture.services, 1001);
    const booking = bookOk(fixture.services, request(owner, slotIdAt(fixture.store, at("2026-12-02", "09:00"))));
    fixture.services.bookings.cancel(owner, booking.id, "telegram");
    checkpoint(fixture.store.db);
    const file = readFileSync(fixture.databasePath!);
    for (const secret of [NAME, PHONE, IIN]) expect(containsPlainText([file], secret), secret).toBe(false);
  });
});
