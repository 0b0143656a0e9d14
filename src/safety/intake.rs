//! What runs before every session: the first-run notice (when asked for),
//! the danger-sign screen group by group, then the baseline (pain and
//! reach). It ends in one of two ways: a [`Finish::Begin`] carrying the
//! [`Clearance`] (the only place one is made), or the person leaves.
//!
//! Which questions come depends on the record ([`OnRecord`]): the urgent
//! signs, the see-a-doctor signs and today's questions every time; the
//! lasting conditions at the first session, every 30 days, while one of
//! them has no doctor's OK, and whenever the person presses `c` ("something
//! changed"); "has it been assessed?" once per episode of pain. A lasting
//! condition without an OK asks whether a doctor has given one; a "yes" is
//! recorded with its date and lets only the gentle routines run.
//!
//! A verdict screen is final: there is no way back from it to change an
//! answer. The stop key is not handled here; [`crate::flow`] takes it
//! first, from every phase.

use super::clearance::Clearance;
use super::on_record::OnRecord;
use super::reading::{Ask, Asked, Question};
use super::{ConfirmQuit, Confirmed, Hint};
use crate::cue::Cue;
use crate::vocab::Input;
use crate::vocab::measure::{Pain, Reading};
use crate::vocab::screening::{Group, Sign, Verdict, decide, settled};
use crate::vocab::{Effect, Event};

/// One question screen of the screening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Group(Group),
    /// "Has a doctor or physiotherapist assessed this pain?"
    Assessed,
}

/// Where the intake is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Notice,
    /// Asking `items[at]`.
    Ask,
    /// After "yes": marking which signs of the current group apply.
    Which,
    /// Lasting conditions without a doctor's OK: has a doctor given one?
    AskOk,
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
    /// The screens of this screening, in order.
    items: Vec<Item>,
    /// The one asked now (or last).
    at: usize,
    /// The lasting conditions answered at this session (`None`: not asked).
    lasting: Option<Vec<Sign>>,
    /// Lasting conditions covered by a doctor's OK recorded just now.
    new_ok: Vec<Sign>,
    /// "Not yet" to the assessment question: suggest it on the next screen.
    advise: bool,
    /// Signs marked while in `Which` (and the ones asked about in `AskOk`).
    marks: Vec<Sign>,
    /// The verdict decided by a "yes", if any, and the signs behind it.
    decided: Option<(Verdict, Vec<Sign>)>,
    record: OnRecord,
    ask: Ask,
    /// The massage-free routine offered in the acute phase, if any.
    offer: Option<String>,
    /// The gentle routine run under a doctor's OK, if any.
    gentle: Option<String>,
    confirm: ConfirmQuit,
    hint: Option<Hint>,
    finished: Option<Finish>,
}

/// The line standing for the lasting questions on a day they are not
/// asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// When they were answered (the local date).
    pub date: String,
    /// What applied (each covered by a doctor's OK).
    pub signs: Vec<Sign>,
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
        /// This screen's number and how many there are today.
        place: (usize, usize),
        /// The lasting answers on record, on the last screen of a day they
        /// are not asked (`c` asks them again).
        reminder: Option<Reminder>,
        /// Suggest having the pain assessed (after "not yet").
        advice: bool,
    },
    /// Has a doctor or physiotherapist assessed this pain?
    Assessed {
        /// This screen's number and how many there are today.
        place: (usize, usize),
    },
    /// Has a doctor said massage is OK with these lasting conditions?
    AskOk {
        signs: Vec<Sign>,
    },
    Verdict {
        verdict: Verdict,
        /// The signs the person marked.
        signs: Vec<Sign>,
        /// The relief routine that may run instead (acute phase only).
        offer: Option<String>,
    },
    Pain {
        /// The gentle routine that will run, under a doctor's OK.
        gentle: Option<String>,
    },
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

/// The screens of a screening with this record, in order.
fn items(record: &OnRecord) -> Vec<Item> {
    let mut items = vec![Item::Group(Group::Emergency), Item::Group(Group::Clinician)];
    if record.lasting_due().is_some() {
        items.push(Item::Group(Group::Lasting));
    }
    if record.assessed_due() {
        items.push(Item::Assessed);
    }
    items.push(Item::Group(Group::Today));
    items
}

impl Intake {
    /// A new intake with nothing on record (everything is asked, as at a
    /// first session). `notice`: show the first-run notice first.
    /// `offer`: the name of a massage-free routine to offer in the acute
    /// phase.
    pub fn new(notice: bool, offer: Option<String>) -> Intake {
        let record = OnRecord::default();
        Intake {
            stage: if notice { Stage::Notice } else { Stage::Ask },
            items: items(&record),
            at: 0,
            lasting: None,
            new_ok: Vec::new(),
            advise: false,
            marks: Vec::new(),
            decided: None,
            record,
            ask: Ask::default(),
            offer,
            gentle: None,
            confirm: ConfirmQuit::default(),
            hint: None,
            finished: None,
        }
    }

