import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { BOOKING_STATUSES, STAFF_CANCEL_REASONS } from "../domain/booking-status";
import type { CourseRule } from "../domain/catalog";
import { OFFER_STATUSES, WAITLIST_STATUSES } from "../domain/waitlist";

/*
 * Personal data never sits here in plain text: columns ending in `_ct` hold FieldCipher ciphertexts
 * (their associated data names the table, column and row), columns ending in `_index` hold keyed
 * blind indexes. Row ids are made by the application before the insert, because they are part of the
 * associated data.
 */

const ciphertext = (name: string) => blob(name, { mode: "buffer" });
const instant = (name: string) => text(name); // ISO-8601 UTC, sorts as text

/** Only the chat's language before consent: needed to talk to the person at all. */
export const chatPreferences = sqliteTable("chat_preferences", {
  chatIndex: blob("chat_index", { mode: "buffer" }).primaryKey(),
  locale: text("locale", { enum: ["ru", "kk"] }).notNull(),
  updatedAt: instant("updated_at").notNull(),
});

/** A person who talks to the bot on one channel; created when they consent. */
export const accounts = sqliteTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    channel: text("channel", { enum: ["telegram", "whatsapp", "console"] }).notNull(),
    chatIndex: blob("chat_index", { mode: "buffer" }).notNull(),
    chatCt: ciphertext("chat_ct").notNull(),
    createdAt: instant("created_at").notNull(),
    /**
     * Processing restricted (policy §8): by the person (/block), after a withdrawal of consent for what
     * the law obliges the fund to keep, or by an admin on a paper request. Blocked data is kept and
     * shown to its owner, but not used.
     */
    blockedAt: instant("blocked_at"),
    blockedBy: text("blocked_by", { enum: ["patient", "withdrawal", "admin"] }),
  },
  (table) => [index("accounts_chat").on(table.channel, table.chatIndex)],
);

export const consents = sqliteTable(
  "consents",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** processing: policy §1.2/§4; third_party: the separate consent of policy §7. */
    purpose: text("purpose", { enum: ["processing", "third_party"] }).notNull(),
    granted: integer("granted", { mode: "boolean" }).notNull(),
    policyVersion: text("policy_version").notNull(),
    /** SHA-256 of the exact text shown, so the record proves what the person agreed to. */
    textSha256: text("text_sha256").notNull(),
    locale: text("locale", { enum: ["ru", "kk"] }).notNull(),
    channel: text("channel", { enum: ["telegram", "whatsapp", "console"] }).notNull(),
    decidedAt: instant("decided_at").notNull(),
    withdrawnAt: instant("withdrawn_at"),
  },
  (table) => [index("consents_account").on(table.accountId, table.purpose)],
);

/** The person who comes to the appointment (the booker themself, or their child…): their identity. */
export const patients = sqliteTable(
  "patients",
  {
    id: text("id").primaryKey(),
    /** 16-bit truncated index: a lookup returns a few candidates that are decrypted and compared. */
    iinIndex: integer("iin_index").notNull(),
    iinCt: ciphertext("iin_ct").notNull(),
    createdAt: instant("created_at").notNull(),
  },
  (table) => [index("patients_iin").on(table.iinIndex)],
);

/**
 * A person as one account knows them. Name and phone live here, not on the patient, so that typing
 * someone's IIN never lets one account change what another account entered.
 */
export const patientLinks = sqliteTable(
  "patient_links",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id, { onDelete: "cascade" }),
    relation: text("relation", { enum: ["self", "other"] }).notNull(),
    /** The booker confirmed being the parent or legal representative of a minor (Law 94-V Art. 8). */
    representativeConfirmed: integer("representative_confirmed", { mode: "boolean" }).notNull(),
    fullNameCt: ciphertext("full_name_ct").notNull(),
    phoneCt: ciphertext("phone_ct").notNull(),
    phoneConfirmed: integer("phone_confirmed", { mode: "boolean" }).notNull(),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.patientId] })],
);

export const services = sqliteTable("services", {
  id: text("id").primaryKey(),
  nameRu: text("name_ru").notNull(),
  nameKk: text("name_kk").notNull(),
  descriptionRu: text("description_ru"),
  descriptionKk: text("description_kk"),
  /** The ages (whole years, both included) the service is meant for; a person outside is asked, not refused. */
  ageMin: integer("age_min"),
  ageMax: integer("age_max"),
  /** Patients one slot of this service holds: above 1, a group session. */
  capacity: integer("capacity").notNull().default(1),
  /** A course of therapy (sessions, rhythm, start dates), read whole: src/domain/catalog.ts. */
  course: text("course", { mode: "json" }).$type<CourseRule>(),
  position: integer("position").notNull(),
  active: integer("active", { mode: "boolean" }).notNull(),
});

