//! The whole run, pure: the intake (notice, screening, baseline), then the
//! session, then the end questions — and the stop screen, reachable from
//! every one of them with one key. The app feeds it [`Input`]s and times
//! and performs the [`Effect`]s it returns; like the session, it reads no
//! clock and does no IO.
//!
//! The stop is taken here, before any phase sees the input, so no phase
//! can swallow it.

use std::time::Instant;

use crate::cue::Cue;
use crate::routine::duration::clock;
use crate::routine::{Routine, Side};
use crate::safety::intake::Finish;
use crate::safety::{
    Clearance, Intake, IntakeView, Outro, OutroView, StopScreen, StopView, routine_is_massage_free,
};
use crate::session::{Guidance, Session, StageView, View};
use crate::vocab::{Context, Effect, Event, Input, Outcome, Overlay, Reading, StopReason, Verdict};

/// What to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Intake(IntakeView),
    Session(View),
    Outro(OutroView),
    Stop(StopView),
    /// Nothing left to show: the app is leaving.
    Over,
}

#[derive(Debug, Clone)]
enum Phase {
    Intake(Intake),
    Session(Box<Session>),
    Outro(Outro),
    Stop(StopScreen),
    Over,
}

/// The run. Construct with [`Flow::new`].
#[derive(Debug, Clone)]
pub struct Flow {
    phase: Phase,
    /// The routine asked for; taken when a full clearance starts it.
    chosen: Option<Routine>,
    /// The massage-free routine offered in the acute phase, if any.
    relief: Option<Routine>,
    side: Option<Side>,
    /// How much of each step is spoken at its preparation.
    guidance: Guidance,
    baseline: Option<Reading>,
}

impl Flow {
    /// A run of `chosen`. `relief`: the acute-phase routine if it was
    /// found (it is offered only if massage-free; failing that, `chosen`
    /// is offered if it is). `notice`: show the first-run notice.
    pub fn new(chosen: Routine, relief: Option<Routine>, side: Option<Side>, notice: bool) -> Flow {
        let relief = relief
            .filter(routine_is_massage_free)
            .or_else(|| routine_is_massage_free(&chosen).then(|| chosen.clone()));
        let offer = relief.as_ref().map(|r| r.name.clone());
        Flow {
            phase: Phase::Intake(Intake::new(notice, offer)),
            chosen: Some(chosen),
            relief,
            side,
            guidance: Guidance::default(),
            baseline: None,
        }
    }

    /// The same run, speaking what `guidance` says at each step's
    /// preparation (the default: its title).
    pub fn with_guidance(mut self, guidance: Guidance) -> Flow {
        self.guidance = guidance;
        self
    }

    /// Which keys apply now: the keymap's context, and whether a yes/no
    /// question is open over the session (where `n` means "no").
    pub fn keys(&self) -> (Context, bool) {
        match &self.phase {
            Phase::Session(s) => (
                Context::of_stage(s.stage()),
                matches!(s.overlay(), Overlay::ConfirmQuit | Overlay::WhyEnded),
            ),
            _ => (Context::Question, false),
        }
    }

    /// The session, while one runs.
    pub fn session(&self) -> Option<&Session> {
        match &self.phase {
            Phase::Session(s) => Some(s),
            _ => None,
        }
    }

    /// Whether the stop screen is showing.
    pub fn is_stopped(&self) -> bool {
        matches!(self.phase, Phase::Stop(_))
    }

    /// Whether the run is over (the app leaves).
    pub fn is_over(&self) -> bool {
        matches!(self.phase, Phase::Over)
    }

    /// When something will next change by itself (only during a session).
    pub fn next_deadline(&self) -> Option<Instant> {
        self.session().and_then(Session::next_deadline)
    }

    /// Advance time.
    pub fn tick(&mut self, now: Instant) -> Vec<Effect> {
        match &mut self.phase {
            Phase::Session(s) => {
                let fx = s.tick(now);
                self.after_session(fx, now)
            }
            _ => Vec::new(),
        }
    }

