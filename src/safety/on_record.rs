//! What the history holds about the person as a session starts, and what
//! follows from it for the screening: whether the lasting questions are
//! due (first session, 30 days on, or a condition without a doctor's OK),
//! which lasting conditions a doctor's OK covers, and whether the
//! "has it been assessed?" question is due in this episode of pain.
//!
//! Pure: the history reads these facts (and says when the episode began)
//! and the time is passed in with them. With no history at all, the
//! record is empty and everything is asked, as at a first session.

use crate::vocab::Sign;

/// Days after which the lasting questions are asked again.
pub const RECHECK_DAYS: i64 = 30;
const DAY_MS: i64 = 86_400_000;

/// The person's record, as of the start of this session.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OnRecord {
    /// When this session starts, in milliseconds since the Unix epoch: the
    /// 30 days are counted back from here.
    pub now_ms: i64,
    /// The newest answers to the lasting questions, if ever answered.
    pub lasting: Option<LastingAnswers>,
    /// Every doctor's OK recorded, oldest first.
    pub oks: Vec<ClinicianOk>,
    /// Whether "has a doctor or physiotherapist assessed this pain?" was
    /// answered in this episode of pain (so it is not asked again).
    pub assessed_this_episode: bool,
}

/// The answers to the lasting questions, with the day they were given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastingAnswers {
    /// When, in milliseconds since the Unix epoch.
    pub at_ms: i64,
    /// The local date, as shown (`2025-05-03`).
    pub date: String,
    /// The conditions that applied (empty: none).
    pub signs: Vec<Sign>,
}

/// "A doctor or physiotherapist has told me massage is OK for me", for
/// these lasting conditions, recorded on this day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClinicianOk {
    /// When it was recorded, in milliseconds since the Unix epoch.
    pub at_ms: i64,
    /// The local date, as shown.
    pub date: String,
    /// The lasting conditions it covers.
    pub covers: Vec<Sign>,
}

/// Why the lasting questions are asked at this session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Never answered (a first session, or no history).
    First,
    /// Answered 30 days ago or more.
    Recheck,
    /// A condition on record has no doctor's OK: asked each time, so that
    /// an OK can be recorded once there is one.
    NotCovered,
}

impl OnRecord {
    /// Nothing on record, at `now_ms`: everything is asked.
    pub fn empty(now_ms: i64) -> OnRecord {
        OnRecord {
            now_ms,
            ..OnRecord::default()
        }
    }

    /// Whether a doctor's OK on record covers `sign`.
    pub fn covers(&self, sign: Sign) -> bool {
        self.oks.iter().any(|ok| ok.covers.contains(&sign))
    }

    /// Whether, and why, the lasting questions are asked at this session
    /// (the person can always ask for them with `c`).
    pub fn lasting_due(&self) -> Option<Due> {
        let Some(l) = &self.lasting else {
            return Some(Due::First);
        };
        if self.now_ms.saturating_sub(l.at_ms) >= RECHECK_DAYS * DAY_MS {
            Some(Due::Recheck)
        } else if !l.signs.iter().all(|s| self.covers(*s)) {
            Some(Due::NotCovered)
        } else {
            None
        }
    }

    /// The lasting conditions in force when they are not asked: those on
    /// record (each covered by an OK, or they would be asked).
    pub fn lasting_signs(&self) -> &[Sign] {
        self.lasting.as_ref().map_or(&[], |l| &l.signs)
    }

    /// Whether to ask if a professional has assessed this pain.
    pub fn assessed_due(&self) -> bool {
        !self.assessed_this_episode
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_750_000_000_000;

    fn answered(days_ago: i64, signs: Vec<Sign>) -> Option<LastingAnswers> {
        Some(LastingAnswers {
            at_ms: NOW - days_ago * DAY_MS,
            date: "2025-05-03".into(),
            signs,
        })
    }

    fn ok(covers: Vec<Sign>) -> ClinicianOk {
        ClinicianOk {
            at_ms: NOW - DAY_MS,
            date: "2025-06-14".into(),
            covers,
        }
    }

    /// When the lasting questions are asked, as a table.
    #[test]
    fn lasting_questions_are_due_first_after_30_days_or_without_an_ok() {
        use Sign::*;
        let table: Vec<(Option<LastingAnswers>, Vec<ClinicianOk>, Option<Due>)> = vec![
            (None, vec![], Some(Due::First)),
            (answered(0, vec![]), vec![], None),
            (answered(29, vec![]), vec![], None),
            (answered(30, vec![]), vec![], Some(Due::Recheck)),
            (
                answered(400, vec![Pregnancy]),
                vec![ok(vec![Pregnancy])],
                Some(Due::Recheck),
            ),
            (
                answered(2, vec![BleedingRisk]),
                vec![],
                Some(Due::NotCovered),
            ),
            (
                answered(2, vec![BleedingRisk]),
                vec![ok(vec![Pregnancy])],
                Some(Due::NotCovered),
            ),
            (
                answered(2, vec![BleedingRisk]),
                vec![ok(vec![BleedingRisk])],
                None,
            ),
            (
                answered(2, vec![BleedingRisk, FragileBones]),
                vec![ok(vec![BleedingRisk]), ok(vec![FragileBones, Pregnancy])],
                None,
            ),
        ];
        for (lasting, oks, due) in table {
            let r = OnRecord {
                now_ms: NOW,
                lasting: lasting.clone(),
                oks,
                assessed_this_episode: true,
            };
            assert_eq!(r.lasting_due(), due, "{lasting:?}");
        }
    }

    #[test]
    fn an_empty_record_asks_everything() {
        let r = OnRecord::empty(NOW);
        assert_eq!(r.lasting_due(), Some(Due::First));
        assert!(r.assessed_due());
        assert!(r.lasting_signs().is_empty());
        assert!(!r.covers(Sign::Pregnancy));
    }
}
