import { eq } from "drizzle-orm";
import type { Clock } from "../clock";
import { checkNewVersion, compareVersions, policyInForce, type NewVersionCheck } from "../domain/policy";
import type { AuditLog } from "./audit";
import type { Db } from "./database";
import { StartupError } from "../startup-error";
import type { PolicyNoticeRepository } from "./policy-notices";
import { withFingerprints, type PolicyDocument, type PublishedPolicy } from "./policy-documents";
import type { Actor } from "./personal-data";
import { policyVersions } from "./schema";

type VersionHeader = { version: string; effectiveDate: string };

export type PublishOutcome = { ok: true; notices: { pending: number; skipped: number } } | Exclude<NewVersionCheck, { ok: true }>;

/**
 * Every published version of the privacy policy (§9). The bot reads them from here on every update,
 * so a version the admin command publishes while the bot runs is seen without a restart. A published
 * version never changes, which is also why its texts may be cached.
 */
export class PolicyVersionRepository {
  private readonly cache = new Map<string, PublishedPolicy>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly notices: PolicyNoticeRepository,
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

  /**
   * Publishes a version: checks it against those published (inside the transaction, so two admins
   * cannot both publish "the next" version), inserts it, queues a notice for everyone who consented
   * to an older one, and records who published it.
   */
  publish(document: PolicyDocument, today: string, actor: Actor): PublishOutcome {
    return this.db.transaction(
      (): PublishOutcome => {
        const check = checkNewVersion(this.headers(), document, today);
        if (!check.ok) return check;
        return { ok: true, notices: this.insert(document, actor) };
      },
      { behavior: "immediate" },
    );
  }

  /**
   * Start-up: brings the versions of `data/policy/` into the database. A version the database already
   * has must be identical there, since people consented to its exact text; one it lacks is added and
   * announced as if published (audited only when the database already had versions: the ones the bot
   * is first installed with are not news).
   */
  syncFrom(documents: readonly PolicyDocument[], today: string): { added: string[]; onlyInDatabase: string[] } {
    return this.db.transaction(
      () => {
        const firstStart = this.headers().length === 0;
        const added: string[] = [];
        for (const document of [...documents].sort((a, b) => compareVersions(a.version, b.version))) {
          const stored = this.byVersion(document.version);
          if (stored) {
            const differences = differencesBetween(stored, document);
            if (differences.length > 0) {
              throw new StartupError(
                `The privacy policy ${document.version} in data/policy differs from the published version in the database (${differences.join(", ")}). ` +
                  "A published version never changes: put back the published files, and publish the change as a new version with `npm run admin -- publish-policy`.",
              );
            }
            continue;
          }
          // A version put into data/policy by hand would skip publish-policy's checks: it is taken
          // only if publish-policy would have taken it (on the very first start, the shipped ones are).
          const check = firstStart ? ({ ok: true } as const) : checkNewVersion(this.headers(), document, today);
          if (!check.ok) throw new StartupError(unpublishedVersionProblem(document, check));
          this.insert(document, firstStart ? undefined : { kind: "system" });
          added.push(document.version);
        }
        const inFiles = new Set(documents.map((document) => document.version));
        return { added, onlyInDatabase: this.headers().flatMap(({ version }) => (inFiles.has(version) ? [] : [version])) };
      },
      { behavior: "immediate" },
    );
  }

  /** Without an actor on the first start: the versions the bot was installed with are not news. */
  private insert(document: PolicyDocument, actor: Actor | undefined): { pending: number; skipped: number } {
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
    const notices = this.notices.enqueueFor(document.version);
    if (actor) this.audit.record({ actor: actor.kind, actorId: actor.id, action: "policy.published", recordType: "policy_version", recordId: document.version });
    return notices;
  }

  /** Versions and dates only, oldest version first: the texts are read only for the one needed. */
  private headers(): VersionHeader[] {
    return this.db
      .select({ version: policyVersions.version, effectiveDate: policyVersions.effectiveDate })
      .from(policyVersions)
      .all()
      .sort((a, b) => compareVersions(a.version, b.version));
  }
}

function differencesBetween(stored: PolicyDocument, document: PolicyDocument): string[] {
  const fields: [string, string, string][] = [
    ["effective date", stored.effectiveDate, document.effectiveDate],
    ["Russian text", stored.text.ru, document.text.ru],
    ["Kazakh text", stored.text.kk, document.text.kk],
    ["Russian changes", stored.changes.ru, document.changes.ru],
    ["Kazakh changes", stored.changes.kk, document.changes.kk],
  ];
  return fields.filter(([, a, b]) => a !== b).map(([name]) => name);
}

function unpublishedVersionProblem(document: PolicyDocument, check: Exclude<NewVersionCheck, { ok: true }>): string {
  const why = {
    version_format: `"${document.version}" is not a version number such as 1.1`,
    date_format: `its effective date "${document.effectiveDate}" is not a real date written YYYY-MM-DD`,
    not_newer: `it is not newer than the latest published version${"latest" in check ? `, ${check.latest}` : ""}`,
    effective_in_past: `its effective date ${document.effectiveDate} is in the past${"today" in check ? ` (today is ${check.today})` : ""}, so nobody would have been told before it binds them`,
    effective_before_latest: `its effective date ${document.effectiveDate} is before that of the latest published version`,
  }[check.reason];
  return (
    `The privacy policy ${document.version} in data/policy is not published, and cannot take effect from the files: ${why}. ` +
    "Remove that folder and its entry in versions.json, and publish the version with `npm run admin -- publish-policy`, which checks it and tells everyone."
  );
}
