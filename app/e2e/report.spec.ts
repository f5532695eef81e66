// A contributor sends its monthly report from the app and replaces it before the deadline, each
// checked against the pool's stored submission; a bad report is refused in words before the
// wallet is asked. The deployment's months are 20-second periods (deploy/config/local-node.toml):
// the test waits for a moment when the open month has most of its window left.

import { expect, test } from "@playwright/test";
import { ApiPromise, WsProvider } from "@polkadot/api";
import { ContractPromise } from "@polkadot/api-contract";
import { readFileSync } from "node:fs";
import { waitInPeriod } from "./clock";
import { injectWallet, pairs } from "./wallet";

const manifest = JSON.parse(readFileSync("public/manifest.json", "utf8"));
const meta = (name: string) => JSON.parse(readFileSync(`public/metadata/${name}.json`, "utf8"));

function text(hex: unknown): string {
  return Buffer.from(String(hex).slice(2), "hex").toString("utf8");
}

test("a contributor sends its report, then replaces it before the deadline", async ({ page }) => {
  const api = await ApiPromise.create({ provider: new WsProvider(manifest.target) });
  const [pair] = pairs(["//Ambassador1"]);
  const pool = new ContractPromise(api, meta("reward_pool"), manifest.addresses.reward_pool);
  const registry = new ContractPromise(api, meta("registry"), manifest.addresses.registry);
  const gasLimit = api.registry.createType("WeightV2", (api.consts.system.blockWeights as unknown as { maxBlock: unknown }).maxBlock) as never;
  const member = ((await registry.query.memberIdOf(pair.address, { gasLimit }, pair.address)).output?.toJSON() as { ok: number }).ok;
  await injectWallet(page, api, [{ pair, name: "ambassador" }]);

  // A moment when the current period is 10–12 s old: the previous month's reports have just
  // closed and the current month has 18–20 s of its window left.
  await waitInPeriod(api, manifest.calendar, (into) => into >= 10_000 && into < 12_000);
  await page.goto("/#report");
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await expect(page.locator("#member")).toContainText(`Member ${member}`, { timeout: 60_000 });
  await expect(page.locator("#report-window")).toContainText("Deadline in");
  const heading = await page.locator("#report-body h3").textContent();
  const month = Number(heading?.match(/period (\d+)/)?.[1]);

  // One department only: refused in words, nothing signed.
  await page.getByLabel("Marketing", { exact: true }).check();
  await page.getByLabel("Marketing effort").fill("15");
  await page.getByLabel("Marketing results").fill("12");
  await page.getByLabel(/^Evidence/).fill("https://github.com/program/issues/7");
  await page.getByRole("button", { name: "Send my report" }).click();
  await expect(page.locator("#report-problems")).toContainText("Choose at least two departments.");

  await page.getByLabel("Content creation", { exact: true }).check();
  await page.getByLabel("Content creation effort").fill("10");
  await page.getByLabel("Content creation results").fill("9");
  await page.screenshot({ path: "test-results/report.png", fullPage: true });
  await page.getByRole("button", { name: "Send my report" }).click();
  await expect(page.locator("#progress")).toContainText(/Report sent: (in a block|finalized)/, { timeout: 30_000 });
  const stored = async () =>
    ((await pool.query.submission(pair.address, { gasLimit }, month, member)).output?.toJSON() as { ok: { evidenceRef: string; suggested: Array<{ effort: number }> } | null }).ok;
  expect(text((await stored())?.evidenceRef)).toBe("https://github.com/program/issues/7");

  // The page now says the report may be replaced, and replacing it changes the stored one.
  await expect(page.getByRole("button", { name: "Replace my report" })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel(/^Evidence/).fill("ipfs://bafy-month-report");
  await page.getByLabel("Marketing effort").fill("16");
  await page.getByRole("button", { name: "Replace my report" }).click();
  await expect(page.locator("#progress")).toContainText(/Report replaced: (in a block|finalized)/, { timeout: 30_000 });
  const replaced = await stored();
  expect(text(replaced?.evidenceRef)).toBe("ipfs://bafy-month-report");
  expect(replaced?.suggested.map((s) => s.effort)).toEqual([16, 10]);

  await page.setViewportSize({ width: 360, height: 780 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/report-phone.png", fullPage: true });
  await api.disconnect();
});
