import { describe, expect, test } from "vitest";
import { t } from "./i18n";

describe("the tests' t()", () => {
  test("renders a message as the bot does, without Unicode isolation marks around the values", () => {
    expect(t("ru", "phone-saved", { phone: "+7 701 234 56 78" })).toBe("Номер +7 701 234 56 78 записан.");
    expect(t("kk", "appointments-heading", { count: 2 })).not.toMatch(/[\u2068\u2069]/);
  });

  test("refuses a key the locale files do not have, so that no test passes on a fallback", () => {
    expect(() => t("kk", "no-such-message")).toThrow('locales/kk has no message "no-such-message"');
  });

  test("refuses a variable the message needs and was not given, and one it does not use", () => {
    expect(() => t("ru", "phone-saved")).toThrow('"phone-saved" in ru uses the variables [phone], the test gave []');
    expect(() => t("ru", "welcome", { name: "Иван" })).toThrow('"welcome" in ru uses the variables [], the test gave [name]');
  });
});
