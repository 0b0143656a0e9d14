//! The page: a [`Report`] as one self-contained HTML document. Inline CSS
//! (screen and print: the report itself fits one A4 or Letter page for a
//! month of sessions, the routines follow on pages of their own), the two
//! charts as inline SVG, no script, no fonts to fetch, no links. Every
//! text that comes from the history or a routine goes through `escape`.
//! Pure: the same report gives the same bytes.

use std::fmt::Write as _;

use super::escape::{escape, one_decimal, push};
use super::model::{
    ChoiceRow, ClearanceRow, Direction, Grain, Point, Report, RoutineText, Stamp, StopPlace,
    StopRow, TechniqueRow, extent_name, extent_place,
};
use super::period::iso_day;
use super::svg::{self, Chart, Scale};
use crate::history::{Extent, time};
use crate::safety::texts;
use crate::vocab::{CheckIn, StopReason, Trouble};
use crate::vocab::{Group, Verdict};

const STYLE: &str = r#"
:root { color: #1a1a1a; background: #ffffff; }
body { font: 9.5pt/1.3 system-ui, "Segoe UI", "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 190mm; padding: 6mm 8mm; }
h1 { font-size: 14pt; margin: 0; }
h2 { font-size: 11pt; margin: 3mm 0 1mm; padding-bottom: 0.3mm; border-bottom: 0.5pt solid #8c8c8c; break-after: avoid; }
h3 { font-size: 9.5pt; margin: 2mm 0 0.5mm; break-after: avoid; }
p { margin: 0.6mm 0; }
.meta { color: #444444; }
.about { font-size: 8pt; background: #f2f2f2; padding: 1mm 2.5mm; border-left: 1mm solid #8c8c8c; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2mm 4mm; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; }
figure { margin: 0; break-inside: avoid; }
figcaption { font-weight: 600; font-size: 9pt; }
svg.chart { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; line-height: 1.2; }
caption { text-align: left; font-size: 8pt; color: #444444; }
th, td { text-align: left; padding: 0.2mm 1.2mm; border-bottom: 0.3pt solid #cccccc; vertical-align: top; }
th[scope="colgroup"] { background: #f2f2f2; }
td.when, td.why { white-space: nowrap; }
.n { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.small { font-size: 8pt; color: #444444; }
pre { font: 7.5pt/1.25 "DejaVu Sans Mono", ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; background: #f7f7f7; padding: 1.5mm 2mm; border: 0.3pt solid #cccccc; margin: 1mm 0 3mm; }
.appendix { break-before: page; }
footer { font-size: 8pt; color: #444444; margin-top: 2mm; }
@page { margin: 10mm 12mm; }
@media print {
  body { max-width: none; padding: 0; }
  details { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@media (max-width: 640px) { .charts { grid-template-columns: 1fr; } }
"#;

/// The page for `report`. `version` names the unknot that made it.
pub fn render(report: &Report, version: &str) -> String {
    let mut out = String::with_capacity(64 * 1024 + report.stops.len() * 200);
    let period = format!(
        "{} to {}",
        iso_day(report.period.first_day),
        iso_day(report.period.last_day)
    );
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = write!(
        out,
        "<title>Self-massage progress report, {period}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    header(&mut out, report, &period, version);
    summary(&mut out, report);
    charts(&mut out, report);
    stops(&mut out, &report.stops);
    techniques(&mut out, &report.techniques);
    screening(&mut out, report);
    clearances(&mut out, &report.clearances);
    choices(&mut out, &report.choices);
    out.push_str(
        "<footer>\n<p>Times are shown as they were where each session was done. Pain is the \
         person's own rating from 0 (none) to 10 (the worst they can imagine).</p>\n</footer>\n",
    );
    appendix(&mut out, &report.routines);
    out.push_str("</body>\n</html>\n");
    out
}

/// `2024-03-01 18:05`.
fn when(out: &mut String, at: Stamp) {
    out.push_str(&time::date_time(at.ms, at.offset_s));
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn header(out: &mut String, r: &Report, period: &str, version: &str) {
    out.push_str("<header>\n<h1>Self-massage progress report</h1>\n<p class=\"meta\">");
    let _ = write!(
        out,
        "{period} ({}) · made on {} with unknot {}",
        plural(r.period.days() as usize, "day", "days"),
        &time::date_time(r.made.ms, r.made.offset_s)[..10],
        escape(version)
    );
    out.push_str("</p>\n<p class=\"about\"><strong>What this is:</strong> a summary of the guided self-massage sessions \
        recorded by unknot, a timer for lower-back nerve pain, with what the person reported before, during \
        and after each one. <strong>It is not a diagnosis</strong> and not a medical record: the numbers \
        are the person's own ratings, to be read alongside your own assessment.</p>\n</header>\n");
}

fn summary(out: &mut String, r: &Report) {
    let t = &r.totals;
    out.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n<dl>\n<dt>Sessions</dt><dd>");
    let weeks = r.period.days() as f64 / 7.0;
    let _ = write!(out, "{}", t.sessions);
    if r.period.days() >= 7 {
        out.push_str(" (");
        one_decimal(out, t.sessions as f64 / weeks);
        out.push_str(" a week)");
    }
    let _ = write!(
        out,
        "</dd>\n<dt>Time spent</dt><dd>{}</dd>\n<dt>How they ended</dt><dd>",
        time::span(t.total_ms)
    );
    let parts: Vec<String> = [
        (t.completed, "completed"),
        (t.stopped, "stopped for safety"),
        (t.interrupted, "interrupted"),
        (t.quit, "quit early"),
        (t.screened_out, "ended at the safety check"),
        (t.in_progress, "still running"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, w)| format!("{n} {w}"))
    .collect();
    out.push_str(&parts.join(" · "));
    out.push_str("</dd>\n<dt>Pain</dt><dd>");
    pain_words(out, r);
    out.push_str("</dd>\n<dt>How far it reaches</dt><dd>");
    reach_words(out, r);
    out.push_str("</dd>\n</dl>\n</section>\n");
}

fn pain_words(out: &mut String, r: &Report) {
    let p = &r.pain;
    match (p.mean_before, p.mean_after) {
        (Some(b), Some(a)) => {
            out.push_str("On average ");
            one_decimal(out, b);
            out.push_str(" before a session and ");
            one_decimal(out, a);
            let _ = write!(
                out,
                " after ({} rated both); it eased in {}, stayed the same in {} and rose in {}",
                plural(p.rated, "session", "sessions"),
                p.eased,
                p.same,
                p.rose
            );
            if let Some((lo, hi)) = p.range_before {
                let _ = write!(
                    out,
                    ". Before sessions it ranged from {} to {}",
                    lo.get(),
                    hi.get()
                );
            }
            out.push('.');
        }
        _ => match p.range_before {
            Some((lo, hi)) => {
                let _ = write!(
                    out,
                    "Rated before sessions only, from {} to {}.",
                    lo.get(),
                    hi.get()
                );
            }
            None => out.push_str("Not rated in this period."),
        },
    }
}

fn reach_words(out: &mut String, r: &Report) {
    let s = &r.reach;
    match s.trend {
        Some((first, second, dir)) => {
            let _ = write!(
                out,
                "Before sessions, it reached on average {} in the first half of the period and {} in the second (",
                extent_place(first),
                extent_place(second)
            );
            one_decimal(out, first);
            out.push_str(" → ");
            one_decimal(out, second);
            out.push_str(" on a scale from 0, lower back only, to 4, foot): ");
            out.push_str(match dir {
                Direction::DrawingBack => {
                    "<strong>drawing back toward the back</strong>, which is a good sign when no new weakness comes with it."
                }
                Direction::Stable => "<strong>stable</strong>.",
                Direction::Spreading => {
                    "<strong>spreading</strong> further down the leg, which is worth checking."
                }
            });
        }
        None if s.rated == 1 => {
            out.push_str("asked before one session only: too few to tell a trend.")
        }
        None => out.push_str("Not asked in this period."),
    }
    let within = s.drew_back + s.same + s.spread;
    if within > 0 {
        let _ = write!(
            out,
            " Within sessions, it reached less far afterwards in {}, as far in {} and further in {}.",
            plural(s.drew_back, "session", "sessions"),
            s.same,
            s.spread
        );
    }
}

fn charts(out: &mut String, r: &Report) {
    let points = &r.points;
    let each = match points.grain {
        Grain::Session => "one session",
        Grain::Day => "the mean of one day's sessions",
        Grain::Week => "the mean of one week's sessions (Monday to Sunday)",
        Grain::Month => "the mean of one month's sessions",
    };
    out.push_str(
        "<section id=\"charts\">\n<h2>Pain and how far it reaches</h2>\n<div class=\"charts\">\n",
    );
    let mut pain_desc = format!(
        "{} points, each {each}; hollow circles before, filled circles after. ",
        points.list.len()
    );
    let mut tmp = String::new();
    pain_words(&mut tmp, r);
    pain_desc.push_str("Pain: ");
    pain_desc.push_str(&strip_tags(&tmp));
    let mut reach_desc = format!(
        "{} points, each {each}; lower back at the top, foot at the bottom. ",
        points.list.len()
    );
    tmp.clear();
    reach_words(&mut tmp, r);
    reach_desc.push_str(&strip_tags(&tmp));
    for (id, scale, caption, title, desc) in [
        (
            "pain",
            Scale::Pain,
            "Pain before and after (0–10)",
            "Pain before and after each session, 0 to 10",
            pain_desc,
        ),
        (
            "reach",
            Scale::Reach,
            "How far it reaches, before and after",
            "How far down the leg the symptoms reach, before and after each session",
            reach_desc,
        ),
    ] {
        let _ = writeln!(out, "<figure>\n<figcaption>{caption}</figcaption>");
        svg::draw(
            out,
            Chart {
                id,
                scale,
                title,
                desc: &desc,
            },
            r.period,
            points,
        );
        out.push_str("</figure>\n");
    }
    let _ = writeln!(
        out,
        "</div>\n<p class=\"small\">Each point is {each}: a hollow circle before, a filled circle after, joined by a line.</p>"
    );
    out.push_str("<details>\n<summary>Numbers behind the charts</summary>\n<table>\n<thead><tr><th scope=\"col\">When</th>");
    if points.grain != Grain::Session {
        out.push_str("<th scope=\"col\" class=\"n\">Sessions</th>");
    }
    out.push_str("<th scope=\"col\" class=\"n\">Pain before</th><th scope=\"col\" class=\"n\">Pain after</th><th scope=\"col\">Reach before</th><th scope=\"col\">Reach after</th></tr></thead>\n<tbody>\n");
    for p in &points.list {
        point_row(out, p, points.grain);
    }
    out.push_str("</tbody>\n</table>\n</details>\n</section>\n");
}

fn point_row(out: &mut String, p: &Point, grain: Grain) {
    out.push_str("<tr><td>");
    let day = time::day_number(p.at.ms, p.at.offset_s);
    match grain {
        Grain::Session => when(out, p.at),
        Grain::Day => out.push_str(&iso_day(day)),
        Grain::Week => {
            let _ = write!(out, "week of {}", iso_day(day));
        }
        Grain::Month => out.push_str(&iso_day(day)[..7]),
    }
    out.push_str("</td>");
    if grain != Grain::Session {
        let _ = write!(out, "<td class=\"n\">{}</td>", p.sessions);
    }
    let exact = grain == Grain::Session;
    for v in [p.pain_before, p.pain_after] {
        out.push_str("<td class=\"n\">");
        match v {
            Some(v) if exact => {
                let _ = write!(out, "{v:.0}");
            }
            Some(v) => one_decimal(out, v),
            None => out.push('–'),
        }
        out.push_str("</td>");
    }
    for v in [p.reach_before, p.reach_after] {
        out.push_str("<td>");
        match v {
            Some(v) if exact => out.push_str(extent_name(v)),
            Some(v) => {
                out.push_str(extent_name(v));
                out.push_str(" (");
                one_decimal(out, v);
                out.push(')');
            }
            None => out.push('–'),
        }
        out.push_str("</td>");
    }
    out.push_str("</tr>\n");
}

/// The text of a fragment of our own markup (for the charts' `<desc>`).
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut inside = false;
    for c in s.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn reason_words(r: &Result<StopReason, String>) -> String {
    match r {
        Ok(StopReason::PainWorse) => "stop key: pain worse".to_string(),
        Ok(StopReason::Sharper) => "check-in: sharper".to_string(),
        Ok(StopReason::Spreading) => "check-in: spreading".to_string(),
        Ok(StopReason::RedFlag) => "urgent signs reported".to_string(),
        Err(code) => format!("a reason this version does not know ('{code}')"),
    }
}

fn technique_name(out: &mut String, title: Option<&str>, id: &str) {
    match title {
        Some(t) => push(out, t),
        None => {
            out.push_str("<code>");
            push(out, id);
            out.push_str("</code>");
        }
    }
}

fn stops(out: &mut String, rows: &[StopRow]) {
    let _ = writeln!(
        out,
        "<section id=\"stops\">\n<h2>Stops for safety ({})</h2>",
        rows.len()
    );
    if rows.is_empty() {
        out.push_str("<p>No session was stopped for safety in this period.</p>\n</section>\n");
        return;
    }
    out.push_str("<table>\n<thead><tr><th scope=\"col\">When</th><th scope=\"col\">Routine</th><th scope=\"col\">Technique</th><th scope=\"col\">Side</th><th scope=\"col\">Why</th><th scope=\"col\">Noted</th></tr></thead>\n<tbody>\n");
    for s in rows {
        out.push_str("<tr><td class=\"when\">");
        when(out, s.at);
        out.push_str("</td><td>");
        push(out, &s.routine);
        out.push_str("</td><td>");
        match &s.place {
            StopPlace::BeforeTechniques => out.push_str("before the first technique"),
            StopPlace::AfterTechniques => out.push_str("after the last technique"),
            StopPlace::Technique(id) => technique_name(out, s.title.as_deref(), id),
        }
        out.push_str("</td><td>");
        out.push_str(s.side.unwrap_or("–"));
        out.push_str("</td><td class=\"why\">");
        push(out, &reason_words(&s.reason));
        out.push_str("</td><td>");
        let mut noted = Vec::new();
        if let Some(e) = s.reach {
            noted.push(match e {
                Extent::LowerBack => "lower back only".to_string(),
                e => format!("reaches the {}", e.words()),
            });
        }
        if s.red_flag {
            noted.push("urgent signs reported".to_string());
        }
        out.push_str(&if noted.is_empty() {
            "–".to_string()
        } else {
            noted.join("; ")
        });
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn techniques(out: &mut String, rows: &[TechniqueRow]) {
    out.push_str("<section id=\"techniques\">\n<h2>Techniques</h2>\n");
    if rows.is_empty() {
        out.push_str("<p>No technique was started in this period.</p>\n</section>\n");
        return;
    }
    out.push_str("<table>\n<thead><tr><th scope=\"col\">Technique</th><th scope=\"col\" class=\"n\">Started</th><th scope=\"col\" class=\"n\">Done</th><th scope=\"col\" class=\"n\">Skipped</th>");
    for a in CheckIn::ALL {
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"n\">{}</th>",
            capital(a.code())
        );
    }
    out.push_str("<th scope=\"col\" class=\"n\">Stops</th></tr></thead>\n<tbody>\n");
    let mut routine: Option<&str> = None;
    for t in rows {
        if routine != Some(t.routine.as_str()) {
            routine = Some(&t.routine);
            out.push_str("<tr><th scope=\"colgroup\" colspan=\"10\">");
            push(out, &t.routine);
            out.push_str("</th></tr>\n");
        }
        out.push_str("<tr><td>");
        technique_name(out, t.title.as_deref(), &t.id);
        let _ = write!(
            out,
            "</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            t.started, t.done, t.skipped
        );
        for a in CheckIn::ALL {
            let _ = write!(out, "<td class=\"n\">{}</td>", t.answered(a));
        }
        let _ = writeln!(out, "<td class=\"n\">{}</td></tr>", t.stops);
    }
    out.push_str("</tbody>\n</table>\n<p class=\"small\">Done: every countdown of the technique ran to its end. Skipped: countdowns cut short with the next key. The answer columns count the check-in after the technique.</p>\n</section>\n");
}

fn capital(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// What a verdict means, in the words of the screen that showed it.
fn verdict_words(v: Verdict) -> (&'static str, &'static str) {
    let found = match v {
        Verdict::Emergency => texts::group_title(Group::Emergency).full,
        Verdict::Clinician => texts::group_title(Group::Clinician).full,
        Verdict::Contraindicated => "a lasting condition without a doctor's OK, or broken skin",
        Verdict::Acute => "pain, or a flare of it, began within the last 3 days",
        Verdict::Cleared => "a lasting condition, with a doctor's OK on record",
        Verdict::Clear => "nothing applied",
    };
    let advice = match v {
        Verdict::Clear => "The session could go ahead.",
        _ => texts::verdict(v).headline.full,
    };
    (found, advice)
}

fn screening(out: &mut String, r: &Report) {
    let s = &r.screening;
    out.push_str("<section id=\"screening\">\n<h2>Safety check before sessions</h2>\n<p>");
    let _ = write!(
        out,
        "Answered before {} of {}",
        s.recorded,
        plural(r.totals.sessions, "session", "sessions")
    );
    if s.unrecorded > 0 {
        let _ = write!(
            out,
            "; {} no answer on record (history from an older unknot, or left before the check ended)",
            if s.unrecorded == 1 {
                "1 has".to_string()
            } else {
                format!("{} have", s.unrecorded)
            }
        );
    }
    out.push_str(".</p>\n");
    if !s.verdicts.is_empty() {
        out.push_str("<table>\n<thead><tr><th scope=\"col\">Found</th><th scope=\"col\" class=\"n\">Times</th><th scope=\"col\">Advice given</th></tr></thead>\n<tbody>\n");
        for (v, n) in &s.verdicts {
            let (found, advice) = verdict_words(*v);
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"n\">{n}</td><td>{}</td></tr>",
                capital(found),
                escape(advice)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if !s.signs.is_empty() {
        out.push_str("<p>Signs named: ");
        let list: Vec<String> = s
            .signs
            .iter()
            .map(|(sign, n)| format!("{} ({n})", escape(texts::sign(*sign).short)))
            .collect();
        out.push_str(&list.join("; "));
        out.push_str(".</p>\n");
    }
    if !s.flagged.is_empty() {
        out.push_str("<table>\n<caption>Checks that did not come out clear</caption>\n<thead><tr><th scope=\"col\">When</th><th scope=\"col\">Found</th><th scope=\"col\">Signs named</th></tr></thead>\n<tbody>\n");
        for f in &s.flagged {
            out.push_str("<tr><td class=\"when\">");
            when(out, f.at);
            let signs: Vec<&str> = f.signs.iter().map(|x| texts::sign(*x).short).collect();
            let _ = writeln!(
                out,
                "</td><td>{}</td><td>{}</td></tr>",
                escape(&capital(verdict_words(f.verdict).0)),
                if signs.is_empty() {
                    "–".to_string()
                } else {
                    escape(&signs.join("; "))
                }
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if !s.unknown.is_empty() {
        out.push_str("<p>Records this version of unknot cannot read: ");
        let list: Vec<String> = s
            .unknown
            .iter()
            .map(|(code, n)| format!("'{}' ({n})", escape(code)))
            .collect();
        out.push_str(&list.join(", "));
        out.push_str(".</p>\n");
    }
    out.push_str("</section>\n");
}

fn clearances(out: &mut String, rows: &[ClearanceRow]) {
    if rows.is_empty() {
        return;
    }
    out.push_str("<section id=\"clearances\">\n<h2>Clearances on record</h2>\n<table>\n<thead><tr><th scope=\"col\">Recorded</th><th scope=\"col\">Covers</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>\n");
    for c in rows {
        out.push_str("<tr><td>");
        when(out, c.at);
        let covers: Vec<&str> = c.covers.iter().map(|x| texts::sign(*x).short).collect();
        out.push_str("</td><td>");
        push(out, &covers.join("; "));
        out.push_str("</td><td>");
        push(out, c.note.as_deref().unwrap_or("–"));
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn choices(out: &mut String, rows: &[ChoiceRow]) {
    if rows.is_empty() {
        return;
    }
    out.push_str("<section id=\"choices\">\n<h2>Techniques shortened or skipped by choice</h2>\n<p class=\"small\">Before a technique that made the pain sharper or spread it, or during which the session was stopped, in the 14 days before, unknot warned and offered a hold a third shorter, skipping it, or doing it as written; with no answer, it shortened it (skipped it after two such times in a row).</p>\n<table>\n<thead><tr><th scope=\"col\">Routine</th><th scope=\"col\">Technique</th><th scope=\"col\" class=\"n\">Shortened</th><th scope=\"col\" class=\"n\">Skipped</th><th scope=\"col\" class=\"n\">As written</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n");
    for c in rows {
        out.push_str("<tr><td>");
        push(out, &c.routine);
        out.push_str("</td><td>");
        technique_name(out, c.title.as_deref(), &c.id);
        if let Some(side) = c.side {
            let _ = write!(out, ", {side} side");
        }
        let _ = write!(
            out,
            "</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>",
            c.shortened, c.skipped, c.as_written
        );
        push(out, &choice_reasons(c));
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// "sharper pain before (2), stopped before (1); 1 with no answer".
fn choice_reasons(c: &ChoiceRow) -> String {
    let mut parts: Vec<String> = Trouble::ALL
        .into_iter()
        .filter(|t| c.because(*t) > 0)
        .map(|t| {
            let what = match t {
                Trouble::Sharper => "pain turned sharper after it",
                Trouble::Spreading => "symptoms spread after it",
                Trouble::Stopped => "stopped during it",
            };
            format!("{what} ({})", c.because(t))
        })
        .collect();
    if c.unanswered > 0 {
        parts.push(format!("{} with no answer, by default", c.unanswered));
    }
    parts.join("; ")
}

fn appendix(out: &mut String, routines: &[RoutineText]) {
    out.push_str("<section id=\"routines\" class=\"appendix\">\n<h2>Appendix: the routines used</h2>\n<p class=\"small\">Each routine is a plain TOML file. Shown as it is installed now; a routine can have been edited since a session ran it.</p>\n");
    for r in routines {
        out.push_str("<h3>");
        push(out, &r.name);
        out.push_str("</h3>\n<p class=\"small\">");
        let ran = plural(r.sessions, "session", "sessions");
        match &r.source {
            None => {
                let _ = write!(
                    out,
                    "{ran} in this period. No routine of this name is installed now, so its text cannot be shown."
                );
            }
            Some(src) => {
                push(out, &capital(&src.origin));
                let _ = write!(out, ". {ran} in this period; ");
                out.push_str(&match (src.same_version, r.sessions) {
                    (s, n) if s == n => "every one ran exactly this text.".to_string(),
                    (0, _) => "none ran exactly this text (it has changed since, or the settings differed).".to_string(),
                    (s, _) => format!("{s} ran exactly this text, the others an earlier or later version."),
                });
            }
        }
        out.push_str("</p>\n");
        if let Some(src) = &r.source {
            out.push_str("<pre><code>");
            push(out, &src.toml);
            out.push_str("</code></pre>\n");
        }
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::report::model::{
        Grain, PainSummary, Period, Points, ReachSummary, Screening, Totals,
    };
    use crate::vocab::Sign;

    fn empty() -> Report {
        Report {
            period: Period {
                first_day: 0,
                last_day: 6,
            },
            made: Stamp { ms: 0, offset_s: 0 },
            totals: Totals {
                sessions: 1,
                quit: 1,
                ..Totals::default()
            },
            points: Points {
                grain: Grain::Session,
                list: Vec::new(),
            },
            pain: PainSummary::default(),
            reach: ReachSummary::default(),
            stops: Vec::new(),
            techniques: Vec::new(),
            screening: Screening::default(),
            clearances: Vec::new(),
            choices: Vec::new(),
            routines: Vec::new(),
        }
    }

    #[test]
    fn sections_without_data_say_so_or_stay_out() {
        let page = render(&empty(), "t");
        assert!(page.contains("No session was stopped for safety in this period."));
        assert!(page.contains("No technique was started in this period."));
        assert!(
            page.contains("Not rated in this period.")
                && page.contains("Not asked in this period.")
        );
        assert!(!page.contains("id=\"clearances\"") && !page.contains("id=\"choices\""));
    }

    #[test]
    fn clearances_and_choices_get_sections_once_there_is_data() {
        let mut r = empty();
        r.clearances.push(ClearanceRow {
            at: Stamp {
                ms: 86_400_000,
                offset_s: 0,
            },
            covers: vec![Sign::BleedingRisk],
            note: Some("Dr <Who>".into()),
        });
        r.choices.push(ChoiceRow {
            routine: "mine".into(),
            id: "ball".into(),
            title: Some("Ball hold".into()),
            side: None,
            shortened: 2,
            skipped: 1,
            as_written: 0,
            unanswered: 2,
            reasons: [2, 0, 1],
        });
        let page = render(&r, "t");
        assert!(page.contains("<h2>Clearances on record</h2>"));
        assert!(page.contains("<tr><td>1970-01-02 00:00</td>"));
        assert!(
            page.contains("Blood thinners/bleeding disorder") && page.contains("Dr &lt;Who&gt;")
        );
        assert!(page.contains("<h2>Techniques shortened or skipped by choice</h2>"));
        assert!(page.contains("<td>Ball hold</td><td class=\"n\">2</td><td class=\"n\">1</td>"));
        assert!(page.contains(
            "<td>pain turned sharper after it (2); stopped during it (1); 2 with no answer, by default</td>"
        ));
    }

    #[test]
    fn tags_are_stripped_for_descriptions() {
        assert_eq!(strip_tags("a <strong>b</strong> c"), "a b c");
    }

    #[test]
    fn every_stop_reason_has_words() {
        for r in [
            StopReason::PainWorse,
            StopReason::Sharper,
            StopReason::Spreading,
            StopReason::RedFlag,
        ] {
            assert!(!reason_words(&Ok(r)).is_empty());
        }
        assert!(reason_words(&Err("x".into())).contains("'x'"));
    }

    #[test]
    fn every_verdict_has_words() {
        for v in Verdict::ALL {
            let (found, advice) = verdict_words(v);
            assert!(!found.is_empty() && !advice.is_empty(), "{v:?}");
        }
    }
}
