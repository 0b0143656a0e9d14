//! Tests of the whole run: which routine starts under which verdict, how
//! many keys a first session, an ordinary day and the 30-day re-check
//! take, the stop from every phase, the end questions; and two property
//! tests over random records and input sequences: the stop is always one
//! input away, and no massage step is ever entered unless the screening
//! was clear, or a doctor's OK covers every lasting condition in force and
//! the step is gentle.

use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::*;
use crate::routine::load_str;
use crate::routine::plan::SegmentKind;
use crate::safety::{ClinicianOk, IntakeScreen, LastingAnswers, is_gentle, is_massage_free};
use crate::vocab::{CheckIn, Extent, Group, Sign};

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

/// A gentle routine: light strokes with the hands, then a position.
fn gentle() -> Routine {
    load_str(
        r#"name = "disc-gentle"
summary = "s"
[defaults]
prepare = "5s"
[[steps]]
title = "Light strokes"
kind = "warm-up"
tool = "hands"
pressure = "light"
area = "glutes"
duration = "1m"
[[steps]]
title = "90/90"
kind = "position"
duration = "1m"
"#,
        "gentle.toml",
    )
    .unwrap()
}

const DAY: i64 = 86_400_000;
const NOW: i64 = 1_750_000_000_000;

/// A record with lasting answers given `days_ago` (none: never), these
/// OKs, and the assessment answered in this episode.
fn record(days_ago: Option<i64>, lasting: Vec<Sign>, oks: Vec<Vec<Sign>>) -> OnRecord {
    OnRecord {
        now_ms: NOW,
        lasting: days_ago.map(|d| LastingAnswers {
            at_ms: NOW - d * DAY,
            date: "2025-06-13".into(),
            signs: lasting,
        }),
        oks: oks
            .into_iter()
            .map(|covers| ClinicianOk {
                at_ms: NOW - 50 * DAY,
                date: "2025-04-26".into(),
                covers,
            })
            .collect(),
        assessed_this_episode: days_ago.is_some(),
    }
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
    /// A first session: nothing on record, no gentle routine.
    fn new(relief_routine: Option<Routine>) -> Run {
        Run {
            flow: Flow::new(massage(), relief_routine, None, false),
            now: Instant::now(),
            fx: Vec::new(),
        }
    }

    /// A run of the massage routine, with the relief and gentle routines,
    /// for a person with this record.
    fn with(record: OnRecord, notice: bool) -> Run {
        Run {
            flow: Flow::start(Setup {
                chosen: massage(),
                relief: Some(relief()),
                gentle: Some(gentle()),
                side: None,
                notice,
                record,
            }),
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

/// "None of these" to every screen of a first session (five, "not yet"
/// assessed among them), then a baseline.
const CLEAR: [Act; 7] = [
    Act::In(Input::No),
    Act::In(Input::No),
    Act::In(Input::No),
    Act::In(Input::No),
    Act::In(Input::No),
    Act::In(Input::Number(5)),
    Act::In(Input::Number(3)),
];

/// Inputs until a session runs (panics after 20).
fn keys_to_start(run: &mut Run, replies: &[Input]) -> usize {
    for (n, r) in replies.iter().enumerate() {
        assert!(run.flow.session().is_none(), "started after {n} keys");
        run.act(Act::In(*r));
        if run.flow.session().is_some() {
            return n + 1;
        }
    }
    panic!("no session after {replies:?}");
}

/// "None of these" (or "not yet") to each of `screens` screens, then a
/// baseline: the keys a day with nothing to report takes.
fn nothing_to_report(screens: usize) -> Vec<Input> {
    let mut keys = vec![Input::No; screens];
    keys.extend([Input::Number(2), Input::Number(1)]);
    keys
}

fn screens_until_baseline(run: &Run) -> usize {
    match run.flow.view(run.now) {
        Screen::Intake(v) => match v.screen {
            IntakeScreen::Group { place, .. } => place.1,
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_ordinary_day_takes_at_most_six_keys_and_asks_all_six_urgent_signs() {
    // Nothing lasting, or a lasting condition with a doctor's OK: three
    // screens and the two baseline keys. The first session and the 30-day
    // re-check ask more.
    let cases: Vec<(&str, OnRecord, usize, Allows)> = vec![
        (
            "nothing lasting",
            record(Some(3), vec![], vec![]),
            5,
            Allows::Everything,
        ),
        (
            "with a doctor's OK",
            record(
                Some(3),
                vec![Sign::BleedingRisk],
                vec![vec![Sign::BleedingRisk]],
            ),
            5,
            Allows::Gentle,
        ),
        (
            "30-day re-check",
            record(Some(30), vec![], vec![]),
            6,
            Allows::Everything,
        ),
        ("first session", OnRecord::empty(NOW), 7, Allows::Everything),
    ];
    for (name, rec, keys, allows) in cases {
        let mut run = Run::with(rec, false);
        match run.flow.view(run.now) {
            Screen::Intake(v) => assert!(
                matches!(
                    v.screen,
                    IntakeScreen::Group {
                        group: Group::Emergency,
                        ..
                    }
                ),
                "{name}: the urgent signs come first"
            ),
            other => panic!("{other:?}"),
        }
        assert_eq!(Group::Emergency.signs().len(), 6);
        assert_eq!(screens_until_baseline(&run), keys - 2, "{name}");
        let taken = keys_to_start(&mut run, &nothing_to_report(keys - 2));
        assert_eq!(taken, keys, "{name}");
        if name.contains("nothing lasting") || name.contains("OK") {
            assert!(taken <= 6, "{name}: an ordinary day takes at most 6 keys");
        }
        assert_eq!(
            run.flow.session().unwrap().clearance().allows(),
            allows,
            "{name}"
        );
    }
}

#[test]
fn under_a_doctors_ok_the_gentle_routine_runs_instead() {
    let mut run = Run::with(
        record(Some(3), vec![Sign::Pregnancy], vec![vec![Sign::Pregnancy]]),
        false,
    );
    keys_to_start(&mut run, &nothing_to_report(3));
    let s = run.flow.session().unwrap();
    assert_eq!(s.routine().name, "disc-gentle");
    assert!(s.routine().steps.iter().all(is_gentle));
    assert_eq!(
        run.verdicts(),
        vec![Verdict::Cleared],
        "recorded as cleared, not clear"
    );
    // A gentle routine asked for runs itself.
    let mut run = Run {
        flow: Flow::start(Setup {
            chosen: relief(),
            relief: None,
            gentle: Some(gentle()),
            side: None,
            notice: false,
            record: record(Some(3), vec![Sign::Pregnancy], vec![vec![Sign::Pregnancy]]),
        }),
        now: Instant::now(),
        fx: Vec::new(),
    };
    keys_to_start(&mut run, &nothing_to_report(3));
    assert_eq!(run.flow.session().unwrap().routine().name, "acute-relief");
}

#[test]
fn a_doctors_ok_given_today_is_recorded_and_lets_the_gentle_routine_run() {
    let mut run = Run::with(OnRecord::empty(NOW), false);
    run.acts(&[
        r(Input::No),
        r(Input::No),
        r(Input::Number(1)),
        r(Input::Enter),
        r(Input::Yes),
        r(Input::Yes),
        r(Input::No),
        r(Input::Number(4)),
        r(Input::Number(2)),
    ]);
    assert!(
        run.fx
            .contains(&Effect::Record(Event::ClinicianOk(vec![Sign::BloodClot])))
    );
    assert_eq!(run.flow.session().unwrap().routine().name, "disc-gentle");
    assert_eq!(run.verdicts(), vec![Verdict::Cleared]);
}

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
        r(Input::No),
        r(Input::Number(2)),
        r(Input::Enter),
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
    run.acts(&[
        r(Input::No),
        r(Input::No),
        r(Input::No),
        r(Input::No),
        r(Input::Number(3)),
        r(Input::Enter),
    ]);
    assert!(
        matches!(run.flow.view(run.now), Screen::Intake(v) if matches!(v.screen, IntakeScreen::Verdict { offer: None, .. }))
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
        Input::No,
        Input::Number(2),
        Input::Enter,
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
            Context::CheckIn => run.act(c(Input::Answer(CheckIn::Better))),
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
    assert!(matches!(run.flow.keys(), Context::CheckIn));
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
    let e = r(Input::Enter);
    let first = || Run {
        flow: Flow::new(massage(), None, None, true),
        now: Instant::now(),
        fx: Vec::new(),
    };
    let ordinary = || Run::with(record(Some(3), vec![], vec![]), true);
    let no_gentle = || Run {
        flow: Flow::start(Setup {
            chosen: massage(),
            relief: None,
            gentle: None,
            side: None,
            notice: true,
            record: record(Some(3), vec![Sign::Pregnancy], vec![vec![Sign::Pregnancy]]),
        }),
        now: Instant::now(),
        fx: Vec::new(),
    };
    type Start = Box<dyn Fn() -> Run>;
    let phases: Vec<(&str, Start, Vec<Act>, StopReason)> = vec![
        ("notice", Box::new(first), vec![], StopReason::PainWorse),
        (
            "urgent signs",
            Box::new(first),
            vec![e],
            StopReason::PainWorse,
        ),
        (
            "doctor first",
            Box::new(first),
            vec![e, n],
            StopReason::PainWorse,
        ),
        (
            "marking",
            Box::new(first),
            vec![e, n, r(Input::Yes)],
            StopReason::PainWorse,
        ),
        (
            "lasting",
            Box::new(first),
            vec![e, n, n],
            StopReason::PainWorse,
        ),
        (
            "assessed",
            Box::new(first),
            vec![e, n, n, n],
            StopReason::PainWorse,
        ),
        (
            "today, with advice",
            Box::new(first),
            vec![e, n, n, n, n],
            StopReason::PainWorse,
        ),
        (
            "today, with the reminder",
            Box::new(ordinary),
            vec![e, n, n],
            StopReason::PainWorse,
        ),
        (
            "lasting after c",
            Box::new(ordinary),
            vec![e, n, n, r(Input::Recheck)],
            StopReason::PainWorse,
        ),
        (
            "a doctor's OK?",
            Box::new(first),
            vec![e, n, n, r(Input::Number(1)), e],
            StopReason::PainWorse,
        ),
        (
            "emergency verdict",
            Box::new(first),
            vec![e, r(Input::Yes)],
            StopReason::RedFlag,
        ),
        (
            "doctor verdict",
            Box::new(first),
            vec![e, n, r(Input::Number(1)), e],
            StopReason::PainWorse,
        ),
        (
            "no-massage verdict",
            Box::new(first),
            vec![e, n, n, r(Input::Number(1)), e, n],
            StopReason::PainWorse,
        ),
        (
            "acute verdict",
            Box::new(first),
            vec![e, n, n, n, n, r(Input::Number(2)), e],
            StopReason::PainWorse,
        ),
        (
            "gentle only, none here",
            Box::new(no_gentle),
            vec![e, n, n, n],
            StopReason::PainWorse,
        ),
        (
            "quit question",
            Box::new(first),
            vec![e, r(Input::Quit)],
            StopReason::PainWorse,
        ),
        (
            "pain",
            Box::new(first),
            vec![e, n, n, n, n, n],
            StopReason::PainWorse,
        ),
        (
            "reach",
            Box::new(first),
            vec![e, n, n, n, n, n, r(Input::Number(3))],
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
    for (name, start, acts, reason) in phases {
        let mut run = start();
        run.acts(&acts);
        runs.push((name.to_string(), run, reason));
    }
    for (name, acts, reason) in with_session {
        let mut run = first();
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
        1 => Just(Input::Recheck),
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

/// Some lasting conditions (none to two).
fn lasting_signs(min: usize) -> impl Strategy<Value = Vec<Sign>> {
    proptest::sample::subsequence(Group::Lasting.signs().to_vec(), min..=2)
}

/// Any record: lasting answers of any age (or none), any doctor's OKs,
/// the assessment answered in this episode or not.
fn any_record() -> impl Strategy<Value = OnRecord> {
    (
        proptest::option::of((0i64..60, lasting_signs(0))),
        proptest::collection::vec(lasting_signs(1), 0..3),
        any::<bool>(),
    )
        .prop_map(|(lasting, oks, assessed)| OnRecord {
            now_ms: NOW,
            lasting: lasting.map(|(days, signs)| LastingAnswers {
                at_ms: NOW - days * DAY,
                date: "2025-06-01".into(),
                signs,
            }),
            oks: oks
                .into_iter()
                .map(|covers| ClinicianOk {
                    at_ms: NOW - 90 * DAY,
                    date: "2025-03-17".into(),
                    covers,
                })
                .collect(),
            assessed_this_episode: assessed,
        })
}

/// A screening script that reaches every verdict often: per screen none,
/// yes (then mark the first sign), a sign's number, a plain yes (to "has
/// it been assessed?" or "a doctor's OK?"), or `c`; then accept the offer
/// and give a baseline.
fn screening() -> impl Strategy<Value = Vec<Act>> {
    let screen = prop_oneof![
        6 => Just(vec![r(Input::No)]),
        1 => Just(vec![r(Input::Yes), r(Input::Number(1)), r(Input::Enter)]),
        2 => (1u8..=8).prop_map(|k| vec![r(Input::Number(k)), r(Input::Enter)]),
        2 => Just(vec![r(Input::Yes)]),
        1 => Just(vec![r(Input::Recheck)]),
    ];
    (proptest::collection::vec(screen, 3..9), 0u8..=10, 1u8..=5).prop_map(
        |(screens, pain, reach)| {
            let mut acts: Vec<Act> = screens.into_iter().flatten().collect();
            acts.extend([
                r(Input::Enter),
                r(Input::Number(pain)),
                r(Input::Number(reach)),
            ]);
            acts
        },
    )
}

impl Run {
    /// The lasting conditions in force: as answered in this run (the last
    /// answer), else as on record.
    fn in_force(&self, record: &OnRecord) -> Vec<Sign> {
        self.fx
            .iter()
            .rev()
            .find_map(|e| match e {
                Effect::Record(Event::Lasting(s)) => Some(s.clone()),
                _ => None,
            })
            .unwrap_or_else(|| record.lasting_signs().to_vec())
    }

    /// Whether a doctor's OK covers `sign`: on record, or given in this run.
    fn covered(&self, record: &OnRecord, sign: Sign) -> bool {
        record.covers(sign)
            || self
                .fx
                .iter()
                .any(|e| matches!(e, Effect::Record(Event::ClinicianOk(s)) if s.contains(&sign)))
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Whatever the record and whatever happened before, one stop input
    /// (either kind) shows the stop screen, with the stop cue unless it
    /// was already showing.
    #[test]
    fn stop_is_always_one_input_away(
        rec in any_record(),
        script in screening(),
        tail in proptest::collection::vec(any_act(), 0..60),
    ) {
        let mut run = Run::with(rec, false);
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

    /// No massage step is ever entered unless the screening was clear
    /// with no lasting condition in force, or every lasting condition in
    /// force is covered by a doctor's OK (on record or given in this run)
    /// and the routine is gentle; after any other verdict, either nothing
    /// runs or a massage-free routine runs under a no-massage clearance.
    #[test]
    fn no_massage_without_a_clear_screening_or_a_matching_ok(
        rec in any_record(),
        script in screening(),
        tail in proptest::collection::vec(any_act(), 0..80),
    ) {
        let mut run = Run::with(rec.clone(), false);
        for a in script.into_iter().chain(tail) {
            run.act(a);
            let verdicts = run.verdicts();
            prop_assert!(verdicts.len() <= 1, "one verdict per run: {:?}", verdicts);
            let Some(s) = run.flow.session() else { continue };
            let seg = s.current();
            let step = &s.routine().steps[seg.step];
            let massage_now = matches!(seg.kind, SegmentKind::Active(_)) && !is_massage_free(step);
            let in_force = run.in_force(&rec);
            match verdicts.first() {
                Some(Verdict::Clear) => {
                    prop_assert!(in_force.is_empty(), "clear with {:?} in force", in_force);
                    prop_assert_eq!(s.clearance().allows(), Allows::Everything);
                }
                Some(Verdict::Cleared) => {
                    prop_assert!(!in_force.is_empty());
                    for sign in &in_force {
                        prop_assert!(run.covered(&rec, *sign), "{:?} has no OK", sign);
                    }
                    prop_assert_eq!(s.clearance().allows(), Allows::Gentle);
                    prop_assert!(s.routine().steps.iter().all(is_gentle));
                    prop_assert!(!massage_now || is_gentle(step));
                }
                Some(Verdict::Acute) => {
                    prop_assert_eq!(s.clearance().allows(), Allows::NoMassage);
                    prop_assert!(s.routine().steps.iter().all(is_massage_free));
                    prop_assert!(!massage_now);
                }
                other => prop_assert!(false, "a session runs after {:?}", other),
            }
        }
    }
}

/// What a test step can do around a reach question: answer a check-in,
/// give a reach (as a session or a question screen hears it), let time
/// pass, or move about.
fn reach_act() -> impl Strategy<Value = Act> {
    prop_oneof![
        3 => proptest::sample::select(CheckIn::ALL.to_vec()).prop_map(|a| c(Input::Answer(a))),
        3 => proptest::sample::select(Extent::ALL.to_vec()).prop_map(|e| c(Input::Reach(e))),
        3 => (0u8..=6).prop_map(|n| r(Input::Number(n))),
        3 => (1u64..60).prop_map(Act::Wait),
        1 => Just(c(Input::Next)),
        1 => Just(c(Input::Back)),
        1 => Just(r(Input::Enter)),
        1 => Just(c(Input::ToggleHelp)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// In any sequence of answers, a reach further down the leg than the
    /// last known one (the baseline's, or the latest given at a
    /// check-in) ends the session as a spreading stop, from every screen
    /// where a reach is asked during or after it: the check-in's reach
    /// question and the end questions. Nothing reaching as far or further
    /// is ever called a good sign.
    #[test]
    fn a_further_reach_always_stops_as_spreading(
        baseline in 1u8..=5,
        acts in proptest::collection::vec(reach_act(), 0..80),
    ) {
        let mut run = Run::new(None);
        run.acts(&CLEAR[..5]);
        run.acts(&[r(Input::Number(4)), r(Input::Number(baseline))]);
        prop_assert!(run.flow.session().is_some());
        let mut last = Extent::from_key(baseline).unwrap();
        for a in acts {
            if run.flow.is_over() || run.flow.is_stopped() {
                break;
            }
            // Which reach, if any, this input gives.
            let given = match (&run.flow.view(run.now), a) {
                (Screen::Session(v), Act::In(Input::Reach(e)))
                    if v.stage == StageView::Reach && v.overlay != Overlay::ConfirmQuit =>
                {
                    Some((e, true))
                }
                (Screen::Outro(v), Act::In(Input::Number(n)))
                    if matches!(v.screen, crate::safety::OutroScreen::Extent(_))
                        && !v.confirm_quit =>
                {
                    Extent::from_key(n).map(|e| (e, false))
                }
                _ => None,
            };
            let fx = run.act(a);
            let Some((e, during)) = given else { continue };
            // The words after a reach at a check-in: a good sign only
            // when it reaches less far than the last known reach.
            if let Screen::Session(v) = run.flow.view(run.now)
                && let Some(note) = v.note
            {
                prop_assert_eq!(note.extent, e);
                prop_assert_eq!(note.trend == Some(crate::vocab::Trend::Centralised), e < last);
            }
            if e > last {
                prop_assert!(run.flow.is_stopped(), "{:?} after {:?}", e, last);
                prop_assert!(
                    matches!(run.flow.view(run.now), Screen::Stop(v) if v.reason == StopReason::Spreading)
                );
                prop_assert!(fx.contains(&Effect::Cue(Cue::SafetyStop)));
                let recorded = if during {
                    Event::Ended(Outcome::Stopped(StopReason::Spreading))
                } else {
                    Event::LateStop(StopReason::Spreading)
                };
                prop_assert!(fx.contains(&Effect::Record(recorded)), "{:?}", fx);
            } else {
                prop_assert!(!run.flow.is_stopped(), "{:?} after {:?}", e, last);
                if during {
                    last = e;
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
        run.acts(&CLEAR[..6]);
        run.act(CLEAR[6])
    };
    assert!(run.flow.session().is_some());
    // Cues only: the preparation says no words.
    assert!(!fx.iter().any(|e| matches!(e, Effect::Say(_))), "{fx:?}");
    run.act(c(Input::End));
    // While the question is open, `n` is "no" and `y` is "yes".
    assert_eq!(run.flow.keys(), Context::WhyEnded);
    run.act(c(Input::No));
    assert!(
        run.fx
            .contains(&Effect::Record(Event::Ended(Outcome::Quit)))
    );
    assert!(run.flow.is_over());
}
