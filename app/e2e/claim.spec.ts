// A contributor opens the app with a wallet extension (a test extension backed by dev keys),
// moves its membership to a new wallet (proposed from the old wallet, accepted from the new one
// without typing a member id), then, from the new wallet, sees its finalized month and claims it,
// then claims its bounty award; each time the balance rises by exactly the previewed amount (less
// the fee and storage deposit the chain reports). The Ethereum-type account the wallet also
// shares is left out with the reason. Screenshots of each screen and at phone width go to
// test-results/.

import { expect, test } from "@playwright/test";
import { ApiPromise, Keyring, WsProvider } from "@polkadot/api";
import { ContractPromise } from "@polkadot/api-contract";
import { readFileSync } from "node:fs";
import { formatTokens } from "../src/program";
import { paidInBestBlock } from "./fixtures";
import { injectWallet, pairs } from "./wallet";

const manifest = JSON.parse(readFileSync("public/manifest.json", "utf8"));
const poolMeta = JSON.parse(readFileSync("public/metadata/reward_pool.json", "utf8"));
const MEMBER_URI = process.env.CLAIM_MEMBER ?? "//Candidate1";

test("a member claims its month with its own wallet", async ({ page }) => {
  const api = await ApiPromise.create({ provider: new WsProvider(manifest.target) });
  const pair = new Keyring({ type: "sr25519" }).addFromUri(MEMBER_URI);
  const pool = new ContractPromise(api, poolMeta, manifest.addresses.reward_pool);
  const gasLimit = api.registry.createType(
    "WeightV2",
    (api.consts.system.blockWeights as unknown as { maxBlock: unknown }).maxBlock,
  ) as never;
  const registryMeta = JSON.parse(readFileSync("public/metadata/registry.json", "utf8"));
  const registry = new ContractPromise(api, registryMeta, manifest.addresses.registry);
  const freeOf = async () =>
    ((await api.query.system.account(newPair.address)) as unknown as { data: { free: { toBigInt(): bigint } } }).data.free.toBigInt();
  const memberId = (await registry.query.memberIdOf(pair.address, { gasLimit }, pair.address)).output?.toJSON() as {
    ok: number;
  };

  const [newPair] = pairs(["//Candidate1New"]);
  await injectWallet(page, api, [
    { pair, name: "member wallet" },
    { pair: newPair, name: "new wallet" },
  ]);

  // The new wallet pays its own fees: fund it from the dev account.
  const alice = pairs(["//Alice"])[0];
  await new Promise<void>((resolve, reject) =>
    api.tx.balances
      .transferKeepAlive(newPair.address, 10n ** 15n)
      .signAndSend(alice, ({ status, dispatchError }) => {
        if (dispatchError) reject(new Error(dispatchError.toString()));
        if (status.isInBlock) resolve();
      })
      .catch(reject),
  );
  await page.goto("/");
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await expect(page.locator("#status")).toContainText("Connected", { timeout: 60_000 });
  await expect(page.locator("#refused")).toContainText("Ethereum-type");
  await expect(page.locator("#member")).toContainText(`Member ${memberId.ok}`, { timeout: 60_000 });
  await page.getByRole("tab", { name: "Membership" }).click();
  await expect(page.locator("#membership-body")).toContainText("Candidate");
  await expect(page.locator("#membership-body")).toContainText("months in a row at 65% or more");
  await page.screenshot({ path: "test-results/membership.png", fullPage: true });

  // The old wallet proposes the move, the new one accepts it without the member id.
  await page.getByLabel("New wallet address").fill(newPair.address);
  await page.getByRole("button", { name: "Propose the move" }).click();
  await expect(page.locator("#progress")).toContainText(/Move proposed: (in a block|finalized)/, { timeout: 90_000 });
  await page.getByLabel("Wallet account").selectOption(newPair.address);
  await expect(page.locator("#member")).toContainText("not a member", { timeout: 30_000 });
  await page.getByRole("tab", { name: "Membership" }).click();
  const accept = page.getByRole("button", { name: `Accept the move of member ${memberId.ok}` });
  await expect(accept).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: "test-results/accept-move.png", fullPage: true });
  await accept.click();
  await expect(page.locator("#progress")).toContainText(/Move accepted: (in a block|finalized)/, { timeout: 90_000 });
  await expect(page.locator("#member")).toContainText(`Member ${memberId.ok}`, { timeout: 30_000 });
  const moved = (await registry.query.memberIdOf(pair.address, { gasLimit }, newPair.address)).output?.toJSON() as { ok: number | null };
  expect(moved.ok).toBe(memberId.ok);
  const old = (await registry.query.memberIdOf(pair.address, { gasLimit }, pair.address)).output?.toJSON() as { ok: number | null };
  expect(old.ok).toBeNull();

  await page.getByRole("tab", { name: "My months" }).click();
  await expect(page.locator("#months tr")).not.toHaveCount(0, { timeout: 60_000 });
  const box = page.locator("#months input[type=checkbox]:checked");
  await expect(box).toHaveCount(1);
  const month = Number(await box.getAttribute("value"));
  await page.screenshot({ path: "test-results/before-claim.png", fullPage: true });

  const preview = (await pool.query.preview(pair.address, { gasLimit }, memberId.ok, [month])).output?.toJSON() as {
    ok: { ok: Array<{ total: number | string; status: string }> };
  };
  const expected = BigInt(String(preview.ok.ok[0].total));
  expect(preview.ok.ok[0].status).toBe("Claimable");
  const before = await freeOf();

  await page.getByRole("button", { name: "Claim selected months" }).click();
  await expect(page.locator("#progress")).toContainText("Months claimed", { timeout: 90_000 });
  await page.screenshot({ path: "test-results/after-claim.png", fullPage: true });
  expect((await freeOf()) - before + (await paidInBestBlock(api, newPair.address))).toBe(expected);
  // The page read the balance again after the claim.
  await expect(page.locator("#balance")).toContainText(formatTokens(await freeOf(), manifest.token.decimals, "en-US"), { timeout: 30_000 });

  // The member's bounty award (the deploy tool's demo left it unclaimed): claimable once its
  // payout delay is over, claimed on its own with one more signature, paying exactly its amount.
  const bountyMeta = JSON.parse(readFileSync("public/metadata/bounty.json", "utf8"));
  const bounty = new ContractPromise(api, bountyMeta, manifest.addresses.bounty);
  const ids = (await bounty.query.awardsOf(pair.address, { gasLimit }, newPair.address, 0, 10)).output?.toJSON() as {
    ok: number[];
  };
  expect(ids.ok.length).toBe(1);
  const awardId = ids.ok[0];
  const award = (await bounty.query.awardOf(pair.address, { gasLimit }, awardId)).output?.toJSON() as {
    ok: { amount: number | string; state: string };
  };
  expect(award.ok.state).toBe("Pending");
  const button = page.getByRole("button", { name: `Claim award ${awardId}` });
  await expect(button).toBeVisible({ timeout: 60_000 });
  const beforeAward = await freeOf();
  await button.click();
  await expect(page.locator("#progress")).toContainText(`Award ${awardId} claimed`, { timeout: 90_000 });
  expect((await freeOf()) - beforeAward + (await paidInBestBlock(api, newPair.address))).toBe(
    BigInt(String(award.ok.amount)),
  );
  await expect(page.locator("#awards")).toContainText(`Award ${awardId}:`);
  await expect(page.locator("#awards")).toContainText("Claimed", { timeout: 30_000 });
  await page.screenshot({ path: "test-results/after-award.png", fullPage: true });

  // A phone-width screen: nothing wider than the screen, every control still labelled.
  await page.setViewportSize({ width: 360, height: 780 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByLabel("Node endpoint")).toBeVisible();
  await expect(page.getByLabel("Wallet account")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: `Claim period ${month}` })).toBeVisible();
  await page.screenshot({ path: "test-results/phone.png", fullPage: true });
  await api.disconnect();
});
