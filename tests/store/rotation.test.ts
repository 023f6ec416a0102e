import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableColumns, getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, readCatalog } from "../../src/app";
import { chatKey } from "../../src/domain/channel";
import { DRAFT_TIMEOUT_MS } from "../../src/domain/drafts";
import { createLogger } from "../../src/logger";
import { createServices, type Services } from "../../src/services";
import { createStore, type Store } from "../../src/store";
import { FieldCipher, type MasterKeys } from "../../src/store/crypto";
import { openMigratedDatabase, verifyDataKey, type Db } from "../../src/store/database";
import { assertEveryKeyAvailable, keyIdsInUse } from "../../src/store/key-usage";
import { CHAT_KEYED_TABLES, ROW_TABLES } from "../../src/store/rotation";
import * as schema from "../../src/store/schema";
import { TestClock, sequentialBookingNumbers } from "../support/clock";
import { failOnWrite, InjectedFailure } from "../support/failing-writes";
import { CATALOG_PATH, DEFAULT_NOW } from "../support/fixtures";
import { ALMATY, at, consentingAccount, person, slotIdAt } from "../support/store";

const [A, B] = [randomBytes(32), randomBytes(32)].map((key) => new Uint8Array(key)) as [Uint8Array, Uint8Array];
const WA_ID = "77011234567@c.us";
const WA_SILENT = "77017654321@c.us";
const OWN_IIN = "900101300123";
const CHILD_IIN = "150505600341";

/** A store over the database file with these keys, as the bot or an admin command opens it. */
interface Opened {
  db: Db;
  cipher: FieldCipher;
  clock: TestClock;
  store: Store;
  services: Services;
}

const directories: string[] = [];
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.$client.open) db.$client.close();
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

async function openWith(path: string, keys: MasterKeys, clock = new TestClock(DEFAULT_NOW)): Promise<Opened> {
  const cipher = await FieldCipher.create(keys);
  const db = openMigratedDatabase(path);
  open.push(db);
  verifyDataKey(db, cipher);
  assertEveryKeyAvailable(db, cipher);
  const store = createStore(db, cipher, clock, sequentialBookingNumbers(), ALMATY);
  return { db, cipher, clock, store, services: createServices(store, clock, ALMATY) };
}

function book(opened: Opened, accountId: string, time: string, iin: string, relation: "self" | "other") {
  const outcome = opened.services.bookings.book({
    accountId,
    channel: "telegram",
    relation,
    representativeConfirmed: relation === "other",
    person: person({ iin, fullName: relation === "self" ? "Сәрсенбаева Әлия Қанатқызы" : "Сәрсенбаев Нұрлан Асқарұлы" }),
    serviceId: "ultrasound",
    slotId: slotIdAt(opened.store, at("2026-12-02", time)),
    policyVersion: "1.0",
    draftKey: randomUUID(),
  });
  if (!outcome.ok) throw new Error(`booking failed: ${outcome.reason}`);
}

/**
 * Everything written under key A: a Telegram account (consents, its language, an open dialogue, two
 * bookings for itself and a child, so patients, links and waiting staff notices, and a waiting-list
 * entry), a WhatsApp account
 * with its language, a WhatsApp chat that only chose a language, and the key canary.
 */
