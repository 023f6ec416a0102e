import { inArray, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import { chatKey, type ChannelName } from "../domain/channel";
import type { FieldCipher } from "./crypto";
import type { Executor } from "./database";
import { candidatePlaceholders, candidateValues, dataVersion, inTransaction, preparedOn } from "./prepared";
import { chatPreferences } from "./schema";
import type { Locale } from "../domain/locale";

/**
 * The chats' languages as last read or written by this process, so that an update does not pay a
 * query to find the language it is answered in (issue 14). Kept as the database keeps them: under the
 * chat's blind index, never its id, and only for chats that chose a language. Kept until another
 * process commits (`PRAGMA data_version`, looked at on the next read: the admin CLI erasing a chat,
 * say); a write or an erasure here forgets the chat's entry at once. At most `capacity` chats: the
 * one read longest ago is let go first.
 */
export class KnownLocales {
  private readonly locales = new Map<string, Locale>();
  private version: number | undefined;

  constructor(private readonly capacity = KNOWN_LOCALES_HELD) {}

  get(chatIndex: Buffer, version: number): Locale | undefined {
    if (version !== this.version) {
      this.locales.clear();
      this.version = version;
      return undefined;
    }
    const key = chatIndex.toString("base64");
    const locale = this.locales.get(key);
    if (locale !== undefined) {
      this.locales.delete(key);
      this.locales.set(key, locale);
    }
    return locale;
  }

  remember(chatIndex: Buffer, version: number, locale: Locale): void {
    if (version !== this.version) return;
    if (this.locales.size >= this.capacity) this.locales.delete(this.locales.keys().next().value!);
    this.locales.set(chatIndex.toString("base64"), locale);
  }

  forget(chatIndex: Buffer): void {
    this.locales.delete(chatIndex.toString("base64"));
  }
}

/** About 0.1 KB each: a few megabytes at most, for the chats that wrote most recently. */
const KNOWN_LOCALES_HELD = 20_000;

/** The chat's language, kept by blind index only: it is all we hold before consent. */
export class PreferenceRepository {
  constructor(
    private readonly db: Executor,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly known: KnownLocales,
  ) {}

  getLocale(channel: ChannelName, chatId: number | string): Locale | undefined {
    const key = chatKey(channel, chatId);
    const current = this.cipher.blindIndex("chat", key);
    // What a transaction reads may still roll back: only a committed language is kept.
    const version = inTransaction(this.db) ? undefined : dataVersion(this.db);
    const known = version === undefined ? undefined : this.known.get(current, version);
    if (known !== undefined) return known;
    // Under each configured key's index (rotation keeps older ones); compiled once (issue 14).
    const candidates = this.cipher.blindIndexCandidates("chat", key);
    const locale = preparedOn(this.db, prepareLookup, candidates.length).get(candidateValues("chat", candidates))?.locale;
    if (version !== undefined && locale !== undefined) this.known.remember(current, version, locale);
    return locale;
  }

  setLocale(channel: ChannelName, chatId: number | string, locale: Locale): void {
    const key = chatKey(channel, chatId);
    const updatedAt = this.clock.now().toISOString();
    const candidates = this.cipher.blindIndexCandidates("chat", key);
    const chatIndex = this.cipher.blindIndex("chat", key);
    const remove = preparedOn(this.db, prepareRemove, candidates.length);
    const insert = preparedOn(this.db, prepareInsert);
    this.known.forget(chatIndex);
    this.db.transaction(() => {
      remove.run(candidateValues("chat", candidates));
      insert.run({ chatIndex, locale, updatedAt });
    });
  }

  forget(channel: ChannelName, chatId: number | string): void {
    const key = chatKey(channel, chatId);
    this.known.forget(this.cipher.blindIndex("chat", key));
    this.db.delete(chatPreferences).where(inArray(chatPreferences.chatIndex, this.cipher.blindIndexCandidates("chat", key))).run();
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
