//! Table tests over `tests/fixtures/routines/`: one invalid fixture per
//! rule, each asserted on its exact message, help and line:column; one
//! fixture per warning; valid fixtures that must load cleanly. Every file in
//! those folders must appear in a table, so none goes untested.

use std::collections::BTreeSet;
use std::path::Path;

use unknot::routine::Severity::{self, Error, Warning};
use unknot::routine::spec::{DEFAULTS, ROUTINE, STEP};
use unknot::routine::{Checked, Style, Tool, check_bytes};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/routines");

/// (file, severity, line, column, message, help): the only diagnostic the
/// file produces.
const DIAGNOSED: &[(&str, Severity, usize, usize, &str, &str)] = &[
    (
        "invalid/area-kidneys.toml",
        Error,
        8,
        8,
        "step 1 targets 'kidneys': no step may press on the spine, the bones beside it or the kidneys",
        "the kidneys sit under the lowest ribs; work lower down, on the muscles beside the spine: area = \"paraspinals\"",
    ),
    (
        "invalid/area-lumbar-vertebrae.toml",
        Error,
        8,
        8,
        "step 1 targets 'lumbar-vertebrae': no step may press on the spine, the bones beside it or the kidneys",
        "work the muscles either side of the spine instead: area = \"paraspinals\"",
    ),
    (
        "invalid/area-spine.toml",
        Error,
        8,
        8,
        "step 1 targets 'spine': no step may press on the spine, the bones beside it or the kidneys",
        "work the muscles either side of the spine instead: area = \"paraspinals\"",
    ),
    (
        "invalid/bad-duration.toml",
        Error,
        7,
        12,
        "'5 min' is not a duration; write it like '45s', '5m' or '1m30s'",
        "a number and a unit: h for hours, m for minutes, s for seconds",
    ),
    (
        "invalid/bad-name.toml",
        Error,
        1,
        8,
        "'My Routine' is not a valid name",
        "write it as 'my-routine'",
    ),
    (
        "invalid/ball-without-area.toml",
        Error,
        8,
        8,
        "step 1 uses a tennis ball but does not say where",
        "add the area it works on, such as area = \"paraspinals\" for the muscles beside the spine",
    ),
    (
        "invalid/bare-number-duration.toml",
        Error,
        7,
        12,
        "'duration' needs a unit: a bare number is ambiguous",
        "write it in quotes with a unit, such as duration = \"45s\"",
    ),
    (
        "invalid/control-character.toml",
        Error,
        5,
        9,
        "'title' contains a control character (U+0007)",
        "remove it; routine text is shown on screen as it is",
    ),
    (
        "invalid/deep-on-lower-back.toml",
        Error,
        8,
        8,
        "step 1 uses deep pressure on 'lower-back', where it could land on the spine",
        "aim it at the muscles beside the spine: area = \"paraspinals\"",
    ),
    (
        "invalid/default-too-long.toml",
        Error,
        5,
        10,
        "'switch' is '3m'; the most allowed is '2m'",
        "use '2m' or less",
    ),
    (
        "invalid/duplicate-id.toml",
        Error,
        14,
        6,
        "step 2 reuses the id 'same'",
        "give each step its own id; a step without one is called step-N after its place",
    ),
    (
        "invalid/duplicate-key.toml",
        Error,
        8,
        1,
        "this is not valid TOML: duplicate key",
        "`unknot schema` describes the format; `unknot routines new` starts from a commented example",
    ),
    (
        "invalid/empty-steps.toml",
        Error,
        4,
        9,
        "the routine has no steps",
        "add at least one [[steps]] table",
    ),
    (
        "invalid/empty-summary.toml",
        Error,
        2,
        11,
        "'summary' is empty",
        "write some text, or leave the key out",
    ),
    (
        "invalid/heat-pack-in-cold-step.toml",
        Error,
        8,
        8,
        "step 1: a heat pack does not go with a 'cold' step",
        "a heat pack belongs in a 'heat' step",
    ),
    (
        "invalid/hold-too-long.toml",
        Error,
        7,
        12,
        "step 1: a hold of '2m' is too long; a hold may last 10s to 1m30s",
        "the recommended range for holds is 30s to 1m",
    ),
    (
        "invalid/hold-too-short.toml",
        Error,
        7,
        12,
        "step 1: a hold of '5s' is too short; a hold may last 10s to 1m30s",
        "the recommended range for holds is 30s to 1m",
    ),
    (
        "invalid/key-in-wrong-table.toml",
        Error,
        8,
        1,
        "unknown key 'switch' in step 1",
        "'switch' belongs in [defaults]",
    ),
    (
        "invalid/missing-steps.toml",
        Error,
        1,
        1,
        "the routine has no 'steps'",
        "add a line such as: [[steps]]",
    ),
    (
        "invalid/missing-title.toml",
        Error,
        4,
        1,
        "step 1 has no 'title'",
        "add a line such as: title = \"…\"",
    ),
    (
        "invalid/not-toml.toml",
        Error,
        5,
        16,
        "this is not valid TOML: invalid basic string, expected `\"`",
        "`unknot schema` describes the format; `unknot routines new` starts from a commented example",
    ),
    (
        "invalid/not-utf8.toml",
        Error,
        5,
        13,
        "the file is not UTF-8 text",
        "save the file as UTF-8 (any modern editor can)",
    ),
    (
        "invalid/repeat-out-of-range.toml",
        Error,
        8,
        10,
        "'repeat' must be between 1 and 10",
        "write a whole number from 1 to 10",
    ),
    (
        "invalid/roller-in-stretch.toml",
        Error,
        9,
        8,
        "step 1: a foam roller does not go with a 'stretch' step",
        "a foam roller belongs in a 'hold', 'sweep' or 'warm-up' step",
    ),
    (
        "invalid/session-too-long.toml",
        Error,
        29,
        1,
        "the session would last 1:47:40; the most is 1:30:00",
        "shorten or remove steps, or split the routine in two; preparation, switches and rests count too",
    ),
    (
        "invalid/steps-single-table.toml",
        Error,
        4,
        1,
        "'steps' must be a list of tables",
        "write each one as [[steps]], with two brackets",
    ),
    (
        "invalid/title-line-break.toml",
        Error,
        5,
        9,
        "'title' contains a line break (U+000A)",
        "'title' must fit on one line",
    ),
    (
        "invalid/title-too-long.toml",
        Error,
        5,
        9,
        "'title' is 90 characters long; the most is 80",
        "shorten it",
    ),
    (
        "invalid/too-many-instructions.toml",
        Error,
        8,
        16,
        "'instructions' has 13 entries; the most is 12",
        "keep to the sentences that matter most; short steps are easier to follow",
    ),
    (
        "invalid/too-many-steps.toml",
        Error,
        1008,
        1,
        "the routine has 201 steps; the most is 200",
        "split it into two routines",
    ),
    (
        "invalid/tool-work-too-long.toml",
        Error,
        7,
        12,
        "step 1: a sweep of '16m' is too long; a sweep may last 1m to 15m",
        "the recommended range for tool work is 5m to 10m",
    ),
    (
        "invalid/unknown-key.toml",
        Error,
        5,
        1,
        "unknown key 'titel' in step 1",
        "did you mean 'title'?",
    ),
    (
        "invalid/unknown-kind.toml",
        Error,
        6,
        8,
        "'warmup' is not a value of 'kind'",
        "did you mean 'warm-up'? The values: 'warm-up', 'hold', 'sweep', 'stretch', 'position', 'rest', 'heat', 'cold'",
    ),
    (
        "invalid/vibration-on-sacrum.toml",
        Error,
        8,
        8,
        "step 1 uses vibration on 'sacrum': a massager belongs on the buttocks and thighs only",
        "the kidneys lie under the back muscles and the lowest ribs; use area = \"upper-buttocks\", \"glutes\" or \"hamstrings\"",
    ),
    (
        "invalid/vibration-on-paraspinals.toml",
        Error,
        8,
        8,
        "step 1 uses vibration on 'paraspinals': a massager belongs on the buttocks and thighs only",
        "the kidneys lie under the back muscles and the lowest ribs; use area = \"upper-buttocks\", \"glutes\" or \"hamstrings\"",
    ),
    (
        "invalid/roller-on-paraspinals.toml",
        Error,
        8,
        8,
        "step 1 puts a foam roller on 'paraspinals': across the lower back a roller presses on the spine, however far you turn",
        "roll the buttocks and outer hip or the back of the thigh instead (area = \"glutes\" or \"hamstrings\"); beside the spine, a tennis ball stays on the muscle",
    ),
    (
        "invalid/sacrum-moderate.toml",
        Error,
        10,
        12,
        "step 1 works on the 'sacrum' with 'moderate' pressure: it is bone, at the level where discs most often bulge",
        "make it pressure = \"light\", or leave the sacrum out",
    ),
    (
        "invalid/warm-up-too-long.toml",
        Error,
        7,
        12,
        "step 1: a warm-up of '20m' is too long; a warm-up may last 1m to 15m",
        "the recommended range for warm-ups is 5m to 10m",
    ),
    (
        "invalid/wrong-type.toml",
        Error,
        8,
        10,
        "'repeat' must be a whole number; found text",
        "remove the quotes: repeat = 2",
    ),
    (
        "warnings/hold-long.toml",
        Warning,
        7,
        12,
        "step 1: '1m15s' is longer than the recommended 30s to 1m for holds",
        "half a minute to a minute gives a tight spot time to let go without irritating the nerve; the session will still run as written",
    ),
    (
        "warnings/hold-short.toml",
        Warning,
        7,
        12,
        "step 1: '20s' is shorter than the recommended 30s to 1m for holds",
        "half a minute to a minute gives a tight spot time to let go without irritating the nerve; the session will still run as written",
    ),
    (
        "warnings/tool-work-long.toml",
        Warning,
        7,
        12,
        "step 1: '12m' is longer than the recommended 5m to 10m for tool work",
        "five to ten minutes with a ball, roller or massager is plenty; longer tends to leave the area sore; the session will still run as written",
    ),
    (
        "warnings/heat-without-caution.toml",
        Warning,
        6,
        8,
        "step 1 is a heat step without a caution",
        "add caution = \"...\" saying to keep the heat off any skin that feels numb: it can burn there without being felt",
    ),
    (
        "warnings/warm-up-short.toml",
        Warning,
        7,
        12,
        "step 1: '3m' is shorter than the recommended 5m to 10m for warm-ups",
        "five to ten minutes warms the muscles through without tiring them; the session will still run as written",
    ),
];

