// The program lead's dashboard: the treasury, the bonus reserve against what the next finalize
// sets aside, and each recent month with where it stands and what it needs next (funding, the
// review, the council's finalize, claims, a sweep, which anyone may send from here).

import { bonusNeed, monthInWords, stageOf, type Dates, type MonthRecord } from "../lead";
import { big } from "../program";
import { $, el, txButton } from "../ui";
import { monthAt, monthLabel, type Context } from "./context";
import { monthReportSection } from "./month-report";

/** Months shown, newest first: the open one and the eleven before it. */
const SHOWN = 12;

export async function renderDashboard(ctx: Context) {
  const root = $("dashboard-body");
  root.replaceChildren();
  const { chain, address } = ctx;
  const now = chain.now();
  const current = monthAt(chain, now);
  const [running, reserve, last, treasury] = await Promise.all([
    chain.query<number>("reward_pool", address, "running_time"),
    chain.query<unknown>("reward_pool", address, "bonus_reserve"),
    chain.query<number | null>("reward_pool", address, "last_finalized"),
    chain.api.query.system.account(chain.manifest.addresses.governor) as unknown as Promise<{ data: { free: { toBigInt(): bigint } } }>,
  ]);
  const clock = running.ok ? Number(running.value) : now;
  const next = last.ok && last.value !== null ? Number(last.value) + 1 : undefined;
  const rows = el("tbody");
  const report = monthReportSection(ctx, last.ok && last.value !== null ? Number(last.value) : undefined);
  let nextNeed: { month: number; need: bigint } | undefined;
  const shown: number[] = [];
  for (let m = current; m >= Math.max(0, current - SHOWN + 1); m--) shown.push(m);
  // The month finalized next always has its row, however old (its reserve need is the one shown).
  if (next !== undefined && next <= current && !shown.includes(next)) shown.push(next);
  for (const m of shown) {
    const [state, dates, config] = await Promise.all([
      chain.query<MonthRecord>("reward_pool", address, "month", m),
      chain.query<Dates>("reward_pool", address, "month_dates", m),
      chain.query<{ headBonus: unknown; seniorBonus: unknown; reviewersPerEntry: number }>("reward_pool", address, "config_of", m),
    ]);
    if (!state.ok || !dates.ok) continue;
    const d: Dates = { start: Number(dates.value.start), deadline: Number(dates.value.deadline), reviewEnd: Number(dates.value.reviewEnd), scoresFinal: Number(dates.value.scoresFinal) };
    const stage = stageOf(state.value, d, now, clock, next, m);
    const pool = ["swept", "claims", "sweep-due", "passed-over"].includes(stage) ? undefined : await chain.query<unknown>("reward_pool", address, "finalize_preview", m);
    const perEntry = config.ok ? Number(config.value.reviewersPerEntry) : 1;
    const scored = ["review", "disputes", "to-finalize"].includes(stage) ? await scoredIn(m, perEntry) : undefined;
    const text = monthInWords(state.value, d, now, clock, pool?.ok ? big(pool.value) : undefined, (a) => chain.tokens(a), next, m, scored);
    // The reserve need of the month finalized next: the one after the last finalized or, before
    // any finalize, the newest month whose scores are final.
    const isNext = next !== undefined ? m === next : stage === "to-finalize" && nextNeed === undefined;
    if (isNext && config.ok) nextNeed = { month: m, need: bonusNeed(state.value, config.value.headBonus, config.value.seniorBonus) };
    // Only the next month in order can be finalized: say so on the others waiting.
    const order = stage === "to-finalize" && next !== undefined && m !== next ? ` Months are finalized in order: ${monthLabel(chain, next)} comes first.` : "";
    // A finalized month's report, one click away (the section below reads it).
    const reportButton = state.value.finalized
      ? el("button", { type: "button", textContent: "Report", onclick: () => showReport(m), aria: { label: `Report of ${monthLabel(chain, m)}` } })
      : "";
    const action =
      stage === "sweep-due" || (stage === "passed-over" && big(state.value.funded) > 0n)
        ? txButton("Sweep", () => void (async () => {
            if (await chain.send("reward_pool", address, "sweep", [m], `${monthLabel(chain, m)} swept`, ctx.say)) await ctx.refresh();
          })(), `Sweep ${monthLabel(chain, m)}`)
        : "";
    rows.append(el("tr", { className: stage }, el("th", { scope: "row" }, monthLabel(chain, m)), el("td", {}, text + order), el("td", {}, action, reportButton)));
  }
  const reserveText = reserve.ok ? chain.tokens(big(reserve.value)) : "?";
  root.append(
    el("p", {}, `Treasury (the governor's balance): ${chain.tokens(treasury.data.free.toBigInt())}.`),
    el(
      "p",
      {},
      `Bonus reserve: ${reserveText}.`,
      nextNeed
        ? ` The next finalize (${monthLabel(chain, nextNeed.month)}) sets ${chain.tokens(nextNeed.need)} aside for Head and Senior bonuses${reserve.ok && big(reserve.value) < nextNeed.need ? ": the reserve is short, top it up first (Council screen)." : "."}`
        : "",
    ),
    el("div", { className: "table-wrap" }, el("table", {}, el("caption", {}, "The last twelve months, newest first (and the month finalized next, if older)"), el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Month"), el("th", { scope: "col" }, "Where it stands"), el("th", { scope: "col" }, "Action"))), rows)),
    report.node,
  );

  /**
   * How many of `month`'s reports have all the reviews the month asks for (`perEntry`), a page
   * of 50 member ids per read: with two or three reviewers an entry has points after the first,
   * but is not done until the last.
   */
  async function scoredIn(month: number, perEntry: number): Promise<number | undefined> {
    const count = await chain.query<number>("registry", address, "member_count");
    if (!count.ok) return undefined;
    let scored = 0;
    for (let from = 0; from < Number(count.value); from += 50) {
      const page = await chain.query<Array<[number, { reviews: unknown[] }]>>("reward_pool", address, "submissions_page", month, from, 50);
      if (!page.ok) return undefined;
      scored += page.value.filter(([, e]) => (e.reviews ?? []).length >= perEntry).length;
    }
    return scored;
  }

  function showReport(m: number) {
    report.node.scrollIntoView({ block: "start" });
    report.show(m);
  }
}
