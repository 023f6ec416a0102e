import { beforeAll, describe, expect, it } from "vitest";
import { DecryptionError, FieldCipher, type BlindIndexKind, type FieldRef } from "../../src/store/crypto";

const OLD_KEY = new Uint8Array(32).fill(1);
const NEW_KEY = new Uint8Array(32).fill(2);
const OTHER_KEY = new Uint8Array(32).fill(3);

const REF: FieldRef = { table: "patients", column: "full_name_ct", rowId: "row-1" };
const KINDS: BlindIndexKind[] = ["iin", "chat", "owner", "conversation"];

let oldCipher: FieldCipher;
let newCipher: FieldCipher;
let rotated: FieldCipher;

beforeAll(async () => {
  oldCipher = await FieldCipher.create({ current: OLD_KEY, previous: [] });
  newCipher = await FieldCipher.create({ current: NEW_KEY, previous: [] });
  rotated = await FieldCipher.create({ current: NEW_KEY, previous: [OLD_KEY] });
});

function flipped(blob: Uint8Array, index: number): Buffer {
  const copy = Buffer.from(blob);
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}

function decryptionErrorOf(action: () => unknown): DecryptionError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DecryptionError);
    return error as DecryptionError;
  }
  throw new Error("expected a DecryptionError, but decryption succeeded");
}

describe("a field encrypted by FieldCipher", () => {
  it.each([
    ["plain Latin", "John Smith"],
    ["Russian", "Иванова Елена Викторовна"],
    ["Kazakh letters", "Сәрсенбаева Әлия Қанатқызы: ғ қ ң ө ұ ү һ і"],
    ["emoji, including joined sequences", "Ана 👩‍⚕️🩺 және бала 👶🏽"],
    ["the empty string", ""],
  ])("reads back exactly as written (%s)", (_label, text) => {
    const blob = oldCipher.encrypt(REF, text);
    expect(oldCipher.decrypt(REF, blob)).toBe(text);
  });

  it("reads back JSON values through encryptJson/decryptJson", () => {
    const value = { kind: "booked", patientName: "Әлия", phone: "+77011234567", nested: [1, null, true] };
    expect(oldCipher.decryptJson(REF, oldCipher.encryptJson(REF, value))).toEqual(value);
  });

  it("never shows the plaintext in the ciphertext bytes", () => {
    const blob = oldCipher.encrypt(REF, "Сәрсенбаева Әлия");
    expect(blob.includes(Buffer.from("Сәрсенбаева", "utf8"))).toBe(false);
  });

  it("differs each time the same text is encrypted, because the nonce is random", () => {
    const first = oldCipher.encrypt(REF, "900101300123");
    const second = oldCipher.encrypt(REF, "900101300123");
    expect(first.equals(second)).toBe(false);
    // Same header (format and key id), different nonce.
    expect(first.subarray(0, 5).equals(second.subarray(0, 5))).toBe(true);
    expect(first.subarray(5, 29).equals(second.subarray(5, 29))).toBe(false);
    expect(oldCipher.decrypt(REF, first)).toBe(oldCipher.decrypt(REF, second));
  });

  it("has the layout [format 0x01][key id][24-byte nonce][ciphertext + 16-byte tag]", () => {
    const blob = oldCipher.encrypt(REF, "abc");
    expect(blob[0]).toBe(0x01);
    expect(FieldCipher.keyIdOf(blob)).toBe(oldCipher.currentKeyId);
    expect(blob.length).toBe(1 + 4 + 24 + 3 + 16);
  });
});

