//! The part of a table the reader accepted: each key's value, already
//! converted and checked, with the spans of key and value so later rules
//! can point at them.

use std::ops::Range;
use std::time::Duration;

use super::spec::Place;

/// An accepted value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    /// Checked text (`Ty::Line`, `Ty::Text`, `Ty::Slug`).
    Str(String),
    /// Checked list of one-line texts.
    List(Vec<String>),
    /// A parsed duration within its key's limit.
    Dur(Duration),
    /// `true` or `false`.
    Bool(bool),
    /// A whole number within its key's bounds.
    Int(i64),
    /// One of the key's words, as spelled in `spec`.
    Word(&'static str),
    /// `[defaults]`.
    Table(Table),
    /// `[[steps]]`.
    Tables(Vec<Table>),
}

/// An accepted key, its value and where both are.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Field {
    /// Where the key is written.
    pub key: Range<usize>,
    /// Where the value is written.
    pub span: Range<usize>,
    /// The value.
    pub val: Val,
}

/// The accepted part of one table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    /// Which table this is.
    pub place: Place,
    /// The table's header line (or the start of the file for the top level).
    pub span: Range<usize>,
    /// Whether every key of the table was accepted and none is missing.
    pub complete: bool,
    /// The accepted keys with their values.
    pub fields: Vec<(&'static str, Field)>,
}

/// Typed getters: `None` (or empty) when the key is absent.
impl Table {
    /// A key's field.
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