fn check_fixture(file: &str) -> Checked {
    let bytes = std::fs::read(Path::new(DIR).join(file)).unwrap();
    check_bytes(&bytes, file, None)
}

fn files_in(sub: &str) -> BTreeSet<String> {
    std::fs::read_dir(Path::new(DIR).join(sub))
        .unwrap()
        .map(|e| format!("{sub}/{}", e.unwrap().file_name().to_str().unwrap()))
        .collect()
}

#[test]
fn each_fixture_gives_exactly_its_diagnostic() {
    let mut failures = Vec::new();
    for &(file, severity, line, column, message, help) in DIAGNOSED {
        let c = check_fixture(file);
        let got: Vec<_> = c
            .report
            .diagnostics()
            .iter()
            .map(|d| {
                let at = c.report.location(d);
                (
                    d.severity,
                    at.line,
                    at.column,
                    d.message.as_str(),
                    d.help.as_deref(),
                )
            })
            .collect();
        let want = vec![(severity, line, column, message, Some(help))];
        if got != want {
            failures.push(format!(
                "{file}:
  want {want:?}
  got  {got:?}"
            ));
        }
        // Errors refuse the routine; warnings never do.
        assert_eq!(c.routine.is_some(), severity == Warning, "{file}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_is_in_a_table() {
    let listed: BTreeSet<String> = DIAGNOSED.iter().map(|r| r.0.to_string()).collect();
    let mut on_disk = files_in("invalid");
    on_disk.extend(files_in("warnings"));
    assert_eq!(listed, on_disk);
    let kinds: BTreeSet<&str> = DIAGNOSED
        .iter()
        .map(|r| if r.1 == Error { "invalid" } else { "warnings" })
        .zip(DIAGNOSED.iter().map(|r| r.0))
        .filter(|(dir, file)| !file.starts_with(dir))
        .map(|(_, file)| file)
        .collect();
    assert!(kinds.is_empty(), "in the wrong folder: {kinds:?}");
}

#[test]
fn valid_fixtures_load_cleanly() {
    let files = files_in("valid");
    assert_eq!(files.len(), 3);
    for file in &files {
        let c = check_fixture(file);
        assert!(c.report.diagnostics().is_empty(), "{file}: {}", c.report);
        assert!(c.routine.is_some(), "{file}");
    }
}

#[test]
fn every_key_fixture_uses_every_key_and_each_takes_effect() {
    let text = std::fs::read_to_string(Path::new(DIR).join("valid/every-key.toml")).unwrap();
    let doc: toml::Table = text.parse().unwrap();
    let keys = |t: &toml::Table| t.keys().cloned().collect::<BTreeSet<_>>();
    let names = |spec: &[unknot::routine::spec::Key]| {
        spec.iter()
            .map(|k| k.name.to_string())
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(keys(&doc), names(ROUTINE));
    assert_eq!(keys(doc["defaults"].as_table().unwrap()), names(DEFAULTS));
    assert_eq!(keys(doc["steps"][0].as_table().unwrap()), names(STEP));

    let r = check_fixture("valid/every-key.toml").routine.unwrap();
    assert_eq!(r.tags, ["fixture", "complete"]);
    assert_eq!(r.defaults.rest.as_secs(), 20);
    assert!(!r.defaults.halfway && !r.defaults.countdown);
    let (first, second) = (&r.steps[0], &r.steps[1]);
    assert_eq!(
        (first.id.as_str(), first.tool, first.repeat),
        ("first", Tool::LacrosseBall, 2)
    );
    assert_eq!((first.prepare.as_secs(), first.rest.as_secs()), (20, 30));
    assert!(first.halfway && first.countdown);
    assert_eq!(first.say.as_deref(), Some("Here we go"));
    assert_eq!(first.caution.as_deref(), Some("Keep off the spine."));
    assert_eq!(second.caution, None);
    assert_eq!(first.check_in, unknot::routine::CheckInEvery::Side);
    assert_eq!(second.check_in, unknot::routine::CheckInEvery::Step);
    // The second step takes everything from [defaults].
    assert_eq!(second.id, "step-2");
    assert_eq!(second.prepare.as_secs(), 5);
    assert!(!second.halfway && !second.countdown);
    assert_eq!(second.duration.as_secs(), 90);
}

#[test]
fn every_key_is_documented() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/routines/README.md"))
            .unwrap();
    for key in ROUTINE.iter().chain(DEFAULTS).chain(STEP) {
        assert!(
            readme.contains(&format!("`{}`", key.name)),
            "routines/README.md does not mention `{}`",
            key.name
        );
    }
}

#[test]
fn the_documented_example_is_a_clean_routine() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/routines/README.md"))
            .unwrap();
    let start = readme.find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let c = unknot::routine::check(&readme[start..end], "README.md");
    assert!(c.report.diagnostics().is_empty(), "{}", c.report);
    assert_eq!(c.routine.unwrap().steps.len(), 2);
}

#[test]
fn rendered_report_underlines_the_line() {
    let c = check_fixture("invalid/unknown-key.toml");
    insta::assert_snapshot!(c.report.render(Style::Plain));
}
