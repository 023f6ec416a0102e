import { parseArgs } from "node:util";
import { parseIin } from "../../domain/iin";
import { parsePersonName } from "../../domain/person-name";
import { parsePhone } from "../../domain/phone";
import { localDateOf } from "../../domain/slots";
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

function readArgs(args: string[], today: string, extra: Record<string, { type: "string" | "boolean" }> = {}): PersonArgs | string {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: false, options: { by: { type: "string" }, ...extra } });
  const parsed = parseIin(positionals[0] ?? "", today);
  if (!parsed.ok) return `The IIN is not valid (${parsed.reason}).`;
  if (typeof values.by !== "string" || values.by.trim() === "") return "Say who is acting with --by <your name> (it goes to the audit log).";
  return { iin: parsed.iin, actor: { kind: "admin", id: values.by.trim() }, values };
}

type AdminApp = Awaited<ReturnType<AdminIo["openApp"]>>;

/**
 * Opens the app first: an IIN is checked against the clinic's date on the app's clock. `read` turns the
 * arguments into a request or the line that says what is wrong with them.
 */
async function withApp<R, T>(
  io: AdminIo,
  read: (today: string) => R | string,
  act: (app: AdminApp, request: R) => PaperOutcome<T>,
  report: (value: T, request: R) => string,
): Promise<number> {
  const app = await io.openApp();
  try {
    const request = read(localDateOf(app.clock.now(), app.timeZone));
    if (typeof request === "string") return fail(io, request);
    const outcome = act(app, request);
    if (!outcome.ok) {
      io.out(outcome.reason === "not_found" ? "Nobody with this IIN is registered." : "This IIN has no account of its own (someone else booked for them); block the account of the person who books.");
      return 1;
    }
    io.out(report(outcome.value, request));
    return 0;
  } finally {
    closeApp(app);
  }
}

export const personExport: AdminCommand = {
  name: "person-export",
  usage: "person-export <IIN> --by NAME",
  summary: "print everything held about the person with this IIN (never about the other people of an account), as JSON",
  run: (args, io) =>
    withApp(
      io,
      (today) => readArgs(args, today),
      (app, request) => app.services.paperRequests.copy(request.iin, request.actor),
      (copy) => JSON.stringify(copy, null, 2),
    ),
};

export const personCorrect: AdminCommand = {
  name: "person-correct",
  usage: "person-correct <IIN> --by NAME (--name TEXT | --phone TEXT | --iin NEW)",
  summary: "correct the person's name, phone or IIN everywhere; staff hear of upcoming bookings",
  run: (args, io) =>
    withApp(
      io,
      (today) => {
        const request = readArgs(args, today, { name: { type: "string" }, phone: { type: "string" }, iin: { type: "string" } });
        if (typeof request === "string") return request;
        const correction = validCorrection(request.values, today);
        return typeof correction === "string" ? correction : { ...request, correction };
      },
      (app, { iin, correction, actor }) => app.services.paperRequests.correct(iin, correction.field, correction.value, actor),
      ({ accounts, skipped, upcomingChanged }) =>
        `Corrected in ${accounts} account(s); ${upcomingChanged} upcoming booking(s) changed. The running bot tells the staff group within a minute.` +
        (skipped > 0
          ? ` Not corrected in ${skipped} account(s) whose consent was withdrawn, that already hold that IIN for another person, or book for themselves while the new IIN is a minor's.`
          : ""),
    ),
};

export const personBlock: AdminCommand = {
  name: "person-block",
  usage: "person-block <IIN> --by NAME [--unblock]",
  summary: "restrict (or with --unblock, allow again) the person's own accounts that hold nobody else",
  run: (args, io) =>
    withApp(
      io,
      (today) => readArgs(args, today, { unblock: { type: "boolean" } }),
      (app, request) => app.services.paperRequests.setBlocked(request.iin, request.values.unblock !== true, request.actor),
      ({ accounts, shared }, request) =>
        `${request.values.unblock !== true ? "Blocked" : "Unblocked"} ${accounts} account(s).` +
        (shared > 0 ? ` Not ${request.values.unblock !== true ? "blocked" : "unblocked"}: ${shared} account(s) that also hold other people; a block restricts an account whole, so those are left for the fund to decide.` : ""),
    ),
};

export const personErase: AdminCommand = {
  name: "person-erase",
  usage: "person-erase <IIN> --by NAME --yes",
  summary: "erase the person from every account that holds them (upcoming bookings cancelled first); their own account left with nobody else goes whole",
  run: (args, io) =>
    withApp(
      io,
      (today) => {
        const request = readArgs(args, today, { yes: { type: "boolean" } });
        if (typeof request === "string") return request;
        return request.values.yes === true ? request : "Erasure cannot be undone: add --yes to confirm.";
      },
      (app, request) => app.services.paperRequests.erase(request.iin, request.actor),
      ({ accounts, erasedWhole, cancelled }) =>
        `Erased what ${accounts} account(s) held about this person; ${cancelled} upcoming booking(s) cancelled, staff are told by the running bot.` +
        ` ${erasedWhole} own account(s) held nobody else and were erased whole; ${accounts - erasedWhole} account(s) are kept (they hold other people, or someone else booked for this person from them).`,
    ),
};

function validCorrection(values: PersonArgs["values"], today: string): { field: CorrectableField; value: string } | string {
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
  const iin = parseIin(raw, today);
  return iin.ok ? { field: "iin", value: iin.iin } : `The new IIN is not valid (${iin.reason}).`;
}

function fail(io: AdminIo, message: string): number {
  io.out(message);
  return 2;
}
