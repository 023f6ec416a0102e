import type { Clock, IdSource } from "../clock";
import { AccountRepository } from "./accounts";
import { AuditLog } from "./audit";
import { BookingRepository } from "./bookings";
import { Availability } from "./availability";
import { CatalogRepository } from "./catalog";
import { CatalogImport } from "./catalog-import";
import { ConversationStateRepository } from "./conversation-storage";
import type { FieldCipher } from "./crypto";
import type { Db } from "./database";
import { PaperRequests } from "./paper-requests";
import { PersonalDataRepository } from "./personal-data";
import { PolicyNoticeRepository } from "./policy-notices";
import { PolicyVersionRepository } from "./policy-versions";
import { PreferenceRepository } from "./preferences";
import { SlotHorizon } from "./slot-horizon";
import { StaffOutboxRepository } from "./staff-outbox";
import { WhatsappChatRepository } from "./whatsapp-chats";

export interface Store {
  db: Db;
  preferences: PreferenceRepository;
  accounts: AccountRepository;
  audit: AuditLog;
  catalog: CatalogRepository;
  catalogImport: CatalogImport;
  slotHorizon: SlotHorizon;
  availability: Availability;
  bookings: BookingRepository;
  staffOutbox: StaffOutboxRepository;
  conversationStates: ConversationStateRepository<unknown>;
  personalData: PersonalDataRepository;
  policyVersions: PolicyVersionRepository;
  policyNotices: PolicyNoticeRepository;
  paperRequests: PaperRequests;
  whatsappChats: WhatsappChatRepository;
}

export function createStore(db: Db, cipher: FieldCipher, clock: Clock, ids: IdSource, timeZone: string): Store {
  const audit = new AuditLog(db, clock, ids);
  const accounts = new AccountRepository(db, cipher, clock, ids, audit);
  const catalog = new CatalogRepository(db);
  const availability = new Availability(db, clock, timeZone);
  const staffOutbox = new StaffOutboxRepository(db, cipher, clock, ids);
  const preferences = new PreferenceRepository(db, cipher, clock);
  const bookings = new BookingRepository(db, cipher, clock, ids, accounts, catalog, availability, staffOutbox);
  const conversationStates = new ConversationStateRepository<unknown>(db, cipher, clock);
  const policyNotices = new PolicyNoticeRepository(db, clock);
  const whatsappChats = new WhatsappChatRepository(db, cipher, clock);
  const personalData = new PersonalDataRepository(db, cipher, clock, accounts, bookings, preferences, conversationStates, audit, whatsappChats);
  return {
    db,
    preferences,
    accounts,
    audit,
    catalog,
    catalogImport: new CatalogImport(db, clock, ids, timeZone),
    slotHorizon: new SlotHorizon(db, clock, ids, timeZone),
    availability,
    bookings,
    staffOutbox,
    conversationStates,
    personalData,
    paperRequests: new PaperRequests(db, accounts, bookings, personalData, audit, clock, timeZone),
    whatsappChats,
    policyVersions: new PolicyVersionRepository(db, clock, audit, policyNotices),
    policyNotices,
  };
}
