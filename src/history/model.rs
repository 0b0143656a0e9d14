//! What a stored session is. Values that go into the database have a
//! stable text code (`code`/`from_code`), independent of how they are
//! worded on screen, so renaming a label never breaks an old database.

use crate::routine::{Routine, Side};

use crate::vocab::{self, Group, Verdict, screening};

/// Pain and how far it reaches are the safety module's types, so what is
/// asked on screen and what is stored can never drift apart.
pub use crate::vocab::measure::{Extent, Pain};

/// How a stored session ended.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Still running in another unknot that is alive right now.
    InProgress,
    /// Every step was done.
    Completed,
    /// Stopped for safety; the reason code (see [`vocab::StopReason::code`]).
    Stopped(String),
    /// The person chose to quit.
    Quit,
    /// The program ended without finishing the session: a signal (the
    /// reason names it) or a crash found at the next start (no reason).
    Interrupted(Option<String>),
}

impl Outcome {
    /// The outcome code stored in `sessions.outcome` (`None`: in progress).
    pub fn code(&self) -> Option<&'static str> {
        match self {
            Outcome::InProgress => None,
            Outcome::Completed => Some("completed"),
            Outcome::Stopped(_) => Some("stopped"),
            Outcome::Quit => Some("quit"),
            Outcome::Interrupted(_) => Some("interrupted"),
        }
    }

    /// The reason stored in `sessions.reason`.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Outcome::Stopped(r) => Some(r),
            Outcome::Interrupted(r) => r.as_deref(),
            _ => None,
        }
    }

    /// Rebuild from the two stored columns.
    pub fn from_columns(code: Option<&str>, reason: Option<String>) -> Option<Outcome> {
        Some(match code {
            None => Outcome::InProgress,
            Some("completed") => Outcome::Completed,
            Some("stopped") => Outcome::Stopped(reason.unwrap_or_default()),
            Some("quit") => Outcome::Quit,
            Some("interrupted") => Outcome::Interrupted(reason),
            Some(_) => return None,
        })
    }

    /// Short words for tables: "completed", "stopped: sharper", …
    pub fn words(&self) -> String {
        match self {
            Outcome::InProgress => "in progress".to_string(),
            Outcome::Stopped(r) if !r.is_empty() => format!("stopped: {r}"),
            Outcome::Interrupted(Some(r)) => format!("interrupted ({r})"),
            other => other.code().unwrap_or("in progress").to_string(),
        }
    }
}

impl From<vocab::Outcome> for Outcome {
    fn from(o: vocab::Outcome) -> Outcome {
        match o {
            vocab::Outcome::Completed => Outcome::Completed,
            vocab::Outcome::Stopped(r) => Outcome::Stopped(r.code().to_string()),
            vocab::Outcome::Quit => Outcome::Quit,
        }
    }
}

/// What is known about a session when it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionMeta {
    /// Milliseconds since the Unix epoch (UTC).
    pub started_ms: i64,
    /// The local offset from UTC at the start, in seconds.
    pub utc_offset_s: i32,
    /// The routine asked for (the one that runs may differ: see the
    /// [`crate::vocab::Event::Began`] event).
    pub routine: String,
    /// [`routine_hash`] of the routine asked for.
    pub routine_hash: String,
    /// The affected side given with `--side`, if any.
    pub side: Option<Side>,
}

impl SessionMeta {
    /// A session of `routine` starting now, in the local time zone.
    pub fn now(routine: &Routine, side: Option<Side>) -> SessionMeta {
        let started_ms = super::time::now_ms();
        SessionMeta {
            started_ms,
            utc_offset_s: super::time::local_offset_s(started_ms),
            routine: routine.name.clone(),
            routine_hash: routine_hash(routine),
            side,
        }
    }
}

/// A finished session to add whole with [`Store::import`](super::Store::import).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinishedSession {
    /// What was known at its start.
    pub meta: SessionMeta,
    /// Who wrote it (a running unknot's lock owner; anything for imports).
    pub owner: String,
    /// End, in milliseconds since the Unix epoch.
    pub ended_ms: i64,
    /// How it ended.
    pub outcome: Outcome,
    /// Pain at the baseline question.
    pub pain_before: Option<Pain>,
    /// How far down the leg at the baseline question.
    pub extent_before: Option<Extent>,
    /// Pain at the end.
    pub pain_after: Option<Pain>,
    /// How far down the leg at the end.
    pub extent_after: Option<Extent>,
    /// What happened, in order.
    pub events: Vec<super::StoredEvent>,
}

/// One stored session, as read back. Its numbers follow the one
/// definition of [`crate::vocab::Tally`] (and `docs/history.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// The session's number in this history.
    pub id: i64,
    /// When the program started it (before the safety check), in
    /// milliseconds since the Unix epoch (UTC).
    pub started_ms: i64,
    /// End, in milliseconds since the Unix epoch; `None` while in progress.
    pub ended_ms: Option<i64>,
    /// The local time zone's offset from UTC at the start, in seconds, so
    /// dates show as the person lived them, wherever they are now.
    pub utc_offset_s: i32,
    /// The routine whose steps ran (the one asked for, when none ran).
    pub routine: String,
    /// [`routine_hash`] of `routine`.
    pub routine_hash: String,
    /// The routine asked for (by name, the config or the default). It
    /// differs from `routine` when the safety check allowed only a
    /// massage-free routine.
    pub asked_routine: String,
    /// [`routine_hash`] of `asked_routine`.
    pub asked_hash: String,
    /// The affected side given with `--side`, if any.
    pub side: Option<Side>,
    /// How it ended (or that it is still running).
    pub outcome: Outcome,
    /// The safety check's result, if it was finished.
    pub screening: Option<Screening>,
    /// Pain at the baseline question.
    pub pain_before: Option<Pain>,
    /// How far down the leg at the baseline question.
    pub extent_before: Option<Extent>,
    /// Pain at the end.
    pub pain_after: Option<Pain>,
    /// How far down the leg at the end (asked after a completed session,
    /// or noted on the stop screen).
    pub extent_after: Option<Extent>,
    /// From the start of the first technique to the end of the session,
    /// in milliseconds; `None` when no technique started (or while in
    /// progress).
    pub active_ms: Option<i64>,
    /// Techniques done: every countdown of them ran to its end.
    pub steps_completed: u32,
    /// Techniques not done, one of whose countdowns was cut short.
    pub steps_skipped: u32,
    /// How many techniques the routine has, when the session recorded it.
    pub steps_total: Option<u32>,
}

