import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { POLICY_DIRECTORY } from "../../src/paths";
import { cleanPolicyText, sha256Hex } from "../../src/domain/policy";
import { StartupError } from "../../src/startup-error";
import { rows } from "../support/database";
import { consentedToFirstVersion, EFFECTIVE, NEW_CHANGES, NEW_TEXT, noticeRows, PolicyWorkspace } from "../support/policy";

let workspace: PolicyWorkspace;
afterEach(() => workspace.destroy());

describe("publish-policy", () => {
  test("writes the version beside 1.0, puts it in the database, and queues one notice per person who consented — not for declined, blocked or withdrawn", async () => {
    workspace = new PolicyWorkspace();
    const repositoryListing = readFileSync(join(POLICY_DIRECTORY, "versions.json"), "utf8");
    const bot = await workspace.start();
    const russian = consentedToFirstVersion(bot, 201, "ru");
    const kazakh = consentedToFirstVersion(bot, 202, "kk");
    const blocked = consentedToFirstVersion(bot, 203);
    bot.app.services.blocking.setBlocked(blocked, true, "patient", { kind: "patient", id: blocked });
    const withdrawn = consentedToFirstVersion(bot, 204);
    bot.app.services.withdrawal.withdraw(withdrawn, { kind: "patient", id: withdrawn });
    // Someone who declined has no account at all: only the chat's language is kept.
    const declined = bot.chat({ id: 205 });
    await declined.send("/start");
    await declined.press("Русский");
    await declined.press("❌ Не согласен(на)");

    expect(await workspace.publish(bot)).toBe(0);
    expect(workspace.lastPrinted()).toContain("Published privacy policy 1.1, in force from 01.02.2027.");
    expect(workspace.lastPrinted()).toContain("Notices queued: 2; blocked accounts not notified: 1.");

    const listing = JSON.parse(readFileSync(join(workspace.policyDirectory, "versions.json"), "utf8"));
    expect(listing).toEqual([
      { version: "1.0", effectiveDate: "2026-11-25", changes: { ru: "Это первая версия политики.", kk: "Бұл саясаттың алғашқы нұсқасы." } },
      { version: "1.1", effectiveDate: EFFECTIVE, changes: NEW_CHANGES },
    ]);
    // The texts are stored as shown: the Word artefact of the draft is gone.
    expect(readFileSync(join(workspace.policyDirectory, "1.1", "ru.txt"), "utf8")).toBe(`${cleanPolicyText(NEW_TEXT.ru)}\n`);
    expect(readFileSync(join(workspace.policyDirectory, "1.1", "kk.txt"), "utf8")).toBe(`${cleanPolicyText(NEW_TEXT.kk)}\n`);
    expect(existsSync(join(workspace.policyDirectory, "versions.json.new"))).toBe(false);
    // The repository's own data/policy is never written by a test.
    expect(readFileSync(join(POLICY_DIRECTORY, "versions.json"), "utf8")).toBe(repositoryListing);
    expect(existsSync(join(POLICY_DIRECTORY, "1.1"))).toBe(false);

    // The running bot sees the new version at once, without a restart.
    const stored = bot.app.store.policyVersions.byVersion("1.1")!;
    expect(stored).toMatchObject({ effectiveDate: EFFECTIVE, changes: NEW_CHANGES });
    expect(stored.sha256.ru).toBe(sha256Hex(cleanPolicyText(NEW_TEXT.ru)));
    expect(stored.text.ru).not.toContain("[bookmark");

    const notices = noticeRows(bot).map(({ account_id, version, status, attempts }) => ({ account_id, version, status, attempts }));
    expect(notices).toEqual(
      [
        { account_id: russian, version: "1.1", status: "pending", attempts: 0 },
        { account_id: kazakh, version: "1.1", status: "pending", attempts: 0 },
        { account_id: blocked, version: "1.1", status: "skipped", attempts: 0 },
      ].sort((a, b) => a.account_id.localeCompare(b.account_id)),
    );
    expect(notices.map((notice) => notice.account_id)).not.toContain(withdrawn);

    const audit = rows<{ actor: string; actor_id: string; record_id: string }>(bot, "select actor, actor_id, record_id from audit_log where action = 'policy.published'");
    expect(audit).toEqual([{ actor: "admin", actor_id: "Aliya (legal)", record_id: "1.1" }]);
  });

  test("a version already published cannot be published again: no second notice, no file touched", async () => {
    workspace = new PolicyWorkspace();
    const bot = await workspace.start();
    consentedToFirstVersion(bot, 211);
    expect(await workspace.publish(bot)).toBe(0);
    const written = statSync(join(workspace.policyDirectory, "versions.json")).mtimeMs;

    expect(await workspace.publish(bot, { "--effective": "2027-03-01" })).toBe(1);
    expect(workspace.lastPrinted()).toBe(
      "Not published: Version 1.1 is not newer than the latest published version, 1.1. Published versions never change: choose a higher number.",
    );
    expect(noticeRows(bot)).toHaveLength(1);
    expect(statSync(join(workspace.policyDirectory, "versions.json")).mtimeMs).toBe(written);
  });

  test("refuses an older version, a date in the past or before the latest, a missing or empty file, missing changes, and says what to do", async () => {
    workspace = new PolicyWorkspace();
    const bot = await workspace.start();
    const refusals: [Record<string, string | undefined>, string][] = [
      [{ "--version": "0.9" }, "Version 0.9 is not newer than the latest published version, 1.0."],
      [{ "--version": "1.0" }, "Version 1.0 is not newer than the latest published version, 1.0."],
      [{ "--version": "1.1.1" }, '--version must be a major and a minor number such as 1.1, not "1.1.1".'],
      [{ "--effective": "2026-11-30" }, "The effective date 2026-11-30 is in the past (today is 2026-12-01 in Asia/Almaty)."],
      [{ "--effective": "2027-02-30" }, '--effective must be a real date written YYYY-MM-DD, such as 2027-02-01, not "2027-02-30".'],
      [{ "--ru": join(workspace.root, "missing.txt") }, `The --ru file ${join(workspace.root, "missing.txt")} cannot be read.`],
      [{ "--kk": join(workspace.root, "empty.txt") }, `The --kk file ${join(workspace.root, "empty.txt")} is empty.`],
      [{ "--changes-kk": "  " }, "Say what changed in both languages: --changes-ru and --changes-kk must not be empty."],
      [{ "--changes-ru": undefined }, "Missing --changes-ru."],
      [{ "--effectiv": "2027-02-01" }, "Unknown option '--effectiv'"],
    ];
    writeFileSync(join(workspace.root, "empty.txt"), "\n[bookmark: _GoBack]\n  \n");
    for (const [replace, message] of refusals) {
      expect(await workspace.publish(bot, replace), message).toBe(1);
      expect(workspace.lastPrinted()).toContain(message);
      expect(workspace.lastPrinted().startsWith("Not published: ")).toBe(true);
    }
    expect(bot.app.store.policyVersions.list().map((policy) => policy.version)).toEqual(["1.0"]);
    expect(existsSync(join(workspace.policyDirectory, "1.1"))).toBe(false);
    expect(JSON.parse(readFileSync(join(workspace.policyDirectory, "versions.json"), "utf8"))).toHaveLength(1);

    // Today is allowed: the version is then in force at once.
    expect(await workspace.publish(bot, { "--effective": "2026-12-01" })).toBe(0);
    expect(await workspace.publish(bot, { "--version": "1.2", "--effective": "2026-12-31" })).toBe(0);
    expect(await workspace.publish(bot, { "--version": "1.3", "--effective": "2026-12-30" })).toBe(1);
    expect(workspace.lastPrinted()).toContain("The effective date 2026-12-30 is before that of version 1.2 (2026-12-31)");
  });
});

