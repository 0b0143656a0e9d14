//! From the history to a [`Report`]: a pure fold over the sessions and
//! their events. The shell reads the sessions of the period, feeds every
//! event to [`Gatherer::event`] in the order stored (each session's in order),
//! and hands over what it found of the routines used; nothing here reads
//! the clock, the disk or the environment.
//!
//! Where later data slots in: a new kind of history entry gets an arm in
//! [`Gatherer::event`] that adds a row to its own list, which
//! [`Gatherer::finish`] puts in the report, as choices to shorten or skip a
//! technique (`choice` events) do. Doctor's OKs are the person's, not a
//! session's: the shell hands each one to [`Gatherer::clearance`].

use std::collections::HashMap;

use super::model::{
    ChoiceRow, ClearanceRow, Direction, FlaggedCheck, Grain, PainSummary, Period, Point, Points,
    ReachSummary, Report, RoutineSource, RoutineText, Screening, Stamp, StopPlace, StopRow,
    TechniqueRow, Totals,
};
use crate::history::time;
use crate::history::{Entry, Outcome, SessionRow, StoredEvent};
use crate::vocab::{
    CheckIn, Choice, ChosenBy, Event, Outcome as SessionOutcome, Side, StopReason, Trouble,
};
use crate::vocab::{Group, Sign, Verdict};

/// At most this many points are drawn one per session (a month at three
/// sessions a day); more are grouped by day, then week, then month.
pub const MAX_POINTS: usize = 93;

const DAY_MS: i64 = 86_400_000;

/// A routine of the name the history recorded, as installed now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    /// The name the history recorded.
    pub name: String,
    /// Where it was found ("bundled with unknot", a file).
    pub origin: String,
    /// Its TOML.
    pub toml: String,
    /// The fingerprints a session of it would record now (with and
    /// without the config file's settings applied).
    pub hashes: Vec<String>,
    /// Its steps: (id, title), in order.
    pub steps: Vec<(String, String)>,
}

/// A screening code read back: `clinician:fever,trauma`.
pub fn read_screening(code: &str) -> Option<(Verdict, Vec<Sign>)> {
    crate::vocab::screening::read_code(code)
}

/// What the events told about one session.
#[derive(Debug, Default)]
struct Facts {
    /// Some technique started.
    started: bool,
    /// The technique started last (its id).
    last: Option<String>,
    /// Step index → id, from the techniques started.
    steps: Vec<(usize, String)>,
    /// A stop event was seen.
    stopped: bool,
    /// The stop row of this session, for what the stop screen adds.
    stop_row: Option<usize>,
    /// The screening's code, read or not.
    screening: Option<Result<(Verdict, Vec<Sign>), String>>,
}

/// Where a choice row goes: (routine rank, step index, side).
type ChoiceOrder = (usize, usize, Option<Side>);

/// Folds sessions and events into a report.
#[derive(Debug)]
pub struct Gatherer {
    rows: Vec<SessionRow>,
    facts: Vec<Facts>,
    by_id: HashMap<i64, usize>,
    stops: Vec<StopRow>,
    /// Routine → step id → index in `techniques`.
    technique_at: HashMap<String, HashMap<String, usize>>,
    techniques: Vec<TechniqueRow>,
    /// (routine rank, step index) of each technique, to order them.
    technique_order: Vec<(usize, usize)>,
    routine_rank: HashMap<String, usize>,
    /// Doctor's OKs on record, oldest first.
    clearances: Vec<ClearanceRow>,
    /// Choices after a warning, per (routine, step id, side), with where
    /// to order them.
    choices: Vec<(ChoiceRow, ChoiceOrder)>,
}

impl Gatherer {
    /// Start from the sessions of the period, in the order they started.
    pub fn new(rows: Vec<SessionRow>) -> Gatherer {
        let by_id = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let mut routine_rank = HashMap::new();
        for r in &rows {
            let next = routine_rank.len();
            routine_rank.entry(r.routine.clone()).or_insert(next);
        }
        Gatherer {
            facts: rows.iter().map(|_| Facts::default()).collect(),
            rows,
            by_id,
            stops: Vec::new(),
            technique_at: HashMap::new(),
            techniques: Vec::new(),
            technique_order: Vec::new(),
            routine_rank,
            clearances: Vec::new(),
            choices: Vec::new(),
        }
    }

