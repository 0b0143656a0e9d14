//! Snapshots of `unknot history --techniques` in its three formats, over
//! records with every count, a side and none, a title found and not, and a
//! routine name that needs CSV quoting.

use super::*;
use crate::tolerance::When;
use crate::vocab::Choice;

/// 2024-03-01 18:05:00 UTC, shown at +01:00.
const T0: i64 = 1_709_316_300_000;

fn at(hours: i64) -> When {
    When {
        ms: T0 + hours * 3_600_000,
        offset_s: 3600,
    }
}

fn sample() -> Records {
    let mut r = Records::new();
    let key = |routine: &str, step: &str, side| Key {
        routine: routine.into(),
        step: step.into(),
        side,
    };
    let left = r.entry(key("gentle-lower-back", "piriformis", Some(Side::Left)));
    left.done.add(at(0));
    left.done.add(at(24));
    left.answer(CheckIn::Better, at(0));
    left.answer(CheckIn::Sharper, at(24));
    left.chose(Choice::Shorter, at(48));
    let right = r.entry(key("gentle-lower-back", "piriformis", Some(Side::Right)));
    right.answer(CheckIn::Same, at(0));
    right.stops.add(at(25));
    right.chose(Choice::Skip, at(48));
    let rub = r.entry(key("gentle-lower-back", "warm-up-rub", None));
    rub.done.add(at(0));
    rub.answer(CheckIn::DrewBack, at(0));
    let odd = r.entry(key("my \"slow\", gentle one", "step-2", None));
    odd.answer(CheckIn::Spreading, at(2));
    odd.chose(Choice::AsWritten, at(3));
    r
}

fn steps(routine: &str) -> Option<Steps> {
    (routine == "gentle-lower-back").then(|| {
        vec![
            ("warm-up-rub".to_string(), "Warm-up rub".to_string()),
            ("piriformis".to_string(), "Piriformis ball".to_string()),
        ]
    })
}

fn print(format: Format) -> String {
    let mut out = Vec::new();
    write(format, &sample(), &steps, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn table_snapshot() {
    insta::assert_snapshot!(print(Format::Table));
}

#[test]
fn csv_snapshot() {
    let csv = print(Format::Csv);
    // One header and one line per record, each with every field.
    let fields = CSV_HEADER.split(',').count();
    assert_eq!(csv.lines().count(), 5);
    for line in csv.lines().filter(|l| !l.starts_with("\"my")) {
        assert_eq!(line.split(',').count(), fields, "{line}");
    }
    insta::assert_snapshot!(csv);
}

#[test]
fn json_snapshot() {
    let json = print(Format::Json);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(4));
    assert_eq!(v[0]["step"], "warm-up-rub", "in the routine's order");
    assert_eq!(v[1]["side"], "left");
    assert_eq!(v[1]["last_sharper"], "2024-03-02T19:05:00+01:00");
    insta::assert_snapshot!(json);
}

#[test]
fn nothing_to_print_is_still_a_valid_document() {
    let mut out = Vec::new();
    write(Format::Json, &Records::new(), &steps, &mut out).unwrap();
    assert_eq!(out, b"[]\n");
    let mut out = Vec::new();
    write(Format::Csv, &Records::new(), &steps, &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), format!("{CSV_HEADER}\n"));
}
