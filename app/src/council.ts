// The council's terms, without a chain library: a governor proposal's action and state in words,
// and which of approve, revoke, cancel and execute a council member may use on it now. The
// contract decides; this only says what it would decide, so the page offers the right buttons
// (a dry run still checks each before the wallet is asked).

import { big, countdown } from "./program";

/** An enum value as polkadot.js renders it: "Name" (a basic enum) or `{ name: fields }`. */
export function variant(value: unknown): [string, Record<string, unknown>] {
  if (typeof value === "string") return [value.charAt(0).toLowerCase() + value.slice(1), {}];
  if (value && typeof value === "object") {
    const [name, fields] = Object.entries(value as Record<string, unknown>)[0] ?? ["", null];
    return [name, fields && typeof fields === "object" ? (fields as Record<string, unknown>) : {}];
  }
  return ["", {}];
}

/** An address shortened for a sentence: "5GrwvaEF…oHGKutQY". */
export function shortAddress(address: unknown): string {
  const s = String(address ?? "");
  return s.length > 16 ? `${s.slice(0, 8)}…${s.slice(-8)}` : s;
}

/** How the words name things the action mentions: months, amounts, accounts, references. */
export interface Wording {
  month(id: number): string;
  tokens(amount: bigint): string;
  account(address: string): string;
  text(bytes: unknown): string;
}

const TARGETS: Record<string, string> = { registry: "registry", rewardPool: "reward pool", bounty: "bounty contract" };
const target = (t: unknown) => TARGETS[variant(t)[0]] ?? String(t);
const rank = (r: unknown) => {
  const name = variant(r)[0];
  return name.charAt(0).toUpperCase() + name.slice(1);
};
const why = (w: Wording, ref: unknown) => {
  const t = w.text(ref);
  return t ? `: “${t}”` : "";
};
const list = (w: Wording, accounts: unknown) => ((accounts as unknown[]) ?? []).map((a) => w.account(String(a))).join(", ");

/** A governor `Action` in the program's words: "Finalize 2026-11 with a pool of 84,000 PHA". */
export function actionInWords(action: unknown, w: Wording): string {
  const [name, f] = variant(action);
  const n = (k: string) => Number(f[k]);
  switch (name) {
    case "finalizeMonth":
      return `Finalize ${w.month(n("month"))} with a pool of ${w.tokens(big(f.pool))}`;
    case "fundMonth":
      return `Fund ${w.month(n("month"))} with ${w.tokens(big(f.amount))}`;
    case "fundBonusReserve":
      return `Top up the bonus reserve with ${w.tokens(big(f.amount))}`;
    case "setPoolConfig":
      return "Change the reward pool's configuration (for the months not yet finalized)";
    case "setReviewers": {
      const add = list(w, f.add);
      const remove = list(w, f.remove);
      return `Reviewers: ${[add && `add ${add}`, remove && `remove ${remove}`].filter(Boolean).join("; ") || "no change"}`;
    }
    case "setFunder":
      return f.funder ? `Let ${w.account(String(f.funder))} feed months of the pool` : "Let no account feed months of the pool";
    case "approveBounty":
      return `Approve bounty ${n("id")}, sending ${w.tokens(big(f.funding))}`;
    case "rejectBounty":
      return `Reject bounty ${n("id")}${why(w, f.reasonRef)}`;
    case "decideMilestone":
      return `${f.approve ? "Approve" : "Reject"} milestone ${n("milestone") + 1} of bounty ${n("id")} (report ${n("report")})${why(w, f.reasonRef)}`;
    case "cancelAward":
      return `Cancel award ${n("award")}`;
    case "cancelBounty":
      return `Cancel bounty ${n("id")}`;
    case "acceptApplication":
      return `Accept ${w.account(String(f.who))}'s application as ${rank(f.rank)}`;
    case "rejectApplication":
      return `Reject ${w.account(String(f.who))}'s application${why(w, f.reasonRef)}`;
    case "induct":
      return `Induct ${w.account(String(f.who))} as ${rank(f.rank)}`;
    case "setRank":
      return `Set member ${n("member")}'s rank to ${rank(f.rank)}`;
    case "suspend":
      return `Suspend member ${n("member")}${why(w, f.reasonRef)}`;
    case "unsuspend":
      return `Lift member ${n("member")}'s suspension`;
    case "removeMember":
      return `Remove member ${n("member")}${why(w, f.reasonRef)}`;
    case "setRegistryParams":
      return "Change the promotion and exit rules (from the month after the current one)";
    case "setAuthorised": {
      const role = variant(f.role)[0] === "bounty" ? "bounty contract (records contributions)" : "reward pool (records months)";
      return f.account ? `Authorise ${w.account(String(f.account))} as the registry's ${role}` : `Authorise no contract as the registry's ${role}`;
    }
    case "pause":
      return `Pause the ${target(f.target)}`;
    case "unpause":
      return `Unpause the ${target(f.target)}`;
    case "upgrade":
      return `Upgrade the ${target(f.target)} to code ${shortAddress(f.codeHash)}`;
    case "handOver":
      return `Hand the ${target(f.target)} over to ${w.account(String(f.to))}`;
    case "acceptGovernance":
      return `Take over governance of the ${target(f.target)}`;
    case "addCouncilMember":
      return `Seat ${w.account(String(f.who))} on the council`;
    case "removeCouncilMember":
      return `Unseat ${w.account(String(f.who))} from the council`;
    case "replaceCouncilMember":
      return `Give ${w.account(String(f.old))}'s council seat to ${w.account(String(f.new))}`;
    case "setThreshold":
      return `Set the approval threshold to ${n("threshold")}`;
    case "setTimes":
      return `Set the timelock to ${duration(n("timelockMs"))} and new proposals' lifetime to ${duration(n("expiryMs"))}`;
    case "setSuite":
      return "Point the governor at other suite contracts";
    case "transfer":
      return `Pay ${w.tokens(big(f.amount))} from the treasury to ${w.account(String(f.to))}`;
    case "upgradeGovernor":
      return `Upgrade the governor to code ${shortAddress(f.codeHash)}`;
    case "setCurator":
      return `Make ${w.account(String(f.curator))} the curator of bounty ${n("id")}`;
    case "closeBounty":
      return `Close bounty ${n("id")} and refund what is left`;
    case "withdrawWallet":
      return `Drop member ${n("member")}'s proposed wallet move`;
    case "windDownPool":
      return "Wind the reward pool down (no more funding or reports)";
    case "releasePool":
      return "Return what the wound-down pool still holds to the treasury";
    default:
      return `Unknown action ${name}`;
  }
}

