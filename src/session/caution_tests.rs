//! The warning before a technique that went wrong last time: it asks on
//! the preparation, a key decides at once, the end of the preparation
//! decides each side's default; the step is expanded again for the sides
//! left and their lengths; the stop stays one key away throughout.

use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::*;
use crate::routine::{Kind, load_str};
use crate::tolerance::{DAY_MS, Key, Records, Run, advise};
use crate::vocab::Trouble;

const NOW: i64 = 1_709_467_200_000;

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// prepare 5s · hold 45s left · switch 10s · hold 45s right · [check-in]
/// · rest 15s · prepare 5s · warm-up 2m · [check-in]
fn routine(extra: &str) -> Routine {
    load_str(
        &format!(
            r#"
name = "r"
summary = "t"
[defaults]
prepare = "5s"
rest = "15s"
switch = "10s"
[[steps]]
id = "ball"
title = "Ball hold"
kind = "hold"
duration = "45s"
sides = "both"
{extra}
[[steps]]
id = "rub"
title = "Rub"
kind = "warm-up"
duration = "2m"
"#
        ),
        "r.toml",
    )
    .unwrap()
}

/// Records where `step` went wrong on `sides`, `times` sessions in a row.
fn records(step: &str, sides: &[Option<Side>], trouble: Trouble, times: usize) -> Records {
    let mut r = Records::new();
    for &side in sides {
        r.entry(Key {
            routine: "r".into(),
            step: step.into(),
            side,
        })
        .runs = (0..times)
            .map(|i| Run {
                at_ms: NOW - (i as i64 + 1) * DAY_MS,
                trouble: Some(trouble),
                done: true,
                as_written: true,
            })
            .collect();
    }
    r
}

fn start(routine: Routine, records: &Records) -> (Session, Instant, Vec<Effect>) {
    let t0 = Instant::now();
    let advice = advise(records, &routine, None, NOW);
    let (s, fx) = Session::start_with(Cleared::for_session_tests(routine), None, None, advice, t0);
    (s, t0, fx)
}

/// The first preparation's length: the routine's 5 s, grown to fit what
/// is said in it (the title and, with a warning, the warning).
fn prep(s: &Session) -> Duration {
    s.plan().segments[0].planned
}

fn both() -> [Option<Side>; 2] {
    [Some(Side::Left), Some(Side::Right)]
}

fn chosen(fx: &[Effect]) -> Vec<(Option<Side>, Choice, ChosenBy, Duration)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Record(Event::Chose {
                side,
                choice,
                by,
                planned,
                ..
            }) => Some((*side, *choice, *by, *planned)),
            _ => None,
        })
        .collect()
}

