//! Realistic made-up history, for tests, benchmarks and screenshots: a
//! deterministic generator (same seed, same data) that writes sessions
//! twice a day (morning and evening, all in the past: 10 000 of them end
//! in 2023), each with the events a real one would have.
//! Used by the tests (`mod demo;`) and the benchmarks (`#[path]`), never by
//! a real session, so it is not compiled into the program; it writes
//! through the history's public import ([`Store::import`]).
#![allow(dead_code)]

use unknot::history::{
    Entry, Extent, FinishedSession, HistoryError, Outcome, Pain, SessionMeta, Store, StoredEvent,
};
use unknot::routine::Side;
use unknot::vocab::{CheckIn, Event, Outcome as SessionOutcome, StopReason};

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

/// `count` made-up finished sessions, the same for the same `seed`.
pub fn sessions(count: usize, seed: u64) -> Vec<FinishedSession> {
    let mut rng = Rng(seed);
    (0..count as i64).map(|n| session(n, &mut rng)).collect()
}

/// Add `count` finished sessions to the store, in one transaction.
/// Returns how many events were written.
pub fn seed(store: &mut Store, count: usize, seed: u64) -> Result<usize, HistoryError> {
    store.import(sessions(count, seed))
}

/// The `n`th session of a demo history.
fn session(n: i64, rng: &mut Rng) -> FinishedSession {
    // Twice a day, at seven in the morning and the evening (UTC), give or
    // take an hour.
    let start = START_MS + n * 43_200_000 + 7 * 3_600_000 + rng.below(3_600_000) as i64;
    let mut at = start;
    let mut log = Vec::new();
    let mut push = |at_ms: i64, event: Event| {
        log.push(StoredEvent {
            at_ms,
            entry: Entry::Session(event),
        })
    };
    let mut outcome = Outcome::Completed;
    for (i, (id, secs)) in STEPS.iter().enumerate() {
        let id = id.to_string();
        push(
            at,
            Event::StepStarted {
                step: i,
                id: id.clone(),
            },
        );
        at += 10_000 + secs * 1000;
        if rng.below(8) == 0 {
            push(
                at - 5_000,
                Event::SegmentSkipped {
                    step: i,
                    id: id.clone(),
                },
            );
        } else {
            push(
                at,
                Event::StepCompleted {
                    step: i,
                    id: id.clone(),
                },
            );
        }
        let answer = match rng.below(40) {
            0 => CheckIn::Sharper,
            1 => CheckIn::Spreading,
            2..=19 => CheckIn::Better,
            _ => CheckIn::Same,
        };
        at += 3_000;
        push(at, Event::CheckIn { step: i, answer });
        if answer.stops() {
            let r = if answer == CheckIn::Sharper {
                StopReason::Sharper
            } else {
                StopReason::Spreading
            };
            outcome = Outcome::Stopped(r.code().to_string());
            push(at, Event::Ended(SessionOutcome::Stopped(r)));
            break;
        }
        at += 15_000;
    }
    if outcome == Outcome::Completed {
        push(at, Event::Ended(SessionOutcome::Completed));
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
    FinishedSession {
        meta: SessionMeta {
            started_ms: start,
            utc_offset_s: 3600,
            routine: if n % 3 == 0 {
                "gentle-lower-back"
            } else {
                "piriformis, then hips"
            }
            .to_string(),
            routine_hash: "c0ffee00c0ffee00".to_string(),
            side: Some([Side::Left, Side::Right][(n % 2) as usize]),
        },
        owner: "demo".to_string(),
        ended_ms: at,
        outcome,
        pain_before: Pain::new(before),
        extent_before: Some(reach_before),
        pain_after: Pain::new(after.min(10)),
        extent_after: Some(reach_after),
        events: log,
    }
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
