import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { createApp } from "../../src/app";
import { runAdmin } from "../../src/cli/admin";
import type { AdminIo } from "../../src/cli/context";
import { createLogger } from "../../src/logger";
import { FieldCipher } from "../../src/store/crypto";
import { chatAt, finishBooking, IVANOV } from "../support/booking";
import { rows } from "../support/database";
import { sequentialBookingNumbers } from "../support/clock";
import { STAFF_CHAT_ID } from "../support/fixtures";
import { TestBot } from "../support/harness";

const [A, B] = [randomBytes(32), randomBytes(32)].map((key) => new Uint8Array(key)) as [Uint8Array, Uint8Array];

const bots: TestBot[] = [];
afterEach(() => {
  for (const bot of bots.splice(0).reverse()) bot.destroy();
});

async function keyIdOf(key: Uint8Array): Promise<number> {
  return (await FieldCipher.create({ current: key, previous: [] })).currentKeyId;
}

/** The admin CLI on the bot's database after the rotation's restart: key B current, key A previous. */
function adminIo(bot: TestBot): AdminIo & { printed: string[]; opened: number } {
  const io = {
    printed: [] as string[],
    opened: 0,
    out: (text: string) => void io.printed.push(text),
    openApp: () => {
      io.opened += 1;
      return createApp({
        databasePath: bot.databasePath,
        masterKeys: { current: B, previous: [A] },
        timeZone: "Asia/Almaty",
        staffChatId: STAFF_CHAT_ID,
        staffLocale: "ru",
        catalogPath: undefined,
        clock: bot.clock,
        ids: sequentialBookingNumbers(),
        logger: createLogger("silent"),
        migrations: "refuse-pending",
      });
    },
  };
  return io;
}

/** A bot under key A where chat 101 booked (its account, consents, patient, link, booking, language, staff alert). */
async function bookedUnderA(): Promise<TestBot> {
  const bot = await TestBot.start({ masterKey: A, file: true });
  bots.push(bot);
  await finishBooking(await chatAt(bot, "summary", 101), "summary");
  return bot;
}

describe("npm run admin -- rotate-keys", () => {
  test("moves everything to the new key, says the previous key can go, audits it, and the bot then starts with the new key alone", async () => {
    const bot = await bookedUnderA();
    bot.close();
    const io = adminIo(bot);
    const [oldId, newId] = [await keyIdOf(A), await keyIdOf(B)];

    expect(await runAdmin(["rotate-keys", "--by", "Aliya (IT)"], io)).toBe(0);
    expect(io.printed[0]).toBe("Re-encrypting every stored field and blind index under DATA_KEY, a batch at a time (the bot may keep running):");
    expect(io.printed).toContain("  accounts: 1/1");
    expect(io.printed).toContain("  bookings: 1/1");
    expect(io.printed).toContain("  store_meta: 1/1");
    expect(io.printed).toContain("Key ids named by stored ciphertexts:");
    expect(io.printed.filter((line) => line.startsWith("  key id "))).toEqual([
      expect.stringMatching(new RegExp(`^ {2}key id ${newId} \\(DATA_KEY\\): \\d+ field\\(s\\) in accounts, patients, patient_links, bookings, .*store_meta$`)),
    ]);
    expect(io.printed.at(-1)).toBe(
      `DATA_KEYS_PREVIOUS can now be emptied: no stored data needs key id(s) ${oldId} any more. Remove them and restart the bot. ` +
        "Keep the old key itself offline for as long as you keep backups made before this rotation: restoring one needs it.",
    );

    const restarted = await TestBot.start({ directory: bot.directory, clock: bot.clock, masterKey: B });
    expect(rows(restarted, "select actor, actor_id, action, record_type, record_id from audit_log where action = 'keys.rotated'")).toEqual([
      { actor: "admin", actor_id: "Aliya (IT)", action: "keys.rotated", record_type: "data_key", record_id: String(newId) },
    ]);
    const appointments = await restarted.chat({ id: 101 }).send("/appointments");
    expect(appointments.map((reply) => reply.text).join("\n")).toContain(`Пациент: ${IVANOV.name}`);
    restarted.close();
  });

  test("says which key a dialogue of a chat with no account still needs and until when, and what happens to its language", async () => {
    const bot = await bookedUnderA();
    const stranger = bot.chat({ id: 202 });
    await stranger.send("/start");
    await stranger.press("Русский");
    bot.close();
    const io = adminIo(bot);
    const oldId = await keyIdOf(A);

    expect(await runAdmin(["rotate-keys", "--by", "Aliya"], io)).toBe(0);
    const report = io.printed.slice(io.printed.indexOf("Key ids named by stored ciphertexts:"));
    expect(report.slice(2)).toEqual([
      `  key id ${oldId}: 1 field(s) in conversation_states`,
      `Key id ${oldId} is still needed by 1 field(s) in conversation_states:`,
      "  1 unfinished dialogue(s) of chats with no account, which cannot be re-indexed (their chat key is not stored). " +
        "The bot's hourly drafts job deletes each once untouched for 6 hours, the last after 2026-12-01T09:00:00.000Z; " +
        "a new message from such a chat moves its dialogue to DATA_KEY first. Run rotate-keys again after that time.",
      `DATA_KEYS_PREVIOUS cannot be emptied yet: keep key id(s) ${oldId}.`,
      "1 language choice(s) belong to chats with no account: only a blind index of the chat is stored, so they cannot be re-indexed. " +
        "Those made before the bot ran with this DATA_KEY are no longer found once their key is removed, and the chat is asked its " +
        "language again; nothing else depends on them, so they keep no key configured.",
    ]);
  });

  test("names a row that does not open instead of stopping, and keeps its key", async () => {
    const bot = await bookedUnderA();
    const [{ id }] = rows<{ id: string }>(bot, "select id from bookings") as [{ id: string }];
    bot.app.store.db.$client.prepare("UPDATE bookings SET patient_ct = account_ct WHERE id = ?").run(id);
    bot.close();
    const io = adminIo(bot);
    const oldId = await keyIdOf(A);

    expect(await runAdmin(["rotate-keys", "--by", "Aliya"], io)).toBe(0);
    expect(io.printed).toContain(`Key id ${oldId} is still needed by 2 field(s) in bookings:`);
    expect(io.printed).toContain(
      `  1 row(s) that do not open (altered, or a damaged page) were left as they are: bookings ${id}. Restore them from a backup or delete them, then run rotate-keys again.`,
    );
    expect(io.printed).toContain(`DATA_KEYS_PREVIOUS cannot be emptied yet: keep key id(s) ${oldId}.`);
  });

  test("asks who is acting before it opens anything", async () => {
    const bot = await bookedUnderA();
    const io = adminIo(bot);
    expect(await runAdmin(["rotate-keys"], io)).toBe(2);
    expect(io.printed).toEqual(["Say who is acting with --by <your name> (it goes to the audit log)."]);
    expect(io.opened).toBe(0);
  });
});
