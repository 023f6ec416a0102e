import { HttpError } from "grammy";
import type { ApiResponse } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ignoreStaleCallbackAnswers, retryFailedCalls } from "../../src/bot/api-failures";

type Answer = () => Promise<ApiResponse<unknown>>;

/** Runs one call through a transformer whose layer below gives `answers` in turn (the last repeats). */
function callThrough(transformer: ReturnType<typeof retryFailedCalls>, method: string, answers: Answer[]) {
  let calls = 0;
  const previous = vi.fn(() => answers[Math.min(calls++, answers.length - 1)]!());
  const result = transformer(previous as never, method as never, {} as never, undefined);
  return { result, previous };
}

const tooMany = (seconds: number): Answer => () => Promise.resolve({ ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: seconds } });
const accepted: Answer = () => Promise.resolve({ ok: true, result: { message_id: 1 } });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("retrying failed Bot API calls", () => {
  it("a network failure is not retried: Telegram may already have the message, and a duplicate misleads", async () => {
    const { result, previous } = callThrough(retryFailedCalls(), "sendMessage", [() => Promise.reject(new HttpError("Network request for 'sendMessage' failed!", new Error("socket hang up")))]);
    const settled = result.then(() => "resolved", () => "rejected");
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(await settled).toBe("rejected");
    expect(previous).toHaveBeenCalledTimes(1);
  });

  it("'too many requests' is waited out and retried, three times at most, so an outage never holds a chat's queue for good", async () => {
    const { result, previous } = callThrough(retryFailedCalls(), "sendMessage", [tooMany(5)]);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(await result).toMatchObject({ ok: false, error_code: 429 });
    expect(previous).toHaveBeenCalledTimes(4);
  });

  it("a wait Telegram asks for that is longer than a minute is not waited: the call fails at once", async () => {
    const { result, previous } = callThrough(retryFailedCalls(), "sendMessage", [tooMany(600), accepted]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toMatchObject({ ok: false, error_code: 429 });
    expect(previous).toHaveBeenCalledTimes(1);
  });

  it("a short wait is waited, and the retried call goes through", async () => {
    const { result, previous } = callThrough(retryFailedCalls(), "sendMessage", [tooMany(2), accepted]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await result).toEqual({ ok: true, result: { message_id: 1 } });
    expect(previous).toHaveBeenCalledTimes(2);
  });
});

describe("answering a button press too late", () => {
  const tooOld: Answer = () => Promise.resolve({ ok: false, error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" });

  it("is taken as done, since it only stops the button's clock", async () => {
    expect(await callThrough(ignoreStaleCallbackAnswers, "answerCallbackQuery", [tooOld]).result).toEqual({ ok: true, result: true });
  });

  it("but other refusals, and the same words from other methods, stay errors", async () => {
    expect(await callThrough(ignoreStaleCallbackAnswers, "sendMessage", [tooOld]).result).toMatchObject({ ok: false, error_code: 400 });
    const forbidden: Answer = () => Promise.resolve({ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    expect(await callThrough(ignoreStaleCallbackAnswers, "answerCallbackQuery", [forbidden]).result).toMatchObject({ ok: false, error_code: 403 });
  });
});
