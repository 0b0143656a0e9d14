//! The fold from events to per-technique records: sessions played by the
//! real state machine (so the fold reads what a session writes), history
//! from before sides were recorded, and the round trip through the store.

use std::time::{Duration, Instant};

use super::*;
use crate::history::{FinishedSession, SessionMeta};
use crate::routine::{Routine, load_str};
use crate::safety::Cleared;
use crate::session::Session;
use crate::tolerance::{Record, WINDOW_MS, advise};
use crate::vocab::{ChosenBy, Effect, Input};

/// 2024-03-03 12:00 UTC.
const T0: i64 = 1_709_467_200_000;

fn routine(check_in: &str) -> Routine {
    load_str(
        &format!(
            r#"
name = "r"
summary = "t"
[defaults]
prepare = "5s"
rest = "0s"
switch = "5s"
[[steps]]
id = "ball"
title = "Ball hold"
kind = "hold"
duration = "30s"
sides = "both"
{check_in}
[[steps]]
id = "rub"
title = "Rub"
kind = "warm-up"
duration = "1m"
"#
        ),
        "r.toml",
    )
    .unwrap()
}

/// Play a session of `routine` starting at `start_ms`: at each (second,
/// input), tick to that second and give the input. Returns the events it
/// asked to record, stamped with their time.
fn play(routine: &Routine, start_ms: i64, script: &[(u64, Option<Input>)]) -> Vec<StoredEvent> {
    play_with(routine, &Records::new(), start_ms, script)
}

fn row(id: i64, started_ms: i64) -> SessionRow {
    SessionRow {
        id,
        started_ms,
        ended_ms: None,
        utc_offset_s: 3600,
        routine: "r".into(),
        routine_hash: "h".into(),
        asked_routine: "r".into(),
        asked_hash: "h".into(),
        side: None,
        outcome: crate::history::Outcome::Completed,
        screening: None,
        pain_before: None,
        extent_before: None,
        pain_after: None,
        extent_after: None,
        active_ms: None,
        steps_completed: 0,
        steps_skipped: 0,
        steps_total: None,
    }
}

/// Fold sessions given as event lists, the n-th starting n days after T0.
fn fold(sessions: &[Vec<StoredEvent>]) -> Records {
    let rows: Vec<SessionRow> = (0..sessions.len())
        .map(|i| row(i as i64 + 1, T0 + i as i64 * DAY_MS))
        .collect();
    let mut f = Fold::new(&rows);
    for (i, evs) in sessions.iter().enumerate() {
        for ev in evs {
            f.event(i as i64 + 1, ev);
        }
    }
    f.finish()
}

fn get<'a>(r: &'a Records, step: &str, side: Option<Side>) -> &'a Record {
    r.get("r", step, side)
        .unwrap_or_else(|| panic!("no record of {step} {side:?} in {r:#?}"))
}

const DAY_MS: i64 = crate::tolerance::DAY_MS;
const L: Option<Side> = Some(Side::Left);
const R: Option<Side> = Some(Side::Right);

fn answer(a: CheckIn) -> Option<Input> {
    Some(Input::Answer(a))
}

/// Through both sides of the ball hold to its check-in (at 70 s).
fn to_check_in() -> Vec<(u64, Option<Input>)> {
    vec![(70, None)]
}

#[test]
fn a_check_in_after_both_sides_counts_for_each() {
    let mut script = to_check_in();
    script.push((70, answer(CheckIn::Sharper)));
    let r = fold(&[play(&routine(""), T0, &script)]);
    for side in [L, R] {
        let x = get(&r, "ball", side);
        assert_eq!(x.answered(CheckIn::Sharper).count, 1, "{side:?}");
        assert_eq!(x.done.count, 1);
        assert_eq!(x.stops.count, 0, "the check-in's stop is not counted twice");
        assert_eq!(
            x.runs,
            [Run {
                at_ms: T0 + 70_000,
                trouble: Some(Trouble::Sharper),
                done: true,
                as_written: true
            }]
        );
        assert_eq!(
            x.answered(CheckIn::Sharper).last,
            Some(When {
                ms: T0 + 70_000,
                offset_s: 3600
            })
        );
    }
    assert!(r.get("r", "ball", None).is_none());
    assert!(r.get("r", "rub", None).is_none(), "never reached");
}

#[test]
fn a_check_in_after_each_side_counts_for_that_side() {
    let script = [
        (35, None),
        (35, answer(CheckIn::Better)),
        (70, None),
        (70, answer(CheckIn::Spreading)),
    ];
    let r = fold(&[play(
        &routine("check_in = \"after-each-side\""),
        T0,
        &script,
    )]);
    let (l, rt) = (get(&r, "ball", L), get(&r, "ball", R));
    assert_eq!(
        (
            l.answered(CheckIn::Better).count,
            l.answered(CheckIn::Spreading).count
        ),
        (1, 0)
    );
    assert_eq!(
        (
            rt.answered(CheckIn::Better).count,
            rt.answered(CheckIn::Spreading).count
        ),
        (0, 1)
    );
    assert_eq!(l.runs[0].trouble, None);
    assert_eq!(rt.runs[0].trouble, Some(Trouble::Spreading));
}

