//! `unknot report` on a fixed history (see `report_fixture`): the page as
//! a golden file, checked as HTML5 and XML by real parsers, hostile texts
//! shown as text; and the real binary's files, permissions, refusals,
//! messages and exit codes.

mod demo;
mod report_fixture;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use report_fixture as fx;

#[test]
fn the_page_matches_its_golden_file() {
    insta::assert_snapshot!("report_page", fx::page());
}

/// Every element's name, and all text, in document order.
fn walk(node: &Handle, names: &mut Vec<String>, text: &mut String) {
    match &node.data {
        NodeData::Element { name, attrs, .. } => {
            names.push(name.local.to_string());
            for a in attrs.borrow().iter() {
                let attr = a.name.local.to_string();
                assert!(
                    !attr.starts_with("on") && attr != "src" && attr != "href",
                    "attribute {attr} on <{}>",
                    name.local
                );
            }
        }
        NodeData::Text { contents } => text.push_str(&contents.borrow()),
        _ => {}
    }
    for child in node.children.borrow().iter() {
        walk(child, names, text);
    }
}

#[test]
fn the_page_is_valid_html5_with_well_formed_svg_and_nothing_active() {
    let page = fx::page();
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            exact_errors: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let dom: RcDom = html5ever::parse_document(RcDom::default(), opts).one(page.as_str());
    assert_eq!(
        dom.errors.borrow().as_slice(),
        &[] as &[std::borrow::Cow<str>]
    );
    let (mut names, mut text) = (Vec::new(), String::new());
    walk(&dom.document, &mut names, &mut text);
    for banned in [
        "script", "img", "iframe", "object", "embed", "link", "base", "form",
    ] {
        assert!(!names.iter().any(|n| n == banned), "a <{banned}> element");
    }
    assert!(!page.contains("<script") && !page.contains("http"));
    assert!(!page.contains("url(") && !page.contains("@import"));
    // The texts that tried to be markup are there, as text.
    for hostile in [
        fx::SCRIPT_NAME,
        "\"><img src=x onerror=alert(1)>",
        "Found online <script>alert(1)</script>",
        // As written in the TOML, with its escaped quote.
        "Lean into the ball\\\"><img src=x onerror=alert(1)>",
        "Ball <b>hold</b> & \"breathe\"",
        "Breathe out <!-- slowly -->.",
    ] {
        assert!(text.contains(hostile), "{hostile} is not shown as text");
    }
    // Two charts, each well-formed XML with a title and a description.
    let svgs: Vec<&str> = page
        .match_indices("<svg")
        .map(|(i, _)| &page[i..i + page[i..].find("</svg>").unwrap() + 6])
        .collect();
    assert_eq!(svgs.len(), 2);
    for svg in svgs {
        let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
        let kids: Vec<&str> = doc
            .root_element()
            .children()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name())
            .take(2)
            .collect();
        assert_eq!(kids, ["title", "desc"]);
    }
    // Tables stand beside the charts for screen readers.
    assert!(names.iter().filter(|n| *n == "table").count() >= 4);
}

#[test]
fn the_page_shows_the_fixture_in_numbers() {
    let page = fx::page();
    let sessions = fx::DEMO_SESSIONS + fx::HAND_SESSIONS;
    for expected in [
        format!("<dt>Sessions</dt><dd>{sessions} ("),
        "2010-01-01 to 2010-01-31 (31 days)".to_string(),
        "2 ended at the safety check".to_string(),
        "1 interrupted".to_string(),
        "Go to an emergency department now.".to_string(),
        "No massage today: see a doctor first.".to_string(),
        "Too soon for massage.".to_string(),
        "after the last technique".to_string(),
        "reaches the thigh; urgent signs reported".to_string(),
        "No routine of this name is installed now".to_string(),
        "not a diagnosis".to_string(),
        "<h2>Clearances on record</h2>".to_string(),
        "<tr><td>2009-11-22 00:00</td><td>Blood thinners/bleeding disorder</td>".to_string(),
        "<td>Broken or fragile bones; Pregnancy</td>".to_string(),
    ] {
        assert!(page.contains(&expected), "missing: {expected}");
    }
    assert!(
        !page.contains("Recent surgery there"),
        "an OK after the period"
    );
}

// ------------------------------------------------------------ the binary

/// `unknot --data-dir DIR report ARGS…` in `cwd`, away from the
/// developer's own config and routines.
fn run(dir: &Path, cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_unknot"))
        .arg("--data-dir")
        .arg(dir)
        .arg("report")
        .args(args)
        .current_dir(cwd)
        .env("HOME", cwd)
        .env("XDG_CONFIG_HOME", cwd.join("config"))
        .env_remove("UNKNOT_CONFIG")
        .env("UNKNOT_ROUTINES_DIR", fx::routines_dir())
        .output()
        .unwrap()
}

