import { count } from "../support/database";
import { afterEach, beforeEach, expect, it } from "vitest";
import { openStore, type StoreFixture } from "../support/store";

let fixture: StoreFixture;

beforeEach(async () => {
  fixture = await openStore({ importCatalog: false });
});

afterEach(() => fixture.dispose());

it("a transaction commits what every repository wrote in it, or, when its work throws, none of it", () => {
  const { store } = fixture;
  expect(() =>
    store.transaction((tx) => {
      tx.accounts.create("telegram", 1);
      tx.preferences.setLocale("telegram", 1, "kk");
      tx.audit.record({ actor: "system", action: "data.erased" });
      throw new Error("the work failed");
    }),
  ).toThrow("the work failed");
  expect(["accounts", "chat_preferences", "audit_log"].map((table) => count(store, table))).toEqual([0, 0, 0]);

  store.transaction((tx) => {
    tx.accounts.create("telegram", 1);
    tx.preferences.setLocale("telegram", 1, "kk");
  });
  expect(store.accounts.findAccountId("telegram", 1)).toBeDefined();
  expect(store.preferences.getLocale("telegram", 1)).toBe("kk");
});

it("refuses to open a transaction inside another: the inner work must use the repositories it was given", () => {
  const { store } = fixture;
  expect(() => store.transaction(() => store.transaction(() => store.accounts.create("telegram", 1)))).toThrow(/already open/);
  expect(count(store, "accounts")).toBe(0);
});
