//! How a history entry becomes an `events` row (kind, step, step id,
//! value) and back. Kinds are stable words; decoding refuses what it does
//! not know rather than guessing.
//!
//! Two kinds carry what the per-technique record needs (`tolerance`):
//! `side-started` (value `left` or `right`: a countdown of the step began
//! on that side) and `choice` (what was done about a step that went wrong
//! last time; value `SIDE:CHOICE:BY:TROUBLE:IN_A_ROW:AT_MS:PLANNED_MS`,
//! e.g. `left:shorter:no-answer:sharper:1:1709467200000:30000`, SIDE
//! `none` for a step without sides). Histories written before them have
//! neither and read as they always did.

use std::time::Duration;

use super::model::{Extent, Pain};
use crate::vocab::screening;
use crate::vocab::{
    CheckIn, Choice, ChosenBy, Event, Outcome, Side, StopReason, Tally, Trouble, Why,
};

/// Something that happened during a session, as the history keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// An event of the session state machine.
    Session(Event),
    /// The answer to the danger-sign screening, as a short code chosen by
    /// the screening (for example `clear`, `emergency`, `see-clinician`).
    Screening(String),
    /// A pain rating, before (`after: false`) or after the session.
    Pain {
        /// `false`: the baseline; `true`: at the end.
        after: bool,
        /// 0-10.
        pain: Pain,
        /// How far down the leg, if asked.
        extent: Option<Extent>,
    },
    /// The program was ended from outside (`sigterm`, `sighup`, …).
    Interrupted(String),
}

/// An entry with the time it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    /// Milliseconds since the Unix epoch (UTC).
    pub at_ms: i64,
    /// What happened.
    pub entry: Entry,
}

/// The columns of one `events` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    /// The stable kind word (`step-started`, `check-in`, …).
    pub kind: &'static str,
    /// The step's index in the routine, for step events.
    pub step: Option<i64>,
    /// The step's id, for step events.
    pub step_id: Option<String>,
    /// Whatever else the kind needs (an answer, a duration in ms, a code).
    pub value: Option<String>,
}

fn row(
    kind: &'static str,
    step: Option<usize>,
    step_id: Option<&str>,
    value: Option<String>,
) -> Encoded {
    Encoded {
        kind,
        step: step.map(|s| s as i64),
        step_id: step_id.map(str::to_string),
        value,
    }
}