#[test]
fn a_stop_counts_for_the_side_counting_down() {
    // The stop key during the right side's hold (prepare 5 + 30 + switch 5).
    let r = fold(&[play(&routine(""), T0, &[(50, Some(Input::Stop))])]);
    let rt = get(&r, "ball", R);
    assert_eq!(rt.stops.count, 1);
    assert_eq!(rt.runs[0].trouble, Some(Trouble::Stopped));
    assert!(!rt.runs[0].done);
    assert!(
        r.get("r", "ball", L).is_none(),
        "the left side never got its check-in"
    );
}

#[test]
fn a_stop_before_the_countdown_counts_for_the_step_on_either_side() {
    let r = fold(&[play(&routine(""), T0, &[(2, Some(Input::Stop))])]);
    assert_eq!(get(&r, "ball", None).stops.count, 1);
    for side in [L, R] {
        let merged = r.for_side("r", "ball", side);
        assert_eq!(merged.stops.count, 1);
    }
}

#[test]
fn a_side_skipped_with_next_is_not_done() {
    let script = [
        (10, Some(Input::Next)),
        (45, None),
        (45, answer(CheckIn::Same)),
    ];
    let r = fold(&[play(&routine(""), T0, &script)]);
    let (l, rt) = (get(&r, "ball", L), get(&r, "ball", R));
    assert_eq!((l.done.count, rt.done.count), (0, 1));
    assert_eq!(l.answered(CheckIn::Same).count, 1);
    assert!(!l.runs[0].done && rt.runs[0].done);
}

#[test]
fn history_without_sides_reads_as_the_step_on_either_side() {
    // As an unknot from before `side-started` wrote it.
    let ev = |s: i64, e: Event| StoredEvent {
        at_ms: T0 + s * 1000,
        entry: Entry::Session(e),
    };
    let old = vec![
        ev(
            0,
            Event::StepStarted {
                step: 0,
                id: "ball".into(),
            },
        ),
        ev(
            70,
            Event::StepCompleted {
                step: 0,
                id: "ball".into(),
            },
        ),
        ev(
            72,
            Event::CheckIn {
                step: 0,
                answer: CheckIn::Sharper,
            },
        ),
        ev(72, Event::Ended(Outcome::Stopped(StopReason::Sharper))),
    ];
    let r = fold(&[old]);
    let x = get(&r, "ball", None);
    assert_eq!(x.answered(CheckIn::Sharper).count, 1);
    assert_eq!(r.len(), 1);
    // Either side is warned about next time.
    let advice = advise(&r, &routine(""), None, T0 + DAY_MS);
    assert_eq!(advice[0].as_ref().map(|a| a.sides.len()), Some(2));
}

#[test]
fn choices_are_counted_and_a_shortened_run_is_not_as_written() {
    let r = routine("");
    let first = play(&r, T0, &[(70, None), (70, answer(CheckIn::Sharper))]);
    let so_far = fold(std::slice::from_ref(&first));
    // The next day: the warning times out, both sides a shorter hold (20 s
    // each, so the check-in comes at 5 + 20 + 5 + 20 = 50 s), and it goes well.
    let second = play_with(
        &r,
        &so_far,
        T0 + DAY_MS,
        &[(50, None), (50, answer(CheckIn::Better))],
    );
    let chose: Vec<_> = second
        .iter()
        .filter_map(|e| match &e.entry {
            Entry::Session(Event::Chose {
                side, choice, by, ..
            }) => Some((*side, *choice, *by)),
            _ => None,
        })
        .collect();
    assert_eq!(
        chose,
        [
            (L, Choice::Shorter, ChosenBy::NoAnswer),
            (R, Choice::Shorter, ChosenBy::NoAnswer)
        ]
    );
    let two = fold(&[first.clone(), second.clone()]);
    let l = get(&two, "ball", L);
    assert_eq!((l.shortened.count, l.skipped.count), (1, 0));
    assert_eq!(l.runs.len(), 2);
    assert!(l.runs[1].done && !l.runs[1].as_written && l.runs[1].trouble.is_none());
    // Went well shortened, not as written: still warned about, shorter,
    // and the warning says when it went wrong, not "last time".
    let advice = advise(&two, &r, None, T0 + 2 * DAY_MS);
    let a = advice[0].as_ref().unwrap();
    assert_eq!(a.sides[0].advice.why.in_a_row, 0);
    assert_eq!(a.sides[0].advice.default, Choice::Shorter);
    // The third day the person skips it: counted, and no run.
    let third = play_with(
        &r,
        &two,
        T0 + 2 * DAY_MS,
        &[(1, Some(Input::Choose(Choice::Skip)))],
    );
    let three = fold(&[first, second, third]);
    let l = get(&three, "ball", L);
    assert_eq!(
        (l.shortened.count, l.skipped.count, l.runs.len()),
        (1, 1, 2)
    );
}

