import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { App } from "../app";
import type { RunningChannel } from "./channel";

/** What /healthz answers: 200 when the database answers and every channel is up, else 503. */
export interface HealthReport {
  ok: boolean;
  database: "ok" | "unreachable";
  channels: Record<string, "up" | "down">;
}

export type HealthCheck = () => HealthReport;

export function healthOf(app: App, channels: () => RunningChannel[]): HealthCheck {
  return () => {
    let database: HealthReport["database"] = "ok";
    try {
      app.store.db.$client.prepare("SELECT 1").get();
    } catch {
      database = "unreachable";
    }
    const states = Object.fromEntries(channels().map((channel) => [channel.name, channel.isUp?.() === false ? "down" : "up"] as const));
    return { ok: database === "ok" && Object.values(states).every((state) => state === "up"), database, channels: states };
  };
}

/** Answers GET /healthz and returns true; leaves any other request to the caller. */
export function answerHealth(request: IncomingMessage, response: ServerResponse, check: HealthCheck): boolean {
  if (request.method !== "GET" || new URL(request.url ?? "/", "http://localhost").pathname !== "/healthz") return false;
  const report = check();
  response.writeHead(report.ok ? 200 : 503, { "Content-Type": "application/json" }).end(JSON.stringify(report));
  return true;
}

export interface HttpServerHandle {
  port: number;
  stop(): Promise<void>;
}

export async function listen(server: Server, port: number, host: string): Promise<HttpServerHandle> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/** A server of /healthz alone (HEALTH_PORT), for a supervisor or load balancer in either mode. */
export function startHealthServer(port: number, host: string, check: HealthCheck): Promise<HttpServerHandle> {
  return listen(
    createServer((request, response) => {
      if (!answerHealth(request, response, check)) response.writeHead(404).end();
    }),
    port,
    host,
  );
}
