//! `unknot routines show NAME`: a routine's steps with their times and
//! sides, each step's caution, the total time of the session, and the body map of each step in
//! text (coloured only on a terminal without `NO_COLOR`).

use super::{Io, report_find_error};
use crate::routine::duration::clock;
use crate::routine::library::Library;
use crate::routine::{Routine, Side, Sides, Step, Style};
use crate::ui::body::{self, Map, Size};

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
    let _ = write!(
        io.out,
        "{}",
        figures(&found.routine, io.style == Style::Color)
    );
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
    let cautions: Vec<String> = r
        .steps
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some(format!("  {}. {}\n", i + 1, s.caution.as_deref()?)))
        .collect();
    if !cautions.is_empty() {
        out.push_str("\nCautions, shown all through their step:\n");
        out.extend(cautions);
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

/// Figures side by side, and the columns between them.
const PER_ROW: usize = 2;
const COLUMN_GAP: usize = 4;

/// The body map of every step, two to a row, each under its number and
/// title (and, for two-sided steps, how the sides are taken).
pub fn figures(r: &Routine, colour: bool) -> String {
    let blocks: Vec<(Vec<String>, Vec<String>)> = r
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| figure(i + 1, s, colour))
        .collect();
    let width = blocks
        .iter()
        .flat_map(|(caption, art)| caption.iter().chain(art).map(|l| visible_width(l)))
        .max()
        .unwrap_or(0);
    let mut out = String::from(
        "\nWhere each step works. Back views show your left on the left; the front\n\
         view of the hip shows it on the right.\n",
    );
    for row in blocks.chunks(PER_ROW) {
        out.push('\n');
        let top = row.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
        let height = top + row.iter().map(|(_, a)| a.len()).max().unwrap_or(0);
        for y in 0..height {
            let mut line = String::new();
            for (k, (caption, art)) in row.iter().enumerate() {
                let cell = if y < top {
                    caption.get(y)
                } else {
                    art.get(y - top)
                };
                let cell = cell.map_or("", String::as_str);
                line.push_str(cell);
                if k + 1 < row.len() {
                    let pad = width + COLUMN_GAP - visible_width(cell);
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

/// One step's caption (number and title, wrapped to the figure's width,
/// and how the sides are taken) and its figure.
fn figure(n: usize, step: &Step, colour: bool) -> (Vec<String>, Vec<String>) {
    let map = Map {
        area: step.area,
        side: match step.sides {
            Sides::Left => Some(Side::Left),
            Sides::Right => Some(Side::Right),
            Sides::None | Sides::Both | Sides::Affected => None,
        },
        tool: step.tool,
        resting: false,
    };
    let width = map.extent(Size::Large).map_or(0, |(w, _)| usize::from(w));
    let mut caption = wrap(&format!("{n}. {}", step.title), width);
    match step.sides {
        Sides::Both => caption.push("(each side in turn)".to_string()),
        Sides::Affected => caption.push("(the painful side only)".to_string()),
        Sides::None | Sides::Left | Sides::Right => {}
    }
    (caption, body::text_lines(&map, Size::Large, colour))
}

/// `text` in lines of at most `width` characters, broken between words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= width => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// Characters a terminal shows for `line`, ANSI colour codes left out.
fn visible_width(line: &str) -> usize {
    let mut n = 0;
    let mut in_escape = false;
    for c in line.chars() {
        match (in_escape, c) {
            (false, '\x1b') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, _) => n += 1,
        }
    }
    n
}
