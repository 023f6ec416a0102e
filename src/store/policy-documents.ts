import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { cleanPolicyText, compareVersions, POLICY_VERSION_PATTERN, sha256Hex, type PolicyLocale, type PolicyVersion } from "../domain/policy";
import { StartupError } from "../startup-error";

const versionsSchema = z
  .array(
    z.object({
      version: z.string().regex(POLICY_VERSION_PATTERN),
      effectiveDate: z.iso.date(),
      /** What changed since the previous version, told to everyone who consented to an older one. */
      changes: z.object({ ru: z.string().trim().min(1), kk: z.string().trim().min(1) }),
    }),
  )
  .min(1);

type VersionListing = z.infer<typeof versionsSchema>;

/** A version as `data/policy/` holds it: texts and what changed, in both languages. */
export interface PolicyDocument extends PolicyVersion {
  changes: Record<PolicyLocale, string>;
}

export interface PublishedPolicy extends PolicyDocument {
  sha256: Record<PolicyLocale, string>;
}

export function withFingerprints(document: PolicyDocument): PublishedPolicy {
  return { ...document, sha256: { ru: sha256Hex(document.text.ru), kk: sha256Hex(document.text.kk) } };
}

/**
 * Reads every policy version from `data/policy/` (versions.json, and <version>/<locale>.txt in both
 * languages). Start-up syncs them into the database, which is what the bot reads from then on.
 */
export function loadPolicyVersions(directory: string): PublishedPolicy[] {
  const listing = readListing(directory);
  return listing.map(({ version, effectiveDate, changes }) => {
    const text = {
      ru: cleanPolicyText(readText(join(directory, version, "ru.txt"))),
      kk: cleanPolicyText(readText(join(directory, version, "kk.txt"))),
    };
    return withFingerprints({ version, effectiveDate, text, changes });
  });
}

/** A new version written beside the others but not yet listed in versions.json. */
export interface StagedPolicyVersion {
  /** Lists it in versions.json (by rename, so the listing is never half-written). */
  commit(): void;
  /** Takes its files back out, when the database refused the version. */
  discard(): void;
}

/**
 * Adds a version to `data/policy/` in two steps: its texts and the new listing are written first,
 * the listing replaces versions.json only on commit, after the database has the version.
 */
export function stagePolicyVersion(directory: string, document: PolicyDocument): StagedPolicyVersion {
  const listing = readListing(directory);
  const folder = join(directory, document.version);
  const staged = join(directory, "versions.json.new");
  mkdirSync(folder);
  writeFileSync(join(folder, "ru.txt"), `${document.text.ru}\n`);
  writeFileSync(join(folder, "kk.txt"), `${document.text.kk}\n`);
  const entry = { version: document.version, effectiveDate: document.effectiveDate, changes: document.changes };
  const next = [...listing, entry].sort((a, b) => compareVersions(a.version, b.version));
  writeFileSync(staged, `${JSON.stringify(next, null, 2)}\n`);
  return {
    commit: () => renameSync(staged, join(directory, "versions.json")),
    discard: () => {
      rmSync(staged, { force: true });
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function readListing(directory: string): VersionListing {
  let json: unknown;
  try {
    json = JSON.parse(readText(join(directory, "versions.json")));
  } catch (error) {
    if (error instanceof StartupError) throw error;
    throw new StartupError(`${directory}/versions.json is not valid JSON`);
  }
  const listing = versionsSchema.safeParse(json);
  if (!listing.success) {
    throw new StartupError(
      `${directory}/versions.json is not a valid list of policy versions (each needs "version" like "1.0", "effectiveDate" like "2026-11-25" and "changes": { "ru", "kk" })`,
    );
  }
  const ordered = [...listing.data].sort((a, b) => compareVersions(a.version, b.version));
  ordered.forEach((entry, index) => {
    const previous = ordered[index - 1];
    if (previous && compareVersions(previous.version, entry.version) === 0) {
      throw new StartupError(`${directory}/versions.json lists version ${entry.version} twice`);
    }
    if (previous && entry.effectiveDate < previous.effectiveDate) {
      throw new StartupError(`${directory}/versions.json: version ${entry.version} takes effect before the older version ${previous.version}`);
    }
  });
  return listing.data;
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    throw new StartupError(`The privacy policy file ${path} cannot be read`);
  }
}
