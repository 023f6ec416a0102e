import { count } from "../support/database";
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chatKey } from "../../src/domain/channel";
import { at, consentingAccount, openStore, person, slotIdAt, type StoreFixture } from "../support/store";
import { failAtEveryWrite } from "../support/failing-writes";

const WA_ID = "77011234567@c.us";
const OWN_IIN = "900101300123";
const CHILD_IIN = "150505600341";
const OTHER_IIN = "881202400564";

let fixture: StoreFixture;

beforeEach(async () => {
  fixture = await openStore();
});

afterEach(() => fixture.dispose());

function book(accountId: string, startsAt: string, who: { iin: string; relation: "self" | "other" }, channel: "telegram" | "whatsapp") {
  const outcome = fixture.services.bookings.book({
    accountId,
    channel,
    relation: who.relation,
    representativeConfirmed: who.relation === "other",
    person: person({ iin: who.iin, fullName: who.relation === "self" ? "Сәрсенбаева Әлия Қанатқызы" : "Сәрсенбаев Нұрлан Асқарұлы" }),
    serviceId: "ultrasound",
    slotId: slotIdAt(fixture.store, startsAt),
    policyVersion: "1.0",
    draftKey: randomUUID(),
  });
  if (!outcome.ok) throw new Error(`booking failed: ${outcome.reason}`);
  return outcome.booking;
}

/**
 * A WhatsApp account with its own visits and a child's, two of them past, two upcoming and one
 * cancelled; its consents, language, draft and an audit entry; and a Telegram account that booked for
 * itself and for the same child. Every staff notice is still waiting in the outbox.
 */
function seed() {
  const { store, services, clock } = fixture;
  const chatId = store.whatsappChats.numericIdFor(WA_ID);
  const subject = consentingAccount(services, chatId, "whatsapp");
  services.consents.record("whatsapp", chatId, { purpose: "third_party", granted: true, policyVersion: "1.0", textSha256: "0".repeat(64), locale: "kk" });
  store.preferences.setLocale("whatsapp", chatId, "kk");
  const self = { iin: OWN_IIN, relation: "self" } as const;
  const child = { iin: CHILD_IIN, relation: "other" } as const;
  book(subject, at("2026-12-02", "09:00"), self, "whatsapp");
  book(subject, at("2026-12-02", "09:20"), child, "whatsapp");
  clock.set(at("2026-12-03", "08:00"));
  book(subject, at("2026-12-04", "09:00"), self, "whatsapp");
  book(subject, at("2026-12-07", "09:00"), child, "whatsapp");
  const cancelled = book(subject, at("2026-12-08", "09:00"), self, "whatsapp");
  services.bookings.cancel(subject, cancelled.id, "whatsapp");

  const other = consentingAccount(services, 2002);
  store.preferences.setLocale("telegram", 2002, "ru");
  book(other, at("2026-12-04", "09:20"), { iin: OTHER_IIN, relation: "self" }, "telegram");
  book(other, at("2026-12-04", "09:40"), child, "telegram");

  store.conversationStates.write(chatKey("whatsapp", chatId), { typed: OWN_IIN });
  services.dataCopy.copyFor(subject, { kind: "patient", id: subject });
  return { chatId, subject, other };
}

function noticeKinds(): string[] {
  return fixture.store.staffOutbox
    .due(100).pending
    .map(({ notice }) => `${notice.kind} ${"number" in notice ? notice.number : "doctorId" in notice ? notice.doctorId : notice.absenceId}`)
    .sort();
}

/** The seed's seven bookings and one cancellation, as the anonymous monthly counts hold them: no erasure changes them. */
const SEEDED_COUNTS = [{ service_id: "ultrasound", month: "2026-12", booked: 7, cancelled: 1, no_shows: 0, offers_taken: 0 }];

function monthlyCounts() {
  return fixture.store.db.$client.prepare("SELECT * FROM monthly_counts").all();
}

