//! Reads a parsed TOML table against a key table from [`spec`](super::spec):
//! refuses unknown keys (suggesting the nearest valid one), wrong types,
//! bad durations, over-long or control-character text and missing keys,
//! and keeps every accepted value with its span for the safety rules.
//! It reports every problem it finds rather than stopping at the first.

use std::ops::Range;
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diag::Diagnostic;
use super::duration::Human;
use super::spec::{ALIASES, Key, MAX_NAME, Place, Ty, is_slug};

/// An accepted value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    Str(String),
    List(Vec<String>),
    Dur(Duration),
    Bool(bool),
    Int(i64),
    Word(&'static str),
    Table(Table),
    Tables(Vec<Table>),
}

/// An accepted key, its value and where both are.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Field {
    pub key: Range<usize>,
    pub span: Range<usize>,
    pub val: Val,
}

/// The accepted part of one table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    pub place: Place,
    /// The table's header line (or the start of the file for the top level).
    pub span: Range<usize>,
    /// Whether every key of the table was accepted and none is missing.
    pub complete: bool,
    fields: Vec<(&'static str, Field)>,
}

impl Table {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|(n, _)| *n == name).map(|(_, f)| f)
    }

    /// The span of a key's value, or of the table when the key is absent.
    pub fn span_of(&self, name: &str) -> Range<usize> {
        self.field(name)
            .map_or(self.span.clone(), |f| f.span.clone())
    }

    pub fn text(&self, name: &str) -> Option<String> {
        match self.field(name)?.val {
            Val::Str(ref s) => Some(s.clone()),
            _ => None,
        }
    }

    pub fn list(&self, name: &str) -> Vec<String> {
        match self.field(name).map(|f| &f.val) {
            Some(Val::List(l)) => l.clone(),
            _ => Vec::new(),
        }
    }

    pub fn dur(&self, name: &str) -> Option<Duration> {
        match self.field(name)?.val {
            Val::Dur(d) => Some(d),
            _ => None,
        }
    }

    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.field(name)?.val {
            Val::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn int(&self, name: &str) -> Option<i64> {
        match self.field(name)?.val {
            Val::Int(i) => Some(i),
            _ => None,
        }
    }

    pub fn word(&self, name: &str) -> Option<&'static str> {
        match self.field(name)?.val {
            Val::Word(w) => Some(w),
            _ => None,
        }
    }

    pub fn table(&self, name: &str) -> Option<&Table> {
        match self.field(name)?.val {
            Val::Table(ref t) => Some(t),
            _ => None,
        }
    }

    pub fn tables(&self, name: &str) -> &[Table] {
        match self.field(name).map(|f| &f.val) {
            Some(Val::Tables(t)) => t,
            _ => &[],
        }
    }
}

/// The candidate nearest to `word`, if one is near enough to be a typo.
pub(crate) fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase().replace(['_', ' '], "-");
    if let Some(exact) = candidates.iter().find(|c| **c == word) {
        return Some(exact);
    }
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&word, c), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Reads tables and collects what is wrong with them.
pub(crate) struct Reader<'s, 'd> {
    pub src: &'s str,
    pub diags: &'d mut Vec<Diagnostic>,
}

impl Reader<'_, '_> {
    /// Only the first line of a table's span: its `[header]`.
    fn header(&self, span: Range<usize>) -> Range<usize> {
        let text = self.src.get(span.clone()).unwrap_or("");
        let end = text.find('\n').map_or(span.end, |i| span.start + i);
        span.start..end.max(span.start)
    }

    fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Read one table. `span` is where the table is (empty for the top).
    pub fn table(&mut self, table: &DeTable<'_>, span: Range<usize>, place: Place) -> Table {
        let mut out = Table {
            place,
            span: self.header(span),
            complete: true,
            fields: Vec::new(),
        };
        let keys = place.keys();
        for (k, v) in table {
            let name: &str = k.get_ref();
            let Some(key) = keys.iter().find(|key| key.name == name) else {
                self.unknown_key(name, k.span(), place);
                out.complete = false;
                continue;
            };
            match self.value(key, v) {
                Some(val) => out.fields.push((
                    key.name,
                    Field {
                        key: k.span(),
                        span: v.span(),
                        val,
                    },
                )),
                None => out.complete = false,
            }
        }
        for key in keys.iter().filter(|k| k.required) {
            if table.get(key.name).is_none() {
                out.complete = false;
                let msg = match place {
                    Place::Top => format!("the routine has no '{}'", key.name),
                    _ => format!("{} has no '{}'", place.describe(), key.name),
                };
                self.error(
                    Diagnostic::error(out.span.clone(), msg)
                        .label(format!("'{}' is required", key.name))
                        .help(format!("add a line such as: {}", example(key))),
                );
            }
        }
        out
    }

