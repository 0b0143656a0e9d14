//! `unknot routines …`, `unknot schema` and `unknot start NAME`, driven end
//! to end through the binary. Every child gets its own routine folder and
//! editor through `Command::env`; the test process's environment is never
//! changed. The fake editor is a shell script that, on its Nth run, copies
//! `version-N.toml` over the file it was given.

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

const GOOD_HOLD: &str = "duration = \"45s\"";

struct Env {
    home: TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn dir(&self) -> PathBuf {
        self.home.path().join("routines")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir().join(format!("{name}.toml"))
    }

    /// Run `unknot args…` with `stdin` as input.
    fn run(&self, args: &[&str], stdin: &str, editor: Option<&Path>) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_unknot"));
        cmd.args(args)
            .env("UNKNOT_ROUTINES_DIR", self.dir())
            .env("NO_COLOR", "1")
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(editor) = editor {
            cmd.env("EDITOR", format!("sh '{}'", editor.display()));
        }
        let mut child = cmd.spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    /// An editor that writes `versions[n]` on its n-th run (0-based).
    fn editor(&self, versions: &[String]) -> PathBuf {
        let dir = self.home.path().join("editor");
        fs::create_dir_all(&dir).unwrap();
        let _ = fs::remove_file(dir.join("runs"));
        for (i, v) in versions.iter().enumerate() {
            fs::write(dir.join(format!("version-{}.toml", i + 1)), v).unwrap();
        }
        let script = dir.join("fake-editor.sh");
        let body = format!(
            "n=$(cat '{d}/runs' 2>/dev/null || echo 0)\nn=$((n + 1))\necho $n > '{d}/runs'\ncp \"{d}/version-$n.toml\" \"$1\"\n",
            d = dir.display()
        );
        fs::write(&script, body).unwrap();
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
        script
    }

