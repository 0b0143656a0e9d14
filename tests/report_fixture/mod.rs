//! The history the report tests read: a month of the demo generator's
//! sessions (seed 42, twice a day from 2010-01-01, at UTC+1), plus a few
//! written by hand for what the generator never makes: safety checks that
//! found signs, a session of a routine whose texts try to become markup,
//! a routine name that is markup, a stop on the stop screen with urgent
//! signs, a stop after the last technique, and an interrupted session.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use crate::demo;
use unknot::commands::report::build;
use unknot::history::{Entry, Extent, Outcome, Pain, SessionMeta, Store, StoredEvent};
use unknot::report::model::Stamp;
use unknot::report::{Scope, html};
use unknot::routine::Side;
use unknot::routine::library::Library;
use unknot::vocab::{CheckIn, Event, Outcome as SessionOutcome, StopReason};

/// Demo sessions in the fixture: 30 days, twice a day.
pub const DEMO_SESSIONS: usize = 60;

/// Sessions written by hand.
pub const HAND_SESSIONS: usize = 6;

/// 2010-01-01T00:00:00Z.
pub const JAN_1: i64 = 1_262_304_000_000;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

/// The routine name that is markup.
pub const SCRIPT_NAME: &str = "<script>alert(1)</script>";

/// When the fixture's report is made: 2010-01-31 09:00 at UTC+1.
pub const MADE: Stamp = Stamp {
    ms: JAN_1 + 30 * DAY + 8 * HOUR,
    offset_s: 3600,
};

/// The routines folder of the fixture.
pub fn routines_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report/routines")
}

fn ev(at_ms: i64, e: Event) -> StoredEvent {
    StoredEvent {
        at_ms,
        entry: Entry::Session(e),
    }
}

fn screening(at_ms: i64, code: &str) -> StoredEvent {
    StoredEvent {
        at_ms,
        entry: Entry::Screening(code.into()),
    }
}

/// One hand-written session: its start, routine, side, events, outcome
/// and pain (before, after).
struct Hand<'a> {
    start: i64,
    routine: &'a str,
    side: Option<Side>,
    events: Vec<StoredEvent>,
    outcome: Outcome,
    pain: [Option<(u8, Extent)>; 2],
}

fn write(store: &mut Store, h: Hand<'_>) {
    let meta = SessionMeta {
        started_ms: h.start,
        utc_offset_s: 3600,
        routine: h.routine.into(),
        routine_hash: "0000000000000000".into(),
        side: h.side,
    };
    let id = store.insert_session(&meta, "fixture").unwrap();
    store.append(id, &h.events).unwrap();
    for (after, p) in h.pain.iter().enumerate() {
        if let Some((pain, extent)) = p {
            store
                .set_pain(id, after == 1, Pain::new(*pain).unwrap(), Some(*extent))
                .unwrap();
        }
    }
    let end = h.events.last().map_or(h.start, |e| e.at_ms) + 1000;
    store.finish(id, end, &h.outcome).unwrap();
}

