//! The whole run, pure: the intake (notice, screening, baseline), then the
//! session, then the end questions — and the stop screen, reachable from
//! every one of them with one key. The app feeds it [`Input`]s and times
//! and performs the [`Effect`]s it returns; like the session, it reads no
//! clock and does no IO.
//!
//! The stop is taken here, before any phase sees the input, so no phase
//! can swallow it.
//!
//! What the history says about each technique ([`Tolerance`]) is handed in
//! by the app once read ([`Flow::set_tolerance`]); when the session begins,
//! the warnings for its routine are decided from it, purely.

use std::time::Instant;

use crate::cue::Cue;
use crate::routine::duration::clock;
use crate::routine::{Routine, Side};
use crate::safety::intake::Finish;
use crate::safety::{
    Allows, Clearance, Intake, IntakeView, OnRecord, Outro, OutroView, StopScreen, StopView,
    routine_is_gentle, routine_is_massage_free,
};
use crate::session::{Guidance, Session, StageView, View};
use crate::tolerance::{Tolerance, advise};
use crate::vocab::{
    Context, Effect, Event, Input, Outcome, Overlay, Reading, StopReason, Summary, Verdict,
};

/// What to draw. One is made per frame and compared with the last, so the
/// session's view stays inline: boxing it would allocate on every frame.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)]
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
    Intake(Box<Intake>),
    Session(Box<Session>),
    Outro(Outro),
    Stop(StopScreen),
    Over,
}

/// How the run ended, for the line said once the screen is given back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closing {
    /// How it ended, as the history records it (a stop during the end
    /// questions makes it a stop).
    pub outcome: Outcome,
    /// The routine that ran and its numbers, if a session ran.
    pub session: Option<(String, Summary)>,
    /// Whether the safety check ended the run (a sign meant no session).
    pub screened_out: bool,
}

/// The run. Construct with [`Flow::new`].
#[derive(Debug, Clone)]
pub struct Flow {
    phase: Phase,
    /// The routine asked for; taken when a full clearance starts it.
    chosen: Option<Routine>,
    /// The massage-free routine offered in the acute phase, if any.
    relief: Option<Routine>,
    /// The gentle routine run under a doctor's OK, if any.
    gentle: Option<Routine>,
    side: Option<Side>,
    /// How much of each step is spoken at its preparation.
    guidance: Guidance,
    baseline: Option<Reading>,
    /// What the history says about each technique, once the app has read it.
    tolerance: Option<Tolerance>,
    /// How the run ended, once it has.
    closing: Option<Closing>,
}

/// What a run starts from.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The routine asked for.
    pub chosen: Routine,
    /// The acute-phase routine, if it was found. It is offered only if
    /// massage-free; failing that, `chosen` is offered if it is.
    pub relief: Option<Routine>,
    /// A gentle routine to run under a doctor's OK when `chosen` is not
    /// gentle, if it was found (and only if it is gentle).
    pub gentle: Option<Routine>,
    /// The side the pain is on.
    pub side: Option<Side>,
    /// Show the first-run notice.
    pub notice: bool,
    /// What the history holds: which questions are due, which doctor's
    /// OKs are on record.
    pub record: OnRecord,
}

impl Flow {
    /// A run of `chosen` for a person with nothing on record (everything
    /// is asked, as at a first session) and no gentle routine to offer.
    /// `relief` and `notice` as in [`Setup`].
    pub fn new(chosen: Routine, relief: Option<Routine>, side: Option<Side>, notice: bool) -> Flow {
        Flow::start(Setup {
            chosen,
            relief,
            gentle: None,
            side,
            notice,
            record: OnRecord::default(),
        })
    }

    /// A run as set up.
    pub fn start(setup: Setup) -> Flow {
        let Setup {
            chosen,
            relief,
            gentle,
            side,
            notice,
            record,
        } = setup;
        let relief = relief
            .filter(routine_is_massage_free)
            .or_else(|| routine_is_massage_free(&chosen).then(|| chosen.clone()));
        let gentle = if routine_is_gentle(&chosen) {
            Some(chosen.clone())
        } else {
            gentle.filter(routine_is_gentle)
        };
        let intake = Intake::new(notice, relief.as_ref().map(|r| r.name.clone()))
            .on_record(record)
            .gentle(gentle.as_ref().map(|r| r.name.clone()));
        Flow {
            phase: Phase::Intake(Box::new(intake)),
            chosen: Some(chosen),
            relief,
            gentle,
            side,
            guidance: Guidance::default(),
            baseline: None,
            tolerance: None,
            closing: None,
        }
    }

