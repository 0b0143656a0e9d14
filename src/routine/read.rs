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
use super::hints::{example, expected, found_word, quoted, slugify, suggest};
use super::spec::{ALIASES, Key, MAX_NAME, Place, Ty, is_slug};
use super::table::{Field, Table, Val};

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
                    // Values are lower case; a capital is the common slip.
                    let lower = s.to_lowercase();
                    let help = match suggest(s, words) {
                        Some(near) if *near == lower => {
                            format!("write it in lower case: '{near}'")
                        }
                        Some(near) => {
                            format!("did you mean '{near}'? The values: {}", quoted(words))
                        }
                        None => format!("use one of: {}", quoted(words)),
                    };
                    let msg = format!("'{s}' is not a value of '{}'", key.name);
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
            _ => format!("`unknot schema` describes what '{name}' takes"),
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

#[cfg(test)]
mod tests {
    use super::*;

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
