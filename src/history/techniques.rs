//! The per-technique record, derived from the stored events: a pure fold
//! ([`Fold`]) over sessions and their events into
//! [`Records`](crate::tolerance::Records), keyed by routine, step id and
//! side, and the query that feeds it ([`load`]). Nothing is stored twice:
//! the record is rebuilt from the events each time it is needed (at a
//! session's start for the last 14 days, and for `unknot history
//! --techniques`).
//!
//! How events are attributed (see [`crate::tolerance`] for why):
//!
//! - `step-started` makes that step the current one (side unknown);
//!   `side-started` sets the side now counted down.
//! - A check-in counts for every side counted down since the step's
//!   previous check-in (both sides after a two-sided step), or for the
//!   step without a side when none was (a step without sides, or history
//!   from before sides were recorded). It counts as done for each of them
//!   not skipped with `n` since it started.
//! - A stop (the stop key, urgent signs) counts for the current step and
//!   side; sharper and spreading stops are their check-ins' and are not
//!   counted twice. A stop before any step, or after the last one, counts
//!   for none.
//! - A choice (`choice`) counts for its step and side; a shortened
//!   countdown is not "as written".
//!
//! Each session a technique was answered or stopped in becomes one
//! [`Run`] of its record.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::codec::{Entry, StoredEvent};
use super::model::SessionRow;
use super::{HistoryError, Store};
use crate::tolerance::{Key, Records, Run, When};
use crate::vocab::{CheckIn, Choice, Event, Outcome, Side, StopReason, Trouble};

/// A part of a technique: its step id and side.
type Part = (String, Option<Side>);

/// What one session says about one part.
#[derive(Debug, Clone, Copy)]
struct PartRun {
    at_ms: i64,
    trouble: Option<Trouble>,
    done: bool,
}

/// Where one session is, as its events are read.
#[derive(Debug)]
struct SessionState {
    routine: String,
    offset_s: i32,
    /// Step index → id.
    ids: HashMap<usize, String>,
    /// The current step, and the side counted down last in it.
    step: Option<usize>,
    side: Option<Side>,
    /// Sides counted down since the current step's last check-in.
    since: Vec<Side>,
    /// Parts skipped with `n` since they last started.
    cut: BTreeSet<Option<Side>>,
    /// What happened to each part in this session.
    runs: BTreeMap<Part, PartRun>,
    /// Parts shortened by a choice in this session.
    shortened: BTreeSet<Part>,
}

impl SessionState {
    fn id(&self, step: usize) -> String {
        self.ids
            .get(&step)
            .cloned()
            .unwrap_or_else(|| format!("step-{}", step + 1))
    }

    fn enter_step(&mut self, step: usize, id: &str) {
        self.ids.insert(step, id.to_string());
        if self.step != Some(step) {
            self.step = Some(step);
            self.side = None;
            self.since.clear();
            self.cut.clear();
        }
    }
}

/// Folds sessions and their events into the per-technique records.
#[derive(Debug, Default)]
pub struct Fold {
    sessions: HashMap<i64, SessionState>,
    records: Records,
}

impl Fold {
    /// Start from the sessions to read (events of others are ignored).
    pub fn new(rows: &[SessionRow]) -> Fold {
        let sessions = rows
            .iter()
            .map(|r| {
                (
                    r.id,
                    SessionState {
                        routine: r.routine.clone(),
                        offset_s: r.utc_offset_s,
                        ids: HashMap::new(),
                        step: None,
                        side: None,
                        since: Vec::new(),
                        cut: BTreeSet::new(),
                        runs: BTreeMap::new(),
                        shortened: BTreeSet::new(),
                    },
                )
            })
            .collect();
        Fold {
            sessions,
            records: Records::new(),
        }
    }

