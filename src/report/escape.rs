//! Escaping every text that goes into the page. Routines come from other
//! people and the history file can be edited by anyone who has it, so no
//! text from either may become markup: `<`, `>`, `&`, `"` and `'` become
//! character references (only XML's predefined ones, so each chart stays
//! well-formed XML), and characters that HTML forbids in a document
//! (control characters other than tab and line feed, noncharacters) become
//! U+FFFD, the replacement character.

use std::fmt::Write as _;

/// Append `text`, escaped for HTML text and attribute values alike.
pub fn push(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(needs_escape) {
        out.push_str(&rest[..i]);
        let c = rest[i..].chars().next().unwrap_or('\u{fffd}');
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push('\u{fffd}'),
        }
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(rest);
}

/// `text`, escaped, as a new string.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push(&mut out, text);
    out
}

/// Whether a character must not appear as itself.
fn needs_escape(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'') || forbidden(c)
}

/// Characters not to pass through: the controls HTML calls a parse error
/// in the input stream and noncharacters. Only tab and line feed stay
/// (carriage return would be folded away by parsers, form feed is of no
/// use in a page).
fn forbidden(c: char) -> bool {
    let u = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n'))
        || (0xfdd0..=0xfdef).contains(&u)
        || (u & 0xfffe) == 0xfffe
}

/// Write a number with one decimal (`5.0`, `4.3`).
pub fn one_decimal(out: &mut String, v: f64) {
    let _ = write!(out, "{v:.1}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape("\"><img src=x onerror='a()'>"),
            "&quot;&gt;&lt;img src=x onerror=&#39;a()&#39;&gt;"
        );
        assert_eq!(escape("Tom & Jerry"), "Tom &amp; Jerry");
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }

    #[test]
    fn plain_and_unicode_text_is_kept() {
        let s = "Piriformis — 45 s, ≤ 60 s, naïve, 痛み\n\tnext";
        assert_eq!(escape(s), s);
    }

    #[test]
    fn forbidden_characters_are_replaced() {
        assert_eq!(
            escape("a\u{0}b\u{1}c\u{7f}d\u{85}e\r"),
            "a\u{fffd}b\u{fffd}c\u{fffd}d\u{fffd}e\u{fffd}"
        );
        assert_eq!(
            escape("\u{fdd0}\u{fffe}\u{1ffff}"),
            "\u{fffd}\u{fffd}\u{fffd}"
        );
    }
}