/// [`play`] with the warnings `records` give at `start_ms`.
fn play_with(
    routine: &Routine,
    records: &Records,
    start_ms: i64,
    script: &[(u64, Option<Input>)],
) -> Vec<StoredEvent> {
    let t0 = Instant::now();
    let advice = advise(records, routine, None, start_ms);
    // Cues only: nothing spoken, so no preparation grows and the script's
    // seconds are the routine's.
    let (mut s, fx) = Session::start_guided(
        Cleared::for_session_tests(routine.clone()),
        None,
        None,
        advice,
        crate::session::Guidance::Cues,
        t0,
    );
    let stamp = |fx: Vec<Effect>, at: u64| {
        fx.into_iter().filter_map(move |e| match e {
            Effect::Record(ev) => Some(StoredEvent {
                at_ms: start_ms + at as i64 * 1000,
                entry: Entry::Session(ev),
            }),
            _ => None,
        })
    };
    let mut out: Vec<StoredEvent> = stamp(fx, 0).collect();
    for &(at, input) in script {
        let t = t0 + Duration::from_secs(at);
        out.extend(stamp(s.tick(t), at));
        if let Some(i) = input {
            out.extend(stamp(s.update(i, t), at));
        }
    }
    out
}

#[test]
fn a_stop_after_the_last_check_in_counts_for_none() {
    let script = [
        (70, None),
        (70, answer(CheckIn::Better)),
        (150, None),
        (150, answer(CheckIn::Better)),
    ];
    let mut evs = play(&routine(""), T0, &script);
    evs.push(StoredEvent {
        at_ms: T0 + 200_000,
        entry: Entry::Session(Event::LateStop(StopReason::PainWorse)),
    });
    let r = fold(&[evs]);
    assert_eq!(get(&r, "rub", None).stops.count, 0);
    assert_eq!(get(&r, "rub", None).done.count, 1);
    assert!(r.iter().all(|(_, x)| x.stops.count == 0));
}

#[test]
fn the_store_round_trip_gives_the_same_records() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let sessions = [
        play(
            &routine(""),
            T0,
            &[(70, None), (70, answer(CheckIn::Sharper))],
        ),
        play(&routine(""), T0 + DAY_MS, &[(50, Some(Input::Stop))]),
    ];
    let finished = sessions.iter().enumerate().map(|(i, evs)| FinishedSession {
        meta: SessionMeta {
            started_ms: T0 + i as i64 * DAY_MS,
            utc_offset_s: 3600,
            routine: "r".into(),
            routine_hash: "h".into(),
            side: None,
        },
        owner: "test".into(),
        ended_ms: T0 + i as i64 * DAY_MS + 100_000,
        outcome: crate::history::Outcome::Completed,
        pain_before: None,
        extent_before: None,
        pain_after: None,
        extent_after: None,
        events: evs.clone(),
    });
    store.import(finished).unwrap();
    let read = load_recent(&store, T0 + 2 * DAY_MS, WINDOW_MS).unwrap();
    assert_eq!(read, fold(&sessions));
    // Twice in a row on the right side (sharper, then stopped): skipped by
    // default; once on the left: shorter.
    let advice = advise(&read, &routine(""), None, T0 + 2 * DAY_MS);
    let a = advice[0].as_ref().unwrap();
    let by_side: Vec<_> = a.sides.iter().map(|s| (s.side, s.advice.default)).collect();
    assert_eq!(by_side, [(L, Choice::Shorter), (R, Choice::Skip)]);
    // Fifteen days on, nothing is remembered.
    let later = load_recent(&store, T0 + 16 * DAY_MS, WINDOW_MS).unwrap();
    assert!(later.is_empty());
    let all = load(&store, &store.sessions(None).unwrap()).unwrap();
    assert_eq!(all, read);
}

#[test]
fn each_answer_through_the_fold_to_the_decision() {
    // A session answering `answer` after the ball hold, then the next day:
    // warned about exactly when the answer stops a session.
    for answer in CheckIn::ALL {
        let evs = play(
            &routine(""),
            T0,
            &[(70, None), (70, Some(Input::Answer(answer)))],
        );
        let advice = advise(&fold(&[evs]), &routine(""), None, T0 + DAY_MS);
        assert_eq!(advice[0].is_some(), answer.stops(), "{answer:?}");
        if let Some(a) = &advice[0] {
            let trouble = if answer == CheckIn::Sharper {
                Trouble::Sharper
            } else {
                Trouble::Spreading
            };
            assert!(a.every_side, "an answer after both sides warns about both");
            assert!(a.sides.iter().all(|s| s.advice.why.trouble == trouble));
        }
    }
}
