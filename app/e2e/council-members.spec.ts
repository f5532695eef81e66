// The council's forms for people, roles and brakes: Alice finds a member by id and proposes a new
// rank; finds another by address and proposes a suspension (refused without a reason, nothing
// proposed), then lifts it; adds a reviewer (a bad address is caught before anything is signed);
// pauses the registry and resumes it. Each proposal is approved by Bob and executed by Charlie in
// the page after the timelock, and each outcome is read back from the chain. Runs on the fresh
// suite deployed for the council's tests (?deployment=council).

import { expect, test } from "@playwright/test";
import { connect, manifestOf, read } from "./fixtures";
import { actAs, approveAndExecute, loaded, openApp } from "./steps";
import { pairs } from "./wallet";

test("the council sets a rank, suspends and reinstates a member, adds a reviewer and pauses a contract", async ({ page }) => {
  const s = await connect(manifestOf("council"));
  const [alice, bob, charlie, candidate, ambassador, dave] = pairs(["//Alice", "//Bob", "//Charlie", "//Candidate1", "//Ambassador2", "//Dave"]);
  await openApp(page, s, "/?deployment=council#council", [
    [alice, "alice"],
    [bob, "bob"],
    [charlie, "charlie"],
  ]);
  const council = { bob, charlie };
  const asAlice = async (description: string) => {
    await actAs(page, alice, "Council", "You sit on the council");
    await page.locator("#proposal-description").fill(`https://forum.example/${description}`);
    return Number(await read<number>(s, s.governor, "proposalCount"));
  };
  const lookUp = async (who: string) => {
    await page.locator("#member-lookup").fill(who);
    await page.locator("#member-lookup").blur();
    await expect(page.locator("#member-facts")).toBeVisible({ timeout: 30_000 });
  };

  // A new rank for the Candidate, found by its member id.
  const cid = await read<number>(s, s.registry, "memberIdOf", candidate.address);
  let pid = await asAlice("rank");
  await lookUp(String(cid));
  await expect(page.locator("#member-facts")).toContainText(`Member ${cid}`);
  await expect(page.locator("#member-facts")).toContainText("Candidate, active");
  await page.locator("#member-rank").selectOption("Ambassador");
  await page.screenshot({ path: "test-results/council-member.png", fullPage: true });
  await page.getByRole("button", { name: "Propose the rank" }).click();
  await expect(page.locator("#progress")).toContainText(/Rank of member \d+ proposed: (in a block|finalized)/, { timeout: 60_000 });
  await approveAndExecute(page, s, council, pid, `Set member ${cid}'s rank to Ambassador`);
  expect((await read<{ rank: string }>(s, s.registry, "member", cid)).rank).toBe("Ambassador");

  // A suspension, found by address: refused without a reason, then proposed with one.
  const aid = await read<number>(s, s.registry, "memberIdOf", ambassador.address);
  pid = await asAlice("suspend");
  await lookUp(ambassador.address);
  await page.getByRole("button", { name: "Propose suspending" }).click();
  await expect(page.locator("#progress")).toContainText("Give a reason to suspend");
  expect(Number(await read<number>(s, s.governor, "proposalCount"))).toBe(pid);
  await page.locator("#council-reason").fill("https://forum.example/conduct-report");
  await page.getByRole("button", { name: "Propose suspending" }).click();
  await expect(page.locator("#progress")).toContainText(/Suspension of member \d+ proposed: (in a block|finalized)/, { timeout: 60_000 });
  await approveAndExecute(page, s, council, pid, `Suspend member ${aid}: “https://forum.example/conduct-report”`);
  expect((await read<{ status: string }>(s, s.registry, "member", aid)).status).toBe("Suspended");

  // Lifting it, proposed twice by mistake: the second, executed after the first, is refused by
  // the registry, and the page says why before anything is signed.
  pid = await asAlice("reinstate");
  for (const _ of [0, 1]) {
    await lookUp(ambassador.address);
    await expect(page.locator("#member-facts")).toContainText("suspended");
    await page.getByRole("button", { name: "Propose lifting the suspension" }).click();
    await expect(page.locator("#progress")).toContainText(/suspension proposed: (in a block|finalized)/, { timeout: 60_000 });
    await loaded(page);
    await page.locator("#proposal-description").fill("https://forum.example/reinstate");
  }
  await actAs(page, bob, "Council", "You sit on the council");
  await page.getByRole("button", { name: `Approve proposal ${pid + 1}`, exact: true }).click();
  await expect(page.locator("#progress")).toContainText(`Proposal ${pid + 1} approved`, { timeout: 60_000 });
  await approveAndExecute(page, s, council, pid, `Lift member ${aid}'s suspension`);
  expect((await read<{ status: string }>(s, s.registry, "member", aid)).status).toBe("Active");
  await page.getByRole("button", { name: `Execute proposal ${pid + 1}`, exact: true }).click();
  await expect(page.locator("#progress")).toContainText(/registry refused.*not suspended/i, { timeout: 30_000 });
  expect(JSON.stringify((await read<{ state: unknown }>(s, s.governor, "proposal", pid + 1)).state)).not.toMatch(/executed/i);
  expect((await read<{ status: string }>(s, s.registry, "member", aid)).status).toBe("Active");

  // A reviewer: a bad address is caught in the page; the good one is added.
  pid = await asAlice("reviewer");
  await page.locator("#reviewers-add").fill(`${dave.address}\nnot-an-address`);
  await page.locator("#reviewers-add").blur();
  await expect(page.locator("#reviewers-check")).toContainText("not-an-address: not an account address");
  await page.getByRole("button", { name: "Propose the reviewer change" }).click();
  await expect(page.locator("#progress")).toContainText("Fix the addresses listed first");
  await page.locator("#reviewers-add").fill(dave.address);
  await page.locator("#reviewers-add").blur();
  await expect(page.locator("#reviewers-check")).toContainText("will review");
  await page.getByRole("button", { name: "Propose the reviewer change" }).click();
  await expect(page.locator("#progress")).toContainText(/Reviewer change proposed: (in a block|finalized)/, { timeout: 60_000 });
  await approveAndExecute(page, s, council, pid, "Reviewers: add");
  expect(await read<boolean>(s, s.pool, "isReviewer", dave.address)).toBe(true);

  // The registry paused, then resumed.
  pid = await asAlice("pause-registry");
  await page.getByRole("button", { name: "Propose pausing the registry" }).click();
  await expect(page.locator("#progress")).toContainText(/Pausing the registry proposed: (in a block|finalized)/, { timeout: 60_000 });
  await approveAndExecute(page, s, council, pid, "Pause the registry");
  expect(await read<boolean>(s, s.registry, "paused")).toBe(true);
  pid = await asAlice("resume-registry");
  await expect(page.locator("#pause-form")).toContainText("The registry is paused");
  await page.getByRole("button", { name: "Propose resuming the registry" }).click();
  await expect(page.locator("#progress")).toContainText(/Resuming the registry proposed: (in a block|finalized)/, { timeout: 60_000 });
  await approveAndExecute(page, s, council, pid, "Unpause the registry");
  expect(await read<boolean>(s, s.registry, "paused")).toBe(false);

  await loaded(page);
  await expect(page.locator("#pause-form")).toContainText("The registry runs");
  await page.screenshot({ path: "test-results/council-forms.png", fullPage: true });
  await page.setViewportSize({ width: 360, height: 780 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/council-forms-phone.png", fullPage: true });
  await s.api.disconnect();
});