export const doctors = sqliteTable("doctors", {
  id: text("id").primaryKey(),
  nameRu: text("name_ru").notNull(),
  nameKk: text("name_kk").notNull(),
  specialtyRu: text("specialty_ru").notNull(),
  specialtyKk: text("specialty_kk").notNull(),
  slotMinutes: integer("slot_minutes").notNull(),
  /** JSON array of { weekday, start, end }: read whole, never queried by part. */
  weeklyHours: text("weekly_hours", { mode: "json" }).notNull().$type<{ weekday: number; start: string; end: string }[]>(),
  position: integer("position").notNull(),
  active: integer("active", { mode: "boolean" }).notNull(),
});

export const doctorServices = sqliteTable(
  "doctor_services",
  {
    doctorId: text("doctor_id")
      .notNull()
      .references(() => doctors.id),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id),
  },
  (table) => [primaryKey({ columns: [table.doctorId, table.serviceId] })],
);

/** Days the clinic is closed (public holidays, its own), from the catalogue: no slot is made for them. */
export const closedDays = sqliteTable("closed_days", {
  date: text("date").primaryKey(),
  nameRu: text("name_ru").notNull(),
  nameKk: text("name_kk").notNull(),
});

/** Clinic-wide facts from the catalogue (name, address, phone), one row per key. */
export const clinicInfo = sqliteTable("clinic_info", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

export const slots = sqliteTable(
  "slots",
  {
    id: text("id").primaryKey(),
    doctorId: text("doctor_id")
      .notNull()
      .references(() => doctors.id),
    startsAt: instant("starts_at").notNull(),
    endsAt: instant("ends_at").notNull(),
  },
  (table) => [uniqueIndex("slots_doctor_start").on(table.doctorId, table.startsAt), index("slots_start").on(table.startsAt)],
);

export const bookings = sqliteTable(
  "bookings",
  {
    id: text("id").primaryKey(),
    number: text("number").notNull(),
    slotId: text("slot_id")
      .notNull()
      .references(() => slots.id),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id),
    /** src/domain/booking-status.ts: booked, confirmed, attended, no_show, cancelled. */
    status: text("status", { enum: BOOKING_STATUSES }).notNull(),
    /**
     * Who booked and for whom are encrypted: together with the service they would be medical data
     * about a person. The owner index lets an account list its own bookings without decrypting all.
     */
    ownerIndex: blob("owner_index", { mode: "buffer" }).notNull(),
    accountCt: ciphertext("account_ct").notNull(),
    patientCt: ciphertext("patient_ct").notNull(),
    createdAt: instant("created_at").notNull(),
    cancelledAt: instant("cancelled_at"),
    cancelledBy: text("cancelled_by", { enum: ["patient", "staff", "system"] }),
    /** Set when staff cancelled: a code from a fixed list, never typed text (it is shown to the patient). */
    cancelReason: text("cancel_reason", { enum: STAFF_CANCEL_REASONS }),
    /** The staff group's message showing this booking's card, edited whenever its state changes. */
    staffMessageId: integer("staff_message_id"),
    /**
     * The random key of the dialogue draft that made the booking: confirming the same draft again
     * (after a restart lost the "booked" reply) finds this booking instead of making a second one.
     */
    draftKey: text("draft_key"),
    /**
     * Set when the patient moved the booking to another time: the number stays, the slot changes, and
     * the slot it held last is kept so that the data copy and staff can say "moved from …".
     */
    movedAt: instant("moved_at"),
    movedFromSlotId: text("moved_from_slot_id").references(() => slots.id),
    /**
     * A session of a course: the course's random id (shared by its sessions, booked in one transaction),
     * which session this is, and how many the course has. Null for a single appointment.
     */
    courseId: text("course_id"),
    sessionNumber: integer("session_number"),
    sessionCount: integer("session_count"),
    /** The place this booking holds in its slot: 1 for an individual one, 1..capacity in a group. */
    seat: integer("seat").notNull().default(1),
  },
  (table) => [
    uniqueIndex("bookings_number").on(table.number),
    uniqueIndex("bookings_draft_key").on(table.draftKey),
    // Last line of defence against double booking (and overfilling a group); the transaction checks first (facts.md).
    uniqueIndex("bookings_active_seat").on(table.slotId, table.seat).where(sql`status <> 'cancelled'`),
    index("bookings_course").on(table.courseId),
    index("bookings_owner").on(table.ownerIndex),
  ],
);

/**
 * The waiting list (issue 10): who waits, for whom, for which service (and specialist), within which
 * local days. Like a booking, who waits and for whom are encrypted: with the service they are medical
 * data about a person; the owner index lets an account list its own entries.
 */
