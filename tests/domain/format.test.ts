import { afterEach, describe, expect, test } from "vitest";
import { formatDateTime, formatDay } from "../../src/domain/format";

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
