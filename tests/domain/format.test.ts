import { afterEach, describe, expect, it, test } from "vitest";
import { formatDateTime, formatDay, formatDayInSentence } from "../../src/domain/format";

const ALMATY = "Asia/Almaty";
const Original = Intl.DateTimeFormat;
let built = 0;

afterEach(() => {
  Intl.DateTimeFormat = Original;
});

function countFormattersBuilt(): void {
  built = 0;
  Intl.DateTimeFormat = class extends Original {
    constructor(...args: ConstructorParameters<typeof Original>) {
      super(...args);
      built += 1;
    }
  } as typeof Intl.DateTimeFormat;
}

describe("dates on buttons and in messages", () => {
  test("a slot is shown in the clinic's time, in either language", () => {
    expect(formatDateTime("2026-12-02T09:00:00.000Z", "ru", ALMATY)).toBe("ср, 2 декабря, 14:00");
    expect(formatDay("2026-12-02", "ru", ALMATY)).toBe("ср, 2 декабря");
  });

  test("a two-week day keyboard shown again and again builds no new date formatter", () => {
    const days = Array.from({ length: 14 }, (_, index) => `2026-12-${String(index + 1).padStart(2, "0")}`);
    days.forEach((day) => formatDateTime(`${day}T09:00:00.000Z`, "kk", ALMATY));
    countFormattersBuilt();
    for (let shown = 0; shown < 5; shown += 1) days.forEach((day) => formatDateTime(`${day}T09:00:00.000Z`, "kk", ALMATY));
    expect(built).toBe(0);
  });
});

/** Monday 30 November to Sunday 6 December 2026. */
const WEEK = ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"];

describe("a day as the patient reads it", () => {
  it("is a short weekday in Russian and a full one in Kazakh, then the day and month", () => {
    expect(WEEK.map((day) => formatDay(day, "ru", ALMATY))).toEqual([
      "пн, 30 ноября",
      "вт, 1 декабря",
      "ср, 2 декабря",
      "чт, 3 декабря",
      "пт, 4 декабря",
      "сб, 5 декабря",
      "вс, 6 декабря",
    ]);
    expect(WEEK.map((day) => formatDay(day, "kk", ALMATY))).toEqual([
      "дүйсенбі, 30 қараша",
      "сейсенбі, 1 желтоқсан",
      "сәрсенбі, 2 желтоқсан",
      "бейсенбі, 3 желтоқсан",
      "жұма, 4 желтоқсан",
      "сенбі, 5 желтоқсан",
      "жексенбі, 6 желтоқсан",
    ]);
  });

  it("inside a sentence is 'в среду, 2 декабря' in Russian (the accusative) and '2 желтоқсан, сәрсенбі күні' in Kazakh", () => {
    expect(WEEK.map((day) => formatDayInSentence(day, "ru", ALMATY))).toEqual([
      "в понедельник, 30 ноября",
      "во вторник, 1 декабря",
      "в среду, 2 декабря",
      "в четверг, 3 декабря",
      "в пятницу, 4 декабря",
      "в субботу, 5 декабря",
      "в воскресенье, 6 декабря",
    ]);
    expect(formatDayInSentence("2026-12-02", "kk", ALMATY)).toBe("2 желтоқсан, сәрсенбі күні");
    expect(formatDayInSentence("2026-12-06", "kk", ALMATY)).toBe("6 желтоқсан, жексенбі күні");
  });

  it("of an instant is the clinic's day: 23:30 UTC on Tuesday is already Wednesday in Almaty", () => {
    expect(formatDay("2026-12-01T23:30:00.000Z", "ru", ALMATY)).toBe("ср, 2 декабря");
    expect(formatDayInSentence("2026-12-01T23:30:00.000Z", "ru", ALMATY)).toBe("в среду, 2 декабря");
    expect(formatDateTime("2026-12-01T23:30:00.000Z", "kk", ALMATY)).toBe("сәрсенбі, 2 желтоқсан, 04:30");
  });
});
