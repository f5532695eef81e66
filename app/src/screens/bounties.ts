// Bounties: every bounty with its status, budget lines (cap, spent, left), milestones (share, due,
// state) and awards (payout countdown, cancelled, claimed), and what was refunded at the close.
// Its curator reports milestones, awards from a line to one or many accounts in one signature,
// feeds a line into a month's pool, closes it and collects the fee. Anyone may propose a bounty.

import { lineInWords, milestoneInWords, periodInWords, readBountyForm, statusInWords, type BountyReport } from "../bounty";
import { variant } from "../council";
import { big, bytes, countdown, parseTokens } from "../program";
import { sameAccount } from "../chain";
import { bytesText } from "../claims";
import { $, el, reference, txButton } from "../ui";
import { monthAt, monthLabel, type Context } from "./context";

/** Bounty reports read at once while listing. */
const BATCH = 10;

/** A bounty award as the contract's `award_of` returns it, as the screens need it. */
export interface AwardRecord {
  line: number;
  recipient: string;
  member: number | null;
  amount: unknown;
  memoRef: unknown;
  state: unknown;
}

let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Every bounty's report, oldest first (ids are dense: the first missing id ends the list), read
 * ten at a time.
 */
export async function listBounties(ctx: Context): Promise<Array<[number, BountyReport]>> {
  const out: Array<[number, BountyReport]> = [];
  for (let from = 0; ; from += BATCH) {
    const ids = Array.from({ length: BATCH }, (_, i) => from + i);
    const got = await Promise.all(ids.map((id) => ctx.chain.query<BountyReport>("bounty", ctx.address, "report", id)));
    for (const [i, r] of got.entries()) {
      if (!r.ok) return out;
      out.push([ids[i], r.value]);
    }
  }
}

/** Every award of bounty `id`, oldest first, a page of 50 (the contract's `PAGE_MAX`) at a time. */
export async function awardIds(ctx: Context, id: number): Promise<number[]> {
  const out: number[] = [];
  for (let from = 0; ; from += 50) {
    const page = await ctx.chain.query<number[]>("bounty", ctx.address, "proposal_awards", id, from, 50);
    if (!page.ok) return out;
    out.push(...page.value.map(Number));
    if (page.value.length < 50) return out;
  }
}

