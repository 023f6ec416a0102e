import { getTableColumns, getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { StartupError } from "../startup-error";
import type { FieldCipher } from "./crypto";
import { CANARY_REF, type Db } from "./database";
import * as schema from "./schema";

/** Every ciphertext column of the schema (named `*_ct`, as schema.ts promises), as table and column. */
function ciphertextColumns(): { table: string; column: string }[] {
  return (Object.values(schema) as unknown[])
    .filter((value): value is SQLiteTable => is(value, SQLiteTable))
    .flatMap((table) =>
      Object.values(getTableColumns(table))
        .filter((column) => column.name.endsWith("_ct"))
        .map((column) => ({ table: getTableName(table), column: column.name })),
    );
}

/**
 * Which key ids the stored ciphertexts name (every `*_ct` field and the key canary), and how many
 * fields each. A ciphertext's header is one format byte and a 4-byte key id (crypto.ts), read here
 * without decrypting anything.
 */
export function keyIdsInUse(db: Db): Map<number, { fields: number; tables: string[] }> {
  const usage = new Map<number, { fields: number; tables: string[] }>();
  const sealed = [
    ...ciphertextColumns().map(({ table, column }) => ({ table, column, where: `"${column}" IS NOT NULL` })),
    { table: CANARY_REF.table, column: CANARY_REF.column, where: `key = '${CANARY_REF.rowId}'` },
  ];
  for (const { table, column, where } of sealed) {
    const rows = db.$client
      .prepare(`SELECT substr("${column}", 2, 4) AS keyId, count(*) AS n FROM "${table}" WHERE ${where} GROUP BY 1`)
      .all() as { keyId: Buffer; n: number }[];
    for (const row of rows) {
      const keyId = row.keyId.readUInt32BE(0);
      const entry = usage.get(keyId) ?? { fields: 0, tables: [] };
      entry.fields += row.n;
      if (!entry.tables.includes(table)) entry.tables.push(table);
      usage.set(keyId, entry);
    }
  }
  return usage;
}

/**
 * Proves at start that every key the data was written under is configured. The canary proves only its
 * own key: after a rotation that dropped a key still in use, the bot would otherwise start and tell a
 * patient that nothing is held about them while their rows remain, unreadable.
 */
export function assertEveryKeyAvailable(db: Db, cipher: FieldCipher): void {
  const missing = [...keyIdsInUse(db)].filter(([keyId]) => !cipher.hasKey(keyId));
  if (missing.length === 0) return;
  const lines = missing.map(([keyId, use]) => `key id ${keyId}: ${use.fields} field(s) in ${use.tables.join(", ")}`);
  throw new StartupError(
    `The data is encrypted under key(s) that are not configured:\n  ${lines.join("\n  ")}\n` +
      `DATA_KEY has key id ${cipher.currentKeyId}. Add the missing key(s) to DATA_KEYS_PREVIOUS: a key may leave ` +
      "the configuration only once no data is encrypted under it.",
  );
}
