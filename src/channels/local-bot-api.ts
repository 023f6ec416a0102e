import type { UserFromGetMe } from "grammy/types";

/**
 * The Telegram Bot API is the port every channel implements (design.md). Channels that are not
 * Telegram carry out the subset of it the features use, in process, by handing grammY this `fetch`:
 * it sits below the conversations' replay, so each send happens exactly once.
 */

export interface ApiCall {
  method: string;
  /** Parameters; a file sent with the call (sendDocument's `document`) is a LocalFile. */
  payload: Record<string, unknown>;
}

/** A file the bot uploaded: grammY sends an InputFile as a part of a multipart/form-data body. */
export interface LocalFile {
  filename: string;
  bytes: Buffer;
}

/** Answers one call; may return a promise (an `unknown` already covers it). */
export type ApiCallHandler = (call: ApiCall) => unknown;

/** A method the channel cannot carry: an error in the code, reported loudly. */
export class UnsupportedMethodError extends Error {
  constructor(channel: string, method: string) {
    super(`The ${channel} channel cannot carry the Bot API method "${method}"`);
    this.name = "UnsupportedMethodError";
  }
}

export function localFetch(handle: ApiCallHandler): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = url.slice(url.lastIndexOf("/") + 1);
    try {
      const payload = await payloadOf(init);
      return json({ ok: true, result: await handle({ method, payload }) });
    } catch (error) {
      const description = error instanceof Error ? error.message : String(error);
      // 404 is what Telegram answers for a method it does not know. A 5xx would make auto-retry repeat
      // the call forever (it retries every error_code >= 500), so the failure would hang, not be loud.
      // Other failures stay 500: the channel could not deliver now, and a retry may well succeed.
      return json({ ok: false, error_code: error instanceof UnsupportedMethodError ? 404 : 500, description });
    }
  });
}

async function payloadOf(init: RequestInit | undefined): Promise<Record<string, unknown>> {
  const body = init?.body;
  if (body === undefined || body === null) return {};
  if (typeof body === "string") return JSON.parse(body) as Record<string, unknown>;
  const contentType = new Headers(init?.headers).get("content-type") ?? "";
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`The local Bot API cannot read a body of type "${contentType}"`);
  return parseMultipart(await collect(body as AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | Uint8Array), boundary);
}

async function collect(body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | Uint8Array): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Parameters whose multipart value is JSON (grammY serialises objects); every other value is text. */
const JSON_PARAMETERS = new Set(["reply_markup", "entities", "caption_entities", "reply_parameters", "link_preview_options", "media"]);

/**
 * The multipart/form-data body grammY writes: one part per parameter, one per file; a parameter whose
 * value is "attach://<name>" refers to the file part of that name and is replaced by the file.
 */
function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const files = new Map<string, LocalFile>();
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    // Each part sits between "\r\n" after the delimiter and "\r\n" before the next one.
    const part = body.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, headerEnd).toString("utf8");
    const content = part.subarray(headerEnd + 4);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    const filename = /filename="?([^";\r\n]*)"?/i.exec(headers)?.[1];
    if (name !== undefined && filename !== undefined) files.set(name, { filename, bytes: Buffer.from(content) });
    else if (name !== undefined) {
      const text = content.toString("utf8");
      fields[name] = JSON_PARAMETERS.has(name) ? JSON.parse(text) : text;
    }
    start = next;
  }
  for (const [name, value] of Object.entries(fields)) {
    const attached = typeof value === "string" && value.startsWith("attach://") ? files.get(value.slice("attach://".length)) : undefined;
    if (attached) fields[name] = attached;
  }
  return fields;
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
}

export function localBotInfo(username: string): UserFromGetMe {
  return {
    id: 1,
    is_bot: true,
    first_name: "Мүмкіндік",
    username,
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  } as UserFromGetMe;
}