/// Write the fixture history into `dir`.
pub fn history(dir: &Path) {
    let mut store = Store::open(dir).unwrap();
    demo::seed(&mut store, DEMO_SESSIONS, 42).unwrap();
    let at = |day: i64, hour: i64| JAN_1 + day * DAY + hour * HOUR;
    let started = |step: usize, id: &str| Event::StepStarted {
        step,
        id: id.into(),
    };
    // Day 5: signs to see a doctor first; no massage.
    let t = at(4, 12);
    write(
        &mut store,
        Hand {
            start: t,
            routine: "gentle-lower-back",
            side: Some(Side::Left),
            events: vec![
                screening(t + 60_000, "clinician:fever,trauma"),
                ev(t + 70_000, Event::Ended(SessionOutcome::Quit)),
            ],
            outcome: Outcome::Quit,
            pain: [None, None],
        },
    );
    // Day 12: an urgent sign; no session.
    let t = at(11, 12);
    write(
        &mut store,
        Hand {
            start: t,
            routine: "gentle-lower-back",
            side: None,
            events: vec![
                screening(t + 30_000, "emergency"),
                ev(t + 40_000, Event::Ended(SessionOutcome::Quit)),
            ],
            outcome: Outcome::Quit,
            pain: [None, None],
        },
    );
    // Day 15: a routine from a forum, a drawing-back check-in, then the
    // stop key; the stop screen notes the reach and urgent signs.
    let t = at(14, 12);
    write(
        &mut store,
        Hand {
            start: t,
            routine: "forum-routine",
            side: Some(Side::Right),
            events: vec![
                screening(t + 20_000, "clear"),
                ev(t + 60_000, started(0, "glute-ball")),
                ev(
                    t + 120_000,
                    Event::CheckIn {
                        step: 0,
                        answer: CheckIn::DrewBack,
                    },
                ),
                ev(
                    t + 125_000,
                    Event::Extent {
                        step: Some(0),
                        extent: Extent::Buttock,
                    },
                ),
                ev(t + 130_000, started(0, "glute-ball")),
                ev(
                    t + 150_000,
                    Event::Ended(SessionOutcome::Stopped(StopReason::PainWorse)),
                ),
                ev(
                    t + 160_000,
                    Event::Extent {
                        step: None,
                        extent: Extent::Thigh,
                    },
                ),
                ev(t + 170_000, Event::RedFlagReported),
            ],
            outcome: Outcome::Stopped("pain-worse".into()),
            pain: [Some((5, Extent::Thigh)), None],
        },
    );
    // Day 18: a routine whose name is markup, interrupted by a signal.
    let t = at(17, 12);
    write(
        &mut store,
        Hand {
            start: t,
            routine: SCRIPT_NAME,
            side: None,
            events: vec![
                screening(t + 20_000, "clear"),
                ev(t + 30_000, started(0, "\"><img src=x onerror=alert(1)>")),
                StoredEvent {
                    at_ms: t + 90_000,
                    entry: Entry::Interrupted("sigterm".into()),
                },
            ],
            outcome: Outcome::Interrupted(Some("sigterm".into())),
            pain: [Some((4, Extent::Buttock)), None],
        },
    );
    // Day 21: pain began recently: the massage-free routine ran instead
    // (the history keeps the routine first chosen).
    let t = at(20, 12);
    write(
        &mut store,
        Hand {
            start: t,
            routine: "gentle-lower-back",
            side: Some(Side::Left),
            events: vec![
                screening(t + 20_000, "acute"),
                ev(t + 30_000, started(0, "warm-up-rub")),
                ev(
                    t + 330_000,
                    Event::StepCompleted {
                        step: 0,
                        id: "warm-up-rub".into(),
                    },
                ),
                ev(
                    t + 335_000,
                    Event::CheckIn {
                        step: 0,
                        answer: CheckIn::Same,
                    },
                ),
                ev(t + 340_000, Event::Ended(SessionOutcome::Completed)),
            ],
            outcome: Outcome::Completed,
            pain: [Some((7, Extent::BelowKnee)), Some((6, Extent::BelowKnee))],
        },
    );
    // Day 26: completed, then the stop key during the closing questions.
    let t = at(25, 12);
    write(
        &mut store,
        Hand {
            start: t,
            routine: "gentle-lower-back",
            side: Some(Side::Left),
            events: vec![
                screening(t + 20_000, "clear"),
                ev(t + 30_000, started(0, "warm-up-rub")),
                ev(
                    t + 330_000,
                    Event::StepCompleted {
                        step: 0,
                        id: "warm-up-rub".into(),
                    },
                ),
                ev(
                    t + 335_000,
                    Event::CheckIn {
                        step: 0,
                        answer: CheckIn::Better,
                    },
                ),
                ev(t + 340_000, Event::Ended(SessionOutcome::Completed)),
                ev(t + 350_000, Event::LateStop(StopReason::PainWorse)),
            ],
            outcome: Outcome::Completed,
            pain: [Some((5, Extent::Buttock)), Some((3, Extent::LowerBack))],
        },
    );
    // A doctor's OK for blood thinners, given before the period (it still
    // applies), another in it, and one after it (not in this report).
    use unknot::history::person::Fact;
    use unknot::vocab::Sign;
    for (at, covers) in [
        (JAN_1 - 40 * DAY, vec![Sign::BleedingRisk]),
        (at(20, 9), vec![Sign::FragileBones, Sign::Pregnancy]),
        (JAN_1 + 45 * DAY, vec![Sign::RecentSurgery]),
    ] {
        store
            .add_fact(1, at, 0, &Fact::ClinicianOk(covers))
            .unwrap();
    }
}

