//! Drawing `unknot history`: a pure function of the sessions and the
//! scroll position. Two charts on top (pain before and after each session
//! over time; how far down the leg the symptoms reach), the table of
//! sessions below, the keys at the bottom. The charts show the sessions up
//! to the highlighted one, as many as read clearly at the window's width,
//! so scrolling the table back scrolls them back in time. Small windows
//! keep only the table; narrow ones name the routine under it instead of
//! in a column. Under the table, the highlighted session in words.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Row, Table, Wrap};

use super::Theme;
use crate::history::export::{TITLES, cells};
use crate::history::{Extent, SessionRow, time};

/// Below this height the charts give way to the table.
const CHARTS_MIN_HEIGHT: u16 = 24;

/// From this width the table has a routine column; narrower, the routine
/// is named in the lines under the table, and the reach keeps its column.
const ROUTINE_MIN_WIDTH: u16 = 100;

/// From this width the table has a column for the safety check too.
const SCREENING_MIN_WIDTH: u16 = 120;

/// Rows under the table that tell the highlighted session in full.
const DETAIL_ROWS: u16 = 3;

/// Where things go on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub charts: Option<Rect>,
    pub table: Rect,
    /// The highlighted session in words (empty in a very short window).
    pub detail: Rect,
    pub keys: Rect,
}

/// Split the screen (the loop uses it too, to know a page's height).
pub fn areas(area: Rect) -> Areas {
    // The details give way before the table does.
    let detail = if area.height >= 7 + DETAIL_ROWS {
        DETAIL_ROWS
    } else {
        0
    };
    let charts = if area.height >= CHARTS_MIN_HEIGHT {
        Constraint::Percentage(45)
    } else {
        Constraint::Length(0)
    };
    let [charts, table, detail, keys] = Layout::vertical([
        charts,
        Constraint::Fill(1),
        Constraint::Length(detail),
        Constraint::Length(1),
    ])
    .areas(area);
    Areas {
        charts: (area.height >= CHARTS_MIN_HEIGHT).then_some(charts),
        table,
        detail,
        keys,
    }
}

/// How many sessions fit in the table (borders and header row removed).
pub fn page_rows(table: Rect) -> usize {
    usize::from(table.height.saturating_sub(3)).max(1)
}

/// Draw the whole history screen. `offset` is the first table row shown,
/// `selected` the highlighted one (indexes into `rows`).
pub fn render(
    frame: &mut Frame,
    rows: &[SessionRow],
    offset: usize,
    selected: usize,
    theme: Theme,
) {
    let a = areas(frame.area());
    if let Some(charts) = a.charts {
        let [pain, reach] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Fill(1)]).areas(charts);
        // About one session per two columns of the narrower chart.
        let fit = usize::from(reach.width.saturating_sub(10) / 2).max(2);
        let end = (selected + 1).min(rows.len());
        let shown = &rows[end.saturating_sub(fit)..end];
        if !shown.is_empty() {
            pain_chart(frame, pain, shown, theme);
            reach_chart(frame, reach, shown, theme);
        }
    }
    table(frame, a.table, rows, offset, selected, theme);
    if let Some(row) = rows.get(selected) {
        frame.render_widget(
            Paragraph::new(detail(row, theme)).wrap(Wrap { trim: true }),
            a.detail,
        );
    }
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" ↑↓", theme.key()),
            Span::raw(" scroll  "),
            Span::styled("PgUp PgDn", theme.key()),
            Span::raw(" page  "),
            Span::styled("Home End", theme.key()),
            Span::raw(" first/last  "),
            Span::styled("q", theme.key()),
            Span::raw(" leave"),
        ])),
        a.keys,
    );
}

/// x: days since the first session shown, so the axis reads as time.
fn x_of(r: &SessionRow, first: &SessionRow) -> f64 {
    (r.started_ms - first.started_ms) as f64 / 86_400_000.0
}

/// The time axis: bounds and the first and last dates.
fn time_axis<'a>(rows: &[SessionRow], theme: Theme) -> Axis<'a> {
    let (first, last) = (&rows[0], &rows[rows.len() - 1]);
    let span = x_of(last, first).max(1.0);
    Axis::default()
        .style(theme.dim())
        .bounds([0.0, span])
        .labels([
            time::month_day(first.started_ms, first.utc_offset_s),
            time::month_day(last.started_ms, last.utc_offset_s),
        ])
}

fn empty(frame: &mut Frame, area: Rect, block: Block<'_>, text: &str, theme: Theme) {
    frame.render_widget(
        Paragraph::new(Line::styled(text.to_string(), theme.dim()))
            .wrap(Wrap { trim: true })
            .block(block),
        area,
    );
}

/// A chart's frame: the title on top, the legend (the marks that name
/// the two datasets) at the bottom.
fn chart_block(what: &str, theme: Theme) -> Block<'static> {
    Block::bordered()
        .title(Line::styled(format!(" {what} "), theme.title()))
        .title_bottom(Line::from(vec![
            Span::styled(" •• before", theme.key()),
            Span::raw("  "),
            Span::styled("⠒⠒ after ", theme.good()),
        ]))
}

/// Two datasets, before and after, told apart by marker as well as colour.
fn datasets<'a>(
    before: &'a [(f64, f64)],
    after: &'a [(f64, f64)],
    theme: Theme,
) -> Vec<Dataset<'a>> {
    vec![
        Dataset::default()
            .name("before")
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(theme.key())
            .data(before),
        Dataset::default()
            .name("after")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.good())
            .data(after),
    ]
}

