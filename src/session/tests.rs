//! State machine tests: synthetic instants (`t0 + d`), never the clock.

use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::*;
use crate::cue::audible;
use crate::routine::{Kind, load_str};
use crate::vocab::Extent;

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn ms(m: u64) -> Duration {
    Duration::from_millis(m)
}

/// prepare 5s · hold 45s left · switch 10s · hold 45s right · [check-in]
/// · rest 15s · prepare 5s · warm-up 5m · [check-in]
fn routine() -> Routine {
    load_str(&routine_text(), "t.toml").unwrap()
}

fn routine_text() -> String {
    String::from(
        r#"
name = "t"
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
[[steps]]
id = "rub"
title = "Rub"
kind = "warm-up"
duration = "5m"
"#,
    )
}

fn start() -> (Session, Instant) {
    let t0 = Instant::now();
    let (s, _) = Session::start(Cleared::for_session_tests(routine()), None, None, t0);
    (s, t0)
}

fn cues(fx: &[Effect]) -> Vec<Cue> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Cue(c) => Some(*c),
            _ => None,
        })
        .collect()
}

#[test]
fn starts_in_prepare_with_its_cue() {
    let t0 = Instant::now();
    let (s, fx) = Session::start(Cleared::for_session_tests(routine()), None, None, t0);
    assert_eq!(s.current().kind, SegmentKind::Prepare);
    assert_eq!(cues(&fx), vec![Cue::Prepare]);
    assert!(fx.contains(&Effect::Say("Ball hold".into())));
    assert!(fx.contains(&Effect::Record(Event::StepStarted {
        step: 0,
        id: "ball".into()
    })));
    assert_eq!(s.remaining(t0), secs(5));
}

#[test]
fn a_caution_is_spoken_once_as_its_step_starts_and_shown_throughout() {
    let mut src = routine_text().replace(
        "duration = \"45s\"",
        "duration = \"45s\"\ncaution = \"Keep off the tailbone.\"",
    );
    let t0 = Instant::now();
    let said = |fx: &[Effect]| -> Vec<String> {
        fx.iter()
            .filter_map(|e| match e {
                Effect::Say(w) => Some(w.clone()),
                _ => None,
            })
            .collect()
    };
    let r = load_str(&src, "t.toml").unwrap();
    let (mut s, fx) = Session::start(Cleared::for_session_tests(r), None, None, t0);
    assert_eq!(said(&fx), ["Ball hold. Keep off the tailbone."]);
    let mut later = Vec::new();
    for at in [5, 50, 60, 105] {
        later.extend(s.tick(t0 + secs(at)));
        assert_eq!(
            s.view(t0 + secs(at)).caution.as_deref(),
            Some("Keep off the tailbone."),
            "at {at} s"
        );
    }
    assert!(said(&later).is_empty(), "said once: {later:?}");
    // Without a preparation, the caution comes with the first countdown.
    src = src.replace("prepare = \"5s\"", "prepare = \"0s\"");
    let r = load_str(&src, "t.toml").unwrap();
    let (s, fx) = Session::start(Cleared::for_session_tests(r), None, None, t0);
    assert_eq!(said(&fx), ["Keep off the tailbone."]);
    assert!(matches!(s.current().kind, SegmentKind::Active(_)));
}

