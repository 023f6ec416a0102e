import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/domain/policy";
import { consentingAccount, openStore, type StoreFixture } from "../support/store";

const PATIENT = { kind: "patient" } as const;
const ADMIN = { kind: "admin", id: "Aliya" } as const;

let fixture: StoreFixture;

beforeEach(async () => {
  fixture = await openStore({ importCatalog: false });
});

afterEach(() => fixture.dispose());

function blockActions(): string[] {
  return fixture.store.audit.entries().flatMap((entry) => (entry.action.startsWith("processing.") ? [`${entry.actor} ${entry.action}`] : []));
}

describe("setBlocked", () => {
  it("blocks once: a second block changes nothing, keeps the first time and author, and is not audited again", () => {
    const accountId = consentingAccount(fixture.services, 1);
    expect(fixture.services.blocking.setBlocked(accountId, true, "patient", PATIENT)).toBe(true);
    const first = fixture.store.accounts.blockOf(accountId);

    fixture.clock.advance(60_000);
    expect(fixture.services.blocking.setBlocked(accountId, true, "patient", PATIENT)).toBe(false);
    expect(fixture.services.blocking.setBlocked(accountId, true, "admin", ADMIN)).toBe(false);

    expect(fixture.store.accounts.blockOf(accountId)).toEqual(first);
    expect(first).toEqual({ blockedAt: "2026-12-01T03:00:00.000Z", blockedBy: "patient" });
    expect(blockActions()).toEqual(["patient processing.blocked"]);
  });

  it("the person lifts their own block, but not a block the fund set on a paper request", () => {
    const own = consentingAccount(fixture.services, 1);
    const byFund = consentingAccount(fixture.services, 2);
    fixture.services.blocking.setBlocked(own, true, "patient", PATIENT);
    fixture.services.blocking.setBlocked(byFund, true, "admin", ADMIN);

    expect(fixture.services.blocking.setBlocked(byFund, false, "patient", PATIENT)).toBe(false);
    expect(fixture.store.accounts.blockOf(byFund)?.blockedBy).toBe("admin");
    expect(fixture.services.blocking.setBlocked(own, false, "patient", PATIENT)).toBe(true);
    expect(fixture.store.accounts.blockOf(own)).toBeUndefined();
    expect(fixture.services.blocking.setBlocked(own, false, "patient", PATIENT)).toBe(false);

    // An admin may lift either kind.
    fixture.services.blocking.setBlocked(own, true, "patient", PATIENT);
    expect(fixture.services.blocking.setBlocked(own, false, "admin", ADMIN)).toBe(true);
    expect(fixture.services.blocking.setBlocked(byFund, false, "admin", ADMIN)).toBe(true);
    expect(blockActions()).toEqual([
      "patient processing.blocked",
      "admin processing.blocked",
      "patient processing.unblocked",
      "patient processing.blocked",
      "admin processing.unblocked",
      "admin processing.unblocked",
    ]);
  });

  it("the block a withdrawal put on the kept records is lifted by a new consent only, never by /block or an admin", () => {
    const accountId = consentingAccount(fixture.services, 1);
    fixture.services.withdrawal.withdraw(accountId, PATIENT);

    expect(fixture.services.blocking.setBlocked(accountId, false, "patient", PATIENT)).toBe(false);
    expect(fixture.services.blocking.setBlocked(accountId, false, "admin", ADMIN)).toBe(false);
    expect(fixture.services.blocking.setBlocked(accountId, true, "patient", PATIENT)).toBe(false);
    expect(fixture.store.accounts.blockOf(accountId)?.blockedBy).toBe("withdrawal");

    fixture.services.consents.record("telegram", 1, {
      purpose: "processing",
      granted: true,
      policyVersion: "1.0",
      textSha256: sha256Hex("policy text"),
      locale: "ru",
    });
    expect(fixture.store.accounts.blockOf(accountId)).toBeUndefined();
  });
});
