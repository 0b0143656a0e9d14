//! The warning before a technique that went wrong last time, drawn on a
//! `TestBackend`: the prompt asking at 80x24 and 40x12 (insta snapshots),
//! once decided, the shorter hold's phase line, clicks on its hints, and
//! the completion summary naming techniques.

use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Status, Theme, hints, render, render_screen};
use crate::audio::Sound;
use crate::flow::Screen;
use crate::routine::{Routine, Side, load_str};
use crate::safety::outro::EndSummary;
use crate::safety::{Cleared, OutroScreen, OutroView};
use crate::session::{Session, View};
use crate::tolerance::{DAY_MS, Highlight, Key, Records, Run, advise};
use crate::vocab::{CheckIn, Choice, Extent, Input, Pain, Reading, Summary, Trouble};

const NOW: i64 = 1_709_467_200_000;

fn routine() -> Routine {
    load_str(
        r#"
name = "gentle-lower-back"
summary = "t"
[defaults]
prepare = "15s"
[[steps]]
id = "glute"
title = "Buttock ball hold"
kind = "hold"
area = "glutes"
tool = "tennis-ball"
position = "On your back, knees bent, a tennis ball under one buttock."
instructions = [
  "Shift your weight until the ball finds a tender spot.",
  "Stay there and breathe. Let the ache fade, do not push through it.",
]
duration = "45s"
sides = "both"
"#,
        "t.toml",
    )
    .unwrap()
}

/// A session whose first step made the pain sharper `times` in a row on
/// `sides`, at its start.
fn warned(sides: &[Option<Side>], times: usize) -> (Session, Instant) {
    let mut records = Records::new();
    for &side in sides {
        records
            .entry(Key {
                routine: "gentle-lower-back".into(),
                step: "glute".into(),
                side,
            })
            .runs = (0..times)
            .map(|i| Run {
                at_ms: NOW - (i as i64 + 1) * DAY_MS,
                trouble: Some(Trouble::Sharper),
                done: true,
                as_written: true,
            })
            .collect();
    }
    let r = routine();
    let advice = advise(&records, &r, None, NOW);
    let t0 = Instant::now();
    let (s, _) = Session::start_with(Cleared::for_session_tests(r), None, None, advice, t0);
    (s, t0)
}

fn status() -> Status {
    Status {
        sound: Sound::On,
        theme: Theme::NoColor,
        trend: None,
    }
}

fn draw(view: &View, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| render(f, view, &status())).unwrap();
    term
}

fn text(term: &Terminal<TestBackend>) -> String {
    format!("{}", term.backend())
}

#[test]
fn the_prompt_asking() {
    let (s, t0) = warned(&[None], 1);
    let v = s.view(t0 + Duration::from_secs(3));
    for (w, h) in [(80, 24), (40, 12)] {
        let term = draw(&v, w, h);
        let shown = text(&term);
        assert!(shown.contains("x STOP"), "{shown}");
        insta::assert_snapshot!(format!("caution_{w}x{h}"), term.backend());
    }
}

#[test]
fn the_prompt_after_two_in_a_row_on_one_side() {
    let (s, t0) = warned(&[Some(Side::Left)], 2);
    let v = s.view(t0);
    for (w, h) in [(80, 24), (40, 12)] {
        let term = draw(&v, w, h);
        insta::assert_snapshot!(format!("caution_twice_{w}x{h}"), term.backend());
    }
}

#[test]
fn decided_it_says_what_was_chosen_and_the_hold_says_shorter() {
    let (mut s, t0) = warned(&[None], 1);
    s.update(Input::Choose(Choice::Shorter), t0 + Duration::from_secs(1));
    let prepare = text(&draw(&s.view(t0 + Duration::from_secs(2)), 80, 24));
    assert!(
        prepare.contains("Chosen: a shorter hold (0:30)."),
        "{prepare}"
    );
    assert!(!prepare.contains("1 shorter"), "no choices once decided");
    s.tick(t0 + Duration::from_secs(15));
    let hold = text(&draw(&s.view(t0 + Duration::from_secs(16)), 80, 24));
    assert!(hold.contains("HOLD · left side · shorter today"), "{hold}");
}

#[test]
fn a_click_on_a_choice_does_what_its_key_does() {
    let (s, t0) = warned(&[None], 1);
    let v = s.view(t0);
    let line = hints::line(&hints::hints(&v, true), Theme::NoColor, None);
    let shown: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    for (needle, input) in [
        ("x STOP", Input::Stop),
        ("1 shorter", Input::Choose(Choice::Shorter)),
        ("2 skip", Input::Choose(Choice::Skip)),
        ("3 as written", Input::Choose(Choice::AsWritten)),
    ] {
        let col = shown.find(needle).unwrap() as u16;
        assert_eq!(hints::at(&v, 80, 24, col + 1, 23), Some(input), "{needle}");
    }
}

#[test]
fn the_summary_names_a_technique() {
    let before = Reading {
        pain: Pain::new(5).unwrap(),
        extent: Extent::Thigh,
    };
    let screen = Screen::Outro(OutroView {
        screen: OutroScreen::Summary(EndSummary {
            routine: "gentle-lower-back".into(),
            session: Summary {
                elapsed_secs: 900,
                steps_done: 3,
                steps_skipped: 0,
                steps_total: 4,
                answers: vec![CheckIn::Better, CheckIn::Same, CheckIn::Same],
            },
            before: Some(before),
            after: Reading {
                pain: Pain::new(4).unwrap(),
                extent: Extent::Thigh,
            },
            trend: Some(crate::vocab::Trend::Unchanged),
            worse: false,
            highlights: vec![
                Highlight::Well {
                    title: "Warm-up rub".into(),
                    answer: CheckIn::Better,
                },
                Highlight::Careful {
                    title: "Piriformis ball".into(),
                    side: Some(Side::Left),
                    choice: Choice::Skip,
                    trouble: Trouble::Sharper,
                },
            ],
        }),
        before: Some(before),
        hint: None,
        confirm_quit: false,
    });
    for (w, h) in [(80, 24), (40, 12)] {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| render_screen(f, &screen, &status())).unwrap();
        insta::assert_snapshot!(format!("summary_highlights_{w}x{h}"), term.backend());
    }
}
