// The "max" metadata is needed: the default bundle validates length only and
// cannot tell a KZ mobile from a KZ landline or a Russian number.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

export type PhoneFailure = "format" | "country" | "not_mobile";
export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: PhoneFailure };

// The library would otherwise dig a number out of arbitrary text, accept
// extensions and fold non-ASCII digits; a booking contact must be a phone
// number and nothing else, typed with the usual grouping punctuation.
const PHONE_SHAPE = /^\+?[0-9\s().\u2010-\u2015-]+$/u;

// Without a country code, digits are read the way a caller in Kazakhstan
// would dial them (8 as the trunk prefix, or a bare 10-digit number).
const DEFAULT_COUNTRY = "KZ";

const KZ_E164 = /^\+7([0-9]{3})([0-9]{3})([0-9]{2})([0-9]{2})$/;

export function parsePhone(input: string): PhoneResult {
  const trimmed = input.trim();
  if (!PHONE_SHAPE.test(trimmed)) return { ok: false, reason: "format" };

  const digits = trimmed.replace(/[^0-9]/g, "");
  const candidate = trimmed.startsWith("+") ? `+${digits}` : digits;
  const phone = parsePhoneNumberFromString(candidate, DEFAULT_COUNTRY);
  if (!phone || !phone.isPossible()) return { ok: false, reason: "format" };

  // +7 is shared with Russia; the metadata assigns a number to KZ by its
  // leading digits, so an unassigned KZ range (e.g. 703) still counts as KZ,
  // just not as a mobile one.
  if (phone.country === DEFAULT_COUNTRY) {
    return phone.isValid() && phone.getType() === "MOBILE"
      ? { ok: true, e164: phone.number }
      : { ok: false, reason: "not_mobile" };
  }
  return phone.isValid() ? { ok: false, reason: "country" } : { ok: false, reason: "format" };
}

/** "+77012345678" → "+7 701 234 56 78", the grouping people in Kazakhstan write. */
export function formatPhoneForDisplay(e164: string): string {
  const match = KZ_E164.exec(e164);
  if (match) return `+7 ${match[1]} ${match[2]} ${match[3]} ${match[4]}`;
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
