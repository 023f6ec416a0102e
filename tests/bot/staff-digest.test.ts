import { afterEach, expect, test } from "vitest";
import { DIGEST_SIZE, GROUP_MESSAGES_PER_MINUTE } from "../../src/services/staff-alerts";
import { rows } from "../support/database";
import { STAFF_CHAT_ID } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { at, bookingRequest, bookOk, consentingAccount, person } from "../support/store";
import { StaffGroup } from "../support/staff";

let testBot: TestBot | undefined;
afterEach(() => testBot?.destroy());

/** `count` people, each in their own chat, book Dr Sadykova's ultrasound from Wednesday on, one slot each. */
function burstOf(bot: TestBot, count: number, firstChat = 1000): void {
  const slotIds = rows<{ id: string }>(bot, "select id from slots where doctor_id = 'sadykova-gulnar' and starts_at >= ? order by starts_at limit ?", at("2026-12-02", "00:00"), count);
  slotIds.forEach(({ id }, index) => {
    const accountId = consentingAccount(bot.app.services, firstChat + index);
    bookOk(bot.app.services, bookingRequest(accountId, id, { relation: "other", person: person({ fullName: `Пациентов Пациент ${index + 1}` }) }));
  });
}

function groupMessages(bot: TestBot) {
  return bot.sent.filter((message) => message.chatId === STAFF_CHAT_ID);
}

test("a burst of 60 bookings reaches the staff group as 4 digests of 15, each booking still actionable from its button", async () => {
  testBot = await TestBot.start();
  const staff = new StaffGroup(testBot);
  staff.members.add(501);
  burstOf(testBot, 60);

  expect(await testBot.app.staffAlerts.flush()).toBe(60);
  const digests = groupMessages(testBot);
  expect(digests).toHaveLength(60 / DIGEST_SIZE);
  for (const digest of digests) {
    const [heading, ...lines] = digest.text.split("\n");
    expect(heading).toBe(t("ru", "staff-digest-heading", { count: DIGEST_SIZE }));
    expect(lines).toHaveLength(DIGEST_SIZE);
    expect(digest.text.length).toBeLessThan(4096);
    const buttons = digest.replyMarkup && "inline_keyboard" in digest.replyMarkup ? digest.replyMarkup.inline_keyboard.flat() : [];
    expect(buttons).toHaveLength(DIGEST_SIZE);
  }
  expect(digests[0]!.text.split("\n")[1]).toBe(
    t("ru", "staff-digest-line", {
      number: "B00001",
      channel: t("ru", "channel-telegram"),
      when: "ср, 2 декабря, 08:00",
      service: "УЗИ (ультразвуковое исследование)",
      doctor: "Садыкова Гульнара Ержановна",
      patient: "Пациентов Пациент 1",
      minor: "",
      phone: "+7 701 123 45 67",
      iin: "9001******23",
      language: t("ru", "staff-language-ru"),
      claimed: "",
    }),
  );
  expect(rows(testBot, "select count(*) c from staff_outbox")).toEqual([{ c: 0 }]);

  // "Открыть B00017" under the second digest posts that booking's card, whose buttons act on it.
  const opened = digests[1]!;
  const open = (opened.replyMarkup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat()[1]!;
  expect(open.text).toBe(t("ru", "button-staff-open", { number: "B00017" }));
  await staff.pressData(501, open.callback_data, opened.messageId);
  const card = await staff.alertOf("B00017");
  expect(card.messageId).not.toBe(opened.messageId);
  expect(card.buttons).toEqual([
    [t("ru", "button-staff-attended"), t("ru", "button-staff-no-show")],
    [t("ru", "button-staff-cancel"), t("ru", "button-staff-show-iin")],
  ]);
  await staff.press(501, "B00017", t("ru", "button-staff-cancel"));
  await staff.press(501, "B00017", t("ru", "cancel-reason-duplicate"));
  expect(rows(testBot, "select status from bookings where number = 'B00017'")).toEqual([{ status: "cancelled" }]);
});

test("alerts sent one by one stop at the group's limit for the minute; what waits goes out after it, as a digest", async () => {
  testBot = await TestBot.start();
  const bot = testBot;
  // Bookings arrive one after another, each flushed at once as the dialogue does.
  const slotIds = rows<{ id: string }>(bot, "select id from slots where doctor_id = 'sadykova-gulnar' and starts_at >= ? order by starts_at limit 25", at("2026-12-02", "00:00"));
  for (const [index, { id }] of slotIds.entries()) {
    bookOk(bot.app.services, bookingRequest(consentingAccount(bot.app.services, 2000 + index), id, { relation: "other" }));
    await bot.app.staffAlerts.flush();
    bot.clock.advance(1_000);
  }
  expect(groupMessages(bot)).toHaveLength(GROUP_MESSAGES_PER_MINUTE);
  expect(rows(bot, "select count(*) c from staff_outbox")).toEqual([{ c: 25 - GROUP_MESSAGES_PER_MINUTE }]);

  bot.clock.advance(60_000);
  expect(await bot.app.staffAlerts.flush()).toBe(25 - GROUP_MESSAGES_PER_MINUTE);
  const last = groupMessages(bot).at(-1)!;
  expect(groupMessages(bot)).toHaveLength(GROUP_MESSAGES_PER_MINUTE + 1);
  expect(last.text.split("\n")[0]).toBe(t("ru", "staff-digest-heading", { count: 25 - GROUP_MESSAGES_PER_MINUTE }));
});
