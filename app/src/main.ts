// The program's app: connects to the chain the deployment manifest names (checked against it), to
// the user's wallet extension, and shows the screens for the chosen account: My months (claims,
// disputes, awards, reminders), Report, Membership, Review for reviewers, and Council (proposals,
// votes, the month's money actions), Program (the lead's dashboard) and Bounties (curators). Every transaction is
// signed by the account's own wallet.

import { web3Accounts, web3Enable } from "@polkadot/extension-dapp";
import { Chain, type Manifest } from "./chain";
import { usableAccounts } from "./program";
import type { Context } from "./screens/context";
import { renderBounties } from "./screens/bounties";
import { renderCouncil } from "./screens/council";
import { renderDashboard } from "./screens/dashboard";
import { renderMembership } from "./screens/membership";
import { renderMonths } from "./screens/months";
import { renderReport } from "./screens/report";
import { renderReview } from "./screens/review";
import { $, el, say } from "./ui";

const LAST_ACCOUNT = "suite.lastAccount";
const ENDPOINT = "suite.endpoint";
const TABS = ["months", "report", "membership", "review", "council", "dashboard", "bounties"] as const;

let chain: Chain;
let manifest: Manifest;

function showTab(tab: (typeof TABS)[number]) {
  for (const t of TABS) {
    const selected = t === tab;
    $(`tab-${t}`).setAttribute("aria-selected", String(selected));
    $(`tab-${t}`).tabIndex = selected ? 0 : -1;
    $(`panel-${t}`).hidden = !selected;
  }
  location.hash = tab;
}

/**
 * Loads `address`'s screens. Loads run one after another, never overlapping (a slower load
 * finishing last would show one account's screens under another's name), and a refresh after a
 * transaction reads the account selected by then.
 */
let loading: Promise<void> = Promise.resolve();
let requested = 0;
function loadAccount(address: string): Promise<void> {
  // body[data-requested] and body[data-loaded] count loads asked for and done: equal when the
  // screens show the last account chosen (the browser tests wait for it; a screen reader user
  // hears the progress line).
  const n = ++requested;
  document.body.dataset.requested = String(n);
  loading = loading
    .then(() => render(address))
    .catch((e: Error) => say($("progress"), `Could not read the chain: ${e.message}`, true))
    .then(() => void (document.body.dataset.loaded = String(n)));
  return loading;
}

async function render(address: string) {
  localStorage.setItem(LAST_ACCOUNT, address);
  const progress = $("progress");
  const member = await chain.query<number | null>("registry", address, "member_id_of", address);
  const ctx: Context = {
    chain,
    address,
    member: member.ok ? (member.value ?? null) : null,
    refresh: () => loadAccount(($("account") as HTMLSelectElement).value),
    say: (text, failed) => say(progress, text, failed),
  };
  const account = (await chain.api.query.system.account(address)) as unknown as { data: { free: { toBigInt(): bigint } } };
  $("balance").textContent = `Wallet balance: ${chain.tokens(account.data.free.toBigInt())} free`;
  $("member").textContent = ctx.member === null ? "This wallet is not a member of the program." : `Member ${ctx.member}.`;
  $("nav").hidden = false;
  // One after another: each screen's timers belong to this load only.
  await renderMonths(ctx);
  await renderReport(ctx);
  await renderMembership(ctx);
  await renderReview(ctx);
  await renderCouncil(ctx);
  await renderDashboard(ctx);
  await renderBounties(ctx);
}

async function connect() {
  const status = $("status");
  try {
    const endpoint = ($("endpoint") as HTMLInputElement).value;
    localStorage.setItem(ENDPOINT, endpoint);
    say(status, `Connecting to ${endpoint}…`);
    chain = await Chain.connect(endpoint, manifest, (up) =>
      say($("socket"), up ? "" : "Connection to the node lost: reconnecting… (nothing you send now goes out)", !up),
    );
    const extensions = await web3Enable("Contributor rewards");
    if (extensions.length === 0) {
      throw new Error("No wallet extension answered: install polkadot{.js}, Talisman or SubWallet, or allow this site in it.");
    }
    const { usable, refused } = usableAccounts(
      (await web3Accounts()).map((a) => ({ address: a.address, type: a.type, name: `${a.meta.name ?? "account"} (${a.meta.source})` })),
    );
    $("refused").textContent = refused.map((r) => `${r.account.name ?? r.account.address} is not listed: ${r.why}.`).join(" ");
    if (usable.length === 0) throw new Error("The wallet shares no account this app can use with this site.");
    const select = $("account") as HTMLSelectElement;
    select.replaceChildren(...usable.map((a) => el("option", { value: a.address, textContent: `${a.name} ${a.address.slice(0, 8)}…` })));
    const last = localStorage.getItem(LAST_ACCOUNT);
    if (last && usable.some((a) => a.address === last)) select.value = last;
    $("account-section").hidden = false;
    say(status, `Connected to ${chain.api.runtimeChain.toString()}.`);
    await loadAccount(select.value);
  } catch (e) {
    say(status, (e as Error).message, true);
  }
}

async function start() {
  // One app may serve several deployments side by side (?deployment=<name> reads <name>.json
  // next to the page); only plain names, so a link cannot point the app at another site's file.
  const name = new URLSearchParams(location.search).get("deployment") ?? "manifest";
  if (!/^[\w-]+$/.test(name)) return void say($("status"), `No deployment named “${name}”.`, true);
  // A missing file may come back as the page itself (a server's fallback): not JSON either way.
  manifest = await fetch(`${name}.json`)
    .then((r) => (r.ok ? r.json() : undefined))
    .catch(() => undefined);
  if (!manifest) say($("status"), `No deployment named “${name}” next to the app: copy its manifest with npm run prepare-manifest.`, true);
  if (!manifest) return;
  ($("endpoint") as HTMLInputElement).value = localStorage.getItem(ENDPOINT) ?? manifest.target;
  $("connect").addEventListener("click", () => void connect());
  $("account").addEventListener("change", (e) => void loadAccount((e.target as HTMLSelectElement).value));
  for (const t of TABS) $(`tab-${t}`).addEventListener("click", () => showTab(t));
  // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
  $("nav").addEventListener("keydown", (e) => {
    const i = TABS.findIndex((t) => $(`tab-${t}`).getAttribute("aria-selected") === "true");
    const visible = TABS.filter((t) => !$(`tab-${t}`).hidden);
    const at = visible.indexOf(TABS[i]);
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const next = visible[(at + (e.key === "ArrowRight" ? 1 : visible.length - 1)) % visible.length];
    showTab(next);
    $(`tab-${next}`).focus();
  });
  const hash = location.hash.slice(1) as (typeof TABS)[number];
  showTab(TABS.includes(hash) ? hash : "months");
}

void start();
