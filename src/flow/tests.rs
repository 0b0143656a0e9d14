//! Tests of the whole run: which routine starts under which verdict, the
//! stop from every phase, the end questions; and two property tests over
//! random input sequences: the stop is always one input away, and no
//! massage step is ever entered unless the screening was clear.

use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::*;
use crate::routine::load_str;
use crate::routine::plan::SegmentKind;
use crate::safety::is_massage_free;
use crate::vocab::CheckIn;
use crate::vocab::Extent;

/// A routine with massage: a hold on a tennis ball, then a position.
fn massage() -> Routine {
    load_str(
        r#"name = "massage"
summary = "s"
[defaults]
prepare = "5s"
rest = "5s"
[[steps]]
title = "Ball hold"
kind = "hold"
tool = "tennis-ball"
area = "glutes"
duration = "30s"
[[steps]]
title = "Rest on the back"
kind = "position"
duration = "1m"
"#,
        "massage.toml",
    )
    .unwrap()
}

/// A massage-free routine: a position and a cold pack.
fn relief() -> Routine {
    load_str(
        r#"name = "acute-relief"
summary = "s"
[defaults]
prepare = "5s"
[[steps]]
title = "90/90"
kind = "position"
duration = "1m"
[[steps]]
title = "Cold pack"
kind = "cold"
tool = "cold-pack"
duration = "2m"
"#,
        "relief.toml",
    )
    .unwrap()
}

/// One thing that happens in a test: an input or time passing.
#[derive(Debug, Clone, Copy)]
enum Act {
    In(Input),
    Wait(u64),
}

fn r(reply: Input) -> Act {
    Act::In(reply)
}

fn c(cmd: Input) -> Act {
    Act::In(cmd)
}

/// A flow and its clock.
struct Run {
    flow: Flow,
    now: Instant,
    fx: Vec<Effect>,
}

impl Run {
    fn new(relief_routine: Option<Routine>) -> Run {
        Run {
            flow: Flow::new(massage(), relief_routine, None, false),
            now: Instant::now(),
            fx: Vec::new(),
        }
    }

    fn act(&mut self, a: Act) -> Vec<Effect> {
        let fx = match a {
            Act::In(i) => self.flow.update(i, self.now),
            Act::Wait(s) => {
                self.now += Duration::from_secs(s);
                self.flow.tick(self.now)
            }
        };
        self.fx.extend(fx.clone());
        fx
    }

    fn acts(&mut self, acts: &[Act]) {
        for a in acts {
            self.act(*a);
        }
    }

    fn verdicts(&self) -> Vec<Verdict> {
        self.fx
            .iter()
            .filter_map(|e| match e {
                Effect::Record(Event::Screened { verdict, .. }) => Some(*verdict),
                _ => None,
            })
            .collect()
    }
}

const CLEAR: [Act; 6] = [
    Act::In(Input::No),
    Act::In(Input::No),
    Act::In(Input::No),
    Act::In(Input::No),
    Act::In(Input::Number(5)),
    Act::In(Input::Number(3)),
];

#[test]
fn a_clear_screening_starts_the_chosen_routine() {
    let mut run = Run::new(Some(relief()));
    run.acts(&CLEAR);
    let s = run.flow.session().expect("a session runs");
    assert_eq!(s.routine().name, "massage");
    assert!(s.clearance().allows_massage());
    assert_eq!(run.verdicts(), vec![Verdict::Clear]);
}

#[test]
fn an_emergency_sign_starts_nothing() {
    let mut run = Run::new(Some(relief()));
    run.acts(&[
        r(Input::Yes),
        r(Input::No),
        r(Input::Number(5)),
        Act::Wait(600),
    ]);
    assert!(run.flow.session().is_none());
    assert!(
        !run.fx
            .iter()
            .any(|e| matches!(e, Effect::Record(Event::StepStarted { .. })))
    );
    let fx = run.act(r(Input::Enter));
    assert!(run.flow.is_over());
    // Recorded as left before a session began; the verdict is beside it.
    assert_eq!(
        fx,
        vec![
            Effect::Record(Event::Ended(Outcome::Quit)),
            Effect::Finished(Outcome::Quit),
            Effect::Exit
        ]
    );
    assert_eq!(run.verdicts(), vec![Verdict::Emergency]);
}

#[test]
fn recent_pain_runs_only_the_relief_routine() {
    let mut run = Run::new(Some(relief()));
    run.acts(&[
        r(Input::No),
        r(Input::No),
        r(Input::No),
        r(Input::Yes),
        r(Input::Enter),
    ]);
    run.acts(&[r(Input::Number(4)), r(Input::Number(2))]);
    let s = run.flow.session().expect("the relief routine runs");
    assert_eq!(s.routine().name, "acute-relief");
    assert!(!s.clearance().allows_massage());
}

