//! Printing the history for people, scripts and clinicians: an aligned
//! table, CSV (RFC 4180, one header row) and JSON (an array of objects).
//! CSV and JSON carry the same fields under the same names; times are
//! RFC 3339 in the time zone the session was done in.

use std::io::{self, Write};

use serde::Serialize;

use super::model::{Outcome, Screening, SessionRow};
use super::time;

/// An output format of `unknot history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// An array of objects.
    Json,
}

/// One session as exported. Field names are part of the format; every
/// number follows the one definition in `docs/history.md`.
#[derive(Debug, Serialize)]
struct Record<'a> {
    id: i64,
    started: String,
    ended: Option<String>,
    duration_s: Option<i64>,
    routine: &'a str,
    routine_hash: &'a str,
    asked_routine: &'a str,
    asked_hash: &'a str,
    side: Option<&'static str>,
    outcome: &'static str,
    reason: Option<&'a str>,
    screening: Option<String>,
    pain_before: Option<u8>,
    pain_after: Option<u8>,
    pain_change: Option<i32>,
    extent_before: Option<&'static str>,
    extent_after: Option<&'static str>,
    steps_completed: u32,
    steps_skipped: u32,
    steps_total: Option<u32>,
}

const CSV_HEADER: &str = "id,started,ended,duration_s,routine,routine_hash,asked_routine,\
asked_hash,side,outcome,reason,screening,pain_before,pain_after,pain_change,extent_before,\
extent_after,steps_completed,steps_skipped,steps_total";

fn record(r: &SessionRow) -> Record<'_> {
    Record {
        id: r.id,
        started: time::rfc3339(r.started_ms, r.utc_offset_s),
        ended: r.ended_ms.map(|e| time::rfc3339(e, r.utc_offset_s)),
        duration_s: r.duration_ms().map(|d| d / 1000),
        routine: &r.routine,
        routine_hash: &r.routine_hash,
        asked_routine: &r.asked_routine,
        asked_hash: &r.asked_hash,
        side: r.side.map(|s| s.word()),
        outcome: r.outcome.code().unwrap_or("in-progress"),
        reason: r.outcome.reason(),
        screening: r.screening.as_ref().map(Screening::code),
        pain_before: r.pain_before.map(|p| p.get()),
        pain_after: r.pain_after.map(|p| p.get()),
        pain_change: r.pain_change(),
        extent_before: r.extent_before.map(|e| e.code()),
        extent_after: r.extent_after.map(|e| e.code()),
        steps_completed: r.steps_completed,
        steps_skipped: r.steps_skipped,
        steps_total: r.steps_total,
    }
}

/// Write `rows` in `format`.
pub fn write(format: Format, rows: &[SessionRow], out: &mut impl Write) -> io::Result<()> {
    match format {
        Format::Table => table(rows, out),
        Format::Csv => csv(rows, out),
        Format::Json => json(rows, out),
    }
}

/// A CSV field, quoted when it must be.
fn csv_field(out: &mut impl Write, text: &str) -> io::Result<()> {
    if text.contains([',', '"', '\n', '\r']) {
        write!(out, "\"{}\"", text.replace('"', "\"\""))
    } else {
        out.write_all(text.as_bytes())
    }
}

/// CSV with a header row; empty fields for unknown values. The fields
/// are the JSON record's, in the same order (a test holds them to it).
pub fn csv(rows: &[SessionRow], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{CSV_HEADER}")?;
    let opt = |v: Option<String>| v.unwrap_or_default();
    let num = |v: Option<u32>| opt(v.map(|n| n.to_string()));
    for r in rows {
        let x = record(r);
        write!(
            out,
            "{},{},{},{},",
            x.id,
            x.started,
            opt(x.ended),
            opt(x.duration_s.map(|d| d.to_string()))
        )?;
        csv_field(out, x.routine)?;
        write!(out, ",{},", x.routine_hash)?;
        csv_field(out, x.asked_routine)?;
        write!(
            out,
            ",{},{},{},",
            x.asked_hash,
            x.side.unwrap_or(""),
            x.outcome
        )?;
        csv_field(out, x.reason.unwrap_or(""))?;
        writeln!(
            out,
            ",{},{},{},{},{},{},{},{},{}",
            opt(x.screening),
            num(x.pain_before.map(u32::from)),
            num(x.pain_after.map(u32::from)),
            opt(x.pain_change.map(|p| p.to_string())),
            x.extent_before.unwrap_or(""),
            x.extent_after.unwrap_or(""),
            x.steps_completed,
            x.steps_skipped,
            num(x.steps_total)
        )?;
    }
    Ok(())
}