/** A duration in ms in words: "1 s", "10 min", "7 d". */
export function duration(ms: number): string {
  if (ms % 86_400_000 === 0 && ms > 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000} min`;
  if (ms % 1_000 === 0) return `${ms / 1_000} s`;
  return `${ms} ms`;
}

/** A proposal as the governor's `proposal` view returns it, as the page needs it. */
export interface ProposalView {
  proposal: {
    proposer: string;
    action: unknown;
    descriptionRef: unknown;
    createdAt: number;
    expiresAt: number;
    approvals: Array<{ who: string }>;
    cancelVotes: Array<{ who: string }>;
  };
  state: unknown;
  approvals: number;
  cancelVotes: number;
  threshold: number;
}

/** The proposal's stage, as its state and chain time make it. */
export type Stage = "open" | "timelock" | "executable" | "executed" | "cancelled" | "expired";

/**
 * The stage at `now` (chain time): the governor's state, with time moved on since it was read (a
 * timelock that ran out is executable; an open proposal past its expiry is expired).
 */
export function stageOf(view: ProposalView, now: number): { stage: Stage; executableAt?: number } {
  const [name, f] = variant(view.state);
  if (name === "executed") return { stage: "executed" };
  if (name === "cancelled") return { stage: "cancelled" };
  if (name === "expired" || now >= Number(view.proposal.expiresAt)) return { stage: "expired" };
  if (name === "executable") return { stage: "executable" };
  if (name === "approved") {
    const at = Number(f.executableAt);
    return now >= at ? { stage: "executable" } : { stage: "timelock", executableAt: at };
  }
  return { stage: "open" };
}

/** The proposal's state in words, with its countdowns: "Approved, in timelock: executable in 42 s". */
export function stateInWords(view: ProposalView, now: number): string {
  const { stage, executableAt } = stageOf(view, now);
  const expires = `expires in ${countdown(Number(view.proposal.expiresAt), now)}`;
  const votes = `${view.approvals} of ${view.threshold} approvals`;
  switch (stage) {
    case "open":
      return `Open: ${votes}, ${expires}`;
    case "timelock":
      return `Approved (${votes}), in timelock: executable in ${countdown(executableAt!, now)}, ${expires}`;
    case "executable":
      return `Approved (${votes}) and executable now: anyone may execute it, ${expires}`;
    case "executed":
      return "Executed";
    case "cancelled":
      return "Cancelled";
    case "expired":
      return "Expired: not executed in time";
  }
}

/** What `me` may do with the proposal now; `same` compares addresses across formats. */
export function choices(view: ProposalView, me: string, onCouncil: boolean, now: number, same: (a: string, b: string) => boolean) {
  const { stage } = stageOf(view, now);
  const open = stage === "open" || stage === "timelock" || stage === "executable";
  const approved = view.proposal.approvals.some((s) => same(String(s.who), me));
  const cancelVoted = view.proposal.cancelVotes.some((s) => same(String(s.who), me));
  const proposer = same(String(view.proposal.proposer), me);
  return {
    approve: open && onCouncil && !approved,
    revoke: open && onCouncil && approved,
    /** The proposer cancels at once; another member's cancel is a vote. */
    cancel: open && onCouncil && !cancelVoted ? (proposer ? "Cancel" : "Vote to cancel") : undefined,
    execute: stage === "executable",
  };
}
