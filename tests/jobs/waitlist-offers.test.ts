/**
 * Issue 10, the waiting list: a freed time is offered to the first person waiting whose wish it fits,
 * held for them (30 minutes), shown to nobody else; "Take it" books it with every check of a booking,
 * "No" or silence passes it on; the hold survives a restart. Time is the injected clock.
 */
import { afterEach, describe, expect, test } from "vitest";
import { patientActor } from "../../src/bot/data-rights";
import { policyInForceNow } from "../../src/bot/replies";
import { offerFreedSlots } from "../../src/jobs";
import { askTime, R } from "../support/replies";
import { chatAt, ivanWithBooking, IVANOV, reach, startIn } from "../support/booking";
import { count, rows } from "../support/database";
import { AIDAR, MARIA } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import {
  activeBookingsAt,
  AIDAR_ANSWERS,
  cancelFromAppointments,
  entryStates,
  joinWaitlist,
  MARIA_ANSWERS,
  offer,
  offerStates,
  taken,
  WED_1400,
} from "../support/waitlist";

const bots: TestBot[] = [];
afterEach(() => {
  for (const bot of bots.splice(0)) bot.destroy();
});

async function start(options: Parameters<typeof TestBot.start>[0] = {}): Promise<TestBot> {
  const bot = await TestBot.start(options);
  bots.push(bot);
  return bot;
}

const AKHMETOVA = "akhmetova-aigul";
const TAKE = t("ru", "button-waitlist-take");
const NO = t("ru", "button-waitlist-decline");

/**
 * Ivan (101) holds Wednesday 14:00; Мария (102) and then Айдар (103) wait for Ахметова's paediatrician
 * for the next 7 days, a minute apart. Ivan then cancels; nothing is offered until the job runs.
 */
async function wednesdayFreed(options: Parameters<typeof TestBot.start>[0] = {}) {
  const bot = await start(options);
  const ivan = await ivanWithBooking(bot);
  ivan.replies();
  bot.clock.advance(60_000);
  const maria = await joinWaitlist(bot, 102, MARIA_ANSWERS);
  bot.clock.advance(60_000);
  const aidar = await joinWaitlist(bot, 103, AIDAR_ANSWERS);
  bot.clock.advance(60_000); // Tuesday 08:03 Almaty
  await cancelFromAppointments(ivan);
  return { bot, ivan, maria, aidar };
}

function slotIdAt(bot: TestBot, startsAt: string): string {
  return rows<{ id: string }>(bot, "select id from slots where doctor_id = ? and starts_at = ?", AKHMETOVA, startsAt)[0]!.id;
}

describe("a freed time goes to the first person waiting", () => {
  test("Ivan's cancellation offers Wednesday 14:00 to Мария, who waited first, held for 30 minutes; Айдар hears nothing", async () => {
    const { bot, maria, aidar } = await wednesdayFreed();
    expect(maria.replies()).toEqual([]);

    expect(await offerFreedSlots(bot.app)).toEqual({ offered: 1, lapsed: 0, expiredEntries: 0 });
    expect(maria.replies()).toEqual([offer("ru", MARIA.name, "08:33")]);
    expect(aidar.replies()).toEqual([]);
    // A second run offers nothing more: the slot is offered once, to one person.
    expect(await offerFreedSlots(bot.app)).toEqual({ offered: 0, lapsed: 0, expiredEntries: 0 });
    expect(aidar.replies()).toEqual([]);
  });

  test("while it is held, nobody else sees Wednesday 14:00 or can book it", async () => {
    const { bot } = await wednesdayFreed();
    await offerFreedSlots(bot.app);

    const other = bot.chat({ id: 104 });
    await startIn(other);
    const shown = await reach(other, "time", { ...IVANOV, iin: "8812 0240 0564", name: MARIA.name });
    expect(shown.at(-1)).toEqual(askTime("ru", "в среду, 2 декабря", ["14:30", "15:00", "15:30", "16:00", "16:30", "17:00", "17:30"]));

    const outcome = bot.app.services.bookings.book({
      accountId: bot.app.store.accounts.findAccountId("telegram", 104)!,
      channel: "telegram",
      relation: "self",
      representativeConfirmed: false,
      person: { iin: "881202400564", fullName: MARIA.name, phone: "+77012345678", phoneConfirmed: false },
      serviceId: "pediatrician",
      slotId: slotIdAt(bot, WED_1400),
      policyVersion: policyInForceNow(bot.app).version,
      draftKey: "a-draft-of-chat-104",
    });
    expect(outcome).toEqual({ ok: false, reason: "slot_taken" });
  });

  test("'Записаться' books it for Мария through the same checks as a booking, and staff are told", async () => {
    const { bot, maria } = await wednesdayFreed();
    await offerFreedSlots(bot.app);
    maria.replies();
    const take = maria.findButton(TAKE);

    expect(await maria.press(TAKE)).toEqual([taken("B00002", MARIA.name)]);
    expect(activeBookingsAt(bot, WED_1400)).toBe(1);
    expect(offerStates(bot).map((row) => row.status)).toEqual(["taken"]);
    expect(entryStates(bot)).toEqual(["booked", "waiting"]);
    expect((await bot.staffMessages()).at(-1)).toContain("B00002");
    // The fund's monthly figures: two bookings, one cancelled, one of them taken from the waiting list.
    expect(rows(bot, "select month, booked, cancelled, offers_taken as taken from monthly_counts")).toEqual([{ month: "2026-12", booked: 2, cancelled: 1, taken: 1 }]);
    // A second press finds the same booking and counts nothing again.
    await maria.pressAgain(take);
    expect(rows(bot, "select offers_taken as taken from monthly_counts")).toEqual([{ taken: 1 }]);
  });
});

