/**
 * The reminder scan of issue 10 and issue 14: 100 000 upcoming bookings with their planned reminders in
 * a database file, and the job the bot runs each minute (`ReminderSender.flush`) timed when nothing is
 * due and when a batch is due, with a no-op channel and no pause between sends.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Api } from "grammy";
import { readCatalog } from "../src/app";
import { DEFAULT_CHANGE_CUTOFF_HOURS } from "../src/domain/booking-status";
import type { ChannelName } from "../src/domain/channel";
import { planReminders } from "../src/domain/reminders";
import { createLogger } from "../src/logger";
import { EXAMPLE_CATALOG_PATH } from "../src/paths";
import { ReminderSender } from "../src/services/reminders";
import { createStore, type Store } from "../src/store";
import { FieldCipher } from "../src/store/crypto";
import { openMigratedDatabase, verifyDataKey } from "../src/store/database";
import { createTranslator } from "../src/translator";
import { sequentialBookingNumbers, TestClock } from "../tests/support/clock";
import { ALMATY, TEST_KEY } from "../tests/support/fixtures";
import { median, milliseconds } from "./drive";

const OFFSETS_HOURS = [24, 2];
const BOOKINGS_PER_ACCOUNT = 10;
/** 10:00 in Almaty, so that the day-before reminders due in the next hours are daytime ones. */
const NOW = "2026-12-01T05:00:00.000Z";
/**
 * The first visit is a little more than a day ahead, so that at NOW nothing is due yet; on the half
 * minute, so that no slot of the catalogue's own (on whole minutes) is at the same time.
 */
const FIRST_VISIT_MS = Date.parse(NOW) + 26 * 3_600_000 + 30_000;

export interface ReminderScanFigures {
  bookings: number;
  fillMs: number;
  /** Median ms of one flush with nothing due. */
  idleMs: number;
  /** Median ms of one flush that sends `due` reminders. */
  dueMs: number;
  due: number;
  /** The floor: median ms of the due query alone, raw SQL on the same index, `due` rows read. */
  rawMs: number;
}

interface Filled {
  store: Store;
  clock: TestClock;
  folder: string;
  /** The instant at which exactly `due` reminders are due. */
  dueAt: Date;
}

/**
 * Accounts, people and consents through the repositories (10 bookings an account); slots, bookings
 * and reminders by prepared statements in one transaction, each booking's owner and person encrypted
 * and indexed exactly as BookingRepository.insert does it.
 */
async function fill(count: number, due: number): Promise<Filled> {
  const folder = mkdtempSync(join(tmpdir(), "mumkindik-reminders-"));
  const cipher = await FieldCipher.create({ current: TEST_KEY, previous: [] });
  const db = openMigratedDatabase(join(folder, "bot.sqlite"));
  verifyDataKey(db, cipher);
  const clock = new TestClock(NOW);
  const ids = sequentialBookingNumbers();
  const store = createStore(db, cipher, clock, ids, ALMATY);
  store.catalogImport.importCatalog(readCatalog(EXAMPLE_CATALOG_PATH));
  const sqlite = db.$client;
  const offered = sqlite.prepare("SELECT doctor_id AS doctorId, service_id AS serviceId FROM doctor_services ORDER BY doctor_id, service_id").all() as { doctorId: string; serviceId: string }[];
  // One service per doctor, so that two bookings never share a doctor's time.
  const pairs = [...new Map(offered.map((pair) => [pair.doctorId, pair])).values()];
  const insertSlot = sqlite.prepare("INSERT INTO slots (id, doctor_id, starts_at, ends_at) VALUES (?, ?, ?, ?)");
  const insertBooking = sqlite.prepare(
    "INSERT INTO bookings (id, number, slot_id, service_id, status, owner_index, account_ct, patient_ct, created_at) VALUES (?, ?, ?, ?, 'booked', ?, ?, ?, ?)",
  );
  const insertReminder = sqlite.prepare("INSERT INTO reminders (id, booking_id, offset_hours, due_at, state) VALUES (?, ?, ?, ?, 'pending')");
  const bookingRef = (rowId: string, column: string) => ({ table: "bookings", column, rowId });
  store.transaction((tx) => {
    const people = Array.from({ length: Math.ceil(count / BOOKINGS_PER_ACCOUNT) }, (_, person) => {
      const accountId = tx.accounts.create("telegram", 1_000_000 + person);
      tx.accounts.addConsent(accountId, "telegram", { purpose: "processing", granted: true, policyVersion: "1.0", textSha256: "0".repeat(64), locale: "ru" });
      const patientId = tx.patients.create(`9001013${String(person).padStart(5, "0")}`);
      tx.patients.link(accountId, patientId, {
        relation: "self",
        representativeConfirmed: false,
        person: { iin: "", fullName: "Сәрсенбаева Әлия Қанатқызы", phone: "+77011234567", phoneConfirmed: true },
      });
      return { accountId, patientId };
    });
    for (let index = 0; index < count; index += 1) {
      // An account's bookings are days apart, so that the reminders due at one time are of different people.
      const { accountId, patientId } = people[index % people.length]!;
      const { doctorId, serviceId } = pairs[index % pairs.length]!;
      const startsAt = new Date(FIRST_VISIT_MS + Math.floor(index / pairs.length) * 60_000);
      const slotId = `bench-slot-${index}`;
      insertSlot.run(slotId, doctorId, startsAt.toISOString(), new Date(startsAt.getTime() + 20 * 60_000).toISOString());
      const bookingId = `bench-booking-${index}`;
      insertBooking.run(
        bookingId,
        `R${String(index).padStart(6, "0")}`,
        slotId,
        serviceId,
        cipher.blindIndex("owner", accountId),
        cipher.encrypt(bookingRef(bookingId, "account_ct"), accountId),
        cipher.encrypt(bookingRef(bookingId, "patient_ct"), patientId),
        NOW,
      );
      for (const reminder of planReminders(startsAt.toISOString(), OFFSETS_HOURS, clock.now(), ALMATY)) {
        insertReminder.run(`bench-reminder-${index}-${reminder.offsetHours}`, bookingId, reminder.offsetHours, reminder.dueAt);
      }
    }
  });
  sqlite.exec("ANALYZE");
  const nth = sqlite.prepare("SELECT due_at AS dueAt FROM reminders ORDER BY due_at LIMIT 1 OFFSET ?").get(due - 1) as { dueAt: string };
  return { store, clock, folder, dueAt: new Date(nth.dueAt) };
}

