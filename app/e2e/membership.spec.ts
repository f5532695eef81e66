// Joining and leaving in the page: a newcomer applies on the Membership screen with an evidence
// link; the council finds the application by its address on the Council screen and accepts it as
// Candidate (Alice proposes with the application's time filled in, Bob approves, Charlie executes);
// the newcomer's Membership screen then shows its rank and what the next promotion needs. A member
// retires behind its confirmation (refused until the box is ticked). Each step checked on chain.
// Runs on the fresh suite deployed for the council's test (?deployment=council).

import { expect, test } from "@playwright/test";
import { connect, manifestOf, read } from "./fixtures";
import { actAs, approveAndExecute, openApp } from "./steps";
import { pairs } from "./wallet";

test("a newcomer applies and is accepted by the council; a member retires", async ({ page }) => {
  const s = await connect(manifestOf("council"));
  const [applicant, alice, bob, charlie, leaving] = pairs(["//Applicant1", "//Alice", "//Bob", "//Charlie", "//Senior1"]);
  // The newcomer pays its own fees: fund it from the dev account.
  await new Promise<void>((resolve, reject) =>
    s.api.tx.balances
      .transferKeepAlive(applicant.address, 10n ** 15n)
      .signAndSend(alice, { nonce: -1 }, ({ status, dispatchError }) => {
        if (dispatchError) reject(new Error(dispatchError.toString()));
        if (status.isInBlock) resolve();
      })
      .catch(reject),
  );
  await openApp(page, s, "/?deployment=council#membership", [
    [applicant, "newcomer"],
    [alice, "alice"],
    [bob, "bob"],
    [charlie, "charlie"],
    [leaving, "leaving member"],
  ]);

  // The newcomer applies.
  await actAs(page, applicant, "Membership", "Apply to join");
  await page.getByLabel(/^Evidence for your application/).fill("https://github.com/newcomer/portfolio");
  await page.screenshot({ path: "test-results/membership-apply.png", fullPage: true });
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(page.locator("#progress")).toContainText(/Application sent: (in a block|finalized)/, { timeout: 60_000 });
  const application = await read<{ evidenceRef: string; appliedAt: number } | null>(s, s.registry, "application", applicant.address);
  expect(Buffer.from(String(application?.evidenceRef).slice(2), "hex").toString()).toBe("https://github.com/newcomer/portfolio");

  // The council accepts it as Candidate.
  const pid = Number(await read<number>(s, s.governor, "proposalCount"));
  await actAs(page, alice, "Council", "You sit on the council");
  await page.locator("#proposal-description").fill("https://forum.example/newcomer");
  await page.locator("#applicant").fill(applicant.address);
  await page.locator("#applicant").blur();
  await expect(page.locator("#application")).toContainText("https://github.com/newcomer/portfolio", { timeout: 30_000 });
  await page.locator("#applicant-rank").selectOption("Candidate");
  await page.screenshot({ path: "test-results/council-application.png", fullPage: true });
  await page.locator("#application").getByRole("button", { name: "Propose accepting" }).click();
  await expect(page.locator("#progress")).toContainText(/Acceptance proposed: (in a block|finalized)/, { timeout: 60_000 });
  await approveAndExecute(page, s, { bob, charlie }, pid, "Accept");
  const id = await read<number | null>(s, s.registry, "memberIdOf", applicant.address);
  expect(id).not.toBeNull();
  await actAs(page, applicant, "Membership", `Member ${id}: Candidate`);
  await expect(page.locator("#membership-body")).toContainText("months in a row at 65% or more");

  // A member retires: refused until the confirmation is ticked.
  await actAs(page, leaving, "Membership", "Retire");
  const member = await read<number>(s, s.registry, "memberIdOf", leaving.address);
  await page.getByRole("button", { name: "Retire from the program" }).click();
  await expect(page.locator("#progress")).toContainText("Tick the box first");
  expect((await read<{ status: string }>(s, s.registry, "member", member)).status).toBe("Active");
  await page.getByLabel("I understand that retiring cannot be undone").check();
  await page.getByRole("button", { name: "Retire from the program" }).click();
  await expect(page.locator("#progress")).toContainText(/Retired: (in a block|finalized)/, { timeout: 60_000 });
  expect((await read<{ status: string }>(s, s.registry, "member", member)).status).toBe("Retired");
  await expect(page.locator("#membership-body")).toContainText("You have left the program", { timeout: 30_000 });
  await s.api.disconnect();
});