fn text(o: &Output) -> (i32, String, String) {
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn the_default_file_is_private_dated_and_never_overwritten() {
    let data = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    fx::history(data.path());
    let (code, out, err) = text(&run(data.path(), cwd.path(), &["--since", "2010-01-01"]));
    assert_eq!(code, 0, "{err}");
    let files: Vec<_> = std::fs::read_dir(cwd.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let file = &files[0];
    let name = file.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("unknot-report-") && name.ends_with(".html") && name.len() == 29,
        "{name}"
    );
    assert_eq!(
        out,
        format!(
            "Report written to {name} ({} sessions from 2010-01-01 to {}).\n",
            fx::DEMO_SESSIONS + fx::HAND_SESSIONS,
            &name[14..24]
        )
    );
    assert_eq!(file.metadata().unwrap().permissions().mode() & 0o777, 0o600);
    let first = std::fs::read(file).unwrap();
    // Again: refused, and the file is untouched.
    let (code, _, err) = text(&run(data.path(), cwd.path(), &["--last", "3"]));
    assert_eq!(code, 2);
    assert!(err.contains("already exists; pass --force"), "{err}");
    assert_eq!(std::fs::read(file).unwrap(), first);
    // With --force it is replaced.
    let (code, out, _) = text(&run(data.path(), cwd.path(), &["--last", "3", "--force"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("(3 sessions from 2010-01-29 to 2010-01-30)"),
        "{out}"
    );
    assert_ne!(std::fs::read(file).unwrap(), first);
}

#[test]
fn a_named_file_gets_the_usual_permissions() {
    let data = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    fx::history(data.path());
    let target = cwd.path().join("shared folder/for the physio.html");
    std::fs::create_dir(target.parent().unwrap()).unwrap();
    let (code, _, err) = text(&run(
        data.path(),
        cwd.path(),
        &["--last", "5", "-o", target.to_str().unwrap()],
    ));
    assert_eq!(code, 0, "{err}");
    let mode = target.metadata().unwrap().permissions().mode() & 0o777;
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let umask = status
        .lines()
        .find_map(|l| l.strip_prefix("Umask:"))
        .map(|v| u32::from_str_radix(v.trim(), 8).unwrap())
        .unwrap();
    assert_eq!(mode, 0o666 & !umask, "a named place follows the umask");
    let page = std::fs::read_to_string(&target).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
    // The bundled routine's text was found for the appendix.
    assert!(page.contains("Your routine file") || page.contains("Bundled with unknot"));
}

#[test]
fn nothing_to_report_is_said_plainly_with_its_own_exit_code() {
    let data = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    // No history at all.
    let (code, out, err) = text(&run(data.path(), cwd.path(), &[]));
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.starts_with("No sessions recorded yet."), "{err}");
    // A history whose sessions are all older than the period.
    fx::history(data.path());
    let (code, _, err) = text(&run(data.path(), cwd.path(), &[]));
    assert_eq!(code, 1);
    assert!(
        err.contains("the most recent one was on 2010-01-30") && err.contains("--last N"),
        "{err}"
    );
    let (code, _, err) = text(&run(data.path(), cwd.path(), &["--since", "2011-01-01"]));
    assert_eq!(code, 1);
    assert!(err.starts_with("No sessions since 2011-01-01;"), "{err}");
    // No page was written for any of these.
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 0);
}

#[test]
fn bad_options_and_places_are_refused_clearly() {
    let data = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    fx::history(data.path());
    let (code, _, err) = text(&run(data.path(), cwd.path(), &["--since", "2010-02-30"]));
    assert_eq!(code, 2);
    assert!(err.contains("expected a date as YYYY-MM-DD"), "{err}");
    let (code, _, err) = text(&run(
        data.path(),
        cwd.path(),
        &["--since", "2010-01-01", "--last", "2"],
    ));
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
    let nowhere = cwd.path().join("missing/r.html");
    let (code, _, err) = text(&run(
        data.path(),
        cwd.path(),
        &["--last", "2", "-o", nowhere.to_str().unwrap()],
    ));
    assert_eq!(code, 2);
    assert!(
        err.starts_with("unknot: cannot write the report to '"),
        "{err}"
    );
    // A damaged history is named and left alone.
    let bad = tempfile::tempdir().unwrap();
    std::fs::write(bad.path().join("history.sqlite3"), b"not a database at all").unwrap();
    let (code, _, err) = text(&run(bad.path(), cwd.path(), &[]));
    assert_eq!(code, 2);
    assert!(
        err.contains("history.sqlite3") && err.contains("damaged"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(bad.path().join("history.sqlite3")).unwrap(),
        b"not a database at all"
    );
}

#[test]
fn open_hands_the_file_to_the_opener_as_one_argument() {
    let data = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    fx::history(data.path());
    // A stand-in opener that writes down what it was given, one per line.
    let bin = cwd.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let log = cwd.path().join("opened.txt");
    let opener = bin.join(unknot::report::file::OPENER);
    std::fs::write(
        &opener,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > '{}'\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let target = cwd.path().join("a; touch pwned $(id).html");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_unknot"));
    cmd.arg("--data-dir")
        .arg(data.path())
        .args(["report", "--last", "4", "--open", "-o"])
        .arg(&target)
        .current_dir(cwd.path())
        .env("HOME", cwd.path())
        .env("PATH", &bin);
    let (code, _, err) = text(&cmd.output().unwrap());
    assert_eq!(code, 0, "{err}");
    let seen = std::fs::read_to_string(&log).unwrap();
    assert_eq!(seen, format!("1\n{}\n", target.display()));
    assert!(!cwd.path().join("pwned").exists());
    // Without an opener the report is still written, and that is said.
    let empty = cwd.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_unknot"));
    cmd.arg("--data-dir")
        .arg(data.path())
        .args(["report", "--last", "4", "--open", "--force", "-o"])
        .arg(&target)
        .current_dir(cwd.path())
        .env("HOME", cwd.path())
        .env("PATH", &empty);
    let (code, _, err) = text(&cmd.output().unwrap());
    assert_eq!(code, 0);
    assert!(
        err.contains("could not be opened") && err.contains("yourself"),
        "{err}"
    );
}
