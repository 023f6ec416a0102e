import { parseArgs } from "node:util";
import type { RotationReport } from "../../store/rotation";
import { closeApp, type AdminCommand } from "../context";

/**
 * `npm run admin -- rotate-keys --by NAME`: after a new DATA_KEY (the old one in DATA_KEYS_PREVIOUS)
 * and a restart of the bot, moves everything stored to the new key while the bot runs, and says
 * whether DATA_KEYS_PREVIOUS can be emptied. README "Data protection" has the whole procedure.
 */
export const rotateKeys: AdminCommand = {
  name: "rotate-keys",
  usage: "rotate-keys --by NAME",
  summary: "re-encrypt every stored field and index under DATA_KEY (the bot may run), then say whether DATA_KEYS_PREVIOUS can be emptied",
  run: async (args, io) => {
    const { values } = parseArgs({ args, strict: false, options: { by: { type: "string" } } });
    if (typeof values.by !== "string" || values.by.trim() === "") {
      io.out("Say who is acting with --by <your name> (it goes to the audit log).");
      return 2;
    }
    const app = await io.openApp();
    try {
      io.out("Re-encrypting every stored field and blind index under DATA_KEY, a batch at a time (the bot may keep running):");
      let report: RotationReport;
      try {
        report = app.store.keyRotation.run({ progress: ({ table, done, total }) => io.out(`  ${table}: ${done}/${total}`) });
      } catch (error) {
        io.out(
          "Stopped before the end. Nothing is lost: every row is wholly under its old key or wholly under the new one. " +
            "Run the command again to continue.",
        );
        throw error;
      }
      app.store.audit.record({ actor: "admin", actorId: values.by.trim(), action: "keys.rotated", recordType: "data_key", recordId: String(report.currentKeyId) });
      for (const line of describeRotation(report)) io.out(line);
      return 0;
    } finally {
      closeApp(app);
    }
  },
};

/** What the rotation did, which key ids the data still names, and whether the older keys can go. */
function describeRotation(report: RotationReport): string[] {
  const lines = [
    `Done under DATA_KEY (key id ${report.currentKeyId}). Rows rewritten: ` +
      `${report.tables.map(({ table, rows, rewritten }) => `${table} ${rewritten} of ${rows}`).join(", ")}. ` +
      `Re-indexed with their chat: ${report.moved.map(({ table, rows }) => `${table} ${rows}`).join(", ")}.`,
    "Key ids named by stored ciphertexts:",
    ...[...report.inUse].map(
      ([keyId, use]) => `  key id ${keyId}${keyId === report.currentKeyId ? " (DATA_KEY)" : ""}: ${use.fields} field(s) in ${use.tables.join(", ")}`,
    ),
  ];
  const needed = report.previousKeyIds.filter((keyId) => report.inUse.has(keyId));
  const free = report.previousKeyIds.filter((keyId) => !report.inUse.has(keyId));
  for (const keyId of needed) lines.push(...stillNeeded(report, keyId));
  if (report.previousKeyIds.length === 0) {
    lines.push("DATA_KEYS_PREVIOUS is empty: nothing else to do.");
  } else if (needed.length === 0) {
    lines.push(
      `DATA_KEYS_PREVIOUS can now be emptied: no stored data needs key id(s) ${free.join(", ")} any more. Remove them and restart the bot. ` +
        "Keep the old key itself offline for as long as you keep backups made before this rotation: restoring one needs it.",
    );
  } else {
    lines.push(
      `DATA_KEYS_PREVIOUS cannot be emptied yet: keep key id(s) ${needed.join(", ")}` +
        (free.length > 0 ? `; key id(s) ${free.join(", ")} can be removed now.` : "."),
    );
  }
  if (report.unmatchedLanguages > 0) {
    lines.push(
      `${report.unmatchedLanguages} language choice(s) belong to chats with no account: only a blind index of the chat is stored, so they cannot be ` +
        "re-indexed. Those made before the bot ran with this DATA_KEY are no longer found once their key is removed, and the chat is asked its " +
        "language again; nothing else depends on them, so they keep no key configured.",
    );
  }
  return lines;
}

function stillNeeded(report: RotationReport, keyId: number): string[] {
  const use = report.inUse.get(keyId)!;
  const lines = [`Key id ${keyId} is still needed by ${use.fields} field(s) in ${use.tables.join(", ")}:`];
  const drafts = report.strandedDrafts.find((draft) => draft.keyId === keyId);
  if (drafts) {
    lines.push(
      `  ${drafts.drafts} unfinished dialogue(s) of chats with no account, which cannot be re-indexed (their chat key is not stored). ` +
        `The bot's hourly drafts job deletes each once untouched for 6 hours, the last after ${drafts.goneAfter}; ` +
        "a new message from such a chat moves its dialogue to DATA_KEY first. Run rotate-keys again after that time.",
    );
  }
  const unreadable = report.unreadable.filter((entry) => entry.keyId === keyId);
  if (unreadable.length > 0) {
    lines.push(
      `  ${unreadable.length} row(s) that do not open (altered, or a damaged page) were left as they are: ` +
        `${unreadable.map((entry) => `${entry.table} ${entry.rowId}`).join(", ")}. Restore them from a backup or delete them, then run rotate-keys again.`,
    );
  } else if (use.fields > (drafts?.drafts ?? 0)) {
    lines.push(
      `  ${use.fields - (drafts?.drafts ?? 0)} field(s) were written under it while this ran: a bot still running with it as DATA_KEY? ` +
        "Restart the bot with the new DATA_KEY and run rotate-keys again.",
    );
  }
  return lines;
}
