// The claim page: reads the deployment manifest the deploy tool wrote (copied next to the page by
// `npm run prepare -- <manifest>`), connects to the chain and to an injected wallet, shows the
// selected member's months and claims the selected ones with one signature.

import { ApiPromise, WsProvider } from "@polkadot/api";
import { ContractPromise } from "@polkadot/api-contract";
import { web3Accounts, web3Enable, web3FromAddress } from "@polkadot/extension-dapp";
import {
  awardStatus,
  bytesText,
  claimableMonths,
  icsCalendar,
  monthReminders,
  reviewText,
  type EntryReview,
  type MonthDates,
  type ProgramDate,
  daysLeft,
  errorInWords,
  formatAmount,
  monthName,
  perDepartmentText,
  sendErrorInWords,
  totalOf,
  type Award,
  type ClaimStatus,
  type MonthPreview,
} from "./claims";

interface Manifest {
  target: string;
  chain: string | null;
  token: { symbol: string; decimals: number };
  addresses: { governor: string; registry: string; reward_pool: string; bounty: string };
  calendar: { kind: "utc-months" } | { kind: "fixed-periods"; start_ms: number; period_ms: number };
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const LAST_ACCOUNT = "suite.lastAccount";
const ENDPOINT = "suite.endpoint";

function say(id: "status" | "progress", text: string, error = false) {
  const el = $(id);
  el.textContent = text;
  el.classList.toggle("error", error);
}

/** The month current at `nowMs` under the manifest's calendar. */
function currentMonth(m: Manifest, nowMs: number): number {
  if (m.calendar.kind === "utc-months") {
    const d = new Date(nowMs);
    return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
  }
  return Math.max(0, Math.floor((nowMs - m.calendar.start_ms) / m.calendar.period_ms));
}

/** The variant name inside a contract's `Err` answer, as polkadot.js renders it to JSON. */
function errVariant(json: unknown): string | undefined {
  const ok = (json as { ok?: unknown })?.ok ?? json;
  const err = (ok as { err?: unknown })?.err;
  if (err === undefined) return undefined;
  if (typeof err === "string") return err;
  const [key] = Object.keys(err as object);
  return key ? key.charAt(0).toUpperCase() + key.slice(1) : "Unknown";
}

/** A message's answer without ink!'s outer `Result<_, LangError>` wrapper. */
function okOf(json: unknown): unknown {
  return json !== null && typeof json === "object" && "ok" in json ? (json as { ok: unknown }).ok : json;
}

function big(value: unknown): bigint {
  return BigInt(typeof value === "number" ? Math.trunc(value) : String(value));
}

let api: ApiPromise;
let manifest: Manifest;
let pool: ContractPromise;
let registry: ContractPromise;
let bounty: ContractPromise;
let previews: MonthPreview[] = [];
/** Each listed month's review (late flag, reasons, dispute) and dates, by month id. */
const reviews = new Map<number, EntryReview | null>();
const dates = new Map<number, MonthDates>();
let awardTimer: ReturnType<typeof setTimeout> | undefined;

async function connectChain(endpoint: string) {
  say("status", `Connecting to ${endpoint}…`);
  const provider = new WsProvider(endpoint, false);
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error("timeout")), 8_000),
  );
  try {
    await Promise.race([provider.connect(), timeout]);
    api = await Promise.race([ApiPromise.create({ provider }), timeout]);
  } catch {
    await provider.disconnect().catch(() => undefined);
    throw new Error(`Node unreachable at ${endpoint}. Check the endpoint or start the node.`);
  }
  const info = await api.query.contracts.contractInfoOf(manifest.addresses.reward_pool);
  if ((info as unknown as { isNone: boolean }).isNone) {
    throw new Error(
      `Wrong network: ${api.runtimeChain.toString()} has no reward pool at ${manifest.addresses.reward_pool}.`,
    );
  }
  const [poolMeta, registryMeta, bountyMeta] = await Promise.all(
    ["reward_pool", "registry", "bounty"].map((n) => fetch(`metadata/${n}.json`).then((r) => r.json())),
  );
  pool = new ContractPromise(api, poolMeta, manifest.addresses.reward_pool);
  registry = new ContractPromise(api, registryMeta, manifest.addresses.registry);
  bounty = new ContractPromise(api, bountyMeta, manifest.addresses.bounty);
}