    /// A doctor's OK on record, given at `at`, covering `covers` (in the
    /// order recorded).
    pub fn clearance(&mut self, at: Stamp, covers: Vec<Sign>) {
        self.clearances.push(ClearanceRow {
            at,
            covers,
            note: None,
        });
    }

    /// The sessions this report covers.
    pub fn rows(&self) -> &[SessionRow] {
        &self.rows
    }

    fn technique(&mut self, row: usize, step: usize, id: &str) -> &mut TechniqueRow {
        let routine = &self.rows[row].routine;
        let i = match self.technique_at.get(routine).and_then(|m| m.get(id)) {
            Some(&i) => i,
            None => {
                let i = self.techniques.len();
                self.techniques.push(TechniqueRow {
                    routine: routine.clone(),
                    id: id.to_string(),
                    title: None,
                    started: 0,
                    done: 0,
                    skipped: 0,
                    answers: [0; 5],
                    stops: 0,
                });
                self.technique_order
                    .push((self.routine_rank.get(routine).copied().unwrap_or(0), step));
                self.technique_at
                    .entry(routine.clone())
                    .or_default()
                    .insert(id.to_string(), i);
                i
            }
        };
        &mut self.techniques[i]
    }

    fn stamp(&self, row: usize, ms: i64) -> Stamp {
        Stamp {
            ms,
            offset_s: self.rows[row].utc_offset_s,
        }
    }

    fn push_stop(
        &mut self,
        row: usize,
        at_ms: i64,
        place: StopPlace,
        reason: Result<StopReason, String>,
    ) {
        if let StopPlace::Technique(id) = &place {
            let step = self.facts[row]
                .steps
                .iter()
                .find(|(_, s)| s == id)
                .map_or(0, |(i, _)| *i);
            let id = id.clone();
            self.technique(row, step, &id).stops += 1;
        }
        let r = &self.rows[row];
        self.stops.push(StopRow {
            at: self.stamp(row, at_ms),
            routine: r.routine.clone(),
            place,
            title: None,
            side: r.side.map(|s| s.word()),
            reason,
            reach: None,
            red_flag: false,
        });
        self.facts[row].stopped = true;
        self.facts[row].stop_row = Some(self.stops.len() - 1);
    }

    /// Take one stored event of session `session` (events of sessions
    /// outside the period are ignored).
    pub fn event(&mut self, session: i64, ev: &StoredEvent) {
        let Some(&row) = self.by_id.get(&session) else {
            return;
        };
        match &ev.entry {
            Entry::Screening(code) => {
                self.facts[row].screening = Some(read_screening(code).ok_or_else(|| code.clone()));
            }
            Entry::Session(e) => self.session_event(row, ev.at_ms, e),
            Entry::Pain { .. } | Entry::Interrupted(_) => {}
        }
    }

    fn session_event(&mut self, row: usize, at_ms: i64, e: &Event) {
        match e {
            Event::StepStarted { step, id } => {
                let f = &mut self.facts[row];
                f.started = true;
                f.last = Some(id.clone());
                if !f.steps.iter().any(|(s, _)| s == step) {
                    f.steps.push((*step, id.clone()));
                }
                self.technique(row, *step, id).started += 1;
            }
            Event::StepCompleted { step, id } => self.technique(row, *step, id).done += 1,
            Event::SegmentSkipped { step, id } => self.technique(row, *step, id).skipped += 1,
            Event::CheckIn { step, answer } => {
                let id = self.facts[row]
                    .steps
                    .iter()
                    .find(|(s, _)| s == step)
                    .map_or_else(|| format!("step {}", step + 1), |(_, id)| id.clone());
                let i = CheckIn::ALL.iter().position(|a| a == answer).unwrap_or(0);
                self.technique(row, *step, &id).answers[i] += 1;
            }
            Event::Ended(SessionOutcome::Stopped(reason)) => {
                let place = match &self.facts[row].last {
                    Some(id) => StopPlace::Technique(id.clone()),
                    None => StopPlace::BeforeTechniques,
                };
                self.push_stop(row, at_ms, place, Ok(*reason));
            }
            Event::LateStop(reason) => {
                self.push_stop(row, at_ms, StopPlace::AfterTechniques, Ok(*reason));
            }
            Event::RedFlagReported => match self.facts[row].stop_row {
                Some(i) => self.stops[i].red_flag = true,
                None => {
                    self.push_stop(
                        row,
                        at_ms,
                        StopPlace::BeforeTechniques,
                        Ok(StopReason::RedFlag),
                    );
                    if let Some(i) = self.facts[row].stop_row {
                        self.stops[i].red_flag = true;
                    }
                }
            },
            Event::Extent { step: None, extent } => {
                if let Some(i) = self.facts[row].stop_row {
                    self.stops[i].reach = Some(*extent);
                }
            }
            Event::Chose { .. } => self.chose(row, e),
            _ => {}
        }
    }

