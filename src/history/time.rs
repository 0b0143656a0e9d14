//! Dates and times for the history: the wall clock in milliseconds, the
//! local time zone's offset from UTC, and the dates the history prints.
//! Time zones and civil dates come from `jiff`, read without the C
//! library's `tzset`/`localtime_r` (not safe while other threads run).
//! Formatting is pure: it takes the instant and the offset.
//!
//! The local zone is found the usual way: `TZ` if set (a POSIX rule such
//! as `CET-1CEST,M3.5.0,M10.5.0/3`, a file path, or a zone name such as
//! `Europe/Paris`, read from `$TZDIR` or `/usr/share/zoneinfo`), else
//! `/etc/localtime`; UTC when there is none. jiff is built without its own
//! time zone database: the bundled one would add its data to the binary,
//! and the system one lists the whole zoneinfo folder on first use (about
//! 300 KB more resident memory at every session start), only to look up
//! the one name `TZ` gives, which `zone_named_by_tz` reads directly.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};

/// Now, in milliseconds since the Unix epoch (UTC).
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// The local time zone's offset from UTC at `ms`, in seconds.
pub fn local_offset_s(ms: i64) -> i32 {
    local_zone().to_offset(timestamp(ms)).seconds()
}

/// The system's time zone (see the module documentation), UTC if none.
fn local_zone() -> TimeZone {
    TimeZone::try_system()
        .ok()
        .or_else(zone_named_by_tz)
        .unwrap_or(TimeZone::UTC)
}

/// The zone `TZ` names (`Europe/Paris` or `:Europe/Paris`), read from
/// the system's zone files: `$TZDIR`, else `/usr/share/zoneinfo`. Names
/// that would leave that folder are not read.
fn zone_named_by_tz() -> Option<TimeZone> {
    let tz = std::env::var("TZ").ok()?;
    let name = tz.strip_prefix(':').unwrap_or(&tz);
    let path = Path::new(name);
    let inside = path
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if name.is_empty() || !inside {
        return None;
    }
    let dir = std::env::var_os("TZDIR")
        .filter(|d| !d.is_empty())
        .map_or_else(|| PathBuf::from("/usr/share/zoneinfo"), PathBuf::from);
    let data = std::fs::read(dir.join(path)).ok()?;
    TimeZone::tzif(name, &data).ok()
}

/// The whole second that `ms` falls in (seconds are never rounded up).
/// Instants no clock gives (beyond the years -9999 and 9999) are clamped.
fn timestamp(ms: i64) -> Timestamp {
    Timestamp::from_second(ms.div_euclid(1000)).unwrap_or(if ms < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// `offset_s` as an offset. One no zone has (beyond ±25:59:59, only in a
/// damaged file) is shown as UTC, so the instant printed stays right.
fn offset(offset_s: i32) -> Offset {
    Offset::from_seconds(offset_s).unwrap_or(Offset::UTC)
}

/// The civil date and time of `ms` at `offset_s` from UTC.
fn local(ms: i64, offset_s: i32) -> DateTime {
    offset(offset_s).to_datetime(timestamp(ms))
}

/// A calendar date, as the report's periods and charts count days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Civil {
    /// The year (proleptic Gregorian).
    pub year: i64,
    /// 1-12.
    pub month: u32,
    /// 1-31.
    pub day: u32,
}

/// The calendar date of `ms` at `offset_s` from UTC.
pub fn civil(ms: i64, offset_s: i32) -> Civil {
    let c = local(ms, offset_s);
    Civil {
        year: i64::from(c.year()),
        month: c.month().unsigned_abs().into(),
        day: c.day().unsigned_abs().into(),
    }
}

/// The local day number of `ms` (days since 1970-01-01 at that offset).
pub fn day_number(ms: i64, offset_s: i32) -> i64 {
    (ms.div_euclid(1000) + i64::from(offset_s)).div_euclid(86_400)
}

/// `2025-03-04T18:30:05+01:00`: exact and sortable, for exports.
pub fn rfc3339(ms: i64, offset_s: i32) -> String {
    let offset = offset(offset_s);
    let c = offset.to_datetime(timestamp(ms));
    let sign = if offset.is_negative() { '-' } else { '+' };
    let off = offset.seconds().unsigned_abs();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        c.year(),
        c.month(),
        c.day(),
        c.hour(),
        c.minute(),
        c.second(),
        off / 3600,
        off % 3600 / 60
    )
}

/// `2025-03-04 18:30`: for tables.
pub fn date_time(ms: i64, offset_s: i32) -> String {
    let c = local(ms, offset_s);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        c.year(),
        c.month(),
        c.day(),
        c.hour(),
        c.minute()
    )
}

/// `03-04`: month and day, for chart axes.
pub fn month_day(ms: i64, offset_s: i32) -> String {
    let c = local(ms, offset_s);
    format!("{:02}-{:02}", c.month(), c.day())
}

