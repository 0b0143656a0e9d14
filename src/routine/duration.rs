//! Human durations as people write them in routine files: `"45s"`, `"5m"`,
//! `"1m30s"`, `"90s"`, `"1h"`. Parsing and formatting round-trip.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// A whole number of seconds, written the way people write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Human(pub Duration);

/// Why a duration string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    #[error("a duration cannot be empty; write it like '45s', '5m' or '1m30s'")]
    Empty,
    #[error("'{0}' is not a duration; write it like '45s', '5m' or '1m30s'")]
    Malformed(String),
    #[error(
        "'{0}' repeats a unit or puts units out of order; write hours, then minutes, then seconds, like '1m30s'"
    )]
    Order(String),
    #[error("'{0}' is too long; durations are at most 24 hours")]
    TooLong(String),
}

const MAX_SECS: u64 = 24 * 3600;

impl FromStr for Human {
    type Err = DurationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let s = text.trim();
        if s.is_empty() {
            return Err(DurationError::Empty);
        }
        let mut total: u64 = 0;
        let mut number = String::new();
        // Rank of the last unit seen: h = 3, m = 2, s = 1; units must fall.
        let mut last_rank = u8::MAX;
        let mut saw_unit = false;
        for c in s.chars() {
            if c.is_ascii_digit() {
                if number.len() >= 6 {
                    return Err(DurationError::TooLong(text.to_string()));
                }
                number.push(c);
                continue;
            }
            let (rank, scale) = match c {
                'h' => (3, 3600),
                'm' => (2, 60),
                's' => (1, 1),
                _ => return Err(DurationError::Malformed(text.to_string())),
            };
            if number.is_empty() {
                return Err(DurationError::Malformed(text.to_string()));
            }
            if rank >= last_rank {
                return Err(DurationError::Order(text.to_string()));
            }
            last_rank = rank;
            saw_unit = true;
            let n: u64 = number
                .parse()
                .map_err(|_| DurationError::Malformed(text.to_string()))?;
            number.clear();
            total = total.saturating_add(n.saturating_mul(scale));
        }
        if !number.is_empty() || !saw_unit {
            return Err(DurationError::Malformed(text.to_string()));
        }
        if total > MAX_SECS {
            return Err(DurationError::TooLong(text.to_string()));
        }
        Ok(Human(Duration::from_secs(total)))
    }
}

impl fmt::Display for Human {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0.as_secs();
        if secs == 0 {
            return f.write_str("0s");
        }
        let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
        if h > 0 {
            write!(f, "{h}h")?;
        }
        if m > 0 {
            write!(f, "{m}m")?;
        }
        if s > 0 {
            write!(f, "{s}s")?;
        }
        Ok(())
    }
}

impl<'de> serde::Deserialize<'de> for Human {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl serde::Serialize for Human {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// `m:ss` (or `h:mm:ss`) for countdowns and totals.
pub fn clock(d: Duration) -> String {
    let secs = d.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(s: &str) -> Result<u64, DurationError> {
        s.parse::<Human>().map(|h| h.0.as_secs())
    }

    #[test]
    fn reads_what_people_write() {
        assert_eq!(p("45s"), Ok(45));
        assert_eq!(p("5m"), Ok(300));
        assert_eq!(p("1m30s"), Ok(90));
        assert_eq!(p("90s"), Ok(90));
        assert_eq!(p("1h"), Ok(3600));
        assert_eq!(p(" 2m "), Ok(120));
    }

    #[test]
    fn refuses_what_is_unclear() {
        assert!(matches!(p(""), Err(DurationError::Empty)));
        assert!(matches!(p("45"), Err(DurationError::Malformed(_))));
        assert!(matches!(p("m"), Err(DurationError::Malformed(_))));
        assert!(matches!(p("5 min"), Err(DurationError::Malformed(_))));
        assert!(matches!(p("-5s"), Err(DurationError::Malformed(_))));
        assert!(matches!(p("30s1m"), Err(DurationError::Order(_))));
        assert!(matches!(p("1m1m"), Err(DurationError::Order(_))));
        assert!(matches!(p("25h"), Err(DurationError::TooLong(_))));
        assert!(matches!(p("99999999s"), Err(DurationError::TooLong(_))));
    }

    #[test]
    fn clock_format() {
        assert_eq!(clock(Duration::from_secs(0)), "0:00");
        assert_eq!(clock(Duration::from_secs(65)), "1:05");
        assert_eq!(clock(Duration::from_secs(3725)), "1:02:05");
    }

    proptest! {
        #[test]
        fn format_then_parse_round_trips(secs in 0u64..=MAX_SECS) {
            let h = Human(Duration::from_secs(secs));
            prop_assert_eq!(h.to_string().parse::<Human>(), Ok(h));
        }

        #[test]
        fn parsing_never_panics(s in "\\PC{0,12}") {
            let _ = s.parse::<Human>();
        }
    }
}
