import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot, InlineKeyboard, InputFile } from "grammy";
import type { Message } from "grammy/types";
import { BotApiEmulator } from "./bot-api-emulator";

/** Sockets, servers and timers alive in this worker (what would keep a test run from exiting). */
const handleCount = () =>
  process.getActiveResourcesInfo().filter((r) => ["TCPSocketWrap", "TCPServerWrap", "Timeout"].includes(r)).length;

describe("BotApiEmulator with a real grammY bot (long polling)", () => {
  const baselineHandles = handleCount();
  let emulator: BotApiEmulator;
  let bot: Bot;
  let running: Promise<void> | undefined;
  let getUpdatesRequests = 0;
  const callbackData: string[] = [];

  beforeAll(async () => {
    emulator = await BotApiEmulator.start({ botUsername: "echo_bot" });
    bot = new Bot(emulator.token, { client: { apiRoot: emulator.apiRoot } }); // no botInfo: getMe goes over HTTP
    bot.api.config.use((prev, method, payload, signal) => {
      if (method === "getUpdates") getUpdatesRequests++;
      return prev(method, payload, signal);
    });
    bot.command("menu", (ctx) => ctx.reply("Pick one", { reply_markup: new InlineKeyboard().text("A", "pick:a") }));
    bot.command("file", (ctx) => ctx.replyWithDocument(new InputFile(Buffer.from("hello"), "hello.txt"), { caption: "here" }));
    bot.callbackQuery(/^pick:/, async (ctx) => {
      callbackData.push(ctx.callbackQuery.data);
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(`Picked ${ctx.callbackQuery.data}`);
    });
    bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    await new Promise<void>((resolve, reject) => {
      running = bot.start({ timeout: 1, drop_pending_updates: false, onStart: () => resolve() });
      running.catch(reject);
    });
  });

  afterAll(async () => {
    if (bot.isRunning()) await bot.stop();
    await running;
    await emulator.close();
  });

  it("serves grammY's start-up calls over HTTP", () => {
    expect(emulator.calls.map((c) => c.method).slice(0, 2).sort()).toEqual(["deleteWebhook", "getMe"]);
    expect(bot.botInfo.username).toBe("echo_bot");
  });

  it("round-trips an echo", async () => {
    emulator.sendText({ id: 42 }, "hello");
    const call = await emulator.waitForCall((c) => c.method === "sendMessage" && c.payload.chat_id === 42);
    expect(call.payload.text).toBe("echo: hello");
    expect(emulator.messagesTo(42).map((c) => c.payload.text)).toEqual(["echo: hello"]);
  });

  it("delivers an inline-button press and records the edit", async () => {
    emulator.sendText({ id: 42 }, "/menu");
    const menu = await emulator.waitForCall((c) => c.method === "sendMessage" && c.payload.text === "Pick one");
    expect(menu.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: "A", callback_data: "pick:a" }]] });
    const sent = menu.result as Message;
    emulator.pressButton(42, sent.message_id, "pick:a");
    await emulator.waitForCall((c) => c.method === "answerCallbackQuery");
    const edit = await emulator.waitForCall((c) => c.method === "editMessageText");
    expect(callbackData).toEqual(["pick:a"]);
    expect(edit.payload).toMatchObject({ chat_id: 42, message_id: sent.message_id, text: "Picked pick:a" });
  });

  it("accepts a multipart sendDocument", async () => {
    emulator.sendText({ id: 42 }, "/file");
    const call = await emulator.waitForCall((c) => c.method === "sendDocument");
    const document = call.payload.document as { filename: string; bytes: Buffer };
    expect(call.payload).toMatchObject({ chat_id: 42, caption: "here" });
    expect(document.filename).toBe("hello.txt");
    expect(document.bytes.toString()).toBe("hello");
  });

  it("holds getUpdates instead of spinning while idle", async () => {
    const before = getUpdatesRequests;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(getUpdatesRequests - before).toBeLessThanOrEqual(3);
  });

  it("answers bad tokens, unknown methods and form bodies like Telegram", async () => {
    const wrong = await fetch(`${emulator.apiRoot}/bot1:WRONG/getMe`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
    const unknown = await fetch(`${emulator.apiRoot}/bot${emulator.token}/sendTelepathy`, { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ description: "Not Found: method not found" });
    expect(emulator.calls.filter((c) => c.method === "sendTelepathy")).toHaveLength(1);
    const form = await fetch(`${emulator.apiRoot}/bot${emulator.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "chat_id=7&text=hi",
    });
    expect(await form.json()).toMatchObject({ ok: true, result: { chat: { id: 7 }, text: "hi" } });
    expect(emulator.messagesTo(7)).toHaveLength(1);
  });

  it("rejects waitForCall on timeout with the recent calls", async () => {
    await expect(emulator.waitForCall((c) => c.method === "banChatMember", 50)).rejects.toThrow(/sendMessage/);
  });

  it("stops and closes without leaving sockets or timers behind", async () => {
    const started = Date.now();
    await bot.stop();
    await running;
    await emulator.close();
    for (let i = 0; i < 50 && handleCount() > baselineHandles; i++) await new Promise((r) => setTimeout(r, 20));
    expect(handleCount()).toBe(baselineHandles);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("BotApiEmulator.close", () => {
  it("answers a pending long poll with [] and confirms updates via offset", async () => {
    const emulator = await BotApiEmulator.start();
    const url = `${emulator.apiRoot}/bot${emulator.token}/getUpdates`;
    const first = emulator.sendText({ id: 5, type: "group", userId: 9 }, "/start@test_bot now");
    const batch = (await (await fetch(`${url}?timeout=30`)).json()) as { result: { update_id: number; message: Message }[] };
    expect(batch.result[0]?.message).toMatchObject({ chat: { id: 5, type: "group" }, from: { id: 9 }, entities: [{ type: "bot_command", length: 15 }] });
    const started = Date.now();
    const poll = fetch(`${url}?timeout=30&offset=${first + 1}`).then((r) => r.json());
    await new Promise((resolve) => setTimeout(resolve, 50));
    await emulator.close();
    expect(await poll).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
