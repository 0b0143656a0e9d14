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

use std::collections::HashMap;

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

/// Where one session is, as its events are read. Small vectors: a session
/// has a handful of steps and sides.
#[derive(Debug)]
struct SessionState {
    routine: String,
    offset_s: i32,
    /// Step index → id.
    ids: Vec<(usize, String)>,
    /// The current step, and the side counted down last in it.
    step: Option<usize>,
    side: Option<Side>,
    /// Sides counted down since the current step's last check-in.
    since: Vec<Side>,
    /// Parts skipped with `n` since they last started.
    cut: Vec<Option<Side>>,
    /// What happened to each part in this session.
    runs: Vec<(Part, PartRun)>,
    /// Parts shortened by a choice in this session.
    shortened: Vec<Part>,
    /// The session has ended: nothing after counts for a technique.
    ended: bool,
}

impl SessionState {
    fn new(routine: String, offset_s: i32) -> SessionState {
        SessionState {
            routine,
            offset_s,
            ids: Vec::new(),
            step: None,
            side: None,
            since: Vec::new(),
            cut: Vec::new(),
            runs: Vec::new(),
            shortened: Vec::new(),
            ended: false,
        }
    }

    fn id(&self, step: usize) -> String {
        self.ids
            .iter()
            .find(|(s, _)| *s == step)
            .map_or_else(|| format!("step-{}", step + 1), |(_, id)| id.clone())
    }

    fn name(&mut self, step: usize, id: &str) {
        if !self.ids.iter().any(|(s, _)| *s == step) {
            self.ids.push((step, id.to_string()));
        }
    }

    fn enter_step(&mut self, step: usize, id: &str) {
        self.name(step, id);
        if self.step != Some(step) {
            self.step = Some(step);
            self.side = None;
            self.since.clear();
            self.cut.clear();
        }
    }

    /// This session's run of a part, to add to.
    fn run(&mut self, part: Part, at_ms: i64) -> &mut PartRun {
        let i = match self.runs.iter().position(|(p, _)| *p == part) {
            Some(i) => i,
            None => {
                self.runs.push((
                    part,
                    PartRun {
                        at_ms,
                        trouble: None,
                        done: false,
                    },
                ));
                self.runs.len() - 1
            }
        };
        let run = &mut self.runs[i].1;
        run.at_ms = at_ms;
        run
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
        Fold::of(
            rows.iter()
                .map(|r| (r.id, r.routine.clone(), r.utc_offset_s)),
        )
    }

    /// Start from the sessions to read, as (id, routine, UTC offset).
    pub fn of(sessions: impl IntoIterator<Item = (i64, String, i32)>) -> Fold {
        let sessions = sessions
            .into_iter()
            .map(|(id, routine, offset)| (id, SessionState::new(routine, offset)))
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
        if st.ended {
            return;
        }
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
                st.cut.retain(|c| *c != Some(*side));
            }
            Event::SegmentSkipped { step, id } => {
                st.enter_step(*step, id);
                if !st.cut.contains(&st.side) {
                    st.cut.push(st.side);
                }
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
                    let run = st.run((id.clone(), side), at.ms);
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
            Event::Ended(outcome) => {
                if let (Outcome::Stopped(StopReason::PainWorse | StopReason::RedFlag), Some(step)) =
                    (outcome, st.step)
                {
                    let part = (st.id(step), st.side);
                    self.records
                        .entry(key(&st.routine, part.clone()))
                        .stops
                        .add(at);
                    st.run(part, at.ms).trouble = Some(Trouble::Stopped);
                }
                // Done with this session: its runs go to the records now.
                let runs = std::mem::take(&mut st.runs);
                let shortened = std::mem::take(&mut st.shortened);
                st.ended = true;
                st.ids = Vec::new();
                let routine = st.routine.clone();
                flush(&mut self.records, &routine, runs, &shortened);
            }
            Event::Chose {
                step,
                id,
                side,
                choice,
                ..
            } => {
                st.name(*step, id);
                self.records
                    .entry(key(&st.routine, (id.clone(), *side)))
                    .chose(*choice, at);
                if *choice == Choice::Shorter {
                    st.shortened.push((id.clone(), *side));
                }
            }
            _ => {}
        }
    }

    /// The records, every run in time order.
    pub fn finish(mut self) -> Records {
        for st in self.sessions.into_values() {
            flush(&mut self.records, &st.routine, st.runs, &st.shortened);
        }
        self.records.sort_runs();
        self.records
    }
}

/// A session's runs, into the records.
fn flush(records: &mut Records, routine: &str, runs: Vec<(Part, PartRun)>, shortened: &[Part]) {
    for (part, run) in runs {
        let as_written = !shortened.contains(&part);
        records
            .entry(Key {
                routine: routine.to_string(),
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
    let from = now_ms.saturating_sub(window_ms);
    let mut fold = Fold::of(store.session_heads_between(from, i64::MAX)?);
    store.visit_events_between(from, i64::MAX, |session, ev| fold.event(session, &ev))?;
    Ok(fold.finish())
}

#[cfg(test)]
#[path = "techniques_tests.rs"]
mod tests;
