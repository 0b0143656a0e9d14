//! Feeds arbitrary bytes through the same path `unknot start`, `check` and
//! `edit` use: size and UTF-8 checks, TOML parsing, the strict reader, the
//! safety rules; then renders every diagnostic (which reads the spans back
//! out of the source) and, for a routine that loads, expands it into a
//! session plan. Any panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unknot::routine::{Style, check_bytes};
use unknot::session::Plan;

fuzz_target!(|data: &[u8]| {
    let checked = check_bytes(data, "fuzz.toml", Some("fuzz"));
    let report = checked.report;
    for d in report.diagnostics() {
        let at = report.location(d);
        assert!(at.line >= 1 && at.column >= 1);
    }
    let _ = report.render(Style::Plain);
    let _ = report.to_string();
    if let Some(routine) = checked.routine {
        assert_eq!(report.errors(), 0);
        let plan = Plan::new(&routine, None);
        assert!(plan.total() <= unknot::routine::MAX_SESSION);
        let _ = routine.is_massage_free();
    }
});
