//! A pure summary of the last few sessions, for the completion screen and
//! the history view: how often, whether pain eased during sessions, and
//! whether the symptoms reach less far down the leg (centralisation, a
//! good sign) or further (a reason to get checked). Time is a parameter.

use super::model::{Extent, Outcome, SessionRow};

/// How many recent sessions the trend looks at.
pub const WINDOW: usize = 5;

/// A week, in milliseconds.
pub const WEEK_MS: i64 = 7 * 24 * 3600 * 1000;

/// Which way the reach of the symptoms moved across sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Less far down the leg than before: centralising.
    Receding,
    /// As far as before.
    Same,
    /// Further down the leg: peripheralising.
    Spreading,
}

/// The last few sessions in numbers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recent {
    /// Sessions looked at (the most recent, at most [`WINDOW`]).
    pub sessions: usize,
    /// How many of those were completed.
    pub completed: usize,
    /// Sessions of all time that started in the 7 days before `now`.
    pub past_week: usize,
    /// Sessions with pain rated both before and after.
    pub rated: usize,
    /// Mean of pain after − pain before over the rated sessions, in
    /// tenths of a point (−15: eased by 1.5 on average).
    pub mean_change_tenths: Option<i32>,
    /// Sessions whose symptoms reached less far after than before.
    pub centralised: usize,
    /// The reach before the session, oldest against newest in the window.
    pub reach: Option<(Extent, Extent, Reach)>,
}

/// Summarise `rows` (in the order they started) as of `now_ms`.
pub fn recent(rows: &[SessionRow], now_ms: i64) -> Recent {
    let past_week = rows
        .iter()
        .filter(|r| r.started_ms <= now_ms && now_ms - r.started_ms < WEEK_MS)
        .count();
    let recent = &rows[rows.len().saturating_sub(WINDOW)..];
    let changes: Vec<i32> = recent.iter().filter_map(SessionRow::pain_change).collect();
    let mean_change_tenths = (!changes.is_empty()).then(|| {
        let sum: i32 = changes.iter().sum();
        // Round half away from zero, in tenths.
        let tenths = f64::from(sum * 10) / changes.len() as f64;
        tenths.round() as i32
    });
    let reaches: Vec<Extent> = recent.iter().filter_map(|r| r.extent_before).collect();
    let reach = match (reaches.first(), reaches.last()) {
        (Some(&a), Some(&b)) if reaches.len() > 1 => Some((
            a,
            b,
            match b.cmp(&a) {
                std::cmp::Ordering::Less => Reach::Receding,
                std::cmp::Ordering::Equal => Reach::Same,
                std::cmp::Ordering::Greater => Reach::Spreading,
            },
        )),
        _ => None,
    };
    Recent {
        sessions: recent.len(),
        completed: recent
            .iter()
            .filter(|r| r.outcome == Outcome::Completed)
            .count(),
        past_week,
        rated: changes.len(),
        mean_change_tenths,
        centralised: recent
            .iter()
            .filter(|r| matches!((r.extent_before, r.extent_after), (Some(b), Some(a)) if a < b))
            .count(),
        reach,
    }
}

fn points(tenths: i32) -> String {
    let t = tenths.unsigned_abs();
    if t.is_multiple_of(10) {
        format!("{} point{}", t / 10, if t == 10 { "" } else { "s" })
    } else {
        format!("{}.{} points", t / 10, t % 10)
    }
}

