//! The two charts, drawn as SVG by our own code: a few lines, circles and
//! labels do not need a plotting crate. Each point is a session (or the
//! mean of a day, week or month): a hollow circle before, a filled circle
//! after, joined by a line, so the change reads without colour. Time runs
//! left to right in proportion, so gaps between sessions show.
//!
//! Every chart is a standalone, well-formed SVG fragment (presentation
//! attributes, no stylesheet, no namespace needed inline) with a `<title>`
//! and a `<desc>` for screen readers; the page adds a table.

use std::fmt::Write as _;

use super::escape::push;
use super::model::{Grain, Period, Point, Points};
use super::period::iso_day;
use crate::history::Extent;
use crate::history::time;

const DAY_MS: i64 = 86_400_000;
const W: f64 = 360.0;
const H: f64 = 156.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 18.0;
const RIGHT: f64 = 8.0;

/// Colours: dark enough to print, told apart by shape as well.
const BEFORE: &str = "#b35900";
const AFTER: &str = "#1f4e99";
const INK: &str = "#333333";
const GRID: &str = "#d9d9d9";

/// Which of the two charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Pain 0–10, 10 at the top.
    Pain,
    /// How far it reaches: lower back at the top, foot at the bottom.
    Reach,
}

impl Scale {
    fn left(self) -> f64 {
        match self {
            Scale::Pain => 24.0,
            Scale::Reach => 66.0,
        }
    }

    /// Where a value sits, 0 (top) to 1 (bottom).
    fn down(self, v: f64) -> f64 {
        match self {
            Scale::Pain => (10.0 - v.clamp(0.0, 10.0)) / 10.0,
            Scale::Reach => v.clamp(0.0, 4.0) / 4.0,
        }
    }

    fn ticks(self) -> Vec<(f64, &'static str)> {
        match self {
            Scale::Pain => [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
                .into_iter()
                .zip(["0", "2", "4", "6", "8", "10"])
                .collect(),
            Scale::Reach => Extent::ALL
                .into_iter()
                .map(|e| (f64::from(e.level()), axis_word(e)))
                .collect(),
        }
    }

    fn values(self, p: &Point) -> (Option<f64>, Option<f64>) {
        match self {
            Scale::Pain => (p.pain_before, p.pain_after),
            Scale::Reach => (p.reach_before, p.reach_after),
        }
    }
}

/// Short words for the reach axis.
fn axis_word(e: Extent) -> &'static str {
    match e {
        Extent::LowerBack => "lower back",
        Extent::Buttock => "buttock",
        Extent::Thigh => "thigh",
        Extent::BelowKnee => "below knee",
        Extent::Foot => "foot",
    }
}

/// What a chart shows and says.
#[derive(Debug, Clone, Copy)]
pub struct Chart<'a> {
    /// A prefix for the element ids (unique in the page).
    pub id: &'a str,
    /// Which chart.
    pub scale: Scale,
    /// Its title, in words.
    pub title: &'a str,
    /// What it shows, in a few sentences.
    pub desc: &'a str,
}

fn num(out: &mut String, v: f64) {
    let _ = write!(out, "{v:.1}");
}