/// `45s`, `12m05s`, `1h02m`: a length of time, shortest readable form.
pub fn span(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m{:02}s", s / 60, s % 60),
        _ => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(rfc3339(0, 0), "1970-01-01T00:00:00+00:00");
        // 2024-02-29 23:59:59 UTC, a leap day.
        assert_eq!(rfc3339(1_709_251_199_000, 0), "2024-02-29T23:59:59+00:00");
        // The same instant one hour east is already March.
        assert_eq!(
            rfc3339(1_709_251_199_000, 3600),
            "2024-03-01T00:59:59+01:00"
        );
        assert_eq!(
            rfc3339(1_709_251_199_000, -5 * 3600 - 1800),
            "2024-02-29T18:29:59-05:30"
        );
        assert_eq!(date_time(1_709_251_199_999, 0), "2024-02-29 23:59");
        assert_eq!(month_day(1_709_251_199_000, 3600), "03-01");
        // Before the epoch.
        assert_eq!(rfc3339(-1000, 0), "1969-12-31T23:59:59+00:00");
    }

    #[test]
    fn every_day_of_four_centuries_follows_the_last() {
        let ymd = |ms: i64| {
            let c = civil(ms, 0);
            (c.year, c.month, c.day)
        };
        let mut prev = ymd(-1);
        for d in 0..(400 * 366) {
            let c = ymd(d * 86_400_000);
            assert!(c != prev, "{c:?} after {prev:?}");
            assert!((1..=12).contains(&c.1) && (1..=31).contains(&c.2));
            prev = c;
        }
        // 146 097 days are exactly 400 Gregorian years: 2370-01-01, then 302 more.
        assert_eq!(prev, (2370, 10, 30));
    }

    #[test]
    fn spans_read_naturally() {
        assert_eq!(span(45_000), "45s");
        assert_eq!(span(725_000), "12m05s");
        assert_eq!(span(3_720_000), "1h02m");
        assert_eq!(span(-5), "0s");
    }

    #[test]
    fn days_follow_the_offset() {
        assert_eq!(month_day(86_400_000 - 1, 0), "01-01");
        assert_eq!(month_day(86_400_000 - 1, 1), "01-02");
    }

    #[test]
    fn values_no_clock_or_zone_gives_still_print() {
        // An offset beyond any zone's (a damaged file) prints as UTC.
        assert_eq!(rfc3339(0, 100 * 3600), "1970-01-01T00:00:00+00:00");
        let (last, first) = (rfc3339(i64::MAX, 0), date_time(i64::MIN, 0));
        assert!(last.starts_with("9999-12-"), "{last}");
        assert!(first.starts_with("-9999-01-"), "{first}");
    }

    /// Set for a child copy of the test binary: `ms=offset_s` pairs, by
    /// commas, that `local_offset_s` must give under the child's `TZ`.
    const TZ_CHILD: &str = "UNKNOT_TEST_LOCAL_OFFSETS";

    /// The time zone is read once per process (and cached), so each `TZ`
    /// is tried in a child copy of this test binary.
    fn offsets_under(tz: &str, expected: &[(i64, i32)]) {
        offsets_under_with(tz, None, expected);
    }

    fn offsets_under_with(tz: &str, tzdir: Option<&Path>, expected: &[(i64, i32)]) {
        let pairs: Vec<String> = expected.iter().map(|(ms, s)| format!("{ms}={s}")).collect();
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "history::time::tests::local_offsets_in_a_child",
                "--exact",
                "--ignored",
                "--test-threads=1",
            ])
            .env("TZ", tz)
            .env("TZDIR", tzdir.unwrap_or("".as_ref()))
            .env(TZ_CHILD, pairs.join(","))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "TZ={tz}: {stdout}{stderr}");
        // The helper did run (a filter that matched nothing also succeeds).
        assert!(stdout.contains("1 passed"), "TZ={tz}: {stdout}");
    }

    /// 2024-01-15 and 2024-07-15, noon UTC.
    const WINTER: i64 = 1_705_320_000_000;
    const SUMMER: i64 = 1_721_044_800_000;

    #[test]
    fn the_local_offset_follows_tz() {
        // POSIX rules need no time zone files.
        offsets_under("XYZ-5:30", &[(WINTER, 19_800), (SUMMER, 19_800)]);
        offsets_under(
            "CET-1CEST,M3.5.0,M10.5.0/3",
            &[(WINTER, 3600), (SUMMER, 7200)],
        );
        offsets_under("", &[(WINTER, 0)]);
        // Nothing usable: UTC.
        offsets_under("No/Such/Zone", &[(WINTER, 0)]);
        offsets_under("../../etc/passwd", &[(WINTER, 0)]);
        // A zone name, from the system's time zone files when it has them,
        // or from a copy of one in the folder TZDIR names.
        let new_york = Path::new("/usr/share/zoneinfo/America/New_York");
        if new_york.exists() {
            let both = [(WINTER, -5 * 3600), (SUMMER, -4 * 3600)];
            offsets_under("America/New_York", &both);
            offsets_under(":America/New_York", &both);
            offsets_under(new_york.to_str().unwrap(), &both);
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir(dir.path().join("Test")).unwrap();
            std::fs::copy(new_york, dir.path().join("Test/Zone")).unwrap();
            offsets_under_with("Test/Zone", Some(dir.path()), &both);
        }
    }

    #[test]
    #[ignore = "a helper: run by the_local_offset_follows_tz"]
    fn local_offsets_in_a_child() {
        let Ok(pairs) = std::env::var(TZ_CHILD) else {
            return;
        };
        for pair in pairs.split(',') {
            let (ms, offset) = pair.split_once('=').unwrap();
            let (ms, offset): (i64, i32) = (ms.parse().unwrap(), offset.parse().unwrap());
            assert_eq!(local_offset_s(ms), offset, "at {ms}");
        }
    }

    #[test]
    fn local_offset_is_a_real_offset() {
        let off = local_offset_s(now_ms());
        assert!((-14 * 3600..=14 * 3600).contains(&off));
    }
}
