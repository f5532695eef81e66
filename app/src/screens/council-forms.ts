// The council's forms for people, roles and brakes, in the program's terms: a member found by
// address or id (induct a newcomer; set the rank; suspend, lift a suspension, remove), the
// reviewers (add and remove in one proposal, each address checked), pausing or resuming a
// contract, and the awards still in their payout delay (cancel one). Each builds a governor
// `Action` and hands it to the Council screen's `propose`, which dry-runs it before the wallet
// asks; the contract decides, these only fill in what the council saw.

import { isAddress } from "@polkadot/util-crypto";
import { bytesText } from "../claims";
import { variant, type Wording } from "../council";
import { big, bytes, countdown } from "../program";
import { el, reference, txButton } from "../ui";
import type { BountyReport } from "../bounty";
import { awardIds, type AwardRecord } from "./bounties";
import type { Context } from "./context";

export type Propose = (action: unknown, done: string) => Promise<void>;

const RANKS = ["Candidate", "Ambassador", "Senior", "Head"] as const;

interface MemberRecord {
  wallet: string;
  rank: string;
  status: string;
  joinedAt: number;
  lastMonth: number | null;
  monthsRecorded: number;
}

/**
 * A member looked up by address or id, and what the council may propose for it: induct (not a
 * member), set the rank, suspend or lift a suspension, remove. `reason` is the screen's shared
 * reason field (required to suspend or remove).
 */
export function memberForm(ctx: Context, w: Wording, propose: Propose, reason: HTMLInputElement): HTMLElement {
  const { chain, address } = ctx;
  const lookup = el("input", { type: "text", id: "member-lookup", autocomplete: "off", placeholder: "an address, or a member id such as 7" });
  const out = el("div", { id: "member-actions" });
  const needReason = (what: string) => {
    if (reason.value.trim()) return bytes(reason.value.trim());
    ctx.say(`Give a reason to ${what}: a link or text the member can read.`, true);
    return undefined;
  };
  // A lookup answered after a newer one was asked is dropped: never a form for the wrong member.
  let asked = 0;
  lookup.addEventListener("change", () => void (async () => {
    const mine = ++asked;
    out.replaceChildren();
    const text = lookup.value.trim();
    const put = (...nodes: Node[]) => mine === asked && out.replaceChildren(...nodes);
    let id: number | undefined;
    if (/^\d+$/.test(text)) id = Number(text);
    else if (isAddress(text)) {
      const got = await chain.query<number | null>("registry", address, "member_id_of", text);
      if (!got.ok) return void put(el("p", { className: "error" }, got.words));
      if (got.value === null) return void put(...induct(text));
      id = Number(got.value);
    } else return void put(el("p", { className: "error" }, "Give an account address (SS58) or a member id."));
    const got = await chain.query<MemberRecord | null>("registry", address, "member", id);
    if (!got.ok) return void put(el("p", { className: "error" }, got.words));
    if (!got.value) return void put(el("p", {}, `There is no member ${id}.`));
    put(...member(id, got.value));
  })());

  function induct(who: string): Node[] {
    const rank = el("select", { id: "induct-rank" }, ...RANKS.map((r) => el("option", { value: r, textContent: r })));
    const evidence = el("input", { type: "text", id: "induct-evidence", placeholder: "https://… why this person joins" });
    return [
      el("p", {}, `${w.account(who)} is not a member. The council may induct it directly (an application, if it sent one, is under Waiting for the council).`),
      el("label", { htmlFor: "induct-rank" }, "Rank"),
      rank,
      el("label", { htmlFor: "induct-evidence" }, "Evidence (a link or text; required)"),
      evidence,
      txButton("Propose inducting", () => {
        if (!evidence.value.trim()) return ctx.say("Give the evidence the member joins on: a link or text.", true);
        void propose({ Induct: { who, rank: rank.value, evidenceRef: bytes(evidence.value.trim()) } }, "Induction proposed");
      }),
    ];
  }

  function member(id: number, m: MemberRecord): Node[] {
    const status = String(m.status);
    const left = status === "Retired" || status === "Removed";
    const facts = el(
      "p",
      { id: "member-facts" },
      `Member ${id} (${w.account(String(m.wallet))}): ${m.rank}, ${status.toLowerCase()}, joined ${new Date(Number(m.joinedAt)).toISOString().slice(0, 10)} (UTC)`,
      m.lastMonth === null ? ", no month recorded yet." : `, ${Number(m.monthsRecorded)} months recorded, the last ${w.month(Number(m.lastMonth))}.`,
    );
    if (left) return [facts, el("p", {}, "This member has left the program: nothing more can be proposed for it.")];
    const rank = el("select", { id: "member-rank" }, ...RANKS.map((r) => el("option", { value: r, textContent: r, selected: r === m.rank })));
    const nodes: Node[] = [
      facts,
      el("label", { htmlFor: "member-rank" }, "New rank (Head grants the Head bonus)"),
      rank,
      txButton("Propose the rank", () => {
        if (rank.value === m.rank) return ctx.say(`Member ${id} is ${m.rank} already: choose another rank.`, true);
        void propose({ SetRank: { member: id, rank: rank.value } }, `Rank of member ${id} proposed`);
      }),
    ];
    if (status === "Active") {
      nodes.push(
        txButton("Propose suspending", () => {
          const why = needReason("suspend");
          if (why) void propose({ Suspend: { member: id, reasonRef: why } }, `Suspension of member ${id} proposed`);
        }),
      );
    } else if (status === "Suspended") {
      nodes.push(txButton("Propose lifting the suspension", () => void propose({ Unsuspend: { member: id } }, `Lifting member ${id}'s suspension proposed`)));
    }
    nodes.push(
      txButton("Propose removing", () => {
        const why = needReason("remove");
        if (why) void propose({ RemoveMember: { member: id, reasonRef: why } }, `Removal of member ${id} proposed`);
      }),
    );
    return nodes;
  }

  return el(
    "fieldset",
    { id: "member-form" },
    el("legend", {}, "A member: induct, rank, suspend, remove"),
    el("label", { htmlFor: "member-lookup" }, "Address or member id"),
    lookup,
    out,
  );
}