#[test]
fn walks_the_plan_with_cues_at_exact_instants() {
    let (mut s, t0) = start();
    // Prepare ends at 5 s: Begin.
    assert_eq!(cues(&s.tick(t0 + ms(4999))), vec![]);
    assert_eq!(cues(&s.tick(t0 + secs(5))), vec![Cue::Begin]);
    assert_eq!(s.current().kind, SegmentKind::Active(Kind::Hold));
    assert_eq!(s.current().side, Some(Side::Left));
    // Halfway at 5 + 22.5 s.
    assert_eq!(cues(&s.tick(t0 + ms(27_499))), vec![]);
    assert_eq!(cues(&s.tick(t0 + ms(27_500))), vec![Cue::Halfway]);
    // 3-2-1 in the last three seconds (47, 48, 49 s).
    assert_eq!(cues(&s.tick(t0 + ms(46_999))), vec![]);
    assert_eq!(cues(&s.tick(t0 + secs(47))), vec![Cue::Countdown(3)]);
    assert_eq!(cues(&s.tick(t0 + secs(48))), vec![Cue::Countdown(2)]);
    assert_eq!(cues(&s.tick(t0 + secs(49))), vec![Cue::Countdown(1)]);
    // Release, then switch sides at 50 s.
    assert_eq!(
        cues(&s.tick(t0 + secs(50))),
        vec![Cue::Release, Cue::SwitchSides]
    );
    assert_eq!(s.current().kind, SegmentKind::SwitchSides);
    assert_eq!(cues(&s.tick(t0 + secs(60))), vec![Cue::Begin]);
    assert_eq!(s.current().side, Some(Side::Right));
    // The right side ends at 105 s: release and check-in.
    let fx = s.tick(t0 + secs(105));
    // One late tick: stale halfway and 3-2-1 are not replayed.
    assert_eq!(cues(&fx), vec![Cue::Release, Cue::CheckIn]);
    assert_eq!(s.stage(), Stage::CheckIn);
    assert!(fx.contains(&Effect::Record(Event::StepCompleted {
        step: 0,
        id: "ball".into()
    })));
}

#[test]
fn a_late_tick_fires_only_the_latest_countdown_and_keeps_exact_boundaries() {
    let (mut s, t0) = start();
    // Nothing for 49.5 s (a suspended laptop): prepare ended at 5 s exactly.
    let fx = s.tick(t0 + ms(49_500));
    assert_eq!(cues(&fx), vec![Cue::Begin, Cue::Halfway, Cue::Countdown(1)]);
    // The hold still ends at exactly 50 s, not 49.5 + 45.
    assert_eq!(s.remaining(t0 + ms(49_500)), ms(500));
    assert_eq!(s.next_deadline(), Some(t0 + secs(50)));
}

#[test]
fn check_in_waits_then_better_moves_on_and_sharper_stops() {
    let (mut s, t0) = start();
    s.tick(t0 + secs(105));
    assert_eq!(s.stage(), Stage::CheckIn);
    assert_eq!(
        s.next_deadline(),
        None,
        "nothing runs while a check-in waits"
    );
    // An hour later the answer comes; the rest starts then.
    let t = t0 + secs(3600);
    assert!(s.tick(t).is_empty());
    let fx = s.update(Input::Answer(CheckIn::Better), t);
    assert_eq!(cues(&fx), vec![Cue::NextTechnique, Cue::Rest]);
    assert_eq!(s.current().kind, SegmentKind::Rest);
    assert_eq!(s.remaining(t), secs(15));

    let (mut s, t0) = start();
    s.tick(t0 + secs(105));
    let fx = s.update(Input::Answer(CheckIn::Sharper), t0 + secs(106));
    assert_eq!(s.stage(), Stage::Stopped(StopReason::Sharper));
    assert_eq!(cues(&fx), vec![Cue::SafetyStop]);
    assert!(fx.contains(&Effect::Finished(Outcome::Stopped(StopReason::Sharper))));

    let (mut s, t0) = start();
    s.tick(t0 + secs(105));
    s.update(Input::Answer(CheckIn::Spreading), t0 + secs(106));
    assert_eq!(s.stage(), Stage::Stopped(StopReason::Spreading));
}

#[test]
fn digits_are_not_answers_while_running() {
    let (mut s, t0) = start();
    let fx = s.update(Input::Answer(CheckIn::Sharper), t0 + secs(1));
    assert!(fx.is_empty());
    assert_eq!(s.stage(), Stage::Running);
}

