// The program's terms for the contributor's and the reviewer's screens, free of any chain library
// so that they are unit-tested alone: the monthly report form, countdowns, what the next promotion
// needs, the review queue and its spreadsheet (CSV out and in, checked row by row), score batches,
// wallet accounts the app can use, amounts in the user's locale, and transaction progress in words.

/** Departments in the contracts' index order (`rules::department::Department`). */
export const DEPARTMENTS = [
  "Basic",
  "CommunityManagement",
  "Marketing",
  "ContentCreation",
  "BusinessDevelopment",
  "TechAssistance",
  "Others",
] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** The five a member may choose (2 or 3 of them); Basic and Others are scored for everyone. */
export const CHOOSABLE: Department[] = ["CommunityManagement", "Marketing", "ContentCreation", "BusinessDevelopment", "TechAssistance"];

export const DEPARTMENT_NAMES: Record<Department, string> = {
  Basic: "Basic responsibilities",
  CommunityManagement: "Community management",
  Marketing: "Marketing",
  ContentCreation: "Content creation",
  BusinessDevelopment: "Business development",
  TechAssistance: "Tech assistance",
  Others: "Others",
};

/** Short column names of the scoring sheet. */
const SHORT: Record<Department, string> = {
  Basic: "basic",
  CommunityManagement: "cm",
  Marketing: "mk",
  ContentCreation: "cc",
  BusinessDevelopment: "bd",
  TechAssistance: "tech",
  Others: "others",
};

/** Highest effort or results score (`rules::submission::MAX_HALF_SCORE`). */
export const MAX_HALF_SCORE = 20;

export interface Score {
  effort: number;
  results: number;
}

export interface ReportLine {
  department: Department;
  effort: number;
  results: number;
}

