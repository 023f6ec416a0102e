import type { Clock, IdSource } from "../clock";
import { AbsenceRepository } from "./absences";
import { AccountRepository } from "./accounts";
import { AuditLog } from "./audit";
import { Availability } from "./availability";
import { BookingRepository } from "./bookings";
import { CatalogRepository } from "./catalog";
import { CatalogImport } from "./catalog-import";
import { ConversationStateRepository } from "./conversation-storage";
import type { FieldCipher } from "./crypto";
import type { Db, Executor } from "./database";
import { ErasedBookingCountRepository } from "./erased-booking-counts";
import { JobMarkRepository } from "./job-marks";
import { MonthlyCountRepository } from "./monthly-counts";
import { PatientOutboxRepository } from "./patient-outbox";
import { PatientRepository } from "./patients";
import type { PublishedPolicy } from "./policy-documents";
import { PolicyNoticeRepository } from "./policy-notices";
import { PolicyVersionRepository } from "./policy-versions";
import { KnownLocales, PreferenceRepository } from "./preferences";
import { ReminderRepository } from "./reminders";
import { KeyRotation } from "./rotation";
import { SlotHorizon } from "./slot-horizon";
import { StaffOutboxRepository } from "./staff-outbox";
import { WaitlistRepository } from "./waitlist";
import { WhatsappChatRepository } from "./whatsapp-chats";

/** One repository per table (or per pair of tables that live and die together), all over one executor. */
export interface Repositories {
  accounts: AccountRepository;
  patients: PatientRepository;
  bookings: BookingRepository;
  erasedBookingCounts: ErasedBookingCountRepository;
  monthlyCounts: MonthlyCountRepository;
  audit: AuditLog;
  staffOutbox: StaffOutboxRepository;
  conversationStates: ConversationStateRepository<unknown>;
  preferences: PreferenceRepository;
  whatsappChats: WhatsappChatRepository;
  policyVersions: PolicyVersionRepository;
  policyNotices: PolicyNoticeRepository;
  catalog: CatalogRepository;
  catalogImport: CatalogImport;
  slotHorizon: SlotHorizon;
  availability: Availability;
  jobMarks: JobMarkRepository;
  patientOutbox: PatientOutboxRepository;
  absences: AbsenceRepository;
  reminders: ReminderRepository;
  waitlist: WaitlistRepository;
}

/** The repositories over the database itself, and a way to run several of them in one transaction. */
export interface Store extends Repositories {
  db: Db;
  /** Re-encrypts everything under the current key; it opens its own short transactions, so never inside one. */
  keyRotation: KeyRotation;
  /**
   * Runs `work` in one immediate transaction (facts.md: deferred ones fail under competing writers)
   * with every repository bound to it, so what it writes commits or rolls back as a whole.
   */
  transaction<T>(work: (tx: Repositories) => T): T;
  /**
   * Runs `work`, which only reads, in one deferred transaction: every statement sees the same snapshot
   * (another process's commit in between cannot make its reads disagree), and no write lock is taken.
   */
  reading<T>(work: (tx: Repositories) => T): T;
}

export function createStore(db: Db, cipher: FieldCipher, clock: Clock, ids: IdSource, timeZone: string): Store {
  const policyTexts = new Map<string, PublishedPolicy>();
  const knownLocales = new KnownLocales();
  const over = (executor: Executor): Repositories => {
    const patients = new PatientRepository(executor, cipher, clock, ids);
    const reminders = new ReminderRepository(executor, ids);
    const monthlyCounts = new MonthlyCountRepository(executor, timeZone);
    const waitlist = new WaitlistRepository(executor, cipher, clock, ids);
    return {
      accounts: new AccountRepository(executor, cipher, clock, ids),
      patients,
      bookings: new BookingRepository(executor, cipher, clock, ids, patients, reminders, monthlyCounts, waitlist),
      erasedBookingCounts: new ErasedBookingCountRepository(executor),
      monthlyCounts,
      audit: new AuditLog(executor, clock, ids),
      staffOutbox: new StaffOutboxRepository(executor, cipher, clock, ids),
      conversationStates: new ConversationStateRepository<unknown>(executor, cipher, clock),
      preferences: new PreferenceRepository(executor, cipher, clock, knownLocales),
      whatsappChats: new WhatsappChatRepository(executor, cipher, clock),
      policyVersions: new PolicyVersionRepository(executor, clock, policyTexts),
      policyNotices: new PolicyNoticeRepository(executor, clock),
      catalog: new CatalogRepository(executor),
      catalogImport: new CatalogImport(executor, clock, ids, timeZone),
      slotHorizon: new SlotHorizon(executor, clock, ids, timeZone),
      availability: new Availability(executor, clock, timeZone),
      jobMarks: new JobMarkRepository(executor),
      patientOutbox: new PatientOutboxRepository(executor, cipher, clock, ids),
      absences: new AbsenceRepository(executor, cipher, clock, ids),
      reminders,
      waitlist,
    };
  };
  const inOne =
    (behavior: "immediate" | "deferred") =>
    <T>(work: (tx: Repositories) => T): T => {
      if (db.$client.inTransaction) {
        throw new Error("A transaction is already open: pass its repositories (tx) to the code that needs them instead of opening another one.");
      }
      return db.transaction((tx) => work(over(tx)), { behavior });
    };
  return {
    db,
    ...over(db),
    keyRotation: new KeyRotation(db, cipher),
    transaction: inOne("immediate"),
    reading: inOne("deferred"),
  };
}
