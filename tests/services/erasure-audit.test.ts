import { afterEach, beforeEach, expect, it } from "vitest";
import { consentingAccount, openStore, type StoreFixture } from "../support/store";

let fixture: StoreFixture;

beforeEach(async () => {
  fixture = await openStore({ importCatalog: false });
});

afterEach(() => fixture.dispose());

it("after an erasure the audit log still tells what happened and when, but no longer names the erased account or its records", () => {
  const { store, services, clock } = fixture;
  const later = () => clock.advance(1000); // audit entries are read in time order
  const erased = consentingAccount(services, 1);
  later();
  const kept = consentingAccount(services, 2);
  const erasedConsent = store.accounts.consentHistory(erased)[0]!.id;
  later();
  services.dataCopy.copyFor(erased, { kind: "patient", id: erased });
  later();
  services.blocking.setBlocked(erased, true, "admin", { kind: "admin", id: "Aliya" });
  later();
  services.dataCopy.copyFor(kept, { kind: "patient", id: kept });
  later();

  services.erasure.eraseAccount("telegram", 1, { kind: "patient", id: erased });

  const entries = store.audit.entries().map(({ at: _at, ...entry }) => entry);
  expect(JSON.stringify(entries)).not.toContain(erased);
  expect(JSON.stringify(entries)).not.toContain(erasedConsent);
  expect(entries).toEqual([
    { actor: "patient", action: "consent.granted", recordType: "consent" },
    { actor: "patient", actorId: kept, action: "consent.granted", recordType: "consent", recordId: store.accounts.consentHistory(kept)[0]!.id },
    { actor: "patient", action: "data.exported", recordType: "account" },
    { actor: "admin", actorId: "Aliya", action: "processing.blocked", recordType: "account" },
    { actor: "patient", actorId: kept, action: "data.exported", recordType: "account", recordId: kept },
    { actor: "patient", action: "data.erased" },
  ]);
});
