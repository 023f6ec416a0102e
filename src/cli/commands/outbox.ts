import type { AdminCommand } from "../context";
import { closeApp } from "../context";

/** `npm run admin -- outbox [--purge-set-aside]`: what waits for the staff group, and what was set aside. */
export const outboxCommand: AdminCommand = {
  name: "outbox",
  usage: "outbox [--purge-set-aside]",
  summary: "show the staff alerts waiting to be sent and those set aside as unreadable; --purge-set-aside deletes the latter",
  run: async (args, io) => {
    const purge = args.includes("--purge-set-aside");
    const unknown = args.filter((arg) => arg !== "--purge-set-aside");
    if (unknown.length > 0) {
      io.out(`Unknown option(s): ${unknown.join(" ")}. Usage: npm run admin -- outbox [--purge-set-aside]`);
      return 2;
    }
    const app = await io.openApp();
    try {
      const { staffOutbox } = app.store;
      const summary = staffOutbox.summary();
      io.out(`Staff alerts waiting to be sent: ${summary.pending}.`);
      io.out(
        summary.setAside === 0
          ? "Set aside as unreadable: none."
          : `Set aside as unreadable: ${summary.setAside} (the first on ${summary.firstSetAsideAt}). They cannot be decrypted (a damaged page, or a key no longer configured); nothing else waits for them.`,
      );
      if (purge) io.out(`Deleted ${staffOutbox.purgeSetAside()} alert(s) set aside.`);
      return 0;
    } finally {
      closeApp(app);
    }
  },
};
