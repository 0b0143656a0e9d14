//! Drawing `unknot history`: a pure function of the sessions and the
//! scroll position. Two charts on top (pain before and after each session
//! over time; how far down the leg the symptoms reach), the table of
//! sessions below, the keys at the bottom. The charts show the sessions up
//! to the highlighted one, as many as read clearly at the window's width,
//! so scrolling the table back scrolls them back in time. Small windows
//! keep only the table; narrow ones drop its last column (the chart has it).

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

/// Below this width the table leaves out the reach column.
const REACH_MIN_WIDTH: u16 = 100;

/// Where things go on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub charts: Option<Rect>,
    pub table: Rect,
    pub keys: Rect,
}

/// Split the screen (the loop uses it too, to know a page's height).
pub fn areas(area: Rect) -> Areas {
    if area.height >= CHARTS_MIN_HEIGHT {
        let [charts, table, keys] = Layout::vertical([
            Constraint::Percentage(45),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        Areas {
            charts: Some(charts),
            table,
            keys,
        }
    } else {
        let [table, keys] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        Areas {
            charts: None,
            table,
            keys,
        }
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
    let columns = if area.width >= REACH_MIN_WIDTH { 6 } else { 5 };
    let title = format!(" Sessions: {} ", rows.len());
    let block = Block::bordered().title(Line::styled(title, theme.title()));
    let shown = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(page_rows(area))
        .map(|(i, r)| {
            let row = Row::new(cells(r).into_iter().take(columns));
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
    ];
    let table = Table::new(shown, widths.into_iter().take(columns))
        .header(Row::new(TITLES.into_iter().take(columns)).style(theme.dim()))
        .column_spacing(2)
        .block(block);
    frame.render_widget(table, area);
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
