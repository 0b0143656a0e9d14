//! The one place where keys become [`Input`]s. A single table, [`TABLE`],
//! says for every key where it applies and what it means, and how it is
//! shown; from it come decoding ([`decode`]), the key hints on the bottom
//! line ([`hints`]) and what a click on one does, and the help overlay
//! ([`help`]). Adding a key is one row.
//!
//! A row applies in a set of [`Context`]s. The first row that matches a
//! key in the current context decides; a key no row matches means nothing
//! there (on a question screen it becomes [`Input::Other`], so it can earn
//! a hint). A row without keys only adds a hint (for example `1-5 answer`
//! in a small window); a hint that can be clicked always names an input
//! whose key decodes to that same input in that context (a test checks
//! every hint of every context).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

use crate::vocab::{CheckIn, Choice, Context, Extent, Input};

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character key (shift and alt do not matter).
    Char(char),
    /// A letter pressed with Ctrl.
    Ctrl(char),
    Enter,
    Esc,
    Left,
    Right,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

/// A set of contexts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct On(u16);

impl On {
    const fn of(c: Context) -> u16 {
        1 << c as u8
    }

    /// Whether `c` is in the set.
    pub const fn has(self, c: Context) -> bool {
        self.0 & On::of(c) != 0
    }

    const fn and(self, other: On) -> On {
        On(self.0 | other.0)
    }
}

const RUN: On = On(On::of(Context::Running));
/// The preparation of a technique that went wrong last time, asking.
const CAUTION: On = On(On::of(Context::Caution));
/// A countdown running, asking or not.
const COUNTING: On = RUN.and(CAUTION);
const CHECK: On = On(On::of(Context::CheckIn));
const REACH: On = On(On::of(Context::Reach));
const DONE: On = On(On::of(Context::Completed));
const STOPPED: On = On(On::of(Context::Stopped));
const ASK: On = On(On::of(Context::Question));
const BROWSE: On = On(On::of(Context::Browse));
const CONFIRM: On = On(On::of(Context::Confirm));
const HELP: On = On(On::of(Context::Help));
const WHY: On = On(On::of(Context::WhyEnded));
const ENDED: On = DONE.and(STOPPED);
/// Every screen of a running or ended session.
const SESSION: On = COUNTING.and(CHECK).and(REACH).and(ENDED);
/// Everywhere a person can stop: the session, the screens around it, and
/// the windows over them.
const SAFETY: On = SESSION.and(ASK).and(CONFIRM).and(HELP).and(WHY);
const NONE: On = On(0);

/// When a key hint is shown on the bottom line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// In the full view and the compact one.
    Always,
    /// Only in the full view (60x20 and larger).
    Full,
    /// Only in the compact view.
    Compact,
    /// In the full view, while the countdown can be lengthened/shortened.
    Adjustable,
}

/// A key hint: the key as drawn, what it does, where it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HintSpec {
    pub key: &'static str,
    pub label: &'static str,
    /// The label while the countdown is paused, if it differs (both take
    /// the same room, so the hints after it stay where they are).
    pub paused: Option<&'static str>,
    pub on: On,
    pub show: Show,
}

/// A line of the help overlay: the keys as written there, what they do,
/// and the line in the folded list for small windows (`None`: folded into
/// the line before).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpSpec {
    pub keys: &'static str,
    pub text: &'static str,
    pub compact: Option<(&'static str, &'static str)>,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// The keys (none: a row that only adds a hint).
    pub keys: &'static [Key],
    /// Where the keys mean `input`.
    pub on: On,
    /// What they mean (`None`: a hint that cannot be clicked, a range).
    pub input: Option<Input>,
    pub hint: Option<HintSpec>,
    pub help: Option<HelpSpec>,
}

const fn row(keys: &'static [Key], on: On, input: Input) -> Binding {
    Binding {
        keys,
        on,
        input: Some(input),
        hint: None,
        help: None,
    }
}

impl Binding {
    const fn hint(mut self, key: &'static str, label: &'static str, on: On, show: Show) -> Self {
        self.hint = Some(HintSpec {
            key,
            label,
            paused: None,
            on,
            show,
        });
        self
    }

