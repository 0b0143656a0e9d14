//! The decision table: each answer, each age, both sides, repeats; the
//! words; and properties: a countdown is never shortened below the
//! shortest its kind allows, nor lengthened.

use std::time::Duration;

use proptest::prelude::*;

use super::*;
use crate::routine::{Kind, Routine, Side, Step, load_str};
use crate::vocab::{CheckIn, Choice, Trouble, Why};

const NOW: i64 = 1_709_467_200_000;
const HOUR: i64 = 3_600_000;

fn routine() -> Routine {
    load_str(
        r#"
name = "r"
summary = "t"
[[steps]]
id = "ball"
title = "Ball hold"
kind = "hold"
duration = "45s"
sides = "both"
[[steps]]
id = "rub"
title = "Rub"
kind = "warm-up"
duration = "5m"
"#,
        "r.toml",
    )
    .unwrap()
}

fn hold() -> Step {
    routine().steps[0].clone()
}

/// A run `days_ago` days before NOW.
fn run(days_ago: f64, trouble: Option<Trouble>, as_written: bool) -> Run {
    Run {
        at_ms: NOW - (days_ago * DAY_MS as f64) as i64,
        trouble,
        done: true,
        as_written,
    }
}

fn record(runs: Vec<Run>) -> Record {
    Record {
        runs,
        ..Record::default()
    }
}

fn decide_runs(runs: Vec<Run>) -> Option<Advice> {
    decide(&record(runs), &hold(), NOW)
}

#[test]
fn nothing_known_or_nothing_wrong_means_no_warning() {
    assert_eq!(decide_runs(vec![]), None);
    let fine = vec![run(1.0, None, true), run(0.5, None, true)];
    assert_eq!(decide_runs(fine), None);
}

