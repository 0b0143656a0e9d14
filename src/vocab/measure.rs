//! What the person tells us about their pain: how strong it is ([`Pain`],
//! 0–10) and how far down the leg it reaches ([`Extent`]). Comparing the
//! extent before and after gives a [`Trend`]: pain that draws back toward
//! the lower back (centralises) is a good sign; pain that spreads further
//! down the leg is a reason to stop.

use std::fmt;

use super::words;

/// Pain on a 0–10 scale: 0 is none, 10 the worst imaginable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pain(u8);

impl Pain {
    /// The highest score.
    pub const MAX: u8 = 10;

    /// A pain score, if `score` is on the scale.
    pub fn new(score: u8) -> Option<Pain> {
        (score <= Pain::MAX).then_some(Pain(score))
    }

    /// The score, 0–10.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl fmt::Display for Pain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/10", self.0)
    }
}

/// The furthest point the pain, tingling or numbness reaches. Ordered from
/// the lower back outward, so `a < b` means `a` reaches less far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Extent {
    LowerBack,
    Buttock,
    Thigh,
    BelowKnee,
    Foot,
}

words! {
    /// Every extent, in order; the answer key of `ALL[i]` is `i + 1`.
    impl Extent {
        const ALL;
        /// The code stored in the history and written to exports.
        fn code;
        /// The extent a stored code stands for.
        fn from_code;
        LowerBack = "lower-back",
        Buttock = "buttock",
        Thigh = "thigh",
        BelowKnee = "below-knee",
        Foot = "foot",
    }
}

impl Extent {
    /// The extent answered by number key `n` (1–5).
    pub fn from_key(n: u8) -> Option<Extent> {
        Extent::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    /// The number key that answers this extent.
    pub fn key(self) -> u8 {
        self as u8 + 1
    }

    /// Words for a list of choices ("lower back only", "below the knee").
    pub fn words(self) -> &'static str {
        match self {
            Extent::LowerBack => "lower back only",
            Extent::Buttock => "buttock",
            Extent::Thigh => "thigh",
            Extent::BelowKnee => "below the knee",
            Extent::Foot => "foot",
        }
    }

    /// A word or two for a table cell: "back", "below knee".
    pub fn short(self) -> &'static str {
        match self {
            Extent::LowerBack => "back",
            Extent::Buttock => "buttock",
            Extent::Thigh => "thigh",
            Extent::BelowKnee => "below knee",
            Extent::Foot => "foot",
        }
    }

    /// Words that follow "it reaches": "the thigh", "below the knee".
    pub fn place(self) -> &'static str {
        match self {
            Extent::LowerBack => "the lower back only",
            Extent::Buttock => "the buttock",
            Extent::Thigh => "the thigh",
            Extent::BelowKnee => "below the knee",
            Extent::Foot => "the foot",
        }
    }

    /// 0 (lower back) to 4 (foot), for charts.
    pub fn level(self) -> u8 {
        self as u8
    }
}

/// How the reach of the pain changed over a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trend {
    /// It drew back toward the lower back: a good sign.
    Centralised,
    /// It reaches the same place.
    Unchanged,
    /// It reaches further down the leg than before.
    Spread,
}

impl Trend {
    /// Compare where the pain reached before and after.
    pub fn between(before: Extent, after: Extent) -> Trend {
        match after.cmp(&before) {
            std::cmp::Ordering::Less => Trend::Centralised,
            std::cmp::Ordering::Equal => Trend::Unchanged,
            std::cmp::Ordering::Greater => Trend::Spread,
        }
    }
}

/// Pain and reach at one moment (before the session, or after it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reading {
    /// How strong, 0–10.
    pub pain: Pain,
    /// How far down it reaches.
    pub extent: Extent,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pain_is_bounded() {
        assert_eq!(Pain::new(0).map(Pain::get), Some(0));
        assert_eq!(Pain::new(10).map(Pain::get), Some(10));
        assert_eq!(Pain::new(11), None);
        assert_eq!(Pain::new(7).unwrap().to_string(), "7/10");
    }

    #[test]
    fn extent_keys_round_trip() {
        for e in Extent::ALL {
            assert_eq!(Extent::from_key(e.key()), Some(e));
        }
        crate::vocab::check_words(&Extent::ALL, Extent::code, Extent::from_code);
        assert_eq!(Extent::from_key(0), None);
        assert_eq!(Extent::from_key(6), None);
    }

    #[test]
    fn trend_follows_the_leg() {
        use Extent::*;
        assert_eq!(Trend::between(Thigh, Buttock), Trend::Centralised);
        assert_eq!(Trend::between(Foot, LowerBack), Trend::Centralised);
        assert_eq!(Trend::between(Thigh, Thigh), Trend::Unchanged);
        assert_eq!(Trend::between(Buttock, BelowKnee), Trend::Spread);
    }
}