/// A JSON array of session objects, one per line inside the array.
pub fn json(rows: &[SessionRow], out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, r) in rows.iter().enumerate() {
        out.write_all(if i == 0 { b"\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut *out, &record(r)).map_err(io::Error::other)?;
    }
    out.write_all(if rows.is_empty() { b"]\n" } else { b"\n]\n" })
}

/// "7 → 5 (−2)"; "7 before" or "4 after" when only one was rated (the
/// end questions come only after a completed session); "" when neither.
pub fn pain_cell(r: &SessionRow) -> String {
    match (r.pain_before, r.pain_after, r.pain_change()) {
        (Some(b), Some(a), Some(0)) => format!("{} → {} (=)", b.get(), a.get()),
        (Some(b), Some(a), Some(c)) => format!(
            "{} → {} ({}{})",
            b.get(),
            a.get(),
            if c < 0 { '−' } else { '+' },
            c.abs()
        ),
        (Some(b), None, _) => format!("{} before", b.get()),
        (None, Some(a), _) => format!("{} after", a.get()),
        _ => String::new(),
    }
}

/// "thigh → buttock", "thigh (same)"; "thigh before" or "foot after"
/// when only one was asked.
pub fn reach_cell(r: &SessionRow) -> String {
    match (r.extent_before, r.extent_after) {
        (Some(b), Some(a)) if a == b => format!("{} (same)", b.short()),
        (Some(b), Some(a)) => format!("{} → {}", b.short(), a.short()),
        (Some(b), None) => format!("{} before", b.short()),
        (None, Some(a)) => format!("{} after", a.short()),
        (None, None) => String::new(),
    }
}

/// The safety check's result in a table cell: "no signs", or the groups
/// answered yes; "" when the check was not finished.
pub fn screening_cell(r: &SessionRow) -> String {
    match &r.screening {
        Some(s) if s.yes.is_empty() => "no signs".to_string(),
        Some(s) => s.code(),
        None => String::new(),
    }
}

/// The cells of one table row: date, routine, duration, outcome, pain,
/// reach, safety check.
pub fn cells(r: &SessionRow) -> [String; 7] {
    [
        time::date_time(r.started_ms, r.utc_offset_s),
        r.routine.clone(),
        r.duration_ms().map(time::span).unwrap_or_default(),
        match &r.outcome {
            Outcome::Stopped(reason) => format!("stopped ({reason})"),
            other => other.words(),
        },
        pain_cell(r),
        reach_cell(r),
        screening_cell(r),
    ]
}

/// The column titles of the table.
pub const TITLES: [&str; 7] = [
    "date",
    "routine",
    "time",
    "outcome",
    "pain",
    "reach",
    "safety check",
];

/// Aligned columns, two spaces apart, with a title row.
pub fn table(rows: &[SessionRow], out: &mut impl Write) -> io::Result<()> {
    let body: Vec<[String; 7]> = rows.iter().map(cells).collect();
    let mut widths = TITLES.map(|t| t.chars().count());
    for row in &body {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &[&str]| -> io::Result<()> {
        let mut text = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(cell);
            text.extend(std::iter::repeat_n(' ', w - cell.chars().count()));
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(out, &TITLES)?;
    for row in &body {
        line(out, &row.each_ref().map(String::as_str))?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "export_tests.rs"]
pub(crate) mod tests;