function queryOptions() {
  return {
    gasLimit: api.registry.createType(
      "WeightV2",
      (api.consts.system.blockWeights as unknown as { maxBlock: unknown }).maxBlock,
    ) as never,
    storageDepositLimit: null,
  };
}

async function query(contract: ContractPromise, who: string, message: string, ...args: unknown[]) {
  const { result, output } = await contract.query[message](who, queryOptions(), ...(args as never[]));
  if (result.isErr) throw new Error(`${message} failed on chain`);
  return output?.toJSON() as unknown;
}

/** When award `id`'s payout delay ends (wall time), or null while the bounty contract is paused. */
async function claimableAt(address: string, id: number): Promise<number | null> {
  const at = okOf(await query(bounty, address, "claimableAt", id)) as number | string | null;
  return at === null || at === undefined ? null : Number(at);
}

/** The account's bounty awards, each claimable on its own once its payout delay has passed. */
async function loadAwards(address: string) {
  const ids = (okOf(await query(bounty, address, "awardsOf", address, 0, 50)) as number[]) ?? [];
  const list = $("awards");
  list.replaceChildren();
  const now = Date.now();
  const pending: number[] = [];
  for (const id of ids) {
    const raw = okOf(await query(bounty, address, "awardOf", id)) as Record<string, unknown> | null;
    if (!raw) continue;
    const award: Award = {
      id,
      amount: big(raw.amount),
      state: raw.state as Award["state"],
      claimableAtMs: await claimableAt(address, id),
    };
    if (award.state === "Pending" && award.claimableAtMs !== null) pending.push(award.claimableAtMs);
    const status = awardStatus(award, now);
    const item = document.createElement("li");
    item.textContent = `Award ${id}: ${formatAmount(award.amount, manifest.token.decimals)} ${manifest.token.symbol}, ${status.text} `;
    if (status.claimable) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `Claim award ${id}`;
      button.addEventListener("click", () => void send(address, bounty, "claimAward", [id], `Award ${id} claimed`));
      item.append(button);
    }
    list.append(item);
  }
  $("awards-section").hidden = ids.length === 0;
  // Show the claim button the moment the next payout delay ends, when that is within the hour.
  clearTimeout(awardTimer);
  const next = Math.min(...pending.filter((t) => t > now));
  if (next - now <= 3_600_000) awardTimer = setTimeout(() => void loadAwards(address), next - now + 1_000);
}

/** The account's free balance, read again after every claim. */
async function loadBalance(address: string) {
  const account = (await api.query.system.account(address)) as unknown as { data: { free: { toBigInt(): bigint } } };
  const { decimals, symbol } = manifest.token;
  $("balance").textContent = `Wallet balance: ${formatAmount(account.data.free.toBigInt(), decimals)} ${symbol} free`;
}

