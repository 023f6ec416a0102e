import { afterEach, expect, test } from "vitest";
import { runAdmin } from "../../src/cli/admin";
import type { StaffNotice } from "../../src/store/staff-outbox";
import { chatAt, finishBooking } from "../support/booking";
import { count } from "../support/database";
import { TestBot } from "../support/harness";

let testBot: TestBot;
afterEach(() => testBot.destroy());

const NOTICE: StaffNotice = {
  kind: "booked",
  number: "X00001",
  serviceId: "pediatrician",
  doctorId: "akhmetova-aigul",
  startsAt: "2026-12-03T05:00:00.000Z",
  patientName: "Сейтқали Айша",
  phone: "+77011234567",
  maskedIin: "1806******05",
  channel: "telegram",
};

/** Damages one byte of the newest outbox row's ciphertext, as a bad page would. */
function damageNewestNotice(bot: TestBot): void {
  const row = bot.app.store.db.$client.prepare("SELECT id, payload_ct FROM staff_outbox ORDER BY created_at DESC, rowid DESC LIMIT 1").get() as { id: string; payload_ct: Buffer };
  const damaged = Buffer.from(row.payload_ct);
  damaged[damaged.length - 3]! ^= 0xff;
  bot.app.store.db.$client.prepare("UPDATE staff_outbox SET payload_ct = ? WHERE id = ?").run(damaged, row.id);
}

test("one unreadable staff alert is set aside, logged and counted; the alerts behind it go out and /delete still works", async () => {
  testBot = await TestBot.start();
  const chat = await chatAt(testBot, "summary", 101);
  await finishBooking(chat, "summary");
  await testBot.staffMessages();
  const sentBefore = testBot.sent.length;

  testBot.app.store.staffOutbox.enqueue(NOTICE);
  damageNewestNotice(testBot);
  testBot.clock.advance(1_000);
  testBot.app.store.staffOutbox.enqueue({ ...NOTICE, number: "X00002" });

  const delivered = await testBot.staffMessages();
  expect(delivered.slice(-1)[0]).toMatch(/^🆕 Новая запись X00002/);
  expect(testBot.sent.length).toBe(sentBefore + 1);
  expect(testBot.logLines.join("")).toContain("staff alerts that cannot be read were set aside");
  expect(testBot.app.store.staffOutbox.summary()).toMatchObject({ pending: 0, setAside: 1 });

  await chat.send("/delete");
  const done = await chat.press("Да, удалить всё");
  expect(done.map((reply) => reply.text).join("\n")).toContain("Все ваши данные удалены.");
  expect(count(testBot, "accounts")).toBe(0);

  // The admin sees it, and may delete it (the command closes the database it opened: here, the bot's).
  const printed: string[] = [];
  expect(await runAdmin(["outbox", "--purge-set-aside"], { out: (text) => void printed.push(text), openApp: () => Promise.resolve(testBot.app) })).toBe(0);
  expect(printed).toEqual([
    "Staff alerts waiting to be sent: 0.",
    expect.stringMatching(/^Set aside as unreadable: 1 \(the first on 2026-12-01T\S+\)\. They cannot be decrypted/),
    "Deleted 1 alert(s) set aside.",
  ]);
});