fn says(fx: &[Effect]) -> Vec<String> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Say(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

/// (kind, side, seconds) of the segments of step 0.
fn step0(s: &Session) -> Vec<(SegmentKind, Option<Side>, u64)> {
    s.plan()
        .segments
        .iter()
        .filter(|g| g.step == 0)
        .map(|g| (g.kind, g.side, g.planned.as_secs()))
        .collect()
}

#[test]
fn without_a_warning_nothing_changes() {
    let r = routine("");
    let (s, _, fx) = start(r.clone(), &Records::new());
    assert_eq!(s.plan(), &Plan::new(&r, None));
    assert!(s.asking().is_none());
    assert_eq!(says(&fx), ["Ball hold"]);
}

#[test]
fn the_warning_asks_and_with_no_answer_the_hold_is_shorter() {
    let (mut s, t0, fx) = start(routine(""), &records("ball", &both(), Trouble::Sharper, 1));
    assert!(s.asking().is_some());
    assert_eq!(
        says(&fx),
        // One utterance: a second would cut the first short.
        [
            "Ball hold. Last time this hold made the pain sharper. It will be shorter unless you choose."
        ]
    );
    let v = s.view(t0);
    assert!(v.asking());
    assert_eq!(v.prompt.as_ref().map(|p| p.advice.sides.len()), Some(2));
    // The preparation ends: each side's default, recorded with its reason.
    let fx = s.tick(t0 + prep(&s));
    assert_eq!(
        chosen(&fx),
        [
            (
                Some(Side::Left),
                Choice::Shorter,
                ChosenBy::NoAnswer,
                secs(30)
            ),
            (
                Some(Side::Right),
                Choice::Shorter,
                ChosenBy::NoAnswer,
                secs(30)
            ),
        ]
    );
    assert_eq!(says(&fx), ["A shorter hold: 30 seconds."]);
    let Some(Effect::Record(Event::Chose { why, .. })) = fx
        .iter()
        .find(|e| matches!(e, Effect::Record(Event::Chose { .. })))
    else {
        unreachable!()
    };
    assert_eq!(
        (why.trouble, why.in_a_row, why.at_ms),
        (Trouble::Sharper, 1, NOW - DAY_MS)
    );
    use SegmentKind::*;
    let (l, r) = (Some(Side::Left), Some(Side::Right));
    assert_eq!(
        step0(&s),
        [
            (Prepare, l, prep(&s).as_secs()),
            (Active(Kind::Hold), l, 30),
            (SwitchSides, r, 10),
            (Active(Kind::Hold), r, 30),
            (Rest, None, 15)
        ]
    );
    let v = s.view(t0 + prep(&s));
    assert!(v.shortened && !v.asking());
    assert_eq!(v.remaining_secs, 30);
    assert!(s.asking().is_none());
    // The check-in still follows the technique.
    s.tick(t0 + prep(&s) + secs(30 + 10 + 30));
    assert_eq!(s.stage(), Stage::CheckIn);
}

#[test]
fn a_key_decides_at_once_and_skip_leaves_the_step_out() {
    let (mut s, t0, _) = start(routine(""), &records("ball", &both(), Trouble::Stopped, 1));
    let t = t0 + secs(2);
    let fx = s.update(Input::Choose(Choice::Skip), t);
    assert_eq!(
        chosen(&fx),
        [
            (
                Some(Side::Left),
                Choice::Skip,
                ChosenBy::Key,
                Duration::ZERO
            ),
            (
                Some(Side::Right),
                Choice::Skip,
                ChosenBy::Key,
                Duration::ZERO
            ),
        ]
    );
    assert_eq!(says(&fx)[0], "Skipped today.");
    // Nothing is left of it: on to the next step's preparation at once,
    // with no check-in and no rest for a step not done.
    assert_eq!(
        step0(&s),
        [(SegmentKind::Prepare, Some(Side::Left), prep(&s).as_secs())]
    );
    assert_eq!(s.current().step, 1);
    assert_eq!(s.current().kind, SegmentKind::Prepare);
    assert!(fx.contains(&Effect::Record(Event::StepStarted {
        step: 1,
        id: "rub".into()
    })));
    assert!(
        !fx.iter()
            .any(|e| matches!(e, Effect::Record(Event::CheckIn { .. })))
    );
}

#[test]
fn skipping_one_side_keeps_the_other() {
    let (mut s, t0, _) = start(
        routine(""),
        &records("ball", &[Some(Side::Left)], Trouble::Sharper, 1),
    );
    let v = s.view(t0);
    assert!(!v.prompt.as_ref().unwrap().advice.every_side);
    let fx = s.update(Input::Choose(Choice::Skip), t0 + secs(1));
    assert_eq!(chosen(&fx).len(), 1, "only the left side was warned about");
    // The preparation goes on, now for the right side.
    use SegmentKind::*;
    let r = Some(Side::Right);
    assert_eq!(
        step0(&s),
        [
            (Prepare, r, prep(&s).as_secs()),
            (Active(Kind::Hold), r, 45),
            (Rest, None, 15)
        ]
    );
    assert_eq!(s.current().kind, Prepare);
    assert_eq!(s.view(t0 + secs(1)).side, r);
    assert!(
        s.plan().segments[1].check_in_after,
        "a check-in after the right side"
    );
    let fx = s.tick(t0 + prep(&s));
    assert!(fx.contains(&Effect::Record(Event::SideStarted {
        step: 0,
        id: "ball".into(),
        side: Side::Right
    })));
}

#[test]
fn twice_in_a_row_skips_by_default_and_a_key_does_it_anyway() {
    let rec = records("ball", &both(), Trouble::Spreading, 2);
    let (mut s, t0, fx) = start(routine(""), &rec);
    assert!(says(&fx)[0].ends_with("It will be skipped unless you choose."));
    let before = s.plan().clone();
    let fx = s.update(Input::Choose(Choice::AsWritten), t0 + secs(1));
    assert_eq!(
        chosen(&fx),
        [
            (Some(Side::Left), Choice::AsWritten, ChosenBy::Key, secs(45)),
            (
                Some(Side::Right),
                Choice::AsWritten,
                ChosenBy::Key,
                secs(45)
            ),
        ]
    );
    assert!(says(&fx).is_empty(), "as written needs no words");
    assert_eq!(s.plan(), &before, "as written: the plan as it was");
    // And with no answer it is skipped.
    let (mut s, t0, _) = start(routine(""), &rec);
    let fx = s.tick(t0 + prep(&s));
    assert!(
        chosen(&fx)
            .iter()
            .all(|c| c.1 == Choice::Skip && c.2 == ChosenBy::NoAnswer)
    );
    assert_eq!(s.current().step, 1);
}

#[test]
fn leaving_out_the_last_step_completes_the_session() {
    let (mut s, t0, _) = start(routine(""), &records("rub", &[None], Trouble::Sharper, 2));
    // Through the first step.
    s.tick(t0 + secs(5 + 45 + 10 + 45));
    s.update(Input::Answer(CheckIn::Better), t0 + secs(105));
    s.tick(t0 + secs(120));
    assert_eq!(
        (s.current().step, s.current().kind),
        (1, SegmentKind::Prepare)
    );
    assert!(s.asking().is_some());
    // Its preparation, grown to fit the warning.
    let end = t0 + secs(120) + s.planned();
    let fx = s.tick(end);
    assert!(fx.contains(&Effect::Finished(Outcome::Completed)), "{fx:?}");
    assert_eq!(s.stage(), Stage::Completed);
    let StageView::Completed(summary) = s.view(end).stage else {
        unreachable!()
    };
    assert_eq!((summary.steps_done, summary.steps_total), (1, 2));
    assert_eq!(
        s.highlights(),
        [
            Highlight::Well {
                title: "Ball hold".into(),
                answer: CheckIn::Better
            },
            Highlight::Careful {
                title: "Rub".into(),
                side: None,
                choice: Choice::Skip,
                trouble: Trouble::Sharper
            }
        ]
    );
}

#[test]
fn a_warned_step_without_a_preparation_gets_one() {
    let r = routine("prepare = \"0s\"");
    let (s, t0, _) = start(r.clone(), &records("ball", &both(), Trouble::Sharper, 1));
    assert_eq!(s.current().kind, SegmentKind::Prepare);
    assert_eq!(s.planned(), WARNING_PREPARE);
    assert!(s.view(t0).asking());
    // Without a warning the routine runs as written: no preparation.
    let (s, _, _) = start(r, &Records::new());
    assert_eq!(s.current().kind, SegmentKind::Active(Kind::Hold));
}

#[test]
fn next_takes_the_default_stop_records_no_choice_and_back_does_not_ask_again() {
    let rec = records("ball", &both(), Trouble::Sharper, 1);
    let (mut s, t0, _) = start(routine(""), &rec);
    let fx = s.update(Input::Next, t0 + secs(1));
    assert_eq!(chosen(&fx).len(), 2);
    assert!(chosen(&fx).iter().all(|c| c.1 == Choice::Shorter));
    // Back to the preparation: decided, it shows what was chosen.
    s.update(Input::Back, t0 + secs(2));
    assert_eq!(s.current().kind, SegmentKind::Prepare);
    assert!(s.asking().is_none());
    let v = s.view(t0 + secs(2));
    assert!(v.prompt.as_ref().is_some_and(|p| p.decided.is_some()) && !v.asking());
    assert!(chosen(&s.update(Input::Choose(Choice::Skip), t0 + secs(3))).is_empty());

    let (mut s, t0, _) = start(routine(""), &rec);
    let fx = s.update(Input::Stop, t0 + secs(1));
    assert!(chosen(&fx).is_empty());
    assert_eq!(s.stage(), Stage::Stopped(StopReason::PainWorse));
}

#[test]
fn each_side_started_is_recorded() {
    let (mut s, t0, _) = start(routine(""), &Records::new());
    let mut fx = s.tick(t0 + prep(&s));
    fx.extend(s.tick(t0 + secs(60)));
    let sides: Vec<Side> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Record(Event::SideStarted { side, .. }) => Some(*side),
            _ => None,
        })
        .collect();
    assert_eq!(sides, [Side::Left, Side::Right]);
    // A step without sides records none.
    s.tick(t0 + secs(105));
    s.update(Input::Answer(CheckIn::Same), t0 + secs(105));
    let fx = s.tick(t0 + secs(125));
    assert!(
        !fx.iter()
            .any(|e| matches!(e, Effect::Record(Event::SideStarted { .. })))
    );
}

