// The reviewer's queue for the month in review: every report with its departments, suggested
// scores and evidence (the reviewer's own member left out), scored in the page or through a
// spreadsheet (CSV out, CSV in, checked row by row), sent in batches of the contract's limit with
// one signature each; a refused entry is marked on its card with the reason in words.

import {
  DEPARTMENT_NAMES,
  MAX_HALF_SCORE,
  batches,
  byteArray,
  bytes,
  departmentsOf,
  pointsText,
  queueToCsv,
  readSheet,
  scoredDepartments,
  countdown,
  type Department,
  type QueueEntry,
  type ScoreEntry,
} from "../program";
import { sameAccount } from "../chain";
import { bytesText as text } from "../claims";
import { $, el, reference, txButton } from "../ui";
import { monthLabel, type Context } from "./context";

/** The pool's `MAX_SCORE_BATCH`: most entries in one `score` call. */
const SCORE_BATCH = 100;
/** The pool's `PAGE_MAX`: most member ids one `submissions_page` call reads. */
const PAGE = 50;

interface Raw {
  departments: number;
  suggested: Array<{ effort: number; results: number }>;
  evidenceRef: string;
  late: boolean;
  points: unknown;
  reviews: Array<{ reviewer: string; points: unknown; reasonRef: string }>;
  dispute: { reasonRef: string; answered: boolean } | null;
}


interface Card {
  entry: QueueEntry;
  node: HTMLElement;
  inputs: Map<Department, [HTMLInputElement, HTMLInputElement]>;
  reason: HTMLInputElement;
  note: HTMLElement;
}

/** The month the reviewer chose in the month list, if it chose one. */
let chosen: number | undefined;

