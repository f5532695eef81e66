// The program lead's month report: on the Program screen the last finalized month of the demo's
// deployment is offered; the report lists every member (one row each, as many as the registry
// holds) with points, share, reward, bonus, review and claim; its CSV download is byte for byte
// the deploy tool's (`suite month report <month> --csv`) read at the same time from the same chain.

import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, manifestOf, read } from "./fixtures";
import { actAs, openApp } from "./steps";
import { pairs } from "./wallet";

test("a lead reads a month's report in the page and downloads the deploy tool's CSV", async ({ page }) => {
  const s = await connect(manifestOf());
  const [lead] = pairs(["//Alice"]);
  await openApp(page, s, "/#dashboard", [[lead, "lead"]]);
  await actAs(page, lead, "Program", "Month report");
  const month = Number(await read<number | null>(s, s.pool, "lastFinalized"));
  await expect(page.locator("#report-month")).toHaveValue(String(month));
  await page.getByRole("button", { name: "Show the report" }).click();
  await expect(page.locator("#report-status")).toContainText("reports from", { timeout: 60_000 });
  const members = Number(await read<number>(s, s.registry, "memberCount"));
  await expect(page.locator("#report-table tbody tr")).toHaveCount(members);
  await expect(page.locator("#month-report")).toContainText("Pool shared out:");
  await page.screenshot({ path: "test-results/month-report.png", fullPage: true });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download .* as CSV/ }).click()]);
  const csv = readFileSync(await download.path(), "utf8");
  const out = join(mkdtempSync(join(tmpdir(), "report-")), "tool.csv");
  execFileSync("cargo", ["run", "--quiet", "-p", "deploy", "--bin", "suite", "--", "month", "report", String(month), "--manifest", "app/public/manifest.json", "--csv", out], {
    cwd: "..",
    stdio: ["ignore", "ignore", "inherit"],
  });
  expect(csv).toBe(readFileSync(out, "utf8"));
  expect(csv.trim().split("\n").length).toBe(members + 1);

  await page.setViewportSize({ width: 360, height: 780 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/month-report-phone.png", fullPage: true });
  await s.api.disconnect();
});
