//! Every sentence about a technique that went wrong last time, in our own
//! plain words: the warning on the prepare screen and its choices, what
//! the voice says, and the lines of the completion summary. Most come in
//! two lengths: full, and short for a 40x12 window.

use std::time::Duration;

use super::decide::{Advice, StepAdvice};
use crate::routine::Kind;
use crate::routine::duration::clock;
use crate::vocab::{CheckIn, Choice, ChosenBy, Side, Trouble};

/// "this hold", "this warm-up", "this step".
fn this(kind: Kind) -> &'static str {
    match kind {
        Kind::Hold => "this hold",
        Kind::WarmUp => "this warm-up",
        Kind::Sweep => "this sweep",
        Kind::Stretch => "this stretch",
        Kind::Position => "this position",
        Kind::Rest | Kind::Heat | Kind::Cold => "this step",
    }
}

/// "hold", "warm-up", "step": the word for a shortened countdown.
fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Hold => "hold",
        Kind::WarmUp => "warm-up",
        Kind::Sweep => "sweep",
        Kind::Stretch => "stretch",
        _ => "countdown",
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "1 day ago", "3 days ago", "less than a day ago".
fn ago(days: u32) -> String {
    match days {
        0 => "less than a day ago".to_string(),
        1 => "1 day ago".to_string(),
        n => format!("{n} days ago"),
    }
}

/// "two", "three"… for small counts.
fn times(n: u8) -> String {
    match n {
        2 => "two".to_string(),
        3 => "three".to_string(),
        n => n.to_string(),
    }
}

/// What went wrong, as the end of a sentence about `this`.
fn went_wrong(trouble: Trouble, this: &str) -> String {
    match trouble {
        Trouble::Sharper => format!("{this} made the pain sharper"),
        Trouble::Spreading => format!("{this} made it spread further down the leg"),
        Trouble::Stopped => format!("you stopped the session during {this}"),
    }
}

/// The warning for one piece of advice, about `this` (with a side, if
/// given): full.
fn warning(a: &Advice, this: &str, side: Option<Side>) -> String {
    let side = side.map_or(String::new(), |s| format!(" on the {} side", s.word()));
    let what = went_wrong(a.why.trouble, this);
    match a.why.in_a_row {
        0 => format!("{}, {what}{side}.", capital(&ago(a.days_ago))),
        1 => format!("Last time {what}{side}."),
        n => format!("The last {} times, {what}{side}.", times(n)),
    }
}

/// The warning for one piece of advice: short (at most 36 columns).
fn warning_short(a: &Advice, side: Option<Side>) -> String {
    let side = side.map_or(String::new(), |s| format!(" ({})", s.word()));
    let what = match a.why.trouble {
        Trouble::Sharper => "sharper after this",
        Trouble::Spreading => "spread after this",
        Trouble::Stopped => "stopped here",
    };
    let when = match (a.why.in_a_row, a.days_ago) {
        (0, 0) => "recently".to_string(),
        (0, d) => format!("{d}d ago"),
        (1, _) => "last time".to_string(),
        (2, _) => "twice".to_string(),
        (n, _) => format!("{n} times"),
    };
    capital(&format!("{what} {when}{side}."))
}

/// Whether every side has the same advice (one sentence says it all).
fn alike(s: &StepAdvice) -> bool {
    s.sides.windows(2).all(|w| {
        let (a, b) = (w[0].advice, w[1].advice);
        (a.why.trouble, a.why.in_a_row, a.days_ago, a.default)
            == (b.why.trouble, b.why.in_a_row, b.days_ago, b.default)
    })
}

/// The side to name in a one-sentence warning: only when not every side
/// has one.
fn named_side(s: &StepAdvice) -> Option<Side> {
    if s.every_side || s.sides.len() != 1 {
        None
    } else {
        s.sides[0].side
    }
}

