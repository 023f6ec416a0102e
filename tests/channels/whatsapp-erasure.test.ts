import { afterEach, expect, test } from "vitest";
import { count } from "../bot/dialogue";
import { R } from "../bot/texts";
import { FakeWhatsAppClient, startTestWhatsApp, WhatsAppTestChat } from "../support/fake-whatsapp-client";
import { TestBot } from "../support/harness";

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
  expect(confirm.at(-1)).toContain("Удалить все ваши данные?");
  const done = await chat.send("Да, удалить всё");
  expect(done.join("\n")).toContain("Все ваши данные удалены.");
  expect(count(testBot, "whatsapp_chats")).toBe(0);
  expect(count(testBot, "accounts")).toBe(0);
});
