//! Safety around the session: everything asked before it, and everything
//! shown when it stops or ends. Pure state machines in the session's style
//! (`update(reply) -> effects`, a `view()` for the UI), no clock, no IO:
//!
//! - `intake`: notice → screening → baseline; hands out a [`Clearance`].
//! - `clearance`: the type-level gate a session needs in order to start.
//! - `on_record`: what the history holds (lasting answers, a doctor's OK,
//!   whether the pain was assessed) and which questions that makes due.
//! - `reading`: the two questions (pain, reach) asked before and after.
//! - `outro`: pain after, reach after, and the summary.
//! - `stop`: the stop screen, tailored to why it stopped.
//! - `texts`: every sentence the person reads, in our own words.
//!
//! The rules of the danger-sign screen and the measures (pain, reach)
//! are shared words, so they live in [`crate::vocab`]; the screens here
//! take [`Input`]s decoded by the keymap.
//!
//! The app moves between these and the session through [`crate::flow`].

pub mod clearance;
pub mod intake;
pub mod on_record;
pub mod outro;
pub mod reading;
pub mod stop;
pub mod texts;

pub use clearance::{
    Allows, Clearance, Cleared, NotAdmitted, is_gentle, is_massage_free, routine_is_gentle,
    routine_is_massage_free,
};
pub use intake::{Intake, IntakeScreen, IntakeView, Reminder};
pub use on_record::{ClinicianOk, LastingAnswers, OnRecord};
pub use outro::{Outro, OutroScreen, OutroView};
pub use stop::{StopScreen, StopView};

use crate::vocab::Input;

/// What to tell the person after a key that means nothing here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hint {
    /// A group of signs: n, y or a sign's number.
    Group,
    /// A yes/no question.
    YesNo,
    /// Marking which signs apply.
    Pick,
    /// Enter with nothing marked.
    MarkOne,
    /// A number outside the list.
    NotListed,
    /// The pain question.
    Pain,
    /// The reach question.
    Extent,
    /// A screen that only goes on with Enter.
    Continue,
    /// A last screen: Enter or q leaves.
    Leave,
    /// The stop screen.
    Stopped,
    /// The quit confirmation.
    Confirm,
}

impl Hint {
    /// The hint's words for a small window (at most 30 columns).
    pub fn short(self) -> &'static str {
        match self {
            Hint::Group => "Press n (none) or y (any).",
            Hint::YesNo => "Press y or n.",
            Hint::Pick => "Numbers mark; Enter when done.",
            Hint::MarkOne => "Mark one, or b to go back.",
            Hint::NotListed => "That number is not listed.",
            Hint::Pain => "Press 0-9, or t for 10.",
            Hint::Extent => "Press 1 to 5.",
            Hint::Continue => "Press Enter to go on.",
            Hint::Leave => "Enter or q leaves.",
            Hint::Stopped => "1-5 notes reach; Enter leaves.",
            Hint::Confirm => "y quits, n stays.",
        }
    }

    /// The hint's words.
    pub fn text(self) -> &'static str {
        match self {
            Hint::Group => "Not an answer: press n if none apply, y if any do.",
            Hint::YesNo => "Not an answer: press y for yes or n for no.",
            Hint::Pick => "Press the number of each one that applies, then Enter.",
            Hint::MarkOne => "Mark at least one number, or press b to go back.",
            Hint::NotListed => "That number is not on the list.",
            Hint::Pain => "Press a number from 0 to 9, or t for 10.",
            Hint::Extent => "Press a number from 1 to 5.",
            Hint::Continue => "Press Enter to go on.",
            Hint::Leave => "Press Enter or q to leave.",
            Hint::Stopped => "Press 1-5 to note the reach, or Enter to leave.",
            Hint::Confirm => "Press y to quit or n to stay.",
        }
    }
}

/// The "quit?" confirmation shared by the question screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct ConfirmQuit {
    /// Whether the confirmation is showing.
    pub open: bool,
}

/// What the confirmation made of a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Confirmed {
    /// Not for the confirmation: handle it as usual.
    Pass,
    /// Taken (opened, closed, or ignored with a hint).
    Handled(Option<Hint>),
    /// "Yes, quit."
    Quit,
}

impl ConfirmQuit {
    /// Offer a reply to the confirmation first.
    pub(crate) fn reply(&mut self, r: Input) -> Confirmed {
        match (self.open, r) {
            (false, Input::Quit) => {
                self.open = true;
                Confirmed::Handled(None)
            }
            (false, _) => Confirmed::Pass,
            (true, Input::Yes) => Confirmed::Quit,
            (true, Input::No | Input::Back | Input::Quit) => {
                self.open = false;
                Confirmed::Handled(None)
            }
            (true, _) => Confirmed::Handled(Some(Hint::Confirm)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_hints_fit_a_small_status_line() {
        use Hint::*;
        for h in [
            Group, YesNo, Pick, MarkOne, NotListed, Pain, Extent, Continue, Leave, Stopped, Confirm,
        ] {
            assert!(h.short().chars().count() <= 30, "{h:?}");
        }
    }

    #[test]
    fn confirmation_needs_an_explicit_yes() {
        let mut c = ConfirmQuit::default();
        assert_eq!(c.reply(Input::Yes), Confirmed::Pass);
        assert_eq!(c.reply(Input::Quit), Confirmed::Handled(None));
        assert!(c.open);
        assert_eq!(
            c.reply(Input::Enter),
            Confirmed::Handled(Some(Hint::Confirm))
        );
        assert_eq!(
            c.reply(Input::Number(1)),
            Confirmed::Handled(Some(Hint::Confirm))
        );
        assert_eq!(c.reply(Input::No), Confirmed::Handled(None));
        assert!(!c.open);
        c.reply(Input::Quit);
        assert_eq!(c.reply(Input::Yes), Confirmed::Quit);
    }
}
