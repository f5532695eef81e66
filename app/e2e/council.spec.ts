// A council of three (Alice, Bob, Charlie; two approvals carry, 1 s timelock) funds and then
// finalizes a month through the Council screen, each proposal approved from a second wallet and
// executed from a third after its timelock; the member who reported that month then claims it on
// My months, its balance rising by exactly the previewed amount. The deployment is a fresh one
// beside the main demo (scripts/e2e-node deploys it and serves it at ?deployment=council), so its
// first finalize may be any month. The report and the reviewer's score are sent by the test with
// dev keys: the Report and Review screens have their own tests.

import { expect, test } from "@playwright/test";
import { bytes } from "../src/program";
import { chainNow, waitInPeriod } from "./clock";
import { connect, freeOf, manifestOf, paidInBestBlock, read, send } from "./fixtures";
import { actAs, approveAndExecute, loaded, openApp, waitUntil } from "./steps";
import { pairs } from "./wallet";

test("a council funds and finalizes a month in the page, and the member claims it", async ({ page }) => {
  const manifest = manifestOf("council");
  const s = await connect(manifest);
  const [alice, bob, charlie, member, eve] = pairs(["//Alice", "//Bob", "//Charlie", "//Ambassador1", "//Eve"]);
  const id = await read<number>(s, s.registry, "memberIdOf", member.address);

  // The member reports early in month K.
  await waitInPeriod(s.api, manifest.calendar, (into) => into >= 500 && into < 6_000);
  const month = Math.floor(((await chainNow(s.api)) - manifest.calendar.start_ms) / manifest.calendar.period_ms);
  await send(s, s.pool, member, "submit", month, ["Marketing", "ContentCreation"], [{ effort: 14, results: 12 }, { effort: 9, results: 8 }], bytes("https://github.com/program/issues/11"));
  const dates = await read<{ deadline: number; scoresFinal: number }>(s, s.pool, "monthDates", month);

  await openApp(page, s, "/?deployment=council#council", [
    [alice, "alice"],
    [bob, "bob"],
    [charlie, "charlie"],
    [member, "member"],
  ]);
  await actAs(page, alice, "Council", "You sit on the council");

  // The reviewer scores the report once the deadline has passed (its review window is short).
  await waitUntil(s, dates.deadline + 500);
  await send(s, s.pool, eve, "score", month, [[id, [["Basic", { effort: 18, results: 17 }], ["Marketing", { effort: 15, results: 13 }], ["ContentCreation", { effort: 10, results: 9 }]], bytes("evidence checked")]]);

  // Alice proposes funding the month with what its pool still needs (the form fills it in).
  const before = Number(await read<number>(s, s.governor, "proposalCount"));
  await page.locator("#proposal-description").fill(`https://forum.example/fund-${month}`);
  await page.locator("#fund-amount").fill("");
  await page.locator("#fund-month").fill(String(month));
  await page.locator("#fund-month").dispatchEvent("change");
  await expect(page.locator("#fund-amount")).not.toHaveValue("");
  await expect(page.locator("#fund-need")).toContainText("more fills it");
  await page.getByRole("button", { name: "Propose funding" }).click();
  await expect(page.locator("#progress")).toContainText(/Funding proposed: (in a block|finalized)/, { timeout: 60_000 });
  await approveAndExecute(page, s, { bob, charlie }, before, `Fund period ${month} with`);
  const funded = await read<{ funded: number | string }>(s, s.pool, "month", month);
  const pool = BigInt(String(await read<number | string>(s, s.pool, "finalizePreview", month)));
  expect(BigInt(String(funded.funded))).toBeGreaterThanOrEqual(pool);

  // Once the scores are final, Alice proposes the finalize with the pool the page read.
  await waitUntil(s, dates.scoresFinal + 500);
  await actAs(page, alice, "Council", "You sit on the council");
  await page.locator("#proposal-description").fill(`https://forum.example/finalize-${month}`);
  await page.locator("#finalize-month").fill(String(month));
  await page.locator("#finalize-month").dispatchEvent("change");
  await expect(page.locator("#finalize-preview")).toContainText(`period ${month}: pool`);
  // The slices and the carry, before anyone signs: the departments the member was scored in.
  await expect(page.locator("#finalize-preview")).toContainText(/Shared out: Basic .*Marketing .*Content creation .*; carried into the next month/);
  await page.screenshot({ path: "test-results/council-propose.png", fullPage: true });
  await page.getByRole("button", { name: "Propose finalizing" }).click();
  await expect(page.locator("#progress")).toContainText(/Finalize proposed: (in a block|finalized)/, { timeout: 60_000 });
  await approveAndExecute(page, s, { bob, charlie }, before + 1, `Finalize period ${month} with a pool of`);
  const state = await read<{ finalized: unknown }>(s, s.pool, "month", month);
  expect(state.finalized).not.toBeNull();
  // The screen reloads after the execute: photograph it once loaded.
  await loaded(page);
  await expect(page.locator("#council-body")).toContainText("Executed", { timeout: 30_000 });
  await page.screenshot({ path: "test-results/council.png", fullPage: true });
  await page.setViewportSize({ width: 360, height: 780 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/council-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The lead's dashboard shows the month finalized, claims running.
  await page.getByRole("tab", { name: "Program" }).click();
  await expect(page.locator("#dashboard-body")).toContainText("Finalized:", { timeout: 30_000 });
  await page.screenshot({ path: "test-results/program.png", fullPage: true });

  // The member claims the month it reported.
  await actAs(page, member, "My months", "My months");
  const box = page.getByRole("checkbox", { name: `Claim period ${month}` });
  await expect(box).toBeChecked({ timeout: 60_000 });
  const preview = await read<Array<{ total: number | string; status: string }>>(s, s.pool, "preview", id, [month]);
  expect(preview[0].status).toBe("Claimable");
  const owed = BigInt(String(preview[0].total));
  expect(owed).toBeGreaterThan(0n);
  const balance = await freeOf(s, member.address);
  await page.getByRole("button", { name: "Claim selected months" }).click();
  await expect(page.locator("#progress")).toContainText("Months claimed", { timeout: 60_000 });
  expect((await freeOf(s, member.address)) - balance + (await paidInBestBlock(s.api, member.address))).toBe(owed);
  await s.api.disconnect();
});