#[test]
fn completes_after_the_last_check_in() {
    let (mut s, t0) = start();
    s.tick(t0 + secs(105));
    let t = t0 + secs(105);
    s.update(Input::Answer(CheckIn::Same), t);
    // rest 15 + prepare 5 + warm-up 300.
    let end = t + secs(320);
    s.tick(end - ms(1));
    assert_eq!(s.stage(), Stage::Running);
    let fx = s.tick(end);
    assert_eq!(s.stage(), Stage::CheckIn);
    assert!(cues(&fx).contains(&Cue::Release));
    let fx = s.update(Input::Answer(CheckIn::Better), end);
    assert_eq!(cues(&fx), vec![Cue::Complete]);
    assert_eq!(s.stage(), Stage::Completed);
    assert!(fx.contains(&Effect::Finished(Outcome::Completed)));
    let fx = s.update(Input::Enter, end + secs(2));
    assert_eq!(fx, vec![Effect::Exit]);
    match s.view(end + secs(2)).stage {
        StageView::Completed(sum) => {
            assert_eq!(sum.steps_done, 2);
            assert_eq!(sum.answers, vec![CheckIn::Same, CheckIn::Better]);
            assert_eq!(sum.elapsed_secs, 425);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn pause_excludes_paused_time_exactly() {
    let (mut s, t0) = start();
    s.tick(t0 + secs(5)); // hold begins
    s.update(Input::TogglePause, t0 + secs(15));
    assert!(s.is_paused());
    assert_eq!(s.next_deadline(), None);
    // Remaining is frozen while paused.
    assert_eq!(s.remaining(t0 + secs(15)), secs(35));
    assert_eq!(s.remaining(t0 + secs(500)), secs(35));
    assert!(s.tick(t0 + secs(500)).is_empty());
    let fx = s.update(Input::TogglePause, t0 + ms(100_250));
    assert_eq!(fx, vec![Effect::Record(Event::Resumed)]);
    // 85.25 s paused: the hold now ends at 50 + 85.25 s.
    assert_eq!(s.remaining(t0 + ms(100_250)), secs(35));
    let end = t0 + ms(135_250);
    assert_eq!(
        cues(&s.tick(end - ms(1))),
        vec![Cue::Halfway, Cue::Countdown(1)]
    );
    assert_eq!(cues(&s.tick(end)), vec![Cue::Release, Cue::SwitchSides]);
}

#[test]
fn next_deadline_is_the_next_displayed_second_or_cue() {
    let (mut s, t0) = start();
    assert_eq!(s.next_deadline(), Some(t0 + secs(1)));
    s.tick(t0 + ms(1300));
    assert_eq!(s.next_deadline(), Some(t0 + secs(2)));
    s.tick(t0 + secs(5)); // hold 45 s from 5 s; halfway at 27.5 s
    s.tick(t0 + secs(27));
    assert_eq!(s.next_deadline(), Some(t0 + ms(27_500)));
    s.tick(t0 + ms(27_500));
    assert_eq!(s.next_deadline(), Some(t0 + secs(28)));
}

#[test]
fn display_rounds_up_so_zero_shows_only_at_the_end() {
    let (s, t0) = start();
    assert_eq!(s.view(t0).remaining_secs, 5);
    assert_eq!(s.view(t0 + ms(1)).remaining_secs, 5);
    assert_eq!(s.view(t0 + ms(4001)).remaining_secs, 1);
    assert_eq!(s.view(t0 + ms(4999)).remaining_secs, 1);
}

#[test]
fn next_skips_and_back_restarts_or_goes_back() {
    let (mut s, t0) = start();
    let fx = s.update(Input::Next, t0 + secs(1));
    assert_eq!(cues(&fx), vec![Cue::Begin]);
    assert_eq!(s.remaining(t0 + secs(1)), secs(45));
    // Skipping an active segment records it and does not release early twice.
    let fx = s.update(Input::Next, t0 + secs(10));
    assert!(fx.contains(&Effect::Record(Event::SegmentSkipped {
        step: 0,
        id: "ball".into()
    })));
    assert_eq!(s.current().kind, SegmentKind::SwitchSides);
    // Back within 3 s of a start: the previous segment, from its start.
    s.update(Input::Back, t0 + secs(11));
    assert_eq!(s.current().kind, SegmentKind::Active(Kind::Hold));
    assert_eq!(s.current().side, Some(Side::Left));
    assert_eq!(s.remaining(t0 + secs(11)), secs(45));
    // Back later in a segment: restart it.
    s.update(Input::Back, t0 + secs(31));
    assert_eq!(s.current().side, Some(Side::Left));
    assert_eq!(s.remaining(t0 + secs(31)), secs(45));
    // Back at the very first segment stays there.
    let (mut s, t0) = start();
    s.update(Input::Back, t0 + secs(1));
    assert_eq!(s.segment_index(), 0);
    assert_eq!(s.remaining(t0 + secs(1)), secs(5));
}

#[test]
fn next_at_the_last_segment_still_checks_in() {
    let (mut s, t0) = start();
    let last = s.plan().segments.len() - 1;
    let t = t0 + secs(1);
    while s.segment_index() < last {
        s.update(Input::Next, t);
        if s.stage() == Stage::CheckIn {
            s.update(Input::Answer(CheckIn::Same), t);
        }
    }
    assert_eq!(s.stage(), Stage::Running);
    s.update(Input::Next, t);
    assert_eq!(
        s.stage(),
        Stage::CheckIn,
        "skipping never skips the check-in"
    );
}

#[test]
fn hold_adjustment_stays_within_bounds() {
    let (mut s, t0) = start();
    s.tick(t0 + secs(5));
    for _ in 0..20 {
        s.update(Input::Lengthen, t0 + secs(6));
    }
    assert_eq!(s.planned(), secs(90), "a hold never exceeds 90 s");
    for _ in 0..40 {
        s.update(Input::Shorten, t0 + secs(6));
    }
    assert_eq!(s.planned(), secs(10), "a hold never drops below 10 s");
    // Shortening never goes below what already passed.
    let (mut s, t0) = start();
    s.tick(t0 + secs(5));
    s.update(Input::Shorten, t0 + secs(42));
    s.update(Input::Shorten, t0 + secs(42));
    assert_eq!(s.planned(), secs(38));
    // Prepare is not adjustable.
    let (mut s, t0) = start();
    assert!(s.update(Input::Lengthen, t0).is_empty());
    assert_eq!(s.planned(), secs(5));
}

#[test]
fn countdown_rearms_after_lengthening_inside_it() {
    let (mut s, t0) = start();
    s.tick(t0 + secs(5));
    s.tick(t0 + secs(48)); // 3, then 2 at 48
    let fx = s.update(Input::Lengthen, t0 + ms(48_500));
    assert!(cues(&fx).is_empty());
    assert_eq!(cues(&s.tick(t0 + secs(52))), vec![Cue::Countdown(3)]);
}

#[test]
fn stop_from_every_stage_is_immediate_and_final() {
    let (mut s, t0) = start();
    s.update(Input::ToggleHelp, t0);
    let fx = s.update(Input::Stop, t0 + secs(1));
    assert_eq!(cues(&fx), vec![Cue::SafetyStop]);
    assert_eq!(s.stage(), Stage::Stopped(StopReason::PainWorse));
    assert_eq!(s.overlay(), Overlay::None);
    // Nothing un-stops it.
    for cmd in [
        Input::TogglePause,
        Input::Next,
        Input::Back,
        Input::Answer(CheckIn::Better),
        Input::Stop,
    ] {
        let fx = s.update(cmd, t0 + secs(2));
        assert!(fx.iter().all(|e| !matches!(e, Effect::Cue(_))), "{cmd:?}");
        assert_eq!(s.stage(), Stage::Stopped(StopReason::PainWorse));
    }
    assert_eq!(s.next_deadline(), None);
    // From the quit confirmation and from a check-in too.
    let (mut s, t0) = start();
    s.update(Input::Quit, t0);
    assert_eq!(s.overlay(), Overlay::ConfirmQuit);
    s.update(Input::Stop, t0);
    assert_eq!(s.stage(), Stage::Stopped(StopReason::PainWorse));
    let (mut s, t0) = start();
    s.tick(t0 + secs(105));
    s.update(Input::Stop, t0 + secs(106));
    assert_eq!(s.stage(), Stage::Stopped(StopReason::PainWorse));
}

#[test]
fn quit_asks_first() {
    let (mut s, t0) = start();
    // Asking pauses the timer (and the record says so).
    assert_eq!(
        s.update(Input::Quit, t0),
        vec![Effect::Record(Event::Paused)]
    );
    assert_eq!(s.overlay(), Overlay::ConfirmQuit);
    assert!(s.is_paused() && s.view(t0).paused);
    assert_eq!(s.next_deadline(), None, "nothing counts down while asked");
    // Other keys do nothing while the question is open.
    s.update(Input::Next, t0);
    assert_eq!(s.current().kind, SegmentKind::Prepare);
    // A minute later, "no": the countdown goes on from where it was.
    let later = t0 + secs(60);
    assert!(s.tick(later).is_empty());
    assert_eq!(
        s.update(Input::No, later),
        vec![Effect::Record(Event::Resumed)]
    );
    assert_eq!(s.overlay(), Overlay::None);
    assert_eq!(s.stage(), Stage::Running);
    assert_eq!(s.remaining(later), secs(5));
    // Paused before asking: still paused after "no".
    s.update(Input::TogglePause, later);
    s.update(Input::Quit, later);
    s.update(Input::No, later);
    assert!(s.is_paused());
    s.update(Input::TogglePause, later);
    s.update(Input::Quit, t0);
    let fx = s.update(Input::Yes, t0);
    assert!(fx.contains(&Effect::Finished(Outcome::Quit)));
    assert_eq!(fx.last(), Some(&Effect::Exit));
}

/// Near the end of a hold, `-` cannot shorten it below what has passed:
/// it leaves it as it is (it once lengthened it, a little more each time).
#[test]
fn shorten_near_the_end_never_lengthens() {
    let (mut s, t0) = start();
    s.tick(t0 + secs(5));
    assert!(s.current().is_active());
    let planned = s.planned();
    let near_end = t0 + secs(5) + planned - ms(620);
    s.tick(near_end);
    for _ in 0..3 {
        assert!(s.update(Input::Shorten, near_end).is_empty());
        assert_eq!(s.planned(), planned);
    }
    // Earlier on, it shortens as asked.
    let (mut s, t0) = start();
    s.tick(t0 + secs(5));
    s.update(Input::Shorten, t0 + secs(6));
    assert_eq!(s.planned(), planned - ADJUST_STEP);
}

proptest! {
    /// Whatever the moment, `-` never makes a countdown longer and `+`
    /// never makes it shorter.
    #[test]
    fn adjusting_moves_the_right_way(at_ms in 0u64..50_000, lengthen: bool) {
        let (mut s, t0) = start();
        s.tick(t0 + secs(5));
        let t = t0 + secs(5) + ms(at_ms);
        s.tick(t);
        if s.current().is_active() && s.stage() == Stage::Running {
            let before = s.planned();
            s.update(if lengthen { Input::Lengthen } else { Input::Shorten }, t);
            if lengthen {
                prop_assert!(s.planned() >= before);
            } else {
                prop_assert!(s.planned() <= before);
            }
        }
    }
}

#[test]
fn mute_silences_everything_but_the_safety_stop() {
    let (mut s, t0) = start();
    s.update(Input::ToggleMute, t0);
    assert!(s.is_muted());
    assert!(s.view(t0).muted);
    // Cues are still emitted (for --plain and the record) but not audible.
    let fx = s.tick(t0 + secs(5));
    assert_eq!(cues(&fx), vec![Cue::Begin]);
    assert!(!audible(Cue::Begin, s.is_muted()));
    assert!(audible(Cue::SafetyStop, s.is_muted()));
    for cue in Cue::ALL {
        assert!(audible(cue, false));
    }
    s.update(Input::ToggleMute, t0);
    assert!(!s.is_muted());
}

#[test]
fn view_names_phase_side_and_whats_next() {
    let (mut s, t0) = start();
    let v = s.view(t0);
    assert_eq!(v.phase_label(), "PREPARE");
    assert_eq!(v.next.as_deref(), Some("HOLD 0:45: Ball hold, left side"));
    assert_eq!(v.total_left_secs, 5 + 45 + 10 + 45 + 15 + 5 + 300);
    s.tick(t0 + secs(5));
    let v = s.view(t0 + secs(5));
    assert_eq!(v.phase_label(), "HOLD");
    assert_eq!(v.side, Some(Side::Left));
    assert_eq!(v.next.as_deref(), Some("Switch to the right side"));
    assert!(v.adjustable);
    // The right side ends the technique: the check-in comes next.
    s.tick(t0 + secs(60));
    let v = s.view(t0 + secs(60));
    assert_eq!(v.side, Some(Side::Right));
    assert_eq!(v.next.as_deref(), Some("Check-in, then Rest"));
    // The last countdown: a check-in, then the end.
    s.tick(t0 + secs(105));
    s.update(Input::Answer(CheckIn::Same), t0 + secs(105));
    s.tick(t0 + secs(125));
    let v = s.view(t0 + secs(125));
    assert_eq!(v.phase_label(), "WARM-UP");
    assert_eq!(v.next.as_deref(), Some("Check-in, then the end"));
}

// ------------------------------------------------------------ properties

fn command() -> impl Strategy<Value = Input> {
    prop_oneof![
        Just(Input::TogglePause),
        Just(Input::Pause),
        Just(Input::Next),
        Just(Input::Back),
        Just(Input::Lengthen),
        Just(Input::Shorten),
        Just(Input::ToggleMute),
        Just(Input::ToggleHelp),
        Just(Input::Quit),
        Just(Input::Yes),
        Just(Input::No),
        Just(Input::Escape),
        Just(Input::Enter),
        Just(Input::Stop),
        prop::sample::select(CheckIn::ALL.to_vec()).prop_map(Input::Answer),
    ]
}

/// A step of a random run: wait some time, then maybe give a command.
fn steps() -> impl Strategy<Value = Vec<(u64, Option<Input>)>> {
    prop::collection::vec((0u64..120_000, prop::option::of(command())), 0..60)
}

proptest! {
    #[test]
    fn random_runs_never_panic_and_stay_consistent(run in steps()) {
        let (mut s, t0) = start();
        let mut t = t0;
        let mut stopped = false;
        for (wait, cmd) in run {
            t += Duration::from_millis(wait);
            let mut fx = s.tick(t);
            if let Some(c) = cmd {
                fx.extend(s.update(c, t));
            }
            // Remaining never exceeds the planned length (never "negative").
            prop_assert!(s.remaining(t) <= s.planned());
            if let Some(d) = s.next_deadline() {
                prop_assert!(d > t, "a deadline is always in the future");
            }
            if stopped {
                // After a stop: no cues, no stage change.
                prop_assert!(fx.iter().all(|e| matches!(e, Effect::Exit)), "{fx:?}");
                prop_assert!(matches!(s.stage(), Stage::Stopped(_)));
            }
            stopped |= matches!(s.stage(), Stage::Stopped(_));
            let _ = s.view(t);
        }
    }

    /// The tally the session shows and records is the one the history
    /// would count from the session's events (when a killed session could
    /// not record it): each technique done at most once, at its
    /// `StepCompleted`; skipped when a countdown of it was cut short and
    /// it is not done. And a technique is done exactly when every one of
    /// its countdowns ran out.
    #[test]
    fn the_tally_is_what_the_events_count(run in steps()) {
        let (mut s, t0) = start();
        let mut t = t0;
        let mut events = Vec::new();
        let mut tallies = Vec::new();
        for (wait, cmd) in run {
            if s.is_over() {
                // The flow moves on from an ended session.
                break;
            }
            t += Duration::from_millis(wait);
            let mut fx = s.tick(t);
            if let Some(c) = cmd {
                if s.stage() == Stage::Reach {
                    fx.extend(s.update(Input::Reach(Extent::Thigh), t));
                }
                if !s.is_over() {
                    fx.extend(s.update(c, t));
                }
            }
            for e in fx {
                match e {
                    Effect::Record(Event::Tally(tally)) => tallies.push(tally),
                    Effect::Record(ev) => events.push(ev),
                    _ => {}
                }
            }
        }
        let done: std::collections::BTreeSet<usize> = events
            .iter()
            .filter_map(|e| match e {
                Event::StepCompleted { step, .. } => Some(*step),
                _ => None,
            })
            .collect();
        let completions = events
            .iter()
            .filter(|e| matches!(e, Event::StepCompleted { .. }))
            .count();
        prop_assert_eq!(completions, done.len(), "each technique completes once");
        let skipped: std::collections::BTreeSet<usize> = events
            .iter()
            .filter_map(|e| match e {
                Event::SegmentSkipped { step, .. } if !done.contains(step) => Some(*step),
                _ => None,
            })
            .collect();
        let tally = s.tally(t);
        prop_assert_eq!((tally.done, tally.skipped), (done.len(), skipped.len()));
        prop_assert!(tally.done + tally.skipped <= tally.total);
        // Recorded once, at the end, and the same as the summary's.
        prop_assert!(tallies.len() <= 1);
        if let Some(recorded) = tallies.first() {
            prop_assert!(s.is_over());
            prop_assert_eq!(*recorded, tally);
        }
    }

    #[test]
    fn stop_is_one_command_away_from_anywhere(run in steps()) {
        let (mut s, t0) = start();
        let mut t = t0;
        for (wait, cmd) in run {
            t += Duration::from_millis(wait);
            s.tick(t);
            if let Some(c) = cmd {
                if c == Input::Yes { continue; } // quitting leaves the program
                s.update(c, t);
            }
        }
        if s.stage() != Stage::Quit {
            s.update(Input::Stop, t);
            prop_assert!(matches!(s.stage(), Stage::Stopped(_)));
        }
    }

    #[test]
    fn without_pause_or_skip_active_time_sums_to_the_plan(jitter in prop::collection::vec(1u64..5_000, 1..400)) {
        // Tick at random moments, answer check-ins at once: the time spent in
        // active segments equals the plan to the nanosecond.
        let (mut s, t0) = start();
        let mut t = t0;
        let mut active = Duration::ZERO;
        let mut last = t0;
        let mut was_active = s.current().is_active();
        let mut it = jitter.into_iter().cycle();
        while !s.is_over() {
            // Advance to the next deadline or a random instant before it.
            let step = Duration::from_millis(it.next().unwrap());
            let next = s.next_deadline().map_or(t + step, |d| d.min(t + step));
            t = next;
            s.tick(t);
            if s.stage() == Stage::CheckIn {
                s.update(Input::Answer(CheckIn::Same), t);
            }
            if was_active { active += t - last; }
            last = t;
            was_active = s.current().is_active() && s.stage() == Stage::Running;
        }
        prop_assert_eq!(active, s.plan().active_total());
    }
}

#[test]
fn guidance_decides_the_words_and_a_preparation_grows_to_fit_them() {
    let r = load_str(
        r#"
name = "t"
summary = "t"
[defaults]
prepare = "5s"
[[steps]]
title = "Ball hold"
kind = "hold"
duration = "45s"
sides = "both"
position = "On your back with both knees bent and the ball under the buttock of the painful side."
instructions = ["Let the ball find a tender spot."]
caution = "Ease off at once if the pain turns sharp or runs down the leg."
"#,
        "t.toml",
    )
    .unwrap();
    let t0 = Instant::now();
    let said = |fx: &[Effect]| {
        fx.iter()
            .filter_map(|e| match e {
                Effect::Say(w) => Some(w.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let start = |g| {
        Session::start_guided(
            Cleared::for_session_tests(r.clone()),
            None,
            None,
            Vec::new(),
            g,
            t0,
        )
    };
    let (quiet, fx) = start(Guidance::Cues);
    assert_eq!(said(&fx), Vec::<String>::new());
    assert_eq!(quiet.planned(), secs(5));
    let (titles, fx) = start(Guidance::Titles);
    // The title and, a safety matter, the caution.
    let title_words = "Ball hold. Ease off at once if the pain turns sharp or runs down the leg.";
    assert_eq!(said(&fx), [title_words]);
    assert_eq!(
        titles.planned(),
        spoken::fit_prepare(secs(5), Some(title_words))
    );
    let (full, fx) = start(Guidance::Full);
    let words = said(&fx);
    assert_eq!(words.len(), 1);
    // The caution comes before the position: it is never the part left out.
    assert!(
        words[0].starts_with("Ball hold, left side. Ease off at once"),
        "{words:?}"
    );
    assert!(
        words[0].ends_with("buttock of the painful side."),
        "{words:?}"
    );
    let grown = spoken::fit_prepare(secs(5), Some(&words[0]));
    assert!(grown > secs(5));
    assert_eq!(full.planned(), grown);
    assert_eq!(
        full.view(t0).longer_for_speech_secs,
        (grown - secs(5)).as_secs()
    );
    // Only the preparation grows: the holds keep their time, and the
    // plan's total grows by exactly the added seconds.
    let active: Vec<_> = full
        .plan()
        .segments
        .iter()
        .filter(|s| s.is_active())
        .collect();
    assert!(active.iter().all(|s| s.planned == secs(45)));
    assert_eq!(
        full.plan().total(),
        quiet.plan().total() + (grown - secs(5))
    );
    // The begin of the countdown has only its cue.
    let mut full = full;
    let fx = full.tick(t0 + grown);
    assert_eq!(cues(&fx), vec![Cue::Begin]);
    assert_eq!(said(&fx), Vec::<String>::new());
}
