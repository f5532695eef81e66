// The month report on the Program screen: for any month, every member's points, share, reward,
// bonus, review and claim status read from the chain, the month's money in a summary, and the
// table as the CSV a program lead publishes (the deploy tool's columns). Reads only: anyone may
// make it. Each member costs two reads (its registry record and the pool's `preview`, the
// contract's own figures); reports come a page of 50 members at a time.

import { bytesText, type ClaimStatus } from "../claims";
import { lineOf, inBatches, reportCsv, reportTotals, DEPARTMENT_HEADS, statusWord, type ReportEntry, type ReportLine } from "../month-report";
import { big, byteArray } from "../program";
import { el } from "../ui";
import { monthLabel, type Context } from "./context";

/** Reads in flight at once. */
const WIDTH = 8;
/** The pool's `PAGE_MAX`: member ids per `submissions_page`. */
const PAGE = 50;

/** The report's form: a month (default `month`), a button, the summary, table and CSV link. */
export function monthReportSection(ctx: Context, month: number | undefined): HTMLElement {
  const input = el("input", { type: "number", id: "report-month", min: "0", step: "1", value: month === undefined ? "" : String(month) });
  const status = el("p", { role: "status", id: "report-status" });
  const out = el("div", { id: "report-out" });
  const button = el("button", { type: "button", textContent: "Show the report" });
  button.addEventListener("click", () => void (async () => {
    const m = Number(input.value);
    if (input.value === "" || !Number.isInteger(m) || m < 0) return void (status.textContent = "Choose a month (its id).");
    button.disabled = true;
    out.replaceChildren();
    try {
      await render(ctx, m, status, out);
    } finally {
      button.disabled = false;
    }
  })());
  return el(
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
}

async function render(ctx: Context, month: number, status: HTMLElement, out: HTMLElement) {
  const { chain, address } = ctx;
  const name = monthLabel(chain, month);
  const [state, count] = await Promise.all([
    chain.query<Record<string, unknown>>("reward_pool", address, "month", month),
    chain.query<number>("registry", address, "member_count"),
  ]);
  if (!state.ok || !count.ok) return void (status.textContent = `${name} could not be read: ${!state.ok ? state.words : !count.ok ? count.words : ""}`);
  const members = Number(count.value);
  // The month's reports, a page of member ids at a time.
  const entries = new Map<number, Record<string, unknown>>();
  for (let from = 0; from < members; from += PAGE) {
    const page = await chain.query<Array<[number, Record<string, unknown>]>>("reward_pool", address, "submissions_page", month, from, PAGE);
    if (!page.ok) return void (status.textContent = `${name}'s reports could not be read: ${page.words}`);
    for (const [id, entry] of page.value) entries.set(Number(id), entry);
  }
  status.textContent = `Reading ${members} members…`;
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
    (done) => (status.textContent = `Reading ${done} of ${members} members…`),
  );
  const failed = lines.filter((l): l is string => typeof l === "string");
  if (failed.length) return void (status.textContent = `The report could not be read: ${failed[0]}${failed.length > 1 ? ` (and ${failed.length - 1} more)` : ""}.`);
  const rows = lines.filter((l): l is ReportLine => l !== null && typeof l !== "string");
  const s = state.value;
  const fin = s.finalized as { settlement: { pool: unknown; carried: unknown } } | null;
  const totals = reportTotals(rows);
  const t = (a: bigint) => chain.tokens(a);
  status.textContent = `${name}: ${totals.reported} reports from ${totals.members} members.`;
  const csv = reportCsv(month, rows, chain.manifest.token.decimals);
  const download = el("a", { href: URL.createObjectURL(new Blob([csv], { type: "text/csv" })), download: `month-${month}.csv`, textContent: `Download ${name} as CSV` });
  out.append(
    el(
      "ul",
      { className: "summary" },
      el("li", {}, `Funded: ${t(big(s.funded))} (carried in from earlier months: ${t(big(s.carriedIn))}).`),
      el("li", {}, fin ? `Pool shared out: ${t(big(fin.settlement.pool))}; carried into the next month: ${t(big(fin.settlement.carried))}.` : "Not finalized yet: the amounts below are what the pool would pay once it is."),
      el("li", {}, `Paid (rewards and bonuses): ${t(big(s.paid) + big(s.bonusPaid))}; still claimable: ${t(totals.owed)}${totals.expired > 0n ? `; claim window closed on ${t(totals.expired)}` : ""}.`),
      el("li", {}, `Review: ${Number(s.late ?? 0)} late reports, ${Number(s.flagged ?? 0)} with reviewers disagreeing, ${Number(s.disputes ?? 0)} disputes (${Number(s.answered ?? 0)} answered by a rescore).`),
    ),
    download,
    table(ctx, rows),
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
  const t = (a: bigint) => ctx.chain.tokens(a);
  const head = ["Member", "Wallet", "Rank", ...DEPARTMENT_HEADS, "%", "Reward", "Bonus", "Review", "Claim"];
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
