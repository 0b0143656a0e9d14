//! Tests of the fold from sessions and events to a report.

use super::*;
use crate::history::{Extent, Pain};
use crate::routine::Side;

const DAY: i64 = 86_400_000;

fn row(id: i64, day: i64, outcome: Outcome) -> SessionRow {
    SessionRow {
        id,
        started_ms: day * DAY + 8 * 3_600_000,
        ended_ms: Some(day * DAY + 8 * 3_600_000 + 600_000),
        utc_offset_s: 3600,
        routine: "gentle-lower-back".into(),
        routine_hash: "aaaa".into(),
        asked_routine: "gentle-lower-back".into(),
        asked_hash: "aaaa".into(),
        side: Some(Side::Left),
        outcome,
        screening: None,
        pain_before: Pain::new(6),
        extent_before: Some(Extent::Thigh),
        pain_after: Pain::new(4),
        extent_after: Some(Extent::Buttock),
        active_ms: Some(600_000),
        steps_completed: 1,
        steps_skipped: 0,
        steps_total: None,
    }
}

fn ev(at_ms: i64, e: Event) -> StoredEvent {
    StoredEvent {
        at_ms,
        entry: Entry::Session(e),
    }
}

fn started(step: usize, id: &str) -> Event {
    Event::StepStarted {
        step,
        id: id.into(),
    }
}

const PERIOD: Period = Period {
    first_day: 0,
    last_day: 29,
};

const MADE: Stamp = Stamp {
    ms: 30 * DAY,
    offset_s: 3600,
};

fn installed() -> Installed {
    Installed {
        name: "gentle-lower-back".into(),
        origin: "bundled with unknot".into(),
        toml: "name = \"gentle-lower-back\"\n".into(),
        hashes: vec!["aaaa".into()],
        steps: vec![("rub".into(), "Warm-up rub".into())],
    }
}

#[test]
fn screening_codes_are_read_back() {
    assert_eq!(read_screening("clear"), Some((Verdict::Clear, vec![])));
    assert_eq!(
        read_screening("clinician:fever,trauma"),
        Some((Verdict::Clinician, vec![Sign::Fever, Sign::Trauma]))
    );
    assert_eq!(
        read_screening("emergency"),
        Some((Verdict::Emergency, vec![]))
    );
    assert_eq!(read_screening("clinician:fever,hiccups"), None);
    assert_eq!(read_screening("fine"), None);
    // Every code the screening writes reads back.
    for g in Group::ALL {
        for &s in g.signs() {
            for v in Verdict::ALL {
                let code = crate::vocab::screening::code(v, &[s]);
                assert_eq!(read_screening(&code), Some((v, vec![s])), "{code}");
            }
        }
    }
}

#[test]
fn stops_name_the_technique_side_reason_and_what_was_noted() {
    let rows = vec![
        row(1, 0, Outcome::Stopped("sharper".into())),
        row(2, 1, Outcome::Stopped("pain-worse".into())),
        row(3, 2, Outcome::Completed),
        // Stopped, but its stop event is missing: still listed.
        row(4, 3, Outcome::Stopped("spreading".into())),
    ];
    let mut g = Gatherer::new(rows);
    let t = 8 * 3_600_000;
    g.event(1, &ev(t + 1, started(0, "rub")));
    g.event(
        1,
        &ev(
            t + 2,
            Event::CheckIn {
                step: 0,
                answer: CheckIn::Sharper,
            },
        ),
    );
    g.event(
        1,
        &ev(
            t + 3,
            Event::Ended(SessionOutcome::Stopped(StopReason::Sharper)),
        ),
    );
    g.event(
        1,
        &ev(
            t + 4,
            Event::Extent {
                step: None,
                extent: Extent::Foot,
            },
        ),
    );
    g.event(1, &ev(t + 5, Event::RedFlagReported));
    // Stopped during the safety check: no technique yet.
    g.event(
        2,
        &ev(
            DAY + t + 1,
            Event::Ended(SessionOutcome::Stopped(StopReason::PainWorse)),
        ),
    );
    // The stop key during the closing questions of a completed session.
    g.event(
        3,
        &ev(2 * DAY + t + 9, Event::LateStop(StopReason::PainWorse)),
    );
    // A session outside the period is ignored.
    g.event(99, &ev(0, started(0, "rub")));
    let r = g.finish(PERIOD, MADE, &[installed()]);
    let places: Vec<&StopPlace> = r.stops.iter().map(|s| &s.place).collect();
    assert_eq!(
        places,
        [
            &StopPlace::Technique("rub".into()),
            &StopPlace::BeforeTechniques,
            &StopPlace::AfterTechniques,
            &StopPlace::BeforeTechniques,
        ]
    );
    let first = &r.stops[0];
    assert_eq!(first.title.as_deref(), Some("Warm-up rub"));
    assert_eq!(
        (first.side, first.reason.clone()),
        (Some("left"), Ok(StopReason::Sharper))
    );
    assert_eq!((first.reach, first.red_flag), (Some(Extent::Foot), true));
    assert_eq!(r.stops[3].reason, Ok(StopReason::Spreading));
    assert_eq!(r.stops[3].at.ms, 3 * DAY + t + 600_000);
    let rub = &r.techniques[0];
    assert_eq!(
        (rub.started, rub.stops, rub.answered(CheckIn::Sharper)),
        (1, 1, 1)
    );
    assert_eq!(r.totals.stopped, 3);
    assert_eq!(r.totals.completed, 1);
}