describe("a tampered ciphertext", () => {
  const text = "Сәрсенбаева Әлия Қанатқызы";

  it("is rejected when a byte of the encrypted body is flipped", () => {
    const blob = oldCipher.encrypt(REF, text);
    for (const index of [29, blob.length - 1, 29 + Math.floor((blob.length - 29) / 2)]) {
      const error = decryptionErrorOf(() => oldCipher.decrypt(REF, flipped(blob, index)));
      expect(error.message).toMatch(/failed authentication/);
    }
  });

  it("is rejected when a byte of the nonce is flipped", () => {
    const blob = oldCipher.encrypt(REF, text);
    for (const index of [5, 17, 28]) decryptionErrorOf(() => oldCipher.decrypt(REF, flipped(blob, index)));
  });

  it("is rejected when the format byte of the header is changed", () => {
    const blob = oldCipher.encrypt(REF, text);
    const error = decryptionErrorOf(() => oldCipher.decrypt(REF, flipped(blob, 0)));
    expect(error.message).toMatch(/not a ciphertext/);
  });

  it("is rejected when the key id in the header is changed", () => {
    const blob = oldCipher.encrypt(REF, text);
    for (const index of [1, 2, 3, 4]) decryptionErrorOf(() => oldCipher.decrypt(REF, flipped(blob, index)));
  });

  it("is rejected when the key id is changed to that of another configured key (the header is authenticated)", () => {
    const blob = rotated.encrypt(REF, text);
    const relabelled = Buffer.from(blob);
    relabelled.writeUInt32BE(oldCipher.currentKeyId, 1);
    const error = decryptionErrorOf(() => rotated.decrypt(REF, relabelled));
    expect(error.message).toMatch(/failed authentication/);
  });

  it("is rejected when it is cut short or is not a ciphertext at all", () => {
    const blob = oldCipher.encrypt(REF, text);
    decryptionErrorOf(() => oldCipher.decrypt(REF, blob.subarray(0, blob.length - 1)));
    decryptionErrorOf(() => oldCipher.decrypt(REF, blob.subarray(0, 20)));
    decryptionErrorOf(() => oldCipher.decrypt(REF, new Uint8Array(0)));
    decryptionErrorOf(() => oldCipher.decrypt(REF, Buffer.from(text, "utf8")));
  });
});

describe("a ciphertext moved somewhere else", () => {
  const blob = () => oldCipher.encrypt(REF, "900101300123");

  it.each([
    ["another row id", { ...REF, rowId: "row-2" }],
    ["another column of the same row", { ...REF, column: "phone_ct" }],
    ["another table", { ...REF, table: "accounts" }],
  ])("fails to open in %s", (_label, target) => {
    const error = decryptionErrorOf(() => oldCipher.decrypt(target, blob()));
    expect(error.message).toContain(`${target.table}.${target.column} of row ${target.rowId}`);
    expect(error.message).toMatch(/failed authentication/);
  });

  it("cannot be confused by moving the separator between table, column and row id", () => {
    const source: FieldRef = { table: "patients", column: "iin_ct", rowId: "a" };
    decryptionErrorOf(() => oldCipher.decrypt({ table: "patients", column: "iin_cta", rowId: "" }, oldCipher.encrypt(source, "x")));
  });
});

describe("key rotation", () => {
  it("gives every key its own id, the same on each start", async () => {
    const again = await FieldCipher.create({ current: OLD_KEY, previous: [] });
    expect(again.currentKeyId).toBe(oldCipher.currentKeyId);
    expect(newCipher.currentKeyId).not.toBe(oldCipher.currentKeyId);
  });

  it("still reads a row written under the old key after the new key becomes current", () => {
    const written = oldCipher.encrypt(REF, "Нұрланов Ерлан");
    expect(FieldCipher.keyIdOf(written)).toBe(oldCipher.currentKeyId);
    expect(rotated.decrypt(REF, written)).toBe("Нұрланов Ерлан");
  });

  it("writes new rows under the new key", () => {
    expect(rotated.currentKeyId).toBe(newCipher.currentKeyId);
    const written = rotated.encrypt(REF, "Нұрланов Ерлан");
    expect(FieldCipher.keyIdOf(written)).toBe(newCipher.currentKeyId);
    expect(newCipher.decrypt(REF, written)).toBe("Нұрланов Ерлан");
    expect(rotated.hasKey(oldCipher.currentKeyId)).toBe(true);
    expect(rotated.hasKey(newCipher.currentKeyId)).toBe(true);
  });

  it("refuses a ciphertext under a key that is not configured, naming that key id", () => {
    const written = oldCipher.encrypt(REF, "Нұрланов Ерлан");
    const error = decryptionErrorOf(() => newCipher.decrypt(REF, written));
    expect(error.message).toContain(String(oldCipher.currentKeyId));
    expect(error.message).toMatch(/not among the configured keys/);
    expect(newCipher.hasKey(oldCipher.currentKeyId)).toBe(false);
  });

  it("refuses a ciphertext of an unrelated key even when other keys are configured", async () => {
    const other = await FieldCipher.create({ current: OTHER_KEY, previous: [] });
    const error = decryptionErrorOf(() => rotated.decrypt(REF, other.encrypt(REF, "x")));
    expect(error.message).toContain(String(other.currentKeyId));
  });

  it("refuses a master key of the wrong length", async () => {
    await expect(FieldCipher.create({ current: new Uint8Array(31), previous: [] })).rejects.toThrow(/32 bytes/);
    await expect(FieldCipher.create({ current: NEW_KEY, previous: [new Uint8Array(33)] })).rejects.toThrow(/32 bytes/);
  });
});

