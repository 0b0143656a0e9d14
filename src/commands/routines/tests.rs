//! Tests of `list`, `show` and `check` against a temporary user folder,
//! with output captured in memory.

use super::*;

fn run(f: impl FnOnce(&mut Io<'_>) -> u8) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = f(&mut Io {
        out: &mut out,
        err: &mut err,
        style: Style::Plain,
    });
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn library_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let lib = Library::new(Some(dir.path().to_path_buf()));
    (dir, lib)
}

#[test]
fn list_marks_broken_and_shadowing_routines() {
    let gentle = BUNDLED[0].1;
    let (_dir, lib) = library_with(&[
        ("broken.toml", "name = 1\n"),
        ("gentle-lower-back.toml", gentle),
    ]);
    let (code, out, _) = run(|io| list(&lib, io));
    assert_eq!(code, 0);
    let line = |start: &str| {
        out.lines()
            .find(|l| l.starts_with(start))
            .unwrap()
            .to_string()
    };
    assert!(
        line("broken ").contains("has errors: run `unknot routines check broken`"),
        "{out}"
    );
    assert!(
        line("gentle-lower-back ").contains("user, shadows bundled"),
        "{out}"
    );
    // The shadowed bundled routine is not listed a second time.
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("gentle-lower-back "))
            .count(),
        1
    );
    assert!(out.contains("Your routines live in "));
}

#[test]
fn check_all_covers_bundled_and_user_files() {
    let (_dir, lib) = library_with(&[("broken.toml", "name = 1\n")]);
    let (code, out, _) = run(|io| check(&lib, &[], io));
    assert_eq!(code, 2);
    assert_eq!(out.matches("ok  routines/").count(), BUNDLED.len());
    assert!(out.contains("broken.toml:1:8]"), "{out}");
    assert!(
        out.contains(&format!("checked {} routines:", BUNDLED.len() + 1)),
        "{out}"
    );
}

#[test]
fn show_prints_steps_and_totals() {
    let (_dir, lib) = library_with(&[]);
    let (code, out, err) = run(|io| show::show(&lib, "gentle-lower-back", io));
    assert_eq!((code, err.as_str()), (0, ""));
    let hold = out
        .lines()
        .find(|l| l.contains("Buttock ball hold"))
        .unwrap();
    // One countdown of 0:45 on both sides: 1:30 of active time.
    assert!(
        hold.contains("0:45") && hold.contains("both") && hold.contains("1:30"),
        "{hold}"
    );
    assert!(out.contains("\nTotal "), "{out}");
    // The knot hold's caution, under its step number.
    assert!(
        out.contains("Cautions, shown all through their step:\n  5. Only the soft buttock muscle"),
        "{out}"
    );
    let (code, _, err) = run(|io| show::show(&lib, "nope", io));
    assert_eq!(code, 2);
    assert!(err.starts_with("unknot: no routine named 'nope'"));
}

#[test]
fn show_draws_each_steps_body_map_in_plain_text() {
    let (_dir, lib) = library_with(&[]);
    let (code, out, _) = run(|io| show::show(&lib, "gentle-lower-back", io));
    assert_eq!(code, 0);
    assert!(!out.contains('\x1b'), "no escape codes in plain output");
    let figures = &out[out.find("Where each step works.").unwrap()..];
    // Seven steps, each with its no-press legend; the hip's front view.
    assert_eq!(figures.matches("╳ never press").count(), 7, "{figures}");
    assert!(figures.contains("6. Front-of-hip release") && figures.contains("front"));
    assert!(figures.contains("(each side in turn)"));
    assert!(figures.contains("(the painful side only)"));
    insta::assert_snapshot!("show_gentle_lower_back_figures", figures);
    // With colour on, the no-press hatching is red.
    let r = lib.find("gentle-lower-back").unwrap().routine;
    assert!(show::figures(&r, true).contains("\x1b[1;31m╳"));
}
