//! The history's word on each technique, through the whole run: handed to
//! the flow before the session begins, it puts the warning on the first
//! step's preparation (the keymap's `Caution` context), the choice is
//! recorded, and the end summary names the techniques.

use std::time::{Duration, Instant};

use super::*;
use crate::routine::load_str;
use crate::safety::OutroScreen;
use crate::tolerance::{DAY_MS, Highlight, Key, Records, Run};
use crate::vocab::{CheckIn, Choice, ChosenBy, Trouble};

const NOW: i64 = 1_709_467_200_000;

fn routine() -> Routine {
    load_str(
        r#"name = "massage"
summary = "s"
[defaults]
prepare = "5s"
rest = "5s"
[[steps]]
id = "ball"
title = "Ball hold"
kind = "hold"
tool = "tennis-ball"
area = "glutes"
duration = "30s"
[[steps]]
id = "rest"
title = "Rest on the back"
kind = "position"
duration = "1m"
"#,
        "massage.toml",
    )
    .unwrap()
}

fn tolerance() -> Tolerance {
    let mut records = Records::new();
    records
        .entry(Key {
            routine: "massage".into(),
            step: "ball".into(),
            side: None,
        })
        .runs = vec![Run {
        at_ms: NOW - DAY_MS,
        trouble: Some(Trouble::Sharper),
        done: true,
        as_written: true,
    }];
    Tolerance {
        records,
        now_ms: NOW,
    }
}

/// A first session's screening answered "none" (and "assessed: yes"),
/// pain 5, reach 3: the session begins.
fn begin(flow: &mut Flow, now: Instant) -> Vec<Effect> {
    let mut fx = Vec::new();
    for i in [
        Input::No,
        Input::No,
        Input::No,
        Input::Yes,
        Input::No,
        Input::Number(5),
        Input::Number(3),
    ] {
        fx.extend(flow.update(i, now));
    }
    fx
}

#[test]
fn the_warning_runs_through_to_the_summary() {
    let t0 = Instant::now();
    let mut flow = Flow::new(routine(), None, None, false);
    flow.set_tolerance(tolerance());
    let fx = begin(&mut flow, t0);
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Say(t) if t.contains("Last time this hold")))
    );
    assert_eq!(flow.keys(), Context::Caution);
    // No answer: the hold is 20 s instead of 30. (The preparation grew to
    // fit the title and the warning.)
    let prep = flow.session().unwrap().planned();
    let fx = flow.tick(t0 + prep);
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::Record(Event::Chose {
            choice: Choice::Shorter,
            by: ChosenBy::NoAnswer,
            ..
        })
    )));
    assert_eq!(flow.keys(), Context::Running);
    let Screen::Session(v) = flow.view(t0 + prep) else {
        unreachable!()
    };
    assert_eq!((v.remaining_secs, v.shortened), (20, true));
    // Through both steps, answering "better".
    let mut t = t0 + prep;
    for _ in 0..20 {
        if flow.session().is_none() {
            break;
        }
        if flow.keys() == Context::CheckIn {
            flow.update(Input::Answer(CheckIn::Better), t);
        } else {
            t += Duration::from_secs(10);
            flow.tick(t);
        }
    }
    flow.update(Input::Number(2), t);
    flow.update(Input::Number(2), t);
    let Screen::Outro(o) = flow.view(t) else {
        panic!("the end questions")
    };
    let OutroScreen::Summary(s) = o.screen else {
        panic!("the summary")
    };
    assert_eq!(
        s.highlights,
        [
            Highlight::Well {
                title: "Ball hold".into(),
                answer: CheckIn::Better
            },
            Highlight::Careful {
                title: "Ball hold".into(),
                side: None,
                choice: Choice::Shorter,
                trouble: Trouble::Sharper
            }
        ]
    );
}

#[test]
fn without_the_history_or_once_begun_nothing_is_warned() {
    let t0 = Instant::now();
    let mut flow = Flow::new(routine(), None, None, false);
    begin(&mut flow, t0);
    assert_eq!(flow.keys(), Context::Running);
    // Handed in too late: the running session keeps what it had.
    flow.set_tolerance(tolerance());
    assert_eq!(flow.keys(), Context::Running);
    assert!(flow.session().is_some_and(|s| s.advice(0).is_none()));
}

#[test]
fn the_stop_is_one_key_away_while_the_warning_asks() {
    let t0 = Instant::now();
    let mut flow = Flow::new(routine(), None, None, false);
    flow.set_tolerance(tolerance());
    begin(&mut flow, t0);
    let fx = flow.update(Input::Stop, t0 + Duration::from_secs(1));
    assert!(fx.contains(&Effect::Finished(Outcome::Stopped(StopReason::PainWorse))));
    assert!(flow.is_stopped());
}
