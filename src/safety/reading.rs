//! The two questions asked before the session (the baseline) and after it:
//! pain now, 0–10, then how far it reaches, one key each. `b` goes back
//! from the second to the first; any other key earns a hint.

use super::Hint;
use crate::vocab::Input;
use crate::vocab::measure::{Extent, Pain, Reading};

/// Which of the two questions is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Question {
    Pain,
    /// The reach, with the pain already given.
    Extent(Pain),
}

/// Asking for a [`Reading`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ask {
    /// The pain, once given.
    pain: Option<Pain>,
}

/// What a reply did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// Still asking; with a hint if the key meant nothing.
    Pending(Option<Hint>),
    /// Both answered.
    Done(Reading),
    /// `b` on the first question: the caller goes back further.
    Back,
}

impl Ask {
    /// The question showing now.
    pub fn question(&self) -> Question {
        self.pain.map_or(Question::Pain, Question::Extent)
    }

    /// Take one reply.
    pub fn reply(&mut self, r: Input) -> Asked {
        match (self.pain, r) {
            (None, Input::Number(n)) => match Pain::new(n) {
                Some(p) => {
                    self.pain = Some(p);
                    Asked::Pending(None)
                }
                None => Asked::Pending(Some(Hint::Pain)),
            },
            (None, Input::Back) => Asked::Back,
            (None, _) => Asked::Pending(Some(Hint::Pain)),
            (Some(pain), Input::Number(n)) => match Extent::from_key(n) {
                Some(extent) => Asked::Done(Reading { pain, extent }),
                None => Asked::Pending(Some(Hint::Extent)),
            },
            (Some(_), Input::Back) => {
                self.pain = None;
                Asked::Pending(None)
            }
            (Some(_), _) => Asked::Pending(Some(Hint::Extent)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pain_then_extent() {
        let mut a = Ask::default();
        assert_eq!(a.reply(Input::Number(10)), Asked::Pending(None));
        assert_eq!(a.question(), Question::Extent(Pain::new(10).unwrap()));
        assert_eq!(
            a.reply(Input::Number(3)),
            Asked::Done(Reading {
                pain: Pain::new(10).unwrap(),
                extent: Extent::Thigh
            })
        );
    }

    #[test]
    fn unexpected_keys_are_hints_never_answers() {
        let mut a = Ask::default();
        for r in [
            Input::Yes,
            Input::No,
            Input::Enter,
            Input::Other,
            Input::Report,
        ] {
            assert_eq!(a.reply(r), Asked::Pending(Some(Hint::Pain)));
            assert_eq!(a.question(), Question::Pain);
        }
        a.reply(Input::Number(4));
        for r in [
            Input::Number(0),
            Input::Number(6),
            Input::Number(10),
            Input::Enter,
            Input::No,
        ] {
            assert_eq!(a.reply(r), Asked::Pending(Some(Hint::Extent)));
        }
    }

    #[test]
    fn back_steps_out() {
        let mut a = Ask::default();
        a.reply(Input::Number(2));
        assert_eq!(a.reply(Input::Back), Asked::Pending(None));
        assert_eq!(a.question(), Question::Pain);
        assert_eq!(a.reply(Input::Back), Asked::Back);
    }
}