#[test]
fn each_answer_that_went_wrong_warns_and_shortens() {
    for trouble in Trouble::ALL {
        let a = decide_runs(vec![run(2.0, None, true), run(1.0, Some(trouble), true)]).unwrap();
        assert_eq!(
            a.why,
            Why {
                trouble,
                in_a_row: 1,
                at_ms: NOW - DAY_MS
            }
        );
        assert_eq!(a.default, Choice::Shorter, "{trouble:?}");
        assert_eq!(a.days_ago, 1);
        assert_eq!((a.written, a.shorter), (secs(45), secs(30)));
    }
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[test]
fn each_age_within_fourteen_days_counts_and_older_does_not() {
    for (days, warned) in [
        (0.0, true),
        (0.99, true),
        (1.0, true),
        (7.0, true),
        (13.9, true),
        (14.0, true),
        (14.01, false),
        (30.0, false),
    ] {
        let a = decide_runs(vec![run(days, Some(Trouble::Sharper), true)]);
        assert_eq!(a.is_some(), warned, "{days} days ago");
        if let Some(a) = a {
            assert_eq!(a.days_ago, days as u32, "{days}");
        }
    }
    // A run from the future (a clock set back) counts as recent.
    let ahead = decide_runs(vec![run(-1.0, Some(Trouble::Sharper), true)]).unwrap();
    assert_eq!(ahead.days_ago, 0);
}

#[test]
fn two_in_a_row_skip_by_default_and_three_say_three() {
    let two = decide_runs(vec![
        run(3.0, Some(Trouble::Stopped), true),
        run(1.0, Some(Trouble::Sharper), false),
    ])
    .unwrap();
    assert_eq!((two.default, two.why.in_a_row), (Choice::Skip, 2));
    assert_eq!(two.why.trouble, Trouble::Sharper, "the latest trouble");
    let three = decide_runs(vec![
        run(5.0, Some(Trouble::Spreading), true),
        run(3.0, Some(Trouble::Stopped), true),
        run(1.0, Some(Trouble::Sharper), false),
    ])
    .unwrap();
    assert_eq!((three.default, three.why.in_a_row), (Choice::Skip, 3));
    // Not in a row: a run between them went well.
    let apart = decide_runs(vec![
        run(5.0, Some(Trouble::Sharper), true),
        run(3.0, None, false),
        run(1.0, Some(Trouble::Sharper), true),
    ])
    .unwrap();
    assert_eq!((apart.default, apart.why.in_a_row), (Choice::Shorter, 1));
    // The older of two falls out of the window: one in a row.
    let old = decide_runs(vec![
        run(20.0, Some(Trouble::Sharper), true),
        run(1.0, Some(Trouble::Sharper), true),
    ])
    .unwrap();
    assert_eq!((old.default, old.why.in_a_row), (Choice::Shorter, 1));
}

#[test]
fn tolerated_again_only_when_done_as_written_without_trouble() {
    let bad = run(3.0, Some(Trouble::Sharper), true);
    // Done as written since, and it went well: no warning.
    assert_eq!(decide_runs(vec![bad, run(1.0, None, true)]), None);
    // Only a shortened run went well since: still warned, shorter, and
    // the warning says when (not "last time").
    let a = decide_runs(vec![bad, run(1.0, None, false)]).unwrap();
    assert_eq!(
        (a.default, a.why.in_a_row, a.days_ago),
        (Choice::Shorter, 0, 3)
    );
    // A run that was skipped with `n` proves nothing.
    let skipped = Run {
        done: false,
        ..run(1.0, None, true)
    };
    assert!(decide_runs(vec![bad, skipped]).is_some());
}

#[test]
fn shorter_is_a_third_less_within_the_bounds() {
    assert_eq!(shorter(secs(45), Kind::Hold), secs(30));
    assert_eq!(shorter(secs(40), Kind::Hold), secs(27), "26.7 s rounds up");
    assert_eq!(shorter(secs(12), Kind::Hold), secs(10), "never below 10 s");
    assert_eq!(shorter(secs(10), Kind::Hold), secs(10));
    assert_eq!(shorter(secs(300), Kind::WarmUp), secs(200));
    assert_eq!(shorter(secs(70), Kind::WarmUp), secs(60), "warm-ups: 1 min");
    // Below the bound already (not a checked routine): left as it is.
    assert_eq!(shorter(secs(5), Kind::Hold), secs(5));
}

fn records_with(side: Option<Side>, runs: Vec<Run>) -> Records {
    let mut r = Records::new();
    r.entry(Key {
        routine: "r".into(),
        step: "ball".into(),
        side,
    })
    .runs = runs;
    r
}

#[test]
fn both_sides_are_judged_apart() {
    let routine = routine();
    let bad = vec![run(1.0, Some(Trouble::Stopped), true)];
    // Trouble on the left only: the warning concerns the left side.
    let advice = advise(
        &records_with(Some(Side::Left), bad.clone()),
        &routine,
        None,
        NOW,
    );
    let a = advice[0].as_ref().unwrap();
    assert_eq!(a.sides.len(), 1);
    assert_eq!(a.sides[0].side, Some(Side::Left));
    assert!(!a.every_side);
    assert_eq!(advice[1], None, "the warm-up has no record");
    // Only the right side is done today: nothing to say.
    let mut one_sided = routine.clone();
    one_sided.steps[0].sides = crate::routine::Sides::Right;
    let none = advise(
        &records_with(Some(Side::Left), bad.clone()),
        &one_sided,
        None,
        NOW,
    );
    assert_eq!(none[0], None);
    // A record without a side (old history, a stop before the countdown)
    // stands for either side.
    let both = advise(&records_with(None, bad), &routine, Some(Side::Right), NOW);
    let b = both[0].as_ref().unwrap();
    assert_eq!(
        b.sides.iter().map(|s| s.side).collect::<Vec<_>>(),
        [Some(Side::Right), Some(Side::Left)],
        "in the order they are done: the affected side first"
    );
    assert!(b.every_side);
}

#[test]
fn a_side_merges_its_own_runs_with_the_unknown_ones_in_time_order() {
    let mut r = records_with(None, vec![run(3.0, Some(Trouble::Sharper), true)]);
    r.entry(Key {
        routine: "r".into(),
        step: "ball".into(),
        side: Some(Side::Left),
    })
    .runs = vec![run(1.0, Some(Trouble::Spreading), true)];
    let left = r.for_side("r", "ball", Some(Side::Left));
    assert_eq!(left.runs.len(), 2);
    let a = decide(&left, &hold(), NOW).unwrap();
    assert_eq!((a.why.trouble, a.why.in_a_row), (Trouble::Spreading, 2));
    let right = r.for_side("r", "ball", Some(Side::Right));
    let a = decide(&right, &hold(), NOW).unwrap();
    assert_eq!((a.why.trouble, a.why.in_a_row), (Trouble::Sharper, 1));
}

#[test]
fn seen_keeps_the_count_and_the_latest() {
    let mut s = Seen::default();
    s.add(When { ms: 5, offset_s: 0 });
    s.add(When { ms: 3, offset_s: 0 });
    assert_eq!((s.count, s.last.map(|w| w.ms)), (2, Some(5)));
    let mut r = Record::default();
    r.answer(CheckIn::Sharper, When { ms: 9, offset_s: 0 });
    r.stops.add(When {
        ms: 12,
        offset_s: 0,
    });
    assert_eq!(r.troubles().count, 2);
    assert_eq!(r.troubles().last.map(|w| w.ms), Some(12));
}

fn step_advice(sides: Vec<(Option<Side>, Trouble, u8, Choice)>, every_side: bool) -> StepAdvice {
    StepAdvice {
        kind: Kind::Hold,
        every_side,
        sides: sides
            .into_iter()
            .map(|(side, trouble, in_a_row, default)| SideAdvice {
                side,
                advice: Advice {
                    why: Why {
                        trouble,
                        in_a_row,
                        at_ms: NOW - HOUR,
                    },
                    default,
                    days_ago: 0,
                    written: secs(45),
                    shorter: secs(30),
                },
            })
            .collect(),
    }
}

#[test]
fn the_warning_says_it_plainly() {
    use words::*;
    let once = step_advice(vec![(None, Trouble::Sharper, 1, Choice::Shorter)], true);
    assert_eq!(
        headline(&once, true),
        ["Last time this hold made the pain sharper."]
    );
    assert_eq!(
        if_no_answer(&once, true),
        "With no answer: a shorter hold (0:30) when this countdown ends."
    );
    assert_eq!(
        choice_label(&once, Choice::Shorter, true),
        "Shorter hold, 0:30"
    );
    assert_eq!(
        choice_label(&once, Choice::AsWritten, true),
        "As written, 0:45"
    );
    assert_eq!(
        spoken_warning(&once),
        "Last time this hold made the pain sharper. It will be shorter unless you choose."
    );
    let twice = step_advice(
        vec![(Some(Side::Left), Trouble::Stopped, 2, Choice::Skip)],
        false,
    );
    assert_eq!(
        headline(&twice, true),
        ["The last two times, you stopped the session during this hold on the left side."]
    );
    assert_eq!(
        choice_label(&twice, Choice::AsWritten, true),
        "Do it anyway, as written, 0:45"
    );
    assert_eq!(if_no_answer(&twice, false), "No answer: skipped.");
    assert_eq!(if_no_answer(&once, false), "No answer: shorter, 0:30.");
    assert_eq!(
        headline(&twice, false),
        ["Stopped here twice (left)."],
        "a small window's form"
    );
    let mixed = step_advice(
        vec![
            (Some(Side::Left), Trouble::Sharper, 2, Choice::Skip),
            (Some(Side::Right), Trouble::Spreading, 1, Choice::Shorter),
        ],
        true,
    );
    assert_eq!(
        headline(&mixed, true),
        [
            "Left side: the last two times, this hold made the pain sharper.",
            "Right side: last time this hold made it spread further down the leg."
        ]
    );
    assert_eq!(
        if_no_answer(&mixed, true),
        "With no answer: left skipped, right a shorter hold (0:30) when this countdown ends."
    );
    assert_eq!(
        chosen(&mixed, &mixed.outcome(None)),
        "Chosen: left side skipped, right side a shorter hold (0:30)."
    );
    assert_eq!(
        chosen(&once, &once.outcome(Some(Choice::AsWritten))),
        "Chosen: as written."
    );
    // Short forms fit a 40x12 window's 36 columns.
    for s in [&once, &twice, &mixed] {
        for line in headline(s, false) {
            assert!(line.chars().count() <= 36, "{line:?}");
        }
        assert!(if_no_answer(s, false).chars().count() <= 36);
    }
}

#[test]
fn the_summary_names_a_technique() {
    use words::{Highlight, highlight};
    let well = Highlight::Well {
        title: "Ball hold".into(),
        answer: CheckIn::DrewBack,
    };
    assert_eq!(
        highlight(&well, true),
        "Went well: Ball hold (the pain reached less far after it)."
    );
    let careful = Highlight::Careful {
        title: "Ball hold".into(),
        side: Some(Side::Left),
        choice: Choice::Shorter,
        trouble: Trouble::Sharper,
    };
    assert_eq!(
        highlight(&careful, true),
        "Taken gently: Ball hold (left side) was shortened today, as it made the pain sharper before."
    );
    assert_eq!(
        highlight(&careful, false),
        "Shortened: Ball hold, left side."
    );
}

fn kind() -> impl Strategy<Value = Kind> {
    prop::sample::select(Kind::ALL.to_vec())
}

proptest! {
    #[test]
    fn a_countdown_is_never_shortened_below_its_least_nor_lengthened(
        kind in kind(),
        ms in 0u64..2_000_000,
    ) {
        let planned = Duration::from_millis(ms);
        let s = shorter(planned, kind);
        let (least, _) = kind.bounds();
        prop_assert!(s <= planned, "lengthened: {planned:?} -> {s:?}");
        prop_assert!(s >= least.min(planned), "below the least: {planned:?} -> {s:?}");
    }

    #[test]
    fn advice_never_offers_less_than_the_least_or_more_than_written(
        secs in 10u64..=90,
        troubles in prop::collection::vec(prop::option::of(0usize..3), 0..6),
        ages in prop::collection::vec(0i64..30 * DAY_MS, 0..6),
    ) {
        let mut step = hold();
        step.duration = Duration::from_secs(secs);
        let runs: Vec<Run> = troubles
            .iter()
            .zip(&ages)
            .map(|(t, age)| Run {
                at_ms: NOW - age,
                trouble: t.map(|i| Trouble::ALL[i]),
                done: true,
                as_written: true,
            })
            .collect();
        let mut r = record(runs);
        r.runs.sort_by_key(|r| r.at_ms);
        if let Some(a) = decide(&r, &step, NOW) {
            let (least, _) = Kind::Hold.bounds();
            prop_assert!(a.shorter >= least && a.shorter <= a.written);
            prop_assert_eq!(a.written, step.duration);
            prop_assert!(a.planned(Choice::Skip).is_zero());
            // Skip only after two in a row.
            prop_assert_eq!(a.default == Choice::Skip, a.why.in_a_row >= 2);
        }
    }
}