describe("an erasure is all or nothing", () => {
  it("/delete: a failure at any of its writes leaves the database exactly as it was, and the erasure run again erases everything", () => {
    const { chatId, subject, other } = seed();
    const booked = noticeKinds();
    let outcome: { erased: boolean; cancelled: number } | undefined;

    const failurePoints = failAtEveryWrite(fixture.store.db, () => {
      outcome = fixture.services.erasure.eraseAccount("whatsapp", chatId, { kind: "patient", id: subject });
    });

    expect(failurePoints).toBeGreaterThan(10);
    expect(outcome).toEqual({ erased: true, cancelled: 2 });
    expect(fixture.store.accounts.findAccountId("whatsapp", chatId)).toBeUndefined();
    expect(fixture.store.accounts.findAccountId("telegram", 2002)).toBe(other);
    expect(count(fixture.store, "accounts")).toBe(1);
    expect(count(fixture.store, "consents")).toBe(1);
    expect(count(fixture.store, "bookings")).toBe(2);
    expect(count(fixture.store, "patients")).toBe(2);
    expect(count(fixture.store, "patient_links")).toBe(2);
    expect(count(fixture.store, "whatsapp_chats")).toBe(0);
    expect(count(fixture.store, "conversation_states")).toBe(0);
    expect(fixture.store.preferences.getLocale("whatsapp", chatId)).toBeUndefined();
    expect(fixture.store.preferences.getLocale("telegram", 2002)).toBe("ru");
    // The other account's notices wait as they were; the subject's are replaced by "the time is free".
    expect(noticeKinds()).toEqual([...booked.filter((kind) => kind.endsWith("B00006") || kind.endsWith("B00007")), "erased B00003", "erased B00004"].sort());
    expect(monthlyCounts()).toEqual(SEEDED_COUNTS);
    expect(JSON.stringify(fixture.store.audit.entries())).not.toContain(subject);
    expect(fixture.store.audit.entries().at(-1)).toMatchObject({ actor: "patient", action: "data.erased" });
  });
});

describe("a withdrawal is all or nothing", () => {
  it("/withdraw: a failure at any of its writes leaves the database exactly as it was, and the withdrawal run again completes", () => {
    const { subject } = seed();
    let outcome: { cancelled: number } | undefined;

    const failurePoints = failAtEveryWrite(fixture.store.db, () => {
      outcome = fixture.services.withdrawal.withdraw(subject, { kind: "patient", id: subject });
    });

    expect(failurePoints).toBeGreaterThan(5);
    expect(outcome).toEqual({ cancelled: 2 });
    expect(fixture.store.accounts.blockOf(subject)?.blockedBy).toBe("withdrawal");
    expect(fixture.store.accounts.consentHistory(subject).every((consent) => consent.withdrawnAt !== null)).toBe(true);
    expect(fixture.store.bookings.allFor(subject).map((booking) => booking.number)).toEqual(["B00001", "B00002"]);
    expect(count(fixture.store, "bookings")).toBe(4);
    expect(count(fixture.store, "conversation_states")).toBe(0);
    expect(noticeKinds().filter((kind) => kind.startsWith("erased"))).toEqual(["erased B00003", "erased B00004"]);
    expect(monthlyCounts()).toEqual(SEEDED_COUNTS);
  });
});

describe("forgetting one person is all or nothing", () => {
  it("a failure at any of its writes leaves the database exactly as it was, and forgetting again removes the person from the account", () => {
    const { subject } = seed();
    const child = fixture.store.patients.findIdByIin(CHILD_IIN)!;
    let cancelled: number | undefined;

    const failurePoints = failAtEveryWrite(fixture.store.db, () => {
      cancelled = fixture.services.erasure.forgetPerson(subject, child, { kind: "patient", id: subject });
    });

    expect(failurePoints).toBeGreaterThan(5);
    expect(cancelled).toBe(1);
    expect(fixture.store.patients.peopleOf(subject).map((person) => person.iin)).toEqual([OWN_IIN]);
    expect(fixture.store.bookings.allFor(subject).map((booking) => booking.number)).toEqual(["B00001", "B00003", "B00005"]);
    // The other account booked for the same child: the child stays known to it.
    expect(fixture.store.patients.findIdByIin(CHILD_IIN)).toBe(child);
    expect(monthlyCounts()).toEqual(SEEDED_COUNTS);
  });
});

describe("a paper erasure is all or nothing", () => {
  it("erasing the person from their own account (which keeps the child) and from another account is one transaction: a failure anywhere changes nothing", () => {
    const { chatId, subject } = seed();
    const relative = consentingAccount(fixture.services, 3003);
    book(relative, at("2026-12-09", "09:00"), { iin: OWN_IIN, relation: "other" }, "telegram");
    let outcome: unknown;

    const failurePoints = failAtEveryWrite(fixture.store.db, () => {
      outcome = fixture.services.paperRequests.erase(OWN_IIN, { kind: "admin", id: "Aliya" });
    });

    expect(failurePoints).toBeGreaterThan(10);
    expect(outcome).toEqual({ ok: true, value: { accounts: 2, erasedWhole: 0, cancelled: 2 } });
    expect(fixture.store.accounts.findAccountId("whatsapp", chatId)).toBe(subject);
    expect(fixture.store.patients.findIdByIin(OWN_IIN)).toBeUndefined();
    expect(fixture.store.conversationStates.read(chatKey("whatsapp", chatId))).toBeUndefined();
    expect(fixture.store.bookings.allFor(subject).map((booking) => booking.number)).toEqual(["B00002", "B00004"]);
    expect(fixture.store.bookings.allFor(relative)).toEqual([]);
    expect(count(fixture.store, "accounts")).toBe(3);
    expect(noticeKinds().filter((kind) => kind.startsWith("erased"))).toEqual(["erased B00003", "erased B00008"]);
  });
});
