/**
 * The part of whatsapp-web.js's Client the channel uses, so that the real client and the fake one of
 * the tests both fit. Keep it this small: whatsapp-web.js drives WhatsApp Web in Chromium and breaks
 * when WhatsApp Web changes (design.md), and every method used here is one more thing that can break.
 */

/** A message as whatsapp-web.js's `message` event gives it (only the fields the channel reads). */
export interface IncomingMessage {
  /** The chat it came from: "…@c.us" (a phone number), "…@lid" (a privacy id), "…@g.us" (a group)… */
  from: string;
  body: string;
  /** "chat" for text; "image", "ptt" (voice), "location", "sticker"… for the rest. */
  type: string;
  fromMe: boolean;
  isStatus: boolean;
  broadcast?: boolean;
  /** The sender as a contact; its `number` is the phone number when WhatsApp shares it. */
  getContact(): Promise<{ number?: string | null }>;
}

export interface WhatsAppEvents {
  qr: (qr: string) => void;
  code: (code: string) => void;
  authenticated: () => void;
  ready: () => void;
  message: (message: IncomingMessage) => void;
  /** `reason` is a WhatsApp Web state such as "UNPAIRED", or "LOGOUT". The client destroys itself. */
  disconnected: (reason: string) => void;
  auth_failure: (message: string) => void;
}

/** A file to send, shaped like whatsapp-web.js's MessageMedia (base64 data). */
export interface WhatsAppMedia {
  mimetype: string;
  data: string;
  filename?: string | null;
}

export interface WhatsAppSendOptions {
  caption?: string;
  sendMediaAsDocument?: boolean;
}

export interface WhatsAppClient {
  on<E extends keyof WhatsAppEvents>(event: E, listener: WhatsAppEvents[E]): unknown;
  /** Starts the browser and WhatsApp Web; `ready` (or `qr` first) follows as an event. */
  initialize(): Promise<void>;
  /** Closes the browser; `initialize()` may be called again afterwards. */
  destroy(): Promise<void>;
  /** Text, or a file made by the channel's `media` factory (a MessageMedia for the real client). */
  sendMessage(chatId: string, content: string | WhatsAppMedia, options?: WhatsAppSendOptions): Promise<unknown>;
}
