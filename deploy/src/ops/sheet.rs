//! The scoring sheet: the month's queue as the CSV a reviewer fills in a spreadsheet, and the
//! filled sheet read back row by row before anything is signed. The columns are the app's
//! (Review screen), so a sheet exported by either is loaded by either:
//! `member, departments, suggested, evidence, late, <dept>_effort, <dept>_results … , reason`.
//! Each row is checked with the program's own rule (`rules::submission::validate_review`) and the
//! month's evidence limit; a problem names the row's line in the file.

use reward_pool::{MemberId, ScoreEntry, Submission};
use rules::department::{Department, DepartmentSet};
use rules::submission::{validate_evidence, validate_review, Score};
use std::collections::{BTreeMap, BTreeSet};

/// Column prefixes of the departments, in department order (the app's `SHORT`).
pub const SHORT: [&str; 7] = ["basic", "cm", "mk", "cc", "bd", "tech", "others"];

/// The departments a reviewer scores for an entry: its chosen ones plus Basic and Others.
fn scored(chosen: DepartmentSet) -> impl Iterator<Item = Department> {
    Department::ALL
        .into_iter()
        .filter(move |d| !d.is_choosable() || chosen.contains(*d))
}

/// A cell a spreadsheet would run as a formula, made inert (text from the chain is untrusted).
fn inert(text: &str) -> String {
    if text.len() > 1 && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The month's queue as a sheet: one row per entry (the reviewer's own member left out), its
/// suggestion beside empty score cells for the departments it is scored in and "-" in the others.
pub fn queue_csv(
    entries: &[(MemberId, Submission)],
    own: Option<MemberId>,
) -> anyhow::Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header = vec![
        "member".to_string(),
        "departments".into(),
        "suggested".into(),
        "evidence".into(),
        "late".into(),
    ];
    for s in SHORT {
        header.push(format!("{s}_effort"));
        header.push(format!("{s}_results"));
    }
    header.push("reason".into());
    w.write_record(&header)?;
    for (member, e) in entries.iter().filter(|(m, _)| Some(*m) != own) {
        let chosen: Vec<Department> = e.departments.iter().collect();
        let suggested: Vec<String> = chosen
            .iter()
            .zip(&e.suggested)
            .map(|(d, s)| format!("{} {}/{}", SHORT[d.index()], s.effort, s.results))
            .collect();
        let mut row = vec![
            member.to_string(),
            chosen
                .iter()
                .map(|d| SHORT[d.index()])
                .collect::<Vec<_>>()
                .join(" "),
            suggested.join(" "),
            inert(&String::from_utf8_lossy(&e.evidence_ref)),
            if e.late { "late".into() } else { String::new() },
        ];
        let scored: Vec<Department> = scored(e.departments).collect();
        for d in Department::ALL {
            let cell = if scored.contains(&d) { "" } else { "-" };
            row.push(cell.into());
            row.push(cell.into());
        }
        row.push(String::new());
        w.write_record(&row)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// A row that cannot be sent, with its line in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Line in the file (the header is line 1).
    pub line: usize,
    /// What is wrong, in words.
    pub problem: String,
}

/// A checked entry and the line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Line in the file.
    pub line: usize,
    /// What `score` takes.
    pub entry: ScoreEntry,
}

/// Reads a filled sheet against the month's entries (`queue`: member → its chosen departments),
/// `own` being the reviewer's own member (never scored by it) and `max_reason` the month's
/// evidence limit. Rows with every score cell empty are skipped (not scored yet); empty cells in
/// a scored department count as 0; "-" or empty is required in the others.
pub fn read(
    text: &str,
    queue: &BTreeMap<MemberId, DepartmentSet>,
    own: Option<MemberId>,
    max_reason: u32,
) -> (Vec<Row>, Vec<Problem>) {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.to_ascii_lowercase()).collect(),
        Err(e) => {
            problems.push(Problem {
                line: 1,
                problem: format!("the header cannot be read: {e}"),
            });
            return (rows, problems);
        }
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    let Some(member_col) = col("member") else {
        problems.push(Problem {
            line: 1,
            problem: "the first row must be the sheet's header (a column named member)".into(),
        });
        return (rows, problems);
    };
    let mut seen = BTreeSet::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let mut bad = |problem: String| problems.push(Problem { line, problem });
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                bad(format!("cannot be read: {e}"));
                continue;
            }
        };
        let cell = |name: &str| {
            col(name)
                .and_then(|c| record.get(c))
                .unwrap_or("")
                .to_string()
        };
        let member_text = record.get(member_col).unwrap_or("");
        let Ok(member) = member_text.parse::<MemberId>() else {
            bad(format!("\"{member_text}\" is not a member id"));
            continue;
        };
        let Some(chosen) = queue.get(&member) else {
            bad(format!("member {member} has no report this month"));
            continue;
        };
        if own == Some(member) {
            bad(format!(
                "member {member} is your own member: another reviewer scores it"
            ));
            continue;
        }
        let mut scores = Vec::new();
        let mut any = false;
        let mut row_problems = Vec::new();
        for d in Department::ALL {
            let cells = [
                cell(&format!("{}_effort", SHORT[d.index()])),
                cell(&format!("{}_results", SHORT[d.index()])),
            ];
            let in_scope = !d.is_choosable() || chosen.contains(d);
            if !in_scope {
                if cells.iter().any(|c| !c.is_empty() && c != "-" && c != "0") {
                    row_problems.push(format!(
                        "{d:?} was not chosen by this member: leave it empty"
                    ));
                }
                continue;
            }
            any |= cells.iter().any(|c| !c.is_empty());
            let mut halves = [0u8; 2];
            for (k, c) in cells.iter().enumerate() {
                if c.is_empty() {
                    continue;
                }
                match c.parse::<u8>() {
                    Ok(v) => halves[k] = v,
                    Err(_) => row_problems.push(format!(
                        "{d:?} {} \"{c}\" is not a whole number",
                        ["effort", "results"][k]
                    )),
                }
            }
            if halves != [0, 0] {
                scores.push((
                    d,
                    Score {
                        effort: halves[0],
                        results: halves[1],
                    },
                ));
            }
        }
        if !any && row_problems.is_empty() {
            continue;
        }
        if let Err(e) = validate_review(*chosen, &scores) {
            row_problems.push(format!("refused by the program's rules: {e:?}"));
        }
        let reason = cell("reason").into_bytes();
        if !reason.is_empty() {
            if let Err(e) = validate_evidence(&reason, max_reason) {
                row_problems.push(format!(
                    "the reason is refused: {e:?} (at most {max_reason} bytes)"
                ));
            }
        }
        if !seen.insert(member) {
            row_problems.push(format!("member {member} appears twice"));
        }
        if row_problems.is_empty() {
            rows.push(Row {
                line,
                entry: (member, scores, reason),
            });
        } else {
            bad(row_problems.join("; "));
        }
    }
    (rows, problems)
}
