import { afterEach, describe, expect, test } from "vitest";
import { ALIYA_ANSWERS, chatAt } from "../support/booking";
import { SERVICES } from "../support/fixtures";
import { TestBot } from "../support/harness";
import { t } from "../support/i18n";
import { R } from "../support/replies";

let testBot: TestBot;
afterEach(() => testBot.destroy());

// The example catalogue's speech therapy is for children: "ages": { "max": 17 }. Ivan is 36.
describe("a service meant for other ages", () => {
  test("an adult choosing speech therapy is asked first; 'Выбрать другую услугу' gives the services again", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "service");

    const range = t("ru", "service-ages-under", { limit: 18 });
    expect(await chat.press(SERVICES.speechTherapist.ru)).toEqual([
      {
        text: t("ru", "service-age-question", { service: SERVICES.speechTherapist.ru, range, age: 36 }),
        buttons: [[t("ru", "button-service-age-go-on")], [t("ru", "button-service-age-other")], [t("ru", "button-cancel")]],
      },
    ]);
    expect(chat.messages().at(-1)!.text).toContain("36 лет");
    expect(await chat.press(t("ru", "button-service-age-other"))).toEqual([R.askService]);
    await chat.press(SERVICES.pediatrician.ru);
    expect(chat.messages().at(-1)!.text).toBe(t("ru", "ask-doctor"));
  });

  test("in Kazakh, 'Иә, осы қызметке жазу' books the service all the same", async () => {
    testBot = await TestBot.start();
    const atService = await chatAt(testBot, "service");
    await atService.send("/lang");
    await atService.press(t("kk", "language-kk"));
    await atService.press(SERVICES.speechTherapist.kk);
    expect(atService.messages().at(-1)!.text).toBe(
      t("kk", "service-age-question", { service: SERVICES.speechTherapist.kk, range: t("kk", "service-ages-under", { limit: 18 }), age: 36 }),
    );
    await atService.press(t("kk", "button-service-age-go-on"));
    expect(atService.messages().at(-1)!.text).toMatch(/^Күнді таңдаңыз|^Маманды таңдаңыз/);
  });

  test("a child is not asked: the service is meant for her", async () => {
    testBot = await TestBot.start();
    const chat = await chatAt(testBot, "service", 101, ALIYA_ANSWERS);
    const replies = await chat.press(SERVICES.speechTherapist.ru);
    expect(replies.map((reply) => reply.text)).not.toContain(expect.stringContaining(SERVICES.speechTherapist.ru + " —"));
    expect(replies.at(-1)!.text).toMatch(/^Выберите (день|специалиста)/);
  });
});
