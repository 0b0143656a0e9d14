//! Realistic made-up history, for tests, benchmarks and screenshots: a
//! deterministic generator (same seed, same data) that writes sessions
//! twice a day (morning and evening, all in the past: 10 000 of them end
//! in 2023), each with the events a real one would have.
//! Used by `examples/bench_history.rs`; never by a real session.

use rusqlite::params;

use super::codec::{self, Entry};
use super::model::{Extent, Outcome, stop_code};
use super::{HistoryError, Store};
use crate::vocab::{CheckIn, Event, Outcome as SessionOutcome, StopReason};

/// The steps a demo session walks through: (id, seconds).
const STEPS: [(&str, i64); 4] = [
    ("warm-up-rub", 300),
    ("paraspinal-sweep", 300),
    ("piriformis-ball", 45),
    ("hip-flexor-release", 45),
];

/// Midnight UTC, 2010-01-01: where demo history begins.
pub const START_MS: i64 = 1_262_304_000_000;

/// A small, fast, deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Add `count` finished sessions to the store, in one transaction.
/// Returns how many events were written.
pub fn seed(store: &mut Store, count: usize, seed: u64) -> Result<usize, HistoryError> {
    let path = store.path().to_path_buf();
    let err = |e: rusqlite::Error| HistoryError::db(&path, &e);
    let tx = store.connection_mut().transaction().map_err(err)?;
    let mut rng = Rng(seed);
    let mut events = 0;
    {
        let mut add_session = tx
            .prepare(
                "INSERT INTO sessions (started_ms, ended_ms, utc_offset_s, routine, routine_hash,
                 side, outcome, reason, owner, pain_before, extent_before, pain_after, extent_after)
                 VALUES (?1, ?2, 3600, ?3, 'c0ffee00c0ffee00', ?4, ?5, ?6, 'demo', ?7, ?8, ?9, ?10)",
            )
            .map_err(err)?;
        let mut add_event = tx
            .prepare(
                "INSERT INTO events (session_id, at_ms, kind, step, step_id, value)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(err)?;
        for n in 0..count as i64 {
            // Twice a day, at seven in the morning and the evening (UTC),
            // give or take an hour.
            let start = START_MS + n * 43_200_000 + 7 * 3_600_000 + rng.below(3_600_000) as i64;
            let mut at = start;
            let mut log = Vec::new();
            let mut outcome = Outcome::Completed;
            for (i, (id, secs)) in STEPS.iter().enumerate() {
                let id = id.to_string();
                log.push((
                    at,
                    Entry::Session(Event::StepStarted {
                        step: i,
                        id: id.clone(),
                    }),
                ));
                at += 10_000 + secs * 1000;
                if rng.below(8) == 0 {
                    log.push((
                        at - 5_000,
                        Entry::Session(Event::SegmentSkipped {
                            step: i,
                            id: id.clone(),
                        }),
                    ));
                } else {
                    log.push((
                        at,
                        Entry::Session(Event::StepCompleted {
                            step: i,
                            id: id.clone(),
                        }),
                    ));
                }
                let answer = match rng.below(40) {
                    0 => CheckIn::Sharper,
                    1 => CheckIn::Spreading,
                    2..=19 => CheckIn::Better,
                    _ => CheckIn::Same,
                };
                at += 3_000;
                log.push((at, Entry::Session(Event::CheckIn { step: i, answer })));
                if answer.stops() {
                    let r = if answer == CheckIn::Sharper {
                        StopReason::Sharper
                    } else {
                        StopReason::Spreading
                    };
                    outcome = Outcome::Stopped(stop_code(r).to_string());
                    log.push((at, Entry::Session(Event::Ended(SessionOutcome::Stopped(r)))));
                    break;
                }
                at += 15_000;
            }
            if outcome == Outcome::Completed {
                log.push((at, Entry::Session(Event::Ended(SessionOutcome::Completed))));
            }
            let before = 3 + rng.below(6) as u8;
            let eased = rng.below(4) as u8;
            let after = if outcome == Outcome::Completed {
                before.saturating_sub(eased)
            } else {
                before + 1
            };
            let reach_before = Extent::ALL[rng.below(4) as usize];
            let reach_after = if eased > 1 {
                Extent::ALL[reach_before.level().saturating_sub(1) as usize]
            } else {
                reach_before
            };
            add_session
                .execute(params![
                    start,
                    at,
                    if n % 3 == 0 {
                        "gentle-lower-back"
                    } else {
                        "piriformis, then hips"
                    },
                    ["left", "right"][(n % 2) as usize],
                    outcome.code(),
                    outcome.reason(),
                    before,
                    reach_before.code(),
                    after.min(10),
                    reach_after.code()
                ])
                .map_err(err)?;
            let session = tx.last_insert_rowid();
            for (at_ms, entry) in &log {
                let r = codec::encode(entry);
                add_event
                    .execute(params![session, at_ms, r.kind, r.step, r.step_id, r.value])
                    .map_err(err)?;
            }
            events += log.len();
        }
    }
    tx.commit().map_err(err)?;
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeding_is_deterministic_and_readable() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let mut sa = Store::open(a.path()).unwrap();
        let mut sb = Store::open(b.path()).unwrap();
        let na = seed(&mut sa, 40, 7).unwrap();
        assert_eq!(seed(&mut sb, 40, 7).unwrap(), na);
        let (ra, rb) = (sa.sessions(None).unwrap(), sb.sessions(None).unwrap());
        assert_eq!(ra, rb);
        assert_eq!(ra.len(), 40);
        assert!(ra.iter().any(|r| matches!(r.outcome, Outcome::Stopped(_))));
        assert!(
            ra.iter()
                .all(|r| r.pain_before.is_some() && r.ended_ms.is_some())
        );
        // Every stored event decodes.
        for r in &ra {
            assert!(!sa.events(r.id).unwrap().is_empty());
        }
    }
}
