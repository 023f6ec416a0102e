import { readFileSync, existsSync } from "node:fs";
import { afterEach, expect, test } from "vitest";
import { finishBooking, IVANOV, IVANOV_BOOKED, IVANOV_SUMMARY, startIn, type Answers } from "../support/booking";
import { DOCTORS, SERVICES } from "../support/fixtures";
import { TestBot } from "../support/harness";

let testBot: TestBot | undefined;
afterEach(() => testBot?.destroy());

const IIN = "881202400564";
const NAME_WORDS = ["Жұмабекова", "Әсем", "Серікқызы"];
const PHONE_DIGITS = "7771234567";

/** Әсем books herself with the neurologist; she also lets her data go to third parties. */
const ASEM: Answers = {
  ...IVANOV,
  iin: "8812 0240 0564",
  name: NAME_WORDS.join(" "),
  phone: "+7 777 123 45 67",
  service: SERVICES.neurologist.ru,
  doctor: undefined,
};

async function bookAsAsem(bot: TestBot): Promise<void> {
  const chat = bot.chat({ id: 4242 });
  await startIn(chat, "ru", { thirdParty: true });
  await finishBooking(chat, "who", {
    answers: ASEM,
    summary: { ...IVANOV_SUMMARY, name: ASEM.name, iin: "8812******64", phone: ASEM.phone, service: SERVICES.neurologist.ru, doctor: DOCTORS.nurlanov.name.ru },
    booked: { ...IVANOV_BOOKED, service: SERVICES.neurologist.ru, doctor: DOCTORS.nurlanov.name.ru },
  });
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
