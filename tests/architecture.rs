//! The house's layering, checked from the sources: each top-level module
//! of `src/` uses only modules listed before it in `LAYERS` (the order of
//! the map in `src/lib.rs`), so the import graph has no circle and no
//! arrow runs back up. Doc comments do not count: a link is not a use.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// The top-level modules, bottom layer first.
const LAYERS: &[&str] = &[
    "cue",
    "vocab",
    "sys",
    "routine",
    "tolerance",
    "safety",
    "session",
    "flow",
    "history",
    "report",
    "audio",
    "remote",
    "keymap",
    "ui",
    "config",
    "cli",
    "app",
    "commands",
];

/// Every `crate::NAME` a source file uses outside comments.
fn uses(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut seen = BTreeSet::new();
    let mut wrong = Vec::new();
    for file in all {
        let rel = file.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        let Some(level) = LAYERS.iter().position(|l| *l == top) else {
            panic!("src/{top} is not in LAYERS: place it in the map of src/lib.rs and here");
        };
        seen.insert(top.clone());
        for used in uses(&fs::read_to_string(&file).unwrap()) {
            if used == top {
                continue;
            }
            match LAYERS.iter().position(|l| *l == used) {
                Some(u) if u < level => {}
                _ => wrong.push(format!("{} uses crate::{used}", rel.display())),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "arrows that run back up:\n{}",
        wrong.join("\n")
    );
    assert_eq!(seen.len(), LAYERS.len(), "a layer with no source: {seen:?}");
}