/** A channel that takes every message at once: only the bot's own work is timed. */
function noOpApi(): Api {
  return { sendMessage: () => Promise.resolve({ message_id: 1 }) } as unknown as Api;
}

async function timed(work: () => Promise<number>): Promise<{ ms: number; sent: number }> {
  const started = process.hrtime.bigint();
  const sent = await work();
  return { ms: milliseconds(process.hrtime.bigint() - started), sent };
}

export async function reminderScan(options: { bookings?: number; due?: number; rounds?: number } = {}): Promise<ReminderScanFigures> {
  const bookings = options.bookings ?? 100_000;
  const due = options.due ?? 500;
  const rounds = options.rounds ?? 5;
  const started = process.hrtime.bigint();
  const filled = await fill(bookings, due);
  const fillMs = milliseconds(process.hrtime.bigint() - started);
  const { store, clock } = filled;
  const sender = new ReminderSender({
    store,
    i18n: createTranslator(),
    channelApis: new Map<ChannelName, Api>([["telegram", noOpApi()]]),
    clock,
    timeZone: ALMATY,
    logger: createLogger("error"),
    changeCutoffHours: DEFAULT_CHANGE_CUTOFF_HOURS,
    pause: () => Promise.resolve(),
  });
  const reset = store.db.$client.prepare("UPDATE reminders SET state = 'pending', claims = 0, sent_at = NULL WHERE state <> 'pending'");
  const raw = store.db.$client.prepare("SELECT id, booking_id, offset_hours, due_at FROM reminders WHERE state = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?");
  const idle: number[] = [];
  const busy: number[] = [];
  const floor: number[] = [];
  // One untimed run of each first: the statements and the code are compiled once per process.
  for (let round = -1; round < rounds; round += 1) {
    clock.set(NOW);
    const quiet = await timed(() => sender.flush());
    if (quiet.sent !== 0) throw new Error(`nothing should be due at ${NOW}, yet ${quiet.sent} were sent`);
    clock.set(filled.dueAt.toISOString());
    const query = await timed(() => Promise.resolve(raw.all(filled.dueAt.toISOString(), due).length));
    const batch = await timed(() => sender.flush());
    if (batch.sent !== due) throw new Error(`${due} reminders should be due, yet ${batch.sent} were sent`);
    reset.run();
    if (round >= 0) {
      idle.push(quiet.ms);
      busy.push(batch.ms);
      floor.push(query.ms);
    }
  }
  store.db.$client.close();
  rmSync(filled.folder, { recursive: true, force: true });
  return { bookings, fillMs, idleMs: median(idle), dueMs: median(busy), due, rawMs: median(floor) };
}