/// The row for an entry.
pub fn encode(entry: &Entry) -> Encoded {
    match entry {
        Entry::Session(ev) => match ev {
            Event::StepStarted { step, id } => row("step-started", Some(*step), Some(id), None),
            Event::SegmentSkipped { step, id } => row("step-skipped", Some(*step), Some(id), None),
            Event::StepCompleted { step, id } => row("step-completed", Some(*step), Some(id), None),
            Event::Paused => row("paused", None, None, None),
            Event::Resumed => row("resumed", None, None, None),
            Event::Adjusted { step, planned } => row(
                "adjusted",
                Some(*step),
                None,
                Some(planned.as_millis().to_string()),
            ),
            Event::CheckIn { step, answer } => row(
                "check-in",
                Some(*step),
                None,
                Some(answer.code().to_string()),
            ),
            Event::Ended(Outcome::Stopped(r)) => row("stop", None, None, Some(r.code().into())),
            Event::Ended(Outcome::Completed) => row("ended", None, None, Some("completed".into())),
            Event::Ended(Outcome::Quit) => row("ended", None, None, Some("quit".into())),
            // The app sends these three through their own entries; encoded
            // here the same way, they read back as those entries.
            Event::Screened { verdict, signs } => row(
                "screening",
                None,
                None,
                Some(screening::code(*verdict, signs)),
            ),
            Event::Baseline(r) => encode(&Entry::Pain {
                after: false,
                pain: r.pain,
                extent: Some(r.extent),
            }),
            Event::PainAfter(r) => encode(&Entry::Pain {
                after: true,
                pain: r.pain,
                extent: Some(r.extent),
            }),
            Event::Extent { step, extent } => {
                row("extent", *step, None, Some(extent.code().into()))
            }
            Event::RedFlagReported => row("red-flag", None, None, None),
            // Also kept in their own tables (see `schema`), as the
            // person's record; the event row places them in the session.
            Event::Lasting(signs) => row("lasting", None, None, Some(screening::ids(signs))),
            Event::ClinicianOk(signs) => {
                row("clinician-ok", None, None, Some(screening::ids(signs)))
            }
            Event::Assessed(yes) => row(
                "assessed",
                None,
                None,
                Some(if *yes { "yes" } else { "no" }.into()),
            ),
            Event::Began { routine, hash } => {
                row("began", None, None, Some(format!("{hash} {routine}")))
            }
            Event::Tally(t) => row(
                "tally",
                None,
                None,
                Some(format!(
                    "{} {} {} {}",
                    t.active.as_millis(),
                    t.done,
                    t.skipped,
                    t.total
                )),
            ),
            Event::LateStop(r) => row("late-stop", None, None, Some(r.code().into())),
            Event::SideStarted { step, id, side } => row(
                "side-started",
                Some(*step),
                Some(id),
                Some(side.word().into()),
            ),
            Event::Chose {
                step,
                id,
                side,
                choice,
                by,
                why,
                planned,
            } => row(
                "choice",
                Some(*step),
                Some(id),
                Some(format!(
                    "{}:{}:{}:{}:{}:{}:{}",
                    side.map_or("none", Side::word),
                    choice.code(),
                    by.code(),
                    why.trouble.code(),
                    why.in_a_row,
                    why.at_ms,
                    planned.as_millis()
                )),
            ),
        },
        Entry::Screening(code) => row("screening", None, None, Some(code.clone())),
        Entry::Pain {
            after,
            pain,
            extent,
        } => {
            let value = match extent {
                Some(e) => format!("{}:{}", pain.get(), e.code()),
                None => pain.get().to_string(),
            };
            row(
                if *after { "pain-after" } else { "pain-before" },
                None,
                None,
                Some(value),
            )
        }
        Entry::Interrupted(why) => row("interrupted", None, None, Some(why.clone())),
    }
}

