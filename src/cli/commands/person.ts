import { parseArgs } from "node:util";
import { parseIin } from "../../domain/iin";
import { parsePersonName } from "../../domain/person-name";
import { parsePhone } from "../../domain/phone";
import type { CorrectableField } from "../../services/correction";
import type { PaperOutcome } from "../../services/paper-requests";
import type { Actor } from "../../store/audit";
import { closeApp, type AdminCommand, type AdminIo } from "../context";

/*
 * A data request that reached the fund on paper or in person. The admin names themself with --by: the
 * audit log records who acted, never the data.
 */

interface PersonArgs {
  iin: string;
  actor: Actor;
  values: Record<string, string | boolean | undefined>;
}

function readArgs(args: string[], extra: Record<string, { type: "string" | "boolean" }> = {}): PersonArgs | string {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: false, options: { by: { type: "string" }, ...extra } });
  const parsed = parseIin(positionals[0] ?? "");
  if (!parsed.ok) return `The IIN is not valid (${parsed.reason}).`;
  if (typeof values.by !== "string" || values.by.trim() === "") return "Say who is acting with --by <your name> (it goes to the audit log).";
  return { iin: parsed.iin, actor: { kind: "admin", id: values.by.trim() }, values };
}

async function withApp<T>(io: AdminIo, act: (app: Awaited<ReturnType<AdminIo["openApp"]>>) => PaperOutcome<T>, report: (value: T) => string): Promise<number> {
  const app = await io.openApp();
  try {
    const outcome = act(app);
    if (!outcome.ok) {
      io.out(outcome.reason === "not_found" ? "Nobody with this IIN is registered." : "This IIN has no account of its own (someone else booked for them); block the account of the person who books.");
      return 1;
    }
    io.out(report(outcome.value));
    return 0;
  } finally {
    closeApp(app);
  }
}

export const personExport: AdminCommand = {
  name: "person-export",
  usage: "person-export <IIN> --by NAME",
  summary: "print everything held about the person with this IIN, as JSON",
  run: async (args, io) => {
    const request = readArgs(args);
    if (typeof request === "string") return fail(io, request);
    return withApp(io, (app) => app.services.paperRequests.copy(request.iin, request.actor), (copy) => JSON.stringify(copy, null, 2));
  },
};

export const personCorrect: AdminCommand = {
  name: "person-correct",
  usage: "person-correct <IIN> --by NAME (--name TEXT | --phone TEXT | --iin NEW)",
  summary: "correct the person's name, phone or IIN everywhere; staff hear of upcoming bookings",
  run: async (args, io) => {
    const request = readArgs(args, { name: { type: "string" }, phone: { type: "string" }, iin: { type: "string" } });
    if (typeof request === "string") return fail(io, request);
    const correction = validCorrection(request.values);
    if (typeof correction === "string") return fail(io, correction);
    return withApp(
      io,
      (app) => {
        const outcome = app.services.paperRequests.correct(request.iin, correction.field, correction.value, request.actor);
        return outcome;
      },
      ({ accounts, skipped, upcomingChanged }) =>
        `Corrected in ${accounts} account(s); ${upcomingChanged} upcoming booking(s) changed. The running bot tells the staff group within a minute.` +
        (skipped > 0
          ? ` Not corrected in ${skipped} account(s) that are blocked, already hold that IIN for another person, or book for themselves while the new IIN is a minor's.`
          : ""),
    );
  },
};

export const personBlock: AdminCommand = {
  name: "person-block",
  usage: "person-block <IIN> --by NAME [--unblock]",
  summary: "restrict (or with --unblock, allow again) the processing of the person's data",
  run: async (args, io) => {
    const request = readArgs(args, { unblock: { type: "boolean" } });
    if (typeof request === "string") return fail(io, request);
    const blocked = request.values.unblock !== true;
    return withApp(
      io,
      (app) => app.services.paperRequests.setBlocked(request.iin, blocked, request.actor),
      ({ accounts }) => `${blocked ? "Blocked" : "Unblocked"} ${accounts} account(s).`,
    );
  },
};

export const personErase: AdminCommand = {
  name: "person-erase",
  usage: "person-erase <IIN> --by NAME --yes",
  summary: "erase the person: their accounts, and every booking others made for them (upcoming ones cancelled first)",
  run: async (args, io) => {
    const request = readArgs(args, { yes: { type: "boolean" } });
    if (typeof request === "string") return fail(io, request);
    if (request.values.yes !== true) return fail(io, "Erasure cannot be undone: add --yes to confirm.");
    return withApp(
      io,
      (app) => app.services.paperRequests.erase(request.iin, request.actor),
      ({ accounts, cancelled }) => `Erased (${accounts} own account(s)); ${cancelled} upcoming booking(s) cancelled, staff are told by the running bot.`,
    );
  },
};

function validCorrection(values: PersonArgs["values"]): { field: CorrectableField; value: string } | string {
  const given = (["name", "phone", "iin"] as const).filter((key) => typeof values[key] === "string");
  if (given.length !== 1) return "Give exactly one of --name, --phone or --iin.";
  const raw = values[given[0]!] as string;
  if (given[0] === "name") {
    const name = parsePersonName(raw);
    return name.ok ? { field: "fullName", value: name.fullName } : `The name is not valid (${name.reason}).`;
  }
  if (given[0] === "phone") {
    const phone = parsePhone(raw);
    return phone.ok ? { field: "phone", value: phone.e164 } : `The phone is not valid (${phone.reason}).`;
  }
  const iin = parseIin(raw);
  return iin.ok ? { field: "iin", value: iin.iin } : `The new IIN is not valid (${iin.reason}).`;
}

function fail(io: AdminIo, message: string): number {
  io.out(message);
  return 2;
}
