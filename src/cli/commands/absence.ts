import { parseArgs } from "node:util";
import { isCalendarDate } from "../../domain/policy";
import { closeApp, type AdminCommand } from "../context";

const USAGE = "absence --doctor ID --from YYYY-MM-DD --to YYYY-MM-DD --reason TEXT --by NAME";

/**
 * `npm run admin -- absence …`: a specialist is away. The bookings still to come in the period are
 * cancelled, their patients told in their own chat, and the staff group gets one summary.
 */
export const absenceCommand: AdminCommand = {
  name: "absence",
  usage: USAGE,
  summary: "record a specialist's absence: no slots in the period, its bookings cancelled, patients told, one summary to staff",
  run: async (args, io) => {
    const { values } = parseArgs({
      args,
      strict: false,
      options: { doctor: { type: "string" }, from: { type: "string" }, to: { type: "string" }, reason: { type: "string" }, by: { type: "string" } },
    });
    const text = (name: keyof typeof values) => (typeof values[name] === "string" ? values[name].trim() : "");
    const [doctorId, from, to, reason, by] = [text("doctor"), text("from"), text("to"), text("reason"), text("by")];
    if (!doctorId || !isCalendarDate(from) || !isCalendarDate(to) || !reason || !by) {
      io.out(`Usage: npm run admin -- ${USAGE} (dates as 2026-12-15; --by names who acts, for the audit log).`);
      return 2;
    }
    const app = await io.openApp();
    try {
      const outcome = app.services.absences.record({ doctorId, from, to, reason }, { kind: "admin", id: by });
      if (!outcome.ok) {
        io.out(
          {
            unknown_doctor: `No specialist with the id ${doctorId} in the catalogue.`,
            period_reversed: "The absence ends before it starts: check --from and --to.",
            period_past: "The whole period is in the past: nothing to do.",
          }[outcome.reason],
        );
        return 1;
      }
      io.out(
        `Absence recorded: no slots of ${doctorId} from ${from} to ${to}. Bookings cancelled: ${outcome.cancelled}; ` +
          `patients being told in their chat: ${outcome.told}; to call: ${outcome.cancelled - outcome.told}. The staff group gets one summary.`,
      );
      return 0;
    } finally {
      closeApp(app);
    }
  },
};
