//! Unit tests of `check`: the whole path from text to routine. The
//! one-fixture-per-rule table lives in `tests/routines.rs`.

use super::*;

const HEAD: &str = "name = \"t\"\nsummary = \"s\"\n";

fn messages(src: &str) -> Vec<String> {
    check(src, "t.toml")
        .report
        .diagnostics()
        .iter()
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn a_minimal_routine_loads_with_defaults() {
    let src = format!("{HEAD}[[steps]]\ntitle = \"a\"\nkind = \"hold\"\nduration = \"45s\"\n");
    let r = load_str(&src, "t.toml").unwrap();
    let s = &r.steps[0];
    assert_eq!(s.id, "step-1");
    assert_eq!((s.tool, s.sides, s.repeat), (Tool::None, Sides::None, 1));
    assert_eq!(s.prepare, Defaults::default().prepare);
    assert_eq!(s.rest, REPEAT_REST);
    assert!(!r.is_massage_free());
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let src =
        format!("{HEAD}colour = 1\n[[steps]]\ntitel = \"a\"\nkind = \"hodl\"\nduration = \"45\"\n");
    let msgs = messages(&src);
    assert_eq!(
        msgs,
        [
            "unknown key 'colour' in the top level",
            "step 1 has no 'title'",
            "unknown key 'titel' in step 1",
            "'hodl' is not a value of 'kind'",
            "'45' is not a duration; write it like '45s', '5m' or '1m30s'",
        ]
    );
}

/// A value in the wrong case is named in lower case; the key's name is
/// quoted, whatever its grammar ("sides").
#[test]
fn a_word_value_says_the_valid_values_in_lower_case() {
    let src = format!(
        "{HEAD}[[steps]]\ntitle = \"a\"\nkind = \"hold\"\nduration = \"45s\"\nsides = \"Both\"\n"
    );
    let report = load(&src, "t.toml").unwrap_err();
    let text = report.to_string();
    assert!(text.contains("'Both' is not a value of 'sides'"), "{text}");
    assert!(text.contains("write it in lower case: 'both'"), "{text}");
}

#[test]
fn warnings_do_not_block() {
    let src = format!("{HEAD}[[steps]]\ntitle = \"a\"\nkind = \"hold\"\nduration = \"20s\"\n");
    let loaded = load(&src, "t.toml").unwrap();
    assert_eq!(loaded.warnings.warnings(), 1);
    assert_eq!(loaded.warnings.exit_code(), 1);
}

#[test]
fn massage_free_is_computed_from_kinds() {
    let src = format!(
        "{HEAD}[[steps]]\ntitle = \"a\"\nkind = \"cold\"\ntool = \"cold-pack\"\nduration = \"10m\"\n[[steps]]\ntitle = \"b\"\nkind = \"stretch\"\nduration = \"30s\"\n"
    );
    assert!(load_str(&src, "t.toml").unwrap().is_massage_free());
    let acute = library::Library::new(None).find("acute-relief").unwrap();
    assert!(acute.routine.is_massage_free());
    for (name, _) in library::BUNDLED
        .iter()
        .filter(|(n, _)| *n != "acute-relief")
    {
        let r = library::Library::new(None).find(name).unwrap().routine;
        assert!(!r.is_massage_free(), "{name}");
    }
}

#[test]
fn bad_bytes_and_sizes_are_refused_with_a_place() {
    let c = check_bytes(b"name = \"t\"\nsummary = \"\xff\"\n", "t.toml", None);
    let d = &c.report.diagnostics()[0];
    assert_eq!(d.message, "the file is not UTF-8 text");
    assert_eq!(
        c.report.location(d),
        Location {
            line: 2,
            column: 12
        }
    );
    let big = "#".repeat(spec::MAX_BYTES + 1);
    let c = check(&big, "big.toml");
    assert!(c.routine.is_none());
    assert_eq!(c.report.errors(), 1);
}

#[test]
fn toml_syntax_errors_point_at_the_place() {
    let c = check("name = \"t\nsummary = 1\n", "t.toml");
    let d = &c.report.diagnostics()[0];
    assert!(
        d.message.starts_with("this is not valid TOML: "),
        "{}",
        d.message
    );
    assert_eq!(c.report.location(d).line, 1);
}

#[test]
fn render_shows_the_line() {
    let src = format!(
        "{HEAD}[[steps]]\ntitle = \"a\"\nkind = \"hold\"\nduration = \"2m\"\narea = \"spine\"\n"
    );
    let text = check(&src, "t.toml").report.render(Style::Plain);
    assert!(text.contains("[t.toml:6:12]"), "{text}");
    assert!(text.contains("[t.toml:7:8]"), "{text}");
    assert!(text.contains("duration = \"2m\""), "{text}");
}

#[test]
fn a_flood_of_mistakes_is_cut_short_but_counted() {
    let mut src = String::from(HEAD);
    for i in 0..5000 {
        src.push_str(&format!("k{i} = 1\n"));
    }
    src.push_str("[[steps]]\ntitle = \"a\"\nkind = \"hold\"\nduration = \"45s\"\n");
    let t = std::time::Instant::now();
    let report = check(&src, "t.toml").report;
    let text = report.render(Style::Plain);
    assert!(
        t.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        t.elapsed()
    );
    assert_eq!(report.errors(), 5000);
    assert_eq!(report.diagnostics().len(), diag::MAX_SHOWN);
    assert_eq!(report.not_shown(), 5000 - diag::MAX_SHOWN);
    assert_eq!(report.exit_code(), 2);
    assert!(text.contains("… and 4950 more, not shown"), "{text}");
    assert!(
        report
            .to_string()
            .ends_with("… and 4950 more, not shown; fix these first and check again")
    );
}
