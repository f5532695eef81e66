// The month report on the Program screen: for any month, every member's points, share, reward,
// bonus, review and claim status read from the chain, the month's money in a summary, and the
// table as the CSV a program lead publishes (the deploy tool's columns). Reads only: anyone may
// make it. Each member costs two reads (its registry record and the pool's `preview`, the
// contract's own figures); reports come a page of 50 members at a time.

import { bytesText, type ClaimStatus } from "../claims";
import { lineOf, inBatches, reportCsv, reportTotals, DEPARTMENT_HEADS, statusWord, type ReportEntry, type ReportLine } from "../month-report";
import { big, byteArray, formatTokens } from "../program";
import { el } from "../ui";
import { monthLabel, type Context } from "./context";

/** Reads in flight at once. */
const WIDTH = 8;
/** The pool's `PAGE_MAX`: member ids per `submissions_page`. */
const PAGE = 50;

/**
 * The report's form: a month (default `month`), a button, the summary, table and CSV link.
 * `show(m)` reads month `m`'s report (the dashboard's Report buttons); a report asked for while
 * another is still being read replaces it.
 */
export function monthReportSection(ctx: Context, month: number | undefined): { node: HTMLElement; show(m: number): void } {
  const input = el("input", { type: "number", id: "report-month", min: "0", step: "1", value: month === undefined ? "" : String(month) });
  const status = el("p", { role: "status", id: "report-status" });
  const out = el("div", { id: "report-out" });
  const button = el("button", { type: "button", textContent: "Show the report" });
  let asked = 0;
  let link: string | undefined;
  const show = (m: number) => {
    input.value = String(m);
    const mine = ++asked;
    out.replaceChildren();
    if (link) URL.revokeObjectURL(link);
    link = undefined;
    void render(ctx, m, (text) => mine === asked && (status.textContent = text), (nodes, url) => {
      if (mine !== asked) return void (url && URL.revokeObjectURL(url));
      link = url;
      out.append(...nodes);
    });
  };
  button.addEventListener("click", () => {
    const m = Number(input.value);
    if (input.value === "" || !Number.isInteger(m) || m < 0) return void (status.textContent = "Choose a month (its id).");
    show(m);
  });
  const node = el(
    "section",
    { id: "month-report" },
    el("h3", {}, "Month report"),
    el("p", { className: "hint" }, "Every member's points, share, reward, bonus, review and claim, read from the chain: the spreadsheet a program lead publishes, as CSV."),
    el("label", { htmlFor: "report-month" }, "Month (id)"),
    input,
    button,
    status,
    out,
  );
  return { node, show };
}

