import { afterEach, describe, expect, test } from "vitest";
import { ALL_CHANNELS, perform, type Driver } from "../support/drivers";
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
      expect(await perform(driver, step.do), `step ${index + 1}: the patient ${describeAction(step.do)}`).toEqual(step.expect);
    }
    if (scenario.staff) expect(await driver.testBot.staffMessages()).toEqual(scenario.staff(driver.channel));
  });
});
