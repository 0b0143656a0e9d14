//! The one place where keys become commands. The same table feeds the help
//! overlay and the README, so they cannot drift apart.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::session::{CheckIn, Command, Overlay, Stage};

/// What a key press means to the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Session(Command),
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
    ("1-4", "Answer a check-in"),
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
        KeyCode::Char(c @ '1'..='4') if stage == Stage::CheckIn => {
            Command::Answer(CheckIn::ALL[(c as u8 - b'1') as usize])
        }
        _ => return None,
    };
    Some(Action::Session(cmd))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn stop_keys_work_in_every_stage() {
        for stage in [Stage::Running, Stage::CheckIn, Stage::Completed] {
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
