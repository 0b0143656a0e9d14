//! The one way to spell a unit enum as fixed text and read it back: the
//! [`words!`] macro. Each use writes its table once (`Variant = "text"`)
//! and gets `ALL`, the text of a variant and the variant of a text, so a
//! spelling cannot be written in one direction and forgotten in the other.
//!
//! The method names say which text a table is:
//!
//! - `code` / `from_code`: a stable code kept in the history or written to
//!   an export. Never reworded: old records must still read.
//! - `name` / `from_name`: a word a person writes (a routine file, the
//!   config file, the command line).
//! - `word` / `from_word`: a word said to a person or another program
//!   (messages, the media widget), where no file is involved.
//!
//! Only fixed one-to-one tables belong here. Prose shown on screen (labels,
//! hints) stays a plain `match`, as do mappings of variants that carry
//! data or are formatted with numbers.
//!
//! Why a macro of our own and not `strum`: the tables need nothing beyond
//! a `match` each way, which this writes in a page; `strum` would add two
//! proc-macro crates to every build and its `EnumString`/`Display` impls
//! would name the texts through traits in a single crate-wide style, where
//! here each table names its own methods (`code`, `name`, `word`).

/// Gives a unit enum `ALL` (every variant, in the order of the table), a
/// method spelling a variant as text and a function reading it back, from
/// one table. An optional second constant lists the texts in the same
/// order.
///
/// ```ignore
/// words! {
///     /// Every trouble, in the order the report lists them.
///     impl Trouble {
///         const ALL;
///         /// The stable code kept in the history.
///         fn code;
///         /// The trouble a code stands for.
///         fn from_code;
///         Sharper = "sharper",
///         Spreading = "spreading",
///         Stopped = "stopped",
///     }
/// }
/// ```
///
/// `const ALL, NAMES;` also makes `NAMES`, the texts in the order of
/// `ALL`. Every variant must be in the table (the text method's `match` is
/// exhaustive); that no two texts are the same is checked by the tests
/// (see `check`).
macro_rules! words {
    (
        $(#[$all_doc:meta])*
        impl $ty:ident {
            const ALL $(, $texts:ident)?;
            $(#[$text_doc:meta])*
            fn $text:ident;
            $(#[$parse_doc:meta])*
            fn $parse:ident;
            $($var:ident = $word:literal),+ $(,)?
        }
    ) => {
        impl $ty {
            $(#[$all_doc])*
            pub const ALL: [$ty; [$($word),+].len()] = [$($ty::$var),+];

            $(
                #[doc = concat!(
                    "Every variant's [`", stringify!($text), "`](", stringify!($ty), "::",
                    stringify!($text), "), in the order of [`ALL`](", stringify!($ty), "::ALL)."
                )]
                pub const $texts: [&'static str; $ty::ALL.len()] = {
                    let mut texts = [""; $ty::ALL.len()];
                    let mut i = 0;
                    while i < texts.len() {
                        texts[i] = $ty::ALL[i].$text();
                        i += 1;
                    }
                    texts
                };
            )?

            $(#[$text_doc])*
            pub const fn $text(self) -> &'static str {
                match self {
                    $($ty::$var => $word,)+
                }
            }

            $(#[$parse_doc])*
            pub fn $parse(text: &str) -> Option<$ty> {
                match text {
                    $($word => Some($ty::$var),)+
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use words;

/// Checks a table made by [`words!`]: every variant's text reads back as
/// that variant, no two variants share a text, and no text is empty or
/// padded. Panics, naming the culprit, when one of these fails.
#[cfg(test)]
pub(crate) fn check<T: Copy + PartialEq + std::fmt::Debug>(
    all: &[T],
    text: impl Fn(T) -> &'static str,
    parse: impl Fn(&str) -> Option<T>,
) {
    assert!(!all.is_empty(), "an empty table");
    let mut seen: Vec<(&str, T)> = Vec::new();
    for &v in all {
        let t = text(v);
        assert!(
            !t.is_empty() && t.trim() == t,
            "{v:?} is spelled {t:?}: empty or padded"
        );
        if let Some((_, other)) = seen.iter().find(|(s, _)| *s == t) {
            panic!("{v:?} and {other:?} are both spelled {t:?}");
        }
        assert_eq!(parse(t), Some(v), "{t:?} does not read back as {v:?}");
        seen.push((t, v));
    }
    assert_eq!(parse(""), None, "the empty text reads as a variant");
}

#[cfg(test)]
mod tests {
    use super::check;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Fruit {
        Apple,
        Pear,
    }

    words! {
        impl Fruit {
            const ALL, NAMES;
            fn name;
            fn from_name;
            Apple = "apple",
            Pear = "pear",
        }
    }

    #[test]
    fn a_good_table_passes() {
        check(&Fruit::ALL, Fruit::name, Fruit::from_name);
        assert_eq!(Fruit::NAMES, ["apple", "pear"]);
        assert_eq!(Fruit::from_name("Apple"), None);
    }

    /// Two variants with one text: the second reads back as the first.
    #[test]
    #[should_panic(expected = "both spelled")]
    fn a_shared_text_fails() {
        let text = |f: Fruit| match f {
            Fruit::Apple | Fruit::Pear => "apple",
        };
        check(&Fruit::ALL, text, Fruit::from_name);
    }

    /// A text the parser does not know.
    #[test]
    #[should_panic(expected = "does not read back")]
    fn a_text_that_does_not_read_back_fails() {
        check(&Fruit::ALL, Fruit::name, |t| {
            (t == "apple").then_some(Fruit::Apple)
        });
    }

    #[test]
    #[should_panic(expected = "empty or padded")]
    fn a_padded_text_fails() {
        check(&Fruit::ALL, |_| " apple", Fruit::from_name);
    }
}
