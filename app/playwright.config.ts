import { defineConfig } from "@playwright/test";

// The browser test needs a node with the suite deployed (scripts/e2e-node runs it). Debian's
// Chromium, headless; the page is the production build served by `vite preview`.
export default defineConfig({
  testDir: "e2e",
  timeout: 180_000,
  workers: 1,
  use: {
    baseURL: "http://127.0.0.1:4173",
    launchOptions: { executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" },
    headless: true,
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "npx vite preview --port 4173 --strictPort --host 127.0.0.1",
    url: "http://127.0.0.1:4173",
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