async function loadAccount(address: string) {
  localStorage.setItem(LAST_ACCOUNT, address);
  await loadBalance(address);
  await loadAwards(address);
  const member = okOf(await query(registry, address, "memberIdOf", address)) as number | null;
  const memberEl = $("member");
  if (member === null) {
    memberEl.textContent = "This wallet is not a member of the program.";
    $("months-section").hidden = true;
    return;
  }
  const record = okOf(await query(registry, address, "member", member)) as {
    rank: string;
    status: string;
    streaks: Record<string, number>;
  };
  const streaks = Object.entries(record.streaks ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  memberEl.textContent = `Member ${member}: ${record.rank}, ${record.status}. Streaks: ${streaks}.`;
  const now = Date.now();
  const last = currentMonth(manifest, now);
  const months = Array.from({ length: 12 }, (_, i) => last - 11 + i).filter((m) => m >= 0);
  const answer = await query(pool, address, "preview", member, months);
  const rows = ((answer as { ok?: { ok?: unknown[] } }).ok?.ok ?? []) as Array<Record<string, unknown>>;
  previews = [];
  reviews.clear();
  dates.clear();
  for (const row of rows) {
    const month = row.month as number;
    const entry = okOf(await query(pool, address, "submission", month, member)) as Record<string, unknown> | null;
    // An open month's preview says NotFinalized with or without a submission: list it only if
    // the member submitted.
    if (row.status === "NotFinalized" && entry === null) continue;
    reviews.set(month, entry ? entryReview(entry) : null);
    const d = await monthDates(address, month);
    if (d) dates.set(month, d);
    // The pool counts each claim window from the month's finalization and stops it while
    // paused; the preview says when it ends at the current pace (null while paused).
    const endsAt = row.claimEndsAt as number | string | null | undefined;
    previews.push({
      month,
      status: row.status as ClaimStatus,
      perDepartment: (row.perDepartment as unknown[]).map(big),
      bonus: big(row.bonus),
      total: big(row.total),
      percentageBps: row.percentageBps as number,
      claimEndMs: endsAt === null || endsAt === undefined ? undefined : Number(endsAt),
    });
  }
  // The current month's dates too, so the reminders hold its deadline before the member reports.
  if (!dates.has(last)) {
    const d = await monthDates(address, last);
    if (d) dates.set(last, d);
  }
  render(now);
}

/** A month's dates from the pool's `month_dates`, or null if the pool refuses the month. */
async function monthDates(address: string, month: number): Promise<MonthDates | null> {
  const d = okOf(okOf(await query(pool, address, "monthDates", month))) as Record<string, unknown> | null;
  if (!d || !("deadline" in d)) return null;
  return {
    start: Number(d.start),
    deadline: Number(d.deadline),
    reviewEnd: Number(d.reviewEnd),
    scoresFinal: Number(d.scoresFinal),
  };
}

/** The parts of a `submission` answer the page shows. */
function entryReview(entry: Record<string, unknown>): EntryReview {
  const dispute = entry.dispute as { answered: boolean } | null;
  return {
    late: Boolean(entry.late),
    reasons: ((entry.reviews as Array<{ reasonRef: unknown }>) ?? []).map((r) => bytesText(r.reasonRef)),
    flagged: Boolean(entry.flagged),
    dispute: dispute ? { answered: Boolean(dispute.answered) } : undefined,
  };
}

/** The member's dates for its listed months and the current one, as a calendar file link. */
function renderReminders(now: number) {
  const utc = manifest.calendar.kind === "utc-months";
  const list: ProgramDate[] = [];
  for (const [month, d] of dates) {
    const name = utc ? monthName(month) : `Period ${month}`;
    if (d.scoresFinal > now) list.push(...monthReminders(name, d));
  }
  for (const p of previews) {
    if (p.status === "Claimable" && p.claimEndMs) {
      const name = utc ? monthName(p.month) : `Period ${p.month}`;
      list.push({ title: `${name}: claim window ends, claim by then`, atMs: p.claimEndMs });
    }
  }
  const link = $("reminders") as HTMLAnchorElement;
  link.hidden = list.length === 0;
  link.href = URL.createObjectURL(new Blob([icsCalendar(list, now)], { type: "text/calendar" }));
}

/** Disputes `month`'s points with a reason the member types (once, in the dispute window). */
async function dispute(month: number) {
  const reason = window.prompt("Why do you dispute your points? A short text or a link the reviewers can read.");
  if (!reason) return;
  const address = ($("account") as HTMLSelectElement).value;
  await send(address, pool, "dispute", [month, reason], "Dispute sent: reviewers may rescore until the window closes");
}

function render(now: number) {
  const { decimals, symbol } = manifest.token;
  const utc = manifest.calendar.kind === "utc-months";
  const claimable = new Set(claimableMonths(previews, now));
  const body = $("months");
  body.replaceChildren();
  for (const p of previews.filter((p) => p.status !== "NoSubmission")) {
    const tr = document.createElement("tr");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = String(p.month);
    box.checked = claimable.has(p.month);
    box.disabled = !claimable.has(p.month);
    box.setAttribute("aria-label", `Claim ${utc ? monthName(p.month) : `period ${p.month}`}`);
    box.addEventListener("change", () => updateTotal());
    const left = p.claimEndMs && p.status === "Claimable" ? ` (${daysLeft(p.claimEndMs, now)} days left)` : "";
    const cells = [
      utc ? monthName(p.month) : `period ${p.month}`,
      (p.percentageBps / 100).toFixed(2),
      `${formatAmount(p.total - p.bonus, decimals)} ${symbol}`,
      `${formatAmount(p.bonus, decimals)} ${symbol}`,
      `${p.status}${left}`,
      reviewText(reviews.get(p.month) ?? null),
    ];
    const first = document.createElement("td");
    first.append(box);
    tr.append(first, ...cells.map((c) => Object.assign(document.createElement("td"), { textContent: c })));
    // In the dispute window the member may dispute its points once.
    const d = dates.get(p.month);
    const review = reviews.get(p.month);
    if (d && review && !review.dispute && d.reviewEnd <= now && now < d.scoresFinal) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Dispute";
      button.setAttribute("aria-label", `Dispute your points for ${cells[0]}`);
      button.addEventListener("click", () => void dispute(p.month));
      tr.lastElementChild?.append(" ", button);
    }
    const split = perDepartmentText(p.perDepartment, decimals);
    if (split) tr.children[3].setAttribute("title", split);
    tr.children[3].setAttribute("aria-description", split || "no reward");
    body.append(tr);
  }
  $("months-section").hidden = false;
  renderReminders(now);
  updateTotal();
}

