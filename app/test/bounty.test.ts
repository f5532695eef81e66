import { describe, expect, it } from "vitest";
import { lineInWords, milestoneInWords, periodInWords, readBountyForm, statusInWords, type BountyForm, type BountyReport } from "../src/bounty";

const tokens = (a: bigint) => `${a} UNIT`;
const DAY = 86_400_000;
const form = (over: Partial<BountyForm> = {}): BountyForm => ({
  curator: "5Curator",
  description: "https://forum/bounty",
  from: 0,
  to: 30 * DAY,
  lines: [
    { name: "weekly bounties", cap: "60" },
    { name: "events", cap: "40.5" },
  ],
  milestones: [
    { description: "first half", due: 15 * DAY, sharePercent: "50" },
    { description: "second half", due: 30 * DAY, sharePercent: "50" },
  ],
  feePercent: "2.5",
  ...over,
});

describe("proposing a bounty", () => {
  it("sums the lines into the total, shares to bps, texts to bytes", () => {
    const r = readBountyForm(form(), 1);
    expect(r.problems).toEqual([]);
    expect(r.total).toBe(1005n);
    const [curator, description, period, total, lines, milestones, fee] = r.args!;
    // The last day is included: the contract's end is the day after, exclusive.
    expect([curator, period, total, fee]).toEqual(["5Curator", [0, 31 * DAY], "1005", 250]);
    expect(description).toBe("0x" + Buffer.from("https://forum/bounty").toString("hex"));
    expect((lines as unknown[][]).map((l) => l[1])).toEqual(["600", "405"]);
    expect((milestones as unknown[][]).map((m) => [m[1], m[2]])).toEqual([[15 * DAY, 5000], [30 * DAY, 5000]]);
  });

  it("names each problem by its row before anything is signed", () => {
    const r = readBountyForm(
      form({ to: -1, lines: [{ name: "", cap: "1,000" }], milestones: [{ description: "all", due: 0, sharePercent: "90" }], feePercent: "x" }),
      12,
    );
    expect(r.args).toBeUndefined();
    expect(r.problems).toEqual([
      "The period ends before it starts.",
      "Line 1: give it a name.",
      "Line 1: Write the amount without thousands separators, with a point for decimals (84000.5).",
      "The milestones' shares add up to 90 %, not 100 %.",
      "The curator fee is a percentage from 0 to 100, such as 2.5.",
    ]);
  });
});

describe("a bounty in words", () => {
  const report = (status: unknown, over: Partial<BountyReport["proposal"]> = {}) =>
    ({ proposal: { status, refunded: 40, feePaid: 3, feeClaimed: false, ...over }, lines: [], milestones: [], unlocked: 0, spendable: 0 }) as unknown as BountyReport;

  it("says what the close paid and refunded", () => {
    expect(statusInWords(report("Closed"), tokens)).toBe("Closed: 40 UNIT refunded to the treasury, curator fee 3 UNIT (not collected yet)");
    expect(statusInWords(report({ active: null }), tokens)).toContain("Active");
  });

  it("shows a line's cap, spent and left, and a milestone's share, due date and state", () => {
    expect(lineInWords({ name: "", budget: { cap: 100, spent: "0x1e" } }, tokens)).toBe("cap 100 UNIT, spent 30 UNIT, left 70 UNIT");
    const m = { descriptionRef: "", dueMs: 2 * DAY, shareBps: 2500, state: "Submitted", reportRef: "", reportVersion: 1, reasonRef: "" };
    expect(milestoneInWords(m, DAY)).toBe("25 %, due in 1 d 0 h, report waiting for the council");
    expect(milestoneInWords({ ...m, state: "Approved" }, 3 * DAY)).toBe("25 %, approved: its share is unlocked");
    expect(milestoneInWords({ ...m, state: "Pending" }, 3 * DAY)).toBe("25 %, past its due date, no report yet");
  });

  it("shows the period as its first and last day in UTC, whatever the reader's time zone", () => {
    const nov1 = Date.UTC(2026, 10, 1);
    expect(periodInWords([nov1, Date.UTC(2026, 11, 1)])).toBe("2026-11-01 – 2026-11-30");
    expect(readBountyForm(form({ feePercent: "101" }), 12).problems).toContain("The curator fee is a percentage from 0 to 100, such as 2.5.");
  });
});
