//! A side of the body. It sits with the shared words because the session's
//! events say which side a countdown ran on, and the history and the
//! tolerance record key techniques by it; routines use it too (re-exported
//! as `routine::Side`).

use serde::{Deserialize, Serialize};

use super::words;

/// A concrete side of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    Left,
    Right,
}

words! {
    /// Both sides, left first.
    impl Side {
        const ALL;
        /// The side as a word for messages (also its stable code in the history).
        fn word;
        /// The side a word names (`left`, `right`).
        fn from_word;
        Left = "left",
        Right = "right",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        crate::vocab::check_words(&Side::ALL, Side::word, Side::from_word);
        assert_eq!(Side::from_word("both"), None);
    }
}