    /// Apply one input at `now`.
    pub fn update(&mut self, input: Input, now: Instant) -> Vec<Effect> {
        match &mut self.phase {
            Phase::Session(s) => {
                let fx = s.update(input, now);
                self.after_session(fx, now)
            }
            Phase::Intake(i) => {
                if input == Input::Stop {
                    let reason = match i.verdict() {
                        Some(Verdict::Emergency) => StopReason::RedFlag,
                        _ => StopReason::PainWorse,
                    };
                    self.phase = Phase::Stop(StopScreen::new(reason, None));
                    return vec![
                        Effect::Cue(Cue::SafetyStop),
                        Effect::Record(Event::Ended(Outcome::Stopped(reason))),
                        Effect::Finished(Outcome::Stopped(reason)),
                    ];
                }
                let mut fx = i.update(input);
                match i.finished() {
                    Some(Finish::Begin {
                        clearance,
                        baseline,
                    }) => {
                        self.baseline = Some(baseline);
                        fx.extend(self.begin(clearance, now));
                    }
                    Some(Finish::Left) => {
                        // No session ran: recorded as left before it began
                        // (the screening's verdict is recorded beside it).
                        self.phase = Phase::Over;
                        let at = fx
                            .iter()
                            .position(|e| *e == Effect::Exit)
                            .unwrap_or(fx.len());
                        fx.splice(
                            at..at,
                            [
                                Effect::Record(Event::Ended(Outcome::Quit)),
                                Effect::Finished(Outcome::Quit),
                            ],
                        );
                    }
                    None => {}
                }
                fx
            }
            Phase::Outro(o) => {
                if input == Input::Stop {
                    let context = o.context();
                    self.phase = Phase::Stop(StopScreen::new(StopReason::PainWorse, Some(context)));
                    return vec![
                        Effect::Cue(Cue::SafetyStop),
                        Effect::Record(Event::LateStop(StopReason::PainWorse)),
                    ];
                }
                let fx = o.update(input);
                self.leave_on_exit(fx)
            }
            Phase::Stop(s) => {
                let fx = s.update(input);
                self.leave_on_exit(fx)
            }
            Phase::Over => Vec::new(),
        }
    }

    /// The snapshot to draw at `now`.
    pub fn view(&self, now: Instant) -> Screen {
        match &self.phase {
            Phase::Intake(i) => Screen::Intake(i.view()),
            Phase::Session(s) => Screen::Session(s.view(now)),
            Phase::Outro(o) => Screen::Outro(o.view()),
            Phase::Stop(s) => Screen::Stop(s.view()),
            Phase::Over => Screen::Over,
        }
    }

    /// The intake cleared a session: start the routine it allows.
    fn begin(&mut self, clearance: Clearance, now: Instant) -> Vec<Effect> {
        let routine = if clearance.allows_massage() {
            self.chosen.take()
        } else {
            self.relief.take()
        };
        // The intake offers a session under no-massage only when a
        // massage-free routine exists, so this always admits; refuse
        // anything else rather than run it.
        match routine.map(|r| clearance.admit(r)) {
            Some(Ok(cleared)) => {
                let (session, fx) = Session::start_with(cleared, self.side, self.guidance, now);
                self.phase = Phase::Session(Box::new(session));
                fx
            }
            Some(Err(_)) | None => {
                self.phase = Phase::Over;
                vec![Effect::Exit]
            }
        }
    }

    /// Move on when the session has finished or asked to leave.
    fn after_session(&mut self, fx: Vec<Effect>, now: Instant) -> Vec<Effect> {
        let Phase::Session(s) = &self.phase else {
            return fx;
        };
        let view = s.view(now);
        let finished = fx.iter().find_map(|e| match e {
            Effect::Finished(o) => Some(*o),
            _ => None,
        });
        match (finished, view.stage) {
            (Some(Outcome::Completed), StageView::Completed(summary)) => {
                self.phase = Phase::Outro(Outro::new(self.baseline, view.routine, summary));
            }
            (Some(Outcome::Stopped(_)), StageView::Stopped(reason, summary)) => {
                let context = format!(
                    "{} · {}",
                    view.routine,
                    clock(std::time::Duration::from_secs(summary.elapsed_secs))
                );
                self.phase = Phase::Stop(StopScreen::new(reason, Some(context)));
            }
            _ => {}
        }
        self.leave_on_exit(fx)
    }

    fn leave_on_exit(&mut self, fx: Vec<Effect>) -> Vec<Effect> {
        if fx.contains(&Effect::Exit) {
            self.phase = Phase::Over;
        }
        fx
    }
}

#[cfg(test)]
mod tests;
