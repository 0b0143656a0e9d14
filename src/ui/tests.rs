//! Rendering checked against ratatui's `TestBackend`: every screen at 80x24
//! and 40x12 (insta snapshots), the too-small notice, and NO_COLOR.

use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use super::*;
use crate::routine::load_str;
use crate::safety::Cleared;
use crate::session::Session;
use crate::vocab::{CheckIn, Input};

const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];

fn session() -> (Session, Instant) {
    let routine = load_str(
        r#"
name = "gentle-lower-back"
summary = "t"
[defaults]
prepare = "10s"
rest = "15s"
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
  "Use your arms and legs to take weight off if it is too strong.",
]
duration = "45s"
sides = "both"
[[steps]]
id = "rest"
title = "Rest in the 90/90 position"
kind = "position"
duration = "3m"
"#,
        "t.toml",
    )
    .unwrap();
    let t0 = Instant::now();
    let (s, _) = Session::start(Cleared::for_session_tests(routine), None, None, t0);
    (s, t0)
}

fn draw(view: &View, status: &Status, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| render(f, view, status)).unwrap();
    term
}

fn status() -> Status {
    Status {
        sound: Sound::On,
        theme: Theme::Default,
        trend: None,
    }
}

/// Snapshot a view at both sizes.
fn snap(name: &str, view: &View) {
    for (w, h) in SIZES {
        let term = draw(view, &status(), w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), term.backend());
    }
}

fn at(s: u64, ms: u64) -> Duration {
    Duration::from_secs(s) + Duration::from_millis(ms)
}

#[test]
fn prepare_screen() {
    let (s, t0) = session();
    snap("prepare", &s.view(t0 + at(2, 500)));
}

#[test]
fn hold_screen_counting_down() {
    let (mut s, t0) = session();
    s.tick(t0 + at(10, 0));
    snap("hold", &s.view(t0 + at(25, 300)));
}

#[test]
fn a_caution_shows_in_every_size_before_the_rest() {
    let routine = load_str(
        r#"
name = "ball-and-roller"
summary = "t"
[[steps]]
id = "roller-buttock"
title = "Foam roller on the buttock and outer hip"
kind = "sweep"
area = "glutes"
tool = "foam-roller"
position = "Sitting on the foam roller, hands on the floor behind you, one ankle crossed over the other knee."
instructions = [
  "Lean toward the side of the crossed leg until the roller sits under that buttock.",
  "Walk your supporting foot to roll slowly a few centimetres, out toward the side of the hip and back.",
]
caution = "Keep the roller under the buttock and hip, below the belt line: never under the lower back."
duration = "5m"
"#,
        "t.toml",
    )
    .unwrap();
    let t0 = Instant::now();
    let (mut s, _) = Session::start(Cleared::for_session_tests(routine), None, None, t0);
    // 30 s into the sweep, after a preparation grown to speak the caution.
    let prep = s.planned();
    s.tick(t0 + prep);
    let v = s.view(t0 + prep + at(30, 0));
    snap("caution", &v);
    for (w, h) in SIZES {
        let text = format!("{}", draw(&v, &status(), w, h).backend());
        assert!(
            text.contains("Caution: Keep the roller under the"),
            "{w}x{h}: {text}"
        );
    }
}

#[test]
fn paused_screen_says_paused() {
    let (mut s, t0) = session();
    s.tick(t0 + at(10, 0));
    s.update(Input::TogglePause, t0 + at(20, 0));
    let v = s.view(t0 + at(90, 0));
    snap("paused", &v);
    for (w, h) in SIZES {
        assert!(format!("{}", draw(&v, &status(), w, h).backend()).contains("PAUSED"));
    }
}

#[test]
fn switch_sides_screen() {
    let (mut s, t0) = session();
    s.tick(t0 + at(55, 0));
    snap("switch", &s.view(t0 + at(57, 0)));
}

#[test]
fn help_overlay() {
    let (mut s, t0) = session();
    s.update(Input::ToggleHelp, t0);
    snap("help", &s.view(t0));
}