async function writtenUnderA(): Promise<{ path: string; accountId: string; waAccountId: string; waChat: number; waSilent: number }> {
  const directory = mkdtempSync(join(tmpdir(), "mumkindik-rotation-"));
  directories.push(directory);
  const path = join(directory, "bot.sqlite");
  const opened = await openWith(path, { current: A, previous: [] });
  const { store, services } = opened;
  store.catalogImport.importCatalog(readCatalog(CATALOG_PATH));
  const accountId = consentingAccount(services, 101);
  store.preferences.setLocale("telegram", 101, "kk");
  book(opened, accountId, "09:00", OWN_IIN, "self");
  book(opened, accountId, "09:20", CHILD_IIN, "other");
  const waiting = services.waitlist.join({
    accountId,
    channel: "telegram",
    relation: "self",
    representativeConfirmed: false,
    person: person({ iin: OWN_IIN, fullName: "Сәрсенбаева Әлия Қанатқызы" }),
    serviceId: "psychologist",
    doctorId: null,
    days: 7,
    policyVersion: "1.0",
  });
  if (!waiting.ok) throw new Error(`joining the waiting list failed: ${waiting.reason}`);
  store.conversationStates.write(chatKey("telegram", 101), { typed: OWN_IIN });
  const waChat = store.whatsappChats.numericIdFor(WA_ID);
  const waAccountId = consentingAccount(services, waChat, "whatsapp");
  store.preferences.setLocale("whatsapp", waChat, "ru");
  const waSilent = store.whatsappChats.numericIdFor(WA_SILENT);
  store.preferences.setLocale("whatsapp", waSilent, "kk");
  opened.db.$client.close();
  return { path, accountId, waAccountId, waChat, waSilent };
}

/** What the repositories find of the data written under A, the way the bot looks for it. */
function everything(store: Store, seed: Awaited<ReturnType<typeof writtenUnderA>>) {
  const accountId = store.accounts.findAccountId("telegram", 101);
  return {
    accountId,
    chatId: accountId && store.accounts.chatIdOf(accountId),
    waAccountId: store.accounts.findAccountId("whatsapp", seed.waChat),
    consents: accountId && store.accounts.consentHistory(accountId).length,
    people: accountId && store.patients.peopleOf(accountId),
    bookings: accountId && store.bookings.allFor(accountId),
    waitingList: accountId && store.waitlist.allOf(accountId),
    ownIin: store.patients.findIdByIin(OWN_IIN),
    childIin: store.patients.findIdByIin(CHILD_IIN),
    languages: [store.preferences.getLocale("telegram", 101), store.preferences.getLocale("whatsapp", seed.waChat), store.preferences.getLocale("whatsapp", seed.waSilent)],
    draft: store.conversationStates.read(chatKey("telegram", 101)),
    waChats: [store.whatsappChats.findNumericId(WA_ID), store.whatsappChats.findNumericId(WA_SILENT), store.whatsappChats.waIdOf(seed.waChat)],
    staffNotices: store.staffOutbox.due(100).pending.map(({ notice }) => notice),
  };
}

/** Opens the database as the bot would with key B alone: the start refuses any data still under A. */
async function appWithOnlyB(path: string, clock = new TestClock(DEFAULT_NOW)) {
  const app = await createApp({
    databasePath: path,
    masterKeys: { current: B, previous: [] },
    timeZone: ALMATY,
    staffChatId: undefined,
    staffLocale: "ru",
    catalogPath: undefined,
    clock,
    ids: sequentialBookingNumbers(),
    logger: createLogger("silent"),
  });
  open.push(app.store.db);
  return app;
}

function keyIds(db: Db): number[] {
  return [...keyIdsInUse(db).keys()];
}

/** Each row's ciphertexts all name one key: a row is never left half rotated. */
function rowsHalfRotated(db: Db): string[] {
  return ROW_TABLES.filter((table) => table.sealed.length > 1).flatMap((table) =>
    (db.$client.prepare(`SELECT * FROM ${table.table}`).all() as Record<string, Buffer>[])
      .filter((row) => new Set(table.sealed.map((field) => FieldCipher.keyIdOf(row[field.column]!))).size > 1)
      .map((row) => `${table.table} ${table.key.map((key) => String(row[key])).join("/")}`),
  );
}

