//! The routine format as data: every key a file may contain, its type, its
//! limits and what it means. The reader walks files against these tables,
//! unknown-key suggestions come from them, and `unknot schema` is generated
//! from them, so the three can never disagree.

use super::words::{Area, CheckInEvery, Kind, Pressure, Sides, Tool};

/// The largest routine file accepted, in bytes.
pub const MAX_BYTES: usize = 256 * 1024;
/// The most steps one routine may have.
pub const MAX_STEPS: usize = 200;
/// The longest name or id.
pub const MAX_NAME: usize = 64;

/// Whether `s` is a valid name or id: lowercase letters and digits in
/// words joined by single hyphens, at most [`MAX_NAME`] bytes.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_NAME
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The type and limits of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// One line of text, at most this many characters.
    Line(usize),
    /// Text that may span several lines, at most this many characters.
    Text(usize),
    /// Lowercase letters, digits and single hyphens (`my-routine`).
    Slug,
    /// A list of one-line texts.
    Lines {
        /// Most entries.
        items: usize,
        /// Most characters per entry.
        len: usize,
    },
    /// A duration such as `"45s"`, at most this many seconds (`None`: the
    /// step's kind decides).
    Duration(Option<u64>),
    /// `true` or `false`.
    Bool,
    /// A whole number within bounds.
    Int {
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// One of a fixed set of words.
    Word(&'static [&'static str]),
    /// A table (`[defaults]`).
    Table(&'static [Key]),
    /// An array of tables (`[[steps]]`), at most `max` of them.
    Tables {
        /// The keys of each table.
        keys: &'static [Key],
        /// Most tables.
        max: usize,
    },
}

/// One key of the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// As written in the file.
    pub name: &'static str,
    /// What its value must be.
    pub ty: Ty,
    /// Whether the table must contain it.
    pub required: bool,
    /// One sentence for the schema and the documentation.
    pub doc: &'static str,
}

const fn key(name: &'static str, ty: Ty, doc: &'static str) -> Key {
    Key {
        name,
        ty,
        required: false,
        doc,
    }
}

const fn must(name: &'static str, ty: Ty, doc: &'static str) -> Key {
    Key {
        name,
        ty,
        required: true,
        doc,
    }
}

/// Keys of the top level of a routine file.
pub const ROUTINE: &[Key] = &[
    must(
        "name",
        Ty::Slug,
        "What the routine is started by: lowercase words joined by hyphens. Must match the file name.",
    ),
    must(
        "summary",
        Ty::Line(200),
        "One sentence shown in `unknot routines list`.",
    ),
    key(
        "description",
        Ty::Text(4000),
        "Longer notes: who it is for, what to watch out for.",
    ),
    key(
        "tags",
        Ty::Lines { items: 16, len: 32 },
        "Free words for grouping, such as \"acute\" or \"partner\".",
    ),
    key("author", Ty::Line(100), "Who wrote the routine."),
    key(
        "defaults",
        Ty::Table(DEFAULTS),
        "Values every step starts from.",
    ),
    must(
        "steps",
        Ty::Tables {
            keys: STEP,
            max: MAX_STEPS,
        },
        "The techniques, in order. Write each as a [[steps]] table.",
    ),
];

/// Keys of the `[defaults]` table.
pub const DEFAULTS: &[Key] = &[
    key(
        "prepare",
        Ty::Duration(Some(120)),
        "Time to get into position before each step (default \"10s\").",
    ),
    key(
        "rest",
        Ty::Duration(Some(600)),
        "Rest between steps (default \"15s\").",
    ),
    key(
        "switch",
        Ty::Duration(Some(120)),
        "Time to change sides in a two-sided step (default \"10s\").",
    ),
    key(
        "halfway",
        Ty::Bool,
        "Play a cue halfway through each countdown (default true).",
    ),
    key(
        "countdown",
        Ty::Bool,
        "Play 3-2-1 before each countdown ends (default true).",
    ),
];

