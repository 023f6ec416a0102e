import { createHash } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import { afterEach, describe, expect, test } from "vitest";
import { chatKey } from "../../src/domain/channel";
import { conversationRowId } from "../../src/store/conversation-storage";
import { STATE_DICTIONARY_V1 } from "../../src/store/state-dictionary";
import { t } from "../support/i18n";
import { TestBot } from "../support/harness";
import { chatAt, IVANOV } from "../support/booking";
import { openStore, type StoreFixture } from "../support/store";

let fixture: StoreFixture | undefined;
let testBot: TestBot | undefined;
afterEach(() => {
  fixture?.dispose();
  testBot?.destroy();
  fixture = testBot = undefined;
});

function storedBytes(bot: TestBot): number {
  return (bot.app.store.db.$client.prepare("SELECT length(state_ct) AS bytes FROM conversation_states").get() as { bytes: number }).bytes;
}

describe("an open dialogue's stored state", () => {
  test("a person at the booking's summary has an open dialogue of under 4 KB on disk, encrypted (it was 19 KB)", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "summary");
    expect(storedBytes(testBot)).toBeLessThan(4 * 1024);
    // Two such rows share a 4 KB database page (issue 14: disk per open dialogue).
    expect(storedBytes(testBot)).toBeLessThan(2000);
    const state = JSON.stringify(testBot.app.store.conversationStates.read(chatKey("telegram", chat.user.id)));
    const iin = IVANOV.iin.replaceAll(" ", "");
    expect(state).toContain(iin);
    // What the person answered is kept; the questions the bot sent (their texts and keyboards) are not.
    expect(state).not.toContain(t("ru", "ask-iin-self"));
    expect(state).not.toContain("Осмотр ребёнка, оценка физического развития");
    expect(state).not.toContain("inline_keyboard");
    const row = testBot.app.store.db.$client.prepare("SELECT state_ct FROM conversation_states").get() as { state_ct: Buffer };
    expect(row.state_ct.includes(Buffer.from(iin))).toBe(false);
  });

  test("at the time question the state keeps only what the buttons need (each time's id and start), and is stored plain: under 1.9 KB, no zlib", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "time");
    const state = JSON.stringify(testBot.app.store.conversationStates.read(chatKey("telegram", chat.user.id)));
    expect(state).toContain("startsAt");
    expect(state).not.toContain("endsAt");
    expect(state).not.toContain("doctorId\":\"");
    expect(storedBytes(testBot)).toBeGreaterThanOrEqual(Buffer.byteLength(state));
  });

  test("a dialogue stored before states were compressed is read as it was: the person goes on after the upgrade", async () => {
    fixture = await openStore();
    const key = chatKey("telegram", 101);
    const keyIndex = fixture.cipher.blindIndex("conversation", key);
    const state = { version: 4, state: { booking: [{ interrupts: [1], replay: { send: [], receive: [] } }] } };
    const sealed = fixture.cipher.encryptJson({ table: "conversation_states", column: "state_ct", rowId: conversationRowId(keyIndex) }, state);
    fixture.store.db.$client.prepare("INSERT INTO conversation_states (key_index, state_ct, updated_at) VALUES (?, ?, ?)").run(keyIndex, sealed, fixture.clock.now().toISOString());
    expect(fixture.store.conversationStates.read(key)).toEqual(state);
    fixture.store.conversationStates.write(key, state);
    expect(fixture.store.conversationStates.read(key)).toEqual(state);
  });

  test("a dialogue stored compressed without the dictionary (format 1) is read as it was", async () => {
    fixture = await openStore();
    const key = chatKey("telegram", 102);
    const keyIndex = fixture.cipher.blindIndex("conversation", key);
    const state = { version: 8, state: { booking: [{ interrupts: [1], replay: { send: [{ payload: "wait" }], receive: [] } }] } };
    const bytes = Buffer.concat([Buffer.of(1), deflateRawSync(JSON.stringify(state))]);
    const sealed = fixture.cipher.encryptBytes({ table: "conversation_states", column: "state_ct", rowId: conversationRowId(keyIndex) }, bytes);
    fixture.store.db.$client.prepare("INSERT INTO conversation_states (key_index, state_ct, updated_at) VALUES (?, ?, ?)").run(keyIndex, sealed, fixture.clock.now().toISOString());
    expect(fixture.store.conversationStates.read(key)).toEqual(state);
  });

  test("a state too large to share a database page is stored deflated, and read back as it was", async () => {
    fixture = await openStore();
    const key = chatKey("telegram", 103);
    const answers = Array.from({ length: 40 }, (_, index) => ({ send: index, returnValue: { update_id: index, message: { message_id: index, chat: { id: 103, type: "private" }, text: "Иванов Иван Иванович" } } }));
    const state = { version: [0, 10], state: { booking: [{ interrupts: [1], replay: { send: [{ payload: "wait" }], receive: answers } }] } };
    fixture.store.conversationStates.write(key, state);
    const row = fixture.store.db.$client.prepare("SELECT length(state_ct) AS bytes FROM conversation_states").get() as { bytes: number };
    expect(row.bytes).toBeLessThan(JSON.stringify(state).length / 4);
    expect(fixture.store.conversationStates.read(key)).toEqual(state);
  });

  test("the dictionary of format 2 never changes: every state stored in it is inflated with these bytes", () => {
    expect(createHash("sha256").update(STATE_DICTIONARY_V1).digest("hex")).toBe("30026c5d1193afe7d407ceb915fd0929e2b766c12d7737e14d448181b5a383b8");
  });
});
