// The claim page's state logic, free of any chain library so that it is unit-tested alone:
// token amounts, claim windows, which months a member can claim, and contract errors in words.

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

/** `amount` smallest units as a token amount with at most `shown` decimals, rounded down. */
export function formatAmount(amount: bigint, decimals: number, shown = 2): string {
  if (amount < 0n) return "-" + formatAmount(-amount, decimals, shown);
  const unit = 10n ** BigInt(decimals);
  const whole = amount / unit;
  const fraction = (amount % unit).toString().padStart(decimals, "0").slice(0, shown);
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return shown > 0 && decimals > 0 ? `${grouped}.${fraction.padEnd(shown, "0")}` : grouped;
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

/** A month id of the UTC-months calendar as YYYY-MM (id 0 = January 1970). */
export function monthName(id: number): string {
  const year = 1970 + Math.floor(id / 12);
  return `${year}-${String((id % 12) + 1).padStart(2, "0")}`;
}

const WORDS: Record<string, string> = {
  NotMember: "This wallet is not a member of the program.",
  AlreadyClaimed: "That month has already been claimed.",
  ClaimWindowClosed: "The claim window for that month has closed.",
  NotFinalized: "That month is not finalized yet.",
  NothingToClaim: "There is nothing to claim for that month.",
  Paused: "The reward pool is paused by governance.",
  TransferFailed: "The payout transfer failed; tell the program lead.",
  BadMonthCount: "Claim between one and twelve months at a time.",
  DuplicateMonth: "A month was selected twice.",
  NotRecipient: "This award belongs to another wallet.",
  AwardCancelled: "Governance cancelled this award during its payout delay.",
  PayoutDelayRunning: "The award's payout delay has not passed yet.",
};

/** A contract error variant (as the contract's metadata names it) in words for the page. */
export function errorInWords(variant: string): string {
  return WORDS[variant] ?? `The contract refused the claim (${variant}).`;
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

const DEPARTMENTS = ["Basic", "CM", "MK", "CC", "BD", "Tech", "Others"];

/** A month's reward per department in words, departments without reward left out. */
export function perDepartmentText(amounts: bigint[], decimals: number): string {
  return amounts
    .map((a, i) => (a > 0n ? `${DEPARTMENTS[i]} ${formatAmount(a, decimals)}` : ""))
    .filter(Boolean)
    .join(" · ");
}
