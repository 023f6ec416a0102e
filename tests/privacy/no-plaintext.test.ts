import { readFileSync, existsSync } from "node:fs";
import { afterEach, expect, test } from "vitest";
import { TestBot } from "../support/harness";

let testBot: TestBot | undefined;
afterEach(() => testBot?.destroy());

const IIN = "881202400564";
const NAME_WORDS = ["Жұмабекова", "Әсем", "Серікқызы"];
const PHONE_DIGITS = "7771234567";

async function bookAsAsem(bot: TestBot): Promise<void> {
  const chat = bot.chat({ id: 4242 });
  await chat.send("/start");
  await chat.press("Русский");
  await chat.press("✅ Согласен(на)");
  await chat.press("Да, согласен(на)");
  await chat.press("Я сам(а)");
  await chat.send("8812 0240 0564");
  await chat.send(NAME_WORDS.join(" "));
  await chat.send("+7 777 123 45 67");
  let replies = await chat.press("Консультация невролога");
  for (let step = 0; step < 3; step += 1) replies = await chat.press(replies.at(-1)!.buttons![0]![0]!);
  const confirmation = await chat.press("✅ Подтвердить");
  expect(confirmation[0]!.text).toMatch(/^Вы записаны!/);
  expect(await bot.staffMessages()).toHaveLength(1);
}

/** Every way the strings could be spelled in the file: UTF-8 and UTF-16 (SQLite may use either). */
function spellings(value: string): Buffer[] {
  return [Buffer.from(value, "utf8"), Buffer.from(value, "utf16le")];
}

function filesOf(bot: TestBot): Buffer[] {
  return [bot.databasePath, `${bot.databasePath}-wal`, `${bot.databasePath}-shm`].filter(existsSync).map((path) => readFileSync(path));
}

test("after a full booking neither the SQLite file nor its WAL holds the IIN, the name or the phone", async () => {
  testBot = await TestBot.start({ file: true });
  await bookAsAsem(testBot);
  const files = filesOf(testBot);
  expect(files.length).toBeGreaterThanOrEqual(2);
  for (const secret of [IIN, ...NAME_WORDS, PHONE_DIGITS, "8812******64", "+77771234567"]) {
    for (const file of files) for (const spelling of spellings(secret)) expect(file.includes(spelling), `found "${secret}"`).toBe(false);
  }
});

test("the check above can fail: the same strings written in plain text are found", async () => {
  testBot = await TestBot.start({ file: true });
  testBot.app.store.db.$client.prepare("insert into clinic_info (key, value) values ('canary', ?)").run(`${IIN} ${NAME_WORDS.join(" ")}`);
  const files = filesOf(testBot);
  expect(files.some((file) => file.includes(Buffer.from(IIN, "utf8")))).toBe(true);
});

test("the log of a full booking holds no message text, IIN, name or phone", async () => {
  testBot = await TestBot.start();
  await bookAsAsem(testBot);
  const log = testBot.logLines.join("");
  expect(log).toContain("booking confirmed");
  for (const secret of [IIN, "8812 0240 0564", ...NAME_WORDS, PHONE_DIGITS, "+7 777 123 45 67", "Консультация невролога"]) {
    expect(log.includes(secret), `log contains "${secret}"`).toBe(false);
  }
});
