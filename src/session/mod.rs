//! The pure session state machine. A routine is expanded once into a
//! [`Plan`]; [`Session`] walks it. Time is always passed in: `update(input,
//! now)` and `tick(now)` return [`Effect`]s, `next_deadline()` says when
//! something will next change. No clock reads, no IO. The session's view
//! (`view`) is the immutable snapshot the UI draws.
//!
//! A session can only start from a [`Cleared`] routine, which only the
//! safety intake can produce (see [`crate::safety::clearance`]).
//!
//! A step that went wrong last time ([`StepAdvice`], from the history)
//! shows a warning on its prepare screen with three choices: a shorter
//! countdown, skip it, or as written. A key decides at once; when the
//! preparation ends with no answer, each side gets its default. The step's
//! segments are then expanded again for the sides left and their lengths,
//! and the choice is recorded with its reason (`Event::Chose`). Such a
//! step always has a preparation to show the warning on
//! ([`WARNING_PREPARE`] when the routine gives it none).
//!
//! Remaining time is `planned − (now − segment start − time paused)`, and a
//! segment that ends starts the next one at its exact end instant, so no
//! error accumulates over a session.

pub mod spoken;
mod view;

use std::time::{Duration, Instant};

pub use spoken::Guidance;
pub use view::{Prompt, Stage as StageView, View};

use crate::cue::Cue;
use crate::routine::plan::{Plan, Segment, SegmentKind, expand_step, sides_for};
use crate::routine::{Routine, Side, Step};
use crate::safety::{Clearance, Cleared};
use crate::tolerance::StepAdvice;
use crate::tolerance::words::{self as caution_words, Highlight};
use crate::vocab::Trend;
use crate::vocab::{
    CheckIn, Choice, ChosenBy, Effect, Event, Extent, Input, Outcome, Overlay, Stage, StopReason,
    Tally,
};

/// How much `+`/`-` change the current countdown.
pub const ADJUST_STEP: Duration = Duration::from_secs(5);
/// Within this much of a segment's start, `back` goes to the previous one.
const BACK_RESTART_WINDOW: Duration = Duration::from_secs(3);
/// The preparation given to a step with a warning when its routine gives
/// it none: time to read or hear the warning and choose.
pub const WARNING_PREPARE: Duration = Duration::from_secs(10);

/// What was done about each side of a step with a warning.
pub type Decided = Vec<(Option<Side>, Choice)>;

/// A running session. Construct with [`Session::start`].
#[derive(Debug, Clone)]
pub struct Session {
    routine: Routine,
    /// What the screening allowed; a session without massage clearance
    /// only ever holds a massage-free routine.
    clearance: Clearance,
    plan: Plan,
    /// How much of each step is spoken at its preparation.
    guidance: Guidance,
    index: usize,
    /// Planned length of the current segment, after `+`/`-`.
    planned: Duration,
    seg_start: Instant,
    paused_in_seg: Duration,
    paused_at: Option<Instant>,
    halfway_done: bool,
    /// The next 3-2-1 number still to sound (0: none left).
    countdown_next: u8,
    stage: Stage,
    overlay: Overlay,
    /// The timer was paused because "quit?" was asked (it resumes when
    /// the answer is no).
    paused_for_quit: bool,
    muted: bool,
    started_at: Instant,
    ended_at: Option<Instant>,
    /// Per segment of the plan: whether it ran to its end (at least once).
    ran_out: Vec<bool>,
    /// Per segment of the plan: whether it was cut short with "next".
    cut: Vec<bool>,
    /// Per step: whether it is done (every countdown of it ran out); its
    /// `StepCompleted` is recorded once, when it becomes so.
    completed: Vec<bool>,
    answers: Vec<CheckIn>,
    /// Each check-in answer with its step, in order.
    step_answers: Vec<(usize, CheckIn)>,
    /// The side named with `--side`, which orders and picks the sides.
    affected: Option<Side>,
    /// Per step: the warning from the history, if any.
    advice: Vec<Option<StepAdvice>>,
    /// Per step with a warning: what was done about each side, once decided.
    decided: Vec<Option<Decided>>,
    /// The last known reach of the pain: the baseline, then each reach
    /// given at a check-in. A reach further than this stops the session.
    reach: Option<Extent>,
    /// What the last reach answer meant, shown during the segment that
    /// follows it (cleared when the next one starts).
    note: Option<ReachNote>,
    /// The last instant time was brought up to (for `next_deadline`).
    last_settle: Instant,
}