describe("blind indexes", () => {
  it("are deterministic: the same value under the same key gives the same 16-byte index, on any instance", async () => {
    const again = await FieldCipher.create({ current: OLD_KEY, previous: [] });
    const index = oldCipher.blindIndex("iin", "900101300123");
    expect(index).toHaveLength(16);
    expect(oldCipher.blindIndex("iin", "900101300123").equals(index)).toBe(true);
    expect(again.blindIndex("iin", "900101300123").equals(index)).toBe(true);
  });

  it("differ between values", () => {
    expect(oldCipher.blindIndex("iin", "900101300123").equals(oldCipher.blindIndex("iin", "900101300124"))).toBe(false);
  });

  it("differ per kind, so indexes of two kinds never compare", () => {
    const indexes = KINDS.map((kind) => oldCipher.blindIndex(kind, "telegram:42").toString("hex"));
    expect(new Set(indexes).size).toBe(KINDS.length);
  });

  it("differ per key", () => {
    for (const kind of KINDS) {
      expect(oldCipher.blindIndex(kind, "telegram:42").equals(newCipher.blindIndex(kind, "telegram:42"))).toBe(false);
    }
  });

  it("are computed under the current key after rotation, and the candidates cover the old and the new key", () => {
    expect(rotated.blindIndex("chat", "telegram:42").equals(newCipher.blindIndex("chat", "telegram:42"))).toBe(true);
    const candidates = rotated.blindIndexCandidates("chat", "telegram:42").map((index) => index.toString("hex"));
    expect(candidates).toHaveLength(2);
    expect(candidates).toContain(oldCipher.blindIndex("chat", "telegram:42").toString("hex"));
    expect(candidates).toContain(newCipher.blindIndex("chat", "telegram:42").toString("hex"));
    expect(oldCipher.blindIndexCandidates("chat", "telegram:42")).toEqual([oldCipher.blindIndex("chat", "telegram:42")]);
  });
});

describe("truncated (16-bit) blind indexes", () => {
  it("are whole numbers from 0 to 65535 made of the first two bytes of the full index", () => {
    for (let i = 0; i < 500; i += 1) {
      const value = String(900101300000 + i);
      const truncated = oldCipher.truncatedIndex("iin", value);
      expect(Number.isInteger(truncated)).toBe(true);
      expect(truncated).toBeGreaterThanOrEqual(0);
      expect(truncated).toBeLessThanOrEqual(65535);
      expect(truncated).toBe(oldCipher.blindIndex("iin", value).readUInt16BE(0));
    }
  });

  it("spread values out, so a lookup returns only a few candidates", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i += 1) seen.add(oldCipher.truncatedIndex("iin", String(900101300000 + i)));
    expect(seen.size).toBeGreaterThan(980);
  });

  it("are deterministic and differ per key", () => {
    const values = Array.from({ length: 20 }, (_, i) => String(800101400000 + i));
    expect(values.map((v) => oldCipher.truncatedIndex("iin", v))).toEqual(values.map((v) => oldCipher.truncatedIndex("iin", v)));
    expect(values.map((v) => oldCipher.truncatedIndex("iin", v))).not.toEqual(values.map((v) => newCipher.truncatedIndex("iin", v)));
  });

  it("find a row indexed under the old key after rotation through truncatedIndexCandidates", () => {
    const iin = "900101300123";
    const storedUnderOldKey = oldCipher.truncatedIndex("iin", iin);
    const candidates = rotated.truncatedIndexCandidates("iin", iin);
    expect(candidates).toContain(storedUnderOldKey);
    expect(candidates).toContain(newCipher.truncatedIndex("iin", iin));
    expect(rotated.truncatedIndex("iin", iin)).toBe(newCipher.truncatedIndex("iin", iin));
    expect(new Set(candidates).size).toBe(candidates.length);
    expect(oldCipher.truncatedIndexCandidates("iin", iin)).toEqual([storedUnderOldKey]);
  });
});
