// Membership: apply with an evidence reference; for a member, rank, status, streaks and what the
// next promotion needs; propose a new wallet, and accept a move from the new wallet without typing
// a member id; retire behind a confirmation.

import { bytes, promotionText, type StreakParams } from "../program";
import { $, el, txButton } from "../ui";
import type { Context } from "./context";

interface Member {
  rank: string;
  status: string;
  streaks: { up: number; low: number };
  exitFlagged: boolean;
  monthsRecorded: number;
  lastMonth: number | null;
}

export async function renderMembership(ctx: Context) {
  const root = $("membership-body");
  root.replaceChildren();
  const { chain, address, member } = ctx;
  if (member === null) {
    // A move proposed to this wallet: accept it without the member id.
    const move = await chain.query<[number, { wallet: string; expiresAt: number }] | null>("registry", address, "pending_move_to", address);
    if (move.ok && move.value) {
      const [from, pending] = move.value;
      const lapsed = Number(pending.expiresAt) <= chain.now();
      root.append(
        el("h3", {}, "A move to this wallet"),
        el("p", {}, lapsed ? `Member ${from} proposed to move to this wallet, but the proposal has lapsed: the member proposes again.` : `Member ${from} proposed to move to this wallet. Accepting makes this wallet act for the member: rank, history and everything owed move with it, and the old wallet stops acting.`),
      );
      if (!lapsed) {
        root.append(txButton(`Accept the move of member ${from}`, () => void act("registry", "accept_wallet", [from], "Move accepted")));
      }
    }
    const application = await chain.query<{ evidenceRef: string } | null>("registry", address, "application", address);
    root.append(el("h3", {}, "Apply to join"));
    if (application.ok && application.value) {
      root.append(el("p", {}, "Your application is waiting for governance. Applying again replaces it."));
    }
    const evidence = el("input", { type: "text", id: "apply-evidence", placeholder: "https://… or ipfs://…" });
    root.append(
      el("label", { htmlFor: "apply-evidence" }, "Evidence for your application (a link or IPFS CID: your work so far, why you apply)"),
      evidence,
      txButton("Apply", () => void act("registry", "apply", [bytes(evidence.value.trim())], "Application sent")),
    );
    return;
  }
  const record = await chain.query<Member>("registry", address, "member", member);
  if (!record.ok || !record.value) {
    root.append(el("p", { className: "error" }, "The registry did not return your membership."));
    return;
  }
  const m = record.value;
  const params = await chain.query<StreakParams>("registry", address, "params").then((p) =>
    p.ok ? ((p.value as unknown as { streak: StreakParams }).streak ?? p.value) : undefined,
  );
  root.append(
    el("h3", {}, `Member ${member}: ${m.rank}`),
    el("p", {}, `Status: ${m.status}. Months recorded: ${m.monthsRecorded}.${m.exitFlagged ? " Flagged for removal by the exit rule: governance decides." : ""}`),
  );
  if (params) root.append(el("ul", { className: "promotion" }, ...promotionText(m.rank, m.status, m.streaks, params).map((t) => el("li", {}, t))));

  // A member who retired or was removed keeps its wallet for what it is owed, nothing else.
  if (m.status === "Retired" || m.status === "Removed") {
    root.append(el("p", {}, "You have left the program: finalized months and awards stay claimable on My months."));
    return;
  }
  // Wallet rotation: propose from this wallet, the new one accepts.
  const pending = await chain.query<{ wallet: string; expiresAt: number } | null>("registry", address, "pending_wallet", member);
  root.append(el("h3", {}, "Move to a new wallet"));
  if (pending.ok && pending.value) {
    const lapsed = Number(pending.value.expiresAt) <= chain.now();
    root.append(
      el("p", {}, `Proposed move to ${pending.value.wallet}: ${lapsed ? "lapsed" : "waiting for that wallet to accept (it opens this app with that wallet)"}.`),
      txButton("Withdraw the proposed move", () => void act("registry", "withdraw_wallet", [member], "Move withdrawn")),
    );
  }
  const target = el("input", { type: "text", id: "new-wallet", placeholder: "5…", autocomplete: "off" });
  root.append(
    el("label", { htmlFor: "new-wallet" }, "New wallet address (it must accept within 14 days)"),
    target,
    txButton("Propose the move", () => void act("registry", "propose_wallet", [target.value.trim()], "Move proposed")),
  );

  // Retiring ends the membership for good: behind a confirmation.
  const confirm = el("input", { type: "checkbox", id: "retire-confirm" });
  const retire = txButton("Retire from the program", () => {
    if (!confirm.checked) {
      ctx.say("Tick the box first: retiring cannot be undone.", true);
      return;
    }
    void act("registry", "retire", [], "Retired");
  });
  root.append(
    el("h3", {}, "Retire"),
    el("p", {}, "You keep what you are owed: finalized months and awards stay claimable. You cannot report again."),
    el("div", {}, confirm, el("label", { htmlFor: "retire-confirm" }, " I understand that retiring cannot be undone")),
    retire,
  );

  async function act(contract: "registry", label: string, args: unknown[], done: string) {
    if (await chain.send(contract, address, label, args, done, ctx.say)) await ctx.refresh();
  }
}