/// A reach given at a check-in, and how it compares with the one known
/// before it: shown on the screen that follows, so the words about it
/// come only after the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReachNote {
    /// Where it reaches now.
    pub extent: Extent,
    /// Compared with the last known reach (`None`: nothing to compare with).
    pub trend: Option<Trend>,
}

impl Session {
    /// Start at `now`, speaking each step's title at its preparation.
    /// Returns the session and the effects of its first segment (cue,
    /// record). Only a routine the screening admitted can start (see
    /// [`Clearance::admit`]). `reach`: how far the pain reached at the
    /// baseline, the first reach a check-in is compared with.
    pub fn start(
        cleared: Cleared,
        affected: Option<Side>,
        reach: Option<Extent>,
        now: Instant,
    ) -> (Session, Vec<Effect>) {
        Session::start_with(cleared, affected, reach, Vec::new(), now)
    }

    /// [`Session::start`] with the history's warnings, one per step of the
    /// routine (`None`: nothing to say; missing entries count as `None`).
    pub fn start_with(
        cleared: Cleared,
        affected: Option<Side>,
        reach: Option<Extent>,
        advice: Vec<Option<StepAdvice>>,
        now: Instant,
    ) -> (Session, Vec<Effect>) {
        Session::start_guided(cleared, affected, reach, advice, Guidance::default(), now)
    }

    /// [`Session::start_with`], speaking what `guidance` says at each
    /// step's preparation; a preparation too short for its words (and
    /// any warning from the history) is made longer (see
    /// [`spoken::fit_prepare`]).
    pub fn start_guided(
        cleared: Cleared,
        affected: Option<Side>,
        reach: Option<Extent>,
        mut advice: Vec<Option<StepAdvice>>,
        guidance: Guidance,
        now: Instant,
    ) -> (Session, Vec<Effect>) {
        let clearance = cleared.clearance();
        let routine = cleared.into_routine();
        let mut plan = Plan::new(&routine, affected);
        advice.resize(routine.steps.len(), None);
        give_warnings_a_preparation(&mut plan, &advice);
        for seg in &mut plan.segments {
            if seg.kind == SegmentKind::Prepare {
                let words = spoken_at_prepare(
                    &routine.steps[seg.step],
                    seg.side,
                    guidance,
                    advice[seg.step].as_ref(),
                );
                seg.planned = spoken::fit_prepare(seg.planned, words.as_deref());
            }
        }
        assert!(
            !plan.segments.is_empty(),
            "a checked routine always has at least one step"
        );
        let steps = routine.steps.len();
        let segments = plan.segments.len();
        let mut s = Session {
            routine,
            clearance,
            planned: plan.segments[0].planned,
            plan,
            guidance,
            index: 0,
            seg_start: now,
            paused_in_seg: Duration::ZERO,
            paused_at: None,
            halfway_done: false,
            countdown_next: 0,
            stage: Stage::Running,
            overlay: Overlay::None,
            paused_for_quit: false,
            muted: false,
            started_at: now,
            ended_at: None,
            ran_out: vec![false; segments],
            cut: vec![false; segments],
            completed: vec![false; steps],
            answers: Vec::new(),
            step_answers: Vec::new(),
            affected,
            decided: vec![None; steps],
            advice,
            reach,
            note: None,
            last_settle: now,
        };
        let mut fx = Vec::new();
        s.enter(0, now, &mut fx);
        s.settle(now, &mut fx);
        (s, fx)
    }

    pub fn routine(&self) -> &Routine {
        &self.routine
    }

    /// What the screening allowed this session.
    pub fn clearance(&self) -> Clearance {
        self.clearance
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn stage(&self) -> Stage {
        self.stage
    }

    pub fn overlay(&self) -> Overlay {
        self.overlay
    }

    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }

    pub fn is_muted(&self) -> bool {
        self.muted
    }