    /// Take one stored event of `session`, in the order they happened.
    pub fn event(&mut self, session: i64, ev: &StoredEvent) {
        let Some(st) = self.sessions.get_mut(&session) else {
            return;
        };
        let Entry::Session(event) = &ev.entry else {
            return;
        };
        let at = When {
            ms: ev.at_ms,
            offset_s: st.offset_s,
        };
        let key = |routine: &str, (step, side): Part| Key {
            routine: routine.to_string(),
            step,
            side,
        };
        match event {
            Event::StepStarted { step, id } => st.enter_step(*step, id),
            Event::SideStarted { step, id, side } => {
                st.enter_step(*step, id);
                st.side = Some(*side);
                if !st.since.contains(side) {
                    st.since.push(*side);
                }
                st.cut.remove(&Some(*side));
            }
            Event::SegmentSkipped { step, id } => {
                st.enter_step(*step, id);
                st.cut.insert(st.side);
            }
            Event::CheckIn { step, answer } => {
                let id = st.id(*step);
                let sides: Vec<Option<Side>> = if st.step == Some(*step) && !st.since.is_empty() {
                    st.since.iter().copied().map(Some).collect()
                } else {
                    vec![None]
                };
                for side in sides {
                    let done = !st.cut.contains(&side);
                    let record = self.records.entry(key(&st.routine, (id.clone(), side)));
                    record.answer(*answer, at);
                    if done {
                        record.done.add(at);
                    }
                    let run = st.runs.entry((id.clone(), side)).or_insert(PartRun {
                        at_ms: at.ms,
                        trouble: None,
                        done: false,
                    });
                    run.at_ms = at.ms;
                    run.done |= done;
                    match answer {
                        CheckIn::Sharper => run.trouble = Some(Trouble::Sharper),
                        CheckIn::Spreading => run.trouble = Some(Trouble::Spreading),
                        _ => {}
                    }
                }
                st.since.clear();
                st.cut.clear();
            }
            Event::Ended(Outcome::Stopped(StopReason::PainWorse | StopReason::RedFlag)) => {
                let Some(step) = st.step else {
                    return;
                };
                let part = (st.id(step), st.side);
                self.records
                    .entry(key(&st.routine, part.clone()))
                    .stops
                    .add(at);
                let run = st.runs.entry(part).or_insert(PartRun {
                    at_ms: at.ms,
                    trouble: None,
                    done: false,
                });
                run.at_ms = at.ms;
                run.trouble = Some(Trouble::Stopped);
            }
            Event::Ended(_) => st.step = None,
            Event::Chose {
                step,
                id,
                side,
                choice,
                ..
            } => {
                st.ids.insert(*step, id.clone());
                self.records
                    .entry(key(&st.routine, (id.clone(), *side)))
                    .chose(*choice, at);
                if *choice == Choice::Shorter {
                    st.shortened.insert((id.clone(), *side));
                }
            }
            _ => {}
        }
    }

    /// The records, every run in time order.
    pub fn finish(mut self) -> Records {
        for st in self.sessions.into_values() {
            for (part, run) in st.runs {
                let as_written = !st.shortened.contains(&part);
                self.records
                    .entry(Key {
                        routine: st.routine.clone(),
                        step: part.0,
                        side: part.1,
                    })
                    .runs
                    .push(Run {
                        at_ms: run.at_ms,
                        trouble: run.trouble,
                        done: run.done,
                        as_written,
                    });
            }
        }
        self.records.sort_runs();
        self.records
    }
}

/// The records of the sessions in `rows` (from the store's session
/// queries), read from `store` in one pass over their events.
pub fn load(store: &Store, rows: &[SessionRow]) -> Result<Records, HistoryError> {
    let (Some(first), Some(last)) = (
        rows.iter().map(|r| r.started_ms).min(),
        rows.iter().map(|r| r.started_ms).max(),
    ) else {
        return Ok(Records::new());
    };
    let mut fold = Fold::new(rows);
    store.visit_events_between(first, last, |session, ev| fold.event(session, &ev))?;
    Ok(fold.finish())
}

/// The records of the sessions that started in the `window_ms` before
/// `now_ms` (or later): what a session's start needs to decide its
/// warnings.
pub fn load_recent(store: &Store, now_ms: i64, window_ms: i64) -> Result<Records, HistoryError> {
    let rows = store.sessions_between(now_ms.saturating_sub(window_ms), i64::MAX, 0)?;
    load(store, &rows)
}

#[cfg(test)]
#[path = "techniques_tests.rs"]
mod tests;
