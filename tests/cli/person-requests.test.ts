import { afterEach, describe, expect, test } from "vitest";
import { runAdmin } from "../../src/cli/admin";
import { adminIo } from "../support/admin";
import { bookAliya, chatAt, finishBooking, IVANOV, IVANOV_BOOKED, IVANOV_STAFF, ivanWithBooking } from "../support/booking";
import { count, rows } from "../support/database";
import { ALIYA, IVAN, MARIA, PHONE } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { appointmentItem, staffErased, staffMessage } from "../support/replies";

let testBot: TestBot | undefined;
afterEach(() => testBot?.destroy());

const IIN = IVAN.iin;
const BLOCKED_BY_FUND = t("ru", "processing-blocked-by-fund");

/** Ivan has booked; the admin CLI opens the bot's database file as a second process would. */
async function ivanovBooked(): Promise<TestBot> {
  const bot = await TestBot.start({ file: true });
  const chat = await chatAt(bot, "summary", 101);
  await finishBooking(chat, "summary");
  await bot.staffMessages();
  return bot;
}

/**
 * Account A (chat 101) booked Ivan as "myself" (B00001) and his daughter Aliya (B00002); account B
 * (chat 202) also claims Ivan's IIN as "myself" (B00003, Wednesday 14:30).
 */
async function ivanClaimedByTwoAccounts(): Promise<TestBot> {
  const bot = await TestBot.start({ file: true });
  const chat = await ivanWithBooking(bot);
  await bookAliya(bot, chat, "B00002");
  bot.clock.advance(60_000);
  const other = await chatAt(bot, "summary", 202, { ...IVANOV, time: "14:30" });
  await finishBooking(other, "summary", { number: "B00003", booked: { ...IVANOV_BOOKED, time: "14:30" } });
  await bot.staffMessages();
  return bot;
}

function bookingNumbers(bot: TestBot): string[] {
  return rows<{ number: string }>(bot, "select number from bookings order by number").map((row) => row.number);
}

describe("a paper request for an IIN reaches only what is held about that person", () => {
  test("the export for Ivan holds what each account entered about him and his bookings, and nothing of account A's child", async () => {
    testBot = await ivanClaimedByTwoAccounts();
    const io = adminIo(testBot);
    expect(await runAdmin(["person-export", IIN, "--by", "Aliya (reception)"], io)).toBe(0);
    const printed = io.printed.join("\n");
    for (const leaked of [ALIYA.iin, ALIYA.name, "B00002"]) expect(printed).not.toContain(leaked);
    const copy = JSON.parse(printed);
    expect(copy.iin).toBe(IIN);
    expect(copy.heldBy).toHaveLength(2);
    for (const held of copy.heldBy) expect(held).toMatchObject({ relation: "self", fullName: IVAN.name, phone: PHONE.e164 });
    expect(copy.heldBy.map((held: { bookings: { number: string }[] }) => held.bookings.map((booking) => booking.number))).toEqual([["B00001"], ["B00003"]]);
    expect(copy.heldBy.every((held: { consents: unknown[] }) => held.consents.length === 2)).toBe(true);
  });

  test("the erasure for Ivan leaves account A and its child's booking in place, and erases account B, which held nobody else", async () => {
    testBot = await ivanClaimedByTwoAccounts();
    const io = adminIo(testBot);
    expect(await runAdmin(["person-erase", IIN, "--by", "Aliya", "--yes"], io)).toBe(0);
    expect(io.printed.at(-1)).toBe(
      "Erased what 2 account(s) held about this person; 2 upcoming booking(s) cancelled, staff are told by the running bot. 1 own account(s) held nobody else and were erased whole; 1 account(s) are kept (they hold other people, or someone else booked for this person from them).",
    );
    expect(bookingNumbers(testBot)).toEqual(["B00002"]);
    expect(testBot.app.store.patients.findIdByIin(IIN)).toBeUndefined();
    const accountA = testBot.app.store.accounts.findAccountId("telegram", 101);
    expect(accountA).toBeDefined();
    expect(testBot.app.store.accounts.findAccountId("telegram", 202)).toBeUndefined();
    expect(testBot.app.store.patients.peopleOf(accountA!).map((person) => person.fullName)).toEqual([ALIYA.name]);
  });

  test("blocking for Ivan restricts only the account that holds nobody else, and says which were left alone", async () => {
    testBot = await ivanClaimedByTwoAccounts();
    const io = adminIo(testBot);
    expect(await runAdmin(["person-block", IIN, "--by", "Aliya"], io)).toBe(0);
    expect(io.printed.at(-1)).toBe(
      "Blocked 1 account(s). Not blocked: 1 account(s) that also hold other people; a block restricts an account whole, so those are left for the fund to decide.",
    );
    expect(testBot.app.store.accounts.blockOf(testBot.app.store.accounts.findAccountId("telegram", 101)!)).toBeUndefined();
    expect(testBot.app.store.accounts.blockOf(testBot.app.store.accounts.findAccountId("telegram", 202)!)?.blockedBy).toBe("admin");
  });

  test("a correction for Ivan changes what each account entered about him, never his daughter", async () => {
    testBot = await ivanClaimedByTwoAccounts();
    const io = adminIo(testBot);
    expect(await runAdmin(["person-correct", IIN, "--by", "Aliya", "--name", "Иванов Иван Петрович"], io)).toBe(0);
    expect(io.printed.at(-1)).toMatch(/^Corrected in 2 account\(s\); 2 upcoming booking\(s\) changed/);
    const accountA = testBot.app.store.accounts.findAccountId("telegram", 101)!;
    expect(testBot.app.store.patients.peopleOf(accountA).map((person) => person.fullName)).toEqual(["Иванов Иван Петрович", ALIYA.name]);
  });
});