#[test]
fn help_footer_says_what_the_timer_is_doing() {
    let (mut s, t0) = session();
    s.update(Input::ToggleHelp, t0);
    let running = format!("{}", draw(&s.view(t0), &status(), 80, 24).backend());
    assert!(running.contains("the timer keeps running"), "{running}");
    s.update(Input::TogglePause, t0 + at(1, 0));
    let paused = format!(
        "{}",
        draw(&s.view(t0 + at(5, 0)), &status(), 80, 24).backend()
    );
    assert!(paused.contains("the timer stays paused"), "{paused}");
    assert!(!paused.contains("keeps running"), "{paused}");
}

/// The help never hides the time: at every size its title carries the
/// phase and the time left, and at 80x24 the big digits stay in view.
#[test]
fn the_help_keeps_the_time_in_view() {
    let (mut s, t0) = session();
    s.update(Input::ToggleHelp, t0);
    let view = s.view(t0 + at(3, 0));
    let plain = draw(&s.view(t0 + at(3, 0)), &status(), 80, 24);
    let plain = format!("{}", plain.backend());
    let without = {
        let mut v = view.clone();
        v.overlay = crate::vocab::Overlay::None;
        format!("{}", draw(&v, &status(), 80, 24).backend())
    };
    // The rows of the big countdown are the same with the help open.
    let rows = |t: &str| {
        t.lines()
            .skip(3)
            .take(5)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(rows(&plain), rows(&without), "{plain}");
    for (w, h) in [(80, 24), (60, 20), (40, 12)] {
        let screen = format!("{}", draw(&view, &status(), w, h).backend());
        assert!(screen.contains("Keys · PREPARE 0:07"), "{w}x{h}: {screen}");
    }
}

#[test]
fn quit_confirmation() {
    let (mut s, t0) = session();
    s.update(Input::Quit, t0);
    snap("quit", &s.view(t0));
}

#[test]
fn remote_stop_question() {
    let (mut s, t0) = session();
    s.tick(t0 + at(10, 0));
    s.update(Input::End, t0 + at(12, 0));
    let v = s.view(t0 + at(30, 0));
    snap("why_ended", &v);
    for (w, h) in SIZES {
        let text = format!("{}", draw(&v, &status(), w, h).backend());
        assert!(text.contains("because of pain"), "{w}x{h}:\n{text}");
    }
}

#[test]
fn a_preparation_grown_for_speech_says_by_how_much() {
    let (s, t0) = session();
    let mut routine = s.routine().clone();
    // A caution long enough that the preparation grows to speak it.
    routine.steps[0].caution = Some(
        "Keep the ball on the muscle of the buttock, never on the bone at the base of the spine, and ease off at once if the pain turns sharp or runs down the leg."
            .to_string(),
    );
    let (full, _) = Session::start_guided(
        Cleared::for_session_tests(routine),
        None,
        None,
        Vec::new(),
        crate::session::Guidance::Full,
        t0,
    );
    let v = full.view(t0);
    assert!(v.longer_for_speech_secs > 0, "{v:?}");
    let text = format!("{}", draw(&v, &status(), 80, 24).backend());
    let note = format!("+{}s to hear it", v.longer_for_speech_secs);
    assert!(text.contains(&note), "{text}");
    // A small window keeps the number, not the words.
    let small = format!("{}", draw(&v, &status(), 40, 12).backend());
    let short = format!("· +{}s ", v.longer_for_speech_secs);
    assert!(
        small.contains(&short) && !small.contains("to hear it"),
        "{small}"
    );
    // The default (the title only) fits in the routine's own time.
    assert_eq!(s.view(t0).longer_for_speech_secs, 0);
}

#[test]
fn check_in_question() {
    let (mut s, t0) = session();
    s.tick(t0 + at(110, 0));
    snap("check_in", &s.view(t0 + at(111, 0)));
}

#[test]
fn stopped_screen() {
    let (mut s, t0) = session();
    s.tick(t0 + at(30, 0));
    s.update(Input::Stop, t0 + at(31, 0));
    snap("stopped", &s.view(t0 + at(40, 0)));
}

#[test]
fn completion_summary() {
    let (mut s, t0) = session();
    s.tick(t0 + at(110, 0));
    s.update(Input::Answer(CheckIn::Better), t0 + at(110, 0));
    s.tick(t0 + at(600, 0));
    s.update(Input::Answer(CheckIn::Same), t0 + at(600, 0));
    snap("complete", &s.view(t0 + at(601, 0)));
}

#[test]
fn too_small_says_so_and_keeps_the_timer() {
    let (mut s, t0) = session();
    s.tick(t0 + at(10, 0));
    let term = draw(&s.view(t0 + at(12, 0)), &status(), 30, 8);
    insta::assert_snapshot!("too_small_30x8", term.backend());
    let text = format!("{}", term.backend());
    assert!(text.contains("Enlarge the window"));
    assert!(text.contains("0:43"));
}

#[test]
fn no_color_theme_uses_no_colours_but_keeps_words() {
    let (mut s, t0) = session();
    s.tick(t0 + at(10, 0));
    s.update(Input::TogglePause, t0 + at(11, 0));
    let st = Status {
        sound: Sound::NoDevice,
        theme: Theme::NoColor,
        trend: None,
    };
    let term = draw(&s.view(t0 + at(11, 0)), &st, 80, 24);
    let buf = term.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "cell {cell:?} has a colour");
        assert_eq!(cell.bg, Color::Reset, "cell {cell:?} has a colour");
    }
    let text = format!("{}", term.backend());
    assert!(text.contains("HOLD") && text.contains("PAUSED") && text.contains("no audio"));
}

