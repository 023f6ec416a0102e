/**
 * The words a family reads, written out in both languages: who the specialist is (not always a doctor),
 * one verb for cancelling an appointment, and the Kazakh review's fixes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { chatAt, ivanWithBooking, speakKazakh } from "../support/booking";
import { CATALOG_PATH } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";

let testBot: TestBot;
afterEach(() => testBot.destroy());

describe("the words of a booking", () => {
  test("/appointments names the specialist, in Russian and in Kazakh, and offers moving and cancelling with one verb each", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);

    expect((await chat.send("/appointments"))[1]).toEqual({
      text: "№ B00001: ср, 2 декабря, 14:00\nКонсультация педиатра, специалист: Ахметова Айгуль Серикбаевна\nПациент: Иванов Иван Иванович",
      buttons: [["Перенести на другое время"], ["Отменить эту запись"]],
    });
    await speakKazakh(chat);
    expect((await chat.send("/appointments"))[1]).toEqual({
      text: "№ B00001: сәрсенбі, 2 желтоқсан, 14:00\nПедиатр кеңесі, маман: Ахметова Айгүл Серікбайқызы\nПациент: Иванов Иван Иванович",
      buttons: [["Басқа уақытқа ауыстыру"], ["Бұл жазылудан бас тарту"]],
    });
  });

  test("switching to Kazakh is answered naturally", async () => {
    testBot = await TestBot.start();
    const chat = testBot.chat({ id: 101 });

    await chat.send("/lang");
    expect(await chat.press("Қазақша")).toEqual([{ text: "Жақсы, енді қазақша сөйлесеміз." }]);
  });

  test("a correction in Kazakh asks 'Сақтайық па?'", async () => {
    testBot = await TestBot.start();
    const chat = await ivanWithBooking(testBot);
    await speakKazakh(chat);
    await chat.send("/edit");
    await chat.press("Т.А.Ә.");

    expect((await chat.send("Иванов Иван Петрович")).at(-1)?.text).toBe(
      "Түзетуді тексеріңізші (Иванов Иван Иванович):\nТ.А.Ә.: Иванов Иван Иванович → Иванов Иван Петрович\nСақтайық па?",
    );
  });
});

describe("the staff group's texts in Kazakh", () => {
  const facts = {
    number: "B00001",
    channel: "Telegram",
    service: "Педиатр кеңесі",
    doctor: "Ахметова Айгүл Серікбайқызы",
    date: "02.12.2026",
    time: "14:00",
    patient: "Иванов Иван Иванович",
    phone: "+7 701 234 56 78",
    iin: "9001******26",
  };

  test("a cancellation says whose booking it was, not 'patient B00001'", () => {
    expect(t("kk", "staff-cancelled", facts)).toBe(
      [
        "❌ B00001 жазылуынан пациент бас тартты (Telegram)",
        "Қызмет: Педиатр кеңесі",
        "Маман: Ахметова Айгүл Серікбайқызы",
        "Уақыты: 02.12.2026 14:00",
        "Пациент: Иванов Иван Иванович",
        "Телефон: +7 701 234 56 78",
        "ЖСН: 9001******26",
      ].join("\n"),
    );
  });

  test("a booking ended by an erasure uses the same verb", () => {
    const { number, channel, service, doctor, date, time } = facts;
    expect(t("kk", "staff-erased", { number, channel, service, doctor, date, time }).split("\n")[0]).toBe(
      "❌ B00001 жазылуынан бас тартылды: пациент өз деректерін жойды немесе келісімін кері қайтарды (Telegram)",
    );
  });

  test("the confirmation says what to bring as the fund's catalogue words it", async () => {
    const catalog = JSON.parse(readFileSync(CATALOG_PATH, "utf8")) as { clinic: { bring: { adult: { ru: string } } } };
    catalog.clinic.bring.adult.ru = "удостоверение личности и направление от участкового врача.";
    const folder = mkdtempSync(join(tmpdir(), "catalog-"));
    const path = join(folder, "catalog.json");
    writeFileSync(path, JSON.stringify(catalog));
    testBot = await TestBot.start({ catalogPath: path });
    const chat = await chatAt(testBot, "summary");
    const [booked] = await chat.press(t("ru", "button-confirm"));
    expect(booked!.text).toContain("С собой: удостоверение личности и направление от участкового врача.");
    rmSync(folder, { recursive: true, force: true });
  });
});