/// The entry a row stands for; an error names what could not be read.
pub fn decode(
    kind: &str,
    step: Option<i64>,
    step_id: Option<String>,
    value: Option<String>,
) -> Result<Entry, String> {
    let bad = || format!("event '{kind}' with step {step:?}, id {step_id:?}, value {value:?}");
    let step_no = || step.and_then(|s| usize::try_from(s).ok()).ok_or_else(bad);
    let id = || step_id.clone().ok_or_else(bad);
    let val = || value.clone().ok_or_else(bad);
    let ev = match kind {
        "step-started" => Event::StepStarted {
            step: step_no()?,
            id: id()?,
        },
        "step-skipped" => Event::SegmentSkipped {
            step: step_no()?,
            id: id()?,
        },
        "step-completed" => Event::StepCompleted {
            step: step_no()?,
            id: id()?,
        },
        "paused" => Event::Paused,
        "resumed" => Event::Resumed,
        "adjusted" => Event::Adjusted {
            step: step_no()?,
            planned: Duration::from_millis(val()?.parse().map_err(|_| bad())?),
        },
        "check-in" => {
            let v = val()?;
            let answer = CheckIn::from_code(&v).ok_or_else(bad)?;
            Event::CheckIn {
                step: step_no()?,
                answer,
            }
        }
        "stop" => Event::Ended(Outcome::Stopped(
            StopReason::from_code(&val()?).ok_or_else(bad)?,
        )),
        "ended" => match val()?.as_str() {
            "completed" => Event::Ended(Outcome::Completed),
            "quit" => Event::Ended(Outcome::Quit),
            _ => return Err(bad()),
        },
        "extent" => Event::Extent {
            step: step.and_then(|s| usize::try_from(s).ok()),
            extent: Extent::from_code(&val()?).ok_or_else(bad)?,
        },
        "red-flag" => Event::RedFlagReported,
        "lasting" => Event::Lasting(screening::from_ids(&val()?).ok_or_else(bad)?),
        "clinician-ok" => match screening::from_ids(&val()?) {
            Some(signs) if !signs.is_empty() => Event::ClinicianOk(signs),
            _ => return Err(bad()),
        },
        "assessed" => match val()?.as_str() {
            "yes" => Event::Assessed(true),
            "no" => Event::Assessed(false),
            _ => return Err(bad()),
        },
        "side-started" => Event::SideStarted {
            step: step_no()?,
            id: id()?,
            side: Side::from_word(&val()?).ok_or_else(bad)?,
        },
        "choice" => {
            let v = val()?;
            let f: Vec<&str> = v.split(':').collect();
            let [side, choice, by, trouble, in_a_row, at_ms, planned] = f[..] else {
                return Err(bad());
            };
            Event::Chose {
                step: step_no()?,
                id: id()?,
                side: match side {
                    "none" => None,
                    s => Some(Side::from_word(s).ok_or_else(bad)?),
                },
                choice: Choice::from_code(choice).ok_or_else(bad)?,
                by: ChosenBy::from_code(by).ok_or_else(bad)?,
                why: Why {
                    trouble: Trouble::from_code(trouble).ok_or_else(bad)?,
                    in_a_row: in_a_row.parse().map_err(|_| bad())?,
                    at_ms: at_ms.parse().map_err(|_| bad())?,
                },
                planned: Duration::from_millis(planned.parse().map_err(|_| bad())?),
            }
        }
        "began" => {
            let v = val()?;
            let (hash, routine) = v.split_once(' ').ok_or_else(bad)?;
            Event::Began {
                routine: routine.to_string(),
                hash: hash.to_string(),
            }
        }
        "tally" => {
            let v = val()?;
            let n: Vec<u64> = v
                .split(' ')
                .map(|n| n.parse().map_err(|_| bad()))
                .collect::<Result<_, _>>()?;
            let [active_ms, done, skipped, total] = n[..] else {
                return Err(bad());
            };
            let count = |n: u64| usize::try_from(n).map_err(|_| bad());
            Event::Tally(Tally {
                active: Duration::from_millis(active_ms),
                done: count(done)?,
                skipped: count(skipped)?,
                total: count(total)?,
            })
        }
        "late-stop" => Event::LateStop(StopReason::from_code(&val()?).ok_or_else(bad)?),
        "screening" => return Ok(Entry::Screening(val()?)),
        "interrupted" => return Ok(Entry::Interrupted(val()?)),
        "pain-before" | "pain-after" => {
            let v = val()?;
            let (p, e) = match v.split_once(':') {
                Some((p, e)) => (p, Some(Extent::from_code(e).ok_or_else(bad)?)),
                None => (v.as_str(), None),
            };
            let pain = p.parse().ok().and_then(Pain::new).ok_or_else(bad)?;
            return Ok(Entry::Pain {
                after: kind == "pain-after",
                pain,
                extent: e,
            });
        }
        _ => return Err(bad()),
    };
    Ok(Entry::Session(ev))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::vocab::StopReason;

    /// One of every entry there is.
    pub(crate) fn every_entry() -> Vec<Entry> {
        let id = "piriformis".to_string();
        let mut all: Vec<Entry> = vec![
            Event::StepStarted {
                step: 2,
                id: id.clone(),
            },
            Event::SegmentSkipped {
                step: 2,
                id: id.clone(),
            },
            Event::StepCompleted { step: 2, id },
            Event::Paused,
            Event::Resumed,
            Event::Adjusted {
                step: 2,
                planned: Duration::from_secs(55),
            },
            Event::Ended(Outcome::Completed),
            Event::Ended(Outcome::Quit),
        ]
        .into_iter()
        .map(Entry::Session)
        .collect();
        for answer in CheckIn::ALL {
            all.push(Entry::Session(Event::CheckIn { step: 1, answer }));
        }
        for r in [
            StopReason::PainWorse,
            StopReason::Sharper,
            StopReason::Spreading,
            StopReason::RedFlag,
        ] {
            all.push(Entry::Session(Event::Ended(Outcome::Stopped(r))));
            all.push(Entry::Session(Event::LateStop(r)));
        }
        for step in [Some(3), None] {
            all.push(Entry::Session(Event::Extent {
                step,
                extent: Extent::Buttock,
            }));
        }
        all.push(Entry::Session(Event::RedFlagReported));
        all.push(Entry::Session(Event::Lasting(vec![])));
        all.push(Entry::Session(Event::Lasting(vec![
            crate::vocab::Sign::BleedingRisk,
            crate::vocab::Sign::Pregnancy,
        ])));
        all.push(Entry::Session(Event::ClinicianOk(vec![
            crate::vocab::Sign::BleedingRisk,
        ])));
        all.push(Entry::Session(Event::Assessed(true)));
        all.push(Entry::Session(Event::Assessed(false)));
        for side in Side::ALL {
            all.push(Entry::Session(Event::SideStarted {
                step: 2,
                id: "piriformis".into(),
                side,
            }));
        }
        for (side, choice, by, trouble) in [
            (
                Some(Side::Left),
                Choice::Shorter,
                ChosenBy::NoAnswer,
                Trouble::Sharper,
            ),
            (None, Choice::Skip, ChosenBy::Key, Trouble::Stopped),
            (
                Some(Side::Right),
                Choice::AsWritten,
                ChosenBy::Key,
                Trouble::Spreading,
            ),
        ] {
            all.push(Entry::Session(Event::Chose {
                step: 2,
                id: "piriformis".into(),
                side,
                choice,
                by,
                why: Why {
                    trouble,
                    in_a_row: 2,
                    at_ms: 1_709_467_200_000,
                },
                planned: Duration::from_secs(30),
            }));
        }
        all.push(Entry::Session(Event::Began {
            routine: "acute-relief".into(),
            hash: "0123456789abcdef".into(),
        }));
        all.push(Entry::Session(Event::Tally(Tally {
            active: Duration::from_millis(57_250),
            done: 2,
            skipped: 1,
            total: 3,
        })));
        all.push(Entry::Screening("clear".into()));
        all.push(Entry::Pain {
            after: false,
            pain: Pain::new(6).unwrap(),
            extent: Some(Extent::Thigh),
        });
        all.push(Entry::Pain {
            after: true,
            pain: Pain::new(0).unwrap(),
            extent: None,
        });
        all.push(Entry::Interrupted("sigterm".into()));
        all
    }

    #[test]
    fn every_entry_round_trips() {
        for e in every_entry() {
            let r = encode(&e);
            assert_eq!(decode(r.kind, r.step, r.step_id, r.value), Ok(e));
        }
    }

    #[test]
    fn unknown_or_broken_rows_are_refused() {
        assert!(decode("teleported", None, None, None).is_err());
        assert!(decode("check-in", Some(1), None, Some("meh".into())).is_err());
        assert!(decode("step-started", None, Some("a".into()), None).is_err());
        assert!(decode("pain-after", None, None, Some("11".into())).is_err());
        assert!(decode("pain-after", None, None, Some("3:knee".into())).is_err());
        assert!(decode("lasting", None, None, Some("pregnancy,gout".into())).is_err());
        assert!(decode("clinician-ok", None, None, Some(String::new())).is_err());
        assert!(decode("assessed", None, None, Some("maybe".into())).is_err());
        assert!(decode("tally", None, None, Some("1 2 3".into())).is_err());
        assert!(decode("tally", None, None, Some("1 2 3 x".into())).is_err());
        assert!(decode("began", None, None, Some("nameless".into())).is_err());
        let err = decode("adjusted", Some(0), None, Some("soon".into())).unwrap_err();
        assert!(err.contains("adjusted"), "{err}");
        let id = || Some("a".to_string());
        assert!(decode("side-started", Some(0), id(), Some("both".into())).is_err());
        assert!(decode("side-started", Some(0), id(), None).is_err());
        for value in [
            "left:shorter:no-answer:sharper:1:0",
            "left:shorter:no-answer:sharper:1:0:30000:9",
            "up:shorter:no-answer:sharper:1:0:30000",
            "left:longer:no-answer:sharper:1:0:30000",
            "left:shorter:maybe:sharper:1:0:30000",
            "left:shorter:key:itchy:1:0:30000",
            "left:shorter:key:sharper:-1:0:30000",
            "left:shorter:key:sharper:1:noon:30000",
            "left:shorter:key:sharper:1:0:",
        ] {
            assert!(
                decode("choice", Some(0), id(), Some(value.into())).is_err(),
                "{value}"
            );
        }
    }
}
