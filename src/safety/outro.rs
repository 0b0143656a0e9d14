//! After a completed session: pain now, how far it reaches now, then a
//! summary comparing them with the baseline: whether the pain drew back
//! toward the lower back (centralised), spread, or stayed put, and when to
//! see a professional; and the technique that went well, or the one taken
//! gently because it went wrong before.

use super::reading::{Ask, Asked, Question};
use super::{ConfirmQuit, Confirmed, Hint};
use crate::tolerance::Highlight;
use crate::vocab::Input;
use crate::vocab::measure::{Extent, Pain, Reading, Trend};
use crate::vocab::{Effect, Event, Summary};

/// The end questions and summary.
#[derive(Debug, Clone)]
pub struct Outro {
    ask: Ask,
    /// The baseline, if one was taken.
    before: Option<Reading>,
    /// The last known reach (the baseline's, or the latest check-in's):
    /// a reach after the session further than this is spreading.
    last: Option<Extent>,
    /// Pain and reach after, once both are answered.
    after: Option<Reading>,
    routine: String,
    session: Summary,
    /// Techniques worth naming in the summary.
    highlights: Vec<Highlight>,
    confirm: ConfirmQuit,
    hint: Option<Hint>,
}

/// What the summary shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndSummary {
    /// The routine's name.
    pub routine: String,
    /// Time, steps done, check-in answers.
    pub session: Summary,
    /// The baseline, if one was taken.
    pub before: Option<Reading>,
    /// Pain and reach after the session.
    pub after: Reading,
    /// How the reach changed (with a baseline).
    pub trend: Option<Trend>,
    /// Pain higher or reach further than before: say when to get checked.
    pub worse: bool,
    /// The technique that went well, the one taken gently (if any).
    pub highlights: Vec<Highlight>,
}

/// Which screen the outro shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutroScreen {
    Pain,
    Extent(Pain),
    Summary(EndSummary),
}

/// Everything the UI needs to draw the outro.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutroView {
    /// Which screen.
    pub screen: OutroScreen,
    /// The baseline, shown beside the questions for comparison.
    pub before: Option<Reading>,
    /// Shown after a key that meant nothing here.
    pub hint: Option<Hint>,
    /// Whether the quit confirmation is showing.
    pub confirm_quit: bool,
}

impl Outro {
    /// Start the end questions of a completed session. `last`: the last
    /// known reach (the baseline's, or the latest given at a check-in).
    pub fn new(
        before: Option<Reading>,
        last: Option<Extent>,
        routine: String,
        session: Summary,
    ) -> Outro {
        Outro {
            ask: Ask::default(),
            before,
            last: last.or(before.map(|b| b.extent)),
            after: None,
            routine,
            session,
            highlights: Vec::new(),
            confirm: ConfirmQuit::default(),
            hint: None,
        }
    }

    /// The summary also names these techniques.
    pub fn noting(mut self, highlights: Vec<Highlight>) -> Outro {
        self.highlights = highlights;
        self
    }

    /// A line naming what ended: the routine and its time.
    pub fn context(&self) -> String {
        let t = std::time::Duration::from_secs(self.session.elapsed_secs);
        format!("{} · {}", self.routine, crate::routine::duration::clock(t))
    }

    /// Whether the reach after the session is further down the leg than
    /// the last known one: the session ends as a spreading stop
    /// ([`crate::flow`] shows the stop screen and records it).
    pub fn spread(&self) -> bool {
        match (self.after, self.last) {
            (Some(after), Some(last)) => after.extent > last,
            _ => false,
        }
    }

    /// Where it reaches after the session, once answered.
    pub fn extent_after(&self) -> Option<Extent> {
        self.after.map(|a| a.extent)
    }

