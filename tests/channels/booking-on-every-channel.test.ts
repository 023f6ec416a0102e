import { afterEach, describe, expect, test } from "vitest";
import { ALL_CHANNELS, type Driver } from "./drivers";
import { describeAction, SCENARIOS } from "./dialogue-table";

let driver: Driver | undefined;
afterEach(() => {
  driver?.destroy();
  driver = undefined;
});

describe.each(ALL_CHANNELS)("the booking dialogue on $name", (channel) => {
  test.each(SCENARIOS)("$name", async (scenario) => {
    driver = await channel.start();
    for (const [index, step] of scenario.steps.entries()) {
      const action = step.do;
      const replies =
        "choose" in action ? await driver.choose(action.choose) : "type" in action ? await driver.type(action.type) : await driver.shareOwnPhone();
      expect(replies, `step ${index + 1}: the patient ${describeAction(action)}`).toEqual(step.expect);
    }
    if (scenario.staff) {
      const expected = scenario.staff.map((text) => text.replace("(Telegram)", `(${driver!.channel})`));
      expect(await driver.testBot.staffMessages()).toEqual(expected);
    }
  });
});