    /// Index of the current segment in the plan.
    pub fn segment_index(&self) -> usize {
        self.index
    }

    pub fn current(&self) -> &Segment {
        &self.plan.segments[self.index]
    }

    /// Planned length of the current segment, after adjustments.
    pub fn planned(&self) -> Duration {
        self.planned
    }

    pub fn answers(&self) -> &[CheckIn] {
        &self.answers
    }

    /// The warning waiting for an answer: the current segment prepares a
    /// step with a warning not decided yet.
    pub fn asking(&self) -> Option<&StepAdvice> {
        let seg = self.current();
        if self.stage != Stage::Running || seg.kind != SegmentKind::Prepare {
            return None;
        }
        self.pending_advice(seg.step)
    }

    fn pending_advice(&self, step: usize) -> Option<&StepAdvice> {
        match self.decided[step] {
            None => self.advice[step].as_ref(),
            Some(_) => None,
        }
    }

    /// The history's warning for a step, if any.
    pub fn advice(&self, step: usize) -> Option<&StepAdvice> {
        self.advice.get(step).and_then(Option::as_ref)
    }

    /// What was done about each side of a step with a warning, once decided.
    pub fn decided(&self, step: usize) -> Option<&Decided> {
        self.decided.get(step).and_then(Option::as_ref)
    }

    /// The techniques worth naming on the completion screen: the one that
    /// went best (a "drew back" answer first, then "better"), and the
    /// first one shortened or skipped because it went wrong before.
    pub fn highlights(&self) -> Vec<Highlight> {
        let title = |step: usize| self.routine.steps[step].title.clone();
        let mut out = Vec::new();
        let best = [CheckIn::DrewBack, CheckIn::Better]
            .into_iter()
            .find_map(|a| self.step_answers.iter().find(|(_, x)| *x == a));
        if let Some(&(step, answer)) = best {
            out.push(Highlight::Well {
                title: title(step),
                answer,
            });
        }
        let careful = self.decided.iter().enumerate().find_map(|(step, d)| {
            let advice = self.advice[step].as_ref()?;
            d.as_ref()?
                .iter()
                .zip(&advice.sides)
                .find(|((_, c), _)| *c != Choice::AsWritten)
                .map(|(&(side, choice), x)| Highlight::Careful {
                    title: title(step),
                    side: side.filter(|_| !advice.every_side || advice.sides.len() == 1),
                    choice,
                    trouble: x.advice.why.trouble,
                })
        });
        out.extend(careful);
        out
    }

    /// The last known reach: the baseline's, or the latest given at a
    /// check-in.
    pub fn reach(&self) -> Option<Extent> {
        self.reach
    }

    /// Whether the session has ended (completed, stopped or quit).
    pub fn is_over(&self) -> bool {
        !matches!(self.stage, Stage::Running | Stage::CheckIn | Stage::Reach)
    }

    /// Time spent in the current segment, pauses excluded.
    pub fn elapsed(&self, now: Instant) -> Duration {
        let until = self.paused_at.unwrap_or(now);
        until
            .saturating_duration_since(self.seg_start)
            .saturating_sub(self.paused_in_seg)
    }

    /// Exact time left in the current segment.
    pub fn remaining(&self, now: Instant) -> Duration {
        if self.stage != Stage::Running {
            return Duration::ZERO;
        }
        self.planned.saturating_sub(self.elapsed(now))
    }

    /// The instant the current segment ends, if it is running.
    fn segment_end(&self) -> Option<Instant> {
        if self.stage != Stage::Running || self.paused_at.is_some() {
            return None;
        }
        Some(self.seg_start + self.paused_in_seg + self.planned)
    }

    /// When something visible or audible will next change: the next whole
    /// second of the countdown, a halfway cue, or the end of the segment.
    /// `None` while paused, waiting for an answer, or over.
    pub fn next_deadline(&self) -> Option<Instant> {
        let end = self.segment_end()?;
        let base = self.seg_start + self.paused_in_seg;
        // The displayed seconds change when the remaining time crosses a
        // whole second: from `shown` to `shown - 1` at `end - (shown - 1)s`.
        let shown = ceil_secs(self.planned.saturating_sub(self.elapsed(self.last_settle)));
        let mut best = end;
        if shown > 1 {
            best = best.min(end - Duration::from_secs(shown - 1));
        }
        if self.halfway_pending() {
            best = best.min(base + self.planned / 2);
        }
        Some(best)
    }