// ------------------------------------------------------------ properties

fn command() -> impl Strategy<Value = Input> {
    prop_oneof![
        Just(Input::TogglePause),
        Just(Input::Next),
        Just(Input::Back),
        Just(Input::Lengthen),
        Just(Input::Shorten),
        Just(Input::ToggleHelp),
        Just(Input::Escape),
        Just(Input::Quit),
        Just(Input::No),
        prop::sample::select(Choice::ALL.to_vec()).prop_map(Input::Choose),
        prop::sample::select(CheckIn::ALL.to_vec()).prop_map(Input::Answer),
    ]
}

fn warned() -> impl Strategy<Value = (usize, usize, usize)> {
    // Which step, which sides (0 left, 1 right, 2 both, 3 unknown), how
    // many times in a row.
    (0usize..2, 0usize..4, 1usize..4)
}

fn sides_of(which: usize, step: usize) -> Vec<Option<Side>> {
    if step == 1 {
        return vec![None];
    }
    match which {
        0 => vec![Some(Side::Left)],
        1 => vec![Some(Side::Right)],
        2 => both().to_vec(),
        _ => vec![None],
    }
}

proptest! {
    #[test]
    fn the_stop_stays_one_key_away_and_holds_stay_within_bounds(
        (step, which, times) in warned(),
        prepare0 in any::<bool>(),
        run in prop::collection::vec((0u64..20_000, prop::option::of(command())), 0..80),
    ) {
        let id = ["ball", "rub"][step];
        let rec = records(id, &sides_of(which, step), Trouble::Sharper, times);
        let r = routine(if prepare0 { "prepare = \"0s\"" } else { "" });
        let written = Plan::new(&r, None);
        let (mut s, t0, _) = start(r, &rec);
        let mut t = t0;
        for (wait, cmd) in run {
            t += Duration::from_millis(wait);
            s.tick(t);
            if let Some(c) = cmd {
                s.update(c, t);
            }
            prop_assert!(s.remaining(t) <= s.planned());
            // Every countdown in the plan: within its kind's bounds, never
            // longer than written.
            for seg in &s.plan().segments {
                if let SegmentKind::Active(kind) = seg.kind {
                    let (least, most) = kind.bounds();
                    let max = written
                        .segments
                        .iter()
                        .filter(|w| w.step == seg.step && w.is_active())
                        .map(|w| w.planned)
                        .max()
                        .unwrap();
                    prop_assert!(seg.planned >= least && seg.planned <= max.min(most));
                }
            }
            // When the warning asks, the stop is still one key away.
            if s.asking().is_some() {
                let mut probe = s.clone();
                probe.update(Input::Stop, t);
                prop_assert!(matches!(probe.stage(), Stage::Stopped(_)));
            }
            if s.stage() == Stage::Quit {
                return Ok(());
            }
        }
        let _ = s.view(t);
        if !matches!(s.stage(), Stage::Stopped(_)) {
            s.update(Input::Stop, t);
            prop_assert!(matches!(s.stage(), Stage::Stopped(_)));
        }
    }
}