    /// Count one choice made after a warning (an `Event::Chose`).
    fn chose(&mut self, row: usize, e: &Event) {
        let &Event::Chose {
            step,
            ref id,
            side,
            choice,
            by,
            why,
            ..
        } = e
        else {
            return;
        };
        let trouble = why.trouble;
        let routine = &self.rows[row].routine;
        let word = side.map(Side::word);
        let i = match self
            .choices
            .iter()
            .position(|(c, _)| c.routine == *routine && c.id == *id && c.side == word)
        {
            Some(i) => i,
            None => {
                let rank = self.routine_rank.get(routine).copied().unwrap_or(0);
                self.choices.push((
                    ChoiceRow {
                        routine: routine.clone(),
                        id: id.to_string(),
                        title: None,
                        side: word,
                        shortened: 0,
                        skipped: 0,
                        as_written: 0,
                        unanswered: 0,
                        reasons: [0; 3],
                    },
                    (rank, step, side),
                ));
                self.choices.len() - 1
            }
        };
        let c = &mut self.choices[i].0;
        match choice {
            Choice::Shorter => c.shortened += 1,
            Choice::Skip => c.skipped += 1,
            Choice::AsWritten => c.as_written += 1,
        }
        if by == ChosenBy::NoAnswer {
            c.unanswered += 1;
        }
        if let Some(k) = Trouble::ALL.iter().position(|t| *t == trouble) {
            c.reasons[k] += 1;
        }
    }

    /// The report, for `period`, made at `made`, with the routines of the
    /// names used as they are installed now.
    pub fn finish(mut self, period: Period, made: Stamp, installed: &[Installed]) -> Report {
        // Stopped sessions whose stop event is missing still count.
        for row in 0..self.rows.len() {
            let r = &self.rows[row];
            if let (Outcome::Stopped(code), false) = (&r.outcome, self.facts[row].stopped) {
                let reason = StopReason::from_code(code).ok_or_else(|| code.clone());
                let at = r.ended_ms.unwrap_or(r.started_ms);
                let place = match &self.facts[row].last {
                    Some(id) => StopPlace::Technique(id.clone()),
                    None => StopPlace::BeforeTechniques,
                };
                self.push_stop(row, at, place, reason);
            }
        }
        let title = |routine: &str, id: &str| {
            installed
                .iter()
                .find(|i| i.name == routine)
                .and_then(|i| i.steps.iter().find(|(s, _)| s == id))
                .map(|(_, t)| t.clone())
        };
        for s in &mut self.stops {
            if let StopPlace::Technique(id) = &s.place {
                s.title = title(&s.routine, id);
            }
        }
        self.stops.sort_by_key(|s| s.at.ms);
        let mut order: Vec<usize> = (0..self.techniques.len()).collect();
        order.sort_by_key(|&i| self.technique_order[i]);
        let techniques = order
            .into_iter()
            .map(|i| {
                let mut t = self.techniques[i].clone();
                t.title = title(&t.routine, &t.id);
                t
            })
            .collect();
        let mut choices = std::mem::take(&mut self.choices);
        choices.sort_by_key(|(_, at)| *at);
        let choices = choices
            .into_iter()
            .map(|(mut c, _)| {
                c.title = title(&c.routine, &c.id);
                c
            })
            .collect();
        Report {
            period,
            made,
            totals: self.totals(),
            points: points(&self.rows),
            pain: pain(&self.rows),
            reach: reach(&self.rows),
            stops: self.stops,
            techniques,
            screening: screening(&self.rows, &self.facts),
            clearances: self.clearances,
            choices,
            routines: routines(&self.rows, installed),
        }
    }

