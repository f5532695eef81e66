// The claim page's state logic, free of any chain library so that it is unit-tested alone:
// claim windows, which months a member can claim, awards, reviews and reminders in words, and why
// a transaction was not sent.

/** Where a member's month stands (the pool's `ClaimStatus`). */
export type ClaimStatus = "NotFinalized" | "NoSubmission" | "Claimable" | "Claimed" | "Expired";

/** A member's month as the pool's `preview` returns it, amounts in smallest units. */
export interface MonthPreview {
  month: number;
  status: ClaimStatus;
  perDepartment: bigint[];
  bonus: bigint;
  total: bigint;
  percentageBps: number;
  /** When the claim window closes (ms), once finalized. */
  claimEndMs?: number;
}

/** Whole days left before `endMs` at `nowMs` (0 once it has passed). */
export function daysLeft(endMs: number, nowMs: number): number {
  return endMs <= nowMs ? 0 : Math.ceil((endMs - nowMs) / 86_400_000);
}

/** The months that one claim may carry: claimable now, oldest first. */
export function claimableMonths(previews: MonthPreview[], nowMs: number): number[] {
  return previews
    .filter((p) => p.status === "Claimable" && (p.claimEndMs === undefined || nowMs < p.claimEndMs))
    .map((p) => p.month)
    .sort((a, b) => a - b);
}

/** The total that claiming `months` pays. */
export function totalOf(previews: MonthPreview[], months: number[]): bigint {
  return previews.filter((p) => months.includes(p.month)).reduce((sum, p) => sum + p.total, 0n);
}

/**
 * A bounty award as the bounty contract's `award_of` returns it, with `claimable_at`: when its
 * payout delay ends as a wall time, or null while the bounty contract is paused (the delay is
 * counted in unpaused time, so it waits).
 */
export interface Award {
  id: number;
  amount: bigint;
  state: "Pending" | "Claimed" | "Cancelled";
  claimableAtMs: number | null;
}

/** Where an award stands for its recipient at `nowMs`, with the payout-delay countdown. */
export function awardStatus(award: Award, nowMs: number): { claimable: boolean; text: string } {
  if (award.state !== "Pending") return { claimable: false, text: award.state };
  if (award.claimableAtMs === null) {
    return { claimable: false, text: "Payout on hold: the bounty contract is paused" };
  }
  if (nowMs >= award.claimableAtMs) return { claimable: true, text: "Claimable" };
  const ms = award.claimableAtMs - nowMs;
  const hours = Math.ceil(ms / 3_600_000);
  let text: string;
  if (ms <= 120_000) text = `Payout in ${Math.ceil(ms / 1_000)} s`;
  else if (ms <= 7_200_000) text = `Payout in ${Math.ceil(ms / 60_000)} min`;
  else if (hours <= 48) text = `Payout in ${hours} h`;
  else text = `Payout in ${daysLeft(award.claimableAtMs, nowMs)} days`;
  return { claimable: false, text };
}

/**
 * Why a transaction was not sent, in words: the wallet's refusal to sign, or a node refusing it
 * because the account cannot pay the fee; anything else verbatim.
 */
export function sendErrorInWords(message: string): string {
  if (/cancel|reject|denied|declined/i.test(message)) return "Not sent: you declined to sign in your wallet.";
  if (/1010|inability to pay|too low/i.test(message)) return "Not sent: this wallet cannot pay the transaction fee.";
  return `Not sent: ${message}`;
}

/** A `Vec<u8>` reference as polkadot.js renders it ("0x…" hex), as text; other input unchanged. */
export function bytesText(value: unknown): string {
  const s = String(value ?? "");
  if (!/^0x([0-9a-f]{2})*$/i.test(s)) return s;
  const bytes = new Uint8Array((s.length - 2) / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(s.slice(2 + 2 * i, 4 + 2 * i), 16);
  return new TextDecoder().decode(bytes);
}

/** A member's entry for a month as the pool's `submission` returns it, as the page needs it. */
export interface EntryReview {
  /** Filed after the deadline in a month that takes late reports. */
  late: boolean;
  /** Each reviewer's reason, in the order they scored. */
  reasons: string[];
  /** Reviewers disagree by more than the program's gap. */
  flagged: boolean;
  /** The member's dispute: undefined for none. */
  dispute?: { answered: boolean };
}

/** What the review said, in words for the member: late flag, reasons, dispute. */
export function reviewText(entry: EntryReview | null): string {
  if (!entry) return "";
  const parts: string[] = [];
  if (entry.late) parts.push("Late report");
  if (entry.reasons.length === 0) parts.push("Not reviewed yet");
  for (const reason of entry.reasons) parts.push(reason ? `Reviewer: “${reason}”` : "Reviewed (no reason given)");
  if (entry.flagged) parts.push("Reviewers disagree: the council will look");
  if (entry.dispute) parts.push(entry.dispute.answered ? "You disputed: rescored" : "You disputed: awaiting a rescore");
  return parts.join(" · ");
}

/** A date of the program worth a reminder. */
export interface ProgramDate {
  /** What happens, in words. */
  title: string;
  /** When (ms since the epoch, UTC). */
  atMs: number;
}

function icsTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/** Escapes text for an iCalendar TEXT value (RFC 5545 §3.3.11). */
function icsText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
}

/**
 * The program's dates as an iCalendar file (RFC 5545) a member imports into any calendar app:
 * one event per date, each with a reminder a day before. Lines end in CRLF as the format asks.
 */
export function icsCalendar(dates: ProgramDate[], nowMs: number): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//contributor-rewards//claim page//EN", "CALSCALE:GREGORIAN"];
  for (const date of [...dates].sort((a, b) => a.atMs - b.atMs)) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${date.atMs}-${date.title.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase()}@contributor-rewards`,
      `DTSTAMP:${icsTime(nowMs)}`,
      `DTSTART:${icsTime(date.atMs)}`,
      `DTEND:${icsTime(date.atMs)}`,
      `SUMMARY:${icsText(date.title)}`,
      "BEGIN:VALARM",
      "TRIGGER:-P1D",
      "ACTION:DISPLAY",
      `DESCRIPTION:${icsText(`Tomorrow: ${date.title}`)}`,
      "END:VALARM",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.join("\r\n") + "\r\n";
}

/** A month's dates as the pool's `month_dates` returns them (ms). */
export interface MonthDates {
  start: number;
  deadline: number;
  reviewEnd: number;
  scoresFinal: number;
}

/** The reminders of one month: its deadline, the review end and, if any, the dispute window's end. */
export function monthReminders(name: string, d: MonthDates): ProgramDate[] {
  const dates = [
    { title: `${name}: report deadline`, atMs: d.deadline },
    { title: `${name}: review ends${d.scoresFinal > d.reviewEnd ? ", disputes open" : ", scores final"}`, atMs: d.reviewEnd },
  ];
  if (d.scoresFinal > d.reviewEnd) dates.push({ title: `${name}: disputes close, scores final`, atMs: d.scoresFinal });
  return dates;
}