    fn unknown_key(&mut self, name: &str, span: Range<usize>, place: Place) {
        let names: Vec<&str> = place.keys().iter().map(|k| k.name).collect();
        let alias = ALIASES
            .iter()
            .find(|(a, t)| a.eq_ignore_ascii_case(name) && names.contains(t))
            .map(|(_, t)| *t);
        let help = if let Some(near) = alias.or_else(|| suggest(name, &names)) {
            format!("did you mean '{near}'?")
        } else if let Some(other) = place.elsewhere(name) {
            format!("'{name}' belongs in {}", other.table_name())
        } else {
            format!("the keys allowed here are: {}", names.join(", "))
        };
        self.error(
            Diagnostic::error(
                span,
                format!("unknown key '{name}' in {}", place.describe()),
            )
            .label("not a key of this table")
            .help(help),
        );
    }

    fn value(&mut self, key: &Key, v: &Spanned<DeValue<'_>>) -> Option<Val> {
        let span = v.span();
        match (key.ty, v.get_ref()) {
            (Ty::Line(max), DeValue::String(s)) => self.text(key.name, s, span, max, false),
            (Ty::Text(max), DeValue::String(s)) => self.text(key.name, s, span, max, true),
            (Ty::Slug, DeValue::String(s)) => self.slug(key.name, s, span),
            (Ty::Lines { items, len }, DeValue::Array(a)) => {
                if a.len() > items {
                    let msg = format!(
                        "'{}' has {} entries; the most is {items}",
                        key.name,
                        a.len()
                    );
                    self.error(Diagnostic::error(span, msg).label("too many entries").help(
                        "keep to the sentences that matter most; short steps are easier to follow",
                    ));
                    return None;
                }
                let mut list = Vec::with_capacity(a.len());
                for item in a.iter() {
                    let Some(Val::Str(s)) = (match item.get_ref() {
                        DeValue::String(s) => self.text(key.name, s, item.span(), len, false),
                        other => {
                            self.mismatch(key.name, "text in quotes", other, item.span());
                            None
                        }
                    }) else {
                        return None;
                    };
                    list.push(s);
                }
                Some(Val::List(list))
            }
            (Ty::Duration(max), DeValue::String(s)) => self.duration(key.name, s, span, max),
            (Ty::Duration(_), DeValue::Integer(n)) => {
                let msg = format!("'{}' needs a unit: a bare number is ambiguous", key.name);
                self.error(
                    Diagnostic::error(span, msg)
                        .label("seconds or minutes?")
                        .help(format!(
                            "write it in quotes with a unit, such as {} = \"{}s\"",
                            key.name,
                            n.as_str()
                        )),
                );
                None
            }
            (Ty::Bool, DeValue::Boolean(b)) => Some(Val::Bool(*b)),
            (Ty::Int { min, max }, DeValue::Integer(n)) => {
                match i64::from_str_radix(n.as_str(), n.radix()) {
                    Ok(i) if (min..=max).contains(&i) => Some(Val::Int(i)),
                    _ => {
                        let msg = format!("'{}' must be between {min} and {max}", key.name);
                        self.error(
                            Diagnostic::error(span, msg)
                                .label("out of range")
                                .help(format!("write a whole number from {min} to {max}")),
                        );
                        None
                    }
                }
            }
            (Ty::Word(words), DeValue::String(s)) => match words.iter().find(|w| **w == s.as_ref())
            {
                Some(w) => Some(Val::Word(w)),
                None => {
                    let help = match suggest(s, words) {
                        Some(near) => format!("did you mean '{near}'?"),
                        None => format!("use one of: {}", quoted(words)),
                    };
                    let msg = format!("'{s}' is not a valid {}", key.name);
                    self.error(
                        Diagnostic::error(span, msg)
                            .label(format!("unknown {}", key.name))
                            .help(help),
                    );
                    None
                }
            },
            (Ty::Table(_), DeValue::Table(t)) => {
                let table = self.table(t, span, Place::Defaults);
                Some(Val::Table(table))
            }
            (Ty::Tables { max, .. }, DeValue::Array(a)) => self.tables(key.name, a, span, max),
            (Ty::Tables { .. }, DeValue::Table(_)) => {
                let msg = format!("'{}' must be a list of tables", key.name);
                self.error(
                    Diagnostic::error(self.header(span), msg)
                        .label("a single table")
                        .help(format!(
                            "write each one as [[{}]], with two brackets",
                            key.name
                        )),
                );
                None
            }
            (ty, other) => {
                self.mismatch(key.name, expected(ty), other, span);
                None
            }
        }
    }

