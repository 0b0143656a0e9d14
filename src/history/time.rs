//! Dates and times for the history, without a date crate: the wall clock
//! in milliseconds, the local UTC offset from the C library (which honours
//! `TZ`), and civil dates by Howard Hinnant's days-from-civil algorithm.
//! Formatting is pure: it takes the instant and the offset.

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, in milliseconds since the Unix epoch (UTC).
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

unsafe extern "C" {
    /// POSIX: read `TZ` into the C library's time-zone state.
    fn tzset();
}

/// The local time zone's offset from UTC at `ms`, in seconds.
pub fn local_offset_s(ms: i64) -> i32 {
    let t: libc::time_t = ms.div_euclid(1000) as libc::time_t;
    // SAFETY: `tm` is plain data that localtime_r fills in; both pointers
    // are valid for the call. tzset only reads the environment.
    unsafe {
        tzset();
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&t, &mut tm).is_null() {
            return 0;
        }
        tm.tm_gmtoff as i32
    }
}

/// A civil date and time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    /// The year (proleptic Gregorian).
    pub year: i64,
    /// 1-12.
    pub month: u32,
    /// 1-31.
    pub day: u32,
    /// 0-23.
    pub hour: u32,
    /// 0-59.
    pub minute: u32,
    /// 0-59.
    pub second: u32,
}

/// The civil date and time of `ms` at `offset_s` from UTC.
pub fn civil(ms: i64, offset_s: i32) -> Civil {
    let secs = ms.div_euclid(1000) + i64::from(offset_s);
    let days = secs.div_euclid(86_400);
    let tod = secs.rem_euclid(86_400) as u32;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    Civil {
        year,
        month,
        day,
        hour: tod / 3600,
        minute: tod % 3600 / 60,
        second: tod % 60,
    }
}

/// The local day number of `ms` (days since 1970-01-01 at that offset).
pub fn day_number(ms: i64, offset_s: i32) -> i64 {
    (ms.div_euclid(1000) + i64::from(offset_s)).div_euclid(86_400)
}

/// `2025-03-04T18:30:05+01:00`: exact and sortable, for exports.
pub fn rfc3339(ms: i64, offset_s: i32) -> String {
    let c = civil(ms, offset_s);
    let sign = if offset_s < 0 { '-' } else { '+' };
    let off = offset_s.unsigned_abs();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        c.year,
        c.month,
        c.day,
        c.hour,
        c.minute,
        c.second,
        off / 3600,
        off % 3600 / 60
    )
}

/// `2025-03-04 18:30`: for tables.
pub fn date_time(ms: i64, offset_s: i32) -> String {
    let c = civil(ms, offset_s);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        c.year, c.month, c.day, c.hour, c.minute
    )
}

/// `03-04`: month and day, for chart axes.
pub fn month_day(ms: i64, offset_s: i32) -> String {
    let c = civil(ms, offset_s);
    format!("{:02}-{:02}", c.month, c.day)
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
        let mut prev = civil(-1, 0);
        for d in 0..(400 * 366) {
            let c = civil(d * 86_400_000, 0);
            let next_day = (c.year, c.month, c.day) != (prev.year, prev.month, prev.day);
            assert!(next_day, "{c:?} after {prev:?}");
            assert!((1..=12).contains(&c.month) && (1..=31).contains(&c.day));
            prev = c;
        }
        // 146 097 days are exactly 400 Gregorian years: 2370-01-01, then 302 more.
        assert_eq!((prev.year, prev.month, prev.day), (2370, 10, 30));
    }

    #[test]
    fn spans_read_naturally() {
        assert_eq!(span(45_000), "45s");
        assert_eq!(span(725_000), "12m05s");
        assert_eq!(span(3_720_000), "1h02m");
        assert_eq!(span(-5), "0s");
    }

    #[test]
    fn day_numbers_follow_the_offset() {
        assert_eq!(day_number(86_400_000 - 1, 0), 0);
        assert_eq!(day_number(86_400_000 - 1, 1), 1);
    }

    #[test]
    fn local_offset_is_a_real_offset() {
        let off = local_offset_s(now_ms());
        assert!((-14 * 3600..=14 * 3600).contains(&off));
    }
}
