import { describe, expect, it } from "vitest";
import {
  batches,
  checkReport,
  countdown,
  formatTokens,
  parseCsv,
  progressInWords,
  promotionText,
  queueToCsv,
  readSheet,
  reportWindow,
  scoredDepartments,
  usableAccounts,
  type QueueEntry,
} from "../src/program";

const V4 = { toAmbassadorBps: 6500, toSeniorBps: 9000, exitBelowBps: 4000, streakLen: 3, exitRule: true };

describe("the monthly report form", () => {
  it("sends the departments in the contract's order with their scores", () => {
    const { problems, args } = checkReport(
      [
        { department: "TechAssistance", effort: 12, results: 9 },
        { department: "Marketing", effort: 20, results: 0 },
      ],
      "  https://github.com/me/report  ",
      64,
    );
    expect(problems).toEqual([]);
    expect(args).toEqual({
      departments: ["Marketing", "TechAssistance"],
      scores: [
        { effort: 20, results: 0 },
        { effort: 12, results: 9 },
      ],
      evidence: "https://github.com/me/report",
    });
  });

  it("names every problem in words before the wallet is asked", () => {
    const { problems, args } = checkReport(
      [
        { department: "Basic", effort: 21, results: 3 },
        { department: "Basic", effort: 1.5, results: -1 },
        { department: "Marketing", effort: 1, results: 1 },
        { department: "ContentCreation", effort: 1, results: 1 },
      ],
      "",
      64,
    );
    expect(args).toBeUndefined();
    expect(problems).toContain("Choose at most three departments.");
    expect(problems).toContain("Basic responsibilities cannot be chosen: reviewers score it for everyone.");
    expect(problems).toContain("Basic responsibilities is chosen twice.");
    expect(problems).toContain("Basic responsibilities: effort must be a whole number from 0 to 20.");
    expect(problems).toContain("Basic responsibilities: results must be a whole number from 0 to 20.");
    expect(problems).toContain("Give the evidence: a link or an IPFS CID of your month's work.");
    expect(checkReport([{ department: "Marketing", effort: 1, results: 1 }], "x", 64).problems).toEqual(["Choose at least two departments."]);
  });

  it("counts the evidence limit in bytes, as the contract does", () => {
    const lines = [
      { department: "Marketing" as const, effort: 1, results: 1 },
      { department: "ContentCreation" as const, effort: 1, results: 1 },
    ];
    expect(checkReport(lines, "é".repeat(32), 64).problems).toEqual([]);
    expect(checkReport(lines, "é".repeat(33), 64).problems[0]).toMatch(/66 bytes; the program takes at most 64/);
  });

  it("says whether the month takes a report, a replacement or a late one", () => {
    const d = { start: 1_000, deadline: 5_000, reviewEnd: 9_000, scoresFinal: 9_000 };
    expect(reportWindow(d, 500, false, false)).toEqual({ open: false, text: "Opens in 1 s." });
    expect(reportWindow(d, 2_000, false, true).text).toMatch(/Deadline in 3 s.*sending again replaces it/);
    expect(reportWindow(d, 6_000, false, false)).toEqual({ open: false, text: "Reports for this month are closed." });
    const late = reportWindow(d, 6_000, true, false);
    expect(late.open).toBe(true);
    expect(late.text).toMatch(/flagged late/);
    expect(reportWindow(d, 6_000, true, true).open).toBe(false);
    expect(reportWindow(d, 9_000, true, false).open).toBe(false);
  });
});

describe("countdowns in chain time", () => {
  it("reads in the largest two units and says closed at the end", () => {
    expect(countdown(0, 1)).toBe("closed");
    expect(countdown(1_000, 1_000)).toBe("closed");
    expect(countdown(12_400, 0)).toBe("13 s");
    expect(countdown(250_000, 0)).toBe("4 min 10 s");
    expect(countdown(3 * 3_600_000 + 20 * 60_000, 0)).toBe("3 h 20 min");
    expect(countdown(2 * 86_400_000 + 3 * 3_600_000, 0)).toBe("2 d 3 h");
  });
});