    /// Advance time: fire due cues, end segments whose time is up.
    pub fn tick(&mut self, now: Instant) -> Vec<Effect> {
        let mut fx = Vec::new();
        self.settle(now, &mut fx);
        fx
    }

    /// Apply a command at `now`.
    pub fn update(&mut self, cmd: Input, now: Instant) -> Vec<Effect> {
        let mut fx = Vec::new();
        // Bring time up to date first, so the command acts on the present.
        self.settle(now, &mut fx);
        match (cmd, self.stage) {
            (Input::Stop, Stage::Stopped(_) | Stage::Quit) => return fx,
            (Input::Stop, _) => {
                self.stop(StopReason::PainWorse, now, &mut fx);
                return fx;
            }
            (Input::Report, Stage::Stopped(StopReason::RedFlag) | Stage::Quit) => {
                return fx;
            }
            (Input::Report, Stage::Stopped(_)) => {
                self.stage = Stage::Stopped(StopReason::RedFlag);
                fx.push(Effect::Cue(Cue::SafetyStop));
                fx.push(Effect::Record(Event::RedFlagReported));
                return fx;
            }
            (Input::Report, _) => {
                self.stop(StopReason::RedFlag, now, &mut fx);
                return fx;
            }
            _ => {}
        }
        if self.stage == Stage::Quit {
            return fx;
        }
        match (self.overlay, cmd) {
            (_, Input::ToggleMute) => self.muted = !self.muted,
            // Ended from afar: was it because of pain? (`x` stops anyway.)
            (Overlay::WhyEnded, Input::Yes) => self.stop(StopReason::PainWorse, now, &mut fx),
            (Overlay::WhyEnded, Input::No | Input::Quit) => {
                self.overlay = Overlay::None;
                self.end(Outcome::Quit, now, &mut fx);
                fx.push(Effect::Exit);
            }
            (Overlay::WhyEnded, _) => {}
            (_, Input::End) if !self.is_over() => self.ask_why_ended(now, &mut fx),
            (Overlay::Help, Input::Escape | Input::ToggleHelp) => self.overlay = Overlay::None,
            (Overlay::ConfirmQuit, Input::Yes) => {
                self.overlay = Overlay::None;
                self.paused_for_quit = false;
                self.end(Outcome::Quit, now, &mut fx);
                fx.push(Effect::Exit);
            }
            (Overlay::ConfirmQuit, Input::No | Input::Escape | Input::Quit) => {
                self.overlay = Overlay::None;
                // The timer goes on only if it was running when asked.
                if std::mem::take(&mut self.paused_for_quit) {
                    self.update_stage(Input::TogglePause, now, &mut fx);
                }
            }
            (Overlay::ConfirmQuit, _) => {}
            (_, Input::ToggleHelp) => self.overlay = Overlay::Help,
            (_, Input::Escape) => self.overlay = Overlay::None,
            (_, Input::Quit | Input::Enter) if self.is_over() => fx.push(Effect::Exit),
            (_, Input::Quit) => {
                self.overlay = Overlay::ConfirmQuit;
                // Nothing counts down while the person is asked whether
                // to quit.
                if self.stage == Stage::Running && self.paused_at.is_none() {
                    self.update_stage(Input::Pause, now, &mut fx);
                    self.paused_for_quit = true;
                }
            }
            _ => self.update_stage(cmd, now, &mut fx),
        }
        self.settle(now, &mut fx);
        fx
    }

