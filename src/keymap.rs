//! The one place where keys become commands. The same table feeds the help
//! overlay and the README, so they cannot drift apart. During a session,
//! [`action`] decodes keys into session commands; on the question screens
//! around it (screening, baseline, the end, the stop screen), [`reply`]
//! decodes every key, so that one that means nothing can earn a hint.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::safety::{Extent, Reply};
use crate::session::{CheckIn, Command, Overlay, Stage};

/// What a key press means to the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Session(Command),
    /// A key on a question screen.
    Reply(Reply),
    /// Ctrl-Z: pause, give the terminal back, stop the process.
    Suspend,
    /// Ctrl-C: the same as `q` (asks to confirm).
    Interrupt,
}

/// Keys shown in the help overlay: (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    ("x or !", "My pain is worse: STOP now"),
    ("Space", "Pause / resume"),
    ("n or →", "Next (skip ahead)"),
    ("b or ←", "Back (restart / previous)"),
    ("+ / -", "Hold 5 s longer / shorter"),
    ("m", "Mute / unmute sounds"),
    ("?", "This help"),
    ("q", "Quit (asks first)"),
    ("Esc", "Close this window"),
    ("1-5", "Answer a check-in"),
    ("e", "Check-in: urgent signs (stops)"),
];

/// [`HELP`] folded into fewer lines for small windows.
pub const HELP_COMPACT: &[(&str, &str)] = &[
    ("x or !", "Pain worse: STOP now"),
    ("Space", "Pause / resume"),
    ("n b", "Next / back (or → ←)"),
    ("+ -", "Hold 5 s longer / shorter"),
    ("m ?", "Mute / this help"),
    ("q Esc", "Quit (asks) / close"),
    ("1-5", "Answer a check-in"),
    ("e", "Urgent signs (stops)"),
];

/// Decode one key event in the given stage and overlay. Key releases
/// (reported by some terminals) are ignored.
pub fn action(key: KeyEvent, stage: Stage, overlay: Overlay) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl {
        return match key.code {
            KeyCode::Char('z') => Some(Action::Suspend),
            KeyCode::Char('c') => Some(Action::Interrupt),
            _ => None,
        };
    }
    let cmd = match key.code {
        KeyCode::Char('x' | 'X' | '!') => Command::StopPain,
        KeyCode::Char(' ') => Command::TogglePause,
        KeyCode::Char('n' | 'N') if stage == Stage::Running && overlay != Overlay::ConfirmQuit => {
            Command::Next
        }
        KeyCode::Right => Command::Next,
        KeyCode::Char('b' | 'B') | KeyCode::Left => Command::Back,
        KeyCode::Char('+' | '=') => Command::Lengthen,
        KeyCode::Char('-' | '_') => Command::Shorten,
        KeyCode::Char('m' | 'M') => Command::ToggleMute,
        KeyCode::Char('?') | KeyCode::F(1) => Command::ToggleHelp,
        KeyCode::Char('q' | 'Q') => Command::Quit,
        KeyCode::Char('y' | 'Y') => Command::Yes,
        KeyCode::Char('n' | 'N') => Command::No,
        KeyCode::Esc => Command::Escape,
        KeyCode::Enter => Command::Dismiss,
        KeyCode::Char(c @ '1'..='5') if stage == Stage::CheckIn => {
            Command::Answer(CheckIn::ALL[(c as u8 - b'1') as usize])
        }
        KeyCode::Char(c @ '1'..='5') if stage == Stage::Reach => {
            Command::Reach(Extent::from_key(c as u8 - b'0')?)
        }
        KeyCode::Char('e' | 'E')
            if matches!(stage, Stage::CheckIn | Stage::Reach | Stage::Stopped(_)) =>
        {
            Command::ReportRedFlag
        }
        _ => return None,
    };
    Some(Action::Session(cmd))
}

