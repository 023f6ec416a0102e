import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { zonedWallTimeToInstant } from "../../src/domain/slots";
import type { BookingRequest } from "../../src/services/bookings";
import { ALMATY, consentingAccount, openStore, person, type StoreFixture } from "../support/store";

const SADYKOVA = "sadykova-gulnar";
const IIN = "900101300126";
const NEW_IIN = "881202400564";
const NAME = "Сәрсенбаева Әлия Қанатқызы";
const PHONE = "+77011234567";
const PATIENT = { kind: "patient" } as const;

let fixture: StoreFixture;

beforeEach(async () => {
  fixture = await openStore();
});

afterEach(() => fixture.dispose());

const at = (date: string, time: string) => zonedWallTimeToInstant(date, time, ALMATY).toISOString();

function slotId(startsAt: string): string {
  const row = fixture.store.db.$client.prepare("SELECT id FROM slots WHERE doctor_id = ? AND starts_at = ?").get(SADYKOVA, startsAt) as
    | { id: string }
    | undefined;
  if (!row) throw new Error(`no slot at ${startsAt}`);
  return row.id;
}

function book(accountId: string, startsAt: string, overrides: Partial<BookingRequest> = {}) {
  const outcome = fixture.services.bookings.book({
    accountId,
    channel: "telegram",
    relation: "self",
    representativeConfirmed: false,
    person: person({ iin: IIN, fullName: NAME, phone: PHONE }),
    serviceId: "ultrasound",
    slotId: slotId(startsAt),
    policyVersion: "1.0",
    draftKey: randomUUID(),
    ...overrides,
  });
  if (!outcome.ok) throw new Error(`booking failed: ${outcome.reason}`);
  return outcome.booking;
}

function patientIdOf(accountId: string): string {
  const people = fixture.services.dataCopy.copyFor(accountId, PATIENT)!.people;
  expect(people).toHaveLength(1);
  return people[0]!.patientId;
}

function staffNotices() {
  const notices = fixture.store.staffOutbox.due(100).pending.map((pending) => pending.notice);
  for (const pending of fixture.store.staffOutbox.due(100).pending) fixture.store.staffOutbox.delivered(pending.id);
  return notices;
}

describe("correcting an IIN", () => {
  it("moves upcoming and past bookings to the corrected IIN, and staff hear only about the upcoming one", () => {
    const accountId = consentingAccount(fixture.services, 1);
    book(accountId, at("2026-12-01", "09:00"));
    const upcoming = book(accountId, at("2026-12-03", "09:00"));
    fixture.clock.set(at("2026-12-02", "09:00"));
    staffNotices();

    const outcome = fixture.services.correction.correct(accountId, patientIdOf(accountId), "iin", NEW_IIN, PATIENT);

    expect(outcome).toEqual({ ok: true, upcomingChanged: 1 });
    expect(staffNotices()).toEqual([expect.objectContaining({ kind: "changed", number: upcoming.number, maskedIin: "8812******64" })]);
    const copy = fixture.services.dataCopy.copyFor(accountId, PATIENT)!;
    expect(copy.people.map((p) => p.iin)).toEqual([NEW_IIN]);
    expect(copy.bookings.map((b) => b.patientId)).toEqual([copy.people[0]!.patientId, copy.people[0]!.patientId]);
    expect(fixture.store.patients.findIdByIin(IIN)).toBeUndefined();
  });

  it("to an IIN another account already booked for links this account to that person, leaving the other account's details alone", () => {
    const other = consentingAccount(fixture.services, 2);
    book(other, at("2026-12-04", "09:00"), { person: person({ iin: NEW_IIN, fullName: "Другая Мария Петровна", phone: "+77021234567" }) });
    const accountId = consentingAccount(fixture.services, 1);
    book(accountId, at("2026-12-03", "09:00"));
    staffNotices();

    expect(fixture.services.correction.correct(accountId, patientIdOf(accountId), "iin", NEW_IIN, PATIENT)).toEqual({ ok: true, upcomingChanged: 1 });

    expect(patientIdOf(accountId)).toBe(patientIdOf(other));
    expect(fixture.services.dataCopy.copyFor(accountId, PATIENT)!.people[0]).toMatchObject({ fullName: NAME, phone: PHONE, iin: NEW_IIN });
    expect(fixture.services.dataCopy.copyFor(other, PATIENT)!.people[0]).toMatchObject({ fullName: "Другая Мария Петровна", iin: NEW_IIN });
    expect(staffNotices()).toEqual([expect.objectContaining({ kind: "changed", patientName: NAME, maskedIin: "8812******64" })]);
  });
});