describe("what the next promotion needs", () => {
  it("counts the streak toward the next rank and the exit rule", () => {
    expect(promotionText("Candidate", "Active", { up: 2, low: 0 }, V4)).toEqual([
      "2 of 3 months in a row at 65% or more: then you become an Ambassador.",
    ]);
    expect(promotionText("Ambassador", "Suspended", { up: 0, low: 2 }, V4)).toEqual([
      "Your membership is suspended: months still count as they are recorded.",
      "0 of 3 months in a row at 90% or more: then you become a Senior.",
      "2 of 3 months in a row below 40%: at 3 you are flagged for removal.",
    ]);
    expect(promotionText("Senior", "Active", { up: 7, low: 1 }, { ...V4, exitRule: false })).toEqual([
      "Head is granted by governance, not by months.",
    ]);
  });
});

const queue: QueueEntry[] = [
  { member: 3, departments: ["Marketing", "ContentCreation"], suggested: [{ effort: 15, results: 12 }, { effort: 10, results: 10 }], evidence: "=HYPERLINK(\"x\")", late: false, own: false },
  { member: 7, departments: ["CommunityManagement", "Marketing", "TechAssistance"], suggested: [{ effort: 1, results: 2 }, { effort: 3, results: 4 }, { effort: 5, results: 6 }], evidence: "ipfs://cid, with comma", late: true, own: false },
  { member: 9, departments: ["Marketing", "BusinessDevelopment"], suggested: [{ effort: 1, results: 1 }, { effort: 1, results: 1 }], evidence: "mine", late: false, own: true },
];

