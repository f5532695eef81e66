// A reviewer scores the month in review from the app: downloads the queue as a CSV, fills it the
// way reviewers work today (a spreadsheet; here the test edits the cells), loads it back (a bad
// row is reported by line before anything is signed), and sends the batch with one signature; the
// pool then holds the points and the reason. The report it scores is sent by the test itself
// (signed with the member's dev key), so the test runs alone too.

import { expect, test } from "@playwright/test";
import { ApiPromise, WsProvider } from "@polkadot/api";
import { ContractPromise } from "@polkadot/api-contract";
import { readFileSync, writeFileSync } from "node:fs";
import { byteArray, parseCsv } from "../src/program";
import { chainNow, waitInPeriod } from "./clock";
import { actAs } from "./steps";
import { injectWallet, pairs } from "./wallet";

const manifest = JSON.parse(readFileSync("public/manifest.json", "utf8"));
const meta = (name: string) => JSON.parse(readFileSync(`public/metadata/${name}.json`, "utf8"));

test("a reviewer scores a month's reports through the scoring sheet", async ({ page }) => {
  const api = await ApiPromise.create({ provider: new WsProvider(manifest.target) });
  const [member, reviewer] = pairs(["//Ambassador2", "//Eve"]);
  const pool = new ContractPromise(api, meta("reward_pool"), manifest.addresses.reward_pool);
  const registry = new ContractPromise(api, meta("registry"), manifest.addresses.registry);
  const gasLimit = api.registry.createType("WeightV2", (api.consts.system.blockWeights as unknown as { maxBlock: unknown }).maxBlock) as never;
  const id = ((await registry.query.memberIdOf(member.address, { gasLimit }, member.address)).output?.toJSON() as { ok: number }).ok;
  const { start_ms: start, period_ms: period } = manifest.calendar;

  // Early in a period P: the member reports for P - 1, whose deadline is 10 s into P.
  await waitInPeriod(api, manifest.calendar, (into) => into >= 500 && into < 4_000);
  const month = Math.floor(((await chainNow(api)) - start) / period) - 1;
  const args = [month, ["Marketing", "ContentCreation"], [{ effort: 14, results: 12 }, { effort: 9, results: 8 }], "https://github.com/program/issues/9"];
  const dry = await pool.query.submit(member.address, { gasLimit }, ...args);
  await new Promise<void>((resolve, reject) =>
    pool.tx
      .submit({ gasLimit: dry.gasRequired, storageDepositLimit: null }, ...args)
      .signAndSend(member, ({ status, dispatchError }) => {
        if (dispatchError) reject(new Error(dispatchError.toString()));
        if (status.isInBlock) resolve();
      })
      .catch(reject),
  );
  // The review window opens at the deadline.
  await waitInPeriod(api, manifest.calendar, (into) => into >= 10_500 && into < 16_000);

  await injectWallet(page, api, [
    { pair: reviewer, name: "reviewer" },
    { pair: member, name: "member" },
  ]);
  await page.goto("/");
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await expect(page.getByRole("tab", { name: "Review" })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("tab", { name: "Review" }).click();
  await expect(page.locator("#review-body h3")).toContainText(`period ${month}`);
  await expect(page.locator("#review-body")).toContainText(`Member ${id}`);
  await page.screenshot({ path: "test-results/review.png", fullPage: true });

  // The sheet out, filled, and back in (with one bad row, reported by its line).
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByText("Download the scoring sheet (CSV)").click()]);
  const rows = parseCsv(readFileSync(await download.path(), "utf8"));
  const header = rows[0];
  const sheetRow = rows.find((r) => r[0] === String(id));
  expect(sheetRow).toBeDefined();
  const set = (name: string, value: string) => (sheetRow![header.indexOf(name)] = value);
  set("basic_effort", "18");
  set("basic_results", "17");
  set("mk_effort", "15");
  set("mk_results", "13");
  set("cc_effort", "10");
  set("cc_results", "9");
  set("reason", "links open; only this month's work counts");
  const bad = [...sheetRow!];
  bad[0] = "99999";
  const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const filled = [header, sheetRow!, bad].map((r) => r.map(quote).join(",")).join("\n");
  const path = test.info().outputPath("filled.csv");
  writeFileSync(path, filled);
  await page.setInputFiles("#sheet-file", path);
  await expect(page.locator("#sheet-problems")).toContainText("Line 3 (member 99999): Member 99999 has no report this month.");
  await expect(page.locator("#progress")).toContainText("1 rows read into the queue");
  await page.screenshot({ path: "test-results/review-sheet-loaded.png", fullPage: true });

  await page.getByRole("button", { name: "Send the scores" }).click();
  await expect(page.locator("#progress")).toContainText(/Scores sent: (in a block|finalized)/, { timeout: 30_000 });
  const entry = (await pool.query.submission(reviewer.address, { gasLimit }, month, id)).output?.toJSON() as {
    ok: { points: unknown; reviews: Array<{ reasonRef: string }> };
  };
  // Basic 18+17, Marketing 15+13, Content creation 10+9, in department order.
  expect(byteArray(entry.ok.points)).toEqual([35, 0, 28, 19, 0, 0, 0]);
  expect(Buffer.from(entry.ok.reviews[0].reasonRef.slice(2), "hex").toString()).toBe("links open; only this month's work counts");

  await page.setViewportSize({ width: 360, height: 780 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/review-phone.png", fullPage: true });

  // The member reads the points per department and the reviewer's reason on My months.
  await page.setViewportSize({ width: 1280, height: 900 });
  await actAs(page, member, "My months", "My months");
  // The month's cell runs into the next one in the row's text ("period 6Basic …"): no \b.
  const row = page.locator("#months tr", { hasText: new RegExp(`period ${month}(?!\\d)`) });
  await expect(row).toContainText("Marketing 28/40", { timeout: 30_000 });
  await expect(row).toContainText("Reviewer: “links open; only this month's work counts”");
  await page.screenshot({ path: "test-results/my-months-reason.png", fullPage: true });
  await api.disconnect();
});