#[test]
fn every_screen_fits_without_panicking_at_odd_sizes() {
    let (mut s, t0) = session();
    let views = [
        s.view(t0),
        {
            s.update(Input::ToggleHelp, t0);
            s.view(t0)
        },
        {
            s.update(Input::End, t0);
            s.view(t0)
        },
        {
            s.update(Input::Stop, t0);
            s.view(t0)
        },
    ];
    for v in &views {
        for w in [1, 10, 39, 40, 59, 60, 79, 80, 200] {
            for h in [1, 5, 11, 12, 19, 20, 24, 60] {
                draw(v, &status(), w, h);
            }
        }
    }
}

#[test]
fn themes_with_their_colours() {
    // The Debug form of a buffer lists every style run, so these snapshots
    // pin the colours of each theme, not only the text.
    let (mut s, t0) = session();
    s.tick(t0 + at(10, 0));
    let v = s.view(t0 + at(25, 300));
    for (name, theme) in [
        ("default", Theme::Default),
        ("high_contrast", Theme::HighContrast),
        ("no_colour", Theme::NoColor),
    ] {
        let st = Status { theme, ..status() };
        let term = draw(&v, &st, 80, 24);
        insta::assert_snapshot!(
            format!("theme_{name}"),
            format!("{:?}", term.backend().buffer())
        );
    }
}

/// In a 40x12 window a long instruction is cut at a word, and the cut is
/// marked, never passed off as the end of a sentence.
#[test]
fn a_cut_instruction_is_marked() {
    let src = "name = \"t\"\nsummary = \"s\"\n[defaults]\nprepare = \"0s\"\n[[steps]]\ntitle = \"Hold\"\nkind = \"hold\"\nduration = \"45s\"\nposition = \"On your back with your knees bent and your feet flat on the floor, a tennis ball under the buttock of the side that hurts.\"\ninstructions = [\"Let your weight sink slowly onto the ball until you find a spot that is tender but never sharp, then breathe out and stay there.\"]\n";
    let routine = crate::routine::load_str(src, "t.toml").unwrap();
    let t0 = Instant::now();
    let (s, _) = Session::start(Cleared::for_session_tests(routine), None, None, t0);
    let screen = format!("{}", draw(&s.view(t0), &status(), 40, 12).backend());
    assert!(screen.contains('…'), "{screen}");
    // Enough room: nothing is cut, nothing marked.
    let wide = format!("{}", draw(&s.view(t0), &status(), 100, 40).backend());
    assert!(!wide.contains('…'), "{wide}");
}

/// After the stop key on the "enlarge the window" screen, it says how to
/// leave.
#[test]
fn a_stop_in_a_tiny_window_says_how_to_leave() {
    let stop = crate::flow::Screen::Stop(crate::safety::StopView {
        reason: crate::vocab::StopReason::PainWorse,
        extent: None,
        context: Some("r · 0:10".into()),
        hint: None,
    });
    let mut term = Terminal::new(TestBackend::new(30, 8)).unwrap();
    term.draw(|f| super::render_screen(f, &stop, &status()))
        .unwrap();
    let screen = format!("{}", term.backend());
    assert!(screen.contains("Enter leaves"), "{screen}");
    assert!(screen.contains("Enlarge the window"), "{screen}");
}
