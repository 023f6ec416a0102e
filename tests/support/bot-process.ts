import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../src/paths";

/** The bot as `npm start` runs it (the bundle built by the global setup), in a folder of its own. */
export interface BotProcess {
  child: ChildProcess;
  directory: string;
  stdout(): string;
  stderr(): string;
  /** Settles with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Waits until the output so far satisfies `condition` (bounded), for steps that depend on it. */
  until(condition: (output: { stdout: string; stderr: string }) => boolean, timeoutMs?: number): Promise<void>;
  /**
   * Sends `signal` in the same tick as the output that satisfies `condition` arrives, so a signal
   * at the earliest moment a person could send it is tested, not one 50 ms later.
   */
  signalWhen(condition: (output: { stdout: string; stderr: string }) => boolean, signal: NodeJS.Signals): void;
  /** Kills it if still running and removes its folder. */
  dispose(): void;
}

export function startBotProcess(env: Record<string, string> = {}, directory = mkdtempSync(join(tmpdir(), "mumkindik-process-"))): BotProcess {
  const child = spawn(process.execPath, ["dist/main.js"], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: directory, DATABASE_PATH: join(directory, "bot.sqlite"), LOG_LEVEL: "warn", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const watchers: Array<() => boolean> = [];
  const onOutput = () => watchers.splice(0, watchers.length, ...watchers.filter((pending) => !pending()));
  child.stdout.on("data", (chunk) => {
    stdout += String(chunk);
    onOutput();
  });
  child.stderr.on("data", (chunk) => {
    stderr += String(chunk);
    onOutput();
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    child,
    directory,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    until: async (condition, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!condition({ stdout, stderr })) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for the bot's output:\n${stdout}\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    signalWhen: (condition, signal) => {
      watchers.push(() => condition({ stdout, stderr }) && child.kill(signal));
      onOutput();
    },
    dispose: () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