/// Keys of each `[[steps]]` table.
pub const STEP: &[Key] = &[
    key(
        "id",
        Ty::Slug,
        "A stable name for the step, unique in the routine (default \"step-N\").",
    ),
    must("title", Ty::Line(80), "The heading shown during the step."),
    must(
        "kind",
        Ty::Word(&Kind::NAMES),
        "What the step does; decides the allowed duration.",
    ),
    must(
        "duration",
        Ty::Duration(None),
        "Length of one countdown, such as \"45s\", \"5m\" or \"1m30s\".",
    ),
    key(
        "area",
        Ty::Word(&Area::NAMES),
        "Where on the body. The spine, lumbar vertebrae and kidneys are refused.",
    ),
    key(
        "tool",
        Ty::Word(&Tool::NAMES),
        "What the person works with (default \"none\").",
    ),
    key(
        "pressure",
        Ty::Word(&Pressure::NAMES),
        "How hard to press. Deep work must name an area beside the spine.",
    ),
    key(
        "position",
        Ty::Line(300),
        "The starting position, one sentence.",
    ),
    key(
        "instructions",
        Ty::Lines {
            items: 12,
            len: 300,
        },
        "What to do, one short sentence per entry.",
    ),
    key(
        "sides",
        Ty::Word(&Sides::NAMES),
        "Which side(s): \"both\" runs left then right, \"affected\" only the painful side (default \"none\").",
    ),
    key(
        "repeat",
        Ty::Int { min: 1, max: 10 },
        "How many times to run the step, all sides each time (default 1).",
    ),
    key(
        "rest",
        Ty::Duration(Some(600)),
        "Rest between repeats of this step (default \"10s\").",
    ),
    key(
        "prepare",
        Ty::Duration(Some(120)),
        "Time to get into position; overrides [defaults] prepare.",
    ),
    key(
        "halfway",
        Ty::Bool,
        "Play a cue halfway; overrides [defaults] halfway.",
    ),
    key(
        "countdown",
        Ty::Bool,
        "Play 3-2-1 at the end; overrides [defaults] countdown.",
    ),
    key(
        "caution",
        Ty::Line(300),
        "A warning shown for as long as the step runs (in a small window too) and spoken at its start, when speech is available: what could hurt here and how to avoid it.",
    ),
    key(
        "say",
        Ty::Line(120),
        "Words spoken when the step starts (the title when absent).",
    ),
    key(
        "check_in",
        Ty::Word(&CheckInEvery::NAMES),
        "Extra check-ins: \"after-each-round\" or \"after-each-side\" (default \"after-step\"); there is always one after the step.",
    ),
];

/// Where in the file a table sits, for messages and suggestions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The top level.
    Top,
    /// The `[defaults]` table.
    Defaults,
    /// A `[[steps]]` table, 1-based.
    Step(usize),
}

impl Place {
    /// The keys allowed here.
    pub fn keys(self) -> &'static [Key] {
        match self {
            Place::Top => ROUTINE,
            Place::Defaults => DEFAULTS,
            Place::Step(_) => STEP,
        }
    }

    /// The table in words: "the top level", "[defaults]", "step 3".
    pub fn describe(self) -> String {
        match self {
            Place::Top => "the top level".to_string(),
            Place::Defaults => "[defaults]".to_string(),
            Place::Step(n) => format!("step {n}"),
        }
    }

    /// The kind of table, for "belongs in …" hints.
    pub fn table_name(self) -> &'static str {
        match self {
            Place::Top => "the top level",
            Place::Defaults => "[defaults]",
            Place::Step(_) => "each [[steps]] table",
        }
    }

    /// Other tables where a key of this name does belong.
    pub fn elsewhere(self, name: &str) -> Option<Place> {
        [Place::Top, Place::Defaults, Place::Step(0)]
            .into_iter()
            .filter(|p| std::mem::discriminant(p) != std::mem::discriminant(&self))
            .find(|p| p.keys().iter().any(|k| k.name == name))
    }
}

/// Words people often write for a key, and the key they mean.
pub const ALIASES: &[(&str, &str)] = &[
    ("time", "duration"),
    ("length", "duration"),
    ("seconds", "duration"),
    ("type", "kind"),
    ("side", "sides"),
    ("repeats", "repeat"),
    ("reps", "repeat"),
    ("step", "steps"),
    ("target", "area"),
    ("intensity", "pressure"),
    ("instruction", "instructions"),
    ("notes", "description"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_aliases_point_somewhere() {
        for table in [ROUTINE, DEFAULTS, STEP] {
            let mut names: Vec<_> = table.iter().map(|k| k.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), table.len());
        }
        for (alias, target) in ALIASES {
            let known = [ROUTINE, DEFAULTS, STEP]
                .iter()
                .any(|t| t.iter().any(|k| k.name == *target));
            assert!(known, "{alias} -> {target}");
        }
    }

    #[test]
    fn elsewhere_points_to_the_right_table() {
        assert_eq!(Place::Step(1).elsewhere("switch"), Some(Place::Defaults));
        assert_eq!(Place::Top.elsewhere("title"), Some(Place::Step(0)));
        assert_eq!(Place::Defaults.elsewhere("nothing"), None);
    }
}
