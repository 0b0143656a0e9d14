//! Benchmark of `unknot report` over a long history: 10 000 made-up
//! sessions (the demo generator, seed 42, twice a day from 2010). The
//! target is ≤ 300 ms and ≤ 20 MiB peak resident memory for the whole
//! command, so the release binary is run as a person runs it, and its
//! wall time, CPU time and peak RSS (`wait4`'s rusage, taken by a small
//! runner process so that this one's memory is not counted) are taken per
//! run (CPU time is the steadier figure on a busy machine).
//! The same for `unknot history --format csv`, for comparison, and the
//! report's own work in-process (no process start-up). Medians and ranges.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example bench_report            # temporary data
//! cargo run --release --example bench_report -- DIR     # keep DIR seeded
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../tests/demo/mod.rs"]
mod demo;

use unknot::commands::report::build;
use unknot::history::Store;
use unknot::report::model::Stamp;
use unknot::report::{Scope, html};
use unknot::routine::library::Library;

const SESSIONS: usize = 10_000;
const RUNS: usize = 21;

fn summary<T: Copy + PartialOrd + std::fmt::Debug>(mut v: Vec<T>) -> (T, T, T) {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

/// One run: wall time, CPU time (user + system) and peak RSS in KiB.
type Sample = (Duration, Duration, u64);

fn tv(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// Run `cmd` to its end and measure it, through a copy of this program
/// started as a small runner (`--run`): a child shares the memory of the
/// process that spawns it until it starts the program, so one spawned by
/// this process (tens of MiB after seeding) would report that as its peak.
fn measure(cmd: &mut Command) -> Sample {
    let mut runner = Command::new(std::env::current_exe().expect("this program's path"));
    runner
        .arg("--run")
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => runner.env(key, value),
            None => runner.env_remove(key),
        };
    }
    let out = runner
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .expect("start the runner");
    assert!(out.status.success(), "{cmd:?} failed");
    let text = String::from_utf8_lossy(&out.stdout);
    let v: Vec<u64> = text
        .split_whitespace()
        .map(|w| w.parse().unwrap())
        .collect();
    (
        Duration::from_micros(v[0]),
        Duration::from_micros(v[1]),
        v[2],
    )
}

/// The runner: start ARGS, wait for it, print its wall time and CPU time
/// (µs) and peak RSS (KiB) on one line.
// The child is reaped by `wait4` (which also gives its resource usage),
// not by `Child::wait`.
#[allow(clippy::zombie_processes)]
fn run(args: &[std::ffi::OsString]) -> ! {
    let t = Instant::now();
    let child = Command::new(&args[0])
        .args(&args[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the release binary (cargo build --release first)");
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; the pid is our
    // child, reaped here (the Child handle is not waited on again).
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        let pid = libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage);
        assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
        usage
    };
    let took = t.elapsed();
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
    println!(
        "{} {} {}",
        took.as_micros(),
        cpu.as_micros(),
        usage.ru_maxrss
    );
    std::process::exit(if ok { 0 } else { 1 });
}

fn report(what: &str, samples: Vec<Sample>) {
    let (t_med, t_min, t_max) = summary(samples.iter().map(|s| s.0).collect());
    let (c_med, c_min, c_max) = summary(samples.iter().map(|s| s.1).collect());
    let (m_med, m_min, m_max) = summary(samples.iter().map(|s| s.2).collect());
    let mib = |k: u64| k as f64 / 1024.0;
    println!(
        "{what}, n = {}:\n  wall     median {t_med:>9.2?}  (range {t_min:.2?} – {t_max:.2?})\n  CPU      median {c_med:>9.2?}  (range {c_min:.2?} – {c_max:.2?})\n  peak RSS median {:>6.1} MiB (range {:.1} – {:.1} MiB)",
        samples.len(),
        mib(m_med),
        mib(m_min),
        mib(m_max)
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<_> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "--run") {
        run(&args[2..]);
    }
    let tmp = tempfile::tempdir()?;
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| tmp.path().join("data"), PathBuf::from);
    {
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
    }
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/unknot");
    let out = tmp.path().join("report.html");
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home)?;
    let base = |args: &[&str]| {
        let mut cmd = Command::new(&bin);
        cmd.arg("--data-dir")
            .arg(&dir)
            .args(args)
            .env("HOME", &home)
            .env_remove("UNKNOT_CONFIG")
            .env_remove("UNKNOT_ROUTINES_DIR");
        cmd
    };
    let last = SESSIONS.to_string();
    // One untimed run of each to warm the page cache.
    measure(base(&["report", "--last", &last, "--force", "-o"]).arg(&out));
    measure(&mut base(&["history", "--format", "csv"]));
    let mut reports = Vec::new();
    let mut csvs = Vec::new();
    for _ in 0..RUNS {
        reports.push(measure(
            base(&["report", "--last", &last, "--force", "-o"]).arg(&out),
        ));
        csvs.push(measure(&mut base(&["history", "--format", "csv"])));
    }
    println!(
        "report: {} KiB of HTML",
        std::fs::metadata(&out)?.len() / 1024
    );
    report(&format!("unknot report --last {last}"), reports);
    report("unknot history --format csv", csvs);

    // The report's own work, in-process: read, gather, render.
    let store = Store::open(&dir)?;
    let library = Library::new(None);
    let made = Stamp {
        ms: unknot::history::time::now_ms(),
        offset_s: 0,
    };
    let mut inside = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let r = build(&store, Scope::Last(SESSIONS), made, &library, None)?.expect("sessions");
        let page = html::render(&r, "bench");
        std::hint::black_box(&page);
        inside.push(t.elapsed());
    }
    let (med, min, max) = summary(inside);
    println!(
        "in-process (read, gather, render), n = {RUNS}:\n  wall     median {med:>9.2?}  (range {min:.2?} – {max:.2?})"
    );
    Ok(())
}
