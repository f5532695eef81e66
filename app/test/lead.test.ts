import { describe, expect, it } from "vitest";
import { bonusNeed, monthInWords, stageOf, type Dates, type MonthRecord } from "../src/lead";

const d: Dates = { start: 0, deadline: 10_000, reviewEnd: 40_000, scoresFinal: 50_000 };
const tokens = (a: bigint) => `${a} UNIT`;
const month = (over: Partial<MonthRecord> = {}): MonthRecord => ({
  funded: 100,
  submissions: 3,
  heads: 1,
  seniors: 2,
  paid: 0,
  bonusPaid: 0,
  swept: false,
  flagged: 0,
  disputes: 0,
  late: 0,
  finalized: null,
  ...over,
});
const fin = { settlement: { pool: 100, slices: [10, 0, 20, 0, 0, 0, 0], carried: 70 }, bonusReserved: 8, claimDeadline: 90_000, finalizedAt: 60_000 };

describe("where a month stands", () => {
  it("walks through the month's windows in chain time", () => {
    expect(stageOf(month(), d, -1, 0)).toBe("upcoming");
    expect(stageOf(month(), d, 0, 0)).toBe("open");
    expect(stageOf(month(), d, 10_000, 0)).toBe("review");
    expect(stageOf(month(), d, 40_000, 0)).toBe("disputes");
    expect(stageOf(month(), d, 50_000, 0)).toBe("to-finalize");
  });

  it("says a month before the next one to finalize will never be finalized", () => {
    expect(stageOf(month(), d, 60_000, 0, 5, 3)).toBe("passed-over");
    expect(stageOf(month(), d, 60_000, 0, 5, 5)).toBe("to-finalize");
    expect(monthInWords(month(), d, 60_000, 0, undefined, tokens, 5, 3)).toBe("Never finalized: a later month was finalized first (months are finalized in order), so this one pays nothing; its 100 UNIT can be swept into the month finalized next (anyone may).");
    expect(stageOf(month({ swept: true }), d, 60_000, 0, 5, 3)).toBe("swept");
  });

  it("times the claim window on the pool's running clock, not on wall time", () => {
    // Wall time is past the deadline but the pool was paused: claims still run.
    expect(stageOf(month({ finalized: fin }), d, 200_000, 89_999)).toBe("claims");
    expect(stageOf(month({ finalized: fin }), d, 200_000, 90_000)).toBe("sweep-due");
    expect(stageOf(month({ finalized: fin, swept: true }), d, 200_000, 90_000)).toBe("swept");
  });
});

describe("the dashboard's words", () => {
  it("says what the month needs next", () => {
    expect(monthInWords(month(), d, 2_000, 0, 150n, tokens)).toBe("Taking reports: 3 reports, deadline in 8 s; 100 UNIT of a 150 UNIT pool funded: 50 UNIT short.");
    expect(monthInWords(month({ flagged: 1 }), d, 20_000, 0, 100n, tokens)).toBe("In review: 3 reports, 20 s left to score, 1 with reviewers disagreeing; funded (100 UNIT for a 100 UNIT pool).");
    expect(monthInWords(month(), d, 60_000, 0, 100n, tokens)).toContain("waiting for the council to finalize");
  });
  it("says how far the review got when the scored entries were counted", () => {
    expect(monthInWords(month(), d, 20_000, 0, 100n, tokens, undefined, 4, 1)).toBe("In review: 3 reports, 1 scored, 2 not yet, 20 s left to score; funded (100 UNIT for a 100 UNIT pool).");
    expect(monthInWords(month({ disputes: 1 }), d, 45_000, 0, 100n, tokens, undefined, 4, 3)).toBe("Dispute window (3 scored): 1 dispute, scores final in 5 s; funded (100 UNIT for a 100 UNIT pool).");
    expect(monthInWords(month(), d, 60_000, 0, 100n, tokens, undefined, 4, 2)).toBe("Scores final, waiting for the council to finalize: 3 reports, 2 scored, 1 not yet; funded (100 UNIT for a 100 UNIT pool).");
    expect(monthInWords(month({ finalized: fin, paid: 10, bonusPaid: 4 }), d, 70_000, 70_000, undefined, tokens)).toBe("Finalized: 14 UNIT claimed of at most 38 UNIT, claim window ends in 20 s.");
  });

  it("adds up the bonuses a finalize sets aside", () => {
    expect(bonusNeed(month(), 4_000, "0x7d0")).toBe(8_000n);
  });
});
