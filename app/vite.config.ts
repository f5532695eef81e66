/// <reference types="vitest" />
import { defineConfig } from "vite";

// Vitest runs the unit tests only; the browser test in e2e/ is Playwright's (scripts/e2e-node).
export default defineConfig({
  test: { include: ["test/**/*.test.ts"] },
});
