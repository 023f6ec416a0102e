import { existsSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, test } from "vitest";
import { checkpoint } from "../../src/store/database";
import { WhatsappChatRepository } from "../../src/store/whatsapp-chats";
import { openStore, type StoreFixture } from "../support/store";

let fixture: StoreFixture;
afterEach(() => fixture.dispose());

const PHONE_ID = "77012345678@c.us";
const LID = "123456789012345@lid";

describe("WhatsApp chat ids", () => {
  test("each WhatsApp chat gets one positive, safe numeric id, the same on every message", async () => {
    fixture = await openStore({ importCatalog: false });
    const chats = fixture.store.whatsappChats;

    const first = chats.numericIdFor(PHONE_ID);
    expect(Number.isSafeInteger(first) && first > 0).toBe(true);
    expect(chats.numericIdFor(PHONE_ID)).toBe(first);
    expect(chats.findNumericId(PHONE_ID)).toBe(first);

    const other = chats.numericIdFor(LID);
    expect(other).not.toBe(first);
    expect(chats.waIdOf(first)).toBe(PHONE_ID);
    expect(chats.waIdOf(other)).toBe(LID);
    expect(chats.waIdOf(other + 1)).toBeUndefined();
    expect(chats.findNumericId("77770000000@c.us")).toBeUndefined();
  });

  test("an id already taken is never handed out twice", async () => {
    fixture = await openStore({ importCatalog: false });
    const proposals = [42, 42, 42, 43];
    const chats = new WhatsappChatRepository(fixture.store.db, fixture.cipher, fixture.clock, () => proposals.shift()!);
    expect(chats.numericIdFor(PHONE_ID)).toBe(42);
    expect(chats.numericIdFor(LID)).toBe(43);
    expect(chats.waIdOf(42)).toBe(PHONE_ID);
  });

  test("the WhatsApp id is personal data: neither the database file nor its WAL holds it in plain text", async () => {
    fixture = await openStore({ importCatalog: false, onDisk: true });
    fixture.store.whatsappChats.numericIdFor(PHONE_ID);
    fixture.store.whatsappChats.numericIdFor(LID);
    const databasePath = fixture.databasePath!;
    const files = () => [databasePath, `${databasePath}-wal`].filter(existsSync).map((path) => readFileSync(path));
    const secrets = ["77012345678", "123456789012345"].flatMap((value) => [Buffer.from(value, "utf8"), Buffer.from(value, "utf16le")]);
    for (const file of files()) for (const secret of secrets) expect(file.includes(secret)).toBe(false);
    checkpoint(fixture.store.db);
    for (const file of files()) for (const secret of secrets) expect(file.includes(secret)).toBe(false);
  });

  test("a ciphertext moved to another row does not open there", async () => {
    fixture = await openStore({ importCatalog: false });
    const chats = fixture.store.whatsappChats;
    const first = chats.numericIdFor(PHONE_ID);
    const second = chats.numericIdFor(LID);
    const sqlite = fixture.store.db.$client;
    sqlite.prepare("update whatsapp_chats set wa_ct = (select wa_ct from whatsapp_chats where id = ?) where id = ?").run(first, second);
    expect(() => chats.waIdOf(second)).toThrow(/failed authentication/);
  });

  test("after forget the chat is a stranger: its next message gets a new id", async () => {
    fixture = await openStore({ importCatalog: false });
    const chats = fixture.store.whatsappChats;
    const first = chats.numericIdFor(PHONE_ID);
    chats.forget(first);
    expect(chats.waIdOf(first)).toBeUndefined();
    expect(chats.findNumericId(PHONE_ID)).toBeUndefined();
    expect(chats.numericIdFor(PHONE_ID)).not.toBe(first);
  });
});
