import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { cleanPolicyText, sha256Hex, type PolicyLocale, type PolicyVersion } from "../domain/policy";
import { StartupError } from "./keys";

const versionsSchema = z
  .array(
    z.object({
      version: z.string().regex(/^\d+\.\d+$/),
      effectiveDate: z.iso.date(),
    }),
  )
  .min(1);

export interface PublishedPolicy extends PolicyVersion {
  sha256: Record<PolicyLocale, string>;
}

/**
 * Reads every policy version from `data/policy/` (versions.json, and <version>/<locale>.txt in both
 * languages) once at start-up.
 */
export function loadPolicyVersions(directory: string): PublishedPolicy[] {
  const listing = versionsSchema.safeParse(JSON.parse(readText(join(directory, "versions.json"))));
  if (!listing.success) throw new StartupError(`${directory}/versions.json is not a valid list of policy versions`);
  return listing.data.map(({ version, effectiveDate }) => {
    const text = {
      ru: cleanPolicyText(readText(join(directory, version, "ru.txt"))),
      kk: cleanPolicyText(readText(join(directory, version, "kk.txt"))),
    };
    return { version, effectiveDate, text, sha256: { ru: sha256Hex(text.ru), kk: sha256Hex(text.kk) } };
  });
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    throw new StartupError(`The privacy policy file ${path} cannot be read`);
  }
}