    const fn paused_label(mut self, label: &'static str) -> Self {
        if let Some(h) = &mut self.hint {
            h.paused = Some(label);
        }
        self
    }

    const fn help(mut self, keys: &'static str, text: &'static str) -> Self {
        self.help = Some(HelpSpec {
            keys,
            text,
            compact: None,
        });
        self
    }

    const fn folded(mut self, keys: &'static str, text: &'static str) -> Self {
        if let Some(h) = &mut self.help {
            h.compact = Some((keys, text));
        }
        self
    }
}

/// A row that only adds a hint (its key decodes through another row).
const fn shown(
    input: Option<Input>,
    key: &'static str,
    label: &'static str,
    on: On,
    show: Show,
) -> Binding {
    Binding {
        keys: &[],
        on: NONE,
        input,
        hint: None,
        help: None,
    }
    .hint(key, label, on, show)
}

use Key::{Char as C, Ctrl};
use Show::{Adjustable, Always, Compact, Full};

/// Every key of the app, in the order hints and help lines are shown.
pub const TABLE: &[Binding] = &[
    // The stop: one key, everywhere, never asks.
    row(&[C('x'), C('X'), C('!')], SAFETY, Input::Stop)
        .hint(
            "x",
            "STOP",
            COUNTING
                .and(CHECK)
                .and(REACH)
                .and(CONFIRM)
                .and(HELP)
                .and(WHY),
            Always,
        )
        .help("x or !", "My pain is worse: STOP now")
        .folded("x or !", "Pain worse: STOP now"),
    row(&[C(' ')], SESSION.and(HELP), Input::TogglePause)
        .hint("Space", "pause ", COUNTING.and(HELP), Always)
        .paused_label("resume")
        .help("Space", "Pause / resume")
        .folded("Space", "Pause / resume"),
    row(&[C('n'), C('N')], COUNTING, Input::Next)
        .hint("n", "next", RUN, Full)
        .help("n or →", "Next (skip ahead)")
        .folded("n b", "Next / back (or → ←)"),
    row(&[Key::Right], SESSION, Input::Next),
    row(&[C('b'), C('B'), Key::Left], SESSION, Input::Back)
        .hint("b", "back", RUN.and(REACH), Full)
        .help("b or ←", "Back (restart / previous)"),
    row(&[C('+'), C('=')], SESSION, Input::Lengthen)
        .help("+ / -", "Hold 5 s longer / shorter")
        .folded("+ -", "Hold 5 s longer / shorter"),
    row(&[C('-'), C('_')], SESSION, Input::Shorten),
    shown(None, "+/-", "5s", RUN, Adjustable),
    row(&[C('m'), C('M')], SESSION.and(HELP), Input::ToggleMute)
        .help("m", "Mute / unmute sounds")
        .folded("m ?", "Mute / this help"),
    row(&[C('?'), Key::F(1)], SESSION.and(HELP), Input::ToggleHelp).help("?", "This help"),
    row(
        &[C('q'), C('Q')],
        SESSION.and(HELP).and(CONFIRM),
        Input::Quit,
    )
    .help("q", "Quit (asks first; the timer waits)")
    .folded("q Esc", "Quit (asks) / close"),
    // Ended from a remote: was it because of pain?
    row(&[C('y'), C('Y')], WHY, Input::Yes).hint("y", "yes, it hurt", WHY, Full),
    shown(Some(Input::Yes), "y", "pain", WHY, Compact),
    row(&[C('n'), C('N'), C('q'), C('Q'), Key::Esc], WHY, Input::No).hint(
        "n",
        "no, another reason",
        WHY,
        Full,
    ),
    shown(Some(Input::No), "n", "other", WHY, Compact),
    row(&[Ctrl('c')], WHY, Input::No),
    row(&[C('y'), C('Y')], SESSION.and(ASK).and(CONFIRM), Input::Yes)
        .hint("y", "quit", CONFIRM, Always),
    row(&[C('n'), C('N'), Key::Esc], CONFIRM, Input::No).hint("n", "keep going", CONFIRM, Always),
    row(&[C('n'), C('N')], SESSION.and(ASK), Input::No),
    row(&[Key::Esc], SESSION.and(HELP), Input::Escape)
        .hint("Esc", "close", HELP, Always)
        .help("Esc", "Close this window"),
    row(&[Key::Enter], SESSION.and(ASK), Input::Enter),
    // The check-in and the reach, one number each.
    row(&[C('1')], CHECK, Input::Answer(CheckIn::Better)).hint("1", "better", CHECK, Full),
    row(&[C('2')], CHECK, Input::Answer(CheckIn::Same)).hint("2", "same", CHECK, Full),
    row(&[C('3')], CHECK, Input::Answer(CheckIn::Sharper)).hint("3", "sharper", CHECK, Full),
    row(&[C('4')], CHECK, Input::Answer(CheckIn::Spreading)).hint("4", "spreading", CHECK, Full),
    row(&[C('5')], CHECK, Input::Answer(CheckIn::DrewBack)).hint("5", "less far", CHECK, Full),
    shown(None, "1-5", "answer", CHECK, Compact)
        .help("1-5", "Answer a check-in or a warning (1-3)")
        .folded("1-5", "Answer a check-in"),
    row(&[C('1')], REACH, Input::Reach(Extent::LowerBack)).hint("1", "lower back", REACH, Full),
    row(&[C('2')], REACH, Input::Reach(Extent::Buttock)).hint("2", "buttock", REACH, Full),
    row(&[C('3')], REACH, Input::Reach(Extent::Thigh)).hint("3", "thigh", REACH, Full),
    row(&[C('4')], REACH, Input::Reach(Extent::BelowKnee)).hint("4", "below knee", REACH, Full),
    row(&[C('5')], REACH, Input::Reach(Extent::Foot)).hint("5", "foot", REACH, Full),
    shown(None, "1-5", "reach", REACH, Compact),
    // The warning before a technique that went wrong last time.
    row(&[C('1')], CAUTION, Input::Choose(Choice::Shorter)).hint("1", "shorter", CAUTION, Full),
    row(&[C('2')], CAUTION, Input::Choose(Choice::Skip)).hint("2", "skip", CAUTION, Full),
    row(&[C('3')], CAUTION, Input::Choose(Choice::AsWritten)).hint(
        "3",
        "as written",
        CAUTION,
        Full,
    ),
    shown(None, "1-3", "choose", CAUTION, Compact),
    row(
        &[C('e'), C('E')],
        CHECK.and(REACH).and(STOPPED).and(ASK),
        Input::Report,
    )
    .hint("e", "urgent", CHECK, Full)
    .help("e", "Check-in: urgent signs (stops)")
    .folded("e", "Urgent signs (stops)"),
    shown(Some(Input::ToggleHelp), "?", "help", RUN, Always),
    shown(Some(Input::ToggleHelp), "?", "help", CAUTION, Full),
    shown(Some(Input::ToggleHelp), "?", "help", CHECK, Compact),
    shown(Some(Input::Quit), "q", "quit", RUN.and(REACH), Always),
    shown(Some(Input::Quit), "q", "quit", CAUTION, Full),
    shown(Some(Input::Quit), "q", "quit", CHECK, Compact),
    shown(Some(Input::Quit), "q", "or Enter to leave", ENDED, Always),
    // Ctrl-Z suspends; Ctrl-C asks to quit, and a second one says yes
    // (the browser just leaves).
    row(&[Ctrl('z')], SAFETY.and(BROWSE), Input::Suspend)
        .help("Ctrl-Z", "Pause and suspend; fg comes back")
        .folded("Ctrl-Z", "Suspend; fg comes back"),
    row(&[Ctrl('c')], CONFIRM, Input::Yes),
    row(&[Ctrl('c')], SAFETY.and(BROWSE), Input::Quit),
    // The question screens around the session.
    row(&[C('0')], ASK, Input::Number(0)),
    row(&[C('1')], ASK, Input::Number(1)),
    row(&[C('2')], ASK, Input::Number(2)),
    row(&[C('3')], ASK, Input::Number(3)),
    row(&[C('4')], ASK, Input::Number(4)),
    row(&[C('5')], ASK, Input::Number(5)),
    row(&[C('6')], ASK, Input::Number(6)),
    row(&[C('7')], ASK, Input::Number(7)),
    row(&[C('8')], ASK, Input::Number(8)),
    row(&[C('9')], ASK, Input::Number(9)),
    row(&[C('t'), C('T')], ASK, Input::Number(10)),
    row(&[C('b'), C('B'), Key::Left, Key::Esc], ASK, Input::Back),
    row(&[C('q'), C('Q')], ASK, Input::Quit),
    // The screening: something changed, ask the lasting questions again.
    row(&[C('c'), C('C')], ASK, Input::Recheck),
    // The history browser.
    row(&[C('q'), C('Q'), Key::Esc], BROWSE, Input::Quit),
    row(&[Key::Up, C('k')], BROWSE, Input::Up),
    row(&[Key::Down, C('j')], BROWSE, Input::Down),
    row(&[Key::PageUp], BROWSE, Input::PageUp),
    row(&[Key::PageDown, C(' ')], BROWSE, Input::PageDown),
    row(&[Key::Home, C('g')], BROWSE, Input::First),
    row(&[Key::End, C('G')], BROWSE, Input::Last),
];