    /// Take one reply. The stop key is handled by [`crate::flow`].
    pub fn update(&mut self, r: Input) -> Vec<Effect> {
        self.hint = None;
        if self.after.is_some() {
            return match r {
                Input::Enter | Input::Quit => vec![Effect::Exit],
                _ => {
                    self.hint = Some(Hint::Leave);
                    Vec::new()
                }
            };
        }
        match self.confirm.reply(r) {
            Confirmed::Pass => {}
            Confirmed::Handled(hint) => {
                self.hint = hint;
                return Vec::new();
            }
            Confirmed::Quit => return vec![Effect::Exit],
        }
        match self.ask.reply(r) {
            Asked::Pending(hint) => self.hint = hint,
            Asked::Back => self.hint = Some(Hint::Pain),
            Asked::Done(after) => {
                self.after = Some(after);
                return vec![Effect::Record(Event::PainAfter(after))];
            }
        }
        Vec::new()
    }

    /// Whether "quit?" is being asked.
    pub fn confirming(&self) -> bool {
        self.confirm.open
    }

    /// The snapshot to draw.
    pub fn view(&self) -> OutroView {
        let screen = match (self.after, self.ask.question()) {
            (Some(after), _) => {
                let trend = self.before.map(|b| Trend::between(b.extent, after.extent));
                let worse = trend == Some(Trend::Spread)
                    || self.before.is_some_and(|b| after.pain > b.pain);
                OutroScreen::Summary(EndSummary {
                    routine: self.routine.clone(),
                    session: self.session.clone(),
                    before: self.before,
                    after,
                    trend,
                    worse,
                    highlights: self.highlights.clone(),
                })
            }
            (None, Question::Pain) => OutroScreen::Pain,
            (None, Question::Extent(p)) => OutroScreen::Extent(p),
        };
        OutroView {
            screen,
            before: self.before,
            hint: self.hint,
            confirm_quit: self.confirm.open,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(pain: u8, extent: Extent) -> Reading {
        Reading {
            pain: Pain::new(pain).unwrap(),
            extent,
        }
    }

    fn summary() -> Summary {
        Summary {
            elapsed_secs: 600,
            steps_done: 3,
            steps_skipped: 0,
            steps_total: 3,
            answers: Vec::new(),
        }
    }

    fn finish(before: Option<Reading>, pain: u8, extent: u8) -> (Vec<Effect>, EndSummary) {
        let mut o = Outro::new(before, None, "r".into(), summary());
        let mut fx = o.update(Input::Number(pain));
        fx.extend(o.update(Input::Number(extent)));
        match o.view().screen {
            OutroScreen::Summary(s) => (fx, s),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn centralised_spread_or_stayed() {
        let before = Some(reading(5, Extent::Thigh));
        let (fx, s) = finish(before, 3, 2);
        assert_eq!(
            fx,
            vec![Effect::Record(Event::PainAfter(reading(
                3,
                Extent::Buttock
            )))]
        );
        assert_eq!((s.trend, s.worse), (Some(Trend::Centralised), false));
        let (_, s) = finish(before, 5, 3);
        assert_eq!((s.trend, s.worse), (Some(Trend::Unchanged), false));
        let (_, s) = finish(before, 4, 4);
        assert_eq!((s.trend, s.worse), (Some(Trend::Spread), true));
        let (_, s) = finish(before, 7, 3);
        assert_eq!((s.trend, s.worse), (Some(Trend::Unchanged), true));
        let (_, s) = finish(None, 7, 3);
        assert_eq!((s.trend, s.worse), (None, false));
    }

    #[test]
    fn nothing_is_taken_as_an_answer_by_default() {
        let mut o = Outro::new(None, None, "r".into(), summary());
        for r in [
            Input::Enter,
            Input::Yes,
            Input::No,
            Input::Other,
            Input::Back,
        ] {
            assert!(o.update(r).is_empty());
            assert_eq!(o.view().screen, OutroScreen::Pain);
            assert_eq!(o.view().hint, Some(Hint::Pain));
        }
    }

    #[test]
    fn leaving_the_summary_or_quitting_asks_properly() {
        let mut o = Outro::new(None, None, "r".into(), summary());
        assert!(o.update(Input::Quit).is_empty());
        assert!(o.view().confirm_quit);
        assert_eq!(o.update(Input::Yes), vec![Effect::Exit]);
        let mut o = Outro::new(None, None, "r".into(), summary());
        o.update(Input::Number(0));
        o.update(Input::Number(1));
        assert!(o.update(Input::No).is_empty());
        assert_eq!(o.update(Input::Enter), vec![Effect::Exit]);
    }
}