    fn update_stage(&mut self, cmd: Input, now: Instant, fx: &mut Vec<Effect>) {
        match (self.stage, cmd) {
            (Stage::Running, Input::TogglePause | Input::Pause) => match self.paused_at {
                Some(at) if cmd == Input::TogglePause => {
                    self.paused_in_seg += now.saturating_duration_since(at);
                    self.paused_at = None;
                    fx.push(Effect::Record(Event::Resumed));
                }
                Some(_) => {}
                None => {
                    self.paused_at = Some(now);
                    fx.push(Effect::Record(Event::Paused));
                }
            },
            (Stage::Running, Input::Next) => {
                let seg = self.current().clone();
                if seg.is_active() {
                    self.cut[self.index] = true;
                    fx.push(Effect::Record(Event::SegmentSkipped {
                        step: seg.step,
                        id: self.routine.steps[seg.step].id.clone(),
                    }));
                }
                self.finish_segment(now, false, fx);
            }
            (Stage::Running, Input::Back) => {
                let target = if self.elapsed(now) < BACK_RESTART_WINDOW {
                    self.index.saturating_sub(1)
                } else {
                    self.index
                };
                self.enter(target, now, fx);
            }
            (Stage::CheckIn, Input::Back) => {
                self.stage = Stage::Running;
                self.enter(self.index, now, fx);
            }
            (Stage::Running, Input::Lengthen | Input::Shorten) => {
                let seg = self.current();
                let step = seg.step;
                if let SegmentKind::Active(kind) = seg.kind {
                    let (lo, hi) = kind.bounds();
                    let wanted = if cmd == Input::Lengthen {
                        self.planned + ADJUST_STEP
                    } else {
                        self.planned.saturating_sub(ADJUST_STEP)
                    };
                    // Never below what has already passed (plus a moment),
                    // never outside the safe bounds of this kind; and `-`
                    // never lengthens (near the end its floor is above the
                    // plan), nor `+` shortens.
                    let floor = lo.max(self.elapsed(now) + Duration::from_secs(1));
                    let new = wanted.clamp(floor.min(hi), hi);
                    let new = if cmd == Input::Lengthen {
                        new.max(self.planned)
                    } else {
                        new.min(self.planned)
                    };
                    if new != self.planned {
                        self.planned = new;
                        // Re-arm 3-2-1 for the numbers still ahead; the one
                        // showing now has already sounded.
                        let left = ceil_secs(self.remaining(now));
                        let start = u64::from(self.countdown_start());
                        self.countdown_next = if left > start {
                            start
                        } else {
                            left.saturating_sub(1)
                        } as u8;
                        fx.push(Effect::Record(Event::Adjusted { step, planned: new }));
                    }
                }
            }
            (Stage::Running, Input::Choose(choice)) if self.asking().is_some() => {
                let at = self.index;
                self.decide(Some(choice), ChosenBy::Key, fx);
                // Nothing left of the step: its preparation ends now.
                let left = self.plan.segments.get(at + 1);
                if left.is_none_or(|s| s.step != self.current().step) {
                    self.finish_segment(now, false, fx);
                }
            }
            // "Reaches less far" is only a claim until the reach is
            // given: nothing is recorded, and nothing is called a good
            // sign, before it is compared with the last known reach.
            (Stage::CheckIn, Input::Answer(CheckIn::DrewBack)) => self.stage = Stage::Reach,
            (Stage::CheckIn, Input::Answer(a)) => self.answer(a, now, fx),
            (Stage::Reach, Input::Back) => self.stage = Stage::CheckIn,
            (Stage::Reach, Input::Reach(extent)) => {
                let step = self.current().step;
                let trend = self.reach.map(|before| Trend::between(before, extent));
                // Further down than last known is spreading, whatever the
                // key that led here; the same is "about the same".
                let answer = match trend {
                    Some(Trend::Spread) => CheckIn::Spreading,
                    Some(Trend::Unchanged) => CheckIn::Same,
                    Some(Trend::Centralised) | None => CheckIn::DrewBack,
                };
                fx.push(Effect::Record(Event::Extent {
                    step: Some(step),
                    extent,
                }));
                self.reach = Some(extent);
                self.answer(answer, now, fx);
                if !self.is_over() {
                    self.note = Some(ReachNote { extent, trend });
                }
            }
            _ => {}
        }
    }

