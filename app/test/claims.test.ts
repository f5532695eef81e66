import { describe, expect, it } from "vitest";
import {
  awardStatus,
  bytesText,
  icsCalendar,
  monthReminders,
  reviewText,
  sendErrorInWords,
  claimableMonths,
  daysLeft,
  totalOf,
  type MonthPreview,
} from "../src/claims";


function preview(month: number, status: MonthPreview["status"], total: bigint, claimEndMs?: number): MonthPreview {
  return { month, status, perDepartment: [], bonus: 0n, total, percentageBps: 0, claimEndMs };
}

describe("claim windows", () => {
  it("counts whole days left, zero once closed", () => {
    expect(daysLeft(1_000, 1_000)).toBe(0);
    expect(daysLeft(86_400_000, 0)).toBe(1);
    expect(daysLeft(86_400_001, 0)).toBe(2);
    expect(daysLeft(0, 5)).toBe(0);
  });

  it("claims only claimable months still in their window, oldest first", () => {
    const previews = [
      preview(684, "Claimable", 3n, 10_000),
      preview(682, "Claimable", 1n, 10_000),
      preview(683, "Claimed", 2n, 10_000),
      preview(681, "Claimable", 5n, 500),
      preview(685, "NotFinalized", 0n),
      preview(680, "NoSubmission", 0n),
    ];
    const months = claimableMonths(previews, 1_000);
    expect(months).toEqual([682, 684]);
    expect(totalOf(previews, months)).toBe(4n);
  });
});

describe("words", () => {
  it("explains why a transaction was not sent", () => {
    expect(sendErrorInWords("Cancelled")).toBe("Not sent: you declined to sign in your wallet.");
    expect(sendErrorInWords("Rejected by user")).toBe("Not sent: you declined to sign in your wallet.");
    expect(sendErrorInWords("1010: Invalid Transaction: Inability to pay some fees")).toBe(
      "Not sent: this wallet cannot pay the transaction fee.",
    );
    expect(sendErrorInWords("disconnected")).toBe("Not sent: disconnected");
  });
});

describe("awards", () => {
  const award = (state: "Pending" | "Claimed" | "Cancelled", at: number | null) => ({ id: 1, amount: 5n, state, claimableAtMs: at });

  it("counts the payout delay down, then lets the recipient claim", () => {
    expect(awardStatus(award("Pending", 10 * 3_600_000), 0)).toEqual({ claimable: false, text: "Payout in 10 h" });
    expect(awardStatus(award("Pending", 7 * 86_400_000), 0)).toEqual({ claimable: false, text: "Payout in 7 days" });
    // A node's demo delay of seconds, and one of an hour and a half.
    expect(awardStatus(award("Pending", 5_000), 0)).toEqual({ claimable: false, text: "Payout in 5 s" });
    expect(awardStatus(award("Pending", 5_400_000), 0)).toEqual({ claimable: false, text: "Payout in 90 min" });
    expect(awardStatus(award("Pending", 100), 100)).toEqual({ claimable: true, text: "Claimable" });
    expect(awardStatus(award("Claimed", 0), 100).claimable).toBe(false);
    expect(awardStatus(award("Cancelled", 0), 100).text).toBe("Cancelled");
    // While the bounty contract is paused the delay waits, and the page says so.
    expect(awardStatus(award("Pending", null), 100)).toEqual({
      claimable: false,
      text: "Payout on hold: the bounty contract is paused",
    });
  });

});

describe("review, reminders", () => {
  it("puts the review in words: late flag, reasons, disagreement, dispute", () => {
    expect(reviewText(null)).toBe("");
    expect(reviewText({ late: false, reasons: [], flagged: false })).toBe("Not reviewed yet");
    expect(reviewText({ late: true, reasons: ["links must open", ""], flagged: true, dispute: { answered: false } })).toBe(
      "Late report · Reviewer: “links must open” · Reviewed (no reason given) · Reviewers disagree: the council will look · You disputed: awaiting a rescore",
    );
    expect(reviewText({ late: false, reasons: ["ok"], flagged: false, dispute: { answered: true } })).toContain("rescored");
    expect(bytesText("0x6c696e6b73")).toBe("links");
    expect(bytesText("plain")).toBe("plain");
  });

  it("writes the program's dates as a calendar file with a reminder a day before", () => {
    const july = Date.UTC(2024, 6, 1);
    const dates = monthReminders("2024-07", {
      start: july,
      deadline: Date.UTC(2024, 7, 6),
      reviewEnd: Date.UTC(2024, 7, 11),
      scoresFinal: Date.UTC(2024, 7, 14),
    });
    expect(dates.map((d) => d.title)).toEqual([
      "2024-07: report deadline",
      "2024-07: review ends, disputes open",
      "2024-07: disputes close, scores final",
    ]);
    const ics = icsCalendar([...dates, { title: "2024-06: claim window ends, claim by then", atMs: Date.UTC(2024, 11, 1) }], july);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(4);
    expect(ics).toContain("DTSTART:20240806T000000Z");
    expect(ics).toContain("TRIGGER:-P1D");
    expect(ics).toContain("SUMMARY:2024-06: claim window ends\\, claim by then");
    // Without a dispute window the review's end is when scores are final.
    const none = monthReminders("p3", { start: 0, deadline: 10, reviewEnd: 20, scoresFinal: 20 });
    expect(none.map((d) => d.title)).toEqual(["p3: report deadline", "p3: review ends, scores final"]);
  });
});