#[test]
fn techniques_count_starts_answers_and_skips_in_routine_order() {
    let mut other = row(2, 1, Outcome::Completed);
    other.routine = "mine".into();
    let rows = vec![row(1, 0, Outcome::Completed), other];
    let mut g = Gatherer::new(rows);
    for (session, id) in [(1, "rub"), (2, "ball")] {
        g.event(session, &ev(1, started(1, "second")));
        g.event(session, &ev(0, started(0, id)));
        g.event(
            session,
            &ev(
                2,
                Event::SegmentSkipped {
                    step: 0,
                    id: id.into(),
                },
            ),
        );
        for answer in [CheckIn::Better, CheckIn::DrewBack] {
            g.event(session, &ev(3, Event::CheckIn { step: 0, answer }));
        }
        g.event(
            session,
            &ev(
                4,
                Event::StepCompleted {
                    step: 1,
                    id: "second".into(),
                },
            ),
        );
    }
    let r = g.finish(PERIOD, MADE, &[installed()]);
    let names: Vec<(&str, &str, Option<&str>)> = r
        .techniques
        .iter()
        .map(|t| (t.routine.as_str(), t.id.as_str(), t.title.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("gentle-lower-back", "rub", Some("Warm-up rub")),
            ("gentle-lower-back", "second", None),
            ("mine", "ball", None),
            ("mine", "second", None),
        ]
    );
    let rub = &r.techniques[0];
    assert_eq!((rub.started, rub.done, rub.skipped), (1, 0, 1));
    assert_eq!(rub.answers, [1, 0, 0, 0, 1]);
    assert_eq!(r.techniques[1].done, 1);
}

#[test]
fn screening_counts_verdicts_signs_and_flagged_checks() {
    let rows: Vec<SessionRow> = (1..=5).map(|i| row(i, i, Outcome::Quit)).collect();
    let mut g = Gatherer::new(rows);
    let code = |s: &str| StoredEvent {
        at_ms: 0,
        entry: Entry::Screening(s.into()),
    };
    g.event(1, &code("clear"));
    g.event(1, &ev(1, started(0, "rub")));
    g.event(2, &code("clinician:fever,trauma"));
    g.event(3, &code("emergency"));
    g.event(4, &code("from-the-future"));
    let r = g.finish(PERIOD, MADE, &[]);
    let s = &r.screening;
    assert_eq!((s.recorded, s.unrecorded), (4, 1));
    assert_eq!(
        s.verdicts,
        [
            (Verdict::Emergency, 1),
            (Verdict::Clinician, 1),
            (Verdict::Clear, 1)
        ]
    );
    assert_eq!(s.signs, [(Sign::Fever, 1), (Sign::Trauma, 1)]);
    assert_eq!(s.flagged.len(), 2);
    assert_eq!(s.flagged[0].verdict, Verdict::Clinician);
    assert_eq!(s.unknown, [("from-the-future".to_string(), 1)]);
    // Quit after a clear check with a technique started is a quit; quit
    // at a check that found signs is "ended at the safety check".
    assert_eq!((r.totals.quit, r.totals.screened_out), (3, 2));
}

#[test]
fn pain_and_reach_are_summarised() {
    let mut rows: Vec<SessionRow> = (0..4).map(|d| row(d + 1, d, Outcome::Completed)).collect();
    // Later sessions reach less far before they start: drawing back.
    rows[2].extent_before = Some(Extent::Buttock);
    rows[3].extent_before = Some(Extent::LowerBack);
    rows[3].extent_after = Some(Extent::Buttock);
    rows[1].pain_after = Pain::new(7);
    rows[0].pain_after = None;
    let r = Gatherer::new(rows).finish(PERIOD, MADE, &[]);
    let p = r.pain;
    assert_eq!((p.rated, p.eased, p.same, p.rose), (3, 2, 0, 1));
    assert_eq!(p.mean_before, Some(6.0));
    assert_eq!(p.mean_after, Some(5.0));
    assert_eq!(
        p.range_before,
        Some((Pain::new(6).unwrap(), Pain::new(6).unwrap()))
    );
    let (first, second, dir) = r.reach.trend.unwrap();
    assert_eq!((first, second, dir), (2.0, 0.5, Direction::DrawingBack));
    assert_eq!((r.reach.drew_back, r.reach.same, r.reach.spread), (2, 1, 1));
}

#[test]
fn a_small_change_in_reach_is_stable_and_a_large_one_spreading() {
    // Thigh is level 2, below the knee 3: halves of 2, 2, 2 and 2, 2, 3
    // differ by a third of a level; 2, 3, 3 by two thirds.
    let mut rows: Vec<SessionRow> = (0..6).map(|d| row(d + 1, d, Outcome::Completed)).collect();
    rows[5].extent_before = Some(Extent::BelowKnee);
    let r = Gatherer::new(rows.clone()).finish(PERIOD, MADE, &[]);
    assert_eq!(r.reach.trend.unwrap().2, Direction::Stable);
    rows[4].extent_before = Some(Extent::BelowKnee);
    let r = Gatherer::new(rows).finish(PERIOD, MADE, &[]);
    assert_eq!(r.reach.trend.unwrap().2, Direction::Spreading);
}

