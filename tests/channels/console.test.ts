import { PassThrough } from "node:stream";
import { afterEach, expect, test, vi } from "vitest";
import { startConsole } from "../../src/channels/console";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { at, bookingRequest, bookOk, consentingAccount, slotIdAt } from "../support/store";

let testBot: TestBot | undefined;
afterEach(() => testBot?.destroy());

const CONSOLE_CHAT = 100_001;

/** Types a line into the console and returns what it printed once `until` appears in it. */
async function typeLine(input: PassThrough, printed: () => string, line: string, until: string): Promise<string> {
  const before = printed().length;
  input.write(`${line}\n`);
  await vi.waitFor(() => expect(printed().slice(before)).toContain(until), { timeout: 5000, interval: 5 });
  return printed().slice(before);
}

test("the options of all messages of one reply are numbered on, so the second booking's 'move' is 3), and 3 moves that one", async () => {
  testBot = await TestBot.start();
  const { services, store } = testBot.app;
  const accountId = consentingAccount(services, CONSOLE_CHAT, "console");
  bookOk(services, bookingRequest(accountId, slotIdAt(store, at("2026-12-02", "09:00"))));
  bookOk(services, bookingRequest(accountId, slotIdAt(store, at("2026-12-03", "09:00")), { person: { iin: "881202400564", fullName: "Иванова Мария Петровна", phone: "+77012345678", phoneConfirmed: true } }));
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => (printed += String(chunk)));
  const running = await startConsole(testBot.app, input as unknown as typeof process.stdin, output as unknown as typeof process.stdout);

  const move = t("ru", "button-move-booking");
  const cancel = t("ru", "button-cancel-booking");
  const listed = await typeLine(input, () => printed, "/appointments", "Иванова Мария Петровна");
  expect(listed).toContain(`  1) ${move}\n  2) ${cancel}\n`);
  expect(listed).toContain(`  3) ${move}\n  4) ${cancel}\n`);

  const opened = await typeLine(input, () => printed, "3", t("ru", "ask-day"));
  expect(opened).toContain("Иванова Мария Петровна");
  expect(opened).toContain("чт, 3 декабря, 09:00");
  await running.stop();
  input.end();
});