    /// The same run, speaking what `guidance` says at each step's
    /// preparation (the default: its title and caution).
    pub fn with_guidance(mut self, guidance: Guidance) -> Flow {
        self.guidance = guidance;
        self
    }

    /// What the history says about each technique, and the time now: the
    /// session warns before those that went wrong lately. Taken into
    /// account when the session begins (a session already running keeps
    /// what it had).
    pub fn set_tolerance(&mut self, tolerance: Tolerance) {
        self.tolerance = Some(tolerance);
    }

    /// How the run ended, once it has.
    pub fn closing(&self) -> Option<&Closing> {
        self.closing.as_ref()
    }

    /// Which keys apply now: the keymap's context (a window over the
    /// screen has its own keys: "quit?" or the key help; the warning
    /// before a technique that went wrong last time has its choices).
    pub fn keys(&self) -> Context {
        match &self.phase {
            Phase::Session(s) => match s.overlay() {
                Overlay::ConfirmQuit => Context::Confirm,
                Overlay::Help => Context::Help,
                Overlay::WhyEnded => Context::WhyEnded,
                Overlay::None if s.asking().is_some() => Context::Caution,
                Overlay::None => Context::of_stage(s.stage()),
            },
            Phase::Intake(i) if i.confirming() => Context::Confirm,
            Phase::Outro(o) if o.confirming() => Context::Confirm,
            _ => Context::Question,
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
                    self.closing = Some(Closing {
                        outcome: Outcome::Stopped(reason),
                        session: None,
                        screened_out: false,
                    });
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
                        self.closing = Some(Closing {
                            outcome: Outcome::Quit,
                            session: None,
                            screened_out: i.verdict().is_some_and(|v| v != Verdict::Clear),
                        });
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
                    self.stopped_late(StopReason::PainWorse);
                    return vec![
                        Effect::Cue(Cue::SafetyStop),
                        Effect::Record(Event::LateStop(StopReason::PainWorse)),
                    ];
                }
                let mut fx = o.update(input);
                // A reach further down the leg than the last known one
                // ends the session as a spreading stop, here as at a
                // check-in.
                if o.spread() {
                    let stop = StopScreen::new(StopReason::Spreading, Some(o.context()));
                    let stop = match o.extent_after() {
                        Some(e) => stop.noted(e),
                        None => stop,
                    };
                    self.phase = Phase::Stop(stop);
                    self.stopped_late(StopReason::Spreading);
                    fx.extend([
                        Effect::Cue(Cue::SafetyStop),
                        Effect::Record(Event::LateStop(StopReason::Spreading)),
                    ]);
                    return fx;
                }
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
        let routine = match clearance.allows() {
            Allows::Everything => self.chosen.take(),
            Allows::Gentle => self.gentle.take(),
            Allows::NoMassage => self.relief.take(),
        };
        // The intake offers a session under no-massage only when a
        // massage-free routine exists, and under a doctor's OK only when a
        // gentle one does, so this always admits; refuse anything else
        // rather than run it.
        let advice = match (&routine, &self.tolerance) {
            (Some(r), Some(t)) => advise(&t.records, r, self.side, t.now_ms),
            _ => Vec::new(),
        };
        match routine.map(|r| clearance.admit(r)) {
            Some(Ok(cleared)) => {
                let reach = self.baseline.map(|b| b.extent);
                // The routine that runs, which the history keeps beside
                // the one asked for.
                let began = Event::Began {
                    routine: cleared.routine().name.clone(),
                    hash: cleared.routine().fingerprint(),
                };
                let (session, fx) =
                    Session::start_guided(cleared, self.side, reach, advice, self.guidance, now);
                self.phase = Phase::Session(Box::new(session));
                std::iter::once(Effect::Record(began)).chain(fx).collect()
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
        if let Some(outcome) = finished {
            let summary = match &view.stage {
                StageView::Completed(s) | StageView::Stopped(_, s) => s.clone(),
                _ => s.tally(now).summary(s.answers().to_vec()),
            };
            self.closing = Some(Closing {
                outcome,
                session: Some((view.routine.clone(), summary)),
                screened_out: false,
            });
        }
        match (finished, view.stage) {
            (Some(Outcome::Completed), StageView::Completed(summary)) => {
                let last = s.reach();
                let outro = Outro::new(self.baseline, last, view.routine, summary);
                self.phase = Phase::Outro(outro.noting(s.highlights()));
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

    /// A stop after the last technique: the run ends as that stop.
    fn stopped_late(&mut self, reason: StopReason) {
        if let Some(c) = &mut self.closing {
            c.outcome = Outcome::Stopped(reason);
        }
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
#[cfg(test)]
mod tolerance_tests;
