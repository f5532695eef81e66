// A month as a program lead publishes it: one line per member (points, share, reward, bonus, the
// review in words, where the claim stands) and the same CSV the deploy tool writes
// (`suite month report <month> --csv`, deploy/src/month.rs), so a lead gets one spreadsheet
// whichever tool made it. Every amount comes from the pool's own `preview`; nothing here computes
// a reward. Free of any chain library, so it is unit-tested alone.

import type { ClaimStatus } from "./claims";
import { plainTokens } from "./program";

/** A member's entry for the month, as far as the report shows it. */
export interface ReportEntry {
  /** The rank the member reported at. */
  rank: string;
  /** Filed after the deadline in a month that takes late reports. */
  late: boolean;
  /** Each reviewer's reason, in the order they scored ("" for none given). */
  reasons: string[];
  /** Reviewers disagree by more than the program's gap. */
  flagged: boolean;
  /** The member's dispute, if any, with its reason and whether a rescore answered it. */
  dispute?: { reason: string; answered: boolean };
  /** Final points per department, once scored. */
  points: number[] | null;
}

/** One member's line. */
export interface ReportLine {
  member: number;
  /** Its wallet (SS58). */
  wallet: string;
  /** The rank it reported at, or holds without a report. */
  rank: string;
  /** Final points per department; null when not scored or no report. */
  points: number[] | null;
  percentageBps: number;
  /** Reward over all departments. */
  reward: bigint;
  bonus: bigint;
  /** The review in words (`reviewWords`). */
  review: string;
  status: ClaimStatus;
}

/** Column heads of the departments, in department order (the deploy tool's). */
export const DEPARTMENT_HEADS = ["Basic", "CM", "MK", "CC", "BD", "Tech", "Others"];

const STATUS_WORDS: Record<ClaimStatus, string> = {
  NotFinalized: "not finalized",
  NoSubmission: "no submission",
  Claimable: "claimable",
  Claimed: "claimed",
  Expired: "expired",
};

/** A claim status as the report writes it. */
export function statusWord(status: ClaimStatus): string {
  return STATUS_WORDS[status] ?? String(status).toLowerCase();
}

/**
 * The review in words, as the deploy tool writes it: late flag, each reviewer's reason,
 * disagreement, dispute. No `|`, `,` or line break survives (a Markdown cell or a CSV field).
 */
export function reviewWords(entry: ReportEntry | null): string {
  if (!entry) return "";
  const parts: string[] = [];
  if (entry.late) parts.push("late report");
  for (const reason of entry.reasons) parts.push(reason ? `reason: ${reason}` : "reviewed");
  if (entry.flagged) parts.push("reviewers disagree");
  if (entry.dispute) parts.push(`disputed (${entry.dispute.reason}), ${entry.dispute.answered ? "rescored" : "not rescored"}`);
  return parts.join("; ").replace(/[|,\n]/g, " ");
}

/** A member's line from its registry rank, its month entry (if any) and the pool's preview. */
export function lineOf(
  member: number,
  wallet: string,
  heldRank: string,
  entry: ReportEntry | null,
  preview: { status: ClaimStatus; perDepartment: bigint[]; bonus: bigint; percentageBps: number },
): ReportLine {
  return {
    member,
    wallet,
    rank: entry?.rank ?? heldRank,
    points: entry?.points ?? null,
    percentageBps: preview.percentageBps,
    reward: preview.perDepartment.reduce((a, b) => a + b, 0n),
    bonus: preview.bonus,
    review: reviewWords(entry),
    status: preview.status,
  };
}

/** The report as CSV, one row per member, amounts in whole tokens: the deploy tool's columns. */
export function reportCsv(month: number, lines: ReportLine[], decimals: number): string {
  const head = `month,member,wallet,rank,${DEPARTMENT_HEADS.map((d) => d.toLowerCase()).join(",")},percentage_bps,reward,bonus,review,status\n`;
  return (
    head +
    lines
      .map((l) =>
        [
          month,
          l.member,
          l.wallet,
          l.rank,
          ...(l.points ?? DEPARTMENT_HEADS.map(() => "")),
          l.percentageBps,
          plainTokens(l.reward, decimals),
          plainTokens(l.bonus, decimals),
          l.review,
          statusWord(l.status),
        ].join(",") + "\n",
      )
      .join("")
  );
}

/** Totals a lead checks the table against: paid so far and what is still claimable. */
export function reportTotals(lines: ReportLine[]): { members: number; reported: number; owed: bigint; claimed: bigint; expired: bigint } {
  let owed = 0n;
  let claimed = 0n;
  let expired = 0n;
  for (const l of lines) {
    const due = l.reward + l.bonus;
    if (l.status === "Claimable") owed += due;
    else if (l.status === "Claimed") claimed += due;
    else if (l.status === "Expired") expired += due;
  }
  return { members: lines.length, reported: lines.filter((l) => l.status !== "NoSubmission").length, owed, claimed, expired };
}

/**
 * Runs `task` over `items` with at most `width` at a time (reads over one socket pipeline well;
 * thousands at once would not), calling `progress` after each; results in input order.
 */
export async function inBatches<T, R>(items: T[], width: number, task: (item: T) => Promise<R>, progress?: (done: number) => void): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]);
      progress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}