    fn runs(&self) -> String {
        fs::read_to_string(self.home.path().join("editor/runs"))
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    /// Files in the routine folder, hidden ones included.
    fn listing(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

/// A new routine `mine` from the starter; returns its text.
fn new_mine(env: &Env) -> String {
    let o = env.run(&["routines", "new", "mine"], "", None);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert_eq!(
        text(&o.stdout).trim(),
        env.file("mine").display().to_string()
    );
    fs::read_to_string(env.file("mine")).unwrap()
}

#[test]
fn new_writes_a_clean_starter_and_never_overwrites() {
    let env = Env::new();
    let original = new_mine(&env);
    assert!(original.contains("name = \"mine\""));
    assert_eq!(env.listing(), ["mine.toml", "unknot-routine.schema.json"]);
    let again = env.run(&["routines", "new", "mine"], "", None);
    assert_eq!(code(&again), 2);
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(fs::read_to_string(env.file("mine")).unwrap(), original);
    let check = env.run(&["routines", "check", "mine"], "", None);
    assert_eq!(code(&check), 0, "{}", text(&check.stdout));

    let copy = env.run(
        &["routines", "new", "pir", "--from", "piriformis-sciatica"],
        "",
        None,
    );
    assert_eq!(code(&copy), 0, "{}", text(&copy.stderr));
    let copied = fs::read_to_string(env.file("pir")).unwrap();
    assert!(copied.contains("name = \"pir\"") && copied.contains("figure four"));

    let bad = env.run(&["routines", "new", "My Back"], "", None);
    assert_eq!(code(&bad), 2);
    assert!(text(&bad.stderr).contains("such as 'my-back'"));
    // A file name: the name is what comes before `.toml`.
    let file = env.run(&["routines", "new", "my-back.toml"], "", None);
    assert_eq!(code(&file), 2);
    let err = text(&file.stderr);
    assert!(
        err.contains("such as 'my-back'") && !err.contains("my-back-toml"),
        "{err}"
    );
}

#[test]
fn edit_keeps_a_valid_change() {
    let env = Env::new();
    let original = new_mine(&env);
    let changed = original.replace("Warm-up rub", "Slow warm-up rub");
    let editor = env.editor(std::slice::from_ref(&changed));
    let o = env.run(&["routines", "edit", "mine"], "", Some(&editor));
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("Saved"));
    assert_eq!(fs::read_to_string(env.file("mine")).unwrap(), changed);
    assert_eq!(env.listing(), ["mine.toml", "unknot-routine.schema.json"]);
}

#[test]
fn edit_reopens_until_fixed() {
    let env = Env::new();
    let original = new_mine(&env);
    let broken = original.replace(GOOD_HOLD, "duration = \"3m\"");
    let fixed = original.replace(GOOD_HOLD, "duration = \"50s\"");
    let editor = env.editor(&[broken, fixed.clone()]);
    let o = env.run(&["routines", "edit", "mine"], "e\n", Some(&editor));
    let err = text(&o.stderr);
    assert_eq!(code(&o), 0, "{err}");
    assert!(err.contains("a hold of '3m' is too long"), "{err}");
    assert!(err.contains("What now?"), "{err}");
    assert_eq!(env.runs(), "2");
    assert_eq!(fs::read_to_string(env.file("mine")).unwrap(), fixed);
}

#[test]
fn edit_discard_leaves_the_file_and_no_temporary() {
    let env = Env::new();
    let original = new_mine(&env);
    let editor = env.editor(&[original.replace("kind = \"hold\"", "kind = \"hodl\"")]);
    let o = env.run(&["routines", "edit", "mine"], "d\n", Some(&editor));
    assert_eq!(code(&o), 1);
    assert!(text(&o.stderr).contains("did you mean 'hold'?"));
    assert!(text(&o.stdout).contains("Discarded"));
    assert_eq!(fs::read_to_string(env.file("mine")).unwrap(), original);
    assert_eq!(env.listing(), ["mine.toml", "unknot-routine.schema.json"]);

    // End of input counts as discard too.
    let o = env.run(
        &["routines", "edit", "mine"],
        "",
        Some(&env.editor(&[original.replace("kind = \"hold\"", "kind = 1")])),
    );
    assert_eq!(code(&o), 1);
}

#[test]
fn edit_keep_anyway_saves_with_errors_and_start_refuses() {
    let env = Env::new();
    let original = new_mine(&env);
    let broken = original.replace("area = \"glutes\"", "area = \"spine\"");
    let editor = env.editor(std::slice::from_ref(&broken));
    let o = env.run(&["routines", "edit", "mine"], "k\n", Some(&editor));
    assert_eq!(code(&o), 2);
    assert_eq!(fs::read_to_string(env.file("mine")).unwrap(), broken);
    let start = env.run(&["start", "mine"], "", None);
    assert_eq!(code(&start), 2);
    let err = text(&start.stderr);
    assert!(
        err.contains(&format!("[{}:", env.file("mine").display())),
        "{err}"
    );
    assert!(err.contains("targets 'spine'"), "{err}");
}

#[test]
fn editing_a_bundled_routine_saves_a_user_copy() {
    let env = Env::new();
    let bundled = unknot::routine::library::BUNDLED[0].1;
    // Unchanged: nothing is written.
    let same = env.editor(&[bundled.to_string()]);
    let o = env.run(&["routines", "edit", "gentle-lower-back"], "", Some(&same));
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("No changes"));
    assert!(!env.file("gentle-lower-back").exists());

    let env = Env::new();
    let changed = bundled.replace("duration = \"3m\"", "duration = \"4m\"");
    let o = env.run(
        &["routines", "edit", "gentle-lower-back"],
        "",
        Some(&env.editor(std::slice::from_ref(&changed))),
    );
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert_eq!(
        fs::read_to_string(env.file("gentle-lower-back")).unwrap(),
        changed
    );
    let list = text(&env.run(&["routines", "list"], "", None).stdout);
    let line = list
        .lines()
        .find(|l| l.starts_with("gentle-lower-back"))
        .unwrap();
    assert!(line.contains("user, shadows bundled"), "{list}");
}

#[test]
fn a_failing_editor_saves_nothing() {
    let env = Env::new();
    let original = new_mine(&env);
    let script = env.home.path().join("fail.sh");
    fs::write(&script, "echo garbage > \"$1\"\nexit 3\n").unwrap();
    let o = env.run(&["routines", "edit", "mine"], "", Some(&script));
    assert_eq!(code(&o), 2);
    assert!(
        text(&o.stderr).contains("nothing was saved"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(fs::read_to_string(env.file("mine")).unwrap(), original);
    assert_eq!(env.listing(), ["mine.toml", "unknot-routine.schema.json"]);
}

#[test]
fn check_exit_codes() {
    let env = Env::new();
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/routines");
    let all = env.run(&["routines", "check"], "", None);
    assert_eq!(code(&all), 0, "{}", text(&all.stdout));
    assert!(text(&all.stdout).contains("checked 7 routines: no problems"));
    let warn = env.run(
        &[
            "routines",
            "check",
            &format!("{fixtures}/warnings/hold-short.toml"),
        ],
        "",
        None,
    );
    assert_eq!(code(&warn), 1);
    let err = env.run(
        &[
            "routines",
            "check",
            &format!("{fixtures}/warnings/hold-short.toml"),
            &format!("{fixtures}/invalid/area-spine.toml"),
        ],
        "",
        None,
    );
    assert_eq!(code(&err), 2);
    let out = text(&err.stdout);
    assert!(out.contains("area-spine.toml:8:8]"), "{out}");
    assert!(
        out.contains("checked 2 routines: 1 error, 1 warning"),
        "{out}"
    );
    let unknown = env.run(&["routines", "check", "nope"], "", None);
    assert_eq!(code(&unknown), 2);
}

#[test]
fn start_refuses_an_unknown_name_in_one_line() {
    let env = Env::new();
    let o = env.run(&["start", "nope"], "", None);
    assert_eq!(code(&o), 2);
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("unknot: no routine named 'nope'; available: "),
        "{err}"
    );
    assert!(
        err.contains("acute-relief") && err.contains("gentle-lower-back"),
        "{err}"
    );
}

#[test]
fn show_and_list_describe_routines() {
    let env = Env::new();
    let show = env.run(&["routines", "show", "acute-relief"], "", None);
    assert_eq!(code(&show), 0);
    let out = text(&show.stdout);
    assert!(out.starts_with("acute-relief (bundled)\n"), "{out}");
    assert!(out.contains("Knee toward the chest"), "{out}");
    assert!(
        out.contains("There is no massage in this routine."),
        "{out}"
    );
    let list = text(&env.run(&["routines", "list"], "", None).stdout);
    assert!(list.starts_with("NAME"), "{list}");
    assert_eq!(
        list.lines().filter(|l| l.contains(" bundled ")).count(),
        7,
        "{list}"
    );
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let env = Env::new();
    let o = env.run(&["schema"], "", None);
    assert_eq!(code(&o), 0);
    let committed = include_str!("../routines/unknot-routine.schema.json");
    assert_eq!(text(&o.stdout), committed);
}