async function render(ctx: Context, month: number, say: (text: string) => void, done: (nodes: Node[], csvUrl?: string) => void) {
  const { chain, address } = ctx;
  const name = monthLabel(chain, month);
  const [state, count] = await Promise.all([
    chain.query<Record<string, unknown>>("reward_pool", address, "month", month),
    chain.query<number>("registry", address, "member_count"),
  ]);
  if (!state.ok || !count.ok) return say(`${name} could not be read: ${!state.ok ? state.words : !count.ok ? count.words : ""}`);
  const members = Number(count.value);
  // The month's reports, a page of member ids at a time.
  const entries = new Map<number, Record<string, unknown>>();
  for (let from = 0; from < members; from += PAGE) {
    const page = await chain.query<Array<[number, Record<string, unknown>]>>("reward_pool", address, "submissions_page", month, from, PAGE);
    if (!page.ok) return say(`${name}'s reports could not be read: ${page.words}`);
    for (const [id, entry] of page.value) entries.set(Number(id), entry);
  }
  say(`Reading ${members} members…`);
  const ids = Array.from({ length: members }, (_, i) => i);
  const lines = await inBatches(
    ids,
    WIDTH,
    async (id): Promise<ReportLine | string | null> => {
      const [record, preview] = await Promise.all([
        chain.query<{ wallet: string; rank: string } | null>("registry", address, "member", id),
        chain.query<Array<Record<string, unknown>>>("reward_pool", address, "preview", id, [month]),
      ]);
      if (!record.ok) return `member ${id}: ${record.words}`;
      if (!record.value) return null;
      if (!preview.ok) return `member ${id}: ${preview.words}`;
      const p = preview.value[0];
      return lineOf(id, String(record.value.wallet), String(record.value.rank), entryOf(entries.get(id)), {
        status: p.status as ClaimStatus,
        perDepartment: (p.perDepartment as unknown[]).map(big),
        bonus: big(p.bonus),
        percentageBps: Number(p.percentageBps),
      });
    },
    (n) => say(`Reading ${n} of ${members} members…`),
  );
  const failed = lines.filter((l): l is string => typeof l === "string");
  if (failed.length) return say(`The report could not be read: ${failed[0]}${failed.length > 1 ? ` (and ${failed.length - 1} more)` : ""}.`);
  const rows = lines.filter((l): l is ReportLine => l !== null && typeof l !== "string");
  const s = state.value;
  const fin = s.finalized as { settlement: { pool: unknown; carried: unknown } } | null;
  const totals = reportTotals(rows);
  const t = (a: bigint) => chain.tokens(a);
  say(`${name}: ${entries.size} reports from ${totals.members} members${fin ? "" : " (not finalized yet: rewards show once it is)"}.`);
  const csv = reportCsv(month, rows, chain.manifest.token.decimals);
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  const download = el("a", { href: url, download: `month-${month}.csv`, textContent: `Download ${name} as CSV` });
  done(
    [
    el(
      "ul",
      { className: "summary" },
      el("li", {}, `Funded: ${t(big(s.funded))} (carried in from earlier months: ${t(big(s.carriedIn))}).`),
      el("li", {}, fin ? `Pool shared out: ${t(big(fin.settlement.pool))}; carried into the next month: ${t(big(fin.settlement.carried))}.` : "Not finalized yet: points are shown, rewards and bonuses are 0 until the council finalizes the month."),
      el("li", {}, `Paid so far: ${t(big(s.paid))} in rewards and ${t(big(s.bonusPaid))} in rank bonuses (bonuses come from the bonus reserve, not the pool; each share is rounded down, so a few units of the pool stay unpaid); still claimable: ${t(totals.owed)}${totals.expired > 0n ? `; claim window closed on ${t(totals.expired)}` : ""}.`),
      el("li", {}, `Review: ${Number(s.late ?? 0)} late reports, ${Number(s.flagged ?? 0)} with reviewers disagreeing, ${Number(s.disputes ?? 0)} disputes (${Number(s.answered ?? 0)} answered by a rescore).`),
    ),
    download,
    el("p", { className: "hint" }, "Departments: Basic, CM community management, MK marketing, CC content creation, BD business development, Tech tech assistance, Others. On a narrow screen the table scrolls sideways."),
    table(ctx, rows),
    ],
    url,
  );
}

/** A submission as the report needs it (the pool's `Submission` JSON). */
function entryOf(e: Record<string, unknown> | undefined): ReportEntry | null {
  if (!e) return null;
  const dispute = e.dispute as { reasonRef: unknown; answered: boolean } | null;
  const points = e.points === null || e.points === undefined ? null : byteArray(e.points);
  return {
    rank: String(e.rank),
    late: Boolean(e.late),
    reasons: ((e.reviews as Array<{ reasonRef: unknown }>) ?? []).map((r) => bytesText(r.reasonRef)),
    flagged: Boolean(e.flagged),
    dispute: dispute ? { reason: bytesText(dispute.reasonRef), answered: Boolean(dispute.answered) } : undefined,
    points,
  };
}

function table(ctx: Context, rows: ReportLine[]): HTMLElement {
  // Amounts without the symbol, which the column heads carry: the table fits a laptop screen.
  const { decimals, symbol } = ctx.chain.manifest.token;
  const t = (a: bigint) => formatTokens(a, decimals);
  const head = ["Member", "Wallet", "Rank", ...DEPARTMENT_HEADS, "%", `Reward (${symbol})`, `Bonus (${symbol})`, "Review", "Claim"];
  const body = el("tbody");
  for (const l of rows) {
    const cells = [
      String(l.member),
      `${l.wallet.slice(0, 6)}…${l.wallet.slice(-4)}`,
      l.rank,
      ...(l.points ?? DEPARTMENT_HEADS.map(() => "–")).map(String),
      `${(l.percentageBps / 100).toFixed(2)} %`,
      t(l.reward),
      t(l.bonus),
      l.review,
      statusWord(l.status),
    ];
    body.append(el("tr", {}, el("th", { scope: "row" }, cells[0]), ...cells.slice(1).map((c) => el("td", {}, c))));
  }
  return el(
    "div",
    { className: "table-wrap" },
    el("table", { id: "report-table" }, el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col" }, h)))), body),
  );
}
