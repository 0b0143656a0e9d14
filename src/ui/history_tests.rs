//! Snapshot tests of the history screen, and of the trend line the
//! completion screen gains from the history.

use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::history::export::tests::sample_rows;
use crate::history::{Pain, recent};
use crate::session::Session;
use crate::ui::{self, Status};
use crate::vocab::{CheckIn, Input};

fn draw(
    width: u16,
    height: u16,
    rows: &[SessionRow],
    offset: usize,
    selected: usize,
) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(width, height)).unwrap();
    term.draw(|f| render(f, rows, offset, selected, Theme::NoColor))
        .unwrap();
    term
}

fn text(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

#[test]
fn full_screen_snapshot() {
    let rows = sample_rows();
    insta::assert_snapshot!(draw(110, 30, &rows, 0, 4).backend());
}

#[test]
fn a_short_window_keeps_the_table_and_scrolls() {
    let rows = sample_rows();
    let page = page_rows(areas(ratatui::layout::Rect::new(0, 0, 100, 7)).table);
    assert_eq!(page, 3);
    let screen = text(&draw(100, 7, &rows, 2, 3));
    assert!(!screen.contains("Pain 0-10"), "{screen}");
    assert!(screen.contains("Sessions: 5"), "{screen}");
    // Rows 3..5 are shown, the first two are scrolled away.
    assert!(
        screen.contains("2024-03-03") && screen.contains("2024-03-05"),
        "{screen}"
    );
    assert!(!screen.contains("2024-03-01"), "{screen}");
}

#[test]
fn no_ratings_yet_is_said_in_words() {
    let mut rows = sample_rows();
    for r in &mut rows {
        (r.pain_before, r.pain_after, r.extent_before, r.extent_after) = (None, None, None, None);
    }
    let screen = text(&draw(110, 30, &rows, 0, 0));
    assert!(screen.contains("No pain ratings recorded yet."), "{screen}");
    assert!(screen.contains("Not recorded yet."), "{screen}");
}

#[test]
fn completion_screen_shows_the_trend_line() {
    let src = "name = \"t\"\nsummary = \"s\"\n[defaults]\nprepare = \"0s\"\n[[steps]]\ntitle = \"Hold\"\nkind = \"hold\"\nduration = \"30s\"\n";
    let routine = crate::routine::load_str(src, "t.toml").unwrap();
    let t0 = Instant::now();
    let (mut s, _) = Session::start(
        crate::safety::Cleared::for_session_tests(routine),
        None,
        None,
        t0,
    );
    s.tick(t0 + Duration::from_secs(30));
    s.update(Input::Answer(CheckIn::Better), t0 + Duration::from_secs(31));
    let view = s.view(t0 + Duration::from_secs(32));
    let mut rows = sample_rows();
    rows[0].pain_after = Pain::new(2);
    let status = Status {
        trend: Some(recent(&rows[..3], rows[2].started_ms)),
        ..Status::default()
    };
    let mut term = Terminal::new(TestBackend::new(100, 24)).unwrap();
    term.draw(|f| ui::render(f, &view, &status)).unwrap();
    let screen = text(&term);
    assert!(screen.contains("SESSION COMPLETE"), "{screen}");
    assert!(
        screen.contains("3 other sessions in the past week."),
        "{screen}"
    );
}

#[test]
fn charts_follow_the_highlighted_session_and_narrow_tables_keep_reach() {
    let rows = sample_rows();
    let wide = text(&draw(110, 30, &rows, 0, 1));
    // The charts' time axes end at the highlighted (second) session.
    assert!(wide.contains("03-02││"), "{wide}");
    assert!(!wide.contains("03-05││"), "{wide}");
    assert!(text(&draw(110, 30, &rows, 0, 4)).contains("03-05││"));
    assert!(wide.contains("reach"), "{wide}");
    // At 80 columns the reach keeps its column; the routine is named under
    // the table, for the highlighted session, with the safety check.
    let narrow = text(&draw(80, 30, &rows, 0, 3));
    assert!(
        narrow.contains("reach") && narrow.contains("pain"),
        "{narrow}"
    );
    assert!(narrow.contains("thigh → buttock"), "{narrow}");
    assert!(!narrow.contains("routine"), "{narrow}");
    assert!(
        narrow.contains("#4 acute-relief (asked for gentle-lower-back)"),
        "{narrow}"
    );
    assert!(
        narrow.contains("Safety check: yes to: skin, or pain only days old"),
        "{narrow}"
    );
}

#[test]
fn an_80_column_window_snapshot() {
    let rows = sample_rows();
    insta::assert_snapshot!(draw(80, 24, &rows, 0, 1).backend());
}