describe("correcting a name or a phone", () => {
  it("changes what the account entered and tells staff about upcoming bookings only", () => {
    const accountId = consentingAccount(fixture.services, 1);
    book(accountId, at("2026-12-01", "09:00"));
    const upcoming = book(accountId, at("2026-12-03", "09:00"));
    fixture.clock.set(at("2026-12-02", "09:00"));
    staffNotices();

    const outcome = fixture.services.correction.correct(accountId, patientIdOf(accountId), "fullName", "Сәрсенбаева Әлия Нұрланқызы", PATIENT);

    expect(outcome).toEqual({ ok: true, upcomingChanged: 1 });
    expect(staffNotices()).toEqual([expect.objectContaining({ kind: "changed", number: upcoming.number, patientName: "Сәрсенбаева Әлия Нұрланқызы" })]);
    expect(fixture.store.bookings.upcomingFor(accountId).map((b) => b.patientName)).toEqual(["Сәрсенбаева Әлия Нұрланқызы"]);
  });

  it("records whether a corrected phone was shared from the sender's own contact", () => {
    const accountId = consentingAccount(fixture.services, 1);
    book(accountId, at("2026-12-03", "09:00"));
    const patientId = patientIdOf(accountId);

    fixture.services.correction.correct(accountId, patientId, "phone", "+77021234567", PATIENT, { phoneConfirmed: true });
    expect(fixture.services.dataCopy.copyFor(accountId, PATIENT)!.people[0]).toMatchObject({ phone: "+77021234567", phoneConfirmed: true });

    fixture.services.correction.correct(accountId, patientId, "phone", "+77051234567", PATIENT);
    expect(fixture.services.dataCopy.copyFor(accountId, PATIENT)!.people[0]).toMatchObject({ phone: "+77051234567", phoneConfirmed: false });
  });
});

describe("a correction that must not act", () => {
  it("the same value again changes nothing and tells nobody", () => {
    const accountId = consentingAccount(fixture.services, 1);
    book(accountId, at("2026-12-03", "09:00"));
    staffNotices();
    expect(fixture.services.correction.correct(accountId, patientIdOf(accountId), "phone", PHONE, PATIENT)).toEqual({ ok: true, upcomingChanged: 0 });
    expect(fixture.services.correction.correct(accountId, patientIdOf(accountId), "iin", IIN, PATIENT)).toEqual({ ok: true, upcomingChanged: 0 });
    expect(staffNotices()).toEqual([]);
  });

  it("an IIN of another person the same account booked for is refused, and both people stay as they were", () => {
    const accountId = consentingAccount(fixture.services, 1);
    book(accountId, at("2026-12-03", "09:00"));
    fixture.clock.advance(60_000); // people are listed oldest first
    book(accountId, at("2026-12-04", "09:00"), { relation: "other", person: person({ iin: NEW_IIN, fullName: "Иванова Мария Петровна", phone: PHONE }) });
    const people = fixture.services.dataCopy.copyFor(accountId, PATIENT)!.people;
    staffNotices();

    expect(fixture.services.correction.correct(accountId, people[0]!.patientId, "iin", NEW_IIN, PATIENT)).toEqual({ ok: false, reason: "iin_in_use" });

    expect(fixture.services.dataCopy.copyFor(accountId, PATIENT)!.people).toEqual(people);
    expect(staffNotices()).toEqual([]);
  });

  it("someone else's person is refused; a restricted account may still correct (policy §8), a withdrawn one may not", () => {
    const owner = consentingAccount(fixture.services, 1);
    book(owner, at("2026-12-03", "09:00"));
    const stranger = consentingAccount(fixture.services, 2);
    const patientId = patientIdOf(owner);
    expect(fixture.services.correction.correct(stranger, patientId, "fullName", "Чужой Человек", PATIENT)).toEqual({ ok: false, reason: "not_found" });

    fixture.services.blocking.setBlocked(owner, true, "patient", PATIENT);
    expect(fixture.services.correction.correct(owner, patientId, "fullName", "Другое Имя", PATIENT)).toEqual({ ok: true, upcomingChanged: 1 });
    expect(fixture.services.dataCopy.copyFor(owner, PATIENT)!.people[0]!.fullName).toBe("Другое Имя");

    fixture.services.withdrawal.withdraw(owner, PATIENT);
    expect(fixture.services.correction.correct(owner, patientId, "fullName", "Третье Имя", PATIENT)).toMatchObject({ ok: false });
  });
});
