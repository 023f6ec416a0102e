import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { formatDate } from "../../domain/format";
import { localDateOf } from "../../domain/slots";
import { checkNewVersion, cleanPolicyText, type NewVersionCheck } from "../../domain/policy";
import { stagePolicyVersion, type PolicyDocument } from "../../store/policy-documents";
import { closeApp, type AdminCommand, type AdminIo } from "../context";

const USAGE =
  'publish-policy --version X.Y --effective YYYY-MM-DD --ru FILE --kk FILE --changes-ru "…" --changes-kk "…" [--by NAME]';

const OPTIONS = {
  version: { type: "string" },
  effective: { type: "string" },
  ru: { type: "string" },
  kk: { type: "string" },
  "changes-ru": { type: "string" },
  "changes-kk": { type: "string" },
  by: { type: "string" },
} as const;

/**
 * Policy §9: publishes a new version. The texts go to data/policy beside the earlier versions and into
 * the database, where the running bot sees them at once; in the same transaction everyone who consented
 * to an older version gets a notice queued (the bot's job sends them). From the effective date the bot
 * asks each of them to accept the new version before it does anything else with their data.
 */
export const publishPolicy: AdminCommand = {
  name: "publish-policy",
  usage: USAGE,
  summary: "publish a new privacy policy version (texts in both languages, effective date, what changed) and notify everyone who consented",
  run: async (args, io) => {
    const request = readRequest(args);
    if (typeof request === "string") return refuse(io, request);
    const { document, by } = request;
    const app = await io.openApp();
    try {
      const today = localDateOf(app.clock.now(), app.timeZone);
      const check = checkNewVersion(app.store.policyVersions.list(), document, today);
      if (!check.ok) return refuse(io, explain(check, document, app.timeZone));
      if (existsSync(join(app.policyDirectory, document.version))) {
        return refuse(io, `${join(app.policyDirectory, document.version)} already exists although version ${document.version} is not published; move it away first.`);
      }
      const staged = stagePolicyVersion(app.policyDirectory, document);
      let outcome;
      try {
        outcome = app.services.policyPublication.publish(document, today, { kind: "admin", ...(by ? { id: by } : {}) });
      } catch (error) {
        staged.discard();
        throw error;
      }
      if (!outcome.ok) {
        staged.discard();
        return refuse(io, explain(outcome, document, app.timeZone));
      }
      staged.commit();
      const date = formatDate(document.effectiveDate);
      io.out(
        [
          `Published privacy policy ${document.version}, in force from ${date}.`,
          `Written: ${join(app.policyDirectory, document.version)}/ru.txt and kk.txt, and versions.json (commit them to the repository).`,
          `Notices queued: ${outcome.notices.pending}; blocked accounts not notified: ${outcome.notices.skipped}.`,
          `The running bot starts sending the notices within a minute, paced within Telegram's limits, and from ${date} asks everyone who consented to an older version to accept this one.`,
        ].join("\n"),
      );
      return 0;
    } finally {
      closeApp(app);
    }
  },
};

function readRequest(args: string[]): { document: PolicyDocument; by: string | undefined } | string {
  let values: Partial<Record<keyof typeof OPTIONS, string>>;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return `${(error as Error).message}\nUsage: npm run admin -- ${USAGE}`;
  }
  const missing = (["version", "effective", "ru", "kk", "changes-ru", "changes-kk"] as const).filter((name) => values[name] === undefined);
  if (missing.length > 0) return `Missing ${missing.map((name) => `--${name}`).join(", ")}.\nUsage: npm run admin -- ${USAGE}`;
  const ru = readPolicyText(values.ru!, "--ru");
  if (typeof ru !== "string") return ru.problem;
  const kk = readPolicyText(values.kk!, "--kk");
  if (typeof kk !== "string") return kk.problem;
  const changes = { ru: values["changes-ru"]!.trim(), kk: values["changes-kk"]!.trim() };
  if (!changes.ru || !changes.kk) return "Say what changed in both languages: --changes-ru and --changes-kk must not be empty.";
  const by = values.by?.trim();
  return { document: { version: values.version!, effectiveDate: values.effective!, text: { ru, kk }, changes }, by: by || undefined };
}

function readPolicyText(path: string, option: string): string | { problem: string } {
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch {
    return { problem: `The ${option} file ${path} cannot be read.` };
  }
  const text = cleanPolicyText(raw);
  return text ? text : { problem: `The ${option} file ${path} is empty.` };
}

function explain(check: Exclude<NewVersionCheck, { ok: true }>, document: PolicyDocument, timeZone: string): string {
  switch (check.reason) {
    case "version_format":
      return `--version must be a major and a minor number such as 1.1, not "${document.version}".`;
    case "date_format":
      return `--effective must be a real date written YYYY-MM-DD, such as 2027-02-01, not "${document.effectiveDate}".`;
    case "not_newer":
      return `Version ${document.version} is not newer than the latest published version, ${check.latest}. Published versions never change: choose a higher number.`;
    case "effective_in_past":
      return `The effective date ${document.effectiveDate} is in the past (today is ${check.today} in ${timeZone}). People must be told before a version binds them: choose today or a later day.`;
    case "effective_before_latest":
      return `The effective date ${document.effectiveDate} is before that of version ${check.latest} (${check.latestEffectiveDate}); a newer version cannot take effect earlier.`;
  }
}

function refuse(io: AdminIo, message: string): number {
  io.out(`Not published: ${message}`);
  return 1;
}
