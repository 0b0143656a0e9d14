//! The per-technique record: for each routine, step and side, how often it
//! was done, the check-in answers after it, the stops during it, the
//! choices made about it, and the last time each happened; and, session by
//! session, whether it went wrong ([`Run`]), which is what the decision
//! reads. Built by the history's fold (`history::techniques`) from the
//! stored events: derived, never stored.

use std::collections::BTreeMap;

use crate::vocab::{CheckIn, Choice, Side, Trouble};

/// Which technique: a routine's step, on one side (`None`: a step without
/// sides, or a side the history does not know: events from before sides
/// were recorded, or a stop before the step's countdown began).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    /// The routine's name.
    pub routine: String,
    /// The step's id.
    pub step: String,
    /// The side.
    pub side: Option<Side>,
}

/// An instant and the UTC offset of the place it happened (to show it as
/// the person lived it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct When {
    /// Milliseconds since the Unix epoch.
    pub ms: i64,
    /// Seconds east of UTC.
    pub offset_s: i32,
}

/// How many times something happened, and the last time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Seen {
    /// How many times.
    pub count: u32,
    /// The latest of them.
    pub last: Option<When>,
}

impl Seen {
    /// Count one more, at `at`.
    pub fn add(&mut self, at: When) {
        self.count += 1;
        if self.last.is_none_or(|l| at.ms >= l.ms) {
            self.last = Some(at);
        }
    }

    /// Both counts together.
    pub fn merged(self, other: Seen) -> Seen {
        let last = match (self.last, other.last) {
            (Some(a), Some(b)) => Some(if b.ms > a.ms { b } else { a }),
            (a, b) => a.or(b),
        };
        Seen {
            count: self.count + other.count,
            last,
        }
    }
}

/// One session in which the technique ran (or went wrong before its
/// countdown began).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// When: the check-in after it, or the stop.
    pub at_ms: i64,
    /// What went wrong, if anything.
    pub trouble: Option<Trouble>,
    /// Its countdown was not skipped and the check-in after it was
    /// answered.
    pub done: bool,
    /// It was not shortened by a choice.
    pub as_written: bool,
}

impl Run {
    /// Done as written, and nothing went wrong: the technique is
    /// tolerated again.
    pub fn clean(&self) -> bool {
        self.done && self.as_written && self.trouble.is_none()
    }
}

/// Everything the history says about one technique on one side.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Record {
    /// Countdowns done (not skipped, the check-in after them answered).
    pub done: Seen,
    /// Check-in answers after it, in [`CheckIn::ALL`] order (an answer
    /// after both sides of a step counts for each side).
    pub answers: [Seen; 5],
    /// Sessions stopped during it (the stop key, urgent signs).
    pub stops: Seen,
    /// Times it was shortened, skipped, or done as written, by choice
    /// after a warning.
    pub shortened: Seen,
    pub skipped: Seen,
    pub as_written: Seen,
    /// One entry per session it ran in, oldest first.
    pub runs: Vec<Run>,
}

impl Record {
    /// How often `answer` was given after it, and the last time.
    pub fn answered(&self, answer: CheckIn) -> Seen {
        let i = CheckIn::ALL.iter().position(|a| *a == answer);
        i.map_or_else(Seen::default, |i| self.answers[i])
    }

    /// Count one answer.
    pub fn answer(&mut self, answer: CheckIn, at: When) {
        if let Some(i) = CheckIn::ALL.iter().position(|a| *a == answer) {
            self.answers[i].add(at);
        }
    }

    /// Count one choice made after a warning.
    pub fn chose(&mut self, choice: Choice, at: When) {
        match choice {
            Choice::Shorter => self.shortened.add(at),
            Choice::Skip => self.skipped.add(at),
            Choice::AsWritten => self.as_written.add(at),
        }
    }

    /// Every time something went wrong (sharper, spreading, a stop).
    pub fn troubles(&self) -> Seen {
        self.answered(CheckIn::Sharper)
            .merged(self.answered(CheckIn::Spreading))
            .merged(self.stops)
    }

    /// Both records as one: counts added, runs merged in time order.
    pub fn merged(&self, other: &Record) -> Record {
        let mut runs: Vec<Run> = self.runs.iter().chain(&other.runs).copied().collect();
        runs.sort_by_key(|r| r.at_ms);
        let mut answers = self.answers;
        for (a, b) in answers.iter_mut().zip(other.answers) {
            *a = a.merged(b);
        }
        Record {
            done: self.done.merged(other.done),
            answers,
            stops: self.stops.merged(other.stops),
            shortened: self.shortened.merged(other.shortened),
            skipped: self.skipped.merged(other.skipped),
            as_written: self.as_written.merged(other.as_written),
            runs,
        }
    }
}

/// The records of every technique the history knows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Records {
    map: BTreeMap<Key, Record>,
}

impl Records {
    /// No history.
    pub fn new() -> Records {
        Records::default()
    }

    /// The record of one technique on one side, to add to.
    pub fn entry(&mut self, key: Key) -> &mut Record {
        self.map.entry(key).or_default()
    }

    /// The record kept under exactly this key.
    pub fn get(&self, routine: &str, step: &str, side: Option<Side>) -> Option<&Record> {
        self.map.get(&Key {
            routine: routine.to_string(),
            step: step.to_string(),
            side,
        })
    }

    /// What is known about a step on `side`: for a side, its own record
    /// together with the one kept without a side (old history, a stop
    /// before the countdown began), which stands for either side.
    pub fn for_side(&self, routine: &str, step: &str, side: Option<Side>) -> Record {
        let unknown = self.get(routine, step, None);
        match side {
            None => unknown.cloned().unwrap_or_default(),
            Some(s) => {
                let own = self.get(routine, step, Some(s));
                match (own, unknown) {
                    (Some(a), Some(b)) => a.merged(b),
                    (a, b) => a.or(b).cloned().unwrap_or_default(),
                }
            }
        }
    }

    /// Every record, by routine, step id and side.
    pub fn iter(&self) -> impl Iterator<Item = (&Key, &Record)> {
        self.map.iter()
    }

    /// How many techniques (with sides) have a record.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the history holds nothing about any technique.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Put each record's runs in time order (the fold calls it once).
    pub fn sort_runs(&mut self) {
        for r in self.map.values_mut() {
            r.runs.sort_by_key(|r| r.at_ms);
        }
    }
}