describe("start-up", () => {
  test("syncs data/policy into the database once, and refuses to start when a published text in data/ was changed afterwards", async () => {
    workspace = new PolicyWorkspace();
    const bot = await workspace.start();
    expect(await workspace.publish(bot)).toBe(0);
    bot.close();

    const restarted = await workspace.start();
    expect(restarted.app.store.policyVersions.list().map((policy) => policy.version)).toEqual(["1.0", "1.1"]);
    restarted.close();

    const path = join(workspace.policyDirectory, "1.1", "kk.txt");
    writeFileSync(path, `${readFileSync(path, "utf8")}Бір сөз қосылды.\n`);
    await expect(workspace.io(restarted).openApp()).rejects.toThrow(StartupError);
    await expect(workspace.io(restarted).openApp()).rejects.toThrow(
      /The privacy policy 1\.1 in data\/policy differs from the published version in the database \(Kazakh text\)\. A published version never changes/,
    );
  });

  test("a version that arrives in data/ by other means than the command is added at start and announced to those who consented", async () => {
    workspace = new PolicyWorkspace();
    const bot = await workspace.start();
    const account = consentedToFirstVersion(bot, 221);
    bot.close();
    addVersionByHand(workspace, EFFECTIVE);

    const restarted = await workspace.start();
    expect(noticeRows(restarted).map(({ account_id, status }) => ({ account_id, status }))).toEqual([{ account_id: account, status: "pending" }]);
    expect(rows(restarted, "select actor, record_id from audit_log where action = 'policy.published'")).toEqual([{ actor: "system", record_id: "1.1" }]);
  });

  test("a version put into data/ by hand with an effective date in the past is refused at start, saying how to publish it", async () => {
    workspace = new PolicyWorkspace();
    const bot = await workspace.start();
    consentedToFirstVersion(bot, 222);
    bot.close();
    addVersionByHand(workspace, "2026-11-28");

    await expect(workspace.io(bot).openApp()).rejects.toThrow(StartupError);
    await expect(workspace.io(bot).openApp()).rejects.toThrow(
      "The privacy policy 1.1 in data/policy is not published, and cannot take effect from the files: its effective date 2026-11-28 is in the past (today is 2026-12-01), " +
        "so nobody would have been told before it binds them. Remove that folder and its entry in versions.json, and publish the version with `npm run admin -- publish-policy`",
    );
  });
});

/** As if someone had committed a version 1.1 by hand: the files and the listing, without publish-policy. */
function addVersionByHand(workspace: PolicyWorkspace, effectiveDate: string): void {
  const listing = JSON.parse(readFileSync(join(workspace.policyDirectory, "versions.json"), "utf8"));
  listing.push({ version: "1.1", effectiveDate, changes: NEW_CHANGES });
  writeFileSync(join(workspace.policyDirectory, "versions.json"), JSON.stringify(listing));
  mkdirSync(join(workspace.policyDirectory, "1.1"));
  writeFileSync(join(workspace.policyDirectory, "1.1", "ru.txt"), NEW_TEXT.ru);
  writeFileSync(join(workspace.policyDirectory, "1.1", "kk.txt"), NEW_TEXT.kk);
}
