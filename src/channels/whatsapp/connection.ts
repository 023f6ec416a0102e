import { safeError, type Logger } from "../../logger";
import type { WhatsAppClient } from "./client";

/** Disconnect reasons after which the fund's phone must link this device again (a new QR code). */
const LOGGED_OUT = new Set(["LOGOUT", "UNPAIRED", "UNPAIRED_IDLE"]);
/** WhatsApp blocked the number for breaking its terms (unofficial clients are among the reasons). */
const BANNED = new Set(["TOS_BLOCK", "SMB_TOS_BLOCK"]);

/** 5 s, 10 s, 20 s … up to 5 minutes between attempts. */
export function defaultReconnectDelay(attempt: number): number {
  return Math.min(5 * 60_000, 5_000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Keeps the WhatsApp client connected. On `disconnected` whatsapp-web.js destroys itself (facts.md),
 * so the client is initialised again after a back-off; a failed start (no Chromium, no network) is
 * retried the same way. Nothing here ever throws into the process: Telegram keeps running whatever
 * WhatsApp does. The log says plainly when the operator has to act (link the device again).
 */
export class WhatsAppConnection {
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private linkingAnnounced = false;
  ready = false;

  constructor(
    private readonly client: WhatsAppClient,
    private readonly logger: Logger,
    private readonly reconnectDelay: (attempt: number) => number = defaultReconnectDelay,
  ) {}

  start(): void {
    const { client, logger } = this;
    client.on("qr", () => {
      if (this.linkingAnnounced) return;
      this.linkingAnnounced = true;
      logger.warn(
        "WhatsApp is not linked: on the fund's phone open WhatsApp → Linked devices → Link a device and scan the QR code printed in this terminal",
      );
    });
    client.on("code", () => {
      logger.warn("WhatsApp is not linked: on the fund's phone open WhatsApp → Linked devices → Link with phone number and enter the code printed in this terminal");
    });
    client.on("authenticated", () => {
      this.linkingAnnounced = false;
      logger.info("WhatsApp accepted the session");
    });
    client.on("ready", () => {
      this.attempt = 0;
      this.ready = true;
      logger.info("whatsapp channel is ready");
    });
    client.on("auth_failure", () => {
      this.ready = false;
      logger.error(
        "WhatsApp did not accept the saved session: the device must be linked again. A new QR code will be printed; if it is not, stop the bot, delete the WhatsApp session folder (WHATSAPP_SESSION_PATH) and start it again",
      );
      this.reconnect();
    });
    client.on("disconnected", (reason) => {
      this.ready = false;
      if (LOGGED_OUT.has(reason)) {
        logger.error({ reason }, "WhatsApp logged this device out: it must be linked again; scan the new QR code that will be printed (README, WhatsApp)");
      } else if (BANNED.has(reason)) {
        logger.error({ reason }, "WhatsApp blocked the fund's number: the WhatsApp channel cannot work; Telegram goes on");
      } else {
        logger.warn({ reason }, "WhatsApp disconnected; reconnecting");
      }
      this.reconnect();
    });
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ready = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    try {
      await this.client.destroy();
    } catch (error) {
      this.logger.warn({ err: safeError(error) }, "WhatsApp did not close cleanly");
    }
  }

  private async connect(): Promise<void> {
    try {
      await this.client.initialize();
    } catch (error) {
      if (this.stopped) return;
      this.logger.error(
        { err: safeError(error), attempt: this.attempt + 1 },
        "WhatsApp could not start (is Chromium installed at PUPPETEER_EXECUTABLE_PATH?); will retry",
      );
      this.reconnect();
    }
  }

  private reconnect(): void {
    if (this.stopped || this.timer) return;
    this.attempt += 1;
    const delay = this.reconnectDelay(this.attempt);
    this.logger.info({ attempt: this.attempt, delayMs: delay }, "WhatsApp reconnection scheduled");
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.restart();
    }, delay);
  }

  private async restart(): Promise<void> {
    try {
      // Usually already destroyed by the library itself; a second call only makes sure no browser is left.
      await this.client.destroy();
    } catch (error) {
      this.logger.debug({ err: safeError(error) }, "WhatsApp client was already closed");
    }
    if (!this.stopped) await this.connect();
  }
}
