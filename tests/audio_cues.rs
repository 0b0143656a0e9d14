//! The cues a session emits, and exactly when, for a two-sided hold with
//! repeats; time is arithmetic (`t0 + Duration`), driven the way the app
//! drives it: sleep until `next_deadline()`, then `tick`. Also: a pause
//! moves every later cue by its length, and a muted session sounds only
//! the safety stop.

use std::time::{Duration, Instant};

use unknot::cue::Cue;
use unknot::cue::audible;
use unknot::routine::{Routine, load_str};
use unknot::safety::intake::Finish;
use unknot::safety::{Cleared, Intake};
use unknot::session::Session;
use unknot::vocab::{CheckIn, Effect, Input, Stage};

const ROUTINE: &str = r#"
name = "cues"
summary = "A two-sided hold, twice."
[defaults]
prepare = "5s"
switch = "10s"
halfway = true
countdown = true
[[steps]]
title = "Buttock ball hold"
kind = "hold"
area = "glutes"
tool = "tennis-ball"
duration = "20s"
sides = "both"
repeat = 2
"#;

/// A session may only start after the safety screening: answer "none of
/// these apply" to the five screens of a first session ("not yet" to "has
/// it been assessed?") and give a baseline, as a person would.
fn cleared(routine: Routine) -> Cleared {
    let mut intake = Intake::new(false, None);
    for reply in [
        Input::No,
        Input::No,
        Input::No,
        Input::No,
        Input::No,
        Input::Number(3),
        Input::Number(2),
    ] {
        intake.update(reply);
    }
    match intake.finished() {
        Some(Finish::Begin { clearance, .. }) => {
            clearance.admit(routine).expect("cleared for massage")
        }
        other => panic!("the screening did not clear the session: {other:?}"),
    }
}

/// Cues and spoken words with the instants they were emitted at, in
/// order, in seconds after the start.
struct Run {
    cues: Vec<(f64, Cue)>,
    said: Vec<(f64, String)>,
}

/// Drive a session deadline by deadline until it waits for an answer,
/// then answer "better" `answer_after` later.
fn run(session: &mut Session, t0: Instant, mut fx: Vec<Effect>, answer_after: Duration) -> Run {
    let secs = |t: Instant| t.duration_since(t0).as_secs_f64();
    let mut out = Run {
        cues: Vec::new(),
        said: Vec::new(),
    };
    let mut now = t0;
    let record = |fx: Vec<Effect>, at: Instant, out: &mut Run| {
        for e in fx {
            match e {
                Effect::Cue(c) => out.cues.push((secs(at), c)),
                Effect::Say(s) => out.said.push((secs(at), s)),
                _ => {}
            }
        }
    };
    record(std::mem::take(&mut fx), now, &mut out);
    while session.stage() == Stage::Running {
        let at = session
            .next_deadline()
            .expect("a running session has a deadline");
        assert!(at > now, "deadlines move forward");
        record(session.tick(at), at, &mut out);
        now = at;
    }
    assert_eq!(session.stage(), Stage::CheckIn);
    assert_eq!(
        session.next_deadline(),
        None,
        "nothing is due while waiting for an answer"
    );
    let at = now + answer_after;
    let fx = session.update(Input::Answer(CheckIn::Better), at);
    record(fx, at, &mut out);
    out
}

#[test]
fn a_two_sided_hold_with_repeats_cues_at_the_right_instants() {
    let t0 = Instant::now();
    let routine = load_str(ROUTINE, "cues.toml").unwrap();
    let (mut session, fx) = Session::start(cleared(routine), None, None, t0);
    let out = run(&mut session, t0, fx, Duration::from_millis(2500));
    use Cue::*;
    let mut want = vec![(0.0, Prepare)];
    // Four holds of 20 s (left, right, left, right), 10 s switches between.
    for (i, begin) in [5.0, 35.0, 65.0, 95.0].into_iter().enumerate() {
        want.push((begin, Begin));
        want.push((begin + 10.0, Halfway));
        want.push((begin + 17.0, Countdown(3)));
        want.push((begin + 18.0, Countdown(2)));
        want.push((begin + 19.0, Countdown(1)));
        want.push((begin + 20.0, Release));
        want.push((begin + 20.0, if i < 3 { SwitchSides } else { CheckIn }));
    }
    want.push((117.5, Complete));
    assert_eq!(out.cues, want);
    assert_eq!(out.said, vec![(0.0, "Buttock ball hold".to_string())]);
    assert_eq!(session.stage(), Stage::Completed);
}

#[test]
fn pausing_moves_every_later_cue_by_the_pause() {
    let t0 = Instant::now();
    let routine = load_str(ROUTINE, "cues.toml").unwrap();
    let (mut session, fx) = Session::start(cleared(routine.clone()), None, None, t0);
    let (mut paused, pfx) = Session::start(cleared(routine), None, None, t0);
    // Paused for 2.5 s during the preparation.
    paused.update(Input::TogglePause, t0 + Duration::from_secs(2));
    assert_eq!(paused.next_deadline(), None, "nothing is due while paused");
    paused.update(Input::TogglePause, t0 + Duration::from_millis(4500));
    let plain = run(&mut session, t0, fx, Duration::from_secs(1));
    let late = run(&mut paused, t0, pfx, Duration::from_secs(1));
    assert_eq!(plain.cues.len(), late.cues.len());
    for (a, b) in plain.cues.iter().zip(&late.cues) {
        assert_eq!(a.1, b.1);
        let shift = if a.1 == Cue::Prepare { 0.0 } else { 2.5 };
        assert!((b.0 - a.0 - shift).abs() < 1e-9, "{a:?} then {b:?}");
    }
}

#[test]
fn a_muted_session_sounds_only_the_safety_stop() {
    let t0 = Instant::now();
    let s = |secs: u64| t0 + Duration::from_secs(secs);
    let routine = load_str(ROUTINE, "cues.toml").unwrap();
    let (mut session, _) = Session::start(cleared(routine), None, None, t0);
    session.update(Input::ToggleMute, s(1));
    // Cues are still emitted (for --plain and the history); none sounds.
    let mut emitted = Vec::new();
    let mut now = s(1);
    while now < s(30) {
        now = session.next_deadline().unwrap();
        for e in session.tick(now) {
            if let Effect::Cue(c) = e {
                emitted.push(c);
            }
        }
    }
    assert!(emitted.contains(&Cue::Begin), "{emitted:?}");
    let muted = session.is_muted();
    assert!(emitted.iter().all(|&c| !audible(c, muted)), "{emitted:?}");
    let fx = session.update(Input::Stop, now);
    assert!(fx.contains(&Effect::Cue(Cue::SafetyStop)), "{fx:?}");
    assert!(audible(Cue::SafetyStop, session.is_muted()));
}