export const waitlistEntries = sqliteTable(
  "waitlist_entries",
  {
    id: text("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id),
    /** Null: any specialist of the service. */
    doctorId: text("doctor_id").references(() => doctors.id),
    /** Local dates (the clinic's zone), both included. */
    fromDay: text("from_day").notNull(),
    untilDay: text("until_day").notNull(),
    /** waiting → booked (an offer taken), left (by the person), expired (past until_day), ended (a block). */
    status: text("status", { enum: WAITLIST_STATUSES }).notNull(),
    ownerIndex: blob("owner_index", { mode: "buffer" }).notNull(),
    accountCt: ciphertext("account_ct").notNull(),
    patientCt: ciphertext("patient_ct").notNull(),
    createdAt: instant("created_at").notNull(),
    endedAt: instant("ended_at"),
  },
  (table) => [index("waitlist_entries_waiting").on(table.status, table.createdAt), index("waitlist_entries_owner").on(table.ownerIndex)],
);

/**
 * A freed slot offered to one waiting entry and held for it until `expires_at`. At most one offer of a
 * slot is open at a time (the partial unique index), so a slot is never offered to two families at once.
 */
export const slotOffers = sqliteTable(
  "slot_offers",
  {
    id: text("id").primaryKey(),
    slotId: text("slot_id")
      .notNull()
      .references(() => slots.id, { onDelete: "cascade" }),
    entryId: text("entry_id")
      .notNull()
      .references(() => waitlistEntries.id, { onDelete: "cascade" }),
    status: text("status", { enum: OFFER_STATUSES }).notNull(),
    offeredAt: instant("offered_at").notNull(),
    expiresAt: instant("expires_at").notNull(),
    endedAt: instant("ended_at"),
  },
  (table) => [
    uniqueIndex("slot_offers_open_slot").on(table.slotId).where(sql`status = 'open'`),
    index("slot_offers_entry").on(table.entryId),
    index("slot_offers_due").on(table.status, table.expiresAt),
  ],
);

/**
 * Slots that became free (a cancellation, an erasure, new working hours, an offer declined or run out),
 * written in the transaction of the change that freed them; the waiting-list job offers each to the
 * next person waiting for it and removes it. Nothing personal: which slot, since when.
 */
export const freedSlots = sqliteTable("freed_slots", {
  slotId: text("slot_id")
    .primaryKey()
    .references(() => slots.id, { onDelete: "cascade" }),
  freedAt: instant("freed_at").notNull(),
});

/** grammY conversation state: holds raw updates (typed IINs), so it is encrypted whole. */
export const conversationStates = sqliteTable("conversation_states", {
  keyIndex: blob("key_index", { mode: "buffer" }).primaryKey(),
  stateCt: ciphertext("state_ct").notNull(),
  updatedAt: instant("updated_at").notNull(),
});

/** Messages for the staff group, written in the same transaction as the booking they announce. */
export const staffOutbox = sqliteTable("staff_outbox", {
  id: text("id").primaryKey(),
  payloadCt: ciphertext("payload_ct").notNull(),
  createdAt: instant("created_at").notNull(),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: instant("next_attempt_at").notNull(),
  /** A notice that cannot be read (a damaged page) is set aside, so that it stops no other one. */
  setAsideAt: instant("set_aside_at"),
});

/**
 * Messages the bot starts to a patient (a cancellation by the clinic), written in the same transaction
 * as the change that causes them and deleted once the patient's channel took them. What they say
 * (which booking, which service) is encrypted; the account goes with them when it is erased.
 */
export const patientOutbox = sqliteTable(
  "patient_outbox",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    payloadCt: ciphertext("payload_ct").notNull(),
    createdAt: instant("created_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: instant("next_attempt_at").notNull(),
  },
  (table) => [index("patient_outbox_due").on(table.nextAttemptAt)],
);

/**
 * A booking's reminders, one row per offset, written in the booking's transaction and gone with it.
 * pending → sending (claimed; `claims` counts the sends started) → sent, or skipped when sending is no
 * longer right (cancelled, blocked, withdrawn, too late). Nothing here is personal: which booking, when.
 */
export const reminders = sqliteTable(
  "reminders",
  {
    id: text("id").primaryKey(),
    bookingId: text("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    offsetHours: integer("offset_hours").notNull(),
    dueAt: instant("due_at").notNull(),
    state: text("state", { enum: ["pending", "sending", "sent", "skipped"] }).notNull(),
    claims: integer("claims").notNull().default(0),
    sentAt: instant("sent_at"),
  },
  (table) => [index("reminders_due").on(table.state, table.dueAt), index("reminders_booking").on(table.bookingId)],
);

/**
 * A specialist's absence (sick leave, holiday): no slot in [starts_at, ends_at) is offered. The reason
 * typed by the admin may be about the specialist's health, so it is encrypted and shown only to staff.
 */
export const doctorAbsences = sqliteTable(
  "doctor_absences",
  {
    id: text("id").primaryKey(),
    doctorId: text("doctor_id")
      .notNull()
      .references(() => doctors.id),
    startsAt: instant("starts_at").notNull(),
    endsAt: instant("ends_at").notNull(),
    reasonCt: ciphertext("reason_ct").notNull(),
    createdAt: instant("created_at").notNull(),
    /** What the absence did, for the staff group's one summary: bookings cancelled, patients told in the chat. */
    cancelled: integer("cancelled").notNull().default(0),
    told: integer("told").notNull().default(0),
    /** How many of those families have since chosen a new time in the chat; the summary is edited to say so. */
    rebooked: integer("rebooked").notNull().default(0),
    /** The staff group's message with the summary, edited as families choose new times. */
    staffMessageId: integer("staff_message_id"),
  },
  (table) => [index("doctor_absences_doctor").on(table.doctorId, table.startsAt)],
);

/** Facts about the store itself, such as the key canary that detects a wrong DATA_KEY. */
export const storeMeta = sqliteTable("store_meta", {
  key: text("key").primaryKey(),
  value: blob("value", { mode: "buffer" }).notNull(),
});

/**
 * Who did what to which record, never what the record holds: actors and records are named by id, and
 * an erasure is recorded without the erased id (policy §6, accountability).
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: instant("at").notNull(),
    actor: text("actor", { enum: ["patient", "staff", "admin", "system"] }).notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    recordType: text("record_type"),
    recordId: text("record_id"),
  },
  (table) => [index("audit_log_at").on(table.at)],
);

/** Every published version of the privacy policy (§9); data/policy/ is synced in at start-up. */
export const policyVersions = sqliteTable("policy_versions", {
  version: text("version").primaryKey(),
  effectiveDate: text("effective_date").notNull(),
  textRu: text("text_ru").notNull(),
  textKk: text("text_kk").notNull(),
  changesRu: text("changes_ru").notNull(),
  changesKk: text("changes_kk").notNull(),
  publishedAt: instant("published_at").notNull(),
});

/** One notice of a new policy version per account, delivered at most once (policy §9). */
export const policyNotices = sqliteTable(
  "policy_notices",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    version: text("version")
      .notNull()
      .references(() => policyVersions.version),
    status: text("status", { enum: ["pending", "sending", "sent", "skipped"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: instant("next_attempt_at").notNull(),
    sentAt: instant("sent_at"),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.version] }), index("policy_notices_due").on(table.status, table.nextAttemptAt)],
);

/**
 * What erasures kept before the monthly counts existed: how many erased bookings a service had in a
 * month (the month in UTC), with no identity. No longer written, since every booking is now counted when
 * it is made (`monthly_counts`); read only to say what the report leaves out.
 */
export const erasedBookingCounts = sqliteTable(
  "erased_booking_counts",
  {
    serviceId: text("service_id").notNull(),
    month: text("month").notNull(),
    bookings: integer("bookings").notNull(),
  },
  (table) => [primaryKey({ columns: [table.serviceId, table.month] })],
);

/**
 * The fund's reporting (policy §3.1, service improvement): per service and month of the appointment (in
 * the clinic's time zone), how many bookings were made, cancelled, missed, and taken from the waiting
 * list. Counted when each happens, so no identity is needed and none is kept; an erasure leaves them.
 */
export const monthlyCounts = sqliteTable(
  "monthly_counts",
  {
    serviceId: text("service_id").notNull(),
    month: text("month").notNull(),
    booked: integer("booked").notNull().default(0),
    cancelled: integer("cancelled").notNull().default(0),
    noShows: integer("no_shows").notNull().default(0),
    offersTaken: integer("offers_taken").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.serviceId, table.month] })],
);

/**
 * grammY needs numeric chat ids; a WhatsApp chat id ("…@c.us", "…@lid") is personal data, so it is
 * kept encrypted, found by blind index, and stands behind an id the application made.
 */
export const whatsappChats = sqliteTable(
  "whatsapp_chats",
  {
    id: integer("id").primaryKey(),
    waIndex: blob("wa_index", { mode: "buffer" }).notNull(),
    waCt: ciphertext("wa_ct").notNull(),
    createdAt: instant("created_at").notNull(),
  },
  (table) => [uniqueIndex("whatsapp_chats_wa").on(table.waIndex)],
);
