//! The key hints on the bottom line: drawn from the keymap's table, and
//! hit-tested from the same list, so a click on a hint always does what
//! the hint says (and what its key does).

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::{FULL_HEIGHT, FULL_WIDTH, MIN_HEIGHT, MIN_WIDTH, Theme};
pub use crate::keymap::Hint;
use crate::session::{StageView, View};
use crate::vocab::{Context, Input, Overlay};

/// The keymap context of a session view (a window over it has its own).
pub fn context(view: &View) -> Context {
    match view.overlay {
        Overlay::ConfirmQuit => return Context::Confirm,
        Overlay::Help => return Context::Help,
        Overlay::WhyEnded => return Context::WhyEnded,
        Overlay::None => {}
    }
    match view.stage {
        StageView::Running if view.asking() => Context::Caution,
        StageView::Running => Context::Running,
        StageView::CheckIn => Context::CheckIn,
        StageView::Reach => Context::Reach,
        StageView::Completed(_) => Context::Completed,
        StageView::Stopped(..) => Context::Stopped,
    }
}

/// The hints for this view; the first is always the stop key while a
/// session runs.
pub fn hints(view: &View, full: bool) -> Vec<Hint> {
    crate::keymap::hints(context(view), full, view.paused, view.adjustable)
}

/// Cells taken by a hint on the line, including the gap after it.
fn cells(h: &Hint) -> u16 {
    if h.is_stop() {
        // "x STOP " reversed, then one space.
        (h.key.len() + 1 + h.label.len() + 1 + 1) as u16
    } else {
        (h.key.len() + 1 + h.label.len() + 2) as u16
    }
}

/// The bottom line, starting with one space.
pub fn line(hints: &[Hint], t: Theme, extra: Option<String>) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for h in hints {
        if h.is_stop() {
            spans.push(Span::styled(
                format!("{} {} ", h.key, h.label),
                t.danger().add_modifier(Modifier::REVERSED),
            ));
            spans.push(Span::raw(" "));
        } else {
            spans.push(Span::styled(h.key, t.key()));
            spans.push(Span::raw(format!(" {}  ", h.label)));
        }
    }
    if let Some(e) = extra {
        spans.push(Span::styled(e, t.dim()));
    }
    Line::from(spans)
}

/// The input a click at (`col`, `row`) sends, in a `width`x`height`
/// window showing `view`.
pub fn at(view: &View, width: u16, height: u16, col: u16, row: u16) -> Option<Input> {
    if width < MIN_WIDTH || height < MIN_HEIGHT || row + 1 != height {
        return None;
    }
    let full = width >= FULL_WIDTH && height >= FULL_HEIGHT;
    // The line starts with one space.
    let mut x = 1u16;
    for h in hints(view, full) {
        let w = cells(&h);
        if col >= x && col < x + w {
            return h.input;
        }
        x += w;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::load_str;
    use crate::session::Session;
    use crate::vocab::{CheckIn, Extent};
    use std::time::Instant;

    fn view() -> View {
        let r = load_str(
            "name = \"t\"\nsummary = \"t\"\n[[steps]]\ntitle = \"a\"\nkind = \"hold\"\nduration = \"45s\"\n",
            "t.toml",
        )
        .unwrap();
        let t0 = Instant::now();
        let (s, _) = Session::start(crate::safety::Cleared::for_session_tests(r), None, None, t0);
        s.view(t0)
    }

    #[test]
    fn clicks_land_on_the_hint_drawn_there() {
        let v = view();
        let line = line(&hints(&v, true), Theme::NoColor, None);
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        for (needle, cmd) in [
            ("x STOP", Input::Stop),
            ("Space pause", Input::TogglePause),
            ("n next", Input::Next),
            ("b back", Input::Back),
            ("? help", Input::ToggleHelp),
            ("q quit", Input::Quit),
        ] {
            let col = text.find(needle).unwrap() as u16;
            for c in col..col + needle.len() as u16 {
                assert_eq!(
                    at(&v, 80, 24, c, 23),
                    Some(cmd),
                    "{needle} at {c} in {text:?}"
                );
            }
        }
        assert_eq!(at(&v, 80, 24, 0, 23), None, "the leading space");
        assert_eq!(at(&v, 80, 24, 79, 23), None, "past the hints");
        assert_eq!(at(&v, 80, 24, 3, 10), None, "not the hint line");
        assert_eq!(at(&v, 30, 8, 1, 7), None, "too small: no hints");
    }

    #[test]
    fn check_in_answers_and_the_reach_are_clickable() {
        let r = load_str(
            "name = \"t\"\nsummary = \"t\"\n[[steps]]\ntitle = \"a\"\nkind = \"hold\"\nduration = \"30s\"\nprepare = \"0s\"\n",
            "t.toml",
        )
        .unwrap();
        let t0 = Instant::now();
        let (mut s, _) =
            Session::start(crate::safety::Cleared::for_session_tests(r), None, None, t0);
        let t = t0 + std::time::Duration::from_secs(30);
        s.tick(t);
        let click = |v: &View, needle: &str| {
            let l = line(&hints(v, true), Theme::NoColor, None);
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            // Every hint is whole in 80 columns (the gap after the last
            // one may fall off the edge).
            assert!(text.trim_end().chars().count() <= 80, "{text:?}");
            at(v, 80, 24, text.find(needle).unwrap() as u16, 23)
        };
        let v = s.view(t);
        assert_eq!(
            click(&v, "5 less far"),
            Some(Input::Answer(CheckIn::DrewBack))
        );
        assert_eq!(click(&v, "e urgent"), Some(Input::Report));
        assert_eq!(click(&v, "x STOP"), Some(Input::Stop));
        s.update(Input::Answer(CheckIn::DrewBack), t);
        let v = s.view(t);
        assert_eq!(
            click(&v, "4 below knee"),
            Some(Input::Reach(Extent::BelowKnee))
        );
        assert_eq!(click(&v, "b back"), Some(Input::Back));
    }
}
