/**
 * The entry point (`npm start` runs it as dist/main.js). It loads little more than grammY's Api, asks
 * Telegram who the bot is, and only then loads the rest of the bot (src/start-bot.ts), which takes
 * most of the start: the answer travels while the rest loads, opens the database and migrates it.
 */
import { retryFailedCalls } from "./bot/api-failures";
import { askBotInfo, type AskedBotInfo } from "./channels/telegram-client";
import { loadEnvFileIfPresent, telegramAccessIn } from "./environment";

/**
 * How long getMe is given to go out before the rest of the bot loads. The request needs the event
 * loop at each step on its way to api.telegram.org: the DNS answer, the TCP connect, the turns of
 * the TLS handshake, then writing the request. Loading the rest is one long synchronous stretch that
 * would hold every one of them back until it ends (an earlier split that loaded the rest at once
 * gained nothing), so the start first yields until getMe has settled or this bound has passed,
 * whichever comes first; what is still under way then, the answer most often, waits in the socket
 * while the rest loads. Against a local Bot API server getMe settles well within the bound; only a
 * network that gets nowhere in that time makes it a loss, of this much at most.
 */
const GET_ME_HEAD_START_MS = 50;

async function main(): Promise<void> {
  loadEnvFileIfPresent();
  const asked = askBotInfoEarly();
  if (asked) await settledOrAfter(asked.answer, GET_ME_HEAD_START_MS);
  const { startBot } = await import("./start-bot");
  startBot(asked);
}

/** Without a token of the right shape there is no getMe to ask: the console channel runs, or loadConfig says what is wrong. */
function askBotInfoEarly(): AskedBotInfo | undefined {
  const access = telegramAccessIn();
  return access ? askBotInfo(access, retryFailedCalls()) : undefined;
}

/** Waits until `promise` settles, either way, or `ms` have passed. */
async function settledOrAfter(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([promise.then(ignore, ignore), bound]);
  clearTimeout(timer);
}

function ignore(): void {}

// Only reading `.env` or loading the rest can fail here; start-bot.ts reports the failures of the start itself.
main().catch((error: unknown) => {
  process.stderr.write(`Cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
