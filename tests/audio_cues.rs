//! The cues a session emits, and exactly when, for a two-sided hold with
//! repeats; time is arithmetic (`t0 + Duration`), driven the way the app
//! drives it: sleep until `next_deadline()`, then `tick`. Also: the
//! player's look-ahead (`audio::next_cue_at`) predicts every one of those
//! cues, and a muted session sounds only the safety stop.

use std::time::{Duration, Instant};

use unknot::audio::next_cue_at;
use unknot::cue::Cue;
use unknot::routine::load_str;
use unknot::session::{CheckIn, Command, Effect, Session, Stage};

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

/// Cues and the instants they were emitted at, in order, in seconds after
/// the start; also every prediction that was wrong.
struct Run {
    cues: Vec<(f64, Cue)>,
    said: Vec<(f64, String)>,
    mispredicted: Vec<String>,
}

/// Drive a session deadline by deadline until it waits for an answer,
/// then answer "better" `answer_after` later.
fn run(session: &mut Session, t0: Instant, mut fx: Vec<Effect>, answer_after: Duration) -> Run {
    let secs = |t: Instant| t.duration_since(t0).as_secs_f64();
    let mut out = Run {
        cues: Vec::new(),
        said: Vec::new(),
        mispredicted: Vec::new(),
    };
    let mut now = t0;
    let mut record = |fx: Vec<Effect>, at: Instant, out: &mut Run| {
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
        let predicted = next_cue_at(session, now);
        let at = session
            .next_deadline()
            .expect("a running session has a deadline");
        let fx = session.tick(at);
        let cued = fx.iter().any(|e| matches!(e, Effect::Cue(_)));
        // Every cue was predicted at its instant, and the prediction only
        // names instants where a cue comes.
        if cued && predicted != Some(at) || !cued && predicted.is_some_and(|p| p <= at) {
            out.mispredicted.push(format!(
                "at {:.3} s: predicted {:?}",
                secs(at),
                predicted.map(secs)
            ));
        }
        record(fx, at, &mut out);
        now = at;
    }
    assert_eq!(session.stage(), Stage::CheckIn);
    assert_eq!(
        next_cue_at(session, now),
        None,
        "nothing is due while waiting for an answer"
    );
    let at = now + answer_after;
    let fx = session.update(Command::Answer(CheckIn::Better), at);
    record(fx, at, &mut out);
    out
}

#[test]
fn a_two_sided_hold_with_repeats_cues_at_the_right_instants() {
    let t0 = Instant::now();
    let routine = load_str(ROUTINE, "cues.toml").unwrap();
    let (mut session, fx) = Session::start(routine, None, t0);
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
    assert!(out.mispredicted.is_empty(), "{:#?}", out.mispredicted);
    assert_eq!(session.stage(), Stage::Completed);
}

#[test]
fn pausing_moves_every_later_cue_by_the_pause() {
    let t0 = Instant::now();
    let s = |secs: f64| t0 + Duration::from_secs_f64(secs);
    let routine = load_str(ROUTINE, "cues.toml").unwrap();
    let (mut session, _) = Session::start(routine, None, t0);
    session.update(Command::TogglePause, s(2.0));
    assert_eq!(
        next_cue_at(&session, s(3.0)),
        None,
        "nothing is due while paused"
    );
    session.update(Command::TogglePause, s(4.5));
    // Paused 2.5 s: the 5 s preparation ends at 7.5 s.
    assert_eq!(next_cue_at(&session, s(4.5)), Some(s(7.5)));
    assert!(session.tick(s(7.4)).is_empty());
    let fx = session.tick(s(7.5));
    assert!(fx.contains(&Effect::Cue(Cue::Begin)), "{fx:?}");
    assert_eq!(next_cue_at(&session, s(7.5)), Some(s(17.5)));
}

#[test]
fn a_muted_session_sounds_only_the_safety_stop() {
    let t0 = Instant::now();
    let s = |secs: u64| t0 + Duration::from_secs(secs);
    let routine = load_str(ROUTINE, "cues.toml").unwrap();
    let (mut session, _) = Session::start(routine, None, t0);
    session.update(Command::ToggleMute, s(1));
    assert_eq!(next_cue_at(&session, s(1)), None);
    let mut cues = Vec::new();
    let mut now = s(1);
    while now < s(30) {
        now = session.next_deadline().unwrap();
        cues.extend(
            session
                .tick(now)
                .into_iter()
                .filter(|e| matches!(e, Effect::Cue(_) | Effect::Say(_))),
        );
    }
    assert!(cues.is_empty(), "{cues:?}");
    let fx = session.update(Command::StopPain, now);
    assert!(fx.contains(&Effect::Cue(Cue::SafetyStop)), "{fx:?}");
}
