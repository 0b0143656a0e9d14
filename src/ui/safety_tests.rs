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
use crate::safety::{
    Cleared, Hint, IntakeScreen, IntakeView, OutroScreen, OutroView, Reminder, StopView,
};
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

/// A group's question screen, not marking.
fn group(g: Group, place: (usize, usize), reminder: Option<Reminder>, advice: bool) -> Screen {
    intake(
        IntakeScreen::Group {
            group: g,
            marks: vec![],
            picking: false,
            place,
            reminder,
            advice,
        },
        None,
    )
}

#[test]
fn screening_groups() {
    for (name, g, place) in [
        ("group_emergency", Group::Emergency, (1, 5)),
        ("group_clinician", Group::Clinician, (2, 5)),
        ("group_lasting", Group::Lasting, (3, 5)),
        ("group_today", Group::Today, (5, 5)),
    ] {
        snap(name, &group(g, place, None, false));
    }
}

#[test]
fn the_last_screen_on_an_ordinary_day_and_after_not_yet() {
    let reminder = |signs: Vec<Sign>| Reminder {
        date: "2025-06-13".into(),
        signs,
    };
    snap(
        "group_today_reminder",
        &group(Group::Today, (3, 3), Some(reminder(vec![])), false),
    );
    snap(
        "group_today_reminder_ok",
        &group(
            Group::Today,
            (3, 3),
            Some(reminder(vec![Sign::BleedingRisk, Sign::Pregnancy])),
            false,
        ),
    );
    snap(
        "group_today_advice",
        &group(Group::Today, (5, 5), None, true),
    );
}

#[test]
fn assessed_and_a_doctors_ok() {
    snap(
        "assessed",
        &intake(IntakeScreen::Assessed { place: (4, 5) }, None),
    );
    snap(
        "ask_ok",
        &intake(
            IntakeScreen::AskOk {
                signs: vec![Sign::BleedingRisk, Sign::Pregnancy],
            },
            None,
        ),
    );
}

#[test]
fn screening_marking_and_a_hint() {
    let screen = IntakeScreen::Group {
        group: Group::Clinician,
        marks: vec![Sign::Fever, Sign::RestOrNightPain],
        picking: true,
        place: (2, 3),
        reminder: None,
        advice: false,
    };
    snap("group_marking", &intake(screen, None));
    let screen = IntakeScreen::Group {
        group: Group::Emergency,
        marks: vec![],
        picking: false,
        place: (1, 3),
        reminder: None,
        advice: false,
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
        "verdict_emergency_unnamed",
        &v(Verdict::Emergency, vec![], None),
    );
    snap(
        "verdict_department",
        &v(Verdict::Clinician, vec![Sign::Fever, Sign::Trauma], None),
    );
    snap(
        "verdict_same_day",
        &v(Verdict::Clinician, vec![Sign::ClotSigns], None),
    );
    snap(
        "verdict_soon",
        &v(
            Verdict::Clinician,
            vec![Sign::WeightLossOrCancer, Sign::RestOrNightPain],
            None,
        ),
    );
    snap(
        "verdict_contraindicated",
        &v(Verdict::Contraindicated, vec![Sign::BleedingRisk], None),
    );
    snap(
        "verdict_skin",
        &v(Verdict::Contraindicated, vec![Sign::SkinOverArea], None),
    );
    snap(
        "verdict_acute_offer",
        &v(Verdict::Acute, vec![Sign::Flare], Some("acute-relief")),
    );
    snap(
        "verdict_acute_no_routine",
        &v(Verdict::Acute, vec![Sign::RecentOnset], None),
    );
    snap(
        "verdict_cleared_no_routine",
        &v(Verdict::Cleared, vec![Sign::Pregnancy], None),
    );
}

#[test]
fn baseline() {
    snap(
        "baseline_pain",
        &intake(IntakeScreen::Pain { gentle: None }, None),
    );
    snap(
        "baseline_pain_gentle",
        &intake(
            IntakeScreen::Pain {
                gentle: Some("disc-gentle".into()),
            },
            None,
        ),
    );
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
            place: (2, 4),
            reminder: None,
            advice: false,
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
            highlights: Vec::new(),
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