test("Мария is in the middle of /book when the offer comes: 'Записаться' books it, and the dialogue stays at its question", async () => {
  const { bot, maria } = await wednesdayFreed();
  expect((await maria.send("/book")).at(-1)?.text).toBe(R.askWhoSaved([]).text);
  await offerFreedSlots(bot.app);
  maria.replies();

  expect(await maria.press(TAKE)).toEqual([taken("B00002", MARIA.name)]);
  expect(activeBookingsAt(bot, WED_1400)).toBe(1);
  // The dialogue still waits for its answer.
  expect(await maria.press(t("ru", "button-who-other"))).toEqual([R.askIinOther]);
});

describe("moving a booking", () => {
  const WED_1430 = "2026-12-02T09:30:00.000Z";

  test("Ivan moves Wednesday 14:00 to 14:30: the time he leaves goes to Мария, who waits", async () => {
    const bot = await start();
    const ivan = await ivanWithBooking(bot);
    bot.clock.advance(60_000);
    const maria = await joinWaitlist(bot, 102, MARIA_ANSWERS);
    const ivansAccount = bot.app.store.accounts.findAccountId("telegram", 101)!;
    const bookingId = bot.app.store.bookings.upcomingFor(ivansAccount)[0]!.id;

    const moved = bot.app.services.bookings.move({ accountId: ivansAccount, bookingId, slotId: slotIdAt(bot, WED_1430), channel: "telegram" });
    expect(moved.ok).toBe(true);
    ivan.replies();
    expect(await offerFreedSlots(bot.app)).toMatchObject({ offered: 1 });
    expect(maria.replies()).toEqual([offer("ru", MARIA.name, "08:31")]);
  });

  test("nobody can move a booking onto a time held for someone on the waiting list", async () => {
    const { bot } = await wednesdayFreed();
    await offerFreedSlots(bot.app);
    const other = await chatAt(bot, "summary", 104, { ...IVANOV, iin: "8812 0240 0564", name: MARIA.name, time: "14:30" });
    await other.press(t("ru", "button-confirm"));
    const account = bot.app.store.accounts.findAccountId("telegram", 104)!;
    const bookingId = bot.app.store.bookings.upcomingFor(account)[0]!.id;

    expect(bot.app.services.bookings.move({ accountId: account, bookingId, slotId: slotIdAt(bot, WED_1400), channel: "telegram" })).toEqual({ ok: false, reason: "slot_taken" });
  });
});