/// The table's name for a key event (`None`: a key no row can name).
fn key_of(key: &KeyEvent) -> Option<Key> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    })
}

/// A key as a person would name it: "n", "Enter", "Ctrl-Z".
pub fn name(key: &KeyEvent) -> String {
    match key_of(key) {
        Some(Key::Char(' ')) => "Space".to_string(),
        Some(Key::Char(c)) => c.to_string(),
        Some(Key::Ctrl(c)) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Some(Key::F(n)) => format!("F{n}"),
        Some(k) => format!("{k:?}"),
        None => "that key".to_string(),
    }
}

/// What `key` means in `context`. `None`: nothing (key releases, which
/// some terminals report, included).
pub fn decode(key: KeyEvent, context: Context) -> Option<Input> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let found = key_of(&key).and_then(|k| lookup(k, context));
    match (found, context) {
        (Some(input), _) => Some(input),
        // On a question screen every key gets an answer, if only a hint.
        (None, Context::Question) => Some(Input::Other),
        (None, _) => None,
    }
}

/// The input of the first row binding `key` in `context`.
pub fn lookup(key: Key, context: Context) -> Option<Input> {
    TABLE
        .iter()
        .find(|b| b.on.has(context) && b.keys.contains(&key))
        .and_then(|b| b.input)
}

