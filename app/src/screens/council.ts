// The council's screen: the treasury and the council's rules, every proposal with its action in
// words, approvals of threshold and state with countdowns in chain time, and the buttons a
// council member may use on it now (approve, revoke, cancel or vote to cancel; execute, which
// anyone may); and forms that propose the month's money actions in the program's terms: finalize
// the month whose scores are final (its pool shown before signing), fund a month, top up the
// bonus reserve; and any other action from a form built from the governor's metadata. Anyone may
// look: what the council decides is public.

import { actionInWords, choices, duration, stageOf, stateInWords, variant, type ProposalView, type Wording } from "../council";
import { DEPARTMENTS, DEPARTMENT_NAMES, big, bytes, countdown, parseTokens, plainTokens } from "../program";
import { sameAccount } from "../chain";
import { bytesText } from "../claims";
import { isAddress } from "@polkadot/util-crypto";
import { argType, shapeOf, type FormMetadata } from "../form";
import { $, el, reference, txButton } from "../ui";
import { listBounties } from "./bounties";
import { control } from "./shape-form";
import { monthAt, monthLabel, type Context } from "./context";
import { awardsToCancel, memberForm, pauseForm, reviewersForm } from "./council-forms";

/** The pool's `MAX_REVIEWER_CHANGES`: reviewers added and removed in one proposal. */
const MAX_REVIEWER_CHANGES = 32;

/** Most proposals listed, newest first. */
const SHOWN = 25;

let timer: ReturnType<typeof setInterval> | undefined;

export async function renderCouncil(ctx: Context) {
  clearInterval(timer);
  const root = $("council-body");
  root.replaceChildren();
  const { chain, address } = ctx;
  const governor = chain.manifest.addresses.governor;
  const council = await chain.query<string[]>("governor", address, "council");
  const threshold = await chain.query<number>("governor", address, "threshold");
  const times = await chain.query<[number, number]>("governor", address, "times");
  const onCouncil = council.ok && council.value.some((c) => sameAccount(c, address));
  const w: Wording = {
    month: (m) => monthLabel(chain, m),
    tokens: (a) => chain.tokens(a),
    account: (a) => (sameAccount(a, address) ? "you" : `${a.slice(0, 6)}…${a.slice(-4)}`),
    text: bytesText,
  };
  const treasury = (await chain.api.query.system.account(governor)) as unknown as { data: { free: { toBigInt(): bigint } } };
  root.append(
    el(
      "p",
      {},
      `Treasury (the governor's balance): ${chain.tokens(treasury.data.free.toBigInt())}. `,
      council.ok && threshold.ok ? `${council.value.length} council members, ${threshold.value} approvals carry a proposal. ` : "",
      times.ok ? `A proposal can be executed ${duration(Number(times.value[0]))} after it has all the approvals it needs (the timelock), and lapses ${duration(Number(times.value[1]))} after it is made.` : "",
    ),
    el("p", { className: "hint" }, onCouncil ? "You sit on the council: you may propose, approve, revoke and cancel." : "You do not sit on the council: you may read the proposals and execute an approved one whose timelock has passed."),
  );
  if (onCouncil) await renderProposeForms(ctx, root, w, times.ok ? Number(times.value[0]) : 0);

  const count = await chain.query<number>("governor", address, "proposal_count");
  const total = count.ok ? Number(count.value) : 0;
  root.append(el("h3", {}, total ? `Proposals (${total}, newest first)` : "Proposals"));
  if (total === 0) return void root.append(el("p", {}, "No proposal yet."));
  const list = el("ul", { className: "proposals" });
  root.append(list);
  // Each proposal's state line and buttons; the buttons are rebuilt when chain time moves the
  // proposal to another stage (a timelock ends: Execute appears; it lapses: Approve goes).
  const states: Array<{ node: HTMLElement; view: ProposalView; stage: string; buttons: () => void }> = [];
  const older = el("button", { type: "button", id: "older-proposals" });
  // Proposals `top` down to `top - SHOWN + 1`, then a button for the next older ones.
  const show = async (top: number) => {
    older.remove();
    const ids = Array.from({ length: Math.min(SHOWN, top + 1) }, (_, i) => top - i);
    const views = await Promise.all(ids.map((id) => chain.query<ProposalView | null>("governor", address, "proposal", id)));
    ids.forEach((id, i) => {
      const got = views[i];
      if (got.ok && got.value) showOne(id, got.value);
    });
    const rest = top - SHOWN + 1;
    if (rest > 0) {
      older.textContent = `Show ${Math.min(rest, SHOWN)} older proposals (${rest} left)`;
      older.onclick = () => void show(rest - 1);
      list.after(older);
    }
  };
  await show(total - 1);
  timer = setInterval(() => {
    for (const s of states) {
      const now = chain.now();
      s.node.textContent = stateInWords(s.view, now);
      const stage = stageOf(s.view, now).stage;
      if (stage !== s.stage) {
        s.stage = stage;
        s.buttons();
      }
    }
  }, 1_000);

  function showOne(id: number, view: ProposalView) {
    const now = chain.now();
    const state = el("p", { className: "state" }, stateInWords(view, now));
    const description = bytesText(view.proposal.descriptionRef);
    const buttons = el("div", { className: "actions" });
    const fill = () => {
      const can = choices(view, address, onCouncil, chain.now(), sameAccount);
      const act = (label: string, what: string, done: string) => txButton(label, () => void send(what, [id], done), `${label} proposal ${id}`);
      buttons.replaceChildren(
        ...[
          can.approve && act("Approve", "approve", `Proposal ${id} approved`),
          can.revoke && act("Revoke my approval", "revoke", `Approval of proposal ${id} withdrawn`),
          can.cancel && act(can.cancel, "cancel", can.cancel === "Cancel" ? `Proposal ${id} cancelled` : `Cancel vote on proposal ${id} recorded`),
          can.execute && act("Execute", "execute", `Proposal ${id} executed`),
        ].filter((b): b is HTMLButtonElement => Boolean(b)),
      );
    };
    fill();
    states.push({ node: state, view, stage: stageOf(view, now).stage, buttons: fill });
    list.append(
      el(
        "li",
        { className: `proposal ${stageOf(view, now).stage}` },
        el("h4", {}, `#${id}: ${actionInWords(view.proposal.action, w)}`),
        state,
        el("p", {}, `Proposed by ${w.account(String(view.proposal.proposer))}`, view.cancelVotes > 0 ? `; ${view.cancelVotes} of ${view.threshold} votes to cancel` : "", ". Description: ", description ? reference(description) : "none"),
        buttons,
      ),
    );
  }

  async function send(label: string, args: unknown[], done: string) {
    if (await chain.send("governor", address, label, args, done, ctx.say)) await ctx.refresh();
  }
}

