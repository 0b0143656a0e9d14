//! Words for messages: the nearest valid key or value to a typo, a valid
//! name close to an invalid one, what a type looks like, and a line that
//! would add a missing key.

use toml::de::DeValue;

use super::spec::{Key, MAX_NAME, Ty};

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
pub(crate) fn example(key: &Key) -> String {
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

pub(crate) fn expected(ty: Ty) -> &'static str {
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

pub(crate) fn found_word(v: &DeValue<'_>) -> &'static str {
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
}
