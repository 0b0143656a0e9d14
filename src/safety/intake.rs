//! What runs before every session: the first-run notice (when asked for),
//! the danger-sign screen group by group, then the baseline (pain and
//! reach). It ends in one of two ways: a [`Finish::Begin`] carrying the
//! [`Clearance`] (the only place one is made), or the person leaves.
//!
//! A verdict screen is final: there is no way back from it to change an
//! answer. The stop key is not handled here; [`crate::flow`] takes it
//! first, from every phase.

use super::clearance::Clearance;
use super::reading::{Ask, Asked, Question};
use super::{ConfirmQuit, Confirmed, Hint};
use crate::cue::Cue;
use crate::vocab::Input;
use crate::vocab::measure::{Pain, Reading};
use crate::vocab::screening::{Group, GroupAnswer, Sign, Verdict, verdict};
use crate::vocab::{Effect, Event};

/// Where the intake is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Notice,
    Group(Group),
    /// After "yes": marking which signs of the group apply.
    Which(Group),
    /// A final verdict other than clear.
    Verdict(Verdict),
    Reading,
    Done,
}

/// How the intake ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finish {
    /// Start a session under this clearance; the baseline was recorded.
    Begin {
        clearance: Clearance,
        baseline: Reading,
    },
    /// The person left (or the verdict allows no session).
    Left,
}

/// The intake. Construct with [`Intake::new`]; feed it [`Input`]s.
#[derive(Debug, Clone)]
pub struct Intake {
    stage: Stage,
    /// One answer per group answered so far, in order.
    answers: Vec<GroupAnswer>,
    /// Signs marked while in `Which`.
    marks: Vec<Sign>,
    ask: Ask,
    /// The massage-free routine offered in the acute phase, if any.
    offer: Option<String>,
    confirm: ConfirmQuit,
    hint: Option<Hint>,
    finished: Option<Finish>,
}

/// Which screen the intake shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntakeScreen {
    Notice,
    Group {
        group: Group,
        /// Marked so far (only while picking).
        marks: Vec<Sign>,
        /// Whether the person said "yes" and is now marking which.
        picking: bool,
    },
    Verdict {
        verdict: Verdict,
        /// The signs the person marked.
        signs: Vec<Sign>,
        /// The relief routine that may run instead (acute phase only).
        offer: Option<String>,
    },
    Pain,
    Extent(Pain),
}

/// Everything the UI needs to draw the intake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeView {
    /// Which screen.
    pub screen: IntakeScreen,
    /// Shown after a key that meant nothing here.
    pub hint: Option<Hint>,
    /// Whether the quit confirmation is showing.
    pub confirm_quit: bool,
}

impl Intake {
    /// A new intake. `notice`: show the first-run notice first. `offer`:
    /// the name of a massage-free routine to offer in the acute phase.
    pub fn new(notice: bool, offer: Option<String>) -> Intake {
        Intake {
            stage: if notice {
                Stage::Notice
            } else {
                Stage::Group(Group::Emergency)
            },
            answers: Vec::new(),
            marks: Vec::new(),
            ask: Ask::default(),
            offer,
            confirm: ConfirmQuit::default(),
            hint: None,
            finished: None,
        }
    }

    /// How it ended, once it has.
    pub fn finished(&self) -> Option<Finish> {
        self.finished
    }

    /// The verdict, once it is final (clear only at the very end).
    pub fn verdict(&self) -> Option<Verdict> {
        match self.stage {
            Stage::Verdict(v) => Some(v),
            Stage::Done | Stage::Reading => verdict(&self.answers),
            _ => None,
        }
    }

    /// Take one reply.
    pub fn update(&mut self, r: Input) -> Vec<Effect> {
        let mut fx = Vec::new();
        if self.finished.is_some() || r == Input::Stop {
            return fx;
        }
        self.hint = None;
        if let Stage::Verdict(v) = self.stage {
            self.on_verdict(v, r, &mut fx);
            return fx;
        }
        match self.confirm.reply(r) {
            Confirmed::Pass => {}
            Confirmed::Handled(hint) => {
                self.hint = hint;
                return fx;
            }
            Confirmed::Quit => {
                self.leave(&mut fx);
                return fx;
            }
        }
        match self.stage {
            Stage::Notice => match r {
                Input::Enter => {
                    fx.push(Effect::NoticeSeen);
                    self.stage = Stage::Group(Group::Emergency);
                }
                _ => self.hint = Some(Hint::Continue),
            },
            Stage::Group(g) => self.on_group(g, r, &mut fx),
            Stage::Which(g) => self.on_which(g, r, &mut fx),
            Stage::Reading => self.on_reading(r, &mut fx),
            Stage::Verdict(_) | Stage::Done => {}
        }
        fx
    }