impl Recent {
    /// A few plain sentences about the sessions before this one, or `None`
    /// when there were none.
    pub fn sentence(&self) -> Option<String> {
        if self.sessions == 0 {
            return None;
        }
        let mut s = match self.past_week {
            0 => "No other session in the past week.".to_string(),
            1 => "One other session in the past week.".to_string(),
            n => format!("{n} other sessions in the past week."),
        };
        if let Some(t) = self.mean_change_tenths {
            let how = match t {
                0 => "stayed the same".to_string(),
                t if t < 0 => format!("eased by {}", points(t)),
                t => format!("rose by {}", points(t)),
            };
            s.push_str(&match self.rated {
                1 => format!(" In your last rated session, pain {how}."),
                n => format!(" Over your last {n} rated sessions, pain {how} on average."),
            });
        }
        if let Some((from, to, reach)) = self.reach {
            let (from, to) = (from.words(), to.words());
            s.push_str(&match reach {
                Reach::Receding => {
                    format!(" Symptoms now reach less far than a few sessions ago ({from} → {to}).")
                }
                Reach::Same => format!(" Symptoms reach as far as a few sessions ago ({to})."),
                Reach::Spreading => format!(
                    " Symptoms now reach further down the leg than a few sessions ago ({from} → {to}); \
                     have a doctor or physiotherapist check this."
                ),
            });
        }
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Pain;

    const DAY: i64 = 24 * 3600 * 1000;

    fn row(day: i64, pain: Option<(u8, u8)>, reach: Option<(Extent, Extent)>) -> SessionRow {
        SessionRow {
            id: day,
            started_ms: day * DAY,
            ended_ms: Some(day * DAY + 600_000),
            utc_offset_s: 0,
            routine: "r".into(),
            routine_hash: "h".into(),
            asked_routine: "r".into(),
            asked_hash: "h".into(),
            side: None,
            outcome: Outcome::Completed,
            screening: None,
            pain_before: pain.and_then(|p| Pain::new(p.0)),
            extent_before: reach.map(|r| r.0),
            pain_after: pain.and_then(|p| Pain::new(p.1)),
            extent_after: reach.map(|r| r.1),
            active_ms: Some(600_000),
            steps_completed: 3,
            steps_skipped: 0,
            steps_total: Some(3),
        }
    }

    #[test]
    fn nothing_to_say_without_sessions() {
        assert_eq!(recent(&[], 0), Recent::default());
        assert_eq!(recent(&[], 0).sentence(), None);
    }

    #[test]
    fn unrated_sessions_still_count() {
        let rows: Vec<_> = (0..3).map(|d| row(d, None, None)).collect();
        let t = recent(&rows, 3 * DAY);
        assert_eq!(
            (t.sessions, t.past_week, t.rated, t.mean_change_tenths),
            (3, 3, 0, None)
        );
        assert_eq!(t.sentence().unwrap(), "3 other sessions in the past week.");
    }

    #[test]
    fn pain_change_and_receding_symptoms() {
        use Extent::*;
        let rows = vec![
            row(0, Some((7, 5)), Some((Thigh, Buttock))),
            row(8, Some((6, 5)), Some((Buttock, Buttock))),
            row(9, Some((5, 3)), Some((Buttock, LowerBack))),
            row(10, None, None),
        ];
        let t = recent(&rows, 10 * DAY + 1);
        assert_eq!(t.past_week, 3);
        assert_eq!(t.mean_change_tenths, Some(-17)); // (−2 −1 −2) / 3
        assert_eq!(t.centralised, 2);
        assert_eq!(t.reach, Some((Thigh, Buttock, Reach::Receding)));
        let s = t.sentence().unwrap();
        assert!(
            s.contains("Over your last 3 rated sessions, pain eased by 1.7 points on average."),
            "{s}"
        );
        assert!(
            s.contains("less far than a few sessions ago (thigh → buttock)."),
            "{s}"
        );
    }

    #[test]
    fn spreading_symptoms_say_get_checked_and_window_is_recent() {
        use Extent::*;
        let mut rows = vec![row(0, Some((2, 9)), Some((Foot, Foot)))];
        rows.extend(
            (1..=WINDOW as i64).map(|d| row(d, Some((4, 5)), Some((LowerBack, LowerBack)))),
        );
        rows.push(row(20, Some((5, 6)), Some((Thigh, Thigh))));
        let t = recent(&rows, 20 * DAY);
        assert_eq!(t.sessions, WINDOW);
        assert_eq!(t.mean_change_tenths, Some(10));
        let s = t.sentence().unwrap();
        assert!(s.contains("pain rose by 1 point on average"), "{s}");
        assert!(
            s.contains("further down the leg") && s.contains("physiotherapist check this"),
            "{s}"
        );
        assert!(s.starts_with("One other session in the past week."), "{s}");
    }
}
