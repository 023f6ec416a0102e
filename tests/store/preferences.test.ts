import { afterEach, expect, test } from "vitest";
import { KnownLocales } from "../../src/store/preferences";
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
});

test("a chat that never chose a language is not kept in memory: its first choice is what the next read finds", async () => {
  fixture = await openStore({ importCatalog: false });
  const { store } = fixture;
  expect(store.preferences.getLocale("telegram", 2)).toBeUndefined();
  store.db.$client.prepare("INSERT INTO chat_preferences (chat_index, locale, updated_at) VALUES (?, 'kk', '2026-12-01T00:00:00.000Z')").run(fixture.cipher.blindIndex("chat", "telegram:2"));
  expect(store.preferences.getLocale("telegram", 2)).toBe("kk");
});

test("a language chosen in a transaction that commits is what the next update reads", async () => {
  fixture = await openStore({ importCatalog: false });
  const { store } = fixture;
  store.preferences.setLocale("telegram", 1, "ru");
  expect(store.preferences.getLocale("telegram", 1)).toBe("ru");
  store.transaction((tx) => tx.preferences.setLocale("telegram", 1, "kk"));
  expect(store.preferences.getLocale("telegram", 1)).toBe("kk");
});

test("memory keeps the chats read most recently: past its capacity, the one read longest ago goes first", () => {
  const known = new KnownLocales(2);
  const chat = (n: number) => Buffer.of(n);
  known.get(chat(0), 7);
  known.remember(chat(1), 7, "kk");
  known.remember(chat(2), 7, "ru");
  expect(known.get(chat(1), 7)).toBe("kk");
  known.remember(chat(3), 7, "ru");
  expect([known.get(chat(1), 7), known.get(chat(2), 7), known.get(chat(3), 7)]).toEqual(["kk", undefined, "ru"]);
  // Another process committed: everything is read again.
  expect(known.get(chat(1), 8)).toBeUndefined();
  expect(known.get(chat(1), 8)).toBeUndefined();
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
