//! A side of the body. It sits with the shared words because the session's
//! events say which side a countdown ran on, and the history and the
//! tolerance record key techniques by it; routines use it too (re-exported
//! as `routine::Side`).

use serde::{Deserialize, Serialize};

/// A concrete side of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    Left,
    Right,
}

impl Side {
    /// Both sides, left first.
    pub const BOTH: [Side; 2] = [Side::Left, Side::Right];

    /// The side as a word for messages (also its stable code in the history).
    pub fn word(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }

    /// The side a word names (`left`, `right`).
    pub fn from_word(word: &str) -> Option<Side> {
        Side::BOTH.into_iter().find(|s| s.word() == word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for s in Side::BOTH {
            assert_eq!(Side::from_word(s.word()), Some(s));
        }
        assert_eq!(Side::from_word("both"), None);
    }
}