export async function renderReview(ctx: Context) {
  const root = $("review-body");
  root.replaceChildren();
  const { chain, address } = ctx;
  const reviewer = await chain.query<boolean>("reward_pool", address, "is_reviewer", address);
  $("tab-review").hidden = !(reviewer.ok && reviewer.value);
  if (!reviewer.ok || !reviewer.value) return;
  const current = await chain.query<[number, string]>("reward_pool", address, "current_month");
  if (!current.ok) return void root.append(el("p", { className: "error" }, current.words));
  const now = chain.now();
  // Every month whose review or dispute window is open (windows may run past later months'
  // starts: up to 90 days of review, so look back four months); the newest in its review
  // window first, unless the reviewer chose another.
  const open: Array<{ month: number; inReview: boolean; text: string }> = [];
  for (let m = current.value[0]; m >= Math.max(0, current.value[0] - 4); m--) {
    const d = await chain.query<Record<string, number>>("reward_pool", address, "month_dates", m);
    if (!d.ok) continue;
    const [deadline, reviewEnd, final] = [Number(d.value.deadline), Number(d.value.reviewEnd), Number(d.value.scoresFinal)];
    if (deadline <= now && now < final) {
      const inReview = now < reviewEnd;
      open.push({ month: m, inReview, text: inReview ? `Review window: ${countdown(reviewEnd, now)} left.` : `Dispute window: only disputed entries may be rescored, ${countdown(final, now)} left.` });
    }
  }
  if (open.length === 0) return void root.append(el("p", {}, "No month is in review now: the queue opens when a month's report deadline passes."));
  const pick = open.find((o) => o.month === chosen) ?? open.find((o) => o.inReview) ?? open[0];
  const month = pick.month;
  const window = pick.text;
  if (open.length > 1) {
    const select = el("select", { id: "review-month" }, ...open.map((o) => el("option", { value: String(o.month), textContent: `${monthLabel(chain, o.month)} (${o.inReview ? "review" : "disputes"})`, selected: o.month === month })));
    select.addEventListener("change", () => {
      chosen = Number(select.value);
      void renderReview(ctx);
    });
    root.append(el("label", { htmlFor: "review-month" }, "Month to review"), select);
  }
  const bound = await chain.query<number | null>("registry", address, "bound_member_of", address);
  const own = bound.ok ? bound.value : null;
  const count = await chain.query<number>("registry", address, "member_count");
  const config = await chain.query<{ maxEvidenceLen: number }>("reward_pool", address, "config_of", month);
  const maxReason = config.ok ? Number(config.value.maxEvidenceLen) : 64;
  const raws: Array<[number, Raw]> = [];
  for (let from = 0; from < (count.ok ? Number(count.value) : 0); from += PAGE) {
    const page = await chain.query<Array<[number, Raw]>>("reward_pool", address, "submissions_page", month, from, PAGE);
    if (page.ok) raws.push(...page.value);
  }
  const entries: QueueEntry[] = raws.map(([member, r]) => ({
    member: Number(member),
    departments: departmentsOf(Number(r.departments)),
    suggested: r.suggested.map((s) => ({ effort: Number(s.effort), results: Number(s.results) })),
    evidence: text(r.evidenceRef),
    late: Boolean(r.late),
    own: own !== null && Number(member) === Number(own),
  }));
  const ownSkipped = entries.some((e) => e.own);
  root.append(
    el("h3", {}, `Review queue for ${monthLabel(chain, month)}`),
    el("p", { role: "status" }, `${window} ${entries.length} reports${ownSkipped ? ", your own member's left out (another reviewer scores it)" : ""}.`),
  );
  const cards: Card[] = [];
  const list = el("div", { className: "queue" });
  raws.forEach(([, r], i) => {
    const entry = entries[i];
    if (entry.own) return;
    const mine = r.reviews.find((v) => sameAccount(v.reviewer, address));
    const mineReview = mine ? byteArray(mine.points) : undefined;
    const inputs = new Map<Department, [HTMLInputElement, HTMLInputElement]>();
    const grid = el("div", { className: "score-grid" });
    for (const d of scoredDepartments(entry.departments)) {
      const mk = (what: string) => {
        const input = el("input", { type: "number", min: "0", max: String(MAX_HALF_SCORE), step: "1", placeholder: "–" });
        input.setAttribute("aria-label", `Member ${entry.member}: ${DEPARTMENT_NAMES[d]} ${what}`);
        return input;
      };
      const pair: [HTMLInputElement, HTMLInputElement] = [mk("effort"), mk("results")];
      inputs.set(d, pair);
      grid.append(el("span", { className: "dep" }, DEPARTMENT_NAMES[d]), pair[0], pair[1]);
    }
    const reason = el("input", { type: "text", placeholder: "Reason the member reads (optional)" });
    reason.setAttribute("aria-label", `Member ${entry.member}: reason`);
    const suggested = entry.departments.map((d, j) => `${DEPARTMENT_NAMES[d]} ${entry.suggested[j]?.effort}/${entry.suggested[j]?.results}`).join(", ");
    const note = el("p", { className: "error", role: "status" });
    const points = byteArray(r.points);
    const node = el(
      "article",
      { className: "entry" },
      el("h4", {}, `Member ${entry.member}${entry.late ? " · late report" : ""}${r.dispute ? ` · disputed${r.dispute.answered ? " (answered)" : ""}` : ""}`),
      el("p", {}, "Suggested: ", suggested),
      el("p", {}, "Evidence: ", reference(entry.evidence)),
      r.dispute ? el("p", {}, "Dispute: ", reference(text(r.dispute.reasonRef))) : "",
      points.length ? el("p", {}, `Points so far: ${pointsText(points) || "0"}`) : el("p", {}, "Not scored yet."),
      mineReview ? el("p", {}, `Your review: ${pointsText(mineReview) || "0"} (scoring again replaces it)`) : "",
      el("div", { className: "score-head" }, el("span", {}, "Department"), el("span", {}, "Effort"), el("span", {}, "Results")),
      grid,
      reason,
      note,
    );
    cards.push({ entry, node, inputs, reason, note });
    list.append(node);
  });
  const problems = el("ul", { className: "error", id: "sheet-problems" });
  const file = el("input", { type: "file", accept: ".csv,text/csv", id: "sheet-file" });
  file.addEventListener("change", () => void importSheet());
  const download = el("a", { download: `scores-${monthLabel(chain, month)}.csv`, textContent: "Download the scoring sheet (CSV)" });
  download.href = URL.createObjectURL(new Blob([queueToCsv(entries)], { type: "text/csv" }));
  root.append(
    el("div", { className: "sheet" }, download, el("label", { htmlFor: "sheet-file" }, " Fill it in a spreadsheet, then load it here: "), file),
    problems,
    list,
    txButton("Send the scores", () => void sendScores()),
  );

  async function importSheet() {
    const f = file.files?.[0];
    if (!f) return;
    const sheet = readSheet(await f.text(), entries, maxReason);
    // The same file, edited and chosen again, must load again.
    file.value = "";
    problems.replaceChildren(...sheet.problems.map((p) => el("li", {}, `Line ${p.line}${p.member !== undefined ? ` (member ${p.member})` : ""}: ${p.problem}`)));
    for (const e of sheet.entries) {
      const card = cards.find((c) => c.entry.member === e.member);
      if (!card) continue;
      for (const [, [a, b]] of card.inputs) a.value = b.value = "";
      for (const [d, s] of e.points) {
        const pair = card.inputs.get(d);
        if (pair) [pair[0].value, pair[1].value] = [String(s.effort), String(s.results)];
      }
      for (const [d, [a, b]] of card.inputs) if (!e.points.some(([x]) => x === d)) a.value = b.value = "0";
      card.reason.value = e.reason;
    }
    ctx.say(`${sheet.entries.length} rows read into the queue${sheet.problems.length ? `, ${sheet.problems.length} with problems (listed above)` : ""}. Check them, then send.`, sheet.problems.length > 0);
  }

  /** The cards a reviewer filled, as score entries; problems marked on their cards. */
  function collect(): ScoreEntry[] | undefined {
    const out: ScoreEntry[] = [];
    let bad = false;
    for (const card of cards) {
      card.note.textContent = "";
      const filled = [...card.inputs.values()].some(([a, b]) => a.value !== "" || b.value !== "");
      if (!filled) continue;
      const points: ScoreEntry["points"] = [];
      for (const [d, [a, b]] of card.inputs) {
        const [e, r] = [a.value === "" ? 0 : Number(a.value), b.value === "" ? 0 : Number(b.value)];
        if (![e, r].every((v) => Number.isInteger(v) && v >= 0 && v <= MAX_HALF_SCORE)) {
          card.note.textContent = `${DEPARTMENT_NAMES[d]}: scores are whole numbers from 0 to ${MAX_HALF_SCORE}.`;
          card.note.classList.add("error");
          bad = true;
        } else if (e > 0 || r > 0) points.push([d, { effort: e, results: r }]);
      }
      out.push({ member: card.entry.member, points, reason: card.reason.value.trim() });
    }
    return bad ? undefined : out;
  }

  async function sendScores() {
    const all = collect();
    if (!all) return ctx.say("Some scores are out of range: see the marked reports.", true);
    if (all.length === 0) return ctx.say("Nothing to send: score at least one report.", true);
    const parts = batches(all, SCORE_BATCH);
    for (const [n, batch] of parts.entries()) {
      const args = [month, batch.map((e) => [e.member, e.points.map(([d, s]) => [d, s]), bytes(e.reason)])];
      const dry = await chain.query("reward_pool", address, "score", ...args);
      if (!dry.ok) {
        const card = dry.index !== undefined ? cards.find((c) => c.entry.member === batch[dry.index!]?.member) : undefined;
        if (card) {
          card.note.textContent = dry.words;
          card.note.classList.add("error");
          card.node.scrollIntoView({ block: "center" });
        }
        return ctx.say(`Batch ${n + 1} of ${parts.length} not sent: ${dry.words}`, true);
      }
      const label = parts.length > 1 ? `Scores sent (batch ${n + 1} of ${parts.length})` : "Scores sent";
      if (!(await chain.send("reward_pool", address, "score", args, label, ctx.say))) return;
      // Sent: empty those cards so that sending again after a later batch's refusal does not
      // send them twice.
      for (const e of batch) {
        const card = cards.find((c) => c.entry.member === e.member);
        if (!card) continue;
        for (const [a, b] of card.inputs.values()) a.value = b.value = "";
        card.reason.value = "";
        card.note.classList.remove("error");
        card.note.textContent = "Scores sent.";
      }
    }
    await ctx.refresh();
  }
}
