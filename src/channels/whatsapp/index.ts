import type { App } from "../../app";
import { safeError } from "../../logger";
import type { RunningChannel } from "../channel";
import { WhatsAppChannel } from "./channel";
import { createWhatsAppClient, type WhatsAppSettings } from "./real-client";

export type { WhatsAppSettings } from "./real-client";

/**
 * Starts the WhatsApp channel beside Telegram (or the console). It never throws: when whatsapp-web.js
 * cannot even be loaded, the error is logged and the other channel goes on alone; once loaded, the
 * connection retries by itself (see WhatsAppConnection).
 */
export async function startWhatsApp(app: App, settings: WhatsAppSettings): Promise<RunningChannel | undefined> {
  try {
    const { client, media } = await createWhatsAppClient(settings);
    return new WhatsAppChannel(app, client, { media }).start();
  } catch (error) {
    app.logger.error(
      { channel: "whatsapp", err: safeError(error) },
      "the WhatsApp channel could not start: is whatsapp-web.js installed (npm install without --omit=optional)? Telegram goes on without WhatsApp",
    );
    return undefined;
  }
}