/// The input a turn of the mouse wheel stands for, in `context`.
pub fn wheel(kind: MouseEventKind, context: Context) -> Option<Input> {
    match (kind, context) {
        (MouseEventKind::ScrollUp, Context::Browse) => Some(Input::Up),
        (MouseEventKind::ScrollDown, Context::Browse) => Some(Input::Down),
        _ => None,
    }
}

/// A hint as drawn on the bottom line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub key: &'static str,
    pub label: &'static str,
    /// What a click sends (`None`: a range, not clickable).
    pub input: Option<Input>,
}

impl Hint {
    /// The stop hint, drawn apart (reversed, in the danger colour).
    pub fn is_stop(&self) -> bool {
        self.input == Some(Input::Stop)
    }
}

/// The hints for `context`, in the full view or the compact one; `paused`
/// and `adjustable` describe the countdown.
pub fn hints(context: Context, full: bool, paused: bool, adjustable: bool) -> Vec<Hint> {
    TABLE
        .iter()
        .filter_map(|b| {
            let h = b.hint?;
            let shown = h.on.has(context)
                && match h.show {
                    Always => true,
                    Full => full,
                    Compact => !full,
                    Adjustable => full && adjustable,
                };
            shown.then_some(Hint {
                key: h.key,
                label: match (paused, h.paused) {
                    (true, Some(p)) => p,
                    _ => h.label,
                },
                input: b.input,
            })
        })
        .collect()
}

/// The help overlay's lines, (keys, what they do): the full list, or the
/// folded one for small windows.
pub fn help(full: bool) -> Vec<(&'static str, &'static str)> {
    TABLE
        .iter()
        .filter_map(|b| b.help)
        .filter_map(|h| {
            if full {
                Some((h.keys, h.text))
            } else {
                h.compact
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
