import { inArray, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import { chatKey, type ChannelName } from "../domain/channel";
import type { FieldCipher } from "./crypto";
import type { Executor } from "./database";
import { chatPreferences } from "./schema";
import type { Locale } from "../domain/locale";

/** The chat's language, kept by blind index only: it is all we hold before consent. */
export class PreferenceRepository {
  private lookup: ReturnType<typeof prepareLookup> | undefined;

  constructor(
    private readonly db: Executor,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  getLocale(channel: ChannelName, chatId: number | string): Locale | undefined {
    const candidates = this.cipher.blindIndexCandidates("chat", chatKey(channel, chatId));
    // Read on every update: compiled once (issue 14).
    this.lookup ??= prepareLookup(this.db, candidates.length);
    return this.lookup.get(Object.fromEntries(candidates.map((index, position) => [`chat${position}`, index])))?.locale;
  }

  setLocale(channel: ChannelName, chatId: number | string, locale: Locale): void {
    const key = chatKey(channel, chatId);
    const updatedAt = this.clock.now().toISOString();
    this.db.transaction((tx) => {
      tx.delete(chatPreferences).where(inArray(chatPreferences.chatIndex, this.cipher.blindIndexCandidates("chat", key))).run();
      tx.insert(chatPreferences).values({ chatIndex: this.cipher.blindIndex("chat", key), locale, updatedAt }).run();
    });
  }

  forget(channel: ChannelName, chatId: number | string): void {
    this.db
      .delete(chatPreferences)
      .where(inArray(chatPreferences.chatIndex, this.cipher.blindIndexCandidates("chat", chatKey(channel, chatId))))
      .run();
  }
}

/** The locale of a chat looked up under each of `keys` blind-index keys (rotation keeps older ones). */
function prepareLookup(db: Executor, keys: number) {
  const candidates = Array.from({ length: keys }, (_, position) => sql.placeholder(`chat${position}`));
  return db.select({ locale: chatPreferences.locale }).from(chatPreferences).where(inArray(chatPreferences.chatIndex, candidates)).prepare();
}
