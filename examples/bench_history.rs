//! Benchmark of the history: how long recording an event takes, and how
//! long exporting a large history takes. Medians over many runs; run it
//! with `--release`:
//!
//! ```text
//! cargo run --release --example bench_history            # temporary data
//! cargo run --release --example bench_history -- DIR     # keep DIR seeded
//! hyperfine -N --warmup 3 'target/release/unknot --data-dir DIR history --format csv'
//! ```
//!
//! Figures: `record()` as the event loop pays it (stamp the time, send on
//! the channel); one event committed on its own (`Store::append`, one
//! transaction); `record()` until committed, through the writer thread;
//! what the history adds to a session's start (the safety check's record
//! included, and on its own at its worst); and reading plus writing
//! CSV for 10 000 sessions in-process (the binary's own start-up is
//! measured with hyperfine above).

use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "../tests/demo/mod.rs"]
mod demo;

use unknot::history::{Entry, Recorder, SessionMeta, Store, StoredEvent, export};
use unknot::vocab::Event;

const SESSIONS: usize = 10_000;

fn median(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort_unstable();
    (v[v.len() / 2], v[v.len() * 99 / 100])
}

fn report(what: &str, samples: Vec<Duration>) {
    let n = samples.len();
    let (med, p99) = median(samples);
    println!(
        "{what:<44} median {:>10.3?}   p99 {:>10.3?}   (n = {n})",
        med, p99
    );
}

fn meta() -> SessionMeta {
    SessionMeta {
        started_ms: unknot::history::time::now_ms(),
        utc_offset_s: 0,
        routine: "bench".into(),
        routine_hash: "0000000000000000".into(),
        side: None,
    }
}

/// Resident memory of this process, in KiB (Linux `/proc/self/statm`).
fn rss_kib() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // First, before anything else touches SQLite: the memory a session's
    // history costs (open, trend, writer thread, a few events).
    {
        let scratch = tempfile::tempdir()?;
        let before = rss_kib();
        let store = Store::open(scratch.path())?;
        black_box(unknot::commands::start::recent_so_far(&store));
        let (rec, writer) = Recorder::start_session(store, &meta())?;
        for step in 0..50 {
            rec.record(&Event::StepStarted {
                step,
                id: "s".into(),
            });
        }
        rec.sync();
        if let (Some(b), Some(a)) = (before, rss_kib()) {
            println!(
                "resident memory added by recording a session: {} KiB",
                a.saturating_sub(b)
            );
        }
        rec.finish(unknot::vocab::Outcome::Quit);
        writer.close()?;
    }

    // A directory to keep, or a temporary one removed at the end.
    let tmp = tempfile::tempdir()?;
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| tmp.path().to_path_buf(), Into::into);

    // 10 000 realistic sessions to export.
    let mut store = Store::open(&dir)?;
    if store.sessions(Some(1))?.is_empty() {
        let t = Instant::now();
        let events = demo::seed(&mut store, SESSIONS, 42)?;
        println!(
            "seeded {SESSIONS} sessions, {events} events in {:.2?} ({})",
            t.elapsed(),
            dir.display()
        );
    }

    // One event committed on its own, as the writer does when events come
    // one at a time.
    let id = store.insert_session(&meta(), "0")?;
    let mut commits = Vec::new();
    for i in 0..2000 {
        let ev = StoredEvent {
            at_ms: i,
            entry: Entry::Session(Event::Paused),
        };
        let t = Instant::now();
        store.append(id, &[ev])?;
        commits.push(t.elapsed());
    }
    report("commit one event (Store::append)", commits);
    store.finish(id, 0, &unknot::history::Outcome::Quit)?;

    // What the event loop pays, and the time until the event is on disk.
    let (rec, writer) = Recorder::start_session(Store::open(&dir)?, &meta())?;
    let mut sends = Vec::new();
    let mut round_trips = Vec::new();
    for step in 0..2000 {
        let ev = Event::StepStarted {
            step,
            id: "piriformis-ball".into(),
        };
        let t = Instant::now();
        rec.record(&ev);
        sends.push(t.elapsed());
        rec.sync();
        round_trips.push(t.elapsed());
    }
    report("record() on the event loop (channel send)", sends);
    report("record() until committed (writer thread)", round_trips);
    rec.finish(unknot::vocab::Outcome::Quit);
    writer.close()?;

    // What a session start adds before the first frame: open (migrate,
    // recover), the trend for the end screen, the session row and thread.
    let mut starts = Vec::new();
    for fresh in [true, false] {
        let mut samples = Vec::new();
        for _ in 0..50 {
            let scratch = tempfile::tempdir()?;
            let at = if fresh { scratch.path() } else { dir.as_path() };
            let t = Instant::now();
            let store = Store::open(at)?;
            black_box(unknot::commands::start::recent_so_far(&store));
            black_box(store.on_record(unknot::history::time::now_ms())?);
            let (rec, writer) = Recorder::start_session(store, &meta())?;
            samples.push(t.elapsed());
            rec.finish(unknot::vocab::Outcome::Quit);
            writer.close()?;
        }
        starts.push((fresh, samples));
    }
    for (fresh, samples) in starts {
        let what = if fresh {
            "a new, empty history"
        } else {
            "10 000 sessions"
        };
        report(&format!("session start cost ({what})"), samples);
    }

    // What the safety check reads before a session (lasting answers, OKs,
    // whether the pain was assessed in this episode), at its worst: the
    // assessment answered at the first session, so every session since is
    // read to look for a break of more than 30 days.
    {
        let store = Store::open(&dir)?;
        let first = store.sessions(None)?[0].clone();
        let now = unknot::history::time::now_ms();
        if store.on_record(now)?.lasting.is_none() {
            use unknot::history::person::Fact;
            use unknot::vocab::Sign;
            store.add_fact(first.id, first.started_ms, 0, &Fact::Assessed(true))?;
            store.add_fact(
                first.id,
                first.started_ms,
                0,
                &Fact::Lasting(vec![Sign::Pregnancy]),
            )?;
            store.add_fact(
                first.id,
                first.started_ms,
                0,
                &Fact::ClinicianOk(vec![Sign::Pregnancy]),
            )?;
        }
        let mut reads = Vec::new();
        for _ in 0..200 {
            let t = Instant::now();
            black_box(store.on_record(now)?);
            reads.push(t.elapsed());
        }
        report("the safety check's record (Store::on_record)", reads);
    }

    // Read and write every session as CSV, in-process.
    let store = Store::open(&dir)?;
    let mut exports = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let rows = store.sessions(None)?;
        let mut out = Vec::with_capacity(2 << 20);
        export::csv(&rows, &mut out)?;
        black_box(&out);
        exports.push(t.elapsed());
    }
    report(
        &format!(
            "export {} sessions as CSV (in-process)",
            store.sessions(None)?.len()
        ),
        exports,
    );
    Ok(())
}
