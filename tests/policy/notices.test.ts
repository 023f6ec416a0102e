import { Api, GrammyError } from "grammy";
import { retryFailedCalls } from "../../src/bot/api-failures";
import { afterEach, describe, expect, test } from "vitest";
import { deliverPolicyNotices, type Pace } from "../../src/jobs/policy-notices";
import { CLAIM_TIMEOUT_MS, MAX_NOTICE_ATTEMPTS } from "../../src/store/policy-notices";
import type { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { consentedToFirstVersion, NEW_CHANGES, noticeRows, PolicyWorkspace, sentTo, testPace } from "../support/policy";

let workspace: PolicyWorkspace;
afterEach(() => workspace.destroy());

const RU_NOTICE = t("ru", "policy-notice", { version: "1.1", date: "01.02.2027", changes: NEW_CHANGES.ru });
const KK_NOTICE = t("kk", "policy-notice", { version: "1.1", date: "01.02.2027", changes: NEW_CHANGES.kk });

/** `count` people who consented to 1.0 (chat ids from 1001, Russian and Kazakh in turn), then 1.1 published. */
async function publishedTo(count: number): Promise<{ bot: TestBot; chatIds: number[] }> {
  workspace = new PolicyWorkspace();
  const bot = await workspace.start();
  const chatIds = Array.from({ length: count }, (_, index) => 1001 + index);
  chatIds.forEach((chatId, index) => consentedToFirstVersion(bot, chatId, index % 2 === 0 ? "ru" : "kk"));
  expect(await workspace.publish(bot)).toBe(0);
  return { bot, chatIds };
}

/** Makes sendMessage to the chats `failing` chooses throw `error` instead. */
function failSendsTo(bot: TestBot, failing: (chatId: number) => boolean, error: () => Error): void {
  bot.bot.api.config.use((previous, method, payload, signal) => {
    if (method === "sendMessage" && failing(Number((payload as { chat_id: number }).chat_id))) throw error();
    return previous(method, payload, signal);
  });
}

describe("delivering the notices of a new version", () => {
  test("each person who consented gets exactly one notice, in their language, with a button for the new text; never more than 25 a second", async () => {
    const { bot, chatIds } = await publishedTo(30);
    const started = bot.clock.now().getTime();

    expect(await deliverPolicyNotices(bot.app, testPace(bot.clock))).toEqual({ sent: 30, skipped: 0, failed: 0 });
    for (const [index, chatId] of chatIds.entries()) expect(sentTo(bot, chatId)).toEqual([index % 2 === 0 ? RU_NOTICE : KK_NOTICE]);
    expect(noticeRows(bot).every((notice) => notice.status === "sent" && notice.attempts === 0)).toBe(true);

    // Paced: 30 messages at 25 a second take at least 29 × 40 ms, and no two go out closer than that.
    const sentAt = noticeRows(bot).map((notice) => new Date(notice.sent_at!).getTime()).sort((a, b) => a - b);
    expect(sentAt.at(-1)! - started).toBeGreaterThanOrEqual(29 * 40);
    for (let index = 1; index < sentAt.length; index += 1) expect(sentAt[index]! - sentAt[index - 1]!).toBeGreaterThanOrEqual(40);

    // The next minute's run finds nothing to send.
    expect(await deliverPolicyNotices(bot.app, testPace(bot.clock))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(bot.sent).toHaveLength(30);

    // The notice's button shows the new version in full, before it is in force.
    const kazakh = bot.chat({ id: chatIds[1]! });
    kazakh.replies();
    const readVersion = t("kk", "button-policy-version-full", { version: "1.1" });
    expect(kazakh.findButton(readVersion)).toBeDefined();
    expect(await kazakh.press(readVersion)).toEqual([{ text: "Құпиялылық саясаты, 1.1 нұсқасы\n9. Саясаттағы өзгерістер\nӨзгерістер туралы бот чатында хабарлаймыз." }]);
  });

  test("a 429 for one chat delays that chat alone: the run goes on with the others at full pace, and the chat gets its notice once, after the wait", async () => {
    const { bot, chatIds } = await publishedTo(30);
    // Every tenth chat is busy the first time: Telegram asks to wait 30 seconds before writing to it again.
    const busy = new Set(chatIds.filter((_, index) => index % 10 === 3));
    const delivered: number[] = [];
    const telegram = new Api("123:TEST", {
      fetch: async (_url: string | URL | Request, init?: RequestInit) => {
        const body = typeof init?.body === "string" ? init.body : "{}";
        const chatId = Number((JSON.parse(body) as { chat_id: number }).chat_id);
        if (busy.delete(chatId)) {
          return new Response(JSON.stringify({ ok: false, error_code: 429, description: "Too Many Requests: retry after 30", parameters: { retry_after: 30 } }));
        }
        delivered.push(chatId);
        return new Response(JSON.stringify({ ok: true, result: { message_id: delivered.length, date: 0, chat: { id: chatId, type: "private" } } }));
      },
    });
    // The bot's own retrying, as every Telegram call has it: without the outbox's exemption it would wait the 30 s out.
    telegram.config.use(retryFailedCalls());
    bot.app.channelApis.set("telegram", telegram);
    const started = bot.clock.now().getTime();

    expect(await deliverPolicyNotices(bot.app, testPace(bot.clock))).toEqual({ sent: 27, skipped: 0, failed: 3 });
    // 27 notices at 25 a second, and no time spent waiting for the busy chats.
    expect(bot.clock.now().getTime() - started).toBeLessThan(30 * 40 + 1000);
    expect(noticeRows(bot).filter((notice) => notice.status === "pending" && notice.attempts === 0)).toHaveLength(3);

    expect(await deliverPolicyNotices(bot.app, testPace(bot.clock))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    bot.clock.advance(30_000);
    expect(await deliverPolicyNotices(bot.app, testPace(bot.clock))).toEqual({ sent: 3, skipped: 0, failed: 0 });
    expect([...delivered].sort()).toEqual([...chatIds].sort());
  });

  test("a restart in the middle of a run carries on where it stopped, and nobody is told twice", async () => {
    const { bot, chatIds } = await publishedTo(30);
    let pauses = 0;
    const killedAfterTwelve: Pace = {
      now: () => bot.clock.now().getTime(),
      sleep: async (milliseconds) => {
        if (++pauses > 12) throw new Error("the process was stopped");
        bot.clock.advance(milliseconds);
      },
    };
    await expect(deliverPolicyNotices(bot.app, killedAfterTwelve)).rejects.toThrow("the process was stopped");
    expect(bot.sent).toHaveLength(13);
    bot.close();

    const restarted = await workspace.start();
    expect(await deliverPolicyNotices(restarted.app, testPace(restarted.clock))).toEqual({ sent: 17, skipped: 0, failed: 0 });
    for (const chatId of chatIds) expect([...sentTo(bot, chatId), ...sentTo(restarted, chatId)]).toHaveLength(1);
    expect(noticeRows(restarted).filter((notice) => notice.status === "sent")).toHaveLength(30);
  });

  test("a process killed in the middle of a send leaves that notice to be sent again after the restart: at least once, never lost", async () => {
    const { bot, chatIds } = await publishedTo(3);
    const [first, ...others] = noticeRows(bot).map((notice) => Number(bot.app.store.accounts.chatIdOf(notice.account_id))) as [number, ...number[]];
    expect(new Set([first, ...others])).toEqual(new Set(chatIds));
    // The send to the first chat never comes back: the process dies while Telegram has it.
    bot.bot.api.config.use((previous, method, payload, signal) =>
      method === "sendMessage" && Number((payload as { chat_id: number }).chat_id) === first ? new Promise(() => undefined) : previous(method, payload, signal),
    );
    void deliverPolicyNotices(bot.app, testPace(bot.clock));
    await new Promise((resolve) => setImmediate(resolve));
    expect(noticeRows(bot).map((notice) => notice.status)).toContain("sending");
    bot.close();

    const restarted = await workspace.start();
    expect(await deliverPolicyNotices(restarted.app, testPace(restarted.clock))).toEqual({ sent: 2, skipped: 0, failed: 0 });
    restarted.clock.advance(CLAIM_TIMEOUT_MS + 60_000);
    expect(await deliverPolicyNotices(restarted.app, testPace(restarted.clock))).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(sentTo(restarted, first)).toHaveLength(1);
    for (const chatId of others) expect(sentTo(restarted, chatId)).toHaveLength(1);
    expect(noticeRows(restarted).every((notice) => notice.status === "sent")).toBe(true);
  });

  test("overlapping runs share one run, so nobody is told twice", async () => {
    const { bot } = await publishedTo(4);
    const pace = testPace(bot.clock);
    const [first, second] = await Promise.all([deliverPolicyNotices(bot.app, pace), deliverPolicyNotices(bot.app, pace)]);
    expect(first).toEqual({ sent: 4, skipped: 0, failed: 0 });
    expect(second).toBe(first);
    expect(bot.sent).toHaveLength(4);
  });

  test("a chat the channel cannot reach is retried later with growing pauses, then delivered once; the others are not held up", async () => {
    const { bot, chatIds } = await publishedTo(3);
    const [unlucky, ...others] = chatIds as [number, ...number[]];
    let failures = 2;
    failSendsTo(bot, (chatId) => chatId === unlucky && failures-- > 0, () => new Error("network is unreachable"));
    const pace = testPace(bot.clock);

    expect(await deliverPolicyNotices(bot.app, pace)).toEqual({ sent: 2, skipped: 0, failed: 1 });
    for (const chatId of others) expect(sentTo(bot, chatId)).toHaveLength(1);
    const afterFirst = noticeRows(bot).find((notice) => notice.status === "pending")!;
    expect(afterFirst).toMatchObject({ attempts: 1, sent_at: null });
    expect(new Date(afterFirst.next_attempt_at).getTime() - bot.clock.now().getTime()).toBeGreaterThan(25_000);

    // Not due yet: nothing is tried.
    expect(await deliverPolicyNotices(bot.app, pace)).toEqual({ sent: 0, skipped: 0, failed: 0 });
    bot.clock.advance(30_000);
    expect(await deliverPolicyNotices(bot.app, pace)).toEqual({ sent: 0, skipped: 0, failed: 1 });
    expect(noticeRows(bot).find((notice) => notice.status === "pending")).toMatchObject({ attempts: 2 });
    bot.clock.advance(30_000);
    expect(await deliverPolicyNotices(bot.app, pace)).toEqual({ sent: 0, skipped: 0, failed: 0 });
    bot.clock.advance(30_000);
    expect(await deliverPolicyNotices(bot.app, pace)).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(sentTo(bot, unlucky)).toEqual([RU_NOTICE]);
  });

  test("when the channel is down the run stops trying it after three failures; a notice that keeps failing is given up in the end", async () => {
    const { bot } = await publishedTo(5);
    failSendsTo(bot, () => true, () => new Error("network is unreachable"));
    const pace = testPace(bot.clock);
    expect(await deliverPolicyNotices(bot.app, pace)).toEqual({ sent: 0, skipped: 0, failed: 3 });
    expect(noticeRows(bot).map((notice) => notice.attempts).sort()).toEqual([0, 0, 1, 1, 1]);

    for (let run = 0; run < 3 * MAX_NOTICE_ATTEMPTS; run += 1) {
      bot.clock.advance(60 * 60_000);
      await deliverPolicyNotices(bot.app, pace);
    }
    expect(noticeRows(bot).map(({ status, attempts }) => ({ status, attempts }))).toEqual(Array(5).fill({ status: "skipped", attempts: MAX_NOTICE_ATTEMPTS }));
    expect(bot.sent).toHaveLength(0);
  });

  test("a person who blocked the bot in Telegram is skipped at once, not retried", async () => {
    const { bot, chatIds } = await publishedTo(2);
    const blocker = chatIds[0]!;
    failSendsTo(
      bot,
      (chatId) => chatId === blocker,
      () => new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }, "sendMessage", {}),
    );
    expect(await deliverPolicyNotices(bot.app, testPace(bot.clock))).toEqual({ sent: 1, skipped: 0, failed: 1 });
    expect(noticeRows(bot).map(({ status, attempts }) => ({ status, attempts })).sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { status: "sent", attempts: 0 },
      { status: "skipped", attempts: 0 },
    ]);
  });

  test("nobody is told whose processing was blocked, whose consent was withdrawn or who already accepted 1.1 after the notice was queued", async () => {
    workspace = new PolicyWorkspace();
    const bot = await workspace.start();
    const blocked = consentedToFirstVersion(bot, 1101);
    const withdrawn = consentedToFirstVersion(bot, 1102);
    consentedToFirstVersion(bot, 1103);
    const told = consentedToFirstVersion(bot, 1104);
    expect(await workspace.publish(bot, { "--effective": "2026-12-01" })).toBe(0);
    bot.app.services.blocking.setBlocked(blocked, true, "patient", { kind: "patient", id: blocked });
    bot.app.services.withdrawal.withdraw(withdrawn, { kind: "patient", id: withdrawn });
    const policy = bot.app.store.policyVersions.byVersion("1.1")!;
    bot.app.services.consents.record("telegram", 1103, { purpose: "processing", granted: true, policyVersion: "1.1", textSha256: policy.sha256.ru, locale: "ru" });

    expect(await deliverPolicyNotices(bot.app, testPace(bot.clock))).toEqual({ sent: 1, skipped: 3, failed: 0 });
    expect(bot.sent.map((message) => message.chatId)).toEqual([1104]);
    expect(noticeRows(bot).find((notice) => notice.account_id === told)).toMatchObject({ status: "sent" });
  });

  test("a notice for a WhatsApp account waits while only Telegram runs", async () => {
    workspace = new PolicyWorkspace();
    const bot = await workspace.start();
    const policy = bot.app.store.policyVersions.byVersion("1.0")!;
    bot.app.services.consents.record("whatsapp", 5001, { purpose: "processing", granted: true, policyVersion: "1.0", textSha256: policy.sha256.ru, locale: "ru" });
    expect(await workspace.publish(bot)).toBe(0);
    expect(await deliverPolicyNotices(bot.app, testPace(bot.clock))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(noticeRows(bot)).toMatchObject([{ status: "pending", attempts: 0 }]);
  });
});