describe("the hold passes on", () => {
  test("after 30 minutes of silence the time goes to Айдар; Мария's late press books nothing and says why", async () => {
    const { bot, maria, aidar } = await wednesdayFreed();
    await offerFreedSlots(bot.app);
    maria.replies();

    bot.clock.advance(29 * 60_000);
    expect(await offerFreedSlots(bot.app)).toEqual({ offered: 0, lapsed: 0, expiredEntries: 0 });
    expect(aidar.replies()).toEqual([]);

    bot.clock.advance(60_000); // 08:33, the hold is over
    expect(await offerFreedSlots(bot.app)).toEqual({ offered: 1, lapsed: 1, expiredEntries: 0 });
    expect(aidar.replies()).toEqual([offer("ru", AIDAR.name, "09:03")]);

    expect(await maria.press(TAKE)).toEqual([{ text: t("ru", "waitlist-offer-passed") }]);
    expect(await aidar.press(TAKE)).toEqual([taken("B00002", AIDAR.name)]);
    expect(activeBookingsAt(bot, WED_1400)).toBe(1);
    // Мария still waits, for another time.
    expect(entryStates(bot)).toEqual(["waiting", "booked"]);
  });

  test("'Нет, спасибо' passes it to Айдар at the next run, and it is never offered to Мария again", async () => {
    const { bot, maria, aidar } = await wednesdayFreed();
    await offerFreedSlots(bot.app);
    maria.replies();

    expect(await maria.press(NO)).toEqual([{ text: t("ru", "waitlist-declined") }]);
    expect(await offerFreedSlots(bot.app)).toMatchObject({ offered: 1 });
    expect(aidar.replies()).toEqual([offer("ru", AIDAR.name, "08:33")]);
    expect(await aidar.press(NO)).toEqual([{ text: t("ru", "waitlist-declined") }]);
    expect(await offerFreedSlots(bot.app)).toMatchObject({ offered: 0 });
    expect(maria.replies()).toEqual([]);
    // Nobody else waits: the time is free for anyone again.
    expect(bot.app.store.availability.freeSlotsOn(AKHMETOVA, "2026-12-02").map((slot) => slot.startsAt)).toContain(WED_1400);
  });
});

describe("exactly one booking", () => {
  test("'Записаться' pressed twice (two devices, a lost reply) gives one booking, and the second press says it is already made", async () => {
    const { bot, maria } = await wednesdayFreed();
    await offerFreedSlots(bot.app);
    maria.replies();
    const button = maria.findButton(TAKE);

    expect(await maria.press(TAKE)).toEqual([taken("B00002", MARIA.name)]);
    expect(await maria.pressAgain(button)).toEqual([{ text: `${t("ru", "booked-already")}\n${taken("B00002", MARIA.name).text}` }]);
    expect(activeBookingsAt(bot, WED_1400)).toBe(1);
    expect(count(bot, "bookings")).toBe(2);
  });

  test("two families press 'Записаться' on one freed time: the one it is held for books it, the other's press is refused", async () => {
    const { bot, maria, aidar } = await wednesdayFreed();
    await offerFreedSlots(bot.app);
    const mariasOffer = maria.findButton(TAKE);
    // Айдар forges Мария's button: the offer is not his.
    expect(await aidar.pressData(mariasOffer.data)).toEqual([{ text: t("ru", "waitlist-offer-not-found") }]);
    bot.clock.advance(30 * 60_000);
    await offerFreedSlots(bot.app);
    maria.replies();
    aidar.replies();

    expect(await aidar.press(TAKE)).toEqual([taken("B00002", AIDAR.name)]);
    expect(await maria.pressAgain(mariasOffer)).toEqual([{ text: t("ru", "waitlist-offer-passed") }]);
    expect(activeBookingsAt(bot, WED_1400)).toBe(1);
  });

  test("Мария blocked processing after the offer: her 'Записаться' is refused politely, and the time goes on to Айдар", async () => {
    const { bot, maria, aidar } = await wednesdayFreed();
    await offerFreedSlots(bot.app);
    maria.replies();
    const mariasAccount = bot.app.store.accounts.findAccountId("telegram", 102)!;
    bot.app.services.blocking.setBlocked(mariasAccount, true, "patient", patientActor(mariasAccount));

    expect(await maria.press(TAKE)).toEqual([{ text: t("ru", "processing-blocked") }]);
    expect(activeBookingsAt(bot, WED_1400)).toBe(0);
    expect(await offerFreedSlots(bot.app)).toMatchObject({ offered: 1 });
    expect(aidar.replies()).toEqual([offer("ru", AIDAR.name, "08:33")]);
    expect(entryStates(bot)).toEqual(["ended", "waiting"]);
  });
});

