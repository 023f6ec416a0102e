import type { UserFromGetMe } from "grammy/types";

/**
 * The Telegram Bot API is the port every channel implements (design.md). Channels that are not
 * Telegram carry out the subset of it the features use, in process, by handing grammY this `fetch`:
 * it sits below the conversations' replay, so each send happens exactly once.
 */

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export type ApiCallHandler = (call: ApiCall) => unknown | Promise<unknown>;

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
    const payload = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    try {
      return json({ ok: true, result: await handle({ method, payload }) });
    } catch (error) {
      const description = error instanceof Error ? error.message : String(error);
      return json({ ok: false, error_code: error instanceof UnsupportedMethodError ? 501 : 500, description });
    }
  }) as typeof fetch;
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
