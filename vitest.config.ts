import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/build-bundle.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
