import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // the e2e suites run the whole example study in beforeAll: allow for a loaded machine
    hookTimeout: 180_000,
    reporters: ["default"],
  },
});
