import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../src/app";
import { createLogger } from "../../src/logger";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/domain/policy";
import { createServices } from "../../src/services";
import { createStore } from "../../src/store";
import { FieldCipher, type MasterKeys } from "../../src/store/crypto";
import { openMigratedDatabase, verifyDataKey, type Db } from "../../src/store/database";
import { assertEveryKeyAvailable, keyIdsInUse } from "../../src/store/key-usage";
import { StartupError } from "../../src/startup-error";
import { TestClock, sequentialBookingNumbers } from "../support/clock";
import { DEFAULT_NOW } from "../support/fixtures";

const [FIRST, SECOND, THIRD] = [randomBytes(32), randomBytes(32), randomBytes(32)].map((key) => new Uint8Array(key));

/** A consenting account written under `keys`, as the bot would write it after a rotation to that key. */
async function writeAccountUnder(db: Db, keys: MasterKeys, chatId: number): Promise<FieldCipher> {
  const cipher = await FieldCipher.create(keys);
  verifyDataKey(db, cipher);
  const clock = new TestClock(DEFAULT_NOW);
  const services = createServices(createStore(db, cipher, clock, sequentialBookingNumbers(), "Asia/Almaty"), clock, "Asia/Almaty");
  services.consents.record("telegram", chatId, { purpose: "processing", granted: true, policyVersion: "1.0", textSha256: sha256Hex("text"), locale: "ru" });
  return cipher;
}

describe("every key the data uses must be configured at start", () => {
  it("after a second rotation that dropped the middle key, the start is refused with the key named", async () => {
    const db = openMigratedDatabase(":memory:");
    const first = await writeAccountUnder(db, { current: FIRST!, previous: [] }, 1);
    const second = await writeAccountUnder(db, { current: SECOND!, previous: [FIRST!] }, 2);
    // The canary is still under the first key, so the canary check alone lets this configuration through.
    const dropped = await FieldCipher.create({ current: THIRD!, previous: [FIRST!] });
    expect(() => verifyDataKey(db, dropped)).not.toThrow();

    expect(() => assertEveryKeyAvailable(db, dropped)).toThrow(StartupError);
    expect(() => assertEveryKeyAvailable(db, dropped)).toThrow(
      new RegExp(`key id ${second.currentKeyId}: 1 field\\(s\\) in accounts\\n.*DATA_KEY has key id ${dropped.currentKeyId}`, "s"),
    );
    // The first key wrote one account and the key canary, which counts like any other ciphertext.
    expect(keyIdsInUse(db).get(first.currentKeyId)).toEqual({ fields: 2, tables: ["accounts", "store_meta"] });
    const complete = await FieldCipher.create({ current: THIRD!, previous: [SECOND!, FIRST!] });
    expect(() => assertEveryKeyAvailable(db, complete)).not.toThrow();
    db.$client.close();
  });
});

it("the bot itself refuses to start on such a configuration, and says which key is missing", async () => {
  const directory = mkdtempSync(join(tmpdir(), "mumkindik-keys-"));
  const databasePath = join(directory, "bot.sqlite");
  const open = (masterKeys: MasterKeys) =>
    createApp({
      databasePath,
      masterKeys,
      timeZone: "Asia/Almaty",
      staffChatId: undefined,
      staffLocale: "ru",
      catalogPath: undefined,
      clock: new TestClock(DEFAULT_NOW),
      ids: sequentialBookingNumbers(),
      logger: createLogger("silent"),
    });
  try {
    (await open({ current: FIRST!, previous: [] })).store.db.$client.close();
    const rotated = await open({ current: SECOND!, previous: [FIRST!] });
    rotated.services.consents.record("telegram", 5, { purpose: "processing", granted: true, policyVersion: "1.0", textSha256: sha256Hex("t"), locale: "ru" });
    rotated.store.db.$client.close();
    await expect(open({ current: THIRD!, previous: [FIRST!] })).rejects.toThrow(/not configured:\n {2}key id \d+: 1 field\(s\) in accounts/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
