import { PassThrough } from "node:stream";
import { Api, InputFile } from "grammy";
import { afterEach, describe, expect, test } from "vitest";
import { startConsole } from "../../src/channels/console";
import { LocalTransport, type OutboundMessage } from "../../src/channels/local-transport";
import { TestClock } from "../support/clock";
import { DEFAULT_NOW } from "../support/fixtures";
import { TestBot } from "../support/harness";

let testBot: TestBot | undefined;
afterEach(() => testBot?.destroy());

function transportRecording(sent: OutboundMessage[]): LocalTransport {
  return new LocalTransport({ channel: "test", clock: new TestClock(DEFAULT_NOW), deliver: (message) => void sent.push(message) });
}

describe("sendDocument on the in-process Bot API", () => {
  test("grammY's multipart upload arrives as the file's name and exact bytes, with the caption and the keyboard", async () => {
    const sent: OutboundMessage[] = [];
    const api = new Api("123:TEST", { fetch: transportRecording(sent).fetch });
    const bytes = Buffer.from(JSON.stringify({ имя: "Әсем Ұлы", iin: "881202400564" }, null, 2), "utf8");

    const message = await api.sendDocument(42, new InputFile(bytes, "mumkindik-my-data-2026-12-01.json"), {
      caption: "Копия — көшірме",
      reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] },
    });

    expect(sent).toEqual([
      {
        chatId: 42,
        messageId: 1,
        text: "Копия — көшірме",
        replyMarkup: { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] },
        edited: false,
        document: { filename: "mumkindik-my-data-2026-12-01.json", bytes },
      },
    ]);
    expect(message.document).toMatchObject({ file_name: "mumkindik-my-data-2026-12-01.json", file_size: bytes.length });
    expect(message.caption).toBe("Копия — көшірме");
  });

  test("binary content, a boundary-like line inside the file and a file without caption survive intact", async () => {
    const sent: OutboundMessage[] = [];
    const api = new Api("123:TEST", { fetch: transportRecording(sent).fetch });
    const bytes = Buffer.concat([Buffer.from([0, 255, 13, 10, 45, 45]), Buffer.from("\r\n--not-the-boundary\r\n"), Buffer.alloc(70_000, 7)]);

    await api.sendDocument(42, new InputFile(bytes, "data.bin"));

    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toBe("");
    expect(sent[0]!.document!.filename).toBe("data.bin");
    expect(sent[0]!.document!.bytes.equals(bytes)).toBe(true);
  });

  test("a document named by file_id or URL is refused loudly: a local channel never had that file", async () => {
    const api = new Api("123:TEST", { fetch: transportRecording([]).fetch });
    await expect(api.sendDocument(42, "BQACAgIAAxkBAAIBfile")).rejects.toThrow(/needs the file itself/);
  });

  test("the console prints a sent file as [file: name, N bytes]", async () => {
    testBot = await TestBot.start();
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk) => (printed += String(chunk)));
    const running = await startConsole(testBot.app, input as unknown as typeof process.stdin, output as unknown as typeof process.stdout);

    await testBot.app.channelApis.get("console")!.sendDocument(100_001, new InputFile(Buffer.from("{}\n"), "copy.json"), { caption: "Копия" });

    expect(printed).toContain("\nКопия\n[file: copy.json, 3 bytes]\n");
    await running.stop();
    input.end();
  });
});