/** The reviewers: addresses to add and to remove in one proposal, each checked as typed. */
export function reviewersForm(ctx: Context, propose: Propose, maxChanges: number): HTMLElement {
  const { chain, address } = ctx;
  const add = el("textarea", { id: "reviewers-add", rows: 2, placeholder: "one address per line" });
  const remove = el("textarea", { id: "reviewers-remove", rows: 2, placeholder: "one address per line" });
  const check = el("ul", { id: "reviewers-check" });
  const list = (area: HTMLTextAreaElement) => area.value.split(/\s+/).map((s) => s.trim()).filter(Boolean);
  // Each check replaces the last; one answered after a newer one started is dropped.
  let asked = 0;
  const review = async (): Promise<{ add: string[]; remove: string[] } | undefined> => {
    const mine = ++asked;
    const lines: HTMLElement[] = [];
    const [a, r] = [list(add), list(remove)];
    let ok = a.length + r.length > 0;
    for (const both of a.filter((x) => r.includes(x))) {
      ok = false;
      lines.push(el("li", { className: "error" }, `${both}: both added and removed; keep it in one list.`));
    }
    for (const [who, adding] of [...a.map((x) => [x, true] as const), ...r.map((x) => [x, false] as const)]) {
      if (!isAddress(who)) {
        ok = false;
        lines.push(el("li", { className: "error" }, `${who}: not an account address.`));
        continue;
      }
      const is = await chain.query<boolean>("reward_pool", address, "is_reviewer", who);
      const now = is.ok ? Boolean(is.value) : undefined;
      const text = now === undefined ? "could not be checked" : adding ? (now ? "is a reviewer already: leave it out" : "will review") : now ? "will stop reviewing" : "is not a reviewer: leave it out";
      if (now === adding) ok = false;
      lines.push(el("li", { className: now === adding ? "error" : "" }, `${who.slice(0, 6)}…${who.slice(-4)} ${text}.`));
    }
    if (a.length + r.length > maxChanges) {
      ok = false;
      lines.push(el("li", { className: "error" }, `At most ${maxChanges} changes in one proposal.`));
    }
    if (mine !== asked) return undefined;
    check.replaceChildren(...lines);
    return ok ? { add: a, remove: r } : undefined;
  };
  add.addEventListener("change", () => void review());
  remove.addEventListener("change", () => void review());
  return el(
    "fieldset",
    { id: "reviewers-form" },
    el("legend", {}, "Reviewers"),
    el("p", { className: "hint" }, "Reviewers score the monthly reports. Adding or removing one changes no other role."),
    el("label", { htmlFor: "reviewers-add" }, "Add"),
    add,
    el("label", { htmlFor: "reviewers-remove" }, "Remove"),
    remove,
    check,
    txButton("Propose the reviewer change", () => {
      void (async () => {
        const change = await review();
        if (!change) return ctx.say("Fix the addresses listed first.", true);
        await propose({ SetReviewers: change }, "Reviewer change proposed");
      })();
    }),
  );
}