    fn totals(&self) -> Totals {
        let mut t = Totals {
            sessions: self.rows.len(),
            ..Totals::default()
        };
        for (r, f) in self.rows.iter().zip(&self.facts) {
            t.total_ms += r.duration_ms().unwrap_or(0);
            match r.outcome {
                Outcome::Completed => t.completed += 1,
                Outcome::Stopped(_) => t.stopped += 1,
                Outcome::Interrupted(_) => t.interrupted += 1,
                Outcome::InProgress => t.in_progress += 1,
                Outcome::Quit => {
                    let flagged = matches!(&f.screening, Some(Ok((v, _))) if *v != Verdict::Clear);
                    if flagged && !f.started {
                        t.screened_out += 1;
                    } else {
                        t.quit += 1;
                    }
                }
            }
        }
        t
    }
}

/// Sums for a mean.
#[derive(Debug, Clone, Copy, Default)]
struct Mean {
    sum: f64,
    n: u32,
}

impl Mean {
    fn add(&mut self, v: Option<f64>) {
        if let Some(v) = v {
            self.sum += v;
            self.n += 1;
        }
    }

    fn get(self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / f64::from(self.n))
    }
}

fn values(r: &SessionRow) -> [Option<f64>; 4] {
    [
        r.pain_before.map(|p| f64::from(p.get())),
        r.pain_after.map(|p| f64::from(p.get())),
        r.extent_before.map(|e| f64::from(e.level())),
        r.extent_after.map(|e| f64::from(e.level())),
    ]
}

/// The local day a session's bin starts on, for a grain.
fn bin_day(r: &SessionRow, grain: Grain) -> i64 {
    let day = time::day_number(r.started_ms, r.utc_offset_s);
    match grain {
        Grain::Session | Grain::Day => day,
        // 1970-01-01 was a Thursday: day + 3 is 0 on Mondays.
        Grain::Week => day - (day + 3).rem_euclid(7),
        Grain::Month => day - i64::from(time::civil(r.started_ms, r.utc_offset_s).day) + 1,
    }
}

/// The chart points: one per session, or the means per day, week or month.
pub fn points(rows: &[SessionRow]) -> Points {
    let grain = [Grain::Session, Grain::Day, Grain::Week]
        .into_iter()
        .find(|&g| {
            g == Grain::Session && rows.len() <= MAX_POINTS
                || g != Grain::Session && bins(rows, g) <= MAX_POINTS
        })
        .unwrap_or(Grain::Month);
    if grain == Grain::Session {
        let list = rows
            .iter()
            .map(|r| {
                let [pb, pa, rb, ra] = values(r);
                Point {
                    at: Stamp {
                        ms: r.started_ms,
                        offset_s: r.utc_offset_s,
                    },
                    sessions: 1,
                    pain_before: pb,
                    pain_after: pa,
                    reach_before: rb,
                    reach_after: ra,
                }
            })
            .collect();
        return Points { grain, list };
    }
    // Rows are in the order they started, so bins arrive in order (a
    // change of time zone can step back a few hours: merge into the bin
    // already open when it has the same start).
    let mut list: Vec<(i64, [Mean; 4], usize)> = Vec::new();
    for r in rows {
        let day = bin_day(r, grain);
        let at = match list.iter().rposition(|(d, _, _)| *d == day) {
            Some(i) => i,
            None => {
                list.push((day, [Mean::default(); 4], 0));
                list.len() - 1
            }
        };
        let (_, means, n) = &mut list[at];
        for (m, v) in means.iter_mut().zip(values(r)) {
            m.add(v);
        }
        *n += 1;
    }
    list.sort_by_key(|(d, _, _)| *d);
    let list = list
        .into_iter()
        .map(|(day, [pb, pa, rb, ra], n)| Point {
            at: Stamp {
                ms: day * DAY_MS,
                offset_s: 0,
            },
            sessions: n,
            pain_before: pb.get(),
            pain_after: pa.get(),
            reach_before: rb.get(),
            reach_after: ra.get(),
        })
        .collect();
    Points { grain, list }
}

fn bins(rows: &[SessionRow], grain: Grain) -> usize {
    let mut days: Vec<i64> = rows.iter().map(|r| bin_day(r, grain)).collect();
    days.sort_unstable();
    days.dedup();
    days.len()
}

fn pain(rows: &[SessionRow]) -> PainSummary {
    let mut s = PainSummary::default();
    let (mut before, mut after) = (Mean::default(), Mean::default());
    for r in rows {
        if let Some(p) = r.pain_before {
            s.range_before = Some(match s.range_before {
                Some((lo, hi)) => (lo.min(p), hi.max(p)),
                None => (p, p),
            });
        }
        let Some(change) = r.pain_change() else {
            continue;
        };
        s.rated += 1;
        before.add(r.pain_before.map(|p| f64::from(p.get())));
        after.add(r.pain_after.map(|p| f64::from(p.get())));
        match change {
            c if c < 0 => s.eased += 1,
            0 => s.same += 1,
            _ => s.rose += 1,
        }
    }
    s.mean_before = before.get();
    s.mean_after = after.get();
    s
}