/// Draw `chart` over `period` into `out`.
pub fn draw(out: &mut String, chart: Chart<'_>, period: Period, points: &Points) {
    let scale = chart.scale;
    let left = scale.left();
    let (pw, ph) = (W - left - RIGHT, H - TOP - BOTTOM);
    let start = period.first_day * DAY_MS;
    let span = (period.days() * DAY_MS) as f64;
    let x_of = |local_ms: i64| left + ((local_ms - start) as f64 / span).clamp(0.0, 1.0) * pw;
    let y_of = |v: f64| TOP + scale.down(v) * ph;

    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"sans-serif\" font-size=\"9\">\n<title id=\"{id}-title\">",
        id = chart.id
    );
    push(out, chart.title);
    let _ = write!(out, "</title>\n<desc id=\"{}-desc\">", chart.id);
    push(out, chart.desc);
    out.push_str("</desc>\n");

    // Grid and value labels.
    for (v, label) in scale.ticks() {
        let y = y_of(v);
        out.push_str("<line x1=\"");
        num(out, left);
        out.push_str("\" y1=\"");
        num(out, y);
        out.push_str("\" x2=\"");
        num(out, left + pw);
        out.push_str("\" y2=\"");
        num(out, y);
        let _ = writeln!(out, "\" stroke=\"{GRID}\" stroke-width=\"0.6\"/>");
        out.push_str("<text x=\"");
        num(out, left - 4.0);
        out.push_str("\" y=\"");
        num(out, y + 3.0);
        let _ = writeln!(out, "\" text-anchor=\"end\" fill=\"{INK}\">{label}</text>");
    }

    // Dates along the bottom.
    let days = period.days();
    let n = days.clamp(1, 6);
    let long = days > 366;
    for i in 0..n {
        let day = if n == 1 {
            period.first_day
        } else {
            period.first_day + (i * (days - 1) + (n - 1) / 2) / (n - 1)
        };
        let label = if long {
            iso_day(day)[..7].to_string()
        } else {
            time::month_day(day * DAY_MS, 0)
        };
        let anchor = match i {
            0 if n > 1 => "start",
            i if i == n - 1 && n > 1 => "end",
            _ => "middle",
        };
        let x = if n == 1 {
            x_of(day * DAY_MS + DAY_MS / 2)
        } else if i == 0 {
            left
        } else if i == n - 1 {
            left + pw
        } else {
            x_of(day * DAY_MS + DAY_MS / 2)
        };
        out.push_str("<text x=\"");
        num(out, x);
        out.push_str("\" y=\"");
        num(out, H - 6.0);
        let _ = writeln!(
            out,
            "\" text-anchor=\"{anchor}\" fill=\"{INK}\">{label}</text>"
        );
    }

    // The legend, top right.
    let lx = left + pw - 96.0;
    let _ = writeln!(
        out,
        "<circle cx=\"{:.1}\" cy=\"10.0\" r=\"3\" fill=\"#ffffff\" stroke=\"{BEFORE}\" stroke-width=\"1.4\"/>\n<text x=\"{:.1}\" y=\"13.0\" fill=\"{INK}\">before</text>\n<circle cx=\"{:.1}\" cy=\"10.0\" r=\"3\" fill=\"{AFTER}\"/>\n<text x=\"{:.1}\" y=\"13.0\" fill=\"{INK}\">after</text>",
        lx,
        lx + 6.0,
        lx + 50.0,
        lx + 56.0
    );

    // The points.
    let r = if points.list.len() > 40 { 2.2 } else { 3.0 };
    let half_bin = match points.grain {
        Grain::Session => 0,
        Grain::Day => DAY_MS / 2,
        Grain::Week => 7 * DAY_MS / 2,
        Grain::Month => 15 * DAY_MS,
    };
    for p in &points.list {
        let local = p.at.ms + i64::from(p.at.offset_s) * 1000 + half_bin;
        let x = x_of(local);
        let (before, after) = scale.values(p);
        if let (Some(b), Some(a)) = (before, after) {
            out.push_str("<line x1=\"");
            num(out, x);
            out.push_str("\" y1=\"");
            num(out, y_of(b));
            out.push_str("\" x2=\"");
            num(out, x);
            out.push_str("\" y2=\"");
            num(out, y_of(a));
            out.push_str("\" stroke=\"#8c8c8c\" stroke-width=\"1\"/>\n");
        }
        if let Some(b) = before {
            out.push_str("<circle cx=\"");
            num(out, x);
            out.push_str("\" cy=\"");
            num(out, y_of(b));
            let _ = writeln!(
                out,
                "\" r=\"{r}\" fill=\"#ffffff\" stroke=\"{BEFORE}\" stroke-width=\"1.4\"/>"
            );
        }
        if let Some(a) = after {
            out.push_str("<circle cx=\"");
            num(out, x);
            out.push_str("\" cy=\"");
            num(out, y_of(a));
            let _ = writeln!(out, "\" r=\"{r}\" fill=\"{AFTER}\"/>");
        }
    }
    out.push_str("</svg>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::Stamp;

    fn point(day: i64, pain: (f64, f64)) -> Point {
        Point {
            at: Stamp {
                ms: day * DAY_MS + 8 * 3_600_000,
                offset_s: 0,
            },
            sessions: 1,
            pain_before: Some(pain.0),
            pain_after: Some(pain.1),
            reach_before: Some(2.0),
            reach_after: None,
        }
    }

    fn chart(scale: Scale) -> Chart<'static> {
        Chart {
            id: "c",
            scale,
            title: "Pain <before> & after",
            desc: "It \"eased\"",
        }
    }

    #[test]
    fn points_sit_where_their_values_are() {
        let period = Period {
            first_day: 100,
            last_day: 109,
        };
        let pts = Points {
            grain: Grain::Session,
            list: vec![point(100, (10.0, 0.0))],
        };
        let mut s = String::new();
        draw(&mut s, chart(Scale::Pain), period, &pts);
        // 10 at the top of the plot, 0 at its bottom; x a third of a day in.
        let x = 24.0 + (8.0 / 240.0) * (W - 24.0 - RIGHT);
        assert!(
            s.contains(&format!("<circle cx=\"{x:.1}\" cy=\"{TOP:.1}\"")),
            "{s}"
        );
        assert!(
            s.contains(&format!(
                "cy=\"{:.1}\" r=\"3\" fill=\"{AFTER}\"",
                H - BOTTOM
            )),
            "{s}"
        );
        assert!(s.contains("<title id=\"c-title\">Pain &lt;before&gt; &amp; after</title>"));
        assert!(s.contains("<desc id=\"c-desc\">It &quot;eased&quot;</desc>"));
    }

    #[test]
    fn reach_runs_down_the_leg_and_missing_values_draw_nothing() {
        let period = Period {
            first_day: 0,
            last_day: 0,
        };
        let pts = Points {
            grain: Grain::Session,
            list: vec![point(0, (5.0, 4.0))],
        };
        let mut s = String::new();
        draw(&mut s, chart(Scale::Reach), period, &pts);
        // Thigh is level 2: halfway down. No "after" reach: one circle
        // besides the legend's two, and no line between.
        let mid = TOP + (H - TOP - BOTTOM) / 2.0;
        assert!(s.contains(&format!("cy=\"{mid:.1}\" r=\"3\"")), "{s}");
        assert_eq!(s.matches("<circle").count(), 3);
        assert!(s.contains(">below knee</text>") && s.contains(">lower back</text>"));
        assert_eq!(s.matches("stroke=\"#8c8c8c\"").count(), 0);
    }
}
