//! `unknot routines show NAME`: a routine's steps with their times and
//! sides, and the total time of the session.

use super::{Io, report_find_error};
use crate::routine::duration::clock;
use crate::routine::library::Library;
use crate::routine::{Routine, Sides, Step};

/// Print the routine called (or stored at) `name`.
pub fn show(lib: &Library, name: &str, io: &mut Io<'_>) -> u8 {
    let found = match lib.find(name) {
        Ok(f) => f,
        Err(e) => return report_find_error(&e, io),
    };
    let where_from = match found.origin.path() {
        Some(p) => format!("{}, {}", found.origin.word(), p.display()),
        None => found.origin.word().to_string(),
    };
    let _ = writeln!(io.out, "{} ({where_from})", found.routine.name);
    let _ = write!(io.out, "{}", describe(&found.routine));
    if found.warnings.diagnostics().is_empty() {
        0
    } else {
        let _ = write!(io.err, "{}", found.warnings.render(io.style));
        1
    }
}

fn sides(s: Sides) -> &'static str {
    match s {
        Sides::None => "-",
        Sides::Left => "left",
        Sides::Right => "right",
        Sides::Both => "both",
        Sides::Affected => "affected",
    }
}

fn time(step: &Step) -> String {
    match step.repeat {
        1 => clock(step.duration),
        n => format!("{n} × {}", clock(step.duration)),
    }
}

fn place(step: &Step) -> String {
    let mut parts = Vec::new();
    if let Some(a) = step.area {
        parts.push(a.name());
    }
    if step.tool != crate::routine::Tool::None {
        parts.push(step.tool.name());
    }
    if let Some(p) = step.pressure {
        parts.push(p.name());
    }
    parts.join(", ")
}

/// Everything after the heading line: summary, description, the step
/// table and the totals.
pub fn describe(r: &Routine) -> String {
    let mut out = format!("{}\n", r.summary);
    if let Some(d) = &r.description {
        out.push_str(&format!("\n{}\n", d.trim_end()));
    }
    let mut rows = vec![[
        "#".to_string(),
        "STEP".into(),
        "KIND".into(),
        "TIME".into(),
        "SIDES".into(),
        "ACTIVE".into(),
        "WHERE".into(),
    ]];
    for (i, s) in r.steps.iter().enumerate() {
        rows.push([
            (i + 1).to_string(),
            s.title.clone(),
            s.kind.name().to_string(),
            time(s),
            sides(s.sides).to_string(),
            clock(s.active_time()),
            place(s),
        ]);
    }
    let widths: Vec<usize> = (0..7)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    out.push('\n');
    for row in &rows {
        let line = format!(
            "{:>w0$}  {:w1$}  {:w2$}  {:>w3$}  {:w4$}  {:>w5$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3],
            w4 = widths[4],
            w5 = widths[5],
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let (total, active) = (r.total_time(), r.active_time());
    out.push_str(&format!(
        "\nTotal {}: {} of techniques, {} to get ready, change sides and rest.\n",
        clock(total),
        clock(active),
        clock(total.saturating_sub(active))
    ));
    if r.steps.iter().any(|s| s.sides == Sides::Affected) {
        out.push_str("Steps marked 'affected' count both sides here; with --side they run on that side only.\n");
    }
    if r.is_massage_free() {
        out.push_str("There is no massage in this routine.\n");
    }
    out
}
