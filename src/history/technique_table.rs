//! `unknot history --techniques`: the per-technique record (routine, step,
//! side) printed as an aligned table, CSV or JSON. CSV and JSON carry the
//! same fields under the same names: each count with the last time it
//! happened (RFC 3339, in the time zone the session was done in).

use std::io::{self, Write};

use serde::Serialize;

use super::export::Format;
use super::time;
use crate::tolerance::{Key, Record, Records, Seen};
use crate::vocab::{CheckIn, Side};

/// The steps of a routine as it is installed now: (id, title), in order.
pub type Steps = Vec<(String, String)>;

/// One technique on one side, as exported. Field names are part of the
/// format.
#[derive(Debug, Serialize)]
struct Line<'a> {
    routine: &'a str,
    step: &'a str,
    title: Option<&'a str>,
    side: Option<&'static str>,
    done: u32,
    last_done: Option<String>,
    better: u32,
    last_better: Option<String>,
    same: u32,
    last_same: Option<String>,
    sharper: u32,
    last_sharper: Option<String>,
    spreading: u32,
    last_spreading: Option<String>,
    drew_back: u32,
    last_drew_back: Option<String>,
    stopped: u32,
    last_stopped: Option<String>,
    shortened: u32,
    last_shortened: Option<String>,
    skipped: u32,
    last_skipped: Option<String>,
    as_written: u32,
    last_as_written: Option<String>,
}

const CSV_HEADER: &str = "routine,step,title,side,done,last_done,better,last_better,same,\
last_same,sharper,last_sharper,spreading,last_spreading,drew_back,last_drew_back,stopped,\
last_stopped,shortened,last_shortened,skipped,last_skipped,as_written,last_as_written";

fn stamp(s: Seen) -> Option<String> {
    s.last.map(|w| time::rfc3339(w.ms, w.offset_s))
}

fn line<'a>(key: &'a Key, r: &Record, title: Option<&'a str>) -> Line<'a> {
    let a = |c| r.answered(c);
    Line {
        routine: &key.routine,
        step: &key.step,
        title,
        side: key.side.map(Side::word),
        done: r.done.count,
        last_done: stamp(r.done),
        better: a(CheckIn::Better).count,
        last_better: stamp(a(CheckIn::Better)),
        same: a(CheckIn::Same).count,
        last_same: stamp(a(CheckIn::Same)),
        sharper: a(CheckIn::Sharper).count,
        last_sharper: stamp(a(CheckIn::Sharper)),
        spreading: a(CheckIn::Spreading).count,
        last_spreading: stamp(a(CheckIn::Spreading)),
        drew_back: a(CheckIn::DrewBack).count,
        last_drew_back: stamp(a(CheckIn::DrewBack)),
        stopped: r.stops.count,
        last_stopped: stamp(r.stops),
        shortened: r.shortened.count,
        last_shortened: stamp(r.shortened),
        skipped: r.skipped.count,
        last_skipped: stamp(r.skipped),
        as_written: r.as_written.count,
        last_as_written: stamp(r.as_written),
    }
}

/// The records in the order to print them: by routine, then the steps in
/// the order of the routine as installed (`steps`; unknown ids after, by
/// id), then side (none, left, right); each with its title if known.
fn ordered<'a>(
    records: &'a Records,
    steps: &'a dyn Fn(&str) -> Option<Steps>,
) -> Vec<(&'a Key, &'a Record, Option<String>)> {
    let mut known: std::collections::HashMap<&str, Option<Steps>> = Default::default();
    let mut rows: Vec<_> = records
        .iter()
        .map(|(k, r)| {
            let list = known.entry(&k.routine).or_insert_with(|| steps(&k.routine));
            let at = list
                .as_ref()
                .and_then(|l| l.iter().position(|(id, _)| *id == k.step));
            let title = at.and_then(|i| list.as_ref().map(|l| l[i].1.clone()));
            ((k.routine.clone(), at.unwrap_or(usize::MAX)), k, r, title)
        })
        .collect();
    rows.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    rows.into_iter().map(|(_, k, r, t)| (k, r, t)).collect()
}

