// The contributor's monthly report: 2–3 departments with effort and results, the evidence, the
// deadline as a countdown in chain time; checked before anything is signed, dry-run before the
// wallet asks; a report before the deadline is a draft that sending again replaces.

import { CHOOSABLE, DEPARTMENT_NAMES, MAX_HALF_SCORE, bytes, checkReport, departmentsOf, reportWindow, type MonthDates, type ReportLine } from "../program";
import { bytesText as text } from "../claims";
import { $, el, txButton } from "../ui";
import { monthLabel, type Context } from "./context";

interface Submission {
  departments: number;
  suggested: Array<{ effort: number; results: number }>;
  evidenceRef: string;
  late: boolean;
}

function datesOf(raw: Record<string, unknown>): MonthDates {
  return { start: Number(raw.start), deadline: Number(raw.deadline), reviewEnd: Number(raw.reviewEnd), scoresFinal: Number(raw.scoresFinal) };
}


let timer: ReturnType<typeof setInterval> | undefined;

export async function renderReport(ctx: Context) {
  const root = $("report-body");
  clearInterval(timer);
  root.replaceChildren();
  if (ctx.member === null) {
    root.append(el("p", {}, "Only members send monthly reports. Apply on the Membership screen first."));
    return;
  }
  const { chain, address, member } = ctx;
  const current = await chain.query<[number, string]>("reward_pool", address, "current_month");
  if (!current.ok) {
    root.append(el("p", { className: "error" }, current.words));
    return;
  }
  // The month taking reports: one whose deadline has not passed (the previous month's runs 10
  // days into this one on the program's calendar), else one taking late reports, else the
  // current month (closed or not yet open).
  const now = chain.now();
  type Option = { month: number; dates: MonthDates; config: { maxEvidenceLen: number; lateReports: boolean }; existing: Submission | null; onTime: boolean; open: boolean };
  const options: Option[] = [];
  for (const m of [current.value[0] - 1, current.value[0]].filter((x) => x >= 0)) {
    const d = await chain.query<Record<string, unknown>>("reward_pool", address, "month_dates", m);
    if (!d.ok) continue;
    const cfg = await chain.query<{ maxEvidenceLen: number; lateReports: boolean }>("reward_pool", address, "config_of", m);
    const sub = await chain.query<Submission | null>("reward_pool", address, "submission", m, member);
    const config = cfg.ok ? cfg.value : { maxEvidenceLen: 64, lateReports: false };
    const existing = sub.ok ? sub.value : null;
    const md = datesOf(d.value);
    const w = reportWindow(md, now, config.lateReports, existing !== null);
    options.push({ month: m, dates: md, config, existing, onTime: w.open && now < md.deadline, open: w.open });
  }
  const pick = options.find((o) => o.onTime) ?? options.find((o) => o.open) ?? options[options.length - 1];
  const month = pick?.month ?? current.value[0];
  const dates: MonthDates | undefined = pick?.dates;
  const config = pick?.config ?? { maxEvidenceLen: 64, lateReports: false };
  const existing = pick?.existing ?? null;
  if (!dates) {
    root.append(el("p", { className: "error" }, "The pool did not give this month's dates."));
    return;
  }
  const chosen = existing ? departmentsOf(Number(existing.departments)) : [];
  const heading = el("h3", {}, `Report for ${monthLabel(chain, month)}`);
  const windowLine = el("p", { id: "report-window", role: "status" });
  const fieldset = el("fieldset", {}, el("legend", {}, "Departments: choose 2 or 3, score your effort and results (0–20 each)"));
  const rows = CHOOSABLE.map((department) => {
    const i = chosen.indexOf(department);
    const box = el("input", { type: "checkbox", id: `dep-${department}`, checked: i >= 0 });
    const effort = el("input", { type: "number", min: "0", max: String(MAX_HALF_SCORE), step: "1", value: String(i >= 0 ? existing!.suggested[i].effort : 0), id: `effort-${department}` });
    const results = el("input", { type: "number", min: "0", max: String(MAX_HALF_SCORE), step: "1", value: String(i >= 0 ? existing!.suggested[i].results : 0), id: `results-${department}` });
    effort.setAttribute("aria-label", `${DEPARTMENT_NAMES[department]} effort`);
    results.setAttribute("aria-label", `${DEPARTMENT_NAMES[department]} results`);
    fieldset.append(
      el("div", { className: "dep-row" }, box, el("label", { htmlFor: box.id }, DEPARTMENT_NAMES[department]), el("span", { className: "scores" }, "effort ", effort, " results ", results)),
    );
    return { department, box, effort, results };
  });
  const evidence = el("input", { type: "text", id: "evidence", value: existing ? text(existing.evidenceRef) : "", placeholder: "https://github.com/… or ipfs://…" });
  const problems = el("ul", { id: "report-problems", className: "error" });
  const send = txButton(existing ? "Replace my report" : "Send my report", () => void submit());
  root.append(
    heading,
    windowLine,
    existing ? el("p", {}, `Your report${existing.late ? " (flagged late)" : ""} is shown below.`) : "",
    fieldset,
    el("label", { htmlFor: "evidence" }, `Evidence: a link or IPFS CID of your month's work (at most ${config.maxEvidenceLen} bytes)`),
    evidence,
    problems,
    send,
  );
  const wasOpen = reportWindow(dates, chain.now(), config.lateReports, existing !== null).open;
  const tick = () => {
    const w = reportWindow(dates!, chain.now(), config.lateReports, existing !== null);
    // The window closed while the page was open: choose the month again (the next may be open).
    if (wasOpen && !w.open) return void renderReport(ctx);
    windowLine.textContent = w.text;
    send.dataset.off = w.open ? "0" : "1";
    send.disabled = !w.open || chain.pending();
  };
  tick();
  timer = setInterval(tick, 1_000);

  async function submit() {
    const lines: ReportLine[] = rows
      .filter((r) => r.box.checked)
      .map((r) => ({ department: r.department, effort: Number(r.effort.value), results: Number(r.results.value) }));
    const checked = checkReport(lines, evidence.value, config.maxEvidenceLen);
    problems.replaceChildren(...checked.problems.map((p) => el("li", {}, p)));
    if (!checked.args) return;
    const { departments, scores, evidence: ev } = checked.args;
    const ok = await chain.send("reward_pool", address, "submit", [month, departments, scores, bytes(ev)], existing ? "Report replaced" : "Report sent", ctx.say);
    if (ok) await ctx.refresh();
  }
}
