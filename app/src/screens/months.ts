// My months: every month with a report or something owed, from the month the member joined (not
// the last twelve by the browser's clock), with the points per department, percentage, reward,
// bonus, status in words and the claim window as a countdown in chain time; the claim of the
// selected months in one signature, a dispute in the dispute window, bounty awards, reminders.

import {
  awardStatus,
  claimableMonths,
  icsCalendar,
  monthReminders,
  reviewText,
  totalOf,
  bytesText,
  type Award,
  type ClaimStatus,
  type EntryReview,
  type MonthDates,
  type MonthPreview,
  type ProgramDate,
} from "../claims";
import { big, byteArray, bytes, countdown, pointsText } from "../program";
import { $, el, txButton } from "../ui";
import { monthAt, monthLabel, type Context } from "./context";

const STATUS_WORDS: Record<ClaimStatus, string> = {
  NotFinalized: "Not final yet",
  NoSubmission: "No report",
  Claimable: "Claimable",
  Claimed: "Claimed",
  Expired: "Claim window closed",
};

interface Row {
  preview: MonthPreview;
  review: EntryReview | null;
  points: number[];
  dates?: MonthDates;
}

let timer: ReturnType<typeof setInterval> | undefined;

export async function renderMonths(ctx: Context) {
  const { chain, address, member } = ctx;
  clearInterval(timer);
  const body = $("months");
  body.replaceChildren();
  await renderAwards(ctx);
  if (member === null) {
    $("months-section").hidden = true;
    return;
  }
  const record = await chain.query<{ joinedAt: number }>("registry", address, "member", member);
  const now = chain.now();
  const first = record.ok && record.value ? monthAt(chain, Number(record.value.joinedAt)) : Math.max(0, monthAt(chain, now) - 11);
  const last = monthAt(chain, now);
  const rows: Row[] = [];
  // Every month since the member joined, twelve per preview call (the pool's limit).
  for (let from = first; from <= last; from += 12) {
    const months = Array.from({ length: Math.min(12, last - from + 1) }, (_, i) => from + i);
    const answer = await chain.query<Array<Record<string, unknown>>>("reward_pool", address, "preview", member, months);
    if (!answer.ok) continue;
    for (const p of answer.value) {
      const month = Number(p.month);
      const status = p.status as ClaimStatus;
      if (status === "NoSubmission") continue;
      const entry = await chain.query<Record<string, unknown> | null>("reward_pool", address, "submission", month, member);
      // An open month says NotFinalized with or without a report: list it only with one.
      if (status === "NotFinalized" && !(entry.ok && entry.value)) continue;
      const e = entry.ok ? entry.value : null;
      const dispute = e?.dispute as { answered: boolean } | null | undefined;
      const d = await chain.query<Record<string, unknown>>("reward_pool", address, "month_dates", month);
      const endsAt = p.claimEndsAt as number | null | undefined;
      rows.push({
        preview: {
          month,
          status,
          perDepartment: (p.perDepartment as unknown[]).map(big),
          bonus: big(p.bonus),
          total: big(p.total),
          percentageBps: Number(p.percentageBps),
          claimEndMs: endsAt === null || endsAt === undefined ? undefined : Number(endsAt),
        },
        review: e
          ? {
              late: Boolean(e.late),
              reasons: ((e.reviews as Array<{ reasonRef: unknown }>) ?? []).map((r) => bytesText(r.reasonRef)),
              flagged: Boolean(e.flagged),
              dispute: dispute ? { answered: Boolean(dispute.answered) } : undefined,
            }
          : null,
        points: e ? byteArray(e.points) : [],
        dates: d.ok && d.value && "deadline" in d.value ? { start: Number(d.value.start), deadline: Number(d.value.deadline), reviewEnd: Number(d.value.reviewEnd), scoresFinal: Number(d.value.scoresFinal) } : undefined,
      });
    }
  }
  $("months-section").hidden = false;
  const previews = rows.map((r) => r.preview);
  // A claim carries at most twelve months (the pool's MAX_CLAIM_MONTHS): the oldest twelve
  // are ticked; more can be claimed in a second signature.
  const claimable = new Set(claimableMonths(previews, now));
  const ticked = new Set([...claimable].sort((a, b) => a - b).slice(0, 12));
  for (const r of rows.reverse()) {
    const p = r.preview;
    const name = monthLabel(chain, p.month);
    const box = el("input", { type: "checkbox", value: String(p.month), checked: ticked.has(p.month), disabled: !claimable.has(p.month) });
    box.setAttribute("aria-label", `Claim ${name}`);
    box.addEventListener("change", () => updateTotal());
    const window = el("span", { className: "countdown" });
    if (p.status === "Claimable" && p.claimEndMs) window.dataset.end = String(p.claimEndMs);
    const status = el("td", {}, STATUS_WORDS[p.status] ?? p.status, " ", window);
    const review = el("td", {}, reviewText(r.review));
    const d = r.dates;
    if (d && r.review && !r.review.dispute && d.reviewEnd <= now && now < d.scoresFinal) {
      review.append(" ", txButton("Dispute", () => void dispute(p.month), `Dispute your points for ${name}`));
    }
    body.append(
      el(
        "tr",
        {},
        el("td", {}, box),
        el("td", {}, name),
        el("td", {}, r.points.length ? pointsText(r.points) || "0 points" : "not scored"),
        el("td", {}, `${(p.percentageBps / 100).toFixed(2)} %`),
        el("td", {}, chain.tokens(p.total - p.bonus)),
        el("td", {}, chain.tokens(p.bonus)),
        status,
        review,
      ),
    );
  }
  if (rows.length === 0) body.append(el("tr", {}, el("td", { colSpan: 8 }, "No months yet: send your first report on the Report screen.")));
  const tick = () => {
    for (const span of body.querySelectorAll<HTMLElement>(".countdown[data-end]")) {
      span.textContent = `(${countdown(Number(span.dataset.end), chain.now())} left to claim)`;
    }
  };
  tick();
  timer = setInterval(tick, 1_000);
  renderReminders(ctx, rows, last);
  updateTotal();

  function selected(): number[] {
    return [...body.querySelectorAll<HTMLInputElement>("input[type=checkbox]:checked")].map((b) => Number(b.value));
  }

  function updateTotal() {
    const months = selected();
    $("total").textContent = `Selected: ${chain.tokens(totalOf(previews, months))}`;
    const claim = $("claim") as HTMLButtonElement;
    const tooMany = months.length > 12;
    if (tooMany) $("total").textContent += " — at most 12 months in one claim: untick some.";
    claim.dataset.off = months.length === 0 || tooMany ? "1" : "0";
    claim.disabled = months.length === 0 || tooMany || chain.pending();
    claim.onclick = () => void (async () => {
      if (await chain.send("reward_pool", address, "claim", [selected()], "Months claimed", ctx.say)) await ctx.refresh();
    })();
  }

  async function dispute(month: number) {
    const reason = window.prompt("Why do you dispute your points? A short text or a link the reviewers can read.")?.trim();
    if (!reason) return;
    if (await chain.send("reward_pool", address, "dispute", [month, bytes(reason)], "Dispute sent: reviewers may rescore until the window closes", ctx.say)) await ctx.refresh();
  }
}