/// Write the records in `format`; `steps` gives a routine's steps as
/// installed now (for titles and order), if it is found.
pub fn write(
    format: Format,
    records: &Records,
    steps: &dyn Fn(&str) -> Option<Steps>,
    out: &mut impl Write,
) -> io::Result<()> {
    let rows = ordered(records, steps);
    match format {
        Format::Table => table(&rows, out),
        Format::Csv => csv(&rows, out),
        Format::Json => json(&rows, out),
    }
}

type Rows<'a> = [(&'a Key, &'a Record, Option<String>)];

fn csv_field(out: &mut impl Write, text: &str) -> io::Result<()> {
    if text.contains([',', '"', '\n', '\r']) {
        write!(out, "\"{}\"", text.replace('"', "\"\""))
    } else {
        out.write_all(text.as_bytes())
    }
}

fn csv(rows: &Rows<'_>, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{CSV_HEADER}")?;
    for (k, r, title) in rows {
        let x = line(k, r, title.as_deref());
        csv_field(out, x.routine)?;
        out.write_all(b",")?;
        csv_field(out, x.step)?;
        out.write_all(b",")?;
        csv_field(out, x.title.unwrap_or(""))?;
        write!(out, ",{}", x.side.unwrap_or(""))?;
        let pairs = [
            (x.done, x.last_done),
            (x.better, x.last_better),
            (x.same, x.last_same),
            (x.sharper, x.last_sharper),
            (x.spreading, x.last_spreading),
            (x.drew_back, x.last_drew_back),
            (x.stopped, x.last_stopped),
            (x.shortened, x.last_shortened),
            (x.skipped, x.last_skipped),
            (x.as_written, x.last_as_written),
        ];
        for (n, last) in pairs {
            write!(out, ",{n},{}", last.unwrap_or_default())?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn json(rows: &Rows<'_>, out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, (k, r, title)) in rows.iter().enumerate() {
        out.write_all(if i == 0 { b"\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut *out, &line(k, r, title.as_deref()))
            .map_err(io::Error::other)?;
    }
    out.write_all(if rows.is_empty() { b"]\n" } else { b"\n]\n" })
}

/// The column titles of the table.
pub const TITLES: [&str; 13] = [
    "routine",
    "technique",
    "side",
    "done",
    "better",
    "same",
    "sharper",
    "spreading",
    "drew back",
    "stopped",
    "shortened",
    "skipped",
    "last went wrong",
];

/// "sharper 2024-03-01 19:05": the latest time it went wrong, and how.
fn last_trouble(r: &Record) -> String {
    let all = [
        ("sharper", r.answered(CheckIn::Sharper)),
        ("spreading", r.answered(CheckIn::Spreading)),
        ("stopped", r.stops),
    ];
    all.iter()
        .filter_map(|(w, s)| s.last.map(|l| (l, *w)))
        .max_by_key(|(l, _)| l.ms)
        .map(|(l, w)| format!("{w} {}", time::date_time(l.ms, l.offset_s)))
        .unwrap_or_default()
}

fn table(rows: &Rows<'_>, out: &mut impl Write) -> io::Result<()> {
    let body: Vec<[String; 13]> = rows
        .iter()
        .map(|(k, r, title)| {
            let n = |s: Seen| s.count.to_string();
            let a = |c| n(r.answered(c));
            [
                k.routine.clone(),
                title.clone().unwrap_or_else(|| k.step.clone()),
                k.side.map_or("", Side::word).to_string(),
                n(r.done),
                a(CheckIn::Better),
                a(CheckIn::Same),
                a(CheckIn::Sharper),
                a(CheckIn::Spreading),
                a(CheckIn::DrewBack),
                n(r.stops),
                n(r.shortened),
                n(r.skipped),
                last_trouble(r),
            ]
        })
        .collect();
    let mut widths = TITLES.map(|t| t.chars().count());
    for row in &body {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let print = |out: &mut dyn Write, cells: &[&str]| -> io::Result<()> {
        let mut text = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            // Counts are right-aligned, words left-aligned.
            let pad = w - cell.chars().count();
            if (3..12).contains(&i) {
                text.extend(std::iter::repeat_n(' ', pad));
                text.push_str(cell);
            } else {
                text.push_str(cell);
                text.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    print(out, &TITLES)?;
    for row in &body {
        print(out, &row.each_ref().map(String::as_str))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
