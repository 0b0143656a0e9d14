//! The words for a technique that did not go well last time: what went
//! wrong ([`Trouble`]), why it is brought up again ([`Why`]), and what the
//! person chose to do about it ([`Choice`], [`ChosenBy`]). The session
//! offers the choice on the prepare screen; the history keeps it with its
//! reason. Each has a stable code for the history (`code`/`from_code`).

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

impl Trouble {
    /// Every kind of trouble.
    pub const ALL: [Trouble; 3] = [Trouble::Sharper, Trouble::Spreading, Trouble::Stopped];

    /// The stable code kept in the history.
    pub fn code(self) -> &'static str {
        match self {
            Trouble::Sharper => "sharper",
            Trouble::Spreading => "spreading",
            Trouble::Stopped => "stopped",
        }
    }

    /// The trouble a code stands for.
    pub fn from_code(code: &str) -> Option<Trouble> {
        Trouble::ALL.into_iter().find(|t| t.code() == code)
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

impl Choice {
    /// The choices in the order they are offered; key `i + 1` picks `ALL[i]`.
    pub const ALL: [Choice; 3] = [Choice::Shorter, Choice::Skip, Choice::AsWritten];

    /// The stable code kept in the history.
    pub fn code(self) -> &'static str {
        match self {
            Choice::Shorter => "shorter",
            Choice::Skip => "skip",
            Choice::AsWritten => "as-written",
        }
    }

    /// The choice a code stands for.
    pub fn from_code(code: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|c| c.code() == code)
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

impl ChosenBy {
    /// The stable code kept in the history.
    pub fn code(self) -> &'static str {
        match self {
            ChosenBy::Key => "key",
            ChosenBy::NoAnswer => "no-answer",
        }
    }

    /// How a code says the choice was made.
    pub fn from_code(code: &str) -> Option<ChosenBy> {
        [ChosenBy::Key, ChosenBy::NoAnswer]
            .into_iter()
            .find(|c| c.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_differ() {
        for t in Trouble::ALL {
            assert_eq!(Trouble::from_code(t.code()), Some(t));
        }
        for c in Choice::ALL {
            assert_eq!(Choice::from_code(c.code()), Some(c));
        }
        for b in [ChosenBy::Key, ChosenBy::NoAnswer] {
            assert_eq!(ChosenBy::from_code(b.code()), Some(b));
        }
        assert_eq!(Choice::from_code("maybe"), None);
    }
}
