import { Writable } from "node:stream";
import { expect, test } from "vitest";
import { consoleLogPath, createConsoleChannelLogger } from "../../src/logger";

function collector(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join("").split("\n").filter(Boolean) };
}

const messageOf = (line: string): string => (JSON.parse(line) as { msg: string }).msg;

test("in the console channel the dialogue's terminal gets only warnings and errors; the file gets everything", () => {
  const file = collector();
  const terminal = collector();
  const logger = createConsoleChannelLogger("info", file.stream, terminal.stream);

  logger.info({ update: 1 }, "update handled");
  logger.warn("generated a development data key");
  logger.debug("below the level");

  expect(terminal.lines().map(messageOf)).toEqual(["generated a development data key"]);
  expect(file.lines().map(messageOf)).toEqual(["update handled", "generated a development data key"]);
});

test("a silent console log writes nothing anywhere", () => {
  const file = collector();
  const terminal = collector();
  const logger = createConsoleChannelLogger("silent", file.stream, terminal.stream);

  logger.error("not shown");

  expect([file.lines(), terminal.lines()]).toEqual([[], []]);
});

test("the console log lies beside the database", () => {
  expect(consoleLogPath("data/bot.sqlite")).toBe("data/console.log");
  expect(consoleLogPath("/var/lib/mumkindik/bot.sqlite")).toBe("/var/lib/mumkindik/console.log");
});
