// A bounty in the curator's and the council's words, without a chain library: its status, lines
// (cap, spent, left), milestones (due, share, state) and awards (payout countdown), from the
// bounty contract's `report` and `award_of` answers; and the proposal form read into the
// contract's arguments (the total is the sum of the lines, shares typed in percent).

import { variant } from "./council";
import { big, bytes, countdown, parseTokens } from "./program";

/** A bounty's `report` as polkadot.js renders it, as the page needs it. */
export interface BountyReport {
  proposal: {
    proposer: string;
    curator: string;
    descriptionRef: unknown;
    period: [number, number];
    total: unknown;
    feeBps: number;
    feeBudget: unknown;
    status: unknown;
    spent: unknown;
    fedToPool: unknown;
    awards: number;
    feePaid: unknown;
    feeClaimed: boolean;
    refunded: unknown;
    reasonRef: unknown;
  };
  lines: Array<{ name: unknown; budget: { cap: unknown; spent: unknown } }>;
  milestones: Array<{ descriptionRef: unknown; dueMs: number; shareBps: number; state: unknown; reportRef: unknown; reportVersion: number; reasonRef: unknown }>;
  unlocked: unknown;
  spendable: unknown;
}

const DAY_MS = 86_400_000;

/** A bounty's period (ms, end exclusive) as its first and last day: "2026-11-01 – 2026-11-30". */
export function periodInWords(period: [number, number]): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const [from, to] = period.map(Number);
  return `${day(from)} – ${day(Math.max(from, to - 1))}`;
}

const STATUS: Record<string, string> = {
  proposed: "Proposed: waiting for the council to approve and fund it",
  active: "Active: the curator reports milestones and awards from the lines",
  rejected: "Rejected by the council",
  closed: "Closed",
  cancelled: "Cancelled by the council: everything refunded",
};

/** The status in words, with what the close paid and refunded. */
export function statusInWords(r: BountyReport, tokens: (a: bigint) => string): string {
  const name = variant(r.proposal.status)[0];
  if (name === "closed") {
    const fee = big(r.proposal.feePaid);
    return `Closed: ${tokens(big(r.proposal.refunded))} refunded to the treasury, curator fee ${tokens(fee)}${fee > 0n ? (r.proposal.feeClaimed ? " (collected)" : " (not collected yet)") : ""}`;
  }
  if (name === "cancelled") return `${STATUS.cancelled} (${tokens(big(r.proposal.refunded))})`;
  return STATUS[name] ?? name;
}

/** A budget line's cap, spent and what is left. */
export function lineInWords(line: BountyReport["lines"][number], tokens: (a: bigint) => string): string {
  const cap = big(line.budget.cap);
  const spent = big(line.budget.spent);
  return `cap ${tokens(cap)}, spent ${tokens(spent)}, left ${tokens(cap - spent)}`;
}

const MILESTONE: Record<string, string> = {
  pending: "no report yet",
  submitted: "report waiting for the council",
  approved: "approved: its share is unlocked",
  rejected: "rejected: the curator may report again",
};

/** A milestone's share, due date and state: "30 %, due in 2 d 3 h, report waiting for the council". */
export function milestoneInWords(m: BountyReport["milestones"][number], now: number): string {
  const state = variant(m.state)[0];
  const due = Number(m.dueMs);
  const when = state === "approved" ? "" : due > now ? `, due in ${countdown(due, now)}` : ", past its due date";
  return `${Number(m.shareBps) / 100} %${when}, ${MILESTONE[state] ?? state}`;
}

/** The proposal form as typed. */
export interface BountyForm {
  curator: string;
  description: string;
  /** The period's first and last day, each as midnight UTC (ms, as date inputs give them). */
  from: number;
  to: number;
  lines: Array<{ name: string; cap: string }>;
  milestones: Array<{ description: string; due: number; sharePercent: string }>;
  feePercent: string;
}

/**
 * The form read into `propose`'s arguments (curator, description, period, total, lines,
 * milestones, fee in bps; texts as their UTF-8 bytes), the total being the lines' sum; or the problems in words, each naming
 * its row. Limits the contract enforces (counts, shares summing to 100 %) are said here first.
 */
export function readBountyForm(f: BountyForm, decimals: number): { problems: string[]; args?: unknown[]; total?: bigint } {
  const problems: string[] = [];
  if (!f.curator.trim()) problems.push("Name the curator (an address).");
  if (!f.description.trim()) problems.push("Give a description: a link or IPFS CID.");
  if (!Number.isFinite(f.from) || !Number.isFinite(f.to)) problems.push("Give the period's start and end.");
  else if (f.to < f.from) problems.push("The period ends before it starts.");
  const lines: Array<[string, string]> = [];
  let total = 0n;
  f.lines.forEach((l, i) => {
    const { amount, problem } = parseTokens(l.cap, decimals);
    if (!l.name.trim()) problems.push(`Line ${i + 1}: give it a name.`);
    if (problem) problems.push(`Line ${i + 1}: ${problem}`);
    else if (amount === 0n) problems.push(`Line ${i + 1}: a cap above zero.`);
    else total += amount!;
    lines.push([bytes(l.name.trim()), (amount ?? 0n).toString()]);
  });
  if (lines.length === 0 || lines.length > 8) problems.push("One to eight budget lines.");
  const milestones: Array<[string, number, number]> = [];
  let shares = 0;
  f.milestones.forEach((m, i) => {
    const pct = Number(m.sharePercent);
    const bps = Math.round(pct * 100);
    if (!m.description.trim()) problems.push(`Milestone ${i + 1}: describe what it delivers.`);
    if (!Number.isFinite(m.due)) problems.push(`Milestone ${i + 1}: give its due date.`);
    if (!(pct > 0) || Math.abs(pct * 100 - bps) > 1e-9) problems.push(`Milestone ${i + 1}: a share above 0 %, in hundredths of a percent at most.`);
    shares += bps;
    milestones.push([bytes(m.description.trim()), m.due, bps]);
  });
  if (milestones.length === 0 || milestones.length > 8) problems.push("One to eight milestones.");
  else if (shares !== 10_000) problems.push(`The milestones' shares add up to ${shares / 100} %, not 100 %.`);
  const fee = Number(f.feePercent || "0");
  const feeBps = Math.round(fee * 100);
  if (!(fee >= 0) || fee > 100 || Math.abs(fee * 100 - feeBps) > 1e-9) problems.push("The curator fee is a percentage from 0 to 100, such as 2.5.");
  if (problems.length) return { problems };
  return {
    problems,
    total,
    // The contract's period end is exclusive: the day after the last day.
    args: [f.curator.trim(), bytes(f.description.trim()), [f.from, f.to + DAY_MS], total.toString(), lines, milestones, feeBps],
  };
}
