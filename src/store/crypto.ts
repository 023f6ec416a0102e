import sodium from "libsodium-wrappers";

/**
 * The only place keys live (CipherSweet's shape): the rest of the program asks to "encrypt this field
 * of this row" or "give me the blind index of this value" and never sees a key or a nonce.
 *
 * Ciphertext layout: [format 0x01][key id, 4 bytes][nonce, 24 bytes][XChaCha20-Poly1305 output].
 * The associated data binds the header and the table, column and row id, so a ciphertext copied into
 * another row or column fails to open instead of showing someone else's data.
 */

export interface FieldRef {
  table: string;
  column: string;
  rowId: string;
}

/** What a blind index is kept for; each kind has its own key, so indexes of two kinds never compare. */
export type BlindIndexKind = "iin" | "chat" | "owner" | "conversation" | "whatsapp";

const FORMAT = 0x01;
const HEADER_BYTES = 1 + 4;
const NONCE_BYTES = 24;
const FIELD_CONTEXT = "MUMKFLD1";
const INDEX_CONTEXT = "MUMKIDX1";
const FIELD_SUBKEY = 1;
const INDEX_SUBKEYS: Record<BlindIndexKind, number> = { iin: 1, chat: 2, owner: 3, conversation: 4, whatsapp: 5 };
const BLIND_INDEX_BYTES = 16;

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptionError";
  }
}

interface KeyMaterial {
  id: number;
  fieldKey: Uint8Array;
  indexKeys: Record<BlindIndexKind, Uint8Array>;
}

export interface MasterKeys {
  current: Uint8Array;
  previous: Uint8Array[];
}

export class FieldCipher {
  private readonly byId: Map<number, KeyMaterial>;

  private constructor(
    private readonly current: KeyMaterial,
    all: KeyMaterial[],
  ) {
    this.byId = new Map(all.map((material) => [material.id, material]));
  }

  /** Waits for libsodium once and derives every subkey up front. */
  static async create(keys: MasterKeys): Promise<FieldCipher> {
    await sodium.ready;
    const all = [keys.current, ...keys.previous].map(deriveKeyMaterial);
    return new FieldCipher(all[0]!, all);
  }

  get currentKeyId(): number {
    return this.current.id;
  }

  /** The ids of the older keys still configured (DATA_KEYS_PREVIOUS), for a rotation's report. */
  get previousKeyIds(): number[] {
    return [...this.byId.keys()].filter((id) => id !== this.current.id);
  }

  hasKey(keyId: number): boolean {
    return this.byId.has(keyId);
  }

  encrypt(ref: FieldRef, plaintext: string): Buffer {
    return this.encryptBytes(ref, sodium.from_string(plaintext));
  }

  decrypt(ref: FieldRef, blob: Uint8Array): string {
    return sodium.to_string(this.decryptBytes(ref, blob));
  }

  encryptBytes(ref: FieldRef, plaintext: Uint8Array): Buffer {
    const header = new Uint8Array(HEADER_BYTES);
    header[0] = FORMAT;
    new DataView(header.buffer).setUint32(1, this.current.id);
    // Random 24-byte XChaCha nonces are safe; getRandomValues is ~30x faster than randombytes_buf (facts.md).
    const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
      plaintext,
      associatedData(header, ref),
      null,
      nonce,
      this.current.fieldKey,
    );
    return Buffer.concat([header, nonce, sealed]);
  }

  decryptBytes(ref: FieldRef, blob: Uint8Array): Uint8Array {
    if (blob.length < HEADER_BYTES + NONCE_BYTES + 16 || blob[0] !== FORMAT) {
      throw new DecryptionError(`${describe(ref)} is not a ciphertext this program wrote`);
    }
    const keyId = FieldCipher.keyIdOf(blob);
    const material = this.byId.get(keyId);
    if (!material) {
      throw new DecryptionError(`${describe(ref)} was written under key ${keyId}, which is not among the configured keys`);
    }
    const header = blob.subarray(0, HEADER_BYTES);
    const nonce = blob.subarray(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES);
    try {
      return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        blob.subarray(HEADER_BYTES + NONCE_BYTES),
        associatedData(header, ref),
        nonce,
        material.fieldKey,
      );
    } catch {
      throw new DecryptionError(`${describe(ref)} failed authentication: it was altered or belongs to another row`);
    }
  }

  encryptJson(ref: FieldRef, value: unknown): Buffer {
    return this.encrypt(ref, JSON.stringify(value));
  }

  decryptJson<T>(ref: FieldRef, blob: Uint8Array): T {
    return JSON.parse(this.decrypt(ref, blob)) as T;
  }

  /** The index to store with a new row (under the current key). */
  blindIndex(kind: BlindIndexKind, value: string): Buffer {
    return indexUnder(this.current, kind, value);
  }

  /** Every index the value may be stored under while older keys still sign some rows. */
  blindIndexCandidates(kind: BlindIndexKind, value: string): Buffer[] {
    return [...this.byId.values()].map((material) => indexUnder(material, kind, value));
  }

  /**
   * An IIN carries only about 29 bits of entropy, so a full-width index could be brute-forced by
   * anyone holding the index key. A 16-bit index makes each lookup return a handful of candidates,
   * which are then decrypted and compared; uniqueness is enforced in the transaction instead of by a
   * UNIQUE constraint (CipherSweet's approach).
   */
  truncatedIndex(kind: BlindIndexKind, value: string): number {
    return truncate(indexUnder(this.current, kind, value));
  }

  truncatedIndexCandidates(kind: BlindIndexKind, value: string): number[] {
    return [...new Set(this.blindIndexCandidates(kind, value).map(truncate))];
  }

  static keyIdOf(blob: Uint8Array): number {
    return new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(1);
  }
}

export const MASTER_KEY_BYTES = 32;

function deriveKeyMaterial(masterKey: Uint8Array): KeyMaterial {
  if (masterKey.length !== MASTER_KEY_BYTES) {
    throw new Error(`a master key must be ${MASTER_KEY_BYTES} bytes, got ${masterKey.length}`);
  }
  const fingerprint = sodium.crypto_generichash(16, sodium.from_string("mumkindik key id"), masterKey);
  const indexKeys = Object.fromEntries(
    Object.entries(INDEX_SUBKEYS).map(([kind, subkey]) => [
      kind,
      sodium.crypto_kdf_derive_from_key(32, subkey, INDEX_CONTEXT, masterKey),
    ]),
  ) as Record<BlindIndexKind, Uint8Array>;
  return {
    id: new DataView(fingerprint.buffer, fingerprint.byteOffset).getUint32(0),
    fieldKey: sodium.crypto_kdf_derive_from_key(32, FIELD_SUBKEY, FIELD_CONTEXT, masterKey),
    indexKeys,
  };
}

function indexUnder(material: KeyMaterial, kind: BlindIndexKind, value: string): Buffer {
  return Buffer.from(sodium.crypto_generichash(BLIND_INDEX_BYTES, sodium.from_string(value), material.indexKeys[kind]));
}

function truncate(index: Uint8Array): number {
  return (index[0]! << 8) | index[1]!;
}

function associatedData(header: Uint8Array, ref: FieldRef): Uint8Array {
  return Buffer.concat([header, Buffer.from(`${ref.table}\u0000${ref.column}\u0000${ref.rowId}`, "utf8")]);
}

function describe(ref: FieldRef): string {
  return `${ref.table}.${ref.column} of row ${ref.rowId}`;
}