/// The fixture's report page (January 2010), as the golden file holds it:
/// the fixture folder's path, which differs between machines, replaced.
pub fn page() -> String {
    let dir = tempfile::tempdir().unwrap();
    history(dir.path());
    let store = Store::open(dir.path()).unwrap();
    let library = Library::new(Some(routines_dir()));
    let since = Scope::Since("2010-01-01".parse().unwrap());
    let report = build(&store, since, MADE, &library, None)
        .unwrap()
        .expect("the fixture has sessions");
    let page = html::render(&report, "0.0.0-test");
    page.replace(routines_dir().to_str().unwrap(), "[fixtures]")
}

/// A typical month instead: one session a day through March 2010 (31),
/// one routine, a clear safety check each time, two stops, pain easing
/// and the symptoms drawing back from the thigh over the month.
pub fn typical_month(dir: &Path) {
    let mut store = Store::open(dir).unwrap();
    let ids = [
        "warm-up-rub",
        "paraspinal-sweep",
        "piriformis-ball",
        "hip-flexor-release",
    ];
    let march_1 = JAN_1 + 59 * DAY;
    for day in 0..31_i64 {
        let t = march_1 + day * DAY + 18 * HOUR;
        let mut events = vec![screening(t + 20_000, "clear")];
        let mut at = t + 60_000;
        let stop_at = match day {
            7 => Some((2, StopReason::Sharper)),
            19 => Some((1, StopReason::PainWorse)),
            _ => None,
        };
        let mut outcome = Outcome::Completed;
        for (i, id) in ids.iter().enumerate() {
            events.push(ev(
                at,
                Event::StepStarted {
                    step: i,
                    id: (*id).into(),
                },
            ));
            at += 300_000;
            if let Some((step, reason)) = stop_at.filter(|(s, _)| *s == i) {
                if reason == StopReason::Sharper {
                    events.push(ev(
                        at,
                        Event::CheckIn {
                            step,
                            answer: CheckIn::Sharper,
                        },
                    ));
                }
                events.push(ev(at, Event::Ended(SessionOutcome::Stopped(reason))));
                outcome = Outcome::Stopped(
                    if reason == StopReason::Sharper {
                        "sharper"
                    } else {
                        "pain-worse"
                    }
                    .into(),
                );
                break;
            }
            events.push(ev(
                at,
                Event::StepCompleted {
                    step: i,
                    id: (*id).into(),
                },
            ));
            let answer = match (day + i as i64) % 5 {
                0 | 1 => CheckIn::Better,
                4 if i == 3 => CheckIn::DrewBack,
                _ => CheckIn::Same,
            };
            events.push(ev(at + 5_000, Event::CheckIn { step: i, answer }));
            at += 20_000;
        }
        if outcome == Outcome::Completed {
            events.push(ev(at, Event::Ended(SessionOutcome::Completed)));
        }
        let before = 7 - (day / 8) as u8;
        let reach = [
            Extent::Thigh,
            Extent::Thigh,
            Extent::Buttock,
            Extent::LowerBack,
        ][(day / 8) as usize];
        let after = if outcome == Outcome::Completed {
            Some((
                before - 2,
                Extent::ALL[reach.level().saturating_sub(1) as usize],
            ))
        } else {
            None
        };
        write(
            &mut store,
            Hand {
                start: t,
                routine: "gentle-lower-back",
                side: Some(Side::Left),
                events,
                outcome,
                pain: [Some((before, reach)), after],
            },
        );
    }
}

/// The typical month's page, made on 2010-03-31 at 21:00.
pub fn typical_page() -> String {
    let dir = tempfile::tempdir().unwrap();
    typical_month(dir.path());
    let store = Store::open(dir.path()).unwrap();
    let library = Library::new(Some(routines_dir()));
    let made = Stamp {
        ms: JAN_1 + 89 * DAY + 20 * HOUR,
        offset_s: 3600,
    };
    let report = build(
        &store,
        Scope::Since("2010-03-01".parse().unwrap()),
        made,
        &library,
        None,
    )
    .unwrap()
    .expect("the month has sessions");
    html::render(&report, "0.0.0-test")
}
