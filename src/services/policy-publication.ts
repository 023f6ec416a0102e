import { checkNewVersion, compareVersions, type NewVersionCheck } from "../domain/policy";
import { StartupError } from "../startup-error";
import type { Repositories, Store } from "../store";
import type { Actor } from "../store/audit";
import type { PolicyDocument } from "../store/policy-documents";

export type PublishOutcome = { ok: true; notices: { pending: number; skipped: number } } | Exclude<NewVersionCheck, { ok: true }>;

/** Publishing a version of the privacy policy (§9), and bringing data/policy into the database at start. */
export class PolicyPublicationService {
  constructor(private readonly store: Store) {}

  /**
   * Publishes a version: checks it against those published (inside the transaction, so two admins
   * cannot both publish "the next" version), inserts it, queues a notice for everyone who consented
   * to an older one, and records who published it.
   */
  publish(document: PolicyDocument, today: string, actor: Actor): PublishOutcome {
    return this.store.transaction((tx): PublishOutcome => {
      const check = checkNewVersion(tx.policyVersions.headers(), document, today);
      if (!check.ok) return check;
      return { ok: true, notices: insertIn(tx, document, actor) };
    });
  }

  /**
   * Start-up: brings the versions of `data/policy/` into the database. A version the database already
   * has must be identical there, since people consented to its exact text; one it lacks is added and
   * announced as if published (audited only when the database already had versions: the ones the bot
   * is first installed with are not news).
   */
  syncFrom(documents: readonly PolicyDocument[], today: string): { added: string[]; onlyInDatabase: string[] } {
    return this.store.transaction((tx) => {
      const firstStart = tx.policyVersions.headers().length === 0;
      const added: string[] = [];
      for (const document of [...documents].sort((a, b) => compareVersions(a.version, b.version))) {
        const stored = tx.policyVersions.byVersion(document.version);
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
        // A version put into data/policy by hand would skip publish-policy's checks: it is taken only
        // if publish-policy would have taken it (on the very first start, the shipped ones are).
        const check = firstStart ? ({ ok: true } as const) : checkNewVersion(tx.policyVersions.headers(), document, today);
        if (!check.ok) throw new StartupError(unpublishedVersionProblem(document, check));
        insertIn(tx, document, firstStart ? undefined : { kind: "system" });
        added.push(document.version);
      }
      const inFiles = new Set(documents.map((document) => document.version));
      return { added, onlyInDatabase: tx.policyVersions.headers().flatMap(({ version }) => (inFiles.has(version) ? [] : [version])) };
    });
  }
}

/** Without an actor on the first start: the versions the bot was installed with are not news. */
function insertIn(tx: Repositories, document: PolicyDocument, actor: Actor | undefined): { pending: number; skipped: number } {
  tx.policyVersions.insert(document);
  const notices = tx.policyNotices.enqueueFor(document.version);
  if (actor) tx.audit.record({ actor: actor.kind, actorId: actor.id, action: "policy.published", recordType: "policy_version", recordId: document.version });
  return notices;
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