#[test]
fn recent_pain_without_a_relief_routine_starts_nothing() {
    let mut run = Run::new(None);
    run.acts(&[r(Input::No), r(Input::No), r(Input::No), r(Input::Yes)]);
    assert!(
        matches!(run.flow.view(run.now), Screen::Intake(v) if matches!(v.screen, crate::safety::IntakeScreen::Verdict { offer: None, .. }))
    );
    run.act(r(Input::Enter));
    assert!(run.flow.is_over());
    assert!(run.flow.session().is_none());
}

#[test]
fn a_massage_free_chosen_routine_stands_in_for_a_missing_relief() {
    let mut flow = Flow::new(relief(), None, None, false);
    let t0 = Instant::now();
    for reply in [
        Input::No,
        Input::No,
        Input::No,
        Input::Yes,
        Input::Enter,
        Input::Number(1),
        Input::Number(1),
    ] {
        flow.update(reply, t0);
    }
    assert!(!flow.session().unwrap().clearance().allows_massage());
}

#[test]
fn no_question_is_answered_by_waiting() {
    let mut run = Run::new(Some(relief()));
    for a in [
        r(Input::No),
        r(Input::No),
        r(Input::No),
        r(Input::No),
        r(Input::Number(5)),
    ] {
        assert_eq!(
            run.flow.next_deadline(),
            None,
            "nothing to wait for on a question"
        );
        let before = run.flow.view(run.now);
        assert!(run.act(Act::Wait(24 * 3600)).is_empty());
        assert_eq!(
            run.flow.view(run.now),
            before,
            "a day later, the same question"
        );
        run.act(a);
    }
    assert!(
        run.flow.session().is_none(),
        "the reach is still unanswered"
    );
}

/// Run a cleared session to its end, answering every check-in `answer`.
fn complete(run: &mut Run) {
    for _ in 0..50 {
        if run.flow.session().is_none() {
            return;
        }
        match run.flow.keys() {
            (Context::CheckIn, _) => run.act(c(Input::Answer(CheckIn::Better))),
            _ => run.act(Act::Wait(30)),
        };
    }
    panic!("the session did not end");
}

