import { createHash } from "node:crypto";

export type PolicyLocale = "ru" | "kk";

export interface PolicyVersion {
  version: string;
  /** YYYY-MM-DD: the day the version takes effect (policy §9). */
  effectiveDate: string;
  text: Record<PolicyLocale, string>;
}

/** Telegram refuses messages longer than 4096 characters. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/**
 * Removes artefacts of the fund's Word-to-text conversion (such as "[bookmark: _GoBack]") that must
 * never be shown, and trailing blank lines.
 */
export function cleanPolicyText(raw: string): string {
  return raw
    .replace(/\r\n/g, "\n")
    .replace(/\[bookmark:[^\]]*\]/g, "")
    .replace(/[ \t]+$/gm, "")
    .trim();
}

/** The fingerprint kept with a consent, proving which exact text the person was shown. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** "1.0", "1.1", "2.0": a version is a major and a minor number. */
export const POLICY_VERSION_PATTERN = /^\d+\.\d+$/;

/** Compares "major.minor" versions as numbers, so that 1.10 comes after 1.9. */
export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/**
 * The version in force on a day: the latest whose effective date has come (of two taking effect on
 * the same day, the higher version).
 */
export function policyInForce<T extends Pick<PolicyVersion, "version" | "effectiveDate">>(versions: readonly T[], today: string): T | undefined {
  return [...versions]
    .filter((version) => version.effectiveDate <= today)
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || compareVersions(a.version, b.version))
    .at(-1);
}

/**
 * Splits a long text into messages at line breaks (at spaces inside an over-long line), so that no
 * part exceeds the limit and no word is cut.
 */
export function splitIntoMessages(text: string, limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  const parts: string[] = [];
  let current = "";
  const push = () => {
    if (current.trim()) parts.push(current.trimEnd());
    current = "";
  };
  for (const line of text.split("\n").flatMap((line) => splitLongLine(line, limit))) {
    if (current && current.length + 1 + line.length > limit) push();
    current = current ? `${current}\n${line}` : line;
  }
  push();
  return parts;
}

function splitLongLine(line: string, limit: number): string[] {
  if (line.length <= limit) return [line];
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > limit) {
    const cut = rest.lastIndexOf(" ", limit);
    const at = cut > 0 ? cut : codePointBoundary(rest, limit);
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Never cut between the two halves of a surrogate pair (an emoji): Telegram rejects broken text. */
function codePointBoundary(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

export type NewVersionCheck =
  | { ok: true }
  | { ok: false; reason: "version_format" | "date_format" }
  | { ok: false; reason: "not_newer"; latest: string }
  | { ok: false; reason: "effective_in_past"; today: string }
  | { ok: false; reason: "effective_before_latest"; latest: string; latestEffectiveDate: string };

/**
 * Whether a version may be published after those already published (policy §9): a higher number, and
 * an effective date neither in the past (people are told before it binds them) nor before the date of
 * the latest version (or the versions in force would go back and forth).
 */
export function checkNewVersion(
  published: readonly Pick<PolicyVersion, "version" | "effectiveDate">[],
  candidate: Pick<PolicyVersion, "version" | "effectiveDate">,
  today: string,
): NewVersionCheck {
  if (!POLICY_VERSION_PATTERN.test(candidate.version)) return { ok: false, reason: "version_format" };
  if (!isCalendarDate(candidate.effectiveDate)) return { ok: false, reason: "date_format" };
  const latest = [...published].sort((a, b) => compareVersions(a.version, b.version)).at(-1);
  if (latest && compareVersions(candidate.version, latest.version) <= 0) return { ok: false, reason: "not_newer", latest: latest.version };
  if (candidate.effectiveDate < today) return { ok: false, reason: "effective_in_past", today };
  if (latest && candidate.effectiveDate < latest.effectiveDate) {
    return { ok: false, reason: "effective_before_latest", latest: latest.version, latestEffectiveDate: latest.effectiveDate };
  }
  return { ok: true };
}

/** YYYY-MM-DD naming a real day (no 30 February). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
