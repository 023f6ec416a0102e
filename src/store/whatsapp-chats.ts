import { randomInt } from "node:crypto";
import { eq, inArray, lt } from "drizzle-orm";
import type { Clock } from "../clock";
import type { FieldCipher } from "./crypto";
import type { Executor } from "./database";
import { whatsappChats } from "./schema";

/** Ids below 2^48 (crypto.randomInt's range) are safe integers and positive, like a private chat's. */
const ID_LIMIT = 2 ** 48;

/**
 * grammY needs a numeric chat id; a WhatsApp chat id ("…@c.us" holds the phone number, "…@lid" is
 * WhatsApp's privacy id) is personal data. It is kept encrypted (associated data: table, column and
 * row), found by a full-width blind index of its own kind, and stands behind a random id the
 * application made. The id is random rather than sequential so that it says nothing about how many
 * people wrote before.
 */
export class WhatsappChatRepository {
  constructor(
    private readonly db: Executor,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly newId: () => number = () => randomInt(1, ID_LIMIT),
  ) {}

  /** The numeric id already given to this WhatsApp chat, if any. */
  findNumericId(waId: string): number | undefined {
    return this.db
      .select({ id: whatsappChats.id })
      .from(whatsappChats)
      .where(inArray(whatsappChats.waIndex, this.cipher.blindIndexCandidates("whatsapp", waId)))
      .get()?.id;
  }

  /** The numeric id of this WhatsApp chat, made on its first message. */
  numericIdFor(waId: string): number {
    const known = this.findNumericId(waId);
    if (known !== undefined) return known;
    return this.db.transaction(
      (tx) => {
        // Checked again inside the write lock: another process may have mapped the chat meanwhile.
        const raced = this.findNumericId(waId);
        if (raced !== undefined) return raced;
        let id = this.newId();
        while (tx.select({ id: whatsappChats.id }).from(whatsappChats).where(eq(whatsappChats.id, id)).get()) id = this.newId();
        tx.insert(whatsappChats)
          .values({
            id,
            waIndex: this.cipher.blindIndex("whatsapp", waId),
            waCt: this.cipher.encrypt(ref(id), waId),
            createdAt: this.clock.now().toISOString(),
          })
          .run();
        return id;
      },
      { behavior: "immediate" },
    );
  }

  /** The WhatsApp chat id behind a numeric id, to send a message there. */
  waIdOf(numericId: number): string | undefined {
    const row = this.db.select().from(whatsappChats).where(eq(whatsappChats.id, numericId)).get();
    return row && this.cipher.decrypt(ref(row.id), row.waCt);
  }

  /** Chats first seen before `before`, for the purge of those that never consented. */
  idsFirstSeenBefore(before: Date): number[] {
    return this.db
      .select({ id: whatsappChats.id })
      .from(whatsappChats)
      .where(lt(whatsappChats.createdAt, before.toISOString()))
      .all()
      .map((row) => row.id);
  }

  /** Erasure: the next message from this chat gets a new id, linked to nothing. */
  forget(numericId: number): void {
    this.db.delete(whatsappChats).where(eq(whatsappChats.id, numericId)).run();
  }
}

function ref(id: number) {
  return { table: "whatsapp_chats", column: "wa_ct", rowId: String(id) };
}