function selected(): number[] {
  return [...document.querySelectorAll<HTMLInputElement>("#months input:checked")].map((b) => Number(b.value));
}

function updateTotal() {
  const months = selected();
  const { decimals, symbol } = manifest.token;
  $("total").textContent = `Selected: ${formatAmount(totalOf(previews, months), decimals)} ${symbol}`;
  ($("claim") as HTMLButtonElement).disabled = months.length === 0;
}

async function claim() {
  await send(($("account") as HTMLSelectElement).value, pool, "claim", [selected()], "Months claimed");
}

/**
 * Dry-runs `message` (a refusal is shown in words), then signs and sends it with the wallet,
 * showing its progress under `done` ("Months claimed", "Award 3 claimed") and reading the account
 * again once it is in a block and once finalized.
 */
async function send(address: string, contract: ContractPromise, message: string, args: unknown[], done: string) {
  say("progress", "Checking…");
  const { result, output, gasRequired } = await contract.query[message](address, queryOptions(), ...(args as never[]));
  const refused = result.isOk ? errVariant(output?.toJSON()) : "Trapped";
  if (refused) {
    say("progress", errorInWords(refused), true);
    return;
  }
  const injector = await web3FromAddress(address);
  say("progress", "Waiting for your signature…");
  try {
    await contract.tx[message]({ gasLimit: gasRequired, storageDepositLimit: null }, ...(args as never[])).signAndSend(
      address,
      { signer: injector.signer },
      ({ status, dispatchError }) => {
        if (dispatchError) {
          say("progress", `Failed: ${dispatchError.toString()}`, true);
        } else if (status.isInBlock) {
          say("progress", `${done}: in block, waiting for finality…`);
          void loadAccount(address);
        } else if (status.isFinalized) {
          say("progress", `${done} and finalized.`);
          void loadAccount(address);
        }
      },
    );
  } catch (e) {
    say("progress", sendErrorInWords((e as Error).message), true);
  }
}

async function connect() {
  try {
    const endpoint = ($("endpoint") as HTMLInputElement).value;
    localStorage.setItem(ENDPOINT, endpoint);
    await connectChain(endpoint);
    const extensions = await web3Enable("Contributor rewards");
    if (extensions.length === 0) {
      throw new Error(
        "No wallet extension answered: install polkadot{.js}, Talisman or SubWallet, or allow this site in it.",
      );
    }
    const accounts = await web3Accounts();
    if (accounts.length === 0) throw new Error("The wallet shares no account with this site.");
    const select = $("account") as HTMLSelectElement;
    select.replaceChildren(
      ...accounts.map((a) =>
        Object.assign(document.createElement("option"), {
          value: a.address,
          textContent: `${a.meta.name ?? "account"} (${a.meta.source}) ${a.address.slice(0, 8)}…`,
        }),
      ),
    );
    const last = localStorage.getItem(LAST_ACCOUNT);
    if (last && accounts.some((a) => a.address === last)) select.value = last;
    $("account-section").hidden = false;
    say("status", `Connected to ${api.runtimeChain.toString()}.`);
    await loadAccount(select.value);
  } catch (e) {
    say("status", (e as Error).message, true);
  }
}

async function start() {
  manifest = await fetch("manifest.json").then((r) => r.json());
  const endpoint = $("endpoint") as HTMLInputElement;
  endpoint.value = localStorage.getItem(ENDPOINT) ?? manifest.target;
  $("connect").addEventListener("click", () => void connect());
  $("account").addEventListener("change", (e) => void loadAccount((e.target as HTMLSelectElement).value));
  $("claim").addEventListener("click", () => void claim());
}

void start();
