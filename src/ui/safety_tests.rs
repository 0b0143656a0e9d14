//! Snapshots of every safety screen (notice, screening, verdicts, baseline,
//! check-in, stop, end) at 80x24 and 40x12, drawn on a `TestBackend`.

use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Status, Theme, render_screen};
use crate::audio::Sound;
use crate::flow::Screen;
use crate::routine::load_str;
use crate::safety::outro::EndSummary;
use crate::safety::{Cleared, Hint, IntakeScreen, IntakeView, OutroScreen, OutroView, StopView};
use crate::session::Session;
use crate::vocab::{CheckIn, Input, StopReason, Summary};
use crate::vocab::{Extent, Group, Pain, Reading, Sign, Trend, Verdict};

const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];

fn status() -> Status {
    Status {
        sound: Sound::Off,
        theme: Theme::NoColor,
        trend: None,
    }
}

fn snap(name: &str, screen: &Screen) {
    snap_with(name, screen, &status());
}

fn snap_with(name: &str, screen: &Screen, status: &Status) {
    for (w, h) in SIZES {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| render_screen(f, screen, status)).unwrap();
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), term.backend());
    }
}

fn intake(screen: IntakeScreen, hint: Option<Hint>) -> Screen {
    Screen::Intake(IntakeView {
        screen,
        hint,
        confirm_quit: false,
    })
}

fn pain(n: u8) -> Pain {
    Pain::new(n).unwrap()
}

#[test]
fn notice() {
    snap("notice", &intake(IntakeScreen::Notice, None));
}

#[test]
fn screening_groups() {
    for (name, g) in [
        ("group_emergency", Group::Emergency),
        ("group_clinician", Group::Clinician),
        ("group_contraindication", Group::Contraindication),
        ("group_onset", Group::Onset),
    ] {
        let screen = IntakeScreen::Group {
            group: g,
            marks: vec![],
            picking: false,
        };
        snap(name, &intake(screen, None));
    }
}

#[test]
fn screening_marking_and_a_hint() {
    let screen = IntakeScreen::Group {
        group: Group::Clinician,
        marks: vec![Sign::Fever, Sign::RestOrNightPain],
        picking: true,
    };
    snap("group_marking", &intake(screen, None));
    let screen = IntakeScreen::Group {
        group: Group::Emergency,
        marks: vec![],
        picking: false,
    };
    snap("group_hint", &intake(screen, Some(Hint::Group)));
}

#[test]
fn verdicts() {
    let v = |verdict, signs: Vec<Sign>, offer: Option<&str>| {
        intake(
            IntakeScreen::Verdict {
                verdict,
                signs,
                offer: offer.map(String::from),
            },
            None,
        )
    };
    snap(
        "verdict_emergency",
        &v(Verdict::Emergency, vec![Sign::SaddleNumbness], None),
    );
    snap(
        "verdict_clinician",
        &v(Verdict::Clinician, vec![Sign::Fever, Sign::Trauma], None),
    );
    snap(
        "verdict_contraindicated",
        &v(Verdict::Contraindicated, vec![Sign::BleedingRisk], None),
    );
    snap(
        "verdict_acute_offer",
        &v(Verdict::Acute, vec![], Some("acute-relief")),
    );
    snap("verdict_acute_no_routine", &v(Verdict::Acute, vec![], None));
}

#[test]
fn baseline() {
    snap("baseline_pain", &intake(IntakeScreen::Pain, None));
    snap(
        "baseline_extent",
        &intake(IntakeScreen::Extent(pain(6)), Some(Hint::Extent)),
    );
}

fn session_at_check_in() -> (Session, Instant) {
    let routine = load_str(
        "name = \"tiny\"\nsummary = \"s\"\n[[steps]]\ntitle = \"Buttock ball hold\"\nkind = \"hold\"\ntool = \"tennis-ball\"\narea = \"glutes\"\nduration = \"30s\"\nprepare = \"0s\"\n\
         [[steps]]\ntitle = \"Lie on your back\"\nkind = \"position\"\nduration = \"2m\"\nprepare = \"0s\"\n",
        "tiny.toml",
    )
    .unwrap();
    let t0 = Instant::now();
    let (mut s, _) = Session::start(
        Cleared::for_session_tests(routine),
        None,
        Some(Extent::Thigh),
        t0,
    );
    let t = t0 + Duration::from_secs(30);
    s.tick(t);
    (s, t)
}