describe("a data request received on paper", () => {
  test("an admin finds the person by IIN and exports everything held, and the audit log names the admin", async () => {
    testBot = await ivanovBooked();
    const io = adminIo(testBot);
    expect(await runAdmin(["person-export", "9001 0130 0126", "--by", "Aliya (reception)"], io)).toBe(0);
    const copy = JSON.parse(io.printed.join("\n"));
    expect(copy.heldBy).toHaveLength(1);
    expect(copy.heldBy[0]).toMatchObject({ fullName: IVAN.name, phone: PHONE.e164, relation: "self" });
    expect(copy.heldBy[0].bookings[0]).toMatchObject({ number: "B00001", status: "booked" });
    const audit = rows<{ actor: string; actor_id: string; action: string }>(testBot, "select actor, actor_id, action from audit_log where actor = 'admin'");
    expect(audit.map((entry) => entry.action)).toEqual(["data.exported"]);
    expect(audit.every((entry) => entry.actor_id === "Aliya (reception)")).toBe(true);
    expect(JSON.stringify(rows(testBot, "select * from audit_log"))).not.toContain(IIN);
  });

  test("a correction of the name by IIN reaches the patient's bookings and the staff group", async () => {
    testBot = await ivanovBooked();
    const io = adminIo(testBot);
    expect(await runAdmin(["person-correct", IIN, "--by", "Aliya", "--name", "Иванов Иван Петрович"], io)).toBe(0);
    expect(io.printed.at(-1)).toMatch(/Corrected in 1 account\(s\); 1 upcoming booking\(s\) changed/);
    const restarted = await TestBot.start({ directory: testBot.directory, clock: testBot.clock });
    const chat = restarted.chat({ id: 101 });
    const appointments = await chat.send("/appointments");
    expect(appointments[1]!.text).toBe(appointmentItem("ru", { ...IVANOV_STAFF, date: "ср, 2 декабря", patient: "Иванов Иван Петрович" }));
    const staff = await restarted.staffMessages();
    expect(staff.at(-1)).toBe(
      `${staffMessage("changed", { ...IVANOV_STAFF, patient: "Иванов Иван Петрович" })}\n${t("ru", "staff-changed-field", { field: t("ru", "staff-field-name"), old: IVANOV_STAFF.patient, now: "Иванов Иван Петрович" })}`,
    );
    restarted.close();
  });

  test("a correction is made while processing is restricted: a dispute about accuracy is a reason to restrict", async () => {
    testBot = await ivanovBooked();
    const io = adminIo(testBot);
    expect(await runAdmin(["person-block", IIN, "--by", "Aliya"], io)).toBe(0);
    expect(await runAdmin(["person-correct", IIN, "--by", "Aliya", "--name", "Иванов Иван Петрович"], io)).toBe(0);
    expect(io.printed.at(-1)).toMatch(/^Corrected in 1 account\(s\); 1 upcoming booking\(s\) changed/);
  });

  test("a paper IIN correction never turns a person who books for themself into a minor", async () => {
    testBot = await ivanovBooked();
    const io = adminIo(testBot);
    expect(await runAdmin(["person-correct", IIN, "--by", "Aliya", "--iin", "150505600341"], io)).toBe(0);
    expect(io.printed.at(-1)).toMatch(/^Corrected in 0 account\(s\); .* Not corrected in 1 account\(s\)/);
    expect(testBot.app.store.patients.findIdByIin("150505600341")).toBeUndefined();
    expect(testBot.app.store.patients.findIdByIin(IIN)).toBeDefined();
  });

  test("blocking by IIN stops new bookings until the admin unblocks", async () => {
    testBot = await ivanovBooked();
    const io = adminIo(testBot);
    expect(await runAdmin(["person-block", IIN, "--by", "Aliya"], io)).toBe(0);
    const restarted = await TestBot.start({ directory: testBot.directory, clock: testBot.clock });
    const chat = restarted.chat({ id: 101 });
    expect((await chat.send("/book")).map((reply) => reply.text)).toEqual([BLOCKED_BY_FUND]);
    restarted.close();
    expect(await runAdmin(["person-block", IIN, "--by", "Aliya", "--unblock"], io)).toBe(0);
    const again = await TestBot.start({ directory: testBot.directory, clock: testBot.clock });
    expect((await again.chat({ id: 101 }).send("/book")).at(-1)!.text).toBe(t("ru", "ask-who-saved", { hours: 6 }));
    again.close();
  });

  test("a person blocked by the fund who then withdraws consent stays blocked by the fund; a new consent does not lift it", async () => {
    testBot = await ivanovBooked();
    const io = adminIo(testBot);
    expect(await runAdmin(["person-block", IIN, "--by", "Aliya"], io)).toBe(0);
    const restarted = await TestBot.start({ directory: testBot.directory, clock: testBot.clock });
    const accountId = restarted.app.store.accounts.findAccountId("telegram", 101)!;
    restarted.app.services.withdrawal.withdraw(accountId, { kind: "patient", id: accountId });
    expect(restarted.app.store.accounts.blockOf(accountId)?.blockedBy).toBe("admin");
    expect((await restarted.chat({ id: 101 }).send("/book")).map((reply) => reply.text)).toEqual([BLOCKED_BY_FUND]);
    restarted.close();
  });

  test("erasure by IIN cancels the upcoming booking, tells staff and leaves nothing of the person", async () => {
    testBot = await ivanovBooked();
    const io = adminIo(testBot);
    expect(await runAdmin(["person-erase", IIN, "--by", "Aliya"], io)).toBe(2);
    expect(io.printed.at(-1)).toMatch(/--yes/);
    expect(await runAdmin(["person-erase", IIN, "--by", "Aliya", "--yes"], io)).toBe(0);
    for (const table of ["accounts", "patients", "patient_links", "bookings", "consents"]) expect(count(testBot, table), table).toBe(0);
    expect(rows<{ booked: number }>(testBot, "select booked from monthly_counts")).toEqual([{ booked: 1 }]);
    const erasure = rows<{ actor_id: string | null; record_id: string | null }>(testBot, "select actor_id, record_id from audit_log where action = 'data.erased'");
    expect(erasure).toEqual([{ actor_id: "Aliya", record_id: null }]);
    const restarted = await TestBot.start({ directory: testBot.directory, clock: testBot.clock });
    expect(restarted.app.store.patients.findIdByIin(IIN)).toBeUndefined();
    expect((await restarted.staffMessages()).at(-1)).toBe(staffErased(IVANOV_STAFF));
    restarted.close();
  });

  test("an IIN is checked against the clinic's date on the app's clock, not the machine's", async () => {
    testBot = await ivanovBooked();
    const io = adminIo(testBot);
    const bornOnFifthDecember = "261205500002";
    expect(await runAdmin(["person-export", bornOnFifthDecember, "--by", "Aliya"], io)).toBe(2);
    expect(io.printed.at(-1)).toBe("The IIN is not valid (future).");
    testBot.clock.set("2026-12-05T03:00:00.000Z");
    expect(await runAdmin(["person-export", bornOnFifthDecember, "--by", "Aliya"], io)).toBe(1);
    expect(io.printed.at(-1)).toBe("Nobody with this IIN is registered.");
  });

  test("bad requests are refused with a clear line and change nothing", async () => {
    testBot = await ivanovBooked();
    const io = adminIo(testBot);
    expect(await runAdmin(["person-export", "123", "--by", "Aliya"], io)).toBe(2);
    expect(io.printed.at(-1)).toBe("The IIN is not valid (format).");
    expect(await runAdmin(["person-export", IIN], io)).toBe(2);
    expect(io.printed.at(-1)).toMatch(/--by/);
    expect(await runAdmin(["person-correct", IIN, "--by", "Aliya", "--phone", "+7 912 345 67 89"], io)).toBe(2);
    expect(io.printed.at(-1)).toBe("The phone is not valid (country).");
    expect(await runAdmin(["person-export", MARIA.iin, "--by", "Aliya"], io)).toBe(1);
    expect(io.printed.at(-1)).toBe("Nobody with this IIN is registered.");
    expect(count(testBot, "bookings")).toBe(1);
  });
});
