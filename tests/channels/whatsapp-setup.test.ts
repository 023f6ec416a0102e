import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { PROJECT_ROOT } from "../../src/paths";
import { EventEmitter } from "node:events";
import { createWhatsAppClient, reportBrowserCrashes } from "../../src/channels/whatsapp/real-client";
import { ConfigError, loadConfig } from "../../src/config";

describe("WhatsApp settings", () => {
  test("WhatsApp is off unless WHATSAPP_ENABLED=true; then the session folder and Chromium have defaults", () => {
    expect(loadConfig({}).whatsapp).toBeUndefined();
    expect(loadConfig({ WHATSAPP_ENABLED: "false" }).whatsapp).toBeUndefined();
    expect(loadConfig({ WHATSAPP_ENABLED: "true" }).whatsapp).toEqual({ sessionPath: "data/wwebjs", chromiumPath: "/usr/bin/chromium", pairingNumber: undefined });
    expect(
      loadConfig({
        WHATSAPP_ENABLED: "true",
        WHATSAPP_SESSION_PATH: "/var/lib/mumkindik/wwebjs",
        PUPPETEER_EXECUTABLE_PATH: "/usr/lib/chromium/chromium",
        WHATSAPP_PAIRING_NUMBER: "77012345678",
      }).whatsapp,
    ).toEqual({ sessionPath: "/var/lib/mumkindik/wwebjs", chromiumPath: "/usr/lib/chromium/chromium", pairingNumber: "77012345678" });
  });

  test("a mistyped switch or pairing number is named in the start-up message", () => {
    let problems: string[] = [];
    try {
      loadConfig({ WHATSAPP_ENABLED: "yes", WHATSAPP_PAIRING_NUMBER: "+7 701 234 56 78" });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      "WHATSAPP_ENABLED must be true or false",
      "WHATSAPP_PAIRING_NUMBER must be the fund's number in international form, digits only (for example 77012345678)",
    ]);
  });
});

