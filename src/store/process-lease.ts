import { hostname } from "node:os";
import { eq } from "drizzle-orm";
import type { Clock } from "../clock";
import { StartupError } from "../startup-error";
import type { Db, Executor } from "./database";
import { storeMeta } from "./schema";

const LEASE_KEY = "bot-process-lease";

/** How long a lease outlives its last renewal: a process that vanished without releasing it. */
export const LEASE_TTL_MS = 30_000;
export const LEASE_RENEW_MS = 10_000;

interface Lease {
  host: string;
  pid: number;
  since: string;
  renewedAt: string;
}

export interface HeldLease {
  renew(): void;
  release(): void;
}

/**
 * One bot process per database: each delivers the outboxes (staff alerts, notices), so two would send
 * everything twice. The lease is a row of store_meta that the running bot renews; a second bot on the
 * same file is refused with a message saying which process holds it. A lease whose process is gone
 * (killed on this host, or not renewed for LEASE_TTL_MS) is taken over. Admin commands take no lease.
 */
export function acquireBotLease(db: Db, clock: Clock, self = { host: hostname(), pid: process.pid }): HeldLease {
  db.transaction(
    (tx) => {
      const now = clock.now();
      const held = leaseIn(tx);
      if (held && !isSelf(held, self) && isAlive(held, now, self.host)) {
        throw new StartupError(
          `Another bot process (pid ${held.pid} on ${held.host}, running since ${held.since}) is using this database. ` +
            "Only one bot may run on a database, or every staff alert and notice would be sent twice: stop that one first. " +
            "Admin commands (npm run admin) work beside it.",
        );
      }
      const lease: Lease = { ...self, since: now.toISOString(), renewedAt: now.toISOString() };
      const value = Buffer.from(JSON.stringify(lease), "utf8");
      tx.insert(storeMeta).values({ key: LEASE_KEY, value }).onConflictDoUpdate({ target: storeMeta.key, set: { value } }).run();
    },
    { behavior: "immediate" },
  );
  return {
    renew: () => {
      const lease = leaseIn(db);
      if (!lease || !isSelf(lease, self)) return;
      const value = Buffer.from(JSON.stringify({ ...lease, renewedAt: clock.now().toISOString() }), "utf8");
      db.update(storeMeta).set({ value }).where(eq(storeMeta.key, LEASE_KEY)).run();
    },
    release: () => {
      const lease = leaseIn(db);
      if (lease && isSelf(lease, self)) db.delete(storeMeta).where(eq(storeMeta.key, LEASE_KEY)).run();
    },
  };
}

function leaseIn(db: Executor): Lease | undefined {
  const row = db.select().from(storeMeta).where(eq(storeMeta.key, LEASE_KEY)).get();
  return row && (JSON.parse(row.value.toString("utf8")) as Lease);
}

function isSelf(lease: Lease, self: { host: string; pid: number }): boolean {
  return lease.host === self.host && lease.pid === self.pid;
}

function isAlive(lease: Lease, now: Date, host: string): boolean {
  if (now.getTime() - new Date(lease.renewedAt).getTime() > LEASE_TTL_MS) return false;
  if (lease.host !== host) return true;
  try {
    process.kill(lease.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; only ESRCH says it is gone.
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}