impl SessionRow {
    /// The session's length by the one definition ([`SessionRow::active_ms`]).
    pub fn duration_ms(&self) -> Option<i64> {
        self.active_ms
    }

    /// Pain after minus pain before (negative: it eased), when both exist.
    pub fn pain_change(&self) -> Option<i32> {
        Some(i32::from(self.pain_after?.get()) - i32::from(self.pain_before?.get()))
    }
}

/// The safety check's result as the history shows it: which groups of
/// questions were answered "yes", and never more (the signs marked are
/// kept in the record for the report, but no view or export names them).
/// An empty list: every group was answered "no".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Screening {
    /// The groups answered "yes", in the order asked.
    pub yes: Vec<Group>,
}

impl Screening {
    /// Read the screening code the history keeps (`clear`,
    /// `clinician:fever,trauma`; several results, as a richer check may
    /// record, are separated by `;`). `None`: a code this version does not
    /// know.
    pub fn from_code(code: &str) -> Option<Screening> {
        let mut yes = Vec::new();
        for part in code.split(';') {
            let (verdict, signs) = screening::read_code(part)?;
            // The groups of the signs named; a "yes" that named none
            // (an urgent sign decides at once) is told by its verdict.
            let groups: Vec<Group> = if signs.is_empty() {
                match verdict {
                    Verdict::Clear => Vec::new(),
                    Verdict::Emergency => vec![Group::Emergency],
                    Verdict::Clinician => vec![Group::Clinician],
                    Verdict::Contraindicated | Verdict::Cleared => vec![Group::Lasting],
                    Verdict::Acute => vec![Group::Today],
                }
            } else {
                signs.iter().map(|s| s.group()).collect()
            };
            for group in groups {
                if !yes.contains(&group) {
                    yes.push(group);
                }
            }
        }
        yes.sort();
        Some(Screening { yes })
    }

    /// The export's words: `none`, or the groups answered yes, separated
    /// by `;` (`doctor-first`).
    pub fn code(&self) -> String {
        if self.yes.is_empty() {
            return "none".to_string();
        }
        let codes: Vec<&str> = self.yes.iter().map(|g| g.code()).collect();
        codes.join(";")
    }

    /// In words, for the history view: "no warning signs", "yes to: see a
    /// doctor first".
    pub fn words(&self) -> String {
        if self.yes.is_empty() {
            return "no warning signs".to_string();
        }
        let words: Vec<&str> = self.yes.iter().map(|g| group_words(*g)).collect();
        format!("yes to: {}", words.join("; "))
    }
}

/// A group of the safety check in a few words.
fn group_words(g: Group) -> &'static str {
    match g {
        Group::Emergency => "urgent signs",
        Group::Clinician => "see a doctor first",
        Group::Lasting => "massage needs a doctor's OK",
        Group::Today => "skin, or pain only days old",
    }
}

/// The routine's fingerprint ([`Routine::fingerprint`]), as the history
/// keeps it.
pub fn routine_hash(routine: &Routine) -> String {
    routine.fingerprint()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pain_is_bounded() {
        assert_eq!(Pain::new(10).map(Pain::get), Some(10));
        assert_eq!(Pain::new(11), None);
    }

    #[test]
    fn codes_round_trip() {
        for e in Extent::ALL {
            assert_eq!(Extent::from_code(e.code()), Some(e));
        }
        let all = [
            Outcome::InProgress,
            Outcome::Completed,
            Outcome::Stopped("spreading".into()),
            Outcome::Quit,
            Outcome::Interrupted(None),
            Outcome::Interrupted(Some("sigterm".into())),
        ];
        for o in all {
            let back = Outcome::from_columns(o.code(), o.reason().map(str::to_string));
            assert_eq!(back, Some(o));
        }
        assert_eq!(Outcome::from_columns(Some("exploded"), None), None);
    }

    #[test]
    fn extent_order_runs_down_the_leg() {
        assert!(Extent::LowerBack < Extent::Thigh && Extent::BelowKnee < Extent::Foot);
        assert_eq!(Extent::Foot.level(), 4);
    }

    #[test]
    fn hash_follows_content_not_identity() {
        let src = "name = \"a\"\nsummary = \"s\"\n[[steps]]\ntitle = \"t\"\nkind = \"hold\"\nduration = \"30s\"\n";
        let a = crate::routine::load_str(src, "a.toml").unwrap();
        let b = crate::routine::load_str(&format!("# note\n{src}"), "b.toml").unwrap();
        let c = crate::routine::load_str(&src.replace("30s", "40s"), "a.toml").unwrap();
        assert_eq!(routine_hash(&a), routine_hash(&b));
        assert_ne!(routine_hash(&a), routine_hash(&c));
        assert_eq!(routine_hash(&a).len(), 16);
    }
}
