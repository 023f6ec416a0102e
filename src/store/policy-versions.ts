import { eq } from "drizzle-orm";
import type { Clock } from "../clock";
import { compareVersions, policyInForce } from "../domain/policy";
import type { Executor } from "./database";
import { preparedOn } from "./prepared";
import { withFingerprints, type PolicyDocument, type PublishedPolicy } from "./policy-documents";
import { policyVersions } from "./schema";

export type VersionHeader = { version: string; effectiveDate: string };

/**
 * Every published version of the privacy policy (§9). The bot reads them from here on every update,
 * so a version the admin command publishes while the bot runs is seen without a restart. A published
 * version never changes, which is also why its texts may be cached (one cache for every executor).
 */
export class PolicyVersionRepository {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly cache: Map<string, PublishedPolicy>,
  ) {}

  /** Every version, oldest first. */
  list(): PublishedPolicy[] {
    return this.headers().flatMap(({ version }) => this.byVersion(version) ?? []);
  }

  byVersion(version: string): PublishedPolicy | undefined {
    const cached = this.cache.get(version);
    if (cached) return cached;
    const row = this.db.select().from(policyVersions).where(eq(policyVersions.version, version)).get();
    if (!row) return undefined;
    const policy = withFingerprints({
      version: row.version,
      effectiveDate: row.effectiveDate,
      text: { ru: row.textRu, kk: row.textKk },
      changes: { ru: row.changesRu, kk: row.changesKk },
    });
    this.cache.set(version, policy);
    return policy;
  }

  /** The version in force on `today` (YYYY-MM-DD in the clinic's time zone). */
  inForce(today: string): PublishedPolicy | undefined {
    const header = policyInForce(this.headers(), today);
    return header && this.byVersion(header.version);
  }

  /** The newest version published to take effect after `today`, if there is one. */
  upcoming(today: string): PublishedPolicy | undefined {
    const header = this.headers()
      .filter((candidate) => candidate.effectiveDate > today)
      .at(-1);
    return header && this.byVersion(header.version);
  }

  /** Versions and dates only, oldest version first: the texts are read only for the one needed. */
  headers(): VersionHeader[] {
    return preparedOn(this.db, prepareHeaders)
      .all()
      .sort((a, b) => compareVersions(a.version, b.version));
  }

  insert(document: PolicyDocument): void {
    this.db
      .insert(policyVersions)
      .values({
        version: document.version,
        effectiveDate: document.effectiveDate,
        textRu: document.text.ru,
        textKk: document.text.kk,
        changesRu: document.changes.ru,
        changesKk: document.changes.kk,
        publishedAt: this.clock.now().toISOString(),
      })
      .run();
  }
}

/** Every consent and every policy notice reads the versions' headers: compiled once. */
function prepareHeaders(db: Executor) {
  return db.select({ version: policyVersions.version, effectiveDate: policyVersions.effectiveDate }).from(policyVersions).prepare();
}