/// Less than this change in the mean level (0 lower back … 4 foot)
/// between the two halves of the period counts as stable.
pub const REACH_STEP: f64 = 0.5;

fn reach(rows: &[SessionRow]) -> ReachSummary {
    let levels: Vec<f64> = rows
        .iter()
        .filter_map(|r| r.extent_before.map(|e| f64::from(e.level())))
        .collect();
    let mut s = ReachSummary {
        rated: levels.len(),
        ..ReachSummary::default()
    };
    let half = levels.len() / 2;
    if half > 0 {
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let (first, second) = (mean(&levels[..half]), mean(&levels[levels.len() - half..]));
        s.trend = Some((first, second, direction(second - first)));
    }
    for r in rows {
        if let (Some(b), Some(a)) = (r.extent_before, r.extent_after) {
            match a.cmp(&b) {
                std::cmp::Ordering::Less => s.drew_back += 1,
                std::cmp::Ordering::Equal => s.same += 1,
                std::cmp::Ordering::Greater => s.spread += 1,
            }
        }
    }
    s
}

fn screening(rows: &[SessionRow], facts: &[Facts]) -> Screening {
    let mut s = Screening::default();
    let mut verdicts: HashMap<Verdict, usize> = HashMap::new();
    let mut signs: HashMap<Sign, usize> = HashMap::new();
    let mut unknown: Vec<(String, usize)> = Vec::new();
    for (r, f) in rows.iter().zip(facts) {
        match &f.screening {
            None => s.unrecorded += 1,
            Some(Err(code)) => {
                s.recorded += 1;
                match unknown.iter_mut().find(|(c, _)| c == code) {
                    Some((_, n)) => *n += 1,
                    None => unknown.push((code.clone(), 1)),
                }
            }
            Some(Ok((verdict, named))) => {
                s.recorded += 1;
                *verdicts.entry(*verdict).or_default() += 1;
                for sign in named {
                    *signs.entry(*sign).or_default() += 1;
                }
                if *verdict != Verdict::Clear {
                    s.flagged.push(FlaggedCheck {
                        at: Stamp {
                            ms: r.started_ms,
                            offset_s: r.utc_offset_s,
                        },
                        verdict: *verdict,
                        signs: named.clone(),
                    });
                }
            }
        }
    }
    s.verdicts = Verdict::ALL
        .into_iter()
        .filter_map(|v| verdicts.get(&v).map(|&n| (v, n)))
        .collect();
    s.signs = Group::ALL
        .into_iter()
        .flat_map(|g| g.signs().iter().copied())
        .filter_map(|x| signs.get(&x).map(|&n| (x, n)))
        .collect();
    s.unknown = unknown;
    s
}

fn routines(rows: &[SessionRow], installed: &[Installed]) -> Vec<RoutineText> {
    let mut out: Vec<RoutineText> = Vec::new();
    for r in rows {
        let i = match out.iter().position(|t| t.name == r.routine) {
            Some(i) => i,
            None => {
                let source =
                    installed
                        .iter()
                        .find(|i| i.name == r.routine)
                        .map(|i| RoutineSource {
                            origin: i.origin.clone(),
                            toml: i.toml.clone(),
                            same_version: 0,
                        });
                out.push(RoutineText {
                    name: r.routine.clone(),
                    sessions: 0,
                    source,
                });
                out.len() - 1
            }
        };
        out[i].sessions += 1;
        let same = installed
            .iter()
            .any(|x| x.name == r.routine && x.hashes.contains(&r.routine_hash));
        if let (Some(src), true) = (&mut out[i].source, same) {
            src.same_version += 1;
        }
    }
    out
}

/// Which way a change in the mean reach level points.
fn direction(delta: f64) -> Direction {
    if delta <= -REACH_STEP {
        Direction::DrawingBack
    } else if delta >= REACH_STEP {
        Direction::Spreading
    } else {
        Direction::Stable
    }
}

#[cfg(test)]
#[path = "gather_tests.rs"]
mod tests;
