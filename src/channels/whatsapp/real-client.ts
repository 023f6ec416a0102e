import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { WhatsAppClient, WhatsAppMedia } from "./client";

export interface WhatsAppSettings {
  /** LocalAuth's dataPath: a whole Chromium profile with the linked session. A secret, git-ignored. */
  sessionPath: string;
  /** The system's Chromium (puppeteer downloads none: see .puppeteerrc.cjs). */
  chromiumPath: string;
  /** When set, link with an 8-character pairing code entered on the phone instead of a QR code. */
  pairingNumber: string | undefined;
}

/** Where the QR code and the pairing code are printed: the terminal, beside the log that mentions them. */
export type Terminal = Pick<NodeJS.WriteStream, "write">;

export interface RealWhatsApp {
  client: WhatsAppClient;
  /** whatsapp-web.js only sends files given as its own MessageMedia. */
  media(this: void, file: WhatsAppMedia): WhatsAppMedia;
}

/**
 * The real whatsapp-web.js client. The library (and puppeteer under it) is loaded here by a dynamic
 * import, only when WHATSAPP_ENABLED=true, so a Telegram-only deployment never loads it and may
 * even install without it (`npm ci --omit=optional`).
 */
export async function createWhatsAppClient(settings: WhatsAppSettings, terminal: Terminal = process.stderr): Promise<RealWhatsApp> {
  const { Client, LocalAuth, MessageMedia } = (await import("whatsapp-web.js")).default;
  const qrcode = (await import("qrcode-terminal")).default;
  const sessionPath = resolve(settings.sessionPath);
  mkdirSync(sessionPath, { recursive: true, mode: 0o700 });
  const runningAsRoot = process.getuid?.() === 0;
  const client = new Client({
    authStrategy: new LocalAuth({ dataPath: sessionPath }),
    // The WhatsApp Web version cache sits with the session: one folder to protect, one to delete.
    webVersionCache: { type: "local", path: join(sessionPath, "web-cache") },
    puppeteer: {
      executablePath: settings.chromiumPath,
      headless: true,
      // Chromium refuses to start as root with its sandbox on; a service user keeps the sandbox.
      args: runningAsRoot ? ["--no-sandbox", "--disable-setuid-sandbox"] : [],
    },
    ...(settings.pairingNumber ? { pairWithPhoneNumber: { phoneNumber: settings.pairingNumber, showNotification: true } } : {}),
  });
  client.on("qr", (qr: string) => {
    qrcode.generate(qr, { small: true }, (rendered) => {
      terminal.write(`\nWhatsApp: scan this code with the fund's phone (WhatsApp → Linked devices → Link a device)\n${rendered}\n`);
    });
  });
  client.on("code", (code: string) => {
    terminal.write(`\nWhatsApp pairing code: ${code} (WhatsApp → Linked devices → Link with phone number)\n`);
  });
  reportBrowserCrashes(client);
  return { client, media: (file) => new MessageMedia(file.mimetype, file.data, file.filename) };
}

interface BrowserHolder {
  pupBrowser?: { once(event: "disconnected", listener: () => void): unknown } | null;
  destroy(): Promise<void>;
  emit(event: "disconnected", reason: string): boolean;
  on(event: "ready", listener: () => void): unknown;
}

/**
 * whatsapp-web.js says nothing when Chromium itself dies (killed, out of memory): the client would look
 * connected while every send fails. A browser that goes away without destroy() having been called is
 * therefore reported as a disconnection, which the connection answers by starting again.
 */
export function reportBrowserCrashes(client: BrowserHolder): void {
  let destroying = 0;
  const destroy = client.destroy.bind(client);
  client.destroy = async () => {
    destroying += 1;
    try {
      await destroy();
    } finally {
      destroying -= 1;
    }
  };
  client.on("ready", () => {
    const browser = client.pupBrowser;
    browser?.once("disconnected", () => {
      if (destroying === 0 && client.pupBrowser === browser) client.emit("disconnected", "BROWSER_CLOSED");
    });
  });
}