/** The member's dates (deadlines, windows, claim ends) as a calendar file. */
async function renderReminders(ctx: Context, rows: Row[], current: number) {
  const { chain, address } = ctx;
  const now = chain.now();
  const list: ProgramDate[] = [];
  const months = new Map(rows.filter((r) => r.dates).map((r) => [r.preview.month, r.dates!]));
  if (!months.has(current)) {
    const d = await chain.query<Record<string, unknown>>("reward_pool", address, "month_dates", current);
    if (d.ok && d.value && "deadline" in d.value) {
      months.set(current, { start: Number(d.value.start), deadline: Number(d.value.deadline), reviewEnd: Number(d.value.reviewEnd), scoresFinal: Number(d.value.scoresFinal) });
    }
  }
  for (const [month, d] of months) if (d.scoresFinal > now) list.push(...monthReminders(monthLabel(chain, month), d));
  for (const r of rows) {
    if (r.preview.status === "Claimable" && r.preview.claimEndMs) list.push({ title: `${monthLabel(chain, r.preview.month)}: claim window ends, claim by then`, atMs: r.preview.claimEndMs });
  }
  const link = $("reminders") as HTMLAnchorElement;
  link.hidden = list.length === 0;
  link.href = URL.createObjectURL(new Blob([icsCalendar(list, now)], { type: "text/calendar" }));
}

/** The account's bounty awards, each claimable once its payout delay has passed. */
async function renderAwards(ctx: Context) {
  const { chain, address } = ctx;
  const ids = await chain.query<number[]>("bounty", address, "awards_of", address, 0, 50);
  const list = $("awards");
  list.replaceChildren();
  const now = chain.now();
  const pending: number[] = [];
  for (const id of ids.ok ? ids.value : []) {
    const raw = await chain.query<Record<string, unknown> | null>("bounty", address, "award_of", id);
    if (!raw.ok || !raw.value) continue;
    const at = await chain.query<number | null>("bounty", address, "claimable_at", id);
    const award: Award = {
      id,
      amount: big(raw.value.amount),
      state: raw.value.state as Award["state"],
      claimableAtMs: at.ok && at.value !== null && at.value !== undefined ? Number(at.value) : null,
    };
    if (award.state === "Pending" && award.claimableAtMs !== null) pending.push(award.claimableAtMs);
    const status = awardStatus(award, now);
    const item = el("li", {}, `Award ${id}: ${chain.tokens(award.amount)}, ${status.text} `);
    if (status.claimable) {
      item.append(
        txButton(`Claim award ${id}`, () => void (async () => {
          if (await chain.send("bounty", address, "claim_award", [id], `Award ${id} claimed`, ctx.say)) await ctx.refresh();
        })()),
      );
    }
    list.append(item);
  }
  $("awards-section").hidden = !ids.ok || ids.value.length === 0;
  // Show an award's claim button the moment its payout delay ends, when that is within the hour.
  clearTimeout(awardTimer);
  const next = Math.min(...pending.filter((t) => t > now));
  if (next - now <= 3_600_000) awardTimer = setTimeout(() => void renderAwards(ctx), next - now + 1_000);
}

let awardTimer: ReturnType<typeof setTimeout> | undefined;
