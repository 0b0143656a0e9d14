//! The JSON Schema of routine files, for editor completion and checking
//! (taplo, Even Better TOML). Generated from the key tables in
//! [`spec`](super::spec), so it always describes exactly what the reader
//! accepts; the safety rules that depend on several keys at once (a hold's
//! length, deep work beside the spine) stay with `unknot routines check`.
//!
//! A copy is committed as `routines/unknot-routine.schema.json`; a test
//! keeps it equal to the generated one.

use serde_json::{Map, Value, json};

use super::spec::{self, Key, Ty};
use super::words::Area;

/// The file name routines refer to in their `#:schema` line.
pub const FILE_NAME: &str = "unknot-routine.schema.json";

/// Matches what the duration parser accepts (without surrounding spaces).
const DURATION_PATTERN: &str = "^([0-9]+h([0-9]+m)?([0-9]+s)?|[0-9]+m([0-9]+s)?|[0-9]+s)$";
/// Matches a valid name or id.
const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// The schema as a JSON value.
pub fn schema() -> Value {
    let mut root = table(spec::ROUTINE);
    let obj = root.as_object_mut().expect("a table is an object");
    obj.insert(
        "$schema".into(),
        json!("http://json-schema.org/draft-07/schema#"),
    );
    obj.insert("title".into(), json!("unknot routine"));
    obj.insert(
        "description".into(),
        json!(
            "A guided self-massage routine for unknot. `unknot routines check` also applies the \
             safety rules a schema cannot express: time limits per kind of step, deep or \
             vibrating work only beside the spine, and a 90-minute session."
        ),
    );
    root
}

/// The schema as pretty-printed JSON with a final newline, as committed.
pub fn to_json() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).expect("a JSON value always prints");
    text.push('\n');
    text
}

fn table(keys: &[Key]) -> Value {
    let required: Vec<&str> = keys.iter().filter(|k| k.required).map(|k| k.name).collect();
    let properties: Map<String, Value> = keys
        .iter()
        .map(|k| (k.name.to_string(), property(k)))
        .collect();
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties,
        "x-taplo": { "initKeys": required },
    })
}

fn property(k: &Key) -> Value {
    let mut v = match k.ty {
        Ty::Line(max) => {
            json!({ "type": "string", "minLength": 1, "maxLength": max, "pattern": "^[^\\u0000-\\u001f\\u007f]*$" })
        }
        Ty::Text(max) => json!({ "type": "string", "minLength": 1, "maxLength": max }),
        Ty::Slug => {
            json!({ "type": "string", "maxLength": spec::MAX_NAME, "pattern": SLUG_PATTERN })
        }
        Ty::Lines { items, len } => json!({
            "type": "array",
            "maxItems": items,
            "items": { "type": "string", "minLength": 1, "maxLength": len },
        }),
        Ty::Duration(_) => json!({
            "type": "string",
            "pattern": DURATION_PATTERN,
            "examples": ["45s", "5m", "1m30s"],
        }),
        Ty::Bool => json!({ "type": "boolean" }),
        Ty::Int { min, max } => json!({ "type": "integer", "minimum": min, "maximum": max }),
        Ty::Word(words) => {
            // Never offer the refused areas for completion.
            let offered: Vec<&str> = words
                .iter()
                .copied()
                .filter(|w| k.name != "area" || !Area::from_name(w).is_some_and(Area::is_forbidden))
                .collect();
            json!({ "type": "string", "enum": offered })
        }
        Ty::Table(keys) => table(keys),
        Ty::Tables { keys, max } => json!({
            "type": "array",
            "minItems": 1,
            "maxItems": max,
            "items": table(keys),
        }),
    };
    v["description"] = json!(k.doc);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_copy_is_current() {
        let committed = include_str!("../../routines/unknot-routine.schema.json");
        assert!(
            committed == to_json(),
            "routines/{FILE_NAME} is out of date; regenerate it with \
             `cargo run -- schema > routines/{FILE_NAME}`"
        );
    }

    #[test]
    fn describes_every_key_and_hides_refused_areas() {
        let s = schema();
        let step = &s["properties"]["steps"]["items"];
        for k in spec::STEP {
            assert!(
                step["properties"][k.name]["description"].is_string(),
                "{}",
                k.name
            );
        }
        let areas = step["properties"]["area"]["enum"].as_array().unwrap();
        assert!(areas.contains(&json!("paraspinals")));
        assert!(!areas.contains(&json!("spine")));
        assert!(!areas.contains(&json!("kidneys")));
        assert_eq!(s["required"], json!(["name", "summary", "steps"]));
        assert_eq!(
            s["properties"]["defaults"]["additionalProperties"],
            json!(false)
        );
    }

    #[test]
    fn patterns_agree_with_the_reader() {
        // Every string up to five characters over the duration alphabet:
        // the schema pattern and the parser must agree on the form (the
        // pattern cannot count, so "25h" passes it and fails on size).
        let re = regex::Regex::new(DURATION_PATTERN).unwrap();
        let alphabet = ['1', '0', 'h', 'm', 's'];
        let mut words = vec![String::new()];
        for _ in 0..5 {
            words = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            for w in &words {
                use super::super::duration::DurationError;
                let parsed = matches!(
                    w.parse::<super::super::Human>(),
                    Ok(_) | Err(DurationError::TooLong(_))
                );
                assert_eq!(re.is_match(w), parsed, "{w}");
            }
        }
        let slug = regex::Regex::new(SLUG_PATTERN).unwrap();
        for (name, ok) in [
            ("my-back", true),
            ("a1", true),
            ("My", false),
            ("a--b", false),
            ("-a", false),
        ] {
            assert_eq!(slug.is_match(name), ok, "{name}");
        }
    }
}
