//! Snapshot tests of the exports, over sessions that use every outcome
//! and every empty field, and a routine name that needs CSV quoting.

use super::*;
use crate::history::{Extent, Pain, Screening};
use crate::routine::Side;

/// 2024-03-01 18:05:00 UTC.
const T0: i64 = 1_709_316_300_000;

/// Sessions covering every outcome and every optional field.
pub(crate) fn sample_rows() -> Vec<SessionRow> {
    let base = SessionRow {
        id: 1,
        started_ms: T0,
        ended_ms: Some(T0 + 725_000),
        utc_offset_s: 3600,
        routine: "gentle-lower-back".into(),
        routine_hash: "0123456789abcdef".into(),
        asked_routine: "gentle-lower-back".into(),
        asked_hash: "0123456789abcdef".into(),
        side: Some(Side::Left),
        outcome: Outcome::Completed,
        screening: Screening::from_code("clear"),
        pain_before: Pain::new(6),
        extent_before: Some(Extent::Thigh),
        pain_after: Pain::new(4),
        extent_after: Some(Extent::Buttock),
        active_ms: Some(712_000),
        steps_completed: 4,
        steps_skipped: 0,
        steps_total: Some(4),
    };
    let day = 86_400_000;
    vec![
        base.clone(),
        SessionRow {
            id: 2,
            started_ms: T0 + day,
            ended_ms: Some(T0 + day + 200_000),
            routine: "my \"slow\", gentle one".into(),
            asked_routine: "my \"slow\", gentle one".into(),
            side: None,
            outcome: Outcome::Stopped("spreading".into()),
            active_ms: Some(187_000),
            pain_before: Pain::new(5),
            pain_after: Pain::new(7),
            extent_before: Some(Extent::Buttock),
            extent_after: Some(Extent::BelowKnee),
            steps_completed: 1,
            steps_skipped: 1,
            ..base.clone()
        },
        SessionRow {
            id: 3,
            started_ms: T0 + 2 * day,
            ended_ms: Some(T0 + 2 * day + 30_000),
            utc_offset_s: -5 * 3600,
            outcome: Outcome::Quit,
            active_ms: Some(18_000),
            pain_before: Pain::new(3),
            pain_after: Pain::new(3),
            extent_before: Some(Extent::LowerBack),
            extent_after: Some(Extent::LowerBack),
            ..base.clone()
        },
        SessionRow {
            id: 4,
            started_ms: T0 + 3 * day,
            ended_ms: Some(T0 + 3 * day + 4_000_000),
            outcome: Outcome::Interrupted(Some("sigterm".into())),
            routine: "acute-relief".into(),
            routine_hash: "fedcba9876543210".into(),
            screening: Screening::from_code("acute"),
            active_ms: Some(3_990_000),
            steps_total: None,
            pain_before: None,
            pain_after: None,
            extent_before: None,
            extent_after: None,
            ..base.clone()
        },
        SessionRow {
            id: 5,
            started_ms: T0 + 4 * day,
            ended_ms: None,
            outcome: Outcome::InProgress,
            screening: None,
            active_ms: None,
            pain_after: None,
            extent_after: None,
            steps_completed: 0,
            ..base
        },
    ]
}

fn render(format: Format, rows: &[SessionRow]) -> String {
    let mut out = Vec::new();
    write(format, rows, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn csv_snapshot() {
    insta::assert_snapshot!(render(Format::Csv, &sample_rows()));
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!(render(Format::Json, &sample_rows()));
}

#[test]
fn table_snapshot() {
    insta::assert_snapshot!(render(Format::Table, &sample_rows()));
}

#[test]
fn json_parses_back_with_the_same_fields_as_csv() {
    let text = render(Format::Json, &sample_rows());
    let parsed: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(&text).unwrap();
    assert_eq!(parsed.len(), 5);
    let keys: Vec<&str> = parsed[0].keys().map(String::as_str).collect();
    let mut header: Vec<&str> = CSV_HEADER.split(',').collect();
    header.sort_unstable();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, header);
    assert_eq!(parsed[1]["routine"], "my \"slow\", gentle one");
    assert_eq!(parsed[4]["ended"], serde_json::Value::Null);
}

#[test]
fn csv_rows_have_as_many_fields_as_the_header() {
    let text = render(Format::Csv, &sample_rows());
    let columns = CSV_HEADER.split(',').count();
    for line in text.lines() {
        // Drop the one quoted field (it holds a comma) before counting.
        let plain = line.replace("\"my \"\"slow\"\", gentle one\"", "x");
        assert_eq!(plain.split(',').count(), columns, "{line}");
    }
}

#[test]
fn empty_exports_are_still_valid_documents() {
    assert_eq!(render(Format::Csv, &[]), format!("{CSV_HEADER}\n"));
    assert_eq!(render(Format::Json, &[]), "[]\n");
}

#[test]
fn csv_columns_come_in_the_json_record_order() {
    let text = render(Format::Json, &sample_rows()[..1]);
    let keys: Vec<&str> = text
        .split('"')
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[1].starts_with(':'))
        .map(|w| w[0])
        .collect();
    assert_eq!(keys, CSV_HEADER.split(',').collect::<Vec<_>>());
}

#[test]
fn the_screening_names_groups_never_signs() {
    let mut rows = sample_rows();
    rows[0].screening = Screening::from_code("clinician:fever,trauma");
    let json = render(Format::Json, &rows[..1]);
    let csv = render(Format::Csv, &rows[..1]);
    for text in [&json, &csv] {
        assert!(text.contains("doctor-first"), "{text}");
        assert!(
            !text.contains("fever") && !text.contains("trauma"),
            "{text}"
        );
    }
}
