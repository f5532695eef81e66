import { describe, expect, it } from "vitest";
import { actionInWords, choices, duration, stageOf, stateInWords, variant, type ProposalView, type Wording } from "../src/council";
import { big, parseTokens, plainTokens } from "../src/program";

const w: Wording = {
  month: (m) => `2026-${String(m - 670).padStart(2, "0")}`,
  tokens: (a) => `${(a / 10n ** 12n).toLocaleString("en-US")} PHA`,
  account: (a) => (a === "ME" ? "you" : `${a.slice(0, 4)}…`),
  text: (b) => String(b ?? ""),
};
const same = (a: string, b: string) => a === b;
const UNIT = 10n ** 12n;

function view(state: unknown, over: Partial<ProposalView["proposal"]> = {}, approvals = 1): ProposalView {
  return {
    proposal: { proposer: "ALICE", action: { fundMonth: { month: 681, amount: 84_000 } }, descriptionRef: "", createdAt: 0, expiresAt: 600_000, approvals: [{ who: "ALICE" }], cancelVotes: [], ...over },
    state,
    approvals,
    cancelVotes: 0,
    threshold: 2,
  };
}

describe("a proposal's action in words", () => {
  it("names months, amounts and ranks as the program does", () => {
    // Above 2^53 polkadot.js renders a u128 as hex.
    const pool = "0x" + (84_000n * UNIT).toString(16);
    expect(actionInWords({ finalizeMonth: { month: 680, pool } }, w)).toBe("Finalize 2026-10 with a pool of 84,000 PHA");
    expect(actionInWords({ fundMonth: { month: 681, amount: (84_000n * UNIT).toString() } }, w)).toBe("Fund 2026-11 with 84,000 PHA");
    expect(actionInWords({ fundBonusReserve: { amount: 12_000n * UNIT } }, w)).toBe("Top up the bonus reserve with 12,000 PHA");
    expect(actionInWords({ induct: { who: "5FHneW46", rank: "Candidate", evidenceRef: "" } }, w)).toBe("Induct 5FHn… as Candidate");
    expect(actionInWords({ setRank: { member: 3, rank: "Head" } }, w)).toBe("Set member 3's rank to Head");
    expect(actionInWords({ suspend: { member: 3, reasonRef: "plagiarism" } }, w)).toBe("Suspend member 3: “plagiarism”");
    expect(actionInWords({ decideMilestone: { id: 1, milestone: 0, report: 2, approve: true, reasonRef: "" } }, w)).toBe("Approve milestone 1 of bounty 1 (report 2)");
    expect(actionInWords({ pause: { target: "RewardPool" } }, w)).toBe("Pause the reward pool");
    expect(actionInWords({ setReviewers: { add: ["ME"], remove: [] } }, w)).toBe("Reviewers: add you");
    expect(actionInWords({ setTimes: { timelockMs: 86_400_000, expiryMs: 604_800_000 } }, w)).toBe("Set the timelock to 1 d and new proposals' lifetime to 7 d");
    expect(actionInWords("WindDownPool", w)).toBe("Wind the reward pool down (no more funding or reports)");
    expect(actionInWords({ windDownPool: null }, w)).toBe("Wind the reward pool down (no more funding or reports)");
  });

  it("reads enum values in both of polkadot.js's shapes", () => {
    expect(variant("Executable")).toEqual(["executable", {}]);
    expect(variant({ executable: null })).toEqual(["executable", {}]);
    expect(variant({ approved: { executableAt: 5 } })).toEqual(["approved", { executableAt: 5 }]);
    expect(big("0x10")).toBe(16n);
    expect(big(12)).toBe(12n);
    expect(duration(1_000)).toBe("1 s");
    expect(duration(1_500)).toBe("1500 ms");
  });
});

describe("a proposal's state in chain time", () => {
  it("counts the timelock down and turns executable when it ends, before the chain is read again", () => {
    const v = view({ approved: { executableAt: 10_000 } }, {}, 2);
    expect(stateInWords(v, 4_000)).toBe("Approved (2 of 2 approvals), in timelock: executable in 6 s, expires in 9 min 56 s");
    expect(stageOf(v, 10_000).stage).toBe("executable");
    expect(stateInWords(v, 10_000)).toContain("executable now");
  });

  it("says an open proposal expired once its lifetime is over", () => {
    expect(stateInWords(view({ pending: null }), 1_000)).toBe("Open: 1 of 2 approvals, expires in 9 min 59 s");
    expect(stateInWords(view({ pending: null }), 600_000)).toBe("Expired: not executed in time");
    expect(stateInWords(view("Executed"), 900_000)).toBe("Executed");
  });
});

describe("what a council member may do", () => {
  it("offers approve to those who have not, revoke to those who have, cancel to the proposer", () => {
    const open = view({ pending: null });
    expect(choices(open, "BOB", true, 0, same)).toEqual({ approve: true, revoke: false, cancel: "Vote to cancel", execute: false });
    expect(choices(open, "ALICE", true, 0, same)).toEqual({ approve: false, revoke: true, cancel: "Cancel", execute: false });
  });

  it("lets anyone execute once executable, and nobody vote on a closed proposal", () => {
    expect(choices(view("Executable", {}, 2), "STRANGER", false, 0, same)).toEqual({ approve: false, revoke: false, cancel: undefined, execute: true });
    expect(choices(view("Executed"), "BOB", true, 0, same)).toEqual({ approve: false, revoke: false, cancel: undefined, execute: false });
    expect(choices(view({ pending: null }), "BOB", true, 700_000, same).approve).toBe(false);
  });
});

describe("amounts typed by a person", () => {
  it("reads whole and decimal amounts exactly, and refuses what could be read two ways", () => {
    expect(parseTokens("84000", 12).amount).toBe(84_000n * UNIT);
    expect(parseTokens(" 0.000000000001 ", 12).amount).toBe(1n);
    expect(parseTokens("84_000.5", 12).amount).toBe(84_000n * UNIT + UNIT / 2n);
    expect(parseTokens("84,000", 12).problem).toContain("without thousands separators");
    expect(parseTokens("1.0000000000001", 12).problem).toBe("The token has 12 decimals: the amount has more.");
    expect(parseTokens("-5", 12).problem).toBeDefined();
    expect(parseTokens("", 12).problem).toBe("Enter an amount.");
    expect(plainTokens(84_000n * UNIT + UNIT / 2n, 12)).toBe("84000.5");
    expect(parseTokens(plainTokens(123_456_789_012_345n, 12), 12).amount).toBe(123_456_789_012_345n);
  });
});
