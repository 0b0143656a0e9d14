//! The words for a technique that did not go well last time: what went
//! wrong ([`Trouble`]), why it is brought up again ([`Why`]), and what the
//! person chose to do about it ([`Choice`], [`ChosenBy`]). The session
//! offers the choice on the prepare screen; the history keeps it with its
//! reason. Each has a stable code for the history (`code`/`from_code`).

use super::words;

/// What went wrong the last time a technique was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Trouble {
    /// The check-in after it said the pain turned sharper.
    Sharper,
    /// The check-in after it said the symptoms spread further down the leg.
    Spreading,
    /// The session was stopped during it (the stop key, or urgent signs).
    Stopped,
}

words! {
    /// Every kind of trouble.
    impl Trouble {
        const ALL;
        /// The stable code kept in the history.
        fn code;
        /// The trouble a code stands for.
        fn from_code;
        Sharper = "sharper",
        Spreading = "spreading",
        Stopped = "stopped",
    }
}

/// Why a technique is brought up before it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Why {
    /// What went wrong, the most recent time it did.
    pub trouble: Trouble,
    /// How many of the most recent times in a row it went wrong (0: the
    /// most recent time went well, but only when shortened).
    pub in_a_row: u8,
    /// When it went wrong, in milliseconds since the Unix epoch.
    pub at_ms: i64,
}

/// What to do about a technique that went wrong last time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Choice {
    /// A third shorter, never below the shortest the safety rules allow.
    Shorter,
    /// Leave it out today.
    Skip,
    /// As the routine has it.
    AsWritten,
}

words! {
    /// The choices in the order they are offered; key `i + 1` picks `ALL[i]`.
    impl Choice {
        const ALL;
        /// The stable code kept in the history.
        fn code;
        /// The choice a code stands for.
        fn from_code;
        Shorter = "shorter",
        Skip = "skip",
        AsWritten = "as-written",
    }
}

/// How a choice was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChosenBy {
    /// The person pressed its key.
    Key,
    /// Nobody answered before the prepare countdown ended: the default.
    NoAnswer,
}

words! {
    /// Both ways a choice is made.
    impl ChosenBy {
        const ALL;
        /// The stable code kept in the history.
        fn code;
        /// How a code says the choice was made.
        fn from_code;
        Key = "key",
        NoAnswer = "no-answer",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::check_words;

    #[test]
    fn codes_round_trip_and_differ() {
        check_words(&Trouble::ALL, Trouble::code, Trouble::from_code);
        check_words(&Choice::ALL, Choice::code, Choice::from_code);
        check_words(&ChosenBy::ALL, ChosenBy::code, ChosenBy::from_code);
        assert_eq!(Choice::from_code("maybe"), None);
    }
}