/// Decode one key on a question screen. Every key press becomes a reply;
/// those that mean nothing become [`Reply::Other`].
pub fn reply(key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('z') => Some(Action::Suspend),
            KeyCode::Char('c') => Some(Action::Interrupt),
            _ => Some(Action::Reply(Reply::Other)),
        };
    }
    let r = match key.code {
        KeyCode::Char('x' | 'X' | '!') => Reply::Stop,
        KeyCode::Char('y' | 'Y') => Reply::Yes,
        KeyCode::Char('n' | 'N') => Reply::No,
        KeyCode::Char(c @ '0'..='9') => Reply::Number(c as u8 - b'0'),
        KeyCode::Char('t' | 'T') => Reply::Number(10),
        KeyCode::Enter => Reply::Enter,
        KeyCode::Char('b' | 'B') | KeyCode::Left | KeyCode::Esc => Reply::Back,
        KeyCode::Char('e' | 'E') => Reply::Report,
        KeyCode::Char('q' | 'Q') => Reply::Quit,
        _ => Reply::Other,
    };
    Some(Action::Reply(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn stop_keys_work_in_every_stage() {
        for stage in [
            Stage::Running,
            Stage::CheckIn,
            Stage::Reach,
            Stage::Completed,
        ] {
            for c in ['x', '!', 'X'] {
                assert_eq!(
                    action(key(KeyCode::Char(c)), stage, Overlay::None),
                    Some(Action::Session(Command::StopPain))
                );
            }
        }
    }

    #[test]
    fn digits_answer_only_at_check_in() {
        assert_eq!(
            action(key(KeyCode::Char('3')), Stage::Running, Overlay::None),
            None
        );
        assert_eq!(
            action(key(KeyCode::Char('3')), Stage::CheckIn, Overlay::None),
            Some(Action::Session(Command::Answer(CheckIn::Sharper)))
        );
    }

    #[test]
    fn n_is_next_while_running_and_no_in_questions() {
        assert_eq!(
            action(key(KeyCode::Char('n')), Stage::Running, Overlay::None),
            Some(Action::Session(Command::Next))
        );
        assert_eq!(
            action(
                key(KeyCode::Char('n')),
                Stage::Running,
                Overlay::ConfirmQuit
            ),
            Some(Action::Session(Command::No))
        );
        assert_eq!(
            action(key(KeyCode::Char('n')), Stage::CheckIn, Overlay::None),
            Some(Action::Session(Command::No))
        );
    }

    #[test]
    fn check_in_takes_five_answers_then_the_reach() {
        assert_eq!(
            action(key(KeyCode::Char('5')), Stage::CheckIn, Overlay::None),
            Some(Action::Session(Command::Answer(CheckIn::DrewBack)))
        );
        assert_eq!(
            action(key(KeyCode::Char('2')), Stage::Reach, Overlay::None),
            Some(Action::Session(Command::Reach(Extent::Buttock)))
        );
        assert_eq!(
            action(key(KeyCode::Char('6')), Stage::Reach, Overlay::None),
            None
        );
        for stage in [Stage::CheckIn, Stage::Reach] {
            assert_eq!(
                action(key(KeyCode::Char('e')), stage, Overlay::None),
                Some(Action::Session(Command::ReportRedFlag))
            );
        }
        assert_eq!(
            action(key(KeyCode::Char('e')), Stage::Running, Overlay::None),
            None
        );
    }

    #[test]
    fn every_key_is_a_reply_on_question_screens() {
        let r = |c| reply(key(c));
        assert_eq!(r(KeyCode::Char('x')), Some(Action::Reply(Reply::Stop)));
        assert_eq!(r(KeyCode::Char('!')), Some(Action::Reply(Reply::Stop)));
        assert_eq!(r(KeyCode::Char('n')), Some(Action::Reply(Reply::No)));
        assert_eq!(r(KeyCode::Char('7')), Some(Action::Reply(Reply::Number(7))));
        assert_eq!(
            r(KeyCode::Char('t')),
            Some(Action::Reply(Reply::Number(10)))
        );
        assert_eq!(r(KeyCode::Char('z')), Some(Action::Reply(Reply::Other)));
        assert_eq!(r(KeyCode::Char(' ')), Some(Action::Reply(Reply::Other)));
        assert_eq!(r(KeyCode::Tab), Some(Action::Reply(Reply::Other)));
        let z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert_eq!(reply(z), Some(Action::Suspend));
        let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(reply(c), Some(Action::Interrupt));
    }

    #[test]
    fn ctrl_z_suspends_and_releases_are_ignored() {
        let z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert_eq!(
            action(z, Stage::Running, Overlay::None),
            Some(Action::Suspend)
        );
        let mut up = key(KeyCode::Char(' '));
        up.kind = KeyEventKind::Release;
        assert_eq!(action(up, Stage::Running, Overlay::None), None);
    }
}
