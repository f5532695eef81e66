// Steps the browser tests take through the page more than once: acting as one of the injected
// wallets on a screen, and carrying a council proposal (Bob approves, Charlie executes after the
// timelock), each checked on chain.

import { expect, type Page } from "@playwright/test";
import type { KeyringPair } from "@polkadot/keyring/types";
import { chainNow, tick } from "./clock";
import { read, type Suite } from "./fixtures";
import { injectWallet } from "./wallet";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Opens the app at `path` with a test wallet sharing `wallets` (named as listed), connects, and
 * waits until the screens have loaded for the first wallet.
 */
export async function openApp(page: Page, s: Suite, path: string, wallets: Array<[KeyringPair, string]>) {
  await injectWallet(page, s.api, wallets.map(([pair, name]) => ({ pair, name })));
  await page.goto(path);
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await expect(page.locator("#status")).toContainText("Connected", { timeout: 60_000 });
  await loaded(page);
}

/** Waits until the page's screens show the last account chosen (no load running or queued). */
export async function loaded(page: Page) {
  await page.waitForFunction(() => document.body.dataset.requested !== undefined && document.body.dataset.loaded === document.body.dataset.requested, undefined, { timeout: 60_000 });
}

/**
 * Selects `who` in the page's wallet list (unless it is selected already: choosing it again
 * would load every screen again under the test's hands), waits until every screen has loaded for
 * it, and opens `tab`, which must then show `ready`.
 */
export async function actAs(page: Page, who: KeyringPair, tab: string, ready: RegExp | string) {
  const select = page.getByLabel("Wallet account");
  if ((await select.inputValue()) !== who.address) await select.selectOption(who.address);
  await loaded(page);
  await page.getByRole("tab", { name: tab }).click();
  await expect(page.locator(`[role=tabpanel]:not([hidden])`)).toContainText(ready, { timeout: 30_000 });
}

/**
 * Proposal `pid` (made by Alice, so one approval in) is approved by Bob in the page and, after its
 * timelock, executed by Charlie in the page; the governor then reports it executed.
 */
export async function approveAndExecute(page: Page, s: Suite, council: { bob: KeyringPair; charlie: KeyringPair }, pid: number, words: string) {
  await expect(page.locator(".proposal", { hasText: `#${pid}: ${words}` })).toContainText("1 of 2 approvals", { timeout: 30_000 });
  await actAs(page, council.bob, "Council", "You sit on the council");
  await page.getByRole("button", { name: `Approve proposal ${pid}`, exact: true }).click();
  await expect(page.locator("#progress")).toContainText(`Proposal ${pid} approved`, { timeout: 60_000 });
  await loaded(page);
  await expect(page.locator(".proposal", { hasText: `#${pid}:` })).toContainText(/in timelock|executable now/, { timeout: 30_000 });
  const [timelock] = await read<[number, number]>(s, s.governor, "times");
  await sleep(Number(timelock) + 500);
  await tick(s.api);
  await actAs(page, council.charlie, "Council", "You sit on the council");
  await page.getByRole("button", { name: `Execute proposal ${pid}`, exact: true }).click();
  await expect(page.locator("#progress")).toContainText(`Proposal ${pid} executed`, { timeout: 60_000 });
  const view = await read<{ state: unknown }>(s, s.governor, "proposal", pid);
  expect(JSON.stringify(view.state)).toMatch(/executed/i);
}

/** Waits until chain time reaches `ms` (the wall clock first, then a block to bring the chain there). */
export async function waitUntil(s: Suite, ms: number) {
  while (Date.now() < ms) await sleep(200);
  await tick(s.api);
  expect(await chainNow(s.api)).toBeGreaterThanOrEqual(ms);
}
