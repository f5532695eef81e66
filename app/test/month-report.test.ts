import { describe, expect, it } from "vitest";
import { inBatches, lineOf, reportCsv, reportTotals, reviewWords, type ReportEntry } from "../src/month-report";

const entry = (over: Partial<ReportEntry> = {}): ReportEntry => ({
  rank: "Ambassador",
  late: false,
  reasons: [],
  flagged: false,
  points: [18, 0, 26, 0, 0, 0, 0],
  ...over,
});
const UNIT = 10n ** 12n;
const preview = (status: "Claimable" | "Claimed" | "Expired" | "NoSubmission" | "NotFinalized", reward: bigint[], bonus = 0n, bps = 0) => ({
  status,
  perDepartment: reward,
  bonus,
  percentageBps: bps,
});

describe("the review in words (the deploy tool's wording)", () => {
  it("says the late flag, each reason, the disagreement and the dispute, in that order (commas blanked as the tool does)", () => {
    const words = reviewWords(entry({ late: true, reasons: ["great threads", ""], flagged: true, dispute: { reason: "missed my talk", answered: true } }));
    expect(words).toBe("late report; reason: great threads; reviewed; reviewers disagree; disputed (missed my talk)  rescored");
    expect(reviewWords(entry({ dispute: { reason: "x", answered: false } }))).toBe("disputed (x)  not rescored");
  });
  it("keeps a CSV field and a table cell whole: no comma, bar or line break survives", () => {
    expect(reviewWords(entry({ reasons: ["a, b | c\nd"] }))).toBe("reason: a  b   c d");
  });
  it("is empty without a report", () => {
    expect(reviewWords(null)).toBe("");
  });
});

describe("a member's line", () => {
  it("sums the departments, keeps the rank reported at, and takes the status from the pool", () => {
    const l = lineOf(3, "5Grw", "Senior", entry({ rank: "Ambassador" }), preview("Claimable", [10n * UNIT, 0n, 5n * UNIT, 0n, 0n, 0n, 0n], UNIT, 4_425));
    expect(l).toMatchObject({ member: 3, rank: "Ambassador", reward: 15n * UNIT, bonus: UNIT, percentageBps: 4_425, status: "Claimable" });
  });
  it("without a report: the rank held, no points, no review", () => {
    const l = lineOf(4, "5Fx", "Candidate", null, preview("NoSubmission", [0n, 0n, 0n, 0n, 0n, 0n, 0n]));
    expect(l).toMatchObject({ rank: "Candidate", points: null, review: "", reward: 0n });
  });
});

describe("the report as CSV", () => {
  it("writes the deploy tool's columns, amounts in plain tokens, empty points for no report", () => {
    const lines = [
      lineOf(0, "5Grw", "Head", entry({ rank: "Head", reasons: ["ok"] }), preview("Claimed", [1_500n * UNIT + UNIT / 2n, 0n, 0n, 0n, 0n, 0n, 0n], 500n * UNIT, 10_000)),
      lineOf(1, "5Fx", "Candidate", null, preview("NoSubmission", [0n, 0n, 0n, 0n, 0n, 0n, 0n])),
    ];
    expect(reportCsv(42, lines, 12)).toBe(
      "month,member,wallet,rank,basic,cm,mk,cc,bd,tech,others,percentage_bps,reward,bonus,review,status\n" +
        "42,0,5Grw,Head,18,0,26,0,0,0,0,10000,1500.5,500,reason: ok,claimed\n" +
        "42,1,5Fx,Candidate,,,,,,,,0,0,0,,no submission\n",
    );
  });
  it("totals what is claimable, claimed and expired", () => {
    const lines = [
      lineOf(0, "a", "Head", entry(), preview("Claimed", [5n, 0n, 0n, 0n, 0n, 0n, 0n], 1n)),
      lineOf(1, "b", "Head", entry(), preview("Claimable", [7n, 0n, 0n, 0n, 0n, 0n, 0n])),
      lineOf(2, "c", "Head", entry(), preview("Expired", [3n, 0n, 0n, 0n, 0n, 0n, 0n])),
      lineOf(3, "d", "Head", null, preview("NoSubmission", [0n, 0n, 0n, 0n, 0n, 0n, 0n])),
    ];
    expect(reportTotals(lines)).toEqual({ members: 4, reported: 3, owed: 7n, claimed: 6n, expired: 3n });
  });
});

describe("reads in batches", () => {
  it("keeps input order and never runs more than the width at once", async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    const out = await inBatches(
      [5, 1, 4, 2, 3, 0, 6],
      3,
      async (n) => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, n));
        running--;
        return n * 10;
      },
      (done) => seen.push(done),
    );
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(most).toBe(3);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
  it("answers an empty list at once", async () => {
    expect(await inBatches([], 8, async () => 1)).toEqual([]);
  });
});