    fn tables(
        &mut self,
        name: &str,
        a: &[Spanned<DeValue<'_>>],
        span: Range<usize>,
        max: usize,
    ) -> Option<Val> {
        if a.is_empty() {
            let msg = format!("the routine has no {name}");
            self.error(Diagnostic::error(span, msg).help("add at least one [[steps]] table"));
            return None;
        }
        if a.len() > max {
            let at = a[max].span();
            let msg = format!("the routine has {} {name}; the most is {max}", a.len());
            self.error(
                Diagnostic::error(self.header(at), msg)
                    .label(format!("step {} is one too many", max + 1))
                    .help("split it into two routines"),
            );
            return None;
        }
        let mut tables = Vec::with_capacity(a.len());
        for (i, item) in a.iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(t) => tables.push(self.table(t, item.span(), Place::Step(i + 1))),
                other => self.mismatch(name, "tables, written [[steps]]", other, item.span()),
            }
        }
        Some(Val::Tables(tables))
    }

    fn mismatch(&mut self, name: &str, expected: &str, found: &DeValue<'_>, span: Range<usize>) {
        let msg = format!("'{name}' must be {expected}; found {}", found_word(found));
        // A number or true/false written in quotes is the common slip.
        let unquoted = match found {
            DeValue::String(s) if s.parse::<i64>().is_ok() || *s == "true" || *s == "false" => {
                Some(s)
            }
            _ => None,
        };
        let help = match unquoted {
            Some(s) if expected != "text in quotes" => format!("remove the quotes: {name} = {s}"),
            _ => format!("routines/README.md shows what '{name}' takes"),
        };
        self.error(Diagnostic::error(span, msg).label("wrong type").help(help));
    }

    fn text(
        &mut self,
        name: &str,
        s: &str,
        span: Range<usize>,
        max: usize,
        lines: bool,
    ) -> Option<Val> {
        let problem = if s.trim().is_empty() {
            Some((
                "is empty".to_string(),
                "write some text, or leave the key out".to_string(),
            ))
        } else if let Some(c) = s.chars().find(|&c| c.is_control() && !(lines && c == '\n')) {
            let what = if c == '\n' {
                "a line break"
            } else {
                "a control character"
            };
            Some((
                format!("contains {what} (U+{:04X})", c as u32),
                if c == '\n' {
                    format!("'{name}' must fit on one line")
                } else {
                    "remove it; routine text is shown on screen as it is".to_string()
                },
            ))
        } else {
            let n = s.chars().count();
            (n > max).then(|| {
                (
                    format!("is {n} characters long; the most is {max}"),
                    "shorten it".to_string(),
                )
            })
        };
        match problem {
            None => Some(Val::Str(s.to_string())),
            Some((what, help)) => {
                self.error(Diagnostic::error(span, format!("'{name}' {what}")).help(help));
                None
            }
        }
    }

    fn slug(&mut self, name: &str, s: &str, span: Range<usize>) -> Option<Val> {
        if is_slug(s) {
            return Some(Val::Str(s.to_string()));
        }
        let msg = format!("'{s}' is not a valid {name}");
        let mut d = Diagnostic::error(span, msg).label(format!(
            "lowercase letters, digits and single hyphens, at most {MAX_NAME} characters"
        ));
        if let Some(fixed) = slugify(s) {
            d = d.help(format!("write it as '{fixed}'"));
        }
        self.error(d);
        None
    }

    fn duration(
        &mut self,
        name: &str,
        s: &str,
        span: Range<usize>,
        max: Option<u64>,
    ) -> Option<Val> {
        match s.parse::<Human>() {
            Ok(Human(d)) => match max {
                Some(max) if d.as_secs() > max => {
                    let limit = Human(Duration::from_secs(max));
                    let msg = format!("'{name}' is '{s}'; the most allowed is '{limit}'");
                    self.error(
                        Diagnostic::error(span, msg)
                            .label("too long")
                            .help(format!("use '{limit}' or less")),
                    );
                    None
                }
                _ => Some(Val::Dur(d)),
            },
            Err(e) => {
                self.error(
                    Diagnostic::error(span, e.to_string())
                        .label(format!("bad {name}"))
                        .help("a number and a unit: h for hours, m for minutes, s for seconds"),
                );
                None
            }
        }
    }
}

