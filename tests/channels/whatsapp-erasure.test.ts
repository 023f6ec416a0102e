import { afterEach, expect, test } from "vitest";
import { DRAFT_TIMEOUT_MS } from "../../src/domain/drafts";
import { purgeUnconsentedWhatsappChats } from "../../src/jobs";
import { count } from "../support/database";
import { FakeWhatsAppClient, startTestWhatsApp, WhatsAppTestChat } from "../support/fake-whatsapp-client";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { R } from "../support/replies";

let testBot: TestBot;
let channel: Awaited<ReturnType<typeof startTestWhatsApp>>["channel"];
afterEach(async () => {
  await channel.stop();
  testBot.destroy();
});

test("after /delete on WhatsApp the chat id mapping is gone too, and the goodbye still reaches the chat", async () => {
  testBot = await TestBot.start();
  const started = await startTestWhatsApp(testBot, { client: new FakeWhatsAppClient() });
  channel = started.channel;
  const chat = new WhatsAppTestChat(started.client, channel, "77012345678@c.us");
  await chat.send("/start");
  await chat.send("2"); // Русский
  await chat.send("2"); // ✅ Согласен(на)
  expect((await chat.send("2")).at(-1)).toContain(R.askWho.text);
  expect(count(testBot, "whatsapp_chats")).toBe(1);

  await chat.send("/cancel");
  const confirm = await chat.send("/delete");
  expect(confirm.at(-1)).toContain(t("ru", "delete-confirm"));
  const done = await chat.send(t("ru", "button-delete-yes"));
  expect(done.join("\n")).toContain(t("ru", "delete-done"));
  expect(count(testBot, "whatsapp_chats")).toBe(0);
  expect(count(testBot, "accounts")).toBe(0);
});

test("a WhatsApp chat that wrote once and never consented is forgotten after six hours; one that consented is kept", async () => {
  testBot = await TestBot.start();
  const started = await startTestWhatsApp(testBot, { client: new FakeWhatsAppClient() });
  channel = started.channel;
  const stranger = new WhatsAppTestChat(started.client, channel, "77015550000@c.us");
  await stranger.send("Здравствуйте");
  await stranger.send("2"); // Русский: the language is kept, and the policy question opens a dialogue
  await stranger.send("/cancel");
  const patient = new WhatsAppTestChat(started.client, channel, "77012345678@c.us");
  await patient.send("/start");
  await patient.send("2"); // Русский
  await patient.send("2"); // ✅ Согласен(на)
  await patient.send("/cancel");
  expect(count(testBot, "whatsapp_chats")).toBe(2);
  expect(count(testBot, "chat_preferences")).toBe(2);

  testBot.clock.advance(DRAFT_TIMEOUT_MS - 60_000);
  expect(purgeUnconsentedWhatsappChats(testBot.app)).toBe(0);
  testBot.clock.advance(2 * 60_000);
  expect(purgeUnconsentedWhatsappChats(testBot.app)).toBe(1);
  expect(count(testBot, "whatsapp_chats")).toBe(1);
  expect(count(testBot, "chat_preferences")).toBe(1);
  expect(testBot.app.store.whatsappChats.findNumericId("77015550000@c.us")).toBeUndefined();
  expect(testBot.app.store.whatsappChats.findNumericId("77012345678@c.us")).toBeDefined();
});
