/** Helpers for the policy-version tests: a private copy of data/policy, the admin CLI, people who consented. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAdmin } from "../../src/cli/admin";
import type { AdminIo } from "../../src/cli/context";
import type { Locale } from "../../src/domain/locale";
import type { Pace } from "../../src/jobs/policy-notices";
import { POLICY_DIRECTORY } from "../../src/paths";
import { adminIo } from "./admin";
import type { TestClock } from "./clock";
import { rows } from "./database";
import { TestBot } from "./harness";

export const NEW_TEXT = {
  ru: "Политика конфиденциальности, версия 1.1\n[bookmark: _GoBack]9. Изменения в Политике\nОб изменениях мы сообщаем в чате бота.\n",
  kk: "Құпиялылық саясаты, 1.1 нұсқасы\n9. Саясаттағы өзгерістер\nӨзгерістер туралы бот чатында хабарлаймыз.\n",
};
export const NEW_CHANGES = {
  ru: "Уведомления об изменениях приходят в чат бота, а не по электронной почте.",
  kk: "Өзгерістер туралы хабарламалар электрондық поштаға емес, бот чатына келеді.",
};
/** DEFAULT_NOW is 1 December 2026; version 1.1 takes effect on 1 February 2027. */
export const EFFECTIVE = "2027-02-01";
export const BEFORE_EFFECTIVE = "2027-01-31T18:59:00.000Z"; // 23:59 in Almaty
export const ON_EFFECTIVE = "2027-01-31T19:00:00.000Z"; // 00:00 in Almaty

/** A bot whose policy folder is a temporary copy of data/policy, so publishing never touches the repository. */
export class PolicyWorkspace {
  readonly root = mkdtempSync(join(tmpdir(), "mumkindik-policy-test-"));
  readonly policyDirectory = join(this.root, "policy");
  readonly printed: string[] = [];
  private readonly bots: TestBot[] = [];

  constructor() {
    cpSync(POLICY_DIRECTORY, this.policyDirectory, { recursive: true });
    writeFileSync(join(this.root, "ru.txt"), NEW_TEXT.ru);
    writeFileSync(join(this.root, "kk.txt"), NEW_TEXT.kk);
  }

  /**
   * A bot on this workspace's database file (the admin CLI opens it too); a second call is a restart on
   * the same file.
   */
  async start(options: { clock?: TestClock } = {}): Promise<TestBot> {
    const directory = this.bots[0]?.directory;
    const bot = await TestBot.start({
      policyDirectory: this.policyDirectory,
      ...(directory ? { directory } : { file: true }),
      clock: options.clock ?? this.bots[0]?.clock,
    });
    this.bots.push(bot);
    return bot;
  }

  /** The admin CLI, opening the database as a second process would, on the same clock. */
  io(bot: TestBot): AdminIo {
    const io = adminIo(bot, { policyDirectory: this.policyDirectory });
    return { ...io, out: (text) => void this.printed.push(text) };
  }

  /** `npm run admin -- publish-policy …` for version 1.1 from 1 February 2027, with some arguments replaced. */
  async publish(bot: TestBot, replace: Record<string, string | undefined> = {}): Promise<number> {
    const options: Record<string, string | undefined> = {
      "--version": "1.1",
      "--effective": EFFECTIVE,
      "--ru": join(this.root, "ru.txt"),
      "--kk": join(this.root, "kk.txt"),
      "--changes-ru": NEW_CHANGES.ru,
      "--changes-kk": NEW_CHANGES.kk,
      "--by": "Aliya (legal)",
      ...replace,
    };
    const args = Object.entries(options).flatMap(([name, value]) => (value === undefined ? [] : [name, value]));
    return runAdmin(["publish-policy", ...args], this.io(bot));
  }

  lastPrinted(): string {
    return this.printed.at(-1) ?? "";
  }

  destroy(): void {
    for (const bot of this.bots) if (bot.app.store.db.$client.open) bot.close();
    this.bots[0]?.destroy();
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Someone who consented to version 1.0 in `locale`, as the booking dialogue records it. */
export function consentedToFirstVersion(bot: TestBot, chatId: number, locale: Locale = "ru"): string {
  const { store } = bot.app;
  store.preferences.setLocale("telegram", chatId, locale);
  const policy = store.policyVersions.byVersion("1.0")!;
  return bot.app.services.consents.record("telegram", chatId, {
    purpose: "processing",
    granted: true,
    policyVersion: "1.0",
    textSha256: policy.sha256[locale],
    locale,
  })!;
}

export interface NoticeRow {
  account_id: string;
  version: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  sent_at: string | null;
}

export function noticeRows(bot: TestBot): NoticeRow[] {
  return rows<NoticeRow>(bot, "select * from policy_notices order by account_id");
}

/** Keeps the pace on the test clock, so that a test of thousands of notices takes no real time. */
export function testPace(clock: TestClock): Pace {
  return { now: () => clock.now().getTime(), sleep: async (milliseconds) => clock.advance(milliseconds) };
}

/** Messages the bot sent to one chat. */
export function sentTo(bot: TestBot, chatId: number): string[] {
  return bot.sent.filter((message) => message.chatId === chatId).map((message) => message.text);
}
