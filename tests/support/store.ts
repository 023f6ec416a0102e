/** A store without the bot around it, for the tests of the repositories. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCatalog } from "../../src/app";
import type { IdSource } from "../../src/clock";
import type { ChannelName } from "../../src/domain/channel";
import { sha256Hex } from "../../src/domain/policy";
import { createStore, type Store } from "../../src/store";
import type { PersonDetails } from "../../src/store/bookings";
import { FieldCipher } from "../../src/store/crypto";
import { openMigratedDatabase, verifyDataKey } from "../../src/store/database";
import { TestClock, sequentialBookingNumbers } from "./clock";
import { ALMATY, CATALOG_PATH, DEFAULT_NOW, STORE_PERSON, TEST_KEY } from "./fixtures";

/** A whole store (database, cipher, repositories) without the bot around it. */
export interface StoreFixture {
  /** The database file; only for a store opened with { file: true }. */
  databasePath: string;
  cipher: FieldCipher;
  clock: TestClock;
  ids: IdSource;
  store: Store;
  dispose(): void;
}

/**
 * A migrated store on the test key, with the example catalogue unless told otherwise. The database is
 * in memory; `file: true` puts it in a file in a temporary folder, for tests that read the file.
 */
export async function openStore(options: { now?: string; key?: Uint8Array; importCatalog?: boolean; file?: boolean } = {}): Promise<StoreFixture> {
  const directory = options.file ? mkdtempSync(join(tmpdir(), "mumkindik-store-")) : undefined;
  const cipher = await FieldCipher.create({ current: options.key ?? TEST_KEY, previous: [] });
  const db = openMigratedDatabase(directory === undefined ? ":memory:" : join(directory, "bot.sqlite"));
  verifyDataKey(db, cipher);
  const clock = new TestClock(options.now ?? DEFAULT_NOW);
  const ids = sequentialBookingNumbers();
  const store = createStore(db, cipher, clock, ids, ALMATY);
  if (options.importCatalog ?? true) store.catalog.importCatalog(readCatalog(CATALOG_PATH));
  return {
    get databasePath(): string {
      if (directory === undefined) throw new Error("This store keeps its database in memory: open it with { file: true } to read the file.");
      return join(directory, "bot.sqlite");
    },
    cipher,
    clock,
    ids,
    store,
    dispose() {
      if (db.$client.open) db.$client.close();
      if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Creates the account of a chat that agreed to the processing of personal data; returns its id. */
export function consentingAccount(store: Store, chatId: number, channel: ChannelName = "telegram"): string {
  const accountId = store.accounts.recordConsent(channel, chatId, {
    purpose: "processing",
    granted: true,
    policyVersion: "1.0",
    textSha256: sha256Hex("policy text"),
    locale: "ru",
  });
  if (!accountId) throw new Error("recordConsent returned no account");
  return accountId;
}

/** The store tests' person, with whatever a test changes. */
export function person(overrides: Partial<PersonDetails> = {}): PersonDetails {
  return { ...STORE_PERSON, phoneConfirmed: true, ...overrides };
}
