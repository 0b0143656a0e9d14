//! The key hints on the bottom line. One list drives both drawing and
//! mouse clicks, so a click on a hint always does what the hint says.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::{FULL_HEIGHT, FULL_WIDTH, MIN_HEIGHT, MIN_WIDTH, Theme};
use crate::safety::Extent;
use crate::session::{CheckIn, Command, StageView, View};

/// One hint: a key, what it does, and the command a click sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub key: &'static str,
    pub label: &'static str,
    pub cmd: Option<Command>,
}

const fn hint(key: &'static str, label: &'static str, cmd: Command) -> Hint {
    Hint {
        key,
        label,
        cmd: Some(cmd),
    }
}

/// The stop hint, always first and drawn in reverse red.
pub const STOP: Hint = hint("x", "STOP", Command::StopPain);

/// The hints for this view; the first is always the stop key while a
/// session runs.
pub fn hints(view: &View, full: bool) -> Vec<Hint> {
    match view.stage {
        StageView::Completed(_) | StageView::Stopped(..) => {
            vec![hint("q", "or Enter to leave", Command::Dismiss)]
        }
        StageView::CheckIn if full => vec![
            STOP,
            hint("1", "better", Command::Answer(CheckIn::Better)),
            hint("2", "same", Command::Answer(CheckIn::Same)),
            hint("3", "sharper", Command::Answer(CheckIn::Sharper)),
            hint("4", "spreading", Command::Answer(CheckIn::Spreading)),
            hint("5", "drew back", Command::Answer(CheckIn::DrewBack)),
            hint("e", "urgent", Command::ReportRedFlag),
        ],
        StageView::CheckIn => vec![
            STOP,
            Hint {
                key: "1-5",
                label: "answer",
                cmd: None,
            },
            hint("?", "help", Command::ToggleHelp),
            hint("q", "quit", Command::Quit),
        ],
        StageView::Reach if full => vec![
            STOP,
            hint("1", "lower back", Command::Reach(Extent::LowerBack)),
            hint("2", "buttock", Command::Reach(Extent::Buttock)),
            hint("3", "thigh", Command::Reach(Extent::Thigh)),
            hint("4", "below knee", Command::Reach(Extent::BelowKnee)),
            hint("5", "foot", Command::Reach(Extent::Foot)),
            hint("q", "quit", Command::Quit),
        ],
        StageView::Reach => vec![
            STOP,
            Hint {
                key: "1-5",
                label: "reach",
                cmd: None,
            },
            hint("q", "quit", Command::Quit),
        ],
        StageView::Running => {
            // Both labels take the same room, so pausing rewrites one
            // word and the hints after it stay where they are.
            let pause = if view.paused { "resume" } else { "pause " };
            let mut v = vec![STOP, hint("Space", pause, Command::TogglePause)];
            if full {
                v.push(hint("n", "next", Command::Next));
                v.push(hint("b", "back", Command::Back));
                if view.adjustable {
                    v.push(Hint {
                        key: "+/-",
                        label: "5s",
                        cmd: None,
                    });
                }
            }
            v.push(hint("?", "help", Command::ToggleHelp));
            v.push(hint("q", "quit", Command::Quit));
            v
        }
    }
}

/// Cells taken by a hint on the line, including the gap after it.
fn cells(h: &Hint) -> u16 {
    if *h == STOP {
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
        if *h == STOP {
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

/// The command a click at (`col`, `row`) sends, in a `width`x`height`
/// window showing `view`.
pub fn at(view: &View, width: u16, height: u16, col: u16, row: u16) -> Option<Command> {
    if width < MIN_WIDTH || height < MIN_HEIGHT || row + 1 != height {
        return None;
    }
    let full = width >= FULL_WIDTH && height >= FULL_HEIGHT;
    // The line starts with one space.
    let mut x = 1u16;
    for h in hints(view, full) {
        let w = cells(&h);
        if col >= x && col < x + w {
            return h.cmd;
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
    use std::time::Instant;

    fn view() -> View {
        let r = load_str(
            "name = \"t\"\nsummary = \"t\"\n[[steps]]\ntitle = \"a\"\nkind = \"hold\"\nduration = \"45s\"\n",
            "t.toml",
        )
        .unwrap();
        let t0 = Instant::now();
        let (s, _) = Session::start(crate::safety::Cleared::for_session_tests(r), None, t0);
        s.view(t0)
    }

    #[test]
    fn clicks_land_on_the_hint_drawn_there() {
        let v = view();
        let line = line(&hints(&v, true), Theme::NoColor, None);
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        for (needle, cmd) in [
            ("x STOP", Command::StopPain),
            ("Space pause", Command::TogglePause),
            ("n next", Command::Next),
            ("b back", Command::Back),
            ("? help", Command::ToggleHelp),
            ("q quit", Command::Quit),
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
        let (mut s, _) = Session::start(crate::safety::Cleared::for_session_tests(r), None, t0);
        let t = t0 + std::time::Duration::from_secs(30);
        s.tick(t);
        let click = |v: &View, needle: &str| {
            let l = line(&hints(v, true), Theme::NoColor, None);
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            assert!(text.len() <= 80, "{text:?}");
            at(v, 80, 24, text.find(needle).unwrap() as u16, 23)
        };
        let v = s.view(t);
        assert_eq!(
            click(&v, "5 drew back"),
            Some(Command::Answer(CheckIn::DrewBack))
        );
        assert_eq!(click(&v, "e urgent"), Some(Command::ReportRedFlag));
        assert_eq!(click(&v, "x STOP"), Some(Command::StopPain));
        s.update(Command::Answer(CheckIn::DrewBack), t);
        let v = s.view(t);
        assert_eq!(
            click(&v, "4 below knee"),
            Some(Command::Reach(Extent::BelowKnee))
        );
    }
}
