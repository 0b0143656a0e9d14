//! The pure session state machine. A routine is expanded once into a
//! [`Plan`]; [`Session`] walks it. Time is always passed in: `update(input,
//! now)` and `tick(now)` return [`Effect`]s, `next_deadline()` says when
//! something will next change. No clock reads, no IO. The session's view
//! (`view`) is the immutable snapshot the UI draws.
//!
//! A session can only start from a [`Cleared`] routine, which only the
//! safety intake can produce (see [`crate::safety::clearance`]).
//!
//! Remaining time is `planned − (now − segment start − time paused)`, and a
//! segment that ends starts the next one at its exact end instant, so no
//! error accumulates over a session.

pub mod spoken;
mod view;

use std::time::{Duration, Instant};

pub use spoken::Guidance;
pub use view::{Stage as StageView, View};

use crate::cue::Cue;
use crate::routine::plan::{Plan, Segment, SegmentKind};
use crate::routine::{Routine, Side};
use crate::safety::{Clearance, Cleared};
use crate::vocab::{CheckIn, Effect, Event, Input, Outcome, Overlay, Stage, StopReason};

/// How much `+`/`-` change the current countdown.
pub const ADJUST_STEP: Duration = Duration::from_secs(5);
/// Within this much of a segment's start, `back` goes to the previous one.
const BACK_RESTART_WINDOW: Duration = Duration::from_secs(3);

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
    muted: bool,
    started_at: Instant,
    ended_at: Option<Instant>,
    /// Per step: whether any active segment of it ran to its end.
    completed: Vec<bool>,
    answers: Vec<CheckIn>,
    /// The last instant time was brought up to (for `next_deadline`).
    last_settle: Instant,
}

impl Session {
    /// Start at `now`, speaking each step's title at its preparation.
    /// Returns the session and the effects of its first segment (cue,
    /// record). Only a routine the screening admitted can start (see
    /// [`Clearance::admit`]).
    pub fn start(cleared: Cleared, affected: Option<Side>, now: Instant) -> (Session, Vec<Effect>) {
        Session::start_with(cleared, affected, Guidance::default(), now)
    }

    /// [`Session::start`], speaking what `guidance` says at each step's
    /// preparation; a preparation too short for its words is made longer
    /// (see [`spoken::fit_prepare`]).
    pub fn start_with(
        cleared: Cleared,
        affected: Option<Side>,
        guidance: Guidance,
        now: Instant,
    ) -> (Session, Vec<Effect>) {
        let clearance = cleared.clearance();
        let routine = cleared.into_routine();
        let mut plan = Plan::new(&routine, affected);
        for seg in &mut plan.segments {
            if seg.kind == SegmentKind::Prepare {
                let words = spoken::prepare_words(&routine.steps[seg.step], seg.side, guidance);
                seg.planned = spoken::fit_prepare(seg.planned, words.as_deref());
            }
        }
        assert!(
            !plan.segments.is_empty(),
            "a checked routine always has at least one step"
        );
        let steps = routine.steps.len();
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
            muted: false,
            started_at: now,
            ended_at: None,
            completed: vec![false; steps],
            answers: Vec::new(),
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
                self.end(Outcome::Quit, now, &mut fx);
                fx.push(Effect::Exit);
            }
            (Overlay::ConfirmQuit, Input::No | Input::Escape | Input::Quit) => {
                self.overlay = Overlay::None
            }
            (Overlay::ConfirmQuit, _) => {}
            (_, Input::ToggleHelp) => self.overlay = Overlay::Help,
            (_, Input::Escape) => self.overlay = Overlay::None,
            (_, Input::Quit | Input::Enter) if self.is_over() => fx.push(Effect::Exit),
            (_, Input::Quit) => self.overlay = Overlay::ConfirmQuit,
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
                    // never outside the safe bounds of this kind.
                    let floor = lo.max(self.elapsed(now) + Duration::from_secs(1));
                    let new = wanted.clamp(floor.min(hi), hi);
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
            (Stage::CheckIn, Input::Answer(a)) => {
                let step = self.current().step;
                self.answers.push(a);
                fx.push(Effect::Record(Event::CheckIn { step, answer: a }));
                match a {
                    CheckIn::Sharper => self.stop(StopReason::Sharper, now, fx),
                    CheckIn::Spreading => self.stop(StopReason::Spreading, now, fx),
                    CheckIn::DrewBack => self.stage = Stage::Reach,
                    CheckIn::Better | CheckIn::Same => self.go_on(now, fx),
                }
            }
            (Stage::Reach, Input::Reach(extent)) => {
                let step = self.current().step;
                fx.push(Effect::Record(Event::Extent {
                    step: Some(step),
                    extent,
                }));
                self.go_on(now, fx);
            }
            _ => {}
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
            self.enter(self.index + 1, now, fx);
        } else {
            fx.push(Effect::Cue(Cue::Complete));
            self.end(Outcome::Completed, now, fx);
        }
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
                if let Some(words) = spoken::prepare_words(step, seg.side, self.guidance) {
                    fx.push(Effect::Say(words));
                }
            }
            SegmentKind::Active(_) => fx.push(Effect::Cue(Cue::Begin)),
            SegmentKind::SwitchSides => fx.push(Effect::Cue(Cue::SwitchSides)),
            SegmentKind::Rest => fx.push(Effect::Cue(Cue::Rest)),
        }
    }

    /// The current segment is over (at `at`): release, then check in or go on.
    fn finish_segment(&mut self, at: Instant, ran_out: bool, fx: &mut Vec<Effect>) {
        let seg = self.current().clone();
        if seg.is_active() {
            fx.push(Effect::Cue(Cue::Release));
            if ran_out {
                self.completed[seg.step] = true;
            }
        }
        if seg.check_in_after {
            // A routine may ask for check-ins within a step; the step is
            // complete at its last one.
            let last_check_in = !self.plan.segments[self.index + 1..]
                .iter()
                .take_while(|s| s.step == seg.step)
                .any(|s| s.check_in_after);
            if last_check_in && self.completed[seg.step] {
                fx.push(Effect::Record(Event::StepCompleted {
                    step: seg.step,
                    id: self.routine.steps[seg.step].id.clone(),
                }));
            }
            self.stage = Stage::CheckIn;
            self.paused_at = None;
            fx.push(Effect::Cue(Cue::CheckIn));
        } else {
            self.enter(self.index + 1, at, fx);
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
        fx.push(Effect::Record(Event::Ended(outcome)));
        fx.push(Effect::Finished(outcome));
    }
}

/// Whole seconds, rounded up: 0:00 shows only when time is really up.
pub fn ceil_secs(d: Duration) -> u64 {
    let s = d.as_secs();
    if d.subsec_nanos() > 0 { s + 1 } else { s }
}

#[cfg(test)]
mod check_in_tests;
#[cfg(test)]
mod tests;