    /// Take a check-in answer: record it, then stop or go on.
    fn answer(&mut self, a: CheckIn, now: Instant, fx: &mut Vec<Effect>) {
        let step = self.current().step;
        self.answers.push(a);
        self.step_answers.push((step, a));
        fx.push(Effect::Record(Event::CheckIn { step, answer: a }));
        match a {
            CheckIn::Sharper => self.stop(StopReason::Sharper, now, fx),
            CheckIn::Spreading => self.stop(StopReason::Spreading, now, fx),
            CheckIn::Better | CheckIn::Same | CheckIn::DrewBack => self.go_on(now, fx),
        }
    }

    /// The session was ended from afar (a remote's Stop): the clock stops
    /// at once and the person is asked, on screen and aloud, whether it was
    /// because of pain, so the history keeps the right reason.
    fn ask_why_ended(&mut self, now: Instant, fx: &mut Vec<Effect>) {
        // Not a pause to go on from: the answer ends the session.
        if self.stage == Stage::Running && self.paused_at.is_none() {
            self.paused_at = Some(now);
        }
        self.overlay = Overlay::WhyEnded;
        fx.push(Effect::Say(spoken::WHY_ENDED.to_string()));
    }

    /// After a check-in that does not stop: the next segment, or the end.
    fn go_on(&mut self, now: Instant, fx: &mut Vec<Effect>) {
        self.stage = Stage::Running;
        if self.index + 1 < self.plan.segments.len() {
            fx.push(Effect::Cue(Cue::NextTechnique));
        }
        self.advance(now, fx);
    }

    /// Enter the next segment, or complete the session when there is none
    /// (the last step was left out).
    fn advance(&mut self, at: Instant, fx: &mut Vec<Effect>) {
        if self.index + 1 < self.plan.segments.len() {
            self.enter(self.index + 1, at, fx);
        } else {
            fx.push(Effect::Cue(Cue::Complete));
            self.end(Outcome::Completed, at, fx);
        }
    }

    /// Decide the warning of the step being prepared (the current segment):
    /// `pick` for every side it concerns, or each side's default. Records
    /// the choice with its reason, says it, and expands the step again for
    /// the sides left and their lengths.
    fn decide(&mut self, pick: Option<Choice>, by: ChosenBy, fx: &mut Vec<Effect>) {
        let step = self.current().step;
        let Some(advice) = self.pending_advice(step).cloned() else {
            return;
        };
        let outcome = advice.outcome(pick);
        let st = &self.routine.steps[step];
        let mut said = Vec::new();
        for (x, &(side, choice)) in advice.sides.iter().zip(&outcome) {
            let planned = x.advice.planned(choice);
            fx.push(Effect::Record(Event::Chose {
                step,
                id: st.id.clone(),
                side,
                choice,
                by,
                why: x.advice.why,
                planned,
            }));
            if let Some(words) = caution_words::spoken_choice(st.kind, choice, planned)
                && !said.contains(&words)
            {
                said.push(words);
            }
        }
        fx.extend(said.into_iter().map(Effect::Say));
        let sides: Vec<Option<Side>> = sides_for(st.sides, self.affected)
            .into_iter()
            .filter(|s| !outcome.contains(&(*s, Choice::Skip)))
            .collect();
        let duration = |side: Option<Side>| {
            advice
                .sides
                .iter()
                .zip(&outcome)
                .find(|(x, _)| x.side == side)
                .map_or(st.duration, |(x, (_, c))| match c {
                    Choice::Shorter => x.advice.shorter,
                    _ => st.duration,
                })
        };
        let segments = expand_step(&self.routine, step, &sides, duration, false);
        let from = self.index + 1;
        let to = from
            + self.plan.segments[from..]
                .iter()
                .take_while(|s| s.step == step)
                .count();
        let n = segments.len();
        self.plan.segments.splice(from..to, segments);
        // The per-segment records follow the plan.
        self.ran_out.splice(from..to, std::iter::repeat_n(false, n));
        self.cut.splice(from..to, std::iter::repeat_n(false, n));
        if let Some(&first) = sides.first() {
            self.plan.segments[self.index].side = first;
        }
        self.decided[step] = Some(outcome);
    }

    /// The 3-2-1 start for the current segment (0 when it has none).
    fn countdown_start(&self) -> u8 {
        let seg = self.current();
        if seg.is_active() && seg.countdown && self.planned > Duration::from_secs(4) {
            3
        } else {
            0
        }
    }

