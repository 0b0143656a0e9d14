//! Benchmark of the per-technique record that a session's start reads
//! for its warnings: the history's last 14 days folded into records
//! (`history::techniques::load_recent`), and the decision for each step
//! (`tolerance::advise`). The history holds 10 000 old demo sessions
//! (2010 on, outside the window) and three sessions a day for the last
//! 14 days of the bundled `gentle-lower-back`, played through the real
//! flow (so their events are what a session writes), with a sharper
//! check-in now and then. Medians and ranges over 31 runs.
//!
//! ```text
//! cargo run --release --example bench_tolerance            # temporary data
//! cargo run --release --example bench_tolerance -- DIR     # keep DIR seeded
//! ```
//!
//! With DIR kept, `-- DIR --memory` prints the resident memory the
//! reading adds (`CACHE_KIB=N` for another page cache than the loader's
//! 64 KiB), and the first frame of `unknot start` on that history can be
//! measured with `../shared/tools/tuibench`.

use std::time::{Duration, Instant};

#[path = "../tests/demo/mod.rs"]
mod demo;

use unknot::flow::Flow;
use unknot::history::{Entry, FinishedSession, Outcome, SessionMeta, Store, StoredEvent};
use unknot::history::{techniques, time};
use unknot::routine::Routine;
use unknot::routine::library::Library;
use unknot::tolerance::{DAY_MS, WINDOW_MS, advise};
use unknot::vocab::{CheckIn, Context, Effect, Input};

const OLD: usize = 10_000;
const PER_DAY: i64 = 3;
const RUNS: usize = 31;

fn summary(mut v: Vec<Duration>) -> String {
    v.sort_unstable();
    format!(
        "median {:>9.3?}  range {:.3?} – {:.3?}  (n = {})",
        v[v.len() / 2],
        v[0],
        v[v.len() - 1],
        v.len()
    )
}

/// One session of `routine` through the real flow, starting at
/// `start_ms`: a clear screening, every check-in answered `answer(i)`
/// (the i-th check-in), the end questions skipped. Its recorded events.
fn play(routine: &Routine, start_ms: i64, answer: impl Fn(usize) -> CheckIn) -> Vec<StoredEvent> {
    let t0 = Instant::now();
    let mut flow = Flow::new(routine.clone(), None, None, false);
    let mut out = Vec::new();
    let keep = |fx: Vec<Effect>, t: Instant, out: &mut Vec<StoredEvent>| {
        for e in fx {
            if let Effect::Record(ev) = e {
                out.push(StoredEvent {
                    at_ms: start_ms + (t - t0).as_millis() as i64,
                    entry: Entry::Session(ev),
                });
            }
        }
    };
    for i in [
        Input::No,
        Input::No,
        Input::No,
        Input::No,
        Input::Number(5),
        Input::Number(3),
    ] {
        let fx = flow.update(i, t0);
        keep(fx, t0, &mut out);
    }
    let mut t = t0;
    let mut check_ins = 0;
    while flow.session().is_some() {
        if flow.keys() == Context::CheckIn {
            let fx = flow.update(Input::Answer(answer(check_ins)), t);
            keep(fx, t, &mut out);
            check_ins += 1;
        } else if let Some(d) = flow.next_deadline() {
            t = d;
            let fx = flow.tick(t);
            keep(fx, t, &mut out);
        } else {
            break;
        }
    }
    out
}

/// Resident memory of this process, in KiB (Linux `/proc/self/statm`).
fn rss_kib() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| tmp.path().to_path_buf(), Into::into);
    let routine = Library::from_env().find("gentle-lower-back")?.routine;
    let now = time::now_ms();
    let mut store = Store::open(&dir)?;
    if store.sessions(Some(1))?.is_empty() {
        let t = Instant::now();
        let mut events = demo::seed(&mut store, OLD, 42)?;
        let recent: Vec<FinishedSession> = (0..14 * PER_DAY)
            .map(|n| {
                let start = now - WINDOW_MS + n * DAY_MS / PER_DAY + 3_600_000;
                // Every seventh session and the last, the third check-in
                // says sharper.
                let sharp = n % 7 == 3 || n == 14 * PER_DAY - 1;
                let evs = play(&routine, start, |i| {
                    if sharp && i == 2 {
                        CheckIn::Sharper
                    } else if i % 2 == 0 {
                        CheckIn::Better
                    } else {
                        CheckIn::Same
                    }
                });
                FinishedSession {
                    meta: SessionMeta {
                        started_ms: start,
                        utc_offset_s: 3600,
                        routine: routine.name.clone(),
                        routine_hash: unknot::history::routine_hash(&routine),
                        side: None,
                    },
                    owner: "bench".into(),
                    ended_ms: evs.last().map_or(start, |e| e.at_ms),
                    outcome: if sharp {
                        Outcome::Stopped("sharper".into())
                    } else {
                        Outcome::Completed
                    },
                    pain_before: None,
                    extent_before: None,
                    pain_after: None,
                    extent_after: None,
                    events: evs,
                }
            })
            .collect();
        events += store.import(recent)?;
        println!(
            "seeded {} sessions, {events} events in {:.2?} ({})",
            OLD as i64 + 14 * PER_DAY,
            t.elapsed(),
            dir.display()
        );
    }

    drop(store);
    if std::env::args_os().nth(2).is_some_and(|a| a == "--memory") {
        // What the reading costs in resident memory, as the app's loader
        // does it (set CACHE_KIB to try another page cache; the loader
        // uses 64).
        let a = rss_kib();
        let s = Store::open_existing(&dir)?.expect("seeded");
        let kib = std::env::var("CACHE_KIB")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(64);
        s.limit_cache(kib)?;
        let b = rss_kib();
        std::hint::black_box(techniques::load_recent(&s, now, WINDOW_MS)?);
        let c = rss_kib();
        if let (Some(a), Some(b), Some(c)) = (a, b, c) {
            println!(
                "resident memory: open a connection +{} KiB, then read and fold +{} KiB",
                b.saturating_sub(a),
                c.saturating_sub(b)
            );
        }
        return Ok(());
    }
    let store = Store::open_existing(&dir)?.expect("seeded");
    let records = techniques::load_recent(&store, now, WINDOW_MS)?;
    let runs: usize = records.iter().map(|(_, r)| r.runs.len()).sum();
    println!(
        "last 14 days: {} techniques and sides, {runs} runs; steps with a warning: {}",
        records.len(),
        advise(&records, &routine, None, now)
            .iter()
            .filter(|a| a.is_some())
            .count()
    );

    let mut fold = Vec::new();
    let mut loader = Vec::new();
    let mut decide = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(techniques::load_recent(&store, now, WINDOW_MS)?);
        fold.push(t.elapsed());
        // As the app's loader thread does it: its own connection.
        let t = Instant::now();
        let s = Store::open_existing(&dir)?.expect("seeded");
        std::hint::black_box(techniques::load_recent(&s, now, WINDOW_MS)?);
        loader.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(advise(&records, &routine, None, now));
        decide.push(t.elapsed());
    }
    println!(
        "{:<46}{}",
        "query + fold of the last 14 days",
        summary(fold)
    );
    println!(
        "{:<46}{}",
        "the loader thread (open + query + fold)",
        summary(loader)
    );
    println!(
        "{:<46}{}",
        "the decision for every step (advise)",
        summary(decide)
    );
    Ok(())
}