/** What `submit(month, departments, scores, evidence)` takes, in the contract's order. */
export interface ReportArgs {
  departments: Department[];
  scores: Score[];
  evidence: string;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function halfScoreProblem(label: string, value: number): string | undefined {
  if (!Number.isInteger(value) || value < 0 || value > MAX_HALF_SCORE) {
    return `${label} must be a whole number from 0 to ${MAX_HALF_SCORE}.`;
  }
  return undefined;
}

/**
 * Checks a monthly report before anything is signed, with the contract's rules: 2 or 3
 * different choosable departments, effort and results 0–20 each, an evidence reference that is
 * not empty and fits the pool's limit (bytes). Returns the problems in words, or the arguments
 * in department order.
 */
export function checkReport(lines: ReportLine[], evidence: string, maxEvidenceBytes: number): { problems: string[]; args?: ReportArgs } {
  const problems: string[] = [];
  if (lines.length < 2) problems.push("Choose at least two departments.");
  if (lines.length > 3) problems.push("Choose at most three departments.");
  const seen = new Set<Department>();
  for (const line of lines) {
    const name = DEPARTMENT_NAMES[line.department] ?? line.department;
    if (!CHOOSABLE.includes(line.department)) problems.push(`${name} cannot be chosen: reviewers score it for everyone.`);
    if (seen.has(line.department)) problems.push(`${name} is chosen twice.`);
    seen.add(line.department);
    for (const p of [halfScoreProblem(`${name}: effort`, line.effort), halfScoreProblem(`${name}: results`, line.results)]) {
      if (p) problems.push(p);
    }
  }
  const trimmed = evidence.trim();
  if (!trimmed) problems.push("Give the evidence: a link or an IPFS CID of your month's work.");
  else if (utf8Length(trimmed) > maxEvidenceBytes) {
    problems.push(`The evidence reference is ${utf8Length(trimmed)} bytes; the program takes at most ${maxEvidenceBytes}. Use a shorter link or a CID.`);
  }
  if (problems.length > 0) return { problems };
  const sorted = [...lines].sort((a, b) => DEPARTMENTS.indexOf(a.department) - DEPARTMENTS.indexOf(b.department));
  return {
    problems,
    args: {
      departments: sorted.map((l) => l.department),
      scores: sorted.map((l) => ({ effort: l.effort, results: l.results })),
      evidence: trimmed,
    },
  };
}

/** Time left until `endMs` at `nowMs` (chain time) in words: "2 d 3 h", "4 min 10 s", or "closed". */
export function countdown(endMs: number, nowMs: number): string {
  const ms = endMs - nowMs;
  if (ms <= 0) return "closed";
  const s = Math.ceil(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${sec} s`;
  return `${sec} s`;
}

/** A month's dates as the pool's `month_dates` returns them (ms, chain time). */
export interface MonthDates {
  start: number;
  deadline: number;
  reviewEnd: number;
  scoresFinal: number;
}

/** Where the report form stands for a month at `nowMs`, in words, and whether it may be sent. */
export function reportWindow(d: MonthDates, nowMs: number, lateReports: boolean, hasReport: boolean): { open: boolean; text: string } {
  if (nowMs < d.start) return { open: false, text: `Opens in ${countdown(d.start, nowMs)}.` };
  if (nowMs < d.deadline) {
    const again = hasReport ? " You have sent a report: sending again replaces it." : "";
    return { open: true, text: `Deadline in ${countdown(d.deadline, nowMs)}. Until then a report is a draft you may replace.${again}` };
  }
  if (lateReports && !hasReport && nowMs < d.reviewEnd) {
    return {
      open: true,
      text: `The deadline has passed. This program takes late reports for ${countdown(d.reviewEnd, nowMs)} more: yours will be flagged late, and reviewers may score it or leave it at 0%.`,
    };
  }
  return { open: false, text: "Reports for this month are closed." };
}

/** The registry's streak parameters (`rules::rank::StreakParams`). */
export interface StreakParams {
  toAmbassadorBps: number;
  toSeniorBps: number;
  exitBelowBps: number;
  streakLen: number;
  exitRule: boolean;
}

/** What a member's next promotion needs, and where it stands on the exit rule, in words. */
export function promotionText(rank: string, status: string, streaks: { up: number; low: number }, p: StreakParams): string[] {
  const out: string[] = [];
  if (status !== "Active") out.push(`Your membership is ${status.toLowerCase()}: months still count as they are recorded.`);
  const pct = (bps: number) => `${bps / 100}%`;
  const up = Math.min(streaks.up, p.streakLen);
  if (rank === "Candidate") out.push(`${up} of ${p.streakLen} months in a row at ${pct(p.toAmbassadorBps)} or more: then you become an Ambassador.`);
  else if (rank === "Ambassador") out.push(`${up} of ${p.streakLen} months in a row at ${pct(p.toSeniorBps)} or more: then you become a Senior.`);
  else if (rank === "Senior") out.push("Head is granted by governance, not by months.");
  else if (rank === "Head") out.push("Head is the highest rank.");
  if (p.exitRule && streaks.low > 0) {
    out.push(`${Math.min(streaks.low, p.streakLen)} of ${p.streakLen} months in a row below ${pct(p.exitBelowBps)}: at ${p.streakLen} you are flagged for removal.`);
  }
  return out;
}

/** One submission of a month as the review queue shows it. */
export interface QueueEntry {
  member: number;
  departments: Department[];
  suggested: Score[];
  evidence: string;
  late: boolean;
  /** This reviewer's own member: never scored by it. */
  own: boolean;
}

/** A reviewer's score for one entry, as the pool's `score` takes it. */
export interface ScoreEntry {
  member: number;
  points: Array<[Department, Score]>;
  reason: string;
}

/** The departments a reviewer scores for an entry: the chosen ones plus Basic and Others. */
export function scoredDepartments(chosen: Department[]): Department[] {
  return DEPARTMENTS.filter((d) => d === "Basic" || d === "Others" || chosen.includes(d));
}

/** A cell a spreadsheet would run as a formula, made inert (text from the chain is untrusted). */
function inert(text: string): string {
  return text.length > 1 && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(value: string | number): string {
  const text = typeof value === "number" ? String(value) : inert(value);
  // Quoted also at ";" and tabs: spreadsheets set to those separators split cells there.
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The scoring sheet's header. */
export function sheetHeader(): string[] {
  return ["member", "departments", "suggested", "evidence", "late", ...DEPARTMENTS.flatMap((d) => [`${SHORT[d]}_effort`, `${SHORT[d]}_results`]), "reason"];
}

/**
 * The month's queue as a CSV a reviewer fills in a spreadsheet: one row per member, the member's
 * own suggestion beside empty score cells for the departments it is scored in (chosen ones,
 * Basic, Others), "-" in the others. The reviewer's own member is left out.
 */
export function queueToCsv(entries: QueueEntry[]): string {
  const rows = [sheetHeader().join(",")];
  for (const e of entries.filter((e) => !e.own)) {
    const scored = scoredDepartments(e.departments);
    const suggested = e.departments.map((d, i) => `${SHORT[d]} ${e.suggested[i]?.effort ?? 0}/${e.suggested[i]?.results ?? 0}`).join(" ");
    const cells: Array<string | number> = [e.member, e.departments.map((d) => SHORT[d]).join(" "), suggested, e.evidence, e.late ? "late" : ""];
    for (const d of DEPARTMENTS) cells.push(...(scored.includes(d) ? ["", ""] : ["-", "-"]));
    cells.push("");
    rows.push(cells.map(csvCell).join(","));
  }
  return rows.join("\r\n") + "\r\n";
}

/** RFC 4180 CSV: quoted cells, doubled quotes, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ""));
}

/** A row of an imported sheet that cannot be sent, with its line number in the file. */
export interface SheetProblem {
  line: number;
  member?: number;
  problem: string;
}

/**
 * Reads a filled scoring sheet against the month's queue, row by row, before anything is signed:
 * the member must be in the queue and not the reviewer's own; each score cell a whole number
 * 0–20 (empty counts as 0 in a department the entry is scored in, and must stay empty or "-" in
 * the others); a member once; the reason within the pool's limit (bytes). Rows with every score
 * cell empty are skipped (not scored yet). Returns the entries to send and the problems.
 */
export function readSheet(text: string, queue: QueueEntry[], maxReasonBytes: number): { entries: ScoreEntry[]; problems: SheetProblem[] } {
  const rows = parseCsv(text.replace(/^\uFEFF/, ""));
  const problems: SheetProblem[] = [];
  const entries: ScoreEntry[] = [];
  if (rows.length === 0) return { entries, problems: [{ line: 1, problem: "The file is empty." }] };
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  if (col("member") < 0) return { entries, problems: [{ line: 1, problem: "The first row must be the sheet's header (a column named member)." }] };
  const byMember = new Map(queue.map((e) => [e.member, e]));
  const done = new Set<number>();
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const cell = (name: string) => (col(name) >= 0 ? (row[col(name)] ?? "").trim() : "");
    const memberText = cell("member");
    const member = Number(memberText);
    if (!/^\d+$/.test(memberText)) return problems.push({ line, problem: `"${memberText}" is not a member id.` });
    const entry = byMember.get(member);
    if (!entry) return problems.push({ line, member, problem: `Member ${member} has no report this month.` });
    if (entry.own) return problems.push({ line, member, problem: `Member ${member} is your own member: another reviewer scores it.` });
    if (done.has(member)) return problems.push({ line, member, problem: `Member ${member} appears twice.` });
    const scored = scoredDepartments(entry.departments);
    const points: Array<[Department, Score]> = [];
    const rowProblems: string[] = [];
    let any = false;
    for (const d of DEPARTMENTS) {
      const cells = [cell(`${SHORT[d]}_effort`), cell(`${SHORT[d]}_results`)];
      if (!scored.includes(d)) {
        if (cells.some((c) => c !== "" && c !== "-" && c !== "0")) rowProblems.push(`${DEPARTMENT_NAMES[d]} was not chosen by this member: leave it empty.`);
        continue;
      }
      const values = cells.map((c) => (c === "" ? 0 : Number(c)));
      if (cells.some((c) => c !== "")) any = true;
      cells.forEach((c, k) => {
        if (c !== "" && (!/^\d+$/.test(c) || values[k] > MAX_HALF_SCORE)) {
          rowProblems.push(`${DEPARTMENT_NAMES[d]} ${k === 0 ? "effort" : "results"} "${c}" must be a whole number from 0 to ${MAX_HALF_SCORE}.`);
        }
      });
      if (values[0] > 0 || values[1] > 0) points.push([d, { effort: values[0], results: values[1] }]);
    }
    const reason = cell("reason");
    if (utf8Length(reason) > maxReasonBytes) rowProblems.push(`The reason is ${utf8Length(reason)} bytes; the program takes at most ${maxReasonBytes}.`);
    if (!any && rowProblems.length === 0) return; // not scored yet
    if (rowProblems.length > 0) return problems.push({ line, member, problem: rowProblems.join(" ") });
    done.add(member);
    entries.push({ member, points, reason });
  });
  return { entries, problems };
}

/** `items` in consecutive batches of at most `size` (the pool's `MAX_SCORE_BATCH`). */
export function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** An account a wallet extension shares. */
export interface WalletAccount {
  address: string;
  type?: string;
  name?: string;
}

/**
 * The accounts the app can sign with, and the others with the reason: Ethereum-type accounts
 * (Talisman, SubWallet) cannot hold a membership or sign for these contracts.
 */
export function usableAccounts(accounts: WalletAccount[]): { usable: WalletAccount[]; refused: Array<{ account: WalletAccount; why: string }> } {
  const usable: WalletAccount[] = [];
  const refused: Array<{ account: WalletAccount; why: string }> = [];
  for (const account of accounts) {
    if (account.type === "ethereum" || /^0x[0-9a-f]{40}$/i.test(account.address)) {
      refused.push({ account, why: "an Ethereum-type account: the program pays and signs with Substrate accounts only" });
    } else usable.push(account);
  }
  return { usable, refused };
}

/**
 * `amount` smallest units as a token amount in `locale`: two decimals, or as many more as it
 * takes to show a non-zero amount as non-zero (never "0.00" for dust), rounded down.
 */
export function formatTokens(amount: bigint, decimals: number, locale?: string): string {
  if (amount < 0n) return "-" + formatTokens(-amount, decimals, locale);
  const unit = 10n ** BigInt(decimals);
  const whole = amount / unit;
  const digits = (amount % unit).toString().padStart(decimals, "0");
  let shown = Math.min(2, decimals);
  while (whole === 0n && amount > 0n && shown < decimals && /^0*$/.test(digits.slice(0, shown))) shown++;
  const wholeText = new Intl.NumberFormat(locale).format(whole);
  if (shown === 0) return wholeText;
  const separator = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
  return `${wholeText}${separator}${digits.slice(0, shown)}`;
}

/**
 * Text for a `Vec<u8>` argument, as hex of its UTF-8 bytes: polkadot.js would take text that
 * happens to look like hex ("0xdeadbeef", a transaction hash given as evidence) as raw bytes.
 */
export function bytes(text: string): string {
  return "0x" + [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A u128 as polkadot.js renders it (a number, or hex / decimal text when above 2^53), as a bigint. */
export function big(value: unknown): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return BigInt(Math.trunc(value));
  const s = String(value ?? "");
  return s === "" ? 0n : BigInt(s);
}

/**
 * A token amount typed by a person ("84000", "84000.5", "0.000001") in smallest units, or the
 * problem in words. Only "." separates decimals: "84,000" would be read differently in different
 * locales, so grouping is refused rather than guessed.
 */
export function parseTokens(text: string, decimals: number): { amount?: bigint; problem?: string } {
  const t = text.trim().replace(/[\s_]/g, "");
  if (t === "") return { problem: "Enter an amount." };
  if (t.includes(",")) return { problem: "Write the amount without thousands separators, with a point for decimals (84000.5)." };
  const m = t.match(/^(\d+)(?:\.(\d*))?$/);
  if (!m) return { problem: "The amount is a number such as 84000 or 84000.5." };
  const frac = m[2] ?? "";
  if (frac.length > decimals) return { problem: `The token has ${decimals} decimals: the amount has more.` };
  return { amount: BigInt(m[1]) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0") };
}

/** `amount` smallest units as `parseTokens` reads them back, exactly: "84000", "0.5". */
export function plainTokens(amount: bigint, decimals: number): string {
  const unit = 10n ** BigInt(decimals);
  const frac = (amount % unit).toString().padStart(decimals, "0").replace(/0+$/, "");
  return `${amount / unit}${frac ? `.${frac}` : ""}`;
}

/** A transaction's status as polkadot.js reports it (`ExtrinsicStatus.type`). */
export type TxStatus = "Future" | "Ready" | "Broadcast" | "InBlock" | "Retracted" | "FinalityTimeout" | "Finalized" | "Usurped" | "Dropped" | "Invalid";

/**
 * A transaction's progress in words, and whether it is over (no more updates will come) and
 * whether it failed. `done` names what the transaction does ("Report sent").
 */
export function progressInWords(status: TxStatus, done: string): { text: string; over: boolean; failed: boolean } {
  switch (status) {
    case "Future":
    case "Ready":
      return { text: `${done}: sent, waiting for a block…`, over: false, failed: false };
    case "Broadcast":
      return { text: `${done}: sent to the network, waiting for a block…`, over: false, failed: false };
    case "InBlock":
      return { text: `${done}: in a block, waiting for finality…`, over: false, failed: false };
    case "Retracted":
      return { text: `${done}: the block holding it was retracted; waiting for it to be included again…`, over: false, failed: false };
    case "Finalized":
      return { text: `${done}: finalized.`, over: true, failed: false };
    case "FinalityTimeout":
      return { text: `${done}: not finalized in time. Check your months before sending again.`, over: true, failed: true };
    case "Usurped":
      return { text: "Not done: another transaction from this account replaced it.", over: true, failed: true };
    case "Dropped":
      return { text: "Not done: the network dropped the transaction before a block took it. Send it again.", over: true, failed: true };
    case "Invalid":
      return { text: "Not done: the network refused the transaction as invalid (for example an outdated nonce). Send it again.", over: true, failed: true };
  }
}

/** The departments of a `DepartmentSet` bitmask (bit i = department i), in index order. */
export function departmentsOf(mask: number): Department[] {
  return DEPARTMENTS.filter((_, i) => (mask & (1 << i)) !== 0);
}

/** A `[u8; N]` as polkadot.js renders it (an array, or "0x…" hex for a fixed byte array). */
export function byteArray(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(Number);
  const s = String(value ?? "");
  if (!/^0x([0-9a-f]{2})*$/i.test(s)) return [];
  const out: number[] = [];
  for (let i = 2; i < s.length; i += 2) out.push(parseInt(s.slice(i, i + 2), 16));
  return out;
}

/** Final points per department as a visible breakdown: "Basic 18 · Marketing 26 · …". */
export function pointsText(points: number[]): string {
  return DEPARTMENTS.map((d, i) => (points[i] ? `${DEPARTMENT_NAMES[d]} ${points[i]}/40` : ""))
    .filter(Boolean)
    .join(" · ");
}

/** Whether a reference from the chain may be opened as a link: https:// and ipfs:// only. */
export function safeLink(reference: string): string | undefined {
  return /^(https|ipfs):\/\/\S+$/i.test(reference.trim()) ? reference.trim() : undefined;
}
