//! Check-in answers and reach changes → stop or continue; the paused
//! timer while a check-in waits; urgent signs; extra check-ins a routine
//! may ask for.

use std::time::{Duration, Instant};

use super::*;
use crate::routine::load_str;
use crate::vocab::Extent;

/// Two one-sided holds of 30 s, no preparation, a 5 s rest between.
fn two_holds(extra: &str) -> Routine {
    load_str(
        &format!(
            "name = \"t\"\nsummary = \"s\"\n[defaults]\nprepare = \"0s\"\nrest = \"5s\"\n\
             [[steps]]\nid = \"a\"\ntitle = \"A\"\nkind = \"hold\"\nduration = \"30s\"\n{extra}\n\
             [[steps]]\nid = \"b\"\ntitle = \"B\"\nkind = \"hold\"\nduration = \"30s\"\n"
        ),
        "t.toml",
    )
    .unwrap()
}

/// A session waiting at its first check-in, and that instant.
fn at_check_in() -> (Session, Instant) {
    let t0 = Instant::now();
    let (mut s, _) = Session::start(Cleared::for_session_tests(two_holds("")), None, t0);
    let t = t0 + Duration::from_secs(30);
    let fx = s.tick(t);
    assert_eq!(s.stage(), Stage::CheckIn);
    assert!(
        fx.contains(&Effect::Cue(Cue::CheckIn)),
        "a cue says a check-in waits"
    );
    (s, t)
}

#[test]
fn each_answer_stops_or_goes_on() {
    let table = [
        (CheckIn::Better, Stage::Running),
        (CheckIn::Same, Stage::Running),
        (CheckIn::Sharper, Stage::Stopped(StopReason::Sharper)),
        (CheckIn::Spreading, Stage::Stopped(StopReason::Spreading)),
        (CheckIn::DrewBack, Stage::Reach),
    ];
    assert_eq!(table.len(), CheckIn::ALL.len());
    for (answer, expected) in table {
        let (mut s, t) = at_check_in();
        let fx = s.update(Input::Answer(answer), t);
        assert_eq!(s.stage(), expected, "{answer:?}");
        assert!(fx.contains(&Effect::Record(Event::CheckIn { step: 0, answer })));
        assert_eq!(answer.stops(), matches!(expected, Stage::Stopped(_)));
        if answer.stops() {
            assert!(fx.contains(&Effect::Cue(Cue::SafetyStop)));
            assert!(
                fx.contains(&Effect::Finished(Outcome::Stopped(match answer {
                    CheckIn::Sharper => StopReason::Sharper,
                    _ => StopReason::Spreading,
                })))
            );
        }
    }
}

#[test]
fn drew_back_asks_the_reach_records_it_and_goes_on() {
    for extent in Extent::ALL {
        let (mut s, t) = at_check_in();
        s.update(Input::Answer(CheckIn::DrewBack), t);
        assert_eq!(s.next_deadline(), None, "the timer waits for the reach too");
        // Check-in answers are not reach answers.
        s.update(Input::Answer(CheckIn::Better), t);
        assert_eq!(s.stage(), Stage::Reach);
        let fx = s.update(Input::Reach(extent), t);
        assert!(fx.contains(&Effect::Record(Event::Extent {
            step: Some(0),
            extent
        })));
        assert_eq!(s.stage(), Stage::Running);
        assert_eq!(s.current().kind, SegmentKind::Rest);
    }
}

#[test]
fn a_waiting_check_in_holds_the_clock() {
    let (mut s, t) = at_check_in();
    assert_eq!(s.next_deadline(), None);
    // An hour later nothing has moved on by itself.
    let later = t + Duration::from_secs(3600);
    assert!(s.tick(later).is_empty());
    assert_eq!(s.stage(), Stage::CheckIn);
    // And the next segment starts from the answer, whole.
    s.update(Input::Answer(CheckIn::Same), later);
    assert_eq!(s.remaining(later), Duration::from_secs(5));
}

#[test]
fn urgent_signs_stop_from_a_check_in_or_a_stop() {
    let (mut s, t) = at_check_in();
    let fx = s.update(Input::Report, t);
    assert_eq!(s.stage(), Stage::Stopped(StopReason::RedFlag));
    assert!(fx.contains(&Effect::Cue(Cue::SafetyStop)));

    let (mut s, t) = at_check_in();
    s.update(Input::Answer(CheckIn::Sharper), t);
    let fx = s.update(Input::Report, t);
    assert_eq!(s.stage(), Stage::Stopped(StopReason::RedFlag));
    assert!(fx.contains(&Effect::Record(Event::RedFlagReported)));
    assert!(s.update(Input::Report, t).is_empty());
}

#[test]
fn extra_check_ins_complete_the_step_once() {
    let src = two_holds("sides = \"both\"\ncheck_in = \"after-each-side\"");
    let t0 = Instant::now();
    let (mut s, _) = Session::start(Cleared::for_session_tests(src), None, t0);
    let mut t = t0;
    let mut fx = Vec::new();
    let mut check_ins = 0;
    while s.current().step == 0 && !s.is_over() {
        if s.stage() == Stage::CheckIn {
            check_ins += 1;
            fx.extend(s.update(Input::Answer(CheckIn::Same), t));
        } else {
            t = s.next_deadline().unwrap();
            fx.extend(s.tick(t));
        }
    }
    assert_eq!(check_ins, 2, "one per side");
    let completed = fx
        .iter()
        .filter(|e| matches!(e, Effect::Record(Event::StepCompleted { step: 0, .. })))
        .count();
    assert_eq!(completed, 1);
}