/// The warning, one line per side when the sides differ.
pub fn headline(s: &StepAdvice, full: bool) -> Vec<String> {
    if alike(s) {
        let a = &s.sides[0].advice;
        let side = named_side(s);
        return vec![if full {
            warning(a, this(s.kind), side)
        } else {
            warning_short(a, side)
        }];
    }
    s.sides
        .iter()
        .map(|x| {
            let side = x.side.map_or("", Side::word);
            if full {
                format!(
                    "{} side: {}",
                    capital(side),
                    lower_first(&warning(&x.advice, this(s.kind), None))
                )
            } else {
                format!(
                    "{}: {}",
                    capital(side),
                    lower_first(&warning_short(&x.advice, None))
                )
            }
        })
        .collect()
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The label of a choice on the prompt, with its time: "Shorter hold, 0:30",
/// "Skip it", "As written, 0:45" ("Do it anyway" when skipping is the
/// default everywhere).
pub fn choice_label(s: &StepAdvice, choice: Choice, full: bool) -> String {
    let a = &s.sides[0].advice;
    let skip_by_default = s.sides.iter().all(|x| x.advice.default == Choice::Skip);
    match (choice, full) {
        (Choice::Shorter, true) => format!("Shorter {}, {}", noun(s.kind), clock(a.shorter)),
        (Choice::Shorter, false) => format!("shorter {}", clock(a.shorter)),
        (Choice::Skip, true) => "Skip it today".to_string(),
        (Choice::Skip, false) => "skip".to_string(),
        (Choice::AsWritten, true) if skip_by_default => {
            format!("Do it anyway, as written, {}", clock(a.written))
        }
        (Choice::AsWritten, true) => format!("As written, {}", clock(a.written)),
        (Choice::AsWritten, false) if skip_by_default => "anyway".to_string(),
        (Choice::AsWritten, false) => "as written".to_string(),
    }
}

/// What one choice does, in a few words: "a shorter hold (0:30)",
/// "skipped", "as written".
fn outcome_words(kind: Kind, a: &Advice, choice: Choice) -> String {
    match choice {
        Choice::Shorter => format!("a shorter {} ({})", noun(kind), clock(a.shorter)),
        Choice::Skip => "skipped".to_string(),
        Choice::AsWritten => "as written".to_string(),
    }
}

/// What happens with no answer, when the prepare countdown ends.
pub fn if_no_answer(s: &StepAdvice, full: bool) -> String {
    let short = |a: &Advice| match a.default {
        Choice::Shorter => format!("shorter, {}", clock(a.shorter)),
        Choice::Skip => "skipped".to_string(),
        Choice::AsWritten => "as written".to_string(),
    };
    let parts: Vec<String> = if alike(s) {
        let a = &s.sides[0].advice;
        vec![if full {
            outcome_words(s.kind, a, a.default)
        } else {
            short(a)
        }]
    } else {
        s.sides
            .iter()
            .map(|x| {
                let side = x.side.map_or("", Side::word);
                match (full, x.advice.default) {
                    (true, c) => format!("{side} {}", outcome_words(s.kind, &x.advice, c)),
                    (false, Choice::Shorter) => format!("{side} {}", clock(x.advice.shorter)),
                    (false, _) => format!("{side} {}", short(&x.advice)),
                }
            })
            .collect()
    };
    if full {
        format!(
            "With no answer: {} when this countdown ends.",
            parts.join(", ")
        )
    } else {
        format!("No answer: {}.", parts.join(", "))
    }
}

/// What was decided, shown once it is: "Chosen: a shorter hold (0:30)."
pub fn chosen(s: &StepAdvice, decided: &[(Option<Side>, Choice)]) -> String {
    let same = decided.windows(2).all(|w| w[0].1 == w[1].1) && alike(s);
    let mut parts: Vec<String> = decided
        .iter()
        .zip(&s.sides)
        .map(|(&(side, c), x)| {
            let what = outcome_words(s.kind, &x.advice, c);
            match side {
                Some(side) if !same || !s.every_side => format!("{} side {what}", side.word()),
                _ => what,
            }
        })
        .collect();
    parts.dedup();
    format!("Chosen: {}.", parts.join(", "))
}

/// One line for `--plain` output when a choice is made.
pub fn plain_choice(side: Option<Side>, choice: Choice, by: ChosenBy, planned: Duration) -> String {
    let side = side.map_or(String::new(), |s| format!("{} side: ", capital(s.word())));
    let what = match choice {
        Choice::Shorter => format!("shorter, {}", spoken(planned.as_secs())),
        Choice::Skip => "skipped today".to_string(),
        Choice::AsWritten => format!("as written, {}", spoken(planned.as_secs())),
    };
    let by = match by {
        ChosenBy::Key => "chosen",
        ChosenBy::NoAnswer => "no answer",
    };
    capital(&format!("{side}{what} ({by})."))
}

/// What the voice says when the prepare screen shows the warning.
pub fn spoken_warning(s: &StepAdvice) -> String {
    let mut text = headline(s, true).join(" ");
    let all_skip = s.sides.iter().all(|x| x.advice.default == Choice::Skip);
    let all_short = s.sides.iter().all(|x| x.advice.default == Choice::Shorter);
    text.push_str(if all_skip {
        " It will be skipped unless you choose."
    } else if all_short {
        " It will be shorter unless you choose."
    } else {
        " It will be shorter or skipped unless you choose."
    });
    text
}

/// What the voice says once the choice is made (nothing for "as written").
pub fn spoken_choice(kind: Kind, choice: Choice, planned: Duration) -> Option<String> {
    match choice {
        Choice::Shorter => Some(format!(
            "A shorter {}: {}.",
            noun(kind),
            spoken(planned.as_secs())
        )),
        Choice::Skip => Some("Skipped today.".to_string()),
        Choice::AsWritten => None,
    }
}

/// "30 seconds", "1 minute 30 seconds".
fn spoken(secs: u64) -> String {
    let plural = |n: u64, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    match (secs / 60, secs % 60) {
        (0, s) => plural(s, "second"),
        (m, 0) => plural(m, "minute"),
        (m, s) => format!("{} {}", plural(m, "minute"), plural(s, "second")),
    }
}

/// A technique of this session worth naming on the completion screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Highlight {
    /// It went well: the check-in after it said so.
    Well { title: String, answer: CheckIn },
    /// It went wrong before and was taken gently today.
    Careful {
        title: String,
        side: Option<Side>,
        choice: Choice,
        trouble: Trouble,
    },
}