describe("what lasts", () => {
  test("the hold survives a restart: rebuilt on the same database, the time stays hidden and Мария can still take it", async () => {
    const { bot } = await wednesdayFreed({ file: true });
    await offerFreedSlots(bot.app);
    const offerId = rows<{ id: string }>(bot, "select id from slot_offers")[0]!.id;
    bot.close();

    const again = await start({ directory: bot.directory, clock: bot.clock });
    again.clock.advance(20 * 60_000);
    expect(again.app.store.availability.freeSlotsOn(AKHMETOVA, "2026-12-02").map((slot) => slot.startsAt)).not.toContain(WED_1400);
    expect(await offerFreedSlots(again.app)).toEqual({ offered: 0, lapsed: 0, expiredEntries: 0 });
    expect(again.chat({ id: 103 }).replies()).toEqual([]);
    expect(await again.chat({ id: 102 }).pressData(`wl-take:${offerId}`)).toEqual([taken("B00002", MARIA.name)]);
  });

  test("after a restart, silence still passes the time on when the hold ends", async () => {
    const { bot } = await wednesdayFreed({ file: true });
    await offerFreedSlots(bot.app);
    bot.close();

    const again = await start({ directory: bot.directory, clock: bot.clock });
    again.clock.advance(30 * 60_000);
    expect(await offerFreedSlots(again.app)).toEqual({ offered: 1, lapsed: 1, expiredEntries: 0 });
    const aidar = again.chat({ id: 103 });
    expect(aidar.replies()).toEqual([offer("ru", AIDAR.name, "09:03")]);
    expect(await aidar.press(TAKE)).toEqual([taken("B00002", AIDAR.name)]);
  });

  test("an offer that could not go out before its hold ended is not sent late", async () => {
    const { bot, maria } = await wednesdayFreed();
    bot.app.channelApis.delete("telegram");
    await offerFreedSlots(bot.app);
    bot.clock.advance(30 * 60_000);
    bot.app.channelApis.set("telegram", bot.bot.api);
    await bot.app.patientNotices.flush();
    expect(maria.replies()).toEqual([]);
  });

  test("entries expire after their days: the 7 days from Tuesday 1 December end with Monday 7 December, and /appointments no longer lists them", async () => {
    const { bot, maria } = await wednesdayFreed();
    await offerFreedSlots(bot.app);
    await maria.press(NO);
    bot.clock.set("2026-12-07T18:00:00.000Z"); // Monday 23:00 Almaty: still waiting
    expect(await offerFreedSlots(bot.app)).toMatchObject({ expiredEntries: 0 });
    bot.clock.set("2026-12-07T19:00:00.000Z"); // Tuesday 00:00 Almaty
    expect(await offerFreedSlots(bot.app)).toMatchObject({ expiredEntries: 2 });
    expect(entryStates(bot)).toEqual(["expired", "expired"]);
    maria.replies();
    expect(await maria.send("/appointments")).toEqual([{ text: t("ru", "appointments-none") }]);
  });

  test("new working hours are offered to those waiting for the specialist, not to others", async () => {
    const bot = await start();
    const maria = await joinWaitlist(bot, 102, MARIA_ANSWERS);
    bot.app.store.db.$client.prepare("delete from slots where doctor_id = ? and starts_at = ?").run(AKHMETOVA, WED_1400);
    expect(bot.app.store.slotHorizon.extend()).toBe(1);
    expect(await offerFreedSlots(bot.app)).toMatchObject({ offered: 1 });
    expect(maria.replies()).toEqual([offer("ru", MARIA.name, "08:30")]);
    // Nobody waits for Нурланов: a new slot of his is not queued.
    bot.app.store.db.$client.prepare("delete from slots where doctor_id = 'nurlanov-erlan' and starts_at = ?").run(WED_1400);
    expect(bot.app.store.slotHorizon.extend()).toBe(1);
    expect(count(bot, "freed_slots")).toBe(0);
  });
});

describe("data rights", () => {
  test("/delete erases Мария's entry, and the time she was offered goes on to Айдар", async () => {
    const { bot, maria, aidar } = await wednesdayFreed();
    await offerFreedSlots(bot.app);
    await maria.send("/delete");
    await maria.press(t("ru", "button-delete-yes"));
    expect(rows(bot, "select id from waitlist_entries")).toHaveLength(1);
    expect(await offerFreedSlots(bot.app)).toMatchObject({ offered: 1 });
    expect(aidar.replies()).toEqual([offer("ru", AIDAR.name, "08:33")]);
  });

  test("a paper erasure of Айдар's IIN and Мария's /withdraw remove their entries; no offer is made to them", async () => {
    const { bot, maria } = await wednesdayFreed();
    expect(bot.app.services.paperRequests.erase(AIDAR.iin, { kind: "admin", id: "Admin" }).ok).toBe(true);
    const mariasAccount = bot.app.store.accounts.findAccountId("telegram", 102)!;
    bot.app.services.withdrawal.withdraw(mariasAccount, patientActor(mariasAccount));
    expect(count(bot, "waitlist_entries")).toBe(0);
    expect(await offerFreedSlots(bot.app)).toMatchObject({ offered: 0 });
    expect(maria.replies()).toEqual([]);
  });
});