const TARGETS = [
  ["Registry", "registry", "the registry", "applications, wallet moves, rank and status changes and month records wait"],
  ["RewardPool", "reward_pool", "the reward pool", "reports, scores, finalizes and claims wait; claim windows stop running"],
  ["Bounty", "bounty", "the bounty contract", "proposals, awards, feeds, closes and award claims wait; payout delays stop running"],
] as const;

/** Pause or resume each suite contract: what runs now and what a pause stops. */
export async function pauseForm(ctx: Context, propose: Propose): Promise<HTMLElement> {
  const { chain, address } = ctx;
  const rows = await Promise.all(
    TARGETS.map(async ([target, contract, name, stops]) => {
      const paused = await chain.query<boolean>(contract, address, "paused");
      if (!paused.ok) return el("li", {}, `${name}: ${paused.words}`);
      return paused.value
        ? el("li", {}, `${capital(name)} is paused. `, txButton(`Propose resuming ${name}`, () => void propose({ Unpause: { target } }, `Resuming ${name} proposed`)))
        : el("li", {}, `${capital(name)} runs. A pause: ${stops}. `, txButton(`Propose pausing ${name}`, () => void propose({ Pause: { target } }, `Pausing ${name} proposed`)));
    }),
  );
  return el("fieldset", { id: "pause-form" }, el("legend", {}, "Pause or resume a contract"), el("ul", {}, ...rows));
}


/**
 * The awards still in their payout delay, each with a button to propose cancelling it; a payout
 * due before the council's timelock has run out is said to be out of a proposal's reach (pause
 * the bounty contract first: its delays stop running).
 */
export async function awardsToCancel(ctx: Context, w: Wording, propose: Propose, bounties: Array<[number, BountyReport]>, timelockMs: number): Promise<HTMLElement[]> {
  const { chain, address } = ctx;
  const out: HTMLElement[] = [];
  for (const [id, r] of bounties) {
    if (variant(r.proposal.status)[0] !== "active" && variant(r.proposal.status)[0] !== "closed") continue;
    for (const a of await awardIds(ctx, id)) {
      const [award, at] = await Promise.all([
        chain.query<AwardRecord | null>("bounty", address, "award_of", a),
        chain.query<number | null>("bounty", address, "claimable_at", a),
      ]);
      if (!award.ok || !award.value || variant(award.value.state)[0] !== "pending") continue;
      const v = award.value;
      const due = at.ok && at.value !== null ? Number(at.value) : undefined;
      if (due !== undefined && due <= chain.now()) continue;
      const who = v.member !== null ? `member ${v.member}` : w.account(String(v.recipient));
      const when = due === undefined ? "payout on hold (the bounty contract is paused)" : `payout in ${countdown(due, chain.now())}`;
      const late = due !== undefined && due - chain.now() < timelockMs ? " The payout comes before the timelock ends: pause the bounty contract first, or the cancel will be too late." : "";
      out.push(
        el(
          "li",
          {},
          `Award ${a} (bounty ${id}, line ${Number(v.line) + 1}): ${chain.tokens(big(v.amount))} to ${who}, ${when}. `,
          bytesText(v.memoRef) ? "Memo: " : "",
          bytesText(v.memoRef) ? reference(bytesText(v.memoRef)) : "",
          bytesText(v.memoRef) ? "." : "",
          late,
          " ",
          txButton("Propose cancelling", () => void propose({ CancelAward: { award: a } }, `Cancelling award ${a} proposed`), `Propose cancelling award ${a}`),
        ),
      );
    }
  }
  return out;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