    /// The same intake for a person with this record.
    pub fn on_record(mut self, record: OnRecord) -> Intake {
        self.items = items(&record);
        self.record = record;
        self
    }

    /// The same intake, with the name of the gentle routine that runs
    /// under a doctor's OK (`None`: there is none).
    pub fn gentle(mut self, name: Option<String>) -> Intake {
        self.gentle = name;
        self
    }

    /// How it ended, once it has.
    pub fn finished(&self) -> Option<Finish> {
        self.finished
    }

    /// The verdict, once it is final.
    pub fn verdict(&self) -> Option<Verdict> {
        match self.stage {
            Stage::Verdict(v) => Some(v),
            Stage::Reading | Stage::Done => Some(match &self.decided {
                Some((v, _)) => *v,
                None => settled(&self.in_force()),
            }),
            _ => None,
        }
    }

    /// The lasting conditions in force today: as answered now, or as on
    /// record when not asked.
    fn in_force(&self) -> Vec<Sign> {
        match &self.lasting {
            Some(signs) => signs.clone(),
            None => self.record.lasting_signs().to_vec(),
        }
    }

    fn covered(&self, s: Sign) -> bool {
        self.record.covers(s) || self.new_ok.contains(&s)
    }

    fn item(&self) -> Item {
        self.items[self.at]
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
                    self.stage = Stage::Ask;
                }
                _ => self.hint = Some(Hint::Continue),
            },
            Stage::Ask => match self.item() {
                Item::Group(g) => self.on_group(g, r, &mut fx),
                Item::Assessed => self.on_assessed(r, &mut fx),
            },
            Stage::Which => {
                if let Item::Group(g) = self.item() {
                    self.on_which(g, r, &mut fx);
                }
            }
            Stage::AskOk => self.on_ask_ok(r, &mut fx),
            Stage::Reading => self.on_reading(r, &mut fx),
            Stage::Verdict(_) | Stage::Done => {}
        }
        fx
    }

    fn on_group(&mut self, g: Group, r: Input, fx: &mut Vec<Effect>) {
        let sign = |n: u8| g.signs().get(usize::from(n).checked_sub(1)?).copied();
        match r {
            Input::No => self.none_apply(g, fx),
            Input::Yes if g.asks_which() => {
                self.marks.clear();
                self.stage = Stage::Which;
            }
            Input::Yes => self.apply(g, Vec::new(), fx),
            Input::Number(n) => match sign(n) {
                Some(s) if g.asks_which() => {
                    self.marks = vec![s];
                    self.stage = Stage::Which;
                }
                Some(s) => self.apply(g, vec![s], fx),
                None => self.hint = Some(Hint::NotListed),
            },
            Input::Recheck if self.reminder_shown() => {
                self.items.insert(self.at, Item::Group(Group::Lasting));
            }
            Input::Back if self.at > 0 => self.back(),
            _ => self.hint = Some(Hint::Group),
        }
    }

    /// Whether the lasting answers on record stand in for the questions
    /// on this screen (the last one, on a day they are not asked).
    fn reminder_shown(&self) -> bool {
        self.stage == Stage::Ask
            && self.item() == Item::Group(Group::Today)
            && !self.items.contains(&Item::Group(Group::Lasting))
            && self.record.lasting.is_some()
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
            Input::Enter => self.apply(g, self.marks.clone(), fx),
            Input::Back => {
                self.marks.clear();
                self.stage = Stage::Ask;
            }
            _ => self.hint = Some(Hint::Pick),
        }
    }

    fn on_assessed(&mut self, r: Input, fx: &mut Vec<Effect>) {
        match r {
            Input::Yes | Input::No => {
                fx.push(Effect::Record(Event::Assessed(r == Input::Yes)));
                self.advise = r == Input::No;
                self.next(fx);
            }
            Input::Back => self.back(),
            _ => self.hint = Some(Hint::YesNo),
        }
    }

    fn on_ask_ok(&mut self, r: Input, fx: &mut Vec<Effect>) {
        match r {
            Input::Yes => {
                fx.push(Effect::Record(Event::ClinicianOk(self.marks.clone())));
                self.new_ok.extend(self.marks.iter().copied());
                self.next(fx);
            }
            Input::No => self.decide(Verdict::Contraindicated, self.marks.clone(), fx),
            Input::Back => self.stage = Stage::Which,
            _ => self.hint = Some(Hint::YesNo),
        }
    }

    /// "None of these apply" to a group.
    fn none_apply(&mut self, g: Group, fx: &mut Vec<Effect>) {
        if g == Group::Lasting {
            fx.push(Effect::Record(Event::Lasting(Vec::new())));
            self.lasting = Some(Vec::new());
        }
        self.next(fx);
    }

    /// Something applies in a group: `signs` (none named only for an
    /// emergency "yes", which decides at once).
    fn apply(&mut self, g: Group, signs: Vec<Sign>, fx: &mut Vec<Effect>) {
        if g == Group::Lasting {
            fx.push(Effect::Record(Event::Lasting(signs.clone())));
            self.lasting = Some(signs.clone());
            if !signs.iter().all(|s| self.covered(*s)) {
                self.marks = signs;
                self.stage = Stage::AskOk;
                return;
            }
        }
        match decide(g, &signs, |s| self.covered(s)) {
            Some(v) => self.decide(v, signs, fx),
            None => self.next(fx),
        }
    }

    /// On to the next screen, or to the baseline after the last.
    fn next(&mut self, fx: &mut Vec<Effect>) {
        self.marks.clear();
        self.at += 1;
        if self.at < self.items.len() {
            self.stage = Stage::Ask;
            return;
        }
        self.at = self.items.len() - 1;
        let in_force = self.in_force();
        if settled(&in_force) == Verdict::Cleared && self.gentle.is_none() {
            // A doctor's OK allows only gentle routines, and none is here.
            self.decide(Verdict::Cleared, in_force, fx);
        } else {
            self.stage = Stage::Reading;
        }
    }

    fn back(&mut self) {
        self.at -= 1;
        self.marks.clear();
        self.stage = Stage::Ask;
        match self.item() {
            Item::Group(Group::Lasting) => self.lasting = None,
            Item::Assessed => self.advise = false,
            Item::Group(_) => {}
        }
    }

    /// A verdict other than clear is final.
    fn decide(&mut self, v: Verdict, signs: Vec<Sign>, fx: &mut Vec<Effect>) {
        if v == Verdict::Emergency {
            fx.push(Effect::Cue(Cue::SafetyStop));
        }
        fx.push(Effect::Record(Event::Screened {
            verdict: v,
            signs: signs.clone(),
        }));
        self.decided = Some((v, signs));
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
            Asked::Back => match self.decided {
                Some((Verdict::Acute, _)) => self.stage = Stage::Verdict(Verdict::Acute),
                _ => self.stage = Stage::Ask,
            },
            Asked::Done(baseline) => {
                let clearance = match &self.decided {
                    Some((Verdict::Acute, _)) => Clearance::no_massage(),
                    None => {
                        let in_force = self.in_force();
                        let v = settled(&in_force);
                        fx.push(Effect::Record(Event::Screened {
                            verdict: v,
                            signs: in_force,
                        }));
                        if v == Verdict::Clear {
                            Clearance::full()
                        } else {
                            Clearance::gentle()
                        }
                    }
                    Some((other, _)) => {
                        unreachable!(
                            "a baseline is only asked after clear, cleared or acute, not {other:?}"
                        )
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
        let place = (self.at + 1, self.items.len());
        let group = |group: Group, picking: bool| IntakeScreen::Group {
            group,
            marks: if picking {
                self.marks.clone()
            } else {
                Vec::new()
            },
            picking,
            place,
            reminder: self
                .reminder_shown()
                .then_some(self.record.lasting.as_ref())
                .flatten()
                .map(|l| Reminder {
                    date: l.date.clone(),
                    signs: l.signs.clone(),
                }),
            advice: group == Group::Today && self.advise,
        };
        let screen = match self.stage {
            Stage::Notice => IntakeScreen::Notice,
            Stage::Ask | Stage::Which => match self.item() {
                Item::Group(g) => group(g, self.stage == Stage::Which),
                Item::Assessed => IntakeScreen::Assessed { place },
            },
            Stage::AskOk => IntakeScreen::AskOk {
                signs: self.marks.clone(),
            },
            Stage::Verdict(verdict) => IntakeScreen::Verdict {
                verdict,
                signs: self
                    .decided
                    .as_ref()
                    .map(|(_, s)| s.clone())
                    .unwrap_or_default(),
                offer: (verdict == Verdict::Acute)
                    .then(|| self.offer.clone())
                    .flatten(),
            },
            Stage::Reading | Stage::Done => match self.ask.question() {
                Question::Pain => IntakeScreen::Pain {
                    gentle: match self.decided {
                        None if !self.in_force().is_empty() => self.gentle.clone(),
                        _ => None,
                    },
                },
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
