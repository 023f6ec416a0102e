import { afterEach, expect, test } from "vitest";
import { openStore, otherProcessOn, type StoreFixture } from "../support/store";

let fixture: StoreFixture | undefined;
afterEach(() => {
  fixture?.dispose();
  fixture = undefined;
});

/** The row behind the chat's language, changed under the repository's feet on its own connection. */
function setRowLocale(store: StoreFixture["store"], locale: string): void {
  store.db.$client.prepare("UPDATE chat_preferences SET locale = ?").run(locale);
}

test("a chat's language is read from the database once, then from memory (every update asks for it)", async () => {
  fixture = await openStore({ importCatalog: false });
  const { store } = fixture;
  store.preferences.setLocale("telegram", 1, "kk");
  expect(store.preferences.getLocale("telegram", 1)).toBe("kk");
  setRowLocale(store, "ru");
  expect(store.preferences.getLocale("telegram", 1)).toBe("kk");
  // A chat that never chose is remembered as such too.
  expect(store.preferences.getLocale("telegram", 2)).toBeUndefined();
});

test("a language chosen again, or forgotten, is what the next update reads", async () => {
  fixture = await openStore({ importCatalog: false });
  const { store } = fixture;
  expect(store.preferences.getLocale("telegram", 1)).toBeUndefined();
  store.preferences.setLocale("telegram", 1, "kk");
  expect(store.preferences.getLocale("telegram", 1)).toBe("kk");
  store.preferences.setLocale("telegram", 1, "ru");
  expect(store.preferences.getLocale("telegram", 1)).toBe("ru");
  store.transaction((tx) => tx.preferences.forget("telegram", 1));
  expect(store.preferences.getLocale("telegram", 1)).toBeUndefined();
});

test("a language written in a transaction that rolled back is not remembered", async () => {
  fixture = await openStore({ importCatalog: false });
  const { store } = fixture;
  store.preferences.setLocale("telegram", 1, "ru");
  expect(() =>
    store.transaction((tx) => {
      tx.preferences.setLocale("telegram", 1, "kk");
      expect(tx.preferences.getLocale("telegram", 1)).toBe("kk");
      throw new Error("the work failed");
    }),
  ).toThrow("the work failed");
  expect(store.preferences.getLocale("telegram", 1)).toBe("ru");
});

test("another process's commit (the admin CLI erasing a chat) is seen by the next read", async () => {
  fixture = await openStore({ importCatalog: false, onDisk: true });
  const { store } = fixture;
  store.preferences.setLocale("telegram", 1, "kk");
  expect(store.preferences.getLocale("telegram", 1)).toBe("kk");
  const other = otherProcessOn(fixture);
  try {
    other.store.transaction((tx) => tx.preferences.forget("telegram", 1));
  } finally {
    other.close();
  }
  expect(store.preferences.getLocale("telegram", 1)).toBeUndefined();
});
