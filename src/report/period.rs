//! Which sessions a report covers: `--since DATE`, `--last N`, or by
//! default the last 30 days. Pure: today is passed in. Dates are local:
//! a session counts from the day it started where it was done (its
//! recorded UTC offset). Calendar work is left to `history::time`.

use std::fmt;
use std::str::FromStr;

use super::model::Period;
use crate::history::SessionRow;
use crate::history::time;

/// Days in the default period, today included.
pub const DEFAULT_DAYS: i64 = 30;

const DAY_MS: i64 = 86_400_000;

/// A calendar date, as typed after `--since` (`2024-03-01`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// Local day number (days since 1970-01-01).
    day: i64,
}

impl Date {
    /// The date of local day number `day`.
    pub fn from_day(day: i64) -> Date {
        Date { day }
    }

    /// Its local day number.
    pub fn day(self) -> i64 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&iso_day(self.day))
    }
}

/// `2024-03-01` for a local day number.
pub fn iso_day(day: i64) -> String {
    let c = time::civil(day.saturating_mul(DAY_MS), 0);
    format!("{:04}-{:02}-{:02}", c.year, c.month, c.day)
}

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a date as YYYY-MM-DD, such as 2024-03-01; '{0}' is not one")]
pub struct BadDate(String);

impl FromStr for Date {
    type Err = BadDate;

    fn from_str(s: &str) -> Result<Date, BadDate> {
        let bad = || BadDate(s.to_string());
        let parts: Vec<&str> = s.trim().split('-').collect();
        let [y, m, d] = parts[..] else {
            return Err(bad());
        };
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let (Some(y), Some(m), Some(d)) = (num(y, 4), num(m, 2), num(d, 2)) else {
            return Err(bad());
        };
        day_of(i64::from(y), m, d)
            .map(Date::from_day)
            .ok_or_else(bad)
    }
}

/// The day number of a civil date, if the date exists: the first day whose
/// civil date is not before it (a binary search over `time::civil`), which
/// must be the date itself (2023-02-29 finds 2023-03-01 and is refused).
fn day_of(year: i64, month: u32, day: u32) -> Option<i64> {
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let key = |d: i64| {
        let c = time::civil(d * DAY_MS, 0);
        (c.year, c.month, c.day)
    };
    let want = (year, month, day);
    // Year 1 to year 10000, in days.
    let (mut lo, mut hi) = (-719_162_i64, 2_932_897_i64);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if key(mid) < want {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    (key(lo) == want).then_some(lo)
}

/// Which sessions to report on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Sessions on or after this local date.
    Since(Date),
    /// The most recent sessions.
    Last(usize),
    /// The last [`DEFAULT_DAYS`] days, today included.
    Recent,
}

impl Scope {
    /// The first local day this scope can include, or `None` for
    /// [`Scope::Last`], given today's local day number.
    pub fn first_day(self, today: i64) -> Option<i64> {
        match self {
            Scope::Since(d) => Some(d.day()),
            Scope::Recent => Some(today - (DEFAULT_DAYS - 1)),
            Scope::Last(_) => None,
        }
    }

    /// An instant no session of this scope can start before: the first
    /// day's midnight in the time zone furthest ahead of UTC. The store
    /// reads from there; [`select`] then decides by each session's own
    /// local date.
    pub fn earliest_ms(self, today: i64) -> Option<i64> {
        self.first_day(today)
            .map(|d| d.saturating_mul(DAY_MS) - 14 * 3_600_000)
    }
}

/// A session's local day number.
pub fn local_day(row: &SessionRow) -> i64 {
    time::day_number(row.started_ms, row.utc_offset_s)
}

/// Keep the sessions of `scope` (from rows in the order they started)
/// and say which days they cover. `today` is the local day number now.
/// `None`: no session in the scope.
pub fn select(
    rows: Vec<SessionRow>,
    scope: Scope,
    today: i64,
) -> Option<(Vec<SessionRow>, Period)> {
    let rows: Vec<SessionRow> = match scope.first_day(today) {
        Some(first) => rows.into_iter().filter(|r| local_day(r) >= first).collect(),
        None => rows,
    };
    let first_seen = rows.iter().map(local_day).min()?;
    let last_seen = rows.iter().map(local_day).max()?;
    let period = match scope.first_day(today) {
        Some(first) => Period {
            first_day: first,
            last_day: today.max(last_seen),
        },
        None => Period {
            first_day: first_seen,
            last_day: last_seen,
        },
    };
    Some((rows, period))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Outcome;

    fn row(started_ms: i64, utc_offset_s: i32) -> SessionRow {
        SessionRow {
            id: started_ms,
            started_ms,
            ended_ms: Some(started_ms + 600_000),
            utc_offset_s,
            routine: "r".into(),
            routine_hash: "h".into(),
            asked_routine: "r".into(),
            asked_hash: "h".into(),
            side: None,
            outcome: Outcome::Completed,
            screening: None,
            pain_before: None,
            extent_before: None,
            pain_after: None,
            extent_after: None,
            active_ms: Some(600_000),
            steps_completed: 0,
            steps_skipped: 0,
            steps_total: None,
        }
    }

    #[test]
    fn dates_are_read_strictly() {
        let d: Date = "2024-02-29".parse().unwrap();
        assert_eq!(d.to_string(), "2024-02-29");
        assert_eq!("1970-01-01".parse::<Date>().unwrap().day(), 0);
        assert_eq!("1969-12-31".parse::<Date>().unwrap().day(), -1);
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-04-31",
            "2024-3-1",
            "24-03-01",
            "2024/03/01",
            "",
            "2024-03-01-",
            "+024-03-01",
            "0000-01-01",
        ] {
            let err = bad.parse::<Date>().unwrap_err().to_string();
            assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
        }
    }

    #[test]
    fn every_day_of_a_leap_year_round_trips() {
        let first = "2024-01-01".parse::<Date>().unwrap().day();
        for day in first..first + 366 {
            assert_eq!(iso_day(day).parse::<Date>().unwrap().day(), day);
        }
        assert_eq!(iso_day(first + 366), "2025-01-01");
    }

    #[test]
    fn a_session_counts_on_its_own_local_day() {
        // 23:30 UTC on day 10 is already day 11 one hour east.
        let late = 10 * DAY_MS + 23 * 3_600_000 + 1_800_000;
        let rows = vec![row(late, 0), row(late, 3600)];
        let since = Scope::Since(Date::from_day(11));
        let (kept, period) = select(rows, since, 12).unwrap();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].utc_offset_s, 3600);
        assert_eq!(
            (period.first_day, period.last_day, period.days()),
            (11, 12, 2)
        );
        assert!(since.earliest_ms(12).unwrap() <= late);
    }

    #[test]
    fn recent_is_thirty_days_and_last_spans_its_sessions() {
        let rows: Vec<SessionRow> = (0..100).map(|d| row(d * DAY_MS + 1000, 0)).collect();
        let (kept, period) = select(rows.clone(), Scope::Recent, 99).unwrap();
        assert_eq!(kept.len(), 30);
        assert_eq!((period.first_day, period.last_day), (70, 99));
        let (kept, period) = select(rows[95..].to_vec(), Scope::Last(5), 120).unwrap();
        assert_eq!(kept.len(), 5);
        assert_eq!((period.first_day, period.last_day), (95, 99));
        assert_eq!(select(rows, Scope::Recent, 500), None);
    }
}