/**
 * The propose forms: what waits for the council (bounties, milestone reports, awards in their
 * payout delay, an application), finalize, fund a month, top up the bonus reserve, a member,
 * the reviewers, pausing; any other action from the metadata. `timelockMs` is the governor's.
 */
async function renderProposeForms(ctx: Context, root: HTMLElement, w: Wording, timelockMs: number) {
  const { chain, address } = ctx;
  const decimals = chain.manifest.token.decimals;
  const last = await chain.query<number | null>("reward_pool", address, "last_finalized");
  const current = monthAt(chain, chain.now());
  const reserve = await chain.query<unknown>("reward_pool", address, "bonus_reserve");
  // The month to finalize: the one after the last finalized, or (none yet) the newest month
  // whose scores are final.
  let next = last.ok && last.value !== null ? Number(last.value) + 1 : undefined;
  if (next === undefined) {
    for (let m = current; m >= Math.max(0, current - 4) && next === undefined; m--) {
      const d = await chain.query<Record<string, unknown>>("reward_pool", address, "month_dates", m);
      if (d.ok && Number(d.value.scoresFinal) <= chain.now()) next = m;
    }
  }
  const description = el("input", { type: "text", id: "proposal-description", placeholder: "https://forum… or ipfs://…" });
  const monthInput = (id: string, value: number | undefined) => el("input", { type: "number", id, min: "0", step: "1", value: value === undefined ? "" : String(value) });

  // Finalize: the pool the month would be finalized with now, read before signing.
  const finMonth = monthInput("finalize-month", next);
  const finPreview = el("p", { role: "status", id: "finalize-preview" });
  let finPool: bigint | undefined;
  let finAsked = 0;
  const previewFinalize = async () => {
    finPool = undefined;
    const mine = ++finAsked;
    const m = Number(finMonth.value);
    if (finMonth.value === "" || !Number.isInteger(m)) return void (finPreview.textContent = "Choose a month.");
    const [pool, state, dates, settlement, config, reserveNow] = await Promise.all([
      chain.query<unknown>("reward_pool", address, "finalize_preview", m),
      chain.query<Record<string, unknown>>("reward_pool", address, "month", m),
      chain.query<Record<string, unknown>>("reward_pool", address, "month_dates", m),
      chain.query<{ slices: unknown[]; carried: unknown }>("governor", address, "finalize_preview", m),
      chain.query<{ headBonus: unknown; seniorBonus: unknown }>("reward_pool", address, "config_of", m),
      chain.query<unknown>("reward_pool", address, "bonus_reserve"),
    ]);
    // A preview asked for after this one owns the form: this one's figures are stale.
    if (mine !== finAsked) return;
    if (!pool.ok) return void (finPreview.textContent = pool.words);
    finPool = big(pool.value);
    const s = state.ok ? state.value : {};
    const funded = big(s.funded);
    const lines = [
      `${w.month(m)}: pool ${chain.tokens(finPool)} to share, ${chain.tokens(funded)} funded`,
      funded < finPool ? ` (short by ${chain.tokens(finPool - funded)}: fund it first)` : "",
      `; ${Number(s.submissions ?? 0)} reports (${Number(s.late ?? 0)} late), ${Number(s.flagged ?? 0)} with reviewers disagreeing, ${Number(s.disputes ?? 0)} disputed (${Number(s.answered ?? 0)} answered); ${Number(s.heads ?? 0)} Head and ${Number(s.seniors ?? 0)} Senior bonuses due from the reserve`,
      s.finalized ? "; already finalized." : ".",
    ];
    // The slices and the carry the finalize would freeze now (the governor runs the pool's
    // settlement rule on the pool's figures).
    if (next !== undefined && m !== next && last.ok && last.value !== null) lines.push(` Months are finalized in order: ${w.month(next)} comes next, so this proposal would be refused when it runs.`);
    const need = BigInt(Number(s.heads ?? 0)) * big(config.ok ? config.value.headBonus : 0) + BigInt(Number(s.seniors ?? 0)) * big(config.ok ? config.value.seniorBonus : 0);
    if (reserveNow.ok && need > big(reserveNow.value)) lines.push(` The bonus reserve holds ${chain.tokens(big(reserveNow.value))} of the ${chain.tokens(need)} these bonuses need: top it up first, or the finalize is refused.`);
    if (!settlement.ok) lines.push(` The slices per department show once the month is funded (${settlement.words})`);
    if (settlement.ok) {
      const slices = settlement.value.slices.map((x, i) => [DEPARTMENT_NAMES[DEPARTMENTS[i]], big(x)] as const).filter(([, x]) => x > 0n);
      lines.push(
        ` Shared out: ${slices.length ? slices.map(([name, x]) => `${name} ${chain.tokens(x)}`).join(", ") : "nothing (no department has points)"}; carried into the next month: ${chain.tokens(big(settlement.value.carried))}.`,
      );
    }
    if (dates.ok && Number(dates.value.scoresFinal) > chain.now()) lines.push(` Scores are final in ${countdown(Number(dates.value.scoresFinal), chain.now())}: a proposal is refused until then.`);
    finPreview.textContent = lines.join("");
  };
  // A click while the month's pool is being read waits for that read: never the old month's pool.
  let finReading = previewFinalize();
  finMonth.addEventListener("change", () => void (finReading = previewFinalize()));
  await finReading;

  // Fund a month: how much it still needs for its pool.
  const fundMonth = monthInput("fund-month", next ?? current);
  const fundAmount = el("input", { type: "text", id: "fund-amount", inputMode: "decimal", placeholder: "84000" });
  const fundNeed = el("p", { role: "status", id: "fund-need" });
  let fundAsked = 0;
  // The amount the form filled in itself: replaced when the month changes, a typed one kept.
  let filled = "";
  const previewFund = async () => {
    const mine = ++fundAsked;
    const m = Number(fundMonth.value);
    const [pool, state] = await Promise.all([
      chain.query<unknown>("reward_pool", address, "finalize_preview", m),
      chain.query<Record<string, unknown>>("reward_pool", address, "month", m),
    ]);
    if (mine !== fundAsked) return;
    if (!pool.ok || !state.ok) return void (fundNeed.textContent = pool.ok ? "" : pool.words);
    const need = big(pool.value) - big(state.value.funded);
    fundNeed.textContent = `${w.month(m)} has ${chain.tokens(big(state.value.funded))} of a ${chain.tokens(big(pool.value))} pool${need > 0n ? `: ${chain.tokens(need)} more fills it` : ": fully funded"}.`;
    if (fundAmount.value === "" || fundAmount.value === filled) fundAmount.value = filled = need > 0n ? plainTokens(need, decimals) : "";
  };
  let fundReading = previewFund();
  fundMonth.addEventListener("change", () => void (fundReading = previewFund()));
  await fundReading;

  const bonusAmount = el("input", { type: "text", id: "bonus-amount", inputMode: "decimal", placeholder: "12000" });

  const propose = async (action: unknown, done: string) => {
    const text = description.value.trim();
    if (!text) return ctx.say("Give the proposal a description: a link to the forum post or document the council reads.", true);
    if (await chain.send("governor", address, "propose", [action, bytes(text)], done, ctx.say)) await ctx.refresh();
  };
  const amountOf = (input: HTMLInputElement): bigint | undefined => {
    const { amount, problem } = parseTokens(input.value, decimals);
    if (problem) ctx.say(problem, true);
    return amount;
  };

  // What waits for the council: bounties to approve, milestone reports to decide, an
  // application looked up by its address; each proposed with the figures the council saw (the
  // funding, the report number, the application's time), so a later change is refused.
  const reason = el("input", { type: "text", id: "council-reason", placeholder: "why (a link or text)" });
  const waiting = el("ul", { id: "council-waiting" });
  const bounties = await listBounties(ctx);
  for (const [id, r] of bounties) {
    const p = r.proposal;
    if (variant(p.status)[0] === "proposed") {
      const funding = big(p.total) + big(p.feeBudget);
      waiting.append(
        el(
          "li",
          {},
          `Bounty ${id}: ${chain.tokens(big(p.total))} in ${r.lines.length} lines, curator fee budget ${chain.tokens(big(p.feeBudget))}, curator ${w.account(p.curator)}. `,
          reference(bytesText(p.descriptionRef)),
          " ",
          txButton(`Propose approving (sends ${chain.tokens(funding)})`, () => void propose({ ApproveBounty: { id, funding: funding.toString() } }, `Approval of bounty ${id} proposed`)),
          txButton("Propose rejecting", () => void propose({ RejectBounty: { id, reasonRef: bytes(reason.value.trim()) } }, `Rejection of bounty ${id} proposed`)),
        ),
      );
    }
    r.milestones.forEach((m, i) => {
      if (variant(m.state)[0] !== "submitted") return;
      const decide = (approve: boolean) => ({ DecideMilestone: { id, milestone: i, report: Number(m.reportVersion), approve, reasonRef: bytes(reason.value.trim()) } });
      waiting.append(
        el(
          "li",
          {},
          `Bounty ${id}, milestone ${i + 1} (${Number(m.shareBps) / 100} %): report ${m.reportVersion}: `,
          reference(bytesText(m.reportRef)),
          " ",
          txButton("Propose approving", () => void propose(decide(true), `Approval of milestone ${i + 1} proposed`)),
          txButton("Propose rejecting", () => void propose(decide(false), `Rejection of milestone ${i + 1} proposed`)),
        ),
      );
    });
  }
  waiting.append(...(await awardsToCancel(ctx, w, propose, bounties, timelockMs)));
  const applicant = el("input", { type: "text", id: "applicant", placeholder: "the applicant's address" });
  const application = el("div", { id: "application" });
  applicant.addEventListener("change", () => void (async () => {
    application.replaceChildren();
    const who = applicant.value.trim();
    if (!isAddress(who)) return void application.append(el("p", { className: "error" }, "That is not an account address (SS58)."));
    const got = await chain.query<{ evidenceRef: unknown; appliedAt: number } | null>("registry", address, "application", who);
    if (!got.ok) return void application.append(el("p", { className: "error" }, got.words));
    if (!got.value) return void application.append(el("p", {}, "No application from this address."));
    const at = Number(got.value.appliedAt);
    const rank = el("select", { id: "applicant-rank" }, ...["Candidate", "Ambassador", "Senior", "Head"].map((r) => el("option", { value: r, textContent: r })));
    application.append(
      el("p", {}, `Applied ${new Date(at).toLocaleString()} with `, reference(bytesText(got.value.evidenceRef))),
      el("label", { htmlFor: "applicant-rank" }, "Starting rank"),
      rank,
      txButton("Propose accepting", () => void propose({ AcceptApplication: { who, rank: rank.value, appliedAt: at } }, "Acceptance proposed")),
      txButton("Propose rejecting", () => void propose({ RejectApplication: { who, appliedAt: at, reasonRef: bytes(reason.value.trim()) } }, "Rejection proposed")),
    );
  })());

  // Every other action, from the governor's metadata: a new variant needs no change here.
  const meta = chain.metadata.governor as unknown as FormMetadata;
  const actionType = argType(meta, "propose", "action");
  const generic = actionType === undefined ? undefined : control(shapeOf(meta, actionType), "Action", chain.manifest.token);

  root.append(
    el("h3", {}, "Propose"),
    el("label", { htmlFor: "proposal-description" }, "Description (a link or IPFS CID the council reads; required)"),
    description,
    el("label", { htmlFor: "council-reason" }, "Reason (a link or text the person concerned reads; required to reject, suspend or remove)"),
    reason,
    el(
      "fieldset",
      {},
      el("legend", {}, "Waiting for the council"),
      waiting.children.length ? waiting : el("p", {}, "No bounty, milestone report or award in its payout delay waits for the council."),
      el("label", { htmlFor: "applicant" }, "An application: the applicant's address"),
      applicant,
      application,
    ),
    el(
      "fieldset",
      {},
      el("legend", {}, "Finalize a month"),
      el("label", { htmlFor: "finalize-month" }, "Month (id)"),
      finMonth,
      finPreview,
      txButton("Propose finalizing", () => {
        void (async () => {
          await finReading;
          if (finPool === undefined) return ctx.say("The month's pool could not be read: see above.", true);
          await propose({ FinalizeMonth: { month: Number(finMonth.value), pool: finPool.toString() } }, "Finalize proposed");
        })();
      }),
    ),
    el(
      "fieldset",
      {},
      el("legend", {}, "Fund a month from the treasury"),
      el("label", { htmlFor: "fund-month" }, "Month (id)"),
      fundMonth,
      el("label", { htmlFor: "fund-amount" }, `Amount (${chain.manifest.token.symbol})`),
      fundAmount,
      fundNeed,
      txButton("Propose funding", () => {
        void (async () => {
          await fundReading;
          const amount = amountOf(fundAmount);
          if (amount !== undefined) await propose({ FundMonth: { month: Number(fundMonth.value), amount: amount.toString() } }, "Funding proposed");
        })();
      }),
    ),
    el(
      "fieldset",
      {},
      el("legend", {}, "Top up the bonus reserve"),
      el("p", {}, `The reserve holds ${reserve.ok ? chain.tokens(big(reserve.value)) : "?"}; each finalize sets its month's Head and Senior bonuses aside from it.`),
      el("label", { htmlFor: "bonus-amount" }, `Amount (${chain.manifest.token.symbol})`),
      bonusAmount,
      txButton("Propose the top-up", () => {
        const amount = amountOf(bonusAmount);
        if (amount !== undefined) void propose({ FundBonusReserve: { amount: amount.toString() } }, "Top-up proposed");
      }),
    ),
  );
  root.append(memberForm(ctx, w, propose, reason), reviewersForm(ctx, propose, MAX_REVIEWER_CHANGES), await pauseForm(ctx, propose));
  if (generic) {
    root.append(
      el(
        "fieldset",
        { id: "any-action" },
        el("legend", {}, "Any other action"),
        el("p", { className: "hint" }, "Accounts as SS58 addresses, amounts in tokens, references as text or links. The dry run checks the action before your wallet is asked."),
        generic.node,
        txButton("Propose this action", () => {
          const r = generic.read();
          if (r.problem) return ctx.say(r.problem, true);
          void propose(r.value, "Proposed");
        }),
      ),
    );
  }
}