    fn halfway_pending(&self) -> bool {
        let seg = self.current();
        !self.halfway_done
            && seg.is_active()
            && seg.halfway
            && self.planned >= Duration::from_secs(10)
    }

    /// Enter segment `i` at `at`: reset its clock and announce it.
    fn enter(&mut self, i: usize, at: Instant, fx: &mut Vec<Effect>) {
        let starts_step = i == 0 || self.plan.segments[i - 1].step != self.plan.segments[i].step;
        self.note = None;
        self.index = i;
        self.seg_start = at;
        self.paused_in_seg = Duration::ZERO;
        if self.paused_at.is_some() {
            self.paused_at = Some(at);
        }
        self.planned = self.plan.segments[i].planned;
        self.halfway_done = false;
        self.countdown_next = self.countdown_start();
        let seg = &self.plan.segments[i];
        let step = &self.routine.steps[seg.step];
        if starts_step && seg.kind != SegmentKind::Rest {
            fx.push(Effect::Record(Event::StepStarted {
                step: seg.step,
                id: step.id.clone(),
            }));
        }
        match seg.kind {
            SegmentKind::Prepare => {
                fx.push(Effect::Cue(Cue::Prepare));
                let words =
                    spoken_at_prepare(step, seg.side, self.guidance, self.pending_advice(seg.step));
                if let Some(words) = words {
                    fx.push(Effect::Say(words));
                }
            }
            SegmentKind::Active(_) => {
                if let Some(side) = seg.side {
                    fx.push(Effect::Record(Event::SideStarted {
                        step: seg.step,
                        id: step.id.clone(),
                        side,
                    }));
                }
                fx.push(Effect::Cue(Cue::Begin));
                // A step without a preparation: its caution comes with its
                // first countdown (when anything beyond cues is spoken).
                if starts_step
                    && self.guidance != Guidance::Cues
                    && let Some(caution) = &step.caution
                {
                    fx.push(Effect::Say(caution.clone()));
                }
            }
            SegmentKind::SwitchSides => fx.push(Effect::Cue(Cue::SwitchSides)),
            SegmentKind::Rest => fx.push(Effect::Cue(Cue::Rest)),
        }
    }

    /// The current segment is over (at `at`): release, then check in or go on.
    fn finish_segment(&mut self, at: Instant, ran_out: bool, fx: &mut Vec<Effect>) {
        if self.asking().is_some() {
            // The preparation ends with no answer: each side's default.
            self.decide(None, ChosenBy::NoAnswer, fx);
        }
        let seg = self.current().clone();
        if seg.is_active() {
            fx.push(Effect::Cue(Cue::Release));
            if ran_out {
                self.ran_out[self.index] = true;
                // Done once every countdown of the step has run out, each
                // at least once (a redo after "next" counts).
                if !self.completed[seg.step] && self.step_done(seg.step) {
                    self.completed[seg.step] = true;
                    fx.push(Effect::Record(Event::StepCompleted {
                        step: seg.step,
                        id: self.routine.steps[seg.step].id.clone(),
                    }));
                }
            }
        }
        if seg.check_in_after {
            self.stage = Stage::CheckIn;
            self.paused_at = None;
            fx.push(Effect::Cue(Cue::CheckIn));
        } else {
            self.advance(at, fx);
        }
    }

    /// Fire what is due at `now`; end segments whose time is up, starting
    /// each next one at the previous one's exact end.
    fn settle(&mut self, now: Instant, fx: &mut Vec<Effect>) {
        while self.stage == Stage::Running && self.paused_at.is_none() {
            let elapsed = self.elapsed(now);
            if self.halfway_pending() && elapsed >= self.planned / 2 && elapsed < self.planned {
                self.halfway_done = true;
                fx.push(Effect::Cue(Cue::Halfway));
            }
            if self.countdown_next > 0 && elapsed < self.planned {
                let left = ceil_secs(self.planned - elapsed);
                if left <= u64::from(self.countdown_next) {
                    // Only the latest number: stale ones are not replayed.
                    fx.push(Effect::Cue(Cue::Countdown(left as u8)));
                    self.countdown_next = left as u8 - 1;
                }
            }
            if elapsed < self.planned {
                break;
            }
            let end = self.seg_start + self.paused_in_seg + self.planned;
            self.finish_segment(end, true, fx);
        }
        self.last_settle = now;
    }