fn pain_chart(frame: &mut Frame, area: Rect, rows: &[SessionRow], theme: Theme) {
    let block = chart_block("Pain 0-10", theme);
    let rated: Vec<&SessionRow> = rows
        .iter()
        .filter(|r| r.pain_before.is_some() || r.pain_after.is_some())
        .collect();
    if rated.is_empty() {
        return empty(frame, area, block, "No pain ratings recorded yet.", theme);
    }
    let points = |f: fn(&SessionRow) -> Option<u8>| -> Vec<(f64, f64)> {
        rows.iter()
            .filter_map(|r| f(r).map(|p| (x_of(r, &rows[0]), f64::from(p))))
            .collect()
    };
    let before = points(|r| r.pain_before.map(|p| p.get()));
    let after = points(|r| r.pain_after.map(|p| p.get()));
    let y = Axis::default().bounds([0.0, 10.0]).labels(["0", "5", "10"]);
    before_after_chart(frame, area, block, rows, (&before, &after), y, theme);
}

fn reach_chart(frame: &mut Frame, area: Rect, rows: &[SessionRow], theme: Theme) {
    let block = chart_block("Reach down the leg", theme);
    let points = |f: fn(&SessionRow) -> Option<Extent>| -> Vec<(f64, f64)> {
        rows.iter()
            .filter_map(|r| f(r).map(|e| (x_of(r, &rows[0]), f64::from(e.level()))))
            .collect()
    };
    let before = points(|r| r.extent_before);
    let after = points(|r| r.extent_after);
    if before.is_empty() && after.is_empty() {
        return empty(frame, area, block, "Not recorded yet.", theme);
    }
    let y = Axis::default()
        .bounds([0.0, 4.0])
        .labels(["back", "thigh", "foot"]);
    before_after_chart(frame, area, block, rows, (&before, &after), y, theme);
}

/// Chart points: (days since the first session, value).
type Points<'a> = &'a [(f64, f64)];

/// A chart of before/after points over the sessions' dates.
fn before_after_chart(
    frame: &mut Frame,
    area: Rect,
    block: Block<'_>,
    rows: &[SessionRow],
    (before, after): (Points<'_>, Points<'_>),
    y: Axis<'_>,
    theme: Theme,
) {
    let chart = Chart::new(datasets(before, after, theme))
        .block(block)
        .legend_position(None)
        .x_axis(time_axis(rows, theme))
        .y_axis(y.style(theme.dim()));
    frame.render_widget(chart, area);
}

fn table(
    frame: &mut Frame,
    area: Rect,
    rows: &[SessionRow],
    offset: usize,
    selected: usize,
    theme: Theme,
) {
    // Which of the export's cells show: the reach always, the routine and
    // the safety check when there is room (the lines under the table
    // name them for the highlighted session).
    let mut columns = vec![0, 2, 3, 4, 5];
    if area.width >= ROUTINE_MIN_WIDTH {
        columns.insert(1, 1);
    }
    if area.width >= SCREENING_MIN_WIDTH {
        columns.push(6);
    }
    let pick =
        |cells: [String; 7]| -> Vec<String> { columns.iter().map(|&i| cells[i].clone()).collect() };
    let title = format!(" Sessions: {} ", rows.len());
    let block = Block::bordered().title(Line::styled(title, theme.title()));
    let shown = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(page_rows(area))
        .map(|(i, r)| {
            let row = Row::new(pick(cells(r)));
            if i == selected {
                row.style(theme.title().add_modifier(Modifier::REVERSED))
            } else {
                row
            }
        });
    let widths = [
        Constraint::Length(16),
        Constraint::Fill(1),
        Constraint::Length(6),
        Constraint::Length(21),
        Constraint::Length(11),
        Constraint::Fill(1),
        Constraint::Length(12),
    ];
    let table = Table::new(shown, columns.iter().map(|&i| widths[i]))
        .header(Row::new(columns.iter().map(|&i| TITLES[i])).style(theme.dim()))
        // Closer together when narrow, so the reach keeps its room.
        .column_spacing(if area.width >= ROUTINE_MIN_WIDTH {
            2
        } else {
            1
        })
        .block(block);
    frame.render_widget(table, area);
}

/// The highlighted session in words: which routine ran (and which was
/// asked for, when they differ), the techniques done and skipped, the
/// safety check's result, and what the pain and reach cells leave out.
fn detail(r: &SessionRow, theme: Theme) -> Vec<Line<'static>> {
    let mut first = vec![Span::styled(format!("#{} ", r.id), theme.dim())];
    first.push(Span::styled(r.routine.clone(), theme.title()));
    if r.asked_routine != r.routine {
        // The safety check's line says why.
        first.push(Span::raw(format!(" (asked for {})", r.asked_routine)));
    }
    let techniques = match (r.steps_total, r.steps_skipped) {
        (Some(total), 0) => format!("{} of {total} techniques done", r.steps_completed),
        (Some(total), n) => format!(
            "{} of {total} techniques done, {n} skipped",
            r.steps_completed
        ),
        (None, 0) => format!("{} techniques done", r.steps_completed),
        (None, n) => format!("{} techniques done, {n} skipped", r.steps_completed),
    };
    first.push(Span::raw(format!(" · {techniques}")));
    let mut second = vec![Span::styled("Safety check: ", theme.dim())];
    second.push(Span::raw(match &r.screening {
        Some(s) => s.words(),
        None => "not finished".to_string(),
    }));
    let mut lines = vec![Line::from(first), Line::from(second)];
    if r.pain_before.is_some() && r.pain_after.is_none() {
        lines.push(Line::styled(
            "No pain after: it is asked only when a session completes.",
            theme.dim(),
        ));
    }
    lines
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
