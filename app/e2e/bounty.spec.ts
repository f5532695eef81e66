// A curator (Dave) proposes a bounty on the Bounties screen; the council approves and funds it on
// the Council screen (Alice proposes from "Waiting for the council", Bob approves, Charlie
// executes); the curator reports its milestone; the council approves the report the same way; the
// curator awards two members in one signature; after the payout delay each member claims its
// award on My months, its balance rising by exactly the award; a third award is cancelled by the
// council during its payout delay (the contract paused first) and the contract resumed from the
// Council screen's pause form. Each step is checked on chain. Runs
// on the fresh suite deployed for the council's test (?deployment=council).

import { expect, test } from "@playwright/test";
import { connect, freeOf, manifestOf, paidInBestBlock, read, send } from "./fixtures";
import { tick } from "./clock";
import { bytes } from "../src/program";
import { actAs, approveAndExecute, openApp, waitUntil } from "./steps";
import { pairs } from "./wallet";

const UNIT = (n: number, decimals: number) => BigInt(n) * 10n ** BigInt(decimals);

test("a curator runs a bounty the council approves, and two members claim its awards", async ({ page }) => {
  const manifest = manifestOf("council");
  const s = await connect(manifest);
  const d = manifest.token.decimals;
  const [dave, alice, bob, charlie, first, second] = pairs(["//Dave", "//Alice", "//Bob", "//Charlie", "//Ambassador1", "//Ambassador2"]);
  await openApp(page, s, "/?deployment=council#bounties", [
    [dave, "curator"],
    [alice, "alice"],
    [bob, "bob"],
    [charlie, "charlie"],
    [first, "first member"],
    [second, "second member"],
  ]);
  await actAs(page, dave, "Bounties", "Propose a bounty");

  // The curator proposes: one line of 1,000, one milestone of 100 %, a 2 % fee, last month's period.
  const id = (await bountyCount()) as number;
  await page.locator("#bounty-description").fill("https://forum.example/community-bounty");
  await page.locator("#bounty-from").fill("2026-11-01");
  await page.locator("#bounty-to").fill("2026-11-30");
  await page.getByLabel("Line 1: name").fill("weekly bounties");
  await page.getByLabel(/^Line 1: cap/).fill("1000");
  await page.getByLabel("Milestone 1: what it delivers").fill("https://forum.example/milestone-1");
  await page.getByLabel("Milestone 1: due date").fill("2026-12-31");
  await page.getByLabel("Milestone 1: share of the total in %").fill("100");
  await page.locator("#bounty-fee").fill("2");
  await page.screenshot({ path: "test-results/bounty-propose.png", fullPage: true });
  await page.getByRole("button", { name: "Propose the bounty" }).click();
  await expect(page.locator("#progress")).toContainText(/Bounty proposed .*: (in a block|finalized)/, { timeout: 60_000 });
  const proposed = await read<{ proposal: { total: number | string; status: string; feeBudget: number | string } }>(s, s.bounty, "report", id);
  expect(BigInt(String(proposed.proposal.total))).toBe(UNIT(1000, d));
  expect(proposed.proposal.status).toBe("Proposed");

  // The council approves and funds it from "Waiting for the council".
  let pid = Number(await read<number>(s, s.governor, "proposalCount"));
  await actAs(page, alice, "Council", "You sit on the council");
  await page.locator("#proposal-description").fill(`https://forum.example/approve-bounty-${id}`);
  await page.locator("#council-waiting li", { hasText: `Bounty ${id}:` }).getByRole("button", { name: /Propose approving/ }).click();
  await expect(page.locator("#progress")).toContainText(/Approval of bounty .* proposed: (in a block|finalized)/, { timeout: 60_000 });
  await approveAndExecute(page, s, { bob, charlie }, pid, `Approve bounty ${id}, sending`);
  expect((await read<{ proposal: { status: string } }>(s, s.bounty, "report", id)).proposal.status).toBe("Active");

  // The curator reports the milestone; the council approves that report.
  await actAs(page, dave, "Bounties", `Bounty ${id}`);
  await page.getByLabel(`Report for milestone 1 of bounty ${id}`, { exact: true }).fill("https://forum.example/milestone-1-report");
  await page.getByRole("button", { name: `Send the report for milestone 1 of bounty ${id}` }).click();
  await expect(page.locator("#progress")).toContainText(/Milestone 1 reported: (in a block|finalized)/, { timeout: 60_000 });
  pid++;
  await actAs(page, alice, "Council", "You sit on the council");
  await page.locator("#proposal-description").fill(`https://forum.example/milestone-${id}-1`);
  await page.locator("#council-reason").fill("delivered as described");
  await page.locator("#council-waiting li", { hasText: `Bounty ${id}, milestone 1` }).getByRole("button", { name: "Propose approving" }).click();
  await expect(page.locator("#progress")).toContainText(/Approval of milestone 1 proposed: (in a block|finalized)/, { timeout: 60_000 });
  await approveAndExecute(page, s, { bob, charlie }, pid, `Approve milestone 1 of bounty ${id}`);

  // The curator awards two members in one signature.
  await actAs(page, dave, "Bounties", `Bounty ${id}`);
  const card = page.locator("article.bounty", { hasText: `Bounty ${id}:` });
  await card.getByLabel("Award 1: recipient").fill(first.address);
  await card.getByLabel(/^Award 1: amount/).fill("100");
  await card.getByLabel("Award 1: memo").fill("translation of the docs");
  await card.getByRole("button", { name: "Add a recipient" }).click();
  await card.getByLabel("Award 2: recipient").fill(second.address);
  await card.getByLabel(/^Award 2: amount/).fill("50.5");
  await card.getByLabel("Award 2: memo").fill("community call notes");
  await card.getByRole("button", { name: "Make the awards" }).click();
  await expect(page.locator("#progress")).toContainText(/2 awards made: (in a block|finalized)/, { timeout: 60_000 });
  const ids = await read<number[]>(s, s.bounty, "proposalAwards", id, 0, 50);
  expect(ids.length).toBe(2);
  await expect(page.locator("article.bounty", { hasText: `Bounty ${id}:` })).toContainText(`Award ${ids[1]}:`, { timeout: 30_000 });
  await page.screenshot({ path: "test-results/bounty.png", fullPage: true });
  await page.setViewportSize({ width: 360, height: 780 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/bounty-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // After the payout delay each member claims its award on My months.
  const claimableAt = Number(await read<number>(s, s.bounty, "claimableAt", ids[1]));
  await waitUntil(s, claimableAt + 500);
  for (const [member, award, amount] of [[first, ids[0], UNIT(100, d)], [second, ids[1], UNIT(101, d) / 2n]] as const) {
    await actAs(page, member, "My months", "Bounty awards");
    const before = await freeOf(s, member.address);
    await page.getByRole("button", { name: `Claim award ${award}` }).click();
    await expect(page.locator("#progress")).toContainText(`Award ${award} claimed`, { timeout: 60_000 });
    expect((await freeOf(s, member.address)) - before + (await paidInBestBlock(s.api, member.address))).toBe(amount);
  }

  // A third award is stopped by the council during its payout delay. The delay (5 s here) is
  // shorter than a proposal's round in the page, so the test pauses the bounty contract at once
  // with dev keys, as a council would first pause to investigate: the delay stops running. The
  // page then proposes the cancel (the award shows its payout on hold) and resumes the contract.
  const spentBefore = BigInt(String((await read<{ lines: Array<{ budget: { spent: number | string } }> }>(s, s.bounty, "report", id)).lines[0].budget.spent));
  await send(s, s.bounty, dave, "award", id, 0, first.address, UNIT(25, d).toString(), bytes("duplicate of award 1"));
  const third = (await read<number[]>(s, s.bounty, "proposalAwards", id, 0, 50))[2];
  pid = Number(await read<number>(s, s.governor, "proposalCount"));
  await send(s, s.governor, alice, "propose", { Pause: { target: "Bounty" } }, bytes("https://forum.example/investigate"));
  await send(s, s.governor, bob, "approve", pid);
  await new Promise((r) => setTimeout(r, 1_200));
  await tick(s.api);
  await send(s, s.governor, charlie, "execute", pid);
  expect(await read<number | null>(s, s.bounty, "claimableAt", third)).toBeNull();

  pid++;
  await actAs(page, alice, "Council", "You sit on the council");
  await page.locator("#proposal-description").fill(`https://forum.example/cancel-award-${third}`);
  const waiting = page.locator("#council-waiting li", { hasText: `Award ${third} ` });
  await expect(waiting).toContainText("payout on hold");
  await page.screenshot({ path: "test-results/council-cancel-award.png", fullPage: true });
  await waiting.getByRole("button", { name: `Propose cancelling award ${third}` }).click();
  await expect(page.locator("#progress")).toContainText(/Cancelling award \d+ proposed: (in a block|finalized)/, { timeout: 60_000 });
  await approveAndExecute(page, s, { bob, charlie }, pid, `Cancel award ${third}`);
  expect(JSON.stringify((await read<{ state: unknown }>(s, s.bounty, "awardOf", third)).state)).toMatch(/cancelled/i);
  expect(BigInt(String((await read<{ lines: Array<{ budget: { spent: number | string } }> }>(s, s.bounty, "report", id)).lines[0].budget.spent))).toBe(spentBefore);

  pid++;
  await actAs(page, alice, "Council", "You sit on the council");
  await page.locator("#proposal-description").fill("https://forum.example/resume-bounties");
  await page.getByRole("button", { name: "Propose resuming the bounty contract" }).click();
  await expect(page.locator("#progress")).toContainText(/Resuming the bounty contract proposed: (in a block|finalized)/, { timeout: 60_000 });
  await approveAndExecute(page, s, { bob, charlie }, pid, "Unpause the bounty contract");
  expect(await read<boolean>(s, s.bounty, "paused")).toBe(false);
  await s.api.disconnect();

  /** The next bounty id: the first the contract does not know. */
  async function bountyCount(): Promise<number> {
    for (let i = 0; ; i++) {
      const got = await s.bounty.query.proposal(s.bounty.address.toString(), { gasLimit: s.gasLimit }, i);
      if ((got.output?.toJSON() as { ok: unknown }).ok === null) return i;
    }
  }
});
