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

/** The version in force on a day: the latest whose effective date has come. */
export function policyInForce(versions: readonly PolicyVersion[], today: string): PolicyVersion | undefined {
  return [...versions]
    .filter((version) => version.effectiveDate <= today)
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate))
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
