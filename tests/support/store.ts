/** A store without the bot around it, for the tests of the repositories and services. */
import { randomUUID } from "node:crypto";
import { vi } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCatalog } from "../../src/app";
import type { IdSource } from "../../src/clock";
import { sha256Hex } from "../../src/domain/policy";
import { zonedWallTimeToInstant } from "../../src/domain/slots";
import { createServices, type Services } from "../../src/services";
import type { CourseRequest } from "../../src/services/courses";
import type { BookingRequest } from "../../src/services/bookings";
import { createStore, type Store } from "../../src/store";
import type { BookingView } from "../../src/store/bookings";
import type { PersonDetails } from "../../src/store/patients";
import type { ChannelName } from "../../src/domain/channel";
import { FieldCipher } from "../../src/store/crypto";
import { openMigratedDatabase, verifyDataKey } from "../../src/store/database";
import { TestClock, sequentialBookingNumbers } from "./clock";
import { ALMATY, CATALOG_PATH, DEFAULT_NOW, STORE_PERSON, TEST_KEY } from "./fixtures";

export { ALMATY };

/** A whole store (database, cipher, repositories, services) without the bot around it. */
export interface StoreFixture {
  /** The database file, for tests of what reaches the disk; undefined for an in-memory database. */
  databasePath: string | undefined;
  cipher: FieldCipher;
  clock: TestClock;
  ids: IdSource;
  store: Store;
  services: Services;
  dispose(): void;
}

/**
 * Opens a migrated store in memory, or with `onDisk` in a file of a temporary folder (for what the
 * file and its WAL hold).
 */
export async function openStore(options: { now?: string; key?: Uint8Array; importCatalog?: boolean; onDisk?: boolean } = {}): Promise<StoreFixture> {
  const directory = options.onDisk ? mkdtempSync(join(tmpdir(), "mumkindik-store-")) : undefined;
  const databasePath = directory && join(directory, "bot.sqlite");
  const cipher = await FieldCipher.create({ current: options.key ?? TEST_KEY, previous: [] });
  const db = openMigratedDatabase(databasePath ?? ":memory:");
  verifyDataKey(db, cipher);
  const clock = new TestClock(options.now ?? DEFAULT_NOW);
  const ids = sequentialBookingNumbers();
  const store = createStore(db, cipher, clock, ids, ALMATY);
  if (options.importCatalog ?? true) store.catalogImport.importCatalog(readCatalog(CATALOG_PATH));
  return {
    databasePath,
    cipher,
    clock,
    ids,
    store,
    services: createServices(store, clock, ALMATY),
    dispose() {
      if (db.$client.open) db.$client.close();
      if (directory) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * A second connection to an on-disk fixture's database file, as another process (the admin command
 * line) opens it while the bot runs.
 */
export function otherProcessOn(fixture: StoreFixture): { store: Store; close(): void } {
  if (!fixture.databasePath) throw new Error("otherProcessOn needs openStore({ onDisk: true })");
  const db = openMigratedDatabase(fixture.databasePath);
  return { store: createStore(db, fixture.cipher, fixture.clock, fixture.ids, ALMATY), close: () => db.$client.close() };
}

/**
 * A rival's booking of `slotId` (seat `seat`), written the moment the person's other bookings are read
 * for the overlap rule: after every check of the slot has passed, as another process would.
 */
export function rivalBooksAfterTheChecks(fixture: StoreFixture, slotId: string, serviceId: string, seat = 1): { readonly raced: boolean } {
  const candidates = fixture.cipher.blindIndexCandidates.bind(fixture.cipher);
  let raced = false;
  vi.spyOn(fixture.cipher, "blindIndexCandidates").mockImplementation((kind, value) => {
    if (kind === "owner" && !raced) {
      raced = true;
      fixture.store.db.$client
        .prepare("INSERT INTO bookings (id, number, slot_id, service_id, status, owner_index, account_ct, patient_ct, created_at, seat) VALUES ('rival', 'RIVAL', ?, ?, 'booked', x'00', x'00', x'00', '2026-12-01T03:00:00.000Z', ?)")
        .run(slotId, serviceId, seat);
    }
    return candidates(kind, value);
  });
  return {
    get raced() {
      return raced;
    },
  };
}

/** Creates the account of a chat that agreed to the processing of personal data; returns its id. */
export function consentingAccount(services: Services, chatId: number, channel: ChannelName = "telegram"): string {
  const accountId = services.consents.record(channel, chatId, {
    purpose: "processing",
    granted: true,
    policyVersion: "1.0",
    textSha256: sha256Hex("policy text"),
    locale: "ru",
  });
  if (!accountId) throw new Error("the consent created no account");
  return accountId;
}

/** The store tests' person, with whatever a test changes. */
export function person(overrides: Partial<PersonDetails> = {}): PersonDetails {
  return { ...STORE_PERSON, phoneConfirmed: true, ...overrides };
}

/** An instant given by its wall-clock date and time in the clinic (Almaty). */
export function at(date: string, time: string): string {
  return zonedWallTimeToInstant(date, time, ALMATY).toISOString();
}

/** The id of the doctor's slot that starts at `startsAt` (Dr Sadykova's unless said otherwise). */
export function slotIdAt(store: Store, startsAt: string, doctorId = "sadykova-gulnar"): string {
  const row = store.db.$client.prepare("SELECT id FROM slots WHERE doctor_id = ? AND starts_at = ?").get(doctorId, startsAt) as { id: string } | undefined;
  if (!row) throw new Error(`no slot of ${doctorId} at ${startsAt}`);
  return row.id;
}

/** The store person booked for the ultrasound at `slotId`, as the dialogue would ask for it; a new draft each time. */
export function bookingRequest(accountId: string, slotId: string, overrides: Partial<BookingRequest> = {}): BookingRequest {
  return {
    accountId,
    channel: "telegram",
    relation: "self",
    representativeConfirmed: false,
    person: person(),
    serviceId: "ultrasound",
    slotId,
    policyVersion: "1.0",
    draftKey: randomUUID(),
    ...overrides,
  };
}

/** The store person booked for the exercise therapy course at `slotIds`, as the dialogue would ask for it; a new draft each time. */
export function courseRequest(accountId: string, slotIds: string[], overrides: Partial<CourseRequest> = {}): CourseRequest {
  const { slotId: _slot, ...request } = bookingRequest(accountId, "", { serviceId: "exercise-therapy-course" });
  return { ...request, slotIds, ...overrides };
}

/** Books through the booking service, and fails the test if the booking is refused. */
export function bookOk(services: Services, request: BookingRequest): BookingView {
  const outcome = services.bookings.book(request);
  if (!outcome.ok) throw new Error(`booking failed: ${outcome.reason}`);
  return outcome.booking;
}
