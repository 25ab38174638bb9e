import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit tests and the engine's real-socket tests. Playwright owns tests/e2e.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/engine/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // "server-only" throws outside React Server Components; in tests it is an empty module.
    alias: { "server-only": path.resolve(import.meta.dirname, "tests/fixtures/empty-module.ts") },
  },
});
