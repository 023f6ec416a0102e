import { afterEach, expect, test } from "vitest";
import { DRAFT_TIMEOUT_MS } from "../../src/domain/drafts";
import { FakeWhatsAppClient, startTestWhatsApp, WhatsAppTestChat } from "../support/fake-whatsapp-client";
import { TestBot } from "../support/harness";

let testBot: TestBot;
let channel: Awaited<ReturnType<typeof startTestWhatsApp>>["channel"];
afterEach(async () => {
  await channel.stop();
  testBot.destroy();
});

async function whatsApp() {
  testBot = await TestBot.start();
  const started = await startTestWhatsApp(testBot, { client: new FakeWhatsAppClient() });
  channel = started.channel;
  return started;
}

test("after /delete the channel's memory no longer holds the chat id (a phone number) either", async () => {
  const { client } = await whatsApp();
  const chat = new WhatsAppTestChat(client, channel, "77012345678@c.us");
  await chat.send("/start");
  await chat.send("2"); // Русский
  await chat.send("2"); // ✅ Согласен(на)
  await chat.send("/cancel");
  expect(channel.holds("77012345678@c.us")).toBe(true);
  await chat.send("/delete");
  expect((await chat.send("Да, удалить всё")).join("\n")).toContain("Все ваши данные удалены.");
  expect(channel.holds("77012345678@c.us")).toBe(false);
});

test("chats silent for longer than a draft lives are let go, so the memory does not grow with every chat ever seen", async () => {
  const { client } = await whatsApp();
  for (let index = 0; index < 5; index += 1) await new WhatsAppTestChat(client, channel, `7701555000${index}@c.us`).send("/help");
  expect(channel.holds("77015550000@c.us")).toBe(true);
  testBot.clock.advance(DRAFT_TIMEOUT_MS + 2 * 60_000);
  await new WhatsAppTestChat(client, channel, "77012345678@c.us").send("/help");
  expect([0, 1, 2, 3, 4].some((index) => channel.holds(`7701555000${index}@c.us`))).toBe(false);
  expect(channel.holds("77012345678@c.us")).toBe(true);
});
