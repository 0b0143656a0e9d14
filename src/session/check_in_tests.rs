//! Check-in answers and reach changes → stop or continue; the paused
//! timer while a check-in waits; urgent signs; extra check-ins a routine
//! may ask for.

use std::time::{Duration, Instant};

use super::*;
use crate::routine::load_str;
use crate::vocab::{Extent, Trend};

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
    at_check_in_from(None)
}

/// The same, with a baseline reach.
fn at_check_in_from(reach: Option<Extent>) -> (Session, Instant) {
    let t0 = Instant::now();
    let (mut s, _) = Session::start(Cleared::for_session_tests(two_holds("")), None, reach, t0);
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
        // "Reaches less far" is recorded only once the reach confirms it.
        assert_eq!(
            fx.contains(&Effect::Record(Event::CheckIn { step: 0, answer })),
            answer != CheckIn::DrewBack,
            "{answer:?}"
        );
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
fn the_reach_is_compared_with_the_last_known_one() {
    use Extent::*;
    // (baseline, reach given after "5") → what is recorded, and whether
    // the session stops.
    let table = [
        (Thigh, Foot, CheckIn::Spreading),
        (Thigh, BelowKnee, CheckIn::Spreading),
        (Thigh, Thigh, CheckIn::Same),
        (Thigh, Buttock, CheckIn::DrewBack),
        (LowerBack, Buttock, CheckIn::Spreading),
        (Foot, LowerBack, CheckIn::DrewBack),
    ];
    for (baseline, now, recorded) in table {
        let (mut s, t) = at_check_in_from(Some(baseline));
        let fx = s.update(Input::Answer(CheckIn::DrewBack), t);
        assert!(
            !fx.iter().any(|e| matches!(e, Effect::Record(_))),
            "nothing is recorded before the reach: {fx:?}"
        );
        assert_eq!(s.view(t).note, None, "no words about it yet");
        let fx = s.update(Input::Reach(now), t);
        assert!(fx.contains(&Effect::Record(Event::Extent {
            step: Some(0),
            extent: now
        })));
        assert!(fx.contains(&Effect::Record(Event::CheckIn {
            step: 0,
            answer: recorded
        })));
        assert_eq!(s.answers(), [recorded]);
        if recorded == CheckIn::Spreading {
            assert_eq!(s.stage(), Stage::Stopped(StopReason::Spreading));
            assert!(fx.contains(&Effect::Cue(Cue::SafetyStop)));
        } else {
            assert_eq!(s.stage(), Stage::Running, "{baseline:?} → {now:?}");
            let note = s.view(t).note.expect("the answer is noted");
            assert_eq!(note.extent, now);
            let trend = note.trend.unwrap();
            assert_eq!(trend == Trend::Centralised, recorded == CheckIn::DrewBack);
            assert_eq!(s.reach(), Some(now));
        }
    }
}

#[test]
fn a_later_reach_is_compared_with_the_latest_one() {
    // Thigh at the start, the buttock at the first check-in: back at the
    // thigh at the next one is spreading again.
    let (mut s, t) = at_check_in_from(Some(Extent::Thigh));
    s.update(Input::Answer(CheckIn::DrewBack), t);
    s.update(Input::Reach(Extent::Buttock), t);
    assert_eq!(s.reach(), Some(Extent::Buttock));
    let mut t = t;
    while s.stage() == Stage::Running {
        t = s.next_deadline().unwrap();
        s.tick(t);
    }
    assert_eq!(s.stage(), Stage::CheckIn);
    assert_eq!(s.view(t).note, None, "the note went with its segment");
    s.update(Input::Answer(CheckIn::DrewBack), t);
    s.update(Input::Reach(Extent::Thigh), t);
    assert_eq!(s.stage(), Stage::Stopped(StopReason::Spreading));
}

#[test]
fn back_from_the_reach_returns_to_the_check_in() {
    let (mut s, t) = at_check_in_from(Some(Extent::Thigh));
    s.update(Input::Answer(CheckIn::DrewBack), t);
    assert_eq!(s.stage(), Stage::Reach);
    assert!(s.update(Input::Back, t).is_empty());
    assert_eq!(s.stage(), Stage::CheckIn);
    s.update(Input::Answer(CheckIn::Same), t);
    assert_eq!(s.stage(), Stage::Running);
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
    let (mut s, _) = Session::start(Cleared::for_session_tests(src), None, None, t0);
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

/// The case: a side cut short with `n`, then redone with `b` from
/// the check-in. The technique is done (each side ran out once), not
/// skipped; its completion is recorded once; and the tally recorded at the
/// end is the summary's.
#[test]
fn a_side_cut_short_then_redone_is_done_once() {
    let src = two_holds("sides = \"both\"");
    let t0 = Instant::now();
    let (mut s, _) = Session::start(Cleared::for_session_tests(src), None, None, t0);
    let mut t = t0;
    let mut fx = Vec::new();
    // The left side runs out; the switch passes; the right side is cut short.
    while !(s.current().is_active() && s.current().side == Some(crate::routine::Side::Right)) {
        t = s.next_deadline().unwrap();
        fx.extend(s.tick(t));
    }
    fx.extend(s.update(Input::Next, t));
    assert_eq!(s.stage(), Stage::CheckIn);
    assert_eq!((s.tally(t).done, s.tally(t).skipped), (0, 1));
    // Back from the check-in: the right side again, this time to its end.
    fx.extend(s.update(Input::Back, t));
    assert_eq!(s.stage(), Stage::Running);
    while s.stage() == Stage::Running {
        t = s.next_deadline().unwrap();
        fx.extend(s.tick(t));
    }
    assert_eq!((s.tally(t).done, s.tally(t).skipped), (1, 0));
    fx.extend(s.update(Input::Answer(CheckIn::Same), t));
    while s.stage() == Stage::Running {
        t = s.next_deadline().unwrap();
        fx.extend(s.tick(t));
    }
    fx.extend(s.update(Input::Answer(CheckIn::Same), t));
    assert_eq!(s.stage(), Stage::Completed);
    let completed = fx
        .iter()
        .filter(|e| matches!(e, Effect::Record(Event::StepCompleted { .. })))
        .count();
    assert_eq!(completed, 2, "one per technique");
    let tally = s.tally(t);
    assert_eq!((tally.done, tally.skipped, tally.total), (2, 0, 2));
    assert!(fx.contains(&Effect::Record(Event::Tally(tally))));
    let summary = match s.view(t).stage {
        crate::session::StageView::Completed(summary) => summary,
        other => panic!("{other:?}"),
    };
    assert_eq!((summary.steps_done, summary.steps_skipped), (2, 0));
    assert_eq!(summary.elapsed_secs, tally.active.as_secs());
}
