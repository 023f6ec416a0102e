import type { Clock, IdSource } from "../clock";
import { AccountRepository } from "./accounts";
import { BookingRepository } from "./bookings";
import { CatalogRepository } from "./catalog";
import { ConversationStateRepository } from "./conversation-storage";
import type { FieldCipher } from "./crypto";
import type { Db } from "./database";
import { PreferenceRepository } from "./preferences";
import { StaffOutboxRepository } from "./staff-outbox";

export interface Store {
  db: Db;
  preferences: PreferenceRepository;
  accounts: AccountRepository;
  catalog: CatalogRepository;
  bookings: BookingRepository;
  staffOutbox: StaffOutboxRepository;
  conversationStates: ConversationStateRepository<unknown>;
}

export function createStore(db: Db, cipher: FieldCipher, clock: Clock, ids: IdSource, timeZone: string): Store {
  const accounts = new AccountRepository(db, cipher, clock, ids);
  const catalog = new CatalogRepository(db, clock, ids, timeZone);
  const staffOutbox = new StaffOutboxRepository(db, cipher, clock, ids);
  return {
    db,
    preferences: new PreferenceRepository(db, cipher, clock),
    accounts,
    catalog,
    bookings: new BookingRepository(db, cipher, clock, ids, accounts, catalog, staffOutbox),
    staffOutbox,
    conversationStates: new ConversationStateRepository(db, cipher, clock),
  };
}