describe("installing and loading whatsapp-web.js", () => {
  test(".puppeteerrc.cjs stops puppeteer's browser download and points it at the system's Chromium", () => {
    const require = createRequire(import.meta.url);
    const path = join(PROJECT_ROOT, ".puppeteerrc.cjs");
    const saved = process.env.PUPPETEER_EXECUTABLE_PATH;
    try {
      delete process.env.PUPPETEER_EXECUTABLE_PATH;
      delete require.cache[path];
      expect(require(path)).toEqual({ skipDownload: true, executablePath: "/usr/bin/chromium" });
      process.env.PUPPETEER_EXECUTABLE_PATH = "/opt/chromium/chrome";
      delete require.cache[path];
      expect(require(path)).toEqual({ skipDownload: true, executablePath: "/opt/chromium/chrome" });
    } finally {
      if (saved === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH;
      else process.env.PUPPETEER_EXECUTABLE_PATH = saved;
      delete require.cache[path];
    }
  });

  test("no source file loads whatsapp-web.js or qrcode-terminal statically: a Telegram-only start never touches them", () => {
    const sources = (directory: string): string[] =>
      readdirSync(directory).flatMap((name) => {
        const path = join(directory, name);
        return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
      });
    const staticImports = sources(join(PROJECT_ROOT, "src")).flatMap((path) =>
      [...readFileSync(path, "utf8").matchAll(/^\s*import\s+(?!type\b)[^;]*?from\s+"(whatsapp-web\.js|qrcode-terminal)"/gm)].map(() => path),
    );
    expect(staticImports).toEqual([]);
    const package_ = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as Record<string, Record<string, string>>;
    expect(Object.keys(package_.optionalDependencies ?? {})).toEqual(expect.arrayContaining(["whatsapp-web.js", "qrcode-terminal"]));
    expect(package_.dependencies?.["whatsapp-web.js"]).toBeUndefined();
  });
});

describe("the real client (constructed, never started: no browser, no network)", () => {
  let directory: string | undefined;
  afterEach(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
    directory = undefined;
  });

  test("LocalAuth keeps the session in the configured folder (made private), Chromium is the configured one, headless", async () => {
    directory = mkdtempSync(join(tmpdir(), "mumkindik-wa-"));
    const sessionPath = join(directory, "wwebjs");
    const printed: string[] = [];
    const { client } = await createWhatsAppClient(
      { sessionPath, chromiumPath: "/opt/chromium/chrome", pairingNumber: undefined },
      { write: (text: string) => printed.push(text) > 0 },
    );
    const real = client as unknown as {
      options: { puppeteer: { executablePath: string; headless: boolean; args: string[] }; webVersionCache: { type: string; path: string }; pairWithPhoneNumber: { phoneNumber: string } };
      authStrategy: { constructor: { name: string }; dataPath: string };
      emit(event: string, ...args: unknown[]): boolean;
    };
    expect(real.authStrategy.constructor.name).toBe("LocalAuth");
    expect(real.authStrategy.dataPath).toBe(resolve(sessionPath));
    expect(statSync(sessionPath).mode & 0o777).toBe(0o700);
    expect(real.options.webVersionCache).toEqual({ type: "local", path: join(resolve(sessionPath), "web-cache") });
    expect(real.options.puppeteer.executablePath).toBe("/opt/chromium/chrome");
    expect(real.options.puppeteer.headless).toBe(true);
    expect(real.options.puppeteer.args.includes("--no-sandbox")).toBe(process.getuid?.() === 0);
    expect(real.options.pairWithPhoneNumber.phoneNumber).toBe("");
    expect(Object.hasOwn(client, "destroy")).toBe(true); // wrapped by reportBrowserCrashes

    real.emit("qr", "2@Wc9m1cQvW7y1b2x3,abc=,def=,ghi=,1");
    expect(printed.join("")).toMatch(/WhatsApp: scan this code with the fund's phone[^]*[▀▄█]/);
  });

  test("with WHATSAPP_PAIRING_NUMBER the client links by a pairing code, printed in the terminal", async () => {
    directory = mkdtempSync(join(tmpdir(), "mumkindik-wa-"));
    const printed: string[] = [];
    const { client, media } = await createWhatsAppClient(
      { sessionPath: join(directory, "wwebjs"), chromiumPath: "/usr/bin/chromium", pairingNumber: "77012345678" },
      { write: (text: string) => printed.push(text) > 0 },
    );
    const real = client as unknown as { options: { pairWithPhoneNumber: { phoneNumber: string } }; emit(event: string, ...args: unknown[]): boolean };
    expect(real.options.pairWithPhoneNumber.phoneNumber).toBe("77012345678");
    real.emit("code", "ABCD1234");
    expect(printed.join("")).toContain("WhatsApp pairing code: ABCD1234");
    // Files go out as whatsapp-web.js's own MessageMedia.
    expect(media({ mimetype: "application/json", data: "e30=", filename: "data.json" }).constructor.name).toBe("MessageMedia");
  });

  test("a Chromium that dies by itself is reported as a disconnection (so the channel starts again); one closed by destroy() is not", async () => {
    const closeBrowser = (browser: EventEmitter) => browser.emit("disconnected");
    const holder = Object.assign(new EventEmitter(), {
      pupBrowser: new EventEmitter(),
      destroy: async () => void closeBrowser(holder.pupBrowser),
    });
    reportBrowserCrashes(holder);
    const reasons: string[] = [];
    holder.on("disconnected", (reason: string) => reasons.push(reason));

    holder.emit("ready");
    await holder.destroy();
    expect(reasons).toEqual([]);

    holder.pupBrowser = new EventEmitter(); // initialize() again: a new browser
    holder.emit("ready");
    closeBrowser(holder.pupBrowser); // killed from outside
    expect(reasons).toEqual(["BROWSER_CLOSED"]);
  });
});