describe("rotate-keys moves everything to the current key", () => {
  it("knows every ciphertext and blind index column of the schema", () => {
    const described = [
      ...ROW_TABLES.flatMap((table) => [...table.sealed.map((field) => field.column), ...table.indexes.map((index) => index.column)].map((column) => `${table.table}.${column}`)),
      ...CHAT_KEYED_TABLES.flatMap((table) => [table.index, ...table.sealed.map((field) => field.column)].map((column) => `${table.table}.${column}`)),
    ];
    const inSchema = (Object.values(schema) as unknown[])
      .filter((value): value is SQLiteTable => is(value, SQLiteTable))
      .flatMap((table) =>
        Object.values(getTableColumns(table))
          .filter((column) => /_(ct|index)$/.test(column.name))
          .map((column) => `${getTableName(table)}.${column.name}`),
      );
    expect(described.sort()).toEqual([...inSchema, "store_meta.value"].sort());
  });

  it("after the rotation every ciphertext names key B, and a start with key B alone finds everything", async () => {
    const seed = await writtenUnderA();
    const rotated = await openWith(seed.path, { current: B, previous: [A] });
    const before = everything(rotated.store, seed);
    expect(before.bookings).toHaveLength(2);
    expect(before.staffNotices).toHaveLength(2);
    expect(before.waitingList).toHaveLength(1);
    expect(keyIds(rotated.db)).toEqual(rotated.cipher.previousKeyIds);

    const report = rotated.store.keyRotation.run({ batchSize: 2 });
    expect(keyIds(rotated.db)).toEqual([rotated.cipher.currentKeyId]);
    expect(report.previousKeyIds).toEqual(rotated.cipher.previousKeyIds);
    expect(report.tables).toEqual([
      { table: "store_meta", rows: 1, rewritten: 1 },
      { table: "whatsapp_chats", rows: 2, rewritten: 2 },
      { table: "accounts", rows: 2, rewritten: 2 },
      { table: "patients", rows: 2, rewritten: 2 },
      { table: "patient_links", rows: 2, rewritten: 2 },
      { table: "bookings", rows: 2, rewritten: 2 },
      { table: "waitlist_entries", rows: 1, rewritten: 1 },
      { table: "staff_outbox", rows: 2, rewritten: 2 },
      // Nothing was cancelled by the clinic and nobody is absent in this fixture.
      { table: "patient_outbox", rows: 0, rewritten: 0 },
      { table: "doctor_absences", rows: 0, rewritten: 0 },
    ]);
    expect(report.moved).toEqual([
      { table: "chat_preferences", rows: 3 },
      { table: "conversation_states", rows: 1 },
    ]);
    expect(report).toMatchObject({ unreadable: [], strandedDrafts: [], unmatchedLanguages: 0 });
    rotated.db.$client.close();

    const app = await appWithOnlyB(seed.path);
    expect(everything(app.store, seed)).toEqual(before);
  });

  it("rows the running bot writes between batches are under the new key already, and are found afterwards", async () => {
    const seed = await writtenUnderA();
    const admin = await openWith(seed.path, { current: B, previous: [A] });
    const bot = await openWith(seed.path, { current: B, previous: [A] });
    let chatId = 500;
    admin.store.keyRotation.run({
      batchSize: 1,
      progress: () => {
        chatId += 1;
        consentingAccount(bot.services, chatId);
        bot.store.preferences.setLocale("telegram", chatId, "kk");
      },
    });
    expect(keyIds(admin.db)).toEqual([admin.cipher.currentKeyId]);
    admin.db.$client.close();
    bot.db.$client.close();

    const app = await appWithOnlyB(seed.path);
    for (let id = 501; id <= chatId; id += 1) {
      expect(app.store.accounts.findAccountId("telegram", id)).toBeDefined();
      expect(app.store.preferences.getLocale("telegram", id)).toBe("kk");
    }
  });

  it("a rotation that fails part-way loses nothing, and run again ends exactly as an uninterrupted one", async () => {
    const seed = await writtenUnderA();
    const rotated = await openWith(seed.path, { current: B, previous: [A] });
    const before = everything(rotated.store, seed);
    const [oldKey] = rotated.cipher.previousKeyIds;

    const waKeys = () => rotated.db.$client.prepare("SELECT wa_ct FROM whatsapp_chats").pluck().all().map((blob) => FieldCipher.keyIdOf(blob as Buffer));
    for (const failing of [4, 9]) {
      const injection = failOnWrite(rotated.db, failing);
      expect(() => rotated.store.keyRotation.run({ batchSize: 2 })).toThrow(InjectedFailure);
      injection.restore();
      // Write 4 is the second WhatsApp chat of the batch after the canary's: the first one stays under A with it.
      if (failing === 4) expect(waKeys()).toEqual([oldKey, oldKey]);
      // The batches before the failure are committed, the failing one is not, and no row is half done.
      expect(keyIds(rotated.db).sort()).toEqual([oldKey, rotated.cipher.currentKeyId].sort());
      expect(rowsHalfRotated(rotated.db)).toEqual([]);
      expect(everything(rotated.store, seed)).toEqual(before);
    }

    const report = rotated.store.keyRotation.run({ batchSize: 2 });
    expect(report.tables.every((table) => table.rewritten <= table.rows)).toBe(true);
    expect(report.tables.map((table) => table.rows)).toEqual([1, 2, 2, 2, 2, 2, 1, 2, 0, 0]);
    expect(report).toMatchObject({ unreadable: [], strandedDrafts: [], unmatchedLanguages: 0 });
    expect(keyIds(rotated.db)).toEqual([rotated.cipher.currentKeyId]);
    expect(rotated.store.keyRotation.run({ batchSize: 2 }).tables.every((table) => table.rewritten === 0)).toBe(true);
    rotated.db.$client.close();

    const app = await appWithOnlyB(seed.path);
    expect(everything(app.store, seed)).toEqual(before);
  });

  it("leaves the draft and the language of a chat with no account under A, says until when, and finishes once the drafts job deleted it", async () => {
    const seed = await writtenUnderA();
    const underA = await openWith(seed.path, { current: A, previous: [] });
    underA.clock.set("2026-12-01T04:30:00.000Z");
    underA.store.conversationStates.write(chatKey("telegram", 202), { step: "consent" });
    underA.store.preferences.setLocale("telegram", 202, "kk");
    underA.db.$client.close();

    const rotated = await openWith(seed.path, { current: B, previous: [A] });
    const [oldKey] = rotated.cipher.previousKeyIds as [number];
    const report = rotated.store.keyRotation.run();
    expect(report.strandedDrafts).toEqual([{ keyId: oldKey, drafts: 1, lastTouchedAt: "2026-12-01T04:30:00.000Z", goneAfter: "2026-12-01T10:30:00.000Z" }]);
    expect(report.unmatchedLanguages).toBe(1);
    expect(report.inUse.get(oldKey)).toEqual({ fields: 1, tables: ["conversation_states"] });
    await expect(appWithOnlyB(seed.path)).rejects.toThrow(/key id \d+: 1 field\(s\) in conversation_states/);

    // The bot's drafts job, just after the time the report gave: both drafts are older than 6 hours by then.
    rotated.clock.set(new Date(Date.parse(report.strandedDrafts[0]!.goneAfter) + 60_000).toISOString());
    expect(rotated.store.conversationStates.purgeUntouchedSince(new Date(rotated.clock.now().getTime() - DRAFT_TIMEOUT_MS))).toBe(2);
    const again = rotated.store.keyRotation.run();
    expect(again.strandedDrafts).toEqual([]);
    expect(keyIds(rotated.db)).toEqual([rotated.cipher.currentKeyId]);
    rotated.db.$client.close();

    const app = await appWithOnlyB(seed.path);
    expect(app.store.preferences.getLocale("telegram", 101)).toBe("kk");
    // The chat that never consented is asked its language again: its choice was indexed under A only.
    expect(app.store.preferences.getLocale("telegram", 202)).toBeUndefined();
  });
});