/// The completion screen's line about a technique.
pub fn highlight(h: &Highlight, full: bool) -> String {
    match h {
        Highlight::Well { title, answer } => {
            let how = match answer {
                CheckIn::DrewBack => "the pain reached less far after it",
                CheckIn::Better => "it felt better after it",
                _ => "it went well",
            };
            if full {
                format!("Went well: {title} ({how}).")
            } else {
                format!("Went well: {title}.")
            }
        }
        Highlight::Careful {
            title,
            side,
            choice,
            trouble,
        } => {
            let side = side.map_or(String::new(), |s| {
                if full {
                    format!(" ({} side)", s.word())
                } else {
                    format!(", {} side", s.word())
                }
            });
            let done = match choice {
                Choice::Shorter => "shortened",
                Choice::Skip => "skipped",
                Choice::AsWritten => "done as written",
            };
            let gently = match choice {
                Choice::AsWritten => "Done anyway",
                _ => "Taken gently",
            };
            let why = match trouble {
                Trouble::Sharper => "it made the pain sharper before",
                Trouble::Spreading => "it made it spread down the leg before",
                Trouble::Stopped => "you stopped during it before",
            };
            if full {
                format!("{gently}: {title}{side} was {done} today, as {why}.")
            } else {
                format!("{}: {title}{side}.", capital(done))
            }
        }
    }
}