#[test]
fn check_in_and_reach() {
    let (mut s, t) = session_at_check_in();
    snap("check_in", &Screen::Session(s.view(t)));
    s.update(Input::Answer(CheckIn::DrewBack), t);
    // Neutral: nothing is called a good sign before the answer.
    snap("check_in_reach", &Screen::Session(s.view(t)));
    // Only an answer less far than the last known reach is.
    let mut less = s.clone();
    less.update(Input::Reach(Extent::Buttock), t);
    snap("check_in_reach_less_far", &Screen::Session(less.view(t)));
    let mut same = s.clone();
    same.update(Input::Reach(Extent::Thigh), t);
    snap("check_in_reach_same", &Screen::Session(same.view(t)));
}

#[test]
fn a_stop_before_any_technique_has_no_ball_to_come_off() {
    let screen = Screen::Stop(StopView {
        reason: StopReason::PainWorse,
        extent: None,
        context: None,
        hint: None,
    });
    snap("stop_before_session", &screen);
    let text = crate::ui::page_text(&screen).unwrap().lines.join("\n");
    assert!(!text.contains("ball"), "{text}");
    assert!(text.contains("on your back"), "{text}");
}

#[test]
fn the_quit_question_shows_its_own_keys_on_a_question_screen() {
    let screen = Screen::Intake(IntakeView {
        screen: IntakeScreen::Group {
            group: Group::Clinician,
            marks: Vec::new(),
            picking: false,
        },
        hint: None,
        confirm_quit: true,
    });
    snap("group_confirm_quit", &screen);
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| render_screen(f, &screen, &status())).unwrap();
    let bottom: String = (0..80)
        .map(|x| term.backend().buffer()[(x, 23)].symbol().to_string())
        .collect();
    assert!(
        bottom.contains("y quit") && bottom.contains("n keep going"),
        "{bottom}"
    );
    assert!(!bottom.contains("none apply"), "{bottom}");
}

#[test]
fn stops() {
    let stop = |reason, extent, hint| {
        Screen::Stop(StopView {
            reason,
            extent,
            context: Some("gentle-lower-back · 4:10".into()),
            hint,
        })
    };
    snap("stop_pain_worse", &stop(StopReason::PainWorse, None, None));
    snap(
        "stop_sharper",
        &stop(StopReason::Sharper, None, Some(Hint::Stopped)),
    );
    snap(
        "stop_spreading",
        &stop(StopReason::Spreading, Some(Extent::BelowKnee), None),
    );
    snap("stop_red_flag", &stop(StopReason::RedFlag, None, None));
}

#[test]
fn the_end() {
    let before = Reading {
        pain: pain(6),
        extent: Extent::Thigh,
    };
    let outro = |screen| {
        Screen::Outro(OutroView {
            screen,
            before: Some(before),
            hint: None,
            confirm_quit: false,
        })
    };
    snap("end_pain", &outro(OutroScreen::Pain));
    snap("end_extent", &outro(OutroScreen::Extent(pain(4))));
    let summary = |after: Reading, trend, worse| {
        outro(OutroScreen::Summary(EndSummary {
            routine: "gentle-lower-back".into(),
            session: Summary {
                elapsed_secs: 1500,
                steps_done: 7,
                steps_skipped: 0,
                steps_total: 7,
                answers: vec![CheckIn::Better, CheckIn::Same, CheckIn::DrewBack],
            },
            before: Some(before),
            after,
            trend: Some(trend),
            worse,
        }))
    };
    snap(
        "end_summary_centralised",
        &summary(
            Reading {
                pain: pain(3),
                extent: Extent::Buttock,
            },
            Trend::Centralised,
            false,
        ),
    );
    // With earlier sessions in the history, their trend is told too.
    let with_history = Status {
        trend: Some(crate::history::Recent {
            sessions: 3,
            completed: 3,
            past_week: 2,
            rated: 2,
            mean_change_tenths: Some(-15),
            centralised: 1,
            reach: None,
        }),
        ..status()
    };
    snap_with(
        "end_summary_with_history",
        &summary(
            Reading {
                pain: pain(3),
                extent: Extent::Buttock,
            },
            Trend::Centralised,
            false,
        ),
        &with_history,
    );
    snap(
        "end_summary_spread",
        &summary(
            Reading {
                pain: pain(7),
                extent: Extent::BelowKnee,
            },
            Trend::Spread,
            true,
        ),
    );
}