#[test]
fn a_completed_session_asks_pain_after_and_sums_up() {
    let mut run = Run::new(None);
    run.acts(&CLEAR);
    complete(&mut run);
    assert!(run.fx.contains(&Effect::Finished(Outcome::Completed)));
    assert!(matches!(run.flow.view(run.now), Screen::Outro(_)));
    run.acts(&[r(Input::Enter), r(Input::Number(2)), r(Input::Number(2))]);
    let after = Reading {
        pain: crate::vocab::Pain::new(2).unwrap(),
        extent: Extent::Buttock,
    };
    assert!(run.fx.contains(&Effect::Record(Event::PainAfter(after))));
    match run.flow.view(run.now) {
        Screen::Outro(v) => match v.screen {
            crate::safety::OutroScreen::Summary(s) => {
                assert_eq!(s.trend, Some(crate::vocab::Trend::Centralised));
                assert_eq!(s.before.unwrap().pain.get(), 5);
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    run.act(r(Input::Enter));
    assert!(run.flow.is_over());
}

#[test]
fn a_check_in_stop_shows_the_stop_screen_and_takes_a_report() {
    let mut run = Run::new(None);
    run.acts(&CLEAR);
    run.acts(&[Act::Wait(5), Act::Wait(30)]);
    assert!(matches!(run.flow.keys(), (Context::CheckIn, _)));
    run.act(c(Input::Answer(CheckIn::Spreading)));
    assert!(run.flow.is_stopped());
    match run.flow.view(run.now) {
        Screen::Stop(v) => {
            assert_eq!(v.reason, StopReason::Spreading);
            assert_eq!(v.context.as_deref(), Some("massage · 0:35"));
        }
        other => panic!("{other:?}"),
    }
    let fx = run.act(r(Input::Report));
    assert!(fx.contains(&Effect::Record(Event::RedFlagReported)));
    assert!(matches!(run.flow.view(run.now), Screen::Stop(v) if v.reason == StopReason::RedFlag));
}

#[test]
fn a_stop_after_the_end_is_recorded_as_late() {
    let mut run = Run::new(None);
    run.acts(&CLEAR);
    complete(&mut run);
    let fx = run.act(r(Input::Stop));
    assert!(fx.contains(&Effect::Cue(Cue::SafetyStop)));
    assert!(fx.contains(&Effect::Record(Event::LateStop(StopReason::PainWorse))));
    assert!(run.flow.is_stopped());
}

/// Every phase, reached by hand, stops with one input of either kind.
#[test]
fn the_stop_is_one_input_from_every_phase() {
    let n = r(Input::No);
    let phases: Vec<(&str, Vec<Act>, StopReason)> = vec![
        ("notice", vec![], StopReason::PainWorse),
        ("urgent signs", vec![r(Input::Enter)], StopReason::PainWorse),
        (
            "doctor first",
            vec![r(Input::Enter), n],
            StopReason::PainWorse,
        ),
        (
            "marking",
            vec![r(Input::Enter), n, r(Input::Yes)],
            StopReason::PainWorse,
        ),
        (
            "massage OK",
            vec![r(Input::Enter), n, n],
            StopReason::PainWorse,
        ),
        (
            "onset",
            vec![r(Input::Enter), n, n, n],
            StopReason::PainWorse,
        ),
        (
            "emergency verdict",
            vec![r(Input::Enter), r(Input::Yes)],
            StopReason::RedFlag,
        ),
        (
            "doctor verdict",
            vec![r(Input::Enter), n, r(Input::Number(1)), r(Input::Enter)],
            StopReason::PainWorse,
        ),
        (
            "acute verdict",
            vec![r(Input::Enter), n, n, n, r(Input::Yes)],
            StopReason::PainWorse,
        ),
        (
            "quit question",
            vec![r(Input::Enter), r(Input::Quit)],
            StopReason::PainWorse,
        ),
        (
            "pain",
            vec![r(Input::Enter), n, n, n, n],
            StopReason::PainWorse,
        ),
        (
            "reach",
            vec![r(Input::Enter), n, n, n, n, r(Input::Number(3))],
            StopReason::PainWorse,
        ),
    ];
    let mut with_session: Vec<(&str, Vec<Act>, StopReason)> = vec![
        ("prepare", vec![], StopReason::PainWorse),
        ("paused", vec![c(Input::TogglePause)], StopReason::PainWorse),
        ("help", vec![c(Input::ToggleHelp)], StopReason::PainWorse),
        ("confirm quit", vec![c(Input::Quit)], StopReason::PainWorse),
        ("hold", vec![Act::Wait(6)], StopReason::PainWorse),
        ("check-in", vec![Act::Wait(40)], StopReason::PainWorse),
        (
            "reach after drew back",
            vec![Act::Wait(40), c(Input::Answer(CheckIn::DrewBack))],
            StopReason::PainWorse,
        ),
    ];
    for (_, acts, _) in &mut with_session {
        let mut all = vec![r(Input::Enter)];
        all.extend(CLEAR);
        all.append(acts);
        *acts = all;
    }
    let outro = |more: &[Act]| {
        let mut run = Run::new(None);
        run.acts(&[r(Input::Enter)]);
        run.acts(&CLEAR);
        complete(&mut run);
        run.acts(more);
        run
    };
    let mut runs: Vec<(String, Run, StopReason)> = Vec::new();
    for (name, acts, reason) in phases.into_iter().chain(with_session) {
        let mut run = Run {
            flow: Flow::new(massage(), None, None, true),
            now: Instant::now(),
            fx: Vec::new(),
        };
        run.acts(&acts);
        runs.push((name.to_string(), run, reason));
    }
    runs.push(("pain after".into(), outro(&[]), StopReason::PainWorse));
    runs.push((
        "summary".into(),
        outro(&[r(Input::Number(1)), r(Input::Number(1))]),
        StopReason::PainWorse,
    ));
    for (name, run, reason) in runs {
        assert!(
            !run.flow.is_stopped() && !run.flow.is_over(),
            "{name}: set-up went wrong"
        );
        for stop in [c(Input::Stop), r(Input::Stop)] {
            let mut run = Run {
                flow: run.flow.clone(),
                now: run.now,
                fx: Vec::new(),
            };
            let fx = run.act(stop);
            assert!(run.flow.is_stopped(), "{name}: {stop:?} did not stop");
            assert!(
                fx.contains(&Effect::Cue(Cue::SafetyStop)),
                "{name}: no stop cue"
            );
            assert!(
                matches!(run.flow.view(run.now), Screen::Stop(v) if v.reason == reason),
                "{name}"
            );
        }
    }
}

fn any_reply() -> impl Strategy<Value = Input> {
    prop_oneof![
        6 => Just(Input::No),
        1 => Just(Input::Yes),
        2 => (0u8..=10).prop_map(Input::Number),
        2 => Just(Input::Enter),
        1 => Just(Input::Back),
        1 => Just(Input::Quit),
        1 => Just(Input::Report),
        1 => Just(Input::Other),
    ]
}

fn any_command() -> impl Strategy<Value = Input> {
    let fixed = [
        Input::TogglePause,
        Input::Pause,
        Input::Next,
        Input::Back,
        Input::Lengthen,
        Input::Shorten,
        Input::ToggleMute,
        Input::ToggleHelp,
        Input::Quit,
        Input::Yes,
        Input::No,
        Input::Escape,
        Input::Enter,
        Input::Report,
    ];
    prop_oneof![
        proptest::sample::select(fixed.to_vec()),
        proptest::sample::select(CheckIn::ALL.to_vec()).prop_map(Input::Answer),
        proptest::sample::select(Extent::ALL.to_vec()).prop_map(Input::Reach),
    ]
}

fn any_act() -> impl Strategy<Value = Act> {
    prop_oneof![
        4 => any_reply().prop_map(r),
        4 => any_command().prop_map(c),
        3 => (0u64..90).prop_map(Act::Wait),
    ]
}

/// A screening script that reaches every verdict often: per group none,
/// yes (then mark the first sign), or a sign's number; then accept the
/// offer and give a baseline.
fn screening() -> impl Strategy<Value = Vec<Act>> {
    let group = prop_oneof![
        5 => Just(vec![r(Input::No)]),
        1 => Just(vec![r(Input::Yes), r(Input::Number(1)), r(Input::Enter)]),
        1 => (1u8..=7).prop_map(|k| vec![r(Input::Number(k)), r(Input::Enter)]),
    ];
    (proptest::collection::vec(group, 4), 0u8..=10, 1u8..=5).prop_map(|(groups, pain, reach)| {
        let mut acts: Vec<Act> = groups.into_iter().flatten().collect();
        acts.extend([
            r(Input::Enter),
            r(Input::Number(pain)),
            r(Input::Number(reach)),
        ]);
        acts
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Whatever happened before, one stop input (either kind) shows the
    /// stop screen, with the stop cue unless it was already showing.
    #[test]
    fn stop_is_always_one_input_away(
        script in screening(),
        tail in proptest::collection::vec(any_act(), 0..60),
    ) {
        let mut run = Run::new(Some(relief()));
        for a in script.into_iter().chain(tail) {
            if run.flow.is_over() {
                break;
            }
            for stop in [c(Input::Stop), r(Input::Stop)] {
                let was_stopped = run.flow.is_stopped();
                let mut probe = Run { flow: run.flow.clone(), now: run.now, fx: Vec::new() };
                let fx = probe.act(stop);
                prop_assert!(probe.flow.is_stopped(), "{:?} from {:?}", stop, run.flow.view(run.now));
                prop_assert_eq!(fx.contains(&Effect::Cue(Cue::SafetyStop)), !was_stopped);
            }
            run.act(a);
        }
    }

    /// No massage step is ever entered unless the screening was clear;
    /// after any other verdict, either nothing runs or a massage-free
    /// routine runs under a no-massage clearance.
    #[test]
    fn no_massage_after_a_non_clear_screening(
        script in screening(),
        tail in proptest::collection::vec(any_act(), 0..80),
    ) {
        let mut run = Run::new(Some(relief()));
        for a in script.into_iter().chain(tail) {
            run.act(a);
            let verdicts = run.verdicts();
            prop_assert!(verdicts.len() <= 1, "one verdict per run: {:?}", verdicts);
            if let Some(s) = run.flow.session() {
                let seg = s.current();
                let step = &s.routine().steps[seg.step];
                let massage_now = matches!(seg.kind, SegmentKind::Active(_)) && !is_massage_free(step);
                match verdicts.first() {
                    Some(Verdict::Clear) => prop_assert!(s.clearance().allows_massage()),
                    Some(Verdict::Acute) => {
                        prop_assert!(!s.clearance().allows_massage());
                        prop_assert!(s.routine().steps.iter().all(is_massage_free));
                        prop_assert!(!massage_now);
                    }
                    other => prop_assert!(false, "a session runs after {:?}", other),
                }
            }
        }
    }
}

#[test]
fn guidance_reaches_the_session_and_a_remote_stop_asks_with_yes_no_keys() {
    let mut run = Run::new(Some(relief()));
    run.flow = run
        .flow
        .clone()
        .with_guidance(crate::session::Guidance::Cues);
    let fx = {
        run.acts(&CLEAR[..5]);
        run.act(CLEAR[5])
    };
    assert!(run.flow.session().is_some());
    // Cues only: the preparation says no words.
    assert!(!fx.iter().any(|e| matches!(e, Effect::Say(_))), "{fx:?}");
    run.act(c(Input::End));
    // While the question is open, `n` is "no" and `y` is "yes".
    assert_eq!(run.flow.keys(), (Context::Running, true));
    run.act(c(Input::No));
    assert!(
        run.fx
            .contains(&Effect::Record(Event::Ended(Outcome::Quit)))
    );
    assert!(run.flow.is_over());
}