describe("the scoring sheet", () => {
  it("exports the queue without the reviewer's own member, formulas made inert", () => {
    const csv = queueToCsv(queue);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(3);
    expect(rows[0][0]).toBe("member");
    expect(rows.map((r) => r[0])).toEqual(["member", "3", "7"]);
    expect(rows[1][3]).toBe("'=HYPERLINK(\"x\")");
    expect(rows[2][3]).toBe("ipfs://cid, with comma");
    expect(rows[2][4]).toBe("late");
    expect(rows[1][2]).toBe("mk 15/12 cc 10/10");
    // Unchosen departments are marked, the scored ones left empty.
    const header = rows[0];
    expect(rows[1][header.indexOf("bd_effort")]).toBe("-");
    expect(rows[1][header.indexOf("basic_effort")]).toBe("");
  });

  it("reads a filled sheet back into score entries, checked row by row", () => {
    const rows = parseCsv(queueToCsv(queue));
    const header = rows[0];
    const set = (row: string[], name: string, value: string) => (row[header.indexOf(name)] = value);
    set(rows[1], "basic_effort", "10");
    set(rows[1], "basic_results", "8");
    set(rows[1], "mk_effort", "14");
    set(rows[1], "mk_results", "12");
    set(rows[1], "reason", "links open; only this month's work");
    set(rows[2], "cm_effort", "21");
    set(rows[2], "bd_results", "3");
    const extra = [...rows[1]];
    const own = [...rows[1]];
    own[0] = "9";
    const unknown = [...rows[1]];
    unknown[0] = "12";
    const blank = header.map(() => "");
    blank[0] = "3";
    const text = [header, rows[1], rows[2], extra, own, unknown].map((r) => r.map((c) => (/[,"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n");
    const { entries, problems } = readSheet(text, queue, 64);
    expect(entries).toEqual([
      {
        member: 3,
        points: [
          ["Basic", { effort: 10, results: 8 }],
          ["Marketing", { effort: 14, results: 12 }],
        ],
        reason: "links open; only this month's work",
      },
    ]);
    expect(problems).toEqual([
      { line: 3, member: 7, problem: 'Community management effort "21" must be a whole number from 0 to 20. Business development was not chosen by this member: leave it empty.' },
      { line: 4, member: 3, problem: "Member 3 appears twice." },
      { line: 5, member: 9, problem: "Member 9 is your own member: another reviewer scores it." },
      { line: 6, member: 12, problem: "Member 12 has no report this month." },
    ]);
    expect(readSheet([header, blank].map((r) => r.join(",")).join("\n"), queue, 64)).toEqual({ entries: [], problems: [] });
    expect(readSheet("", queue, 64).problems[0].problem).toBe("The file is empty.");
    expect(readSheet("who,what\n1,2", queue, 64).problems[0].problem).toMatch(/header/);
  });

  it("scores the chosen departments plus Basic and Others", () => {
    expect(scoredDepartments(["TechAssistance", "Marketing"])).toEqual(["Basic", "Marketing", "TechAssistance", "Others"]);
  });

  it("splits a large batch at the contract's limit", () => {
    const items = Array.from({ length: 250 }, (_, i) => i);
    expect(batches(items, 100).map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batches([], 100)).toEqual([]);
  });

  it("parses quoted cells, doubled quotes and CRLF", () => {
    expect(parseCsv('a,"b, c","d ""e"""\r\n1,2,3\r\n\r\n')).toEqual([
      ["a", "b, c", 'd "e"'],
      ["1", "2", "3"],
    ]);
  });
});

describe("wallets, amounts and transactions", () => {
  it("filters Ethereum-type accounts out with the reason", () => {
    const { usable, refused } = usableAccounts([
      { address: "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", type: "sr25519" },
      { address: "0x6Be02d1d3665660d22FF9624b7BE0551ee1Ac91b", type: "ethereum" },
    ]);
    expect(usable).toHaveLength(1);
    expect(refused[0].why).toMatch(/Ethereum-type/);
  });

  it("never shows a non-zero amount as zero, in the user's locale", () => {
    expect(formatTokens(1_234_567_890_000_000n, 12, "en-US")).toBe("1,234.56");
    expect(formatTokens(1_234_567_890_000_000n, 12, "de-DE")).toBe("1.234,56");
    expect(formatTokens(1n, 12, "en-US")).toBe("0.000000000001");
    expect(formatTokens(4_000_000_000n, 12, "en-US")).toBe("0.004");
    expect(formatTokens(0n, 12, "en-US")).toBe("0.00");
    expect(formatTokens(5n, 0, "en-US")).toBe("5");
  });

  it("words every transaction outcome, failures included", () => {
    expect(progressInWords("InBlock", "Report sent")).toEqual({ text: "Report sent: in a block, waiting for finality…", over: false, failed: false });
    expect(progressInWords("Finalized", "Report sent").over).toBe(true);
    for (const s of ["Dropped", "Invalid", "Usurped", "FinalityTimeout"] as const) {
      const p = progressInWords(s, "x");
      expect(p.over && p.failed).toBe(true);
    }
    expect(progressInWords("Retracted", "x").over).toBe(false);
  });
});

describe("values as the chain renders them", () => {
  it("reads department sets, byte arrays and links", async () => {
    const { departmentsOf, byteArray, pointsText, safeLink } = await import("../src/program");
    expect(departmentsOf(0b0010_0100)).toEqual(["Marketing", "TechAssistance"]);
    expect(byteArray("0x0a1200")).toEqual([10, 18, 0]);
    expect(byteArray([1, 2])).toEqual([1, 2]);
    expect(byteArray("not hex")).toEqual([]);
    expect(pointsText([18, 0, 26, 0, 0, 0, 5])).toBe("Basic responsibilities 18/40 · Marketing 26/40 · Others 5/40");
    expect(safeLink("https://github.com/x")).toBe("https://github.com/x");
    expect(safeLink("ipfs://bafy")).toBe("ipfs://bafy");
    expect(safeLink("javascript:alert(1)")).toBeUndefined();
    expect(safeLink("http://plain")).toBeUndefined();
  });
});