#[test]
fn many_sessions_are_grouped_by_day_week_then_month() {
    let many = |n: i64, per_day: i64| -> Vec<SessionRow> {
        (0..n)
            .map(|i| row(i, i / per_day, Outcome::Completed))
            .collect()
    };
    assert_eq!(points(&many(93, 3)).grain, Grain::Session);
    let by_day = points(&many(120, 2));
    assert_eq!((by_day.grain, by_day.list.len()), (Grain::Day, 60));
    assert_eq!(by_day.list[0].sessions, 2);
    assert_eq!(by_day.list[0].pain_before, Some(6.0));
    assert_eq!(points(&many(400, 1)).grain, Grain::Week);
    let by_month = points(&many(10_000, 2));
    assert_eq!(by_month.grain, Grain::Month);
    // 5 000 days from 1970-01-01 run to 1983-09: 165 months.
    assert_eq!(by_month.list.len(), 165);
    assert_eq!(
        by_month.list.iter().map(|p| p.sessions).sum::<usize>(),
        10_000
    );
    // Weeks start on Mondays: 1970-01-05 was one.
    let weeks = points(&many(400, 1));
    assert_eq!(weeks.list[1].at.ms, 4 * DAY);
}

#[test]
fn routines_say_how_many_sessions_ran_the_text_shown() {
    let mut changed = row(2, 1, Outcome::Completed);
    changed.routine_hash = "bbbb".into();
    let mut gone = row(3, 2, Outcome::Completed);
    gone.routine = "deleted".into();
    let rows = vec![row(1, 0, Outcome::Completed), changed, gone];
    let r = Gatherer::new(rows).finish(PERIOD, MADE, &[installed()]);
    assert_eq!(r.routines.len(), 2);
    assert_eq!(r.routines[0].sessions, 2);
    assert_eq!(r.routines[0].source.as_ref().unwrap().same_version, 1);
    assert_eq!(r.routines[1].name, "deleted");
    assert_eq!(r.routines[1].source, None);
}

#[test]
fn choices_after_a_warning_are_counted_per_technique_and_side_with_why() {
    use crate::vocab::{Choice, ChosenBy, Trouble, Why};
    let chose = |at, side, choice, by, trouble| {
        ev(
            at,
            Event::Chose {
                step: 0,
                id: "rub".into(),
                side,
                choice,
                by,
                why: Why {
                    trouble,
                    in_a_row: 1,
                    at_ms: 0,
                },
                planned: std::time::Duration::from_secs(30),
            },
        )
    };
    let mut g = Gatherer::new(vec![
        row(1, 1, Outcome::Completed),
        row(2, 2, Outcome::Completed),
    ]);
    let l = Some(Side::Left);
    for (session, e) in [
        (
            1,
            chose(
                DAY,
                l,
                Choice::Shorter,
                ChosenBy::NoAnswer,
                Trouble::Sharper,
            ),
        ),
        (
            1,
            chose(DAY, None, Choice::Skip, ChosenBy::Key, Trouble::Stopped),
        ),
        (
            2,
            chose(
                2 * DAY,
                l,
                Choice::Skip,
                ChosenBy::NoAnswer,
                Trouble::Sharper,
            ),
        ),
        (
            2,
            chose(
                2 * DAY,
                l,
                Choice::AsWritten,
                ChosenBy::Key,
                Trouble::Spreading,
            ),
        ),
    ] {
        g.event(session, &e);
    }
    // Events of a session outside the period are not counted.
    g.event(
        9,
        &chose(3 * DAY, l, Choice::Skip, ChosenBy::Key, Trouble::Sharper),
    );
    let report = g.finish(PERIOD, MADE, &[installed()]);
    let c = &report.choices;
    assert_eq!(c.len(), 2, "{c:#?}");
    let left = c.iter().find(|r| r.side == Some("left")).unwrap();
    assert_eq!(left.title.as_deref(), Some("Warm-up rub"));
    assert_eq!(
        (
            left.shortened,
            left.skipped,
            left.as_written,
            left.unanswered
        ),
        (1, 1, 1, 2)
    );
    assert_eq!(
        (
            left.because(Trouble::Sharper),
            left.because(Trouble::Spreading),
            left.because(Trouble::Stopped)
        ),
        (2, 1, 0)
    );
    let whole = c.iter().find(|r| r.side.is_none()).unwrap();
    assert_eq!((whole.skipped, whole.because(Trouble::Stopped)), (1, 1));
    // Ordered by routine, step, then side (none first).
    assert!(c[0].side.is_none());
    let page = crate::report::html::render(&report, "t");
    assert!(page.contains("<h2>Techniques shortened or skipped by choice</h2>"));
    assert!(page.contains("Warm-up rub, left side"));
}