export async function renderBounties(ctx: Context) {
  clearInterval(timer);
  const root = $("bounties-body");
  root.replaceChildren();
  const { chain, address } = ctx;
  const tokens = (a: bigint) => chain.tokens(a);
  const countdowns: Array<{ node: HTMLElement; at: number }> = [];
  const list = el("div");
  const bounties = await listBounties(ctx);
  const shown = bounties.length;
  for (const [id, report] of bounties) list.prepend(await bountyCard(id, report));
  root.append(el("h3", {}, shown ? `Bounties (${shown})` : "Bounties"), shown ? list : el("p", {}, "No bounty yet."));
  root.append(proposeForm());
  timer = setInterval(() => {
    for (const c of countdowns) c.node.textContent = c.at <= chain.now() ? "claimable now" : `payout in ${countdown(c.at, chain.now())}`;
  }, 1_000);

  async function bountyCard(id: number, r: BountyReport): Promise<HTMLElement> {
    const p = r.proposal;
    const curator = sameAccount(p.curator, address);
    const active = variant(p.status)[0] === "active";
    const description = bytesText(p.descriptionRef);
    const card = el(
      "article",
      { className: "entry bounty" },
      el("h4", {}, `Bounty ${id}: `, reference(description)),
      el("p", { className: "state" }, statusInWords(r, tokens)),
      el(
        "p",
        {},
        `Curator: ${curator ? "you" : p.curator}. Total ${tokens(big(p.total))} plus a curator fee of ${Number(p.feeBps) / 100} % (budget ${tokens(big(p.feeBudget))}). Period ${periodInWords(p.period)} (UTC).`,
      ),
      el("p", {}, `Unlocked by approved milestones: ${tokens(big(r.unlocked))}; spent ${tokens(big(p.spent))} (${tokens(big(p.fedToPool))} fed to the reward pool); can still be spent: ${tokens(big(r.spendable))}.`),
      variant(p.status)[0] === "rejected" && bytesText(p.reasonRef) ? el("p", {}, "Council's reason: ", reference(bytesText(p.reasonRef))) : "",
    );
    card.append(
      el("h5", {}, "Budget lines"),
      el("ul", {}, ...r.lines.map((l, i) => el("li", {}, `${i + 1}. ${bytesText(l.name)}: ${lineInWords(l, tokens)}`))),
      el("h5", {}, "Milestones"),
    );
    const milestones = el("ol");
    r.milestones.forEach((m, i) => {
      const item = el("li", {}, reference(bytesText(m.descriptionRef)), `: ${milestoneInWords(m, chain.now())}`);
      if (bytesText(m.reportRef)) item.append(el("br"), "Report: ", reference(bytesText(m.reportRef)), ` (report ${m.reportVersion})`);
      if (bytesText(m.reasonRef)) item.append(el("br"), "Council: ", reference(bytesText(m.reasonRef)));
      const state = variant(m.state)[0];
      if (curator && active && (state === "pending" || state === "rejected")) {
        const input = el("input", { type: "text", placeholder: "https://… or ipfs://…" });
        input.setAttribute("aria-label", `Report for milestone ${i + 1} of bounty ${id}`);
        item.append(
          input,
          txButton("Send the report", () => void send("submit_report", [id, i, bytes(input.value.trim())], `Milestone ${i + 1} reported`), `Send the report for milestone ${i + 1} of bounty ${id}`),
        );
      }
      milestones.append(item);
    });
    card.append(milestones);

    // Awards, newest last, with their payout countdown.
    const ids = await awardIds(ctx, id);
    if (ids.length) {
      const awards = el("ul");
      for (const a of ids) {
        const got = await chain.query<AwardRecord | null>("bounty", address, "award_of", a);
        if (!got.ok || !got.value) continue;
        const w = got.value;
        const state = variant(w.state)[0];
        const who = w.member !== null ? `member ${w.member}` : sameAccount(w.recipient, address) ? "you" : w.recipient;
        const status = el("span");
        if (state === "pending") {
          const at = await chain.query<number | null>("bounty", address, "claimable_at", a);
          if (at.ok && at.value !== null) {
            countdowns.push({ node: status, at: Number(at.value) });
            status.textContent = Number(at.value) <= chain.now() ? "claimable now" : `payout in ${countdown(Number(at.value), chain.now())}`;
          }
          else status.textContent = "payout on hold: the bounty contract is paused";
        } else status.textContent = state;
        awards.append(el("li", {}, `Award ${a}: ${tokens(big(w.amount))} from line ${Number(w.line) + 1} to ${who}`, bytesText(w.memoRef) ? ` (${bytesText(w.memoRef)})` : "", " — ", status));
      }
      card.append(el("h5", {}, "Awards"), awards);
    }
    if (curator && active) card.append(curatorForms(id, r));
    if (curator && variant(p.status)[0] === "closed" && !p.feeClaimed && big(p.feePaid) > 0n) {
      card.append(txButton(`Collect my fee (${tokens(big(p.feePaid))})`, () => void send("claim_fee", [id], "Fee collected")));
    }
    return card;
  }

  /** The curator's forms: awards (one or many in one signature), feeding the pool, closing. */
  function curatorForms(id: number, r: BountyReport): HTMLElement {
    const decimals = chain.manifest.token.decimals;
    const lineSelect = () => el("select", {}, ...r.lines.map((l, i) => el("option", { value: String(i), textContent: `${i + 1}. ${bytesText(l.name)}` })));
    const rows = el("div");
    const addRow = () => {
      const line = lineSelect();
      const who = el("input", { type: "text", placeholder: "recipient address" });
      const amount = el("input", { type: "text", inputMode: "decimal", placeholder: "amount" });
      const memo = el("input", { type: "text", placeholder: "what it is for (link or text)" });
      const n = rows.children.length + 1;
      line.setAttribute("aria-label", `Award ${n}: budget line`);
      who.setAttribute("aria-label", `Award ${n}: recipient`);
      amount.setAttribute("aria-label", `Award ${n}: amount in ${chain.manifest.token.symbol}`);
      memo.setAttribute("aria-label", `Award ${n}: memo`);
      rows.append(el("div", { className: "award-row" }, line, who, amount, memo));
    };
    addRow();
    const award = () => {
      const calls: Array<{ label: string; args: unknown[] }> = [];
      for (const [i, row] of [...rows.children].entries()) {
        const [line, who, amount, memo] = [...row.children] as [HTMLSelectElement, HTMLInputElement, HTMLInputElement, HTMLInputElement];
        if (!who.value.trim() && !amount.value.trim()) continue;
        const a = parseTokens(amount.value, decimals);
        if (a.problem) return ctx.say(`Award ${i + 1}: ${a.problem}`, true);
        if (!memo.value.trim()) return ctx.say(`Award ${i + 1}: say what it is for.`, true);
        calls.push({ label: "award", args: [id, Number(line.value), who.value.trim(), a.amount!.toString(), bytes(memo.value.trim())] });
      }
      if (!calls.length) return ctx.say("Fill in at least one award.", true);
      void (async () => {
        if (await chain.sendAll("bounty", address, calls, calls.length > 1 ? `${calls.length} awards made` : "Award made", ctx.say)) await ctx.refresh();
      })();
    };
    const feedLine = lineSelect();
    feedLine.id = `feed-line-${id}`;
    // The month open now by default: the pool it feeds is the one members report into.
    const open = monthAt(chain, chain.now());
    const feedMonth = el("input", { type: "number", min: "0", step: "1", id: `feed-month-${id}`, value: String(open) });
    const feedAmount = el("input", { type: "text", inputMode: "decimal", id: `feed-amount-${id}`, placeholder: "1000" });
    return el(
      "div",
      {},
      el(
        "fieldset",
        {},
        el("legend", {}, "Award from a line"),
        el("p", { className: "hint" }, "One row per recipient; all rows go in one signature, all or none. A member's wallet holds the award for the member."),
        rows,
        el("button", { type: "button", textContent: "Add a recipient", onclick: addRow }),
        txButton("Make the awards", award),
      ),
      el(
        "fieldset",
        {},
        el("legend", {}, "Feed a month's reward pool from a line"),
        el("label", { htmlFor: feedLine.id }, "Budget line to feed from"),
        feedLine,
        el("label", { htmlFor: feedMonth.id }, `Month (id) whose pool grows; the month open now is ${monthLabel(chain, open)} (id ${open})`),
        feedMonth,
        el("label", { htmlFor: feedAmount.id }, `Amount (${chain.manifest.token.symbol})`),
        feedAmount,
        txButton("Feed the pool", () => {
          const a = parseTokens(feedAmount.value, decimals);
          if (a.problem) return ctx.say(a.problem, true);
          void send("feed_pool", [id, Number(feedLine.value), Number(feedMonth.value), a.amount!.toString()], "Pool fed");
        }),
      ),
      txButton("Close the bounty", () => {
        if (window.confirm(`Close bounty ${id}? You earn your fee on what was spent; the rest of the funding goes back to the treasury. Awards already made stay claimable.`)) {
          void send("close", [id], `Bounty ${id} closed`);
        }
      }),
    );
  }

  /** Anyone may propose a bounty: lines, milestones, fee, a period that may lie in the past. */
  function proposeForm(): HTMLElement {
    const decimals = chain.manifest.token.decimals;
    const curator = el("input", { type: "text", id: "bounty-curator", value: address });
    const description = el("input", { type: "text", id: "bounty-description", placeholder: "https://… or ipfs://…" });
    const from = el("input", { type: "date", id: "bounty-from" });
    const to = el("input", { type: "date", id: "bounty-to" });
    const fee = el("input", { type: "text", id: "bounty-fee", inputMode: "decimal", value: "0" });
    const lines = el("div");
    const milestones = el("div");
    const addLine = () => {
      const n = lines.children.length + 1;
      const name = el("input", { type: "text", placeholder: "e.g. weekly bounties" });
      const cap = el("input", { type: "text", inputMode: "decimal", placeholder: "cap" });
      name.setAttribute("aria-label", `Line ${n}: name`);
      cap.setAttribute("aria-label", `Line ${n}: cap in ${chain.manifest.token.symbol}`);
      lines.append(el("div", { className: "award-row" }, name, cap));
    };
    const addMilestone = () => {
      const n = milestones.children.length + 1;
      const d = el("input", { type: "text", placeholder: "what it delivers (link or text)" });
      const due = el("input", { type: "date" });
      const share = el("input", { type: "text", inputMode: "decimal", placeholder: "share %" });
      d.setAttribute("aria-label", `Milestone ${n}: what it delivers`);
      due.setAttribute("aria-label", `Milestone ${n}: due date`);
      share.setAttribute("aria-label", `Milestone ${n}: share of the total in %`);
      milestones.append(el("div", { className: "award-row" }, d, due, share));
    };
    addLine();
    addMilestone();
    const problems = el("ul", { className: "error", id: "bounty-problems" });
    const inputs = (box: HTMLElement) => [...box.children].map((row) => [...row.children] as HTMLInputElement[]);
    const propose = () => {
      const read = readBountyForm(
        {
          curator: curator.value,
          description: description.value,
          from: from.valueAsNumber,
          to: to.valueAsNumber,
          lines: inputs(lines).map(([n, c]) => ({ name: n.value, cap: c.value })),
          milestones: inputs(milestones).map(([d, due, s]) => ({ description: d.value, due: due.valueAsNumber, sharePercent: s.value })),
          feePercent: fee.value,
        },
        decimals,
      );
      problems.replaceChildren(...read.problems.map((p) => el("li", {}, p)));
      if (!read.args) return ctx.say("The bounty is not proposed: see the problems listed.", true);
      void send("propose", read.args, `Bounty proposed (total ${chain.tokens(read.total!)}): the council approves and funds it`);
    };
    return el(
      "fieldset",
      {},
      el("legend", {}, "Propose a bounty"),
      el("label", { htmlFor: "bounty-curator" }, "Curator (who runs it; you by default)"),
      curator,
      el("label", { htmlFor: "bounty-description" }, "Description (a link or IPFS CID)"),
      description,
      el("label", { htmlFor: "bounty-from" }, "Period from (its first day, UTC; may lie in the past)"),
      from,
      el("label", { htmlFor: "bounty-to" }, "Period to (its last day, included)"),
      to,
      el("p", {}, el("strong", {}, "Budget lines"), " (the total is their sum)"),
      lines,
      el("button", { type: "button", textContent: "Add a line", onclick: addLine }),
      el("p", {}, el("strong", {}, "Milestones"), " (shares add up to 100 %)"),
      milestones,
      el("button", { type: "button", textContent: "Add a milestone", onclick: addMilestone }),
      el("label", { htmlFor: "bounty-fee" }, "Curator fee (% of what is spent)"),
      fee,
      problems,
      txButton("Propose the bounty", propose),
    );
  }

  async function send(label: string, args: unknown[], done: string) {
    if (await chain.send("bounty", address, label, args, done, ctx.say)) await ctx.refresh();
  }
}