/// `'a', 'b', 'c'`.
pub(crate) fn quoted(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A valid name close to `s` ("My Back" → "my-back"), if there is one.
pub(crate) fn slugify(s: &str) -> Option<String> {
    let lower = s.to_lowercase();
    let parts: Vec<String> = lower
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    let slug: String = parts.join("-").chars().take(MAX_NAME).collect();
    let slug = slug.trim_end_matches('-').to_string();
    (!slug.is_empty() && slug != s).then_some(slug)
}

/// A line someone could paste to add a missing key.
fn example(key: &Key) -> String {
    let value = match key.ty {
        Ty::Slug => "\"my-routine\"".to_string(),
        Ty::Line(_) | Ty::Text(_) => "\"…\"".to_string(),
        Ty::Duration(_) => "\"45s\"".to_string(),
        Ty::Word(words) => format!("\"{}\"", words[0]),
        Ty::Tables { .. } => return format!("[[{}]]", key.name),
        _ => "…".to_string(),
    };
    format!("{} = {value}", key.name)
}

fn expected(ty: Ty) -> &'static str {
    match ty {
        Ty::Line(_) | Ty::Text(_) | Ty::Slug => "text in quotes",
        Ty::Lines { .. } => "a list of texts, like [\"…\", \"…\"]",
        Ty::Duration(_) => "a duration in quotes, like \"45s\"",
        Ty::Bool => "true or false",
        Ty::Int { .. } => "a whole number",
        Ty::Word(_) => "a word in quotes",
        Ty::Table(_) => "a table",
        Ty::Tables { .. } => "tables, written [[steps]]",
    }
}

fn found_word(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let keys = ["title", "kind", "duration", "sides"];
        assert_eq!(suggest("titel", &keys), Some("title"));
        assert_eq!(suggest("Duration", &keys), Some("duration"));
        assert_eq!(suggest("zzz", &keys), None);
        let kinds = ["warm-up", "hold", "sweep"];
        assert_eq!(suggest("warmup", &kinds), Some("warm-up"));
        assert_eq!(suggest("warm_up", &kinds), Some("warm-up"));
        assert_eq!(suggest("hodl", &kinds), Some("hold"));
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("My Back"), Some("my-back".to_string()));
        assert_eq!(slugify("my--back"), Some("my-back".to_string()));
        assert_eq!(slugify("!!!"), None);
    }

    #[test]
    fn step_table_spans_are_their_header() {
        let src = "name = \"x\"\n\n[[steps]]\ntitle = \"a\"\n";
        let doc = DeTable::parse(src).unwrap();
        let mut diags = Vec::new();
        let mut r = Reader {
            src,
            diags: &mut diags,
        };
        let top = r.table(doc.get_ref(), 0..0, Place::Top);
        let step = &top.tables("steps")[0];
        assert_eq!(&src[step.span.clone()], "[[steps]]");
        assert!(!step.complete);
        let msgs: Vec<_> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "step 1 has no 'kind'",
                "step 1 has no 'duration'",
                "the routine has no 'summary'"
            ]
        );
    }
}