    fn on_group(&mut self, g: Group, r: Input, fx: &mut Vec<Effect>) {
        let sign = |n: u8| g.signs().get(usize::from(n).checked_sub(1)?).copied();
        match r {
            Input::No => {
                self.answers.push(GroupAnswer::NoneApply);
                self.stage = match Group::ALL.get(self.answers.len()) {
                    Some(next) => Stage::Group(*next),
                    None => Stage::Reading,
                };
            }
            Input::Yes if g.asks_which() => {
                self.marks.clear();
                self.stage = Stage::Which(g);
            }
            Input::Yes => self.decide(g, Vec::new(), fx),
            Input::Number(n) => match sign(n) {
                Some(s) if g.asks_which() => {
                    self.marks = vec![s];
                    self.stage = Stage::Which(g);
                }
                Some(s) => self.decide(g, vec![s], fx),
                None => self.hint = Some(Hint::NotListed),
            },
            Input::Back if !self.answers.is_empty() => {
                self.answers.pop();
                self.stage = Stage::Group(Group::ALL[self.answers.len()]);
            }
            _ => {
                self.hint = Some(if g == Group::Onset {
                    Hint::YesNo
                } else {
                    Hint::Group
                });
            }
        }
    }

    fn on_which(&mut self, g: Group, r: Input, fx: &mut Vec<Effect>) {
        match r {
            Input::Number(n) => match g.signs().get(usize::from(n).wrapping_sub(1)) {
                Some(s) => match self.marks.iter().position(|m| m == s) {
                    Some(i) => {
                        self.marks.remove(i);
                    }
                    None => {
                        self.marks.push(*s);
                        self.marks.sort();
                    }
                },
                None => self.hint = Some(Hint::NotListed),
            },
            Input::Enter if self.marks.is_empty() => self.hint = Some(Hint::MarkOne),
            Input::Enter => self.decide(g, self.marks.clone(), fx),
            Input::Back => {
                self.marks.clear();
                self.stage = Stage::Group(g);
            }
            _ => self.hint = Some(Hint::Pick),
        }
    }

    /// A group was answered "apply": its verdict is final.
    fn decide(&mut self, g: Group, signs: Vec<Sign>, fx: &mut Vec<Effect>) {
        self.answers.push(GroupAnswer::Apply(signs.clone()));
        let v = g.verdict();
        self.marks = signs.clone();
        if v == Verdict::Emergency {
            fx.push(Effect::Cue(Cue::SafetyStop));
        }
        fx.push(Effect::Record(Event::Screened { verdict: v, signs }));
        self.stage = Stage::Verdict(v);
    }

    fn on_verdict(&mut self, v: Verdict, r: Input, fx: &mut Vec<Effect>) {
        match r {
            Input::Enter if v == Verdict::Acute && self.offer.is_some() => {
                self.stage = Stage::Reading;
            }
            Input::Enter | Input::Quit => self.leave(fx),
            _ => self.hint = Some(Hint::Leave),
        }
    }

    fn on_reading(&mut self, r: Input, fx: &mut Vec<Effect>) {
        match self.ask.reply(r) {
            Asked::Pending(hint) => self.hint = hint,
            Asked::Back => match verdict(&self.answers) {
                Some(Verdict::Acute) => self.stage = Stage::Verdict(Verdict::Acute),
                _ => {
                    self.answers.pop();
                    self.stage = Stage::Group(Group::Onset);
                }
            },
            Asked::Done(baseline) => {
                let clearance = match verdict(&self.answers) {
                    Some(Verdict::Clear) => {
                        fx.push(Effect::Record(Event::Screened {
                            verdict: Verdict::Clear,
                            signs: Vec::new(),
                        }));
                        Clearance::full()
                    }
                    Some(Verdict::Acute) => Clearance::no_massage(),
                    other => {
                        unreachable!("a baseline is only asked after clear or acute, not {other:?}")
                    }
                };
                fx.push(Effect::Record(Event::Baseline(baseline)));
                self.stage = Stage::Done;
                self.finished = Some(Finish::Begin {
                    clearance,
                    baseline,
                });
            }
        }
    }

    fn leave(&mut self, fx: &mut Vec<Effect>) {
        self.confirm.open = false;
        self.finished = Some(Finish::Left);
        fx.push(Effect::Exit);
    }

    /// Whether "quit?" is being asked.
    pub fn confirming(&self) -> bool {
        self.confirm.open
    }

    /// The snapshot to draw.
    pub fn view(&self) -> IntakeView {
        let screen = match self.stage {
            Stage::Notice => IntakeScreen::Notice,
            Stage::Group(group) => IntakeScreen::Group {
                group,
                marks: Vec::new(),
                picking: false,
            },
            Stage::Which(group) => IntakeScreen::Group {
                group,
                marks: self.marks.clone(),
                picking: true,
            },
            Stage::Verdict(verdict) => IntakeScreen::Verdict {
                verdict,
                signs: self.marks.clone(),
                offer: (verdict == Verdict::Acute)
                    .then(|| self.offer.clone())
                    .flatten(),
            },
            Stage::Reading | Stage::Done => match self.ask.question() {
                Question::Pain => IntakeScreen::Pain,
                Question::Extent(p) => IntakeScreen::Extent(p),
            },
        };
        IntakeView {
            screen,
            hint: self.hint,
            confirm_quit: self.confirm.open,
        }
    }
}

#[cfg(test)]
#[path = "intake_tests.rs"]
mod tests;