    fn stop(&mut self, reason: StopReason, now: Instant, fx: &mut Vec<Effect>) {
        self.overlay = Overlay::None;
        fx.push(Effect::Cue(Cue::SafetyStop));
        self.end(Outcome::Stopped(reason), now, fx);
    }

    fn end(&mut self, outcome: Outcome, now: Instant, fx: &mut Vec<Effect>) {
        self.stage = match outcome {
            Outcome::Completed => Stage::Completed,
            Outcome::Stopped(r) => Stage::Stopped(r),
            Outcome::Quit => Stage::Quit,
        };
        self.paused_at = None;
        self.ended_at = Some(now);
        // The numbers the end screens show, kept with the session.
        fx.push(Effect::Record(Event::Tally(self.tally(now))));
        fx.push(Effect::Record(Event::Ended(outcome)));
        fx.push(Effect::Finished(outcome));
    }
}

/// Give every step with a warning a preparation to show it on: routines
/// may have none (`prepare = "0s"`).
fn give_warnings_a_preparation(plan: &mut Plan, advice: &[Option<StepAdvice>]) {
    let mut i = 0;
    while i < plan.segments.len() {
        let seg = &plan.segments[i];
        let starts_step = i == 0 || plan.segments[i - 1].step != seg.step;
        if starts_step && seg.kind != SegmentKind::Prepare && advice[seg.step].is_some() {
            let prepare = Segment {
                kind: SegmentKind::Prepare,
                planned: WARNING_PREPARE,
                check_in_after: false,
                ..seg.clone()
            };
            plan.segments.insert(i, prepare);
        }
        i += 1;
    }
}

impl Session {
    /// The active segments of step `step`, by index in the plan.
    fn countdowns(&self, step: usize) -> impl Iterator<Item = usize> + '_ {
        self.plan
            .segments
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.step == step && s.is_active())
            .map(|(i, _)| i)
    }

    /// Whether every countdown of `step` has run to its end.
    fn step_done(&self, step: usize) -> bool {
        self.countdowns(step).all(|i| self.ran_out[i])
    }

    /// The session's numbers as of `now` (its end, once it has ended); see
    /// [`Tally`] for what each one counts.
    pub fn tally(&self, now: Instant) -> Tally {
        let steps = self.routine.steps.len();
        let done = (0..steps).filter(|&s| self.completed[s]).count();
        let skipped = (0..steps)
            .filter(|&s| !self.completed[s] && self.countdowns(s).any(|i| self.cut[i]))
            .count();
        Tally {
            active: self
                .ended_at
                .unwrap_or(now)
                .saturating_duration_since(self.started_at),
            done,
            skipped,
            total: steps,
        }
    }
}

/// What is said at a step's preparation: the guidance's words (its title
/// and caution; more with `full`) and, when the history warns about the
/// step, the warning, as one utterance (a newer utterance would cut an
/// older one short). Only the cues with [`Guidance::Cues`].
fn spoken_at_prepare(
    step: &Step,
    side: Option<Side>,
    guidance: Guidance,
    advice: Option<&StepAdvice>,
) -> Option<String> {
    let words = spoken::prepare_words(step, side, guidance);
    let warning = advice
        .filter(|_| guidance != Guidance::Cues)
        .map(caution_words::spoken_warning);
    match (words, warning) {
        (Some(w), Some(x)) => Some(format!("{} {x}", spoken::sentence(&w))),
        (w, x) => w.or(x),
    }
}

/// Whole seconds, rounded up: 0:00 shows only when time is really up.
pub fn ceil_secs(d: Duration) -> u64 {
    let s = d.as_secs();
    if d.subsec_nanos() > 0 { s + 1 } else { s }
}

#[cfg(test)]
mod caution_tests;
#[cfg(test)]
mod check_in_tests;
#[cfg(test)]
mod tests;
