import { inArray, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import { chatKey, type ChannelName } from "../domain/channel";
import type { FieldCipher } from "./crypto";
import type { Executor } from "./database";
import { candidatePlaceholders, candidateValues, preparedOn } from "./prepared";
import { chatPreferences } from "./schema";
import type { Locale } from "../domain/locale";

/** The chat's language, kept by blind index only: it is all we hold before consent. */
export class PreferenceRepository {
  constructor(
    private readonly db: Executor,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  getLocale(channel: ChannelName, chatId: number | string): Locale | undefined {
    const candidates = this.cipher.blindIndexCandidates("chat", chatKey(channel, chatId));
    // Read on every update: compiled once (issue 14).
    return preparedOn(this.db, prepareLookup, candidates.length).get(Object.fromEntries(candidates.map((index, position) => [`chat${position}`, index])))?.locale;
  }

  setLocale(channel: ChannelName, chatId: number | string, locale: Locale): void {
    const key = chatKey(channel, chatId);
    const updatedAt = this.clock.now().toISOString();
    const candidates = this.cipher.blindIndexCandidates("chat", key);
    const remove = preparedOn(this.db, prepareRemove, candidates.length);
    const insert = preparedOn(this.db, prepareInsert);
    this.db.transaction(() => {
      remove.run(candidateValues("chat", candidates));
      insert.run({ chatIndex: this.cipher.blindIndex("chat", key), locale, updatedAt });
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

/** A chat's language under each of `keys` blind indexes, removed before the new one is written. */
function prepareRemove(db: Executor, keys: number) {
  const candidates = candidatePlaceholders("chat", keys).map((name) => sql.placeholder(name));
  return db.delete(chatPreferences).where(inArray(chatPreferences.chatIndex, candidates)).prepare();
}

function prepareInsert(db: Executor) {
  return db
    .insert(chatPreferences)
    .values({ chatIndex: sql.placeholder("chatIndex"), locale: sql.placeholder("locale"), updatedAt: sql.placeholder("updatedAt") })
    .prepare();
}
