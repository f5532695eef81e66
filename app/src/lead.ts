// The program lead's view of the months, without a chain library: where each month stands (open,
// in review, waiting for its finalize, claims running, sweep due, swept) and what it needs next,
// from the pool's `month`, `month_dates` and `config_of` answers. The contract decides; this says
// what it would decide, so the dashboard names the next step.

import { big, countdown } from "./program";

/** A month's state as the pool's `month` view returns it, as the dashboard needs it. */
export interface MonthRecord {
  funded: unknown;
  submissions: number;
  heads: number;
  seniors: number;
  paid: unknown;
  bonusPaid: unknown;
  swept: boolean;
  flagged: number;
  disputes: number;
  late: number;
  finalized: null | { settlement: { pool: unknown; slices: unknown[]; carried: unknown }; bonusReserved: unknown; claimDeadline: number; finalizedAt: number };
}

/** A month's dates (chain time, ms). */
export interface Dates {
  start: number;
  deadline: number;
  reviewEnd: number;
  scoresFinal: number;
}

export type Stage = "upcoming" | "open" | "review" | "disputes" | "to-finalize" | "passed-over" | "claims" | "sweep-due" | "swept";

/**
 * Where a month stands at chain time `now`; `running` is the pool's running clock (claim
 * deadlines are on it: time spent paused does not count). `next` is the month the pool finalizes
 * next (the one after its last finalized), if it finalized any: months are finalized in order, so
 * an unfinalized month before it never will be.
 */
export function stageOf(m: MonthRecord, d: Dates, now: number, running: number, next?: number, month?: number): Stage {
  if (m.finalized) {
    if (m.swept) return "swept";
    return running >= Number(m.finalized.claimDeadline) ? "sweep-due" : "claims";
  }
  if (next !== undefined && month !== undefined && month < next) return m.swept ? "swept" : "passed-over";
  if (now < d.start) return "upcoming";
  if (now < d.deadline) return "open";
  if (now < d.reviewEnd) return "review";
  if (now < d.scoresFinal) return "disputes";
  return "to-finalize";
}

/** The Head and Senior bonuses a month's finalize sets aside from the reserve. */
export function bonusNeed(m: MonthRecord, headBonus: unknown, seniorBonus: unknown): bigint {
  return BigInt(m.heads) * big(headBonus) + BigInt(m.seniors) * big(seniorBonus);
}

/**
 * A month's line on the dashboard, in words. `scored`: how many of its reports have final points
 * (counted by the dashboard from the pool's `submissions_page` while the review runs).
 */
export function monthInWords(
  m: MonthRecord,
  d: Dates,
  now: number,
  running: number,
  pool: bigint | undefined,
  tokens: (a: bigint) => string,
  next?: number,
  month?: number,
  scored?: number,
): string {
  const funded = big(m.funded);
  const reports = `${m.submissions} report${m.submissions === 1 ? "" : "s"}${m.late ? ` (${m.late} late)` : ""}`;
  // How far the review got, when the dashboard counted the scored entries.
  const review = scored === undefined || m.submissions === 0 ? "" : `, ${scored} scored${m.submissions > scored ? `, ${m.submissions - scored} not yet` : ""}`;
  const funding = pool === undefined ? `${tokens(funded)} funded` : funded >= pool ? `funded (${tokens(funded)} for a ${tokens(pool)} pool)` : `${tokens(funded)} of a ${tokens(pool)} pool funded: ${tokens(pool - funded)} short`;
  switch (stageOf(m, d, now, running, next, month)) {
    case "upcoming":
      return `Opens in ${countdown(d.start, now)}; ${funding}.`;
    case "open":
      return `Taking reports: ${reports}, deadline in ${countdown(d.deadline, now)}; ${funding}.`;
    case "review":
      return `In review: ${reports}${review}, ${countdown(d.reviewEnd, now)} left to score${m.flagged ? `, ${m.flagged} with reviewers disagreeing` : ""}; ${funding}.`;
    case "disputes":
      return `Dispute window${review ? ` (${review.slice(2)})` : ""}: ${m.disputes} dispute${m.disputes === 1 ? "" : "s"}, scores final in ${countdown(d.scoresFinal, now)}; ${funding}.`;
    case "to-finalize":
      return `Scores final, waiting for the council to finalize: ${reports}${review}; ${funding}.`;
    case "passed-over":
      return `Never finalized: a later month was finalized first (months are finalized in order), so this one pays nothing${funded > 0n ? `; its ${tokens(funded)} can be swept into the month finalized next (anyone may)` : ""}.`;
    case "claims": {
      const f = m.finalized!;
      const owed = f.settlement.slices.reduce<bigint>((sum, s) => sum + big(s), 0n) + big(f.bonusReserved);
      return `Finalized: ${tokens(big(m.paid) + big(m.bonusPaid))} claimed of at most ${tokens(owed)}, claim window ends in ${countdown(Number(f.claimDeadline), running)}.`;
    }
    case "sweep-due":
      return `Claim window over: what is unclaimed can be swept into the open month (anyone may).`;
    case "swept":
      return m.finalized ? "Closed: unclaimed rewards swept into a later month." : "Never finalized; its funds were swept into a later month.";
  }
}
