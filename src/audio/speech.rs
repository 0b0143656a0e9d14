//! The speech programs that say a step's own words (its title, or in full
//! its side, position and caution) and a remote control's prompts.
//!
//! The first one installed, in this order: speech-dispatcher's `spd-say`
//! (the default on Ubuntu and Fedora desktops, and what screen readers use,
//! so the person's own voice and rate apply), `espeak-ng`, and `say` on
//! macOS. None installed: only the fixed phrases embedded in the program
//! are spoken (`unknot doctor` says which it is).
//!
//! Each program runs from its own argument list, never through a shell,
//! with no input and its output discarded, started from a helper thread
//! once the cue that goes with the words has sounded: speech never holds
//! up the player, the screen or the timer. The program speaks by itself,
//! so its words take no memory here. Newer words replace words still
//! waiting or being said, and mute silences them (`espeak-ng` and `say`
//! stop at once; `spd-say` has already handed its words to
//! speech-dispatcher, which finishes them).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::Duration;

use super::backend::Speaker;

/// A speech program unknot knows how to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    /// `spd-say`, speech-dispatcher's client.
    SpeechDispatcher,
    /// `espeak-ng`.
    Espeak,
    /// `say`, on macOS.
    MacSay,
}

/// The longest text handed to a speech program, in characters (a full
/// step announcement fits: see `session::spoken::MAX_WORDS`).
pub const MAX_CHARS: usize = 700;

impl Program {
    /// Every program, in the order they are looked for.
    pub const ORDER: [Program; 3] = [Program::SpeechDispatcher, Program::Espeak, Program::MacSay];

    /// The command's name.
    pub fn command(self) -> &'static str {
        match self {
            Program::SpeechDispatcher => "spd-say",
            Program::Espeak => "espeak-ng",
            Program::MacSay => "say",
        }
    }

    /// Whether this program can run on this system at all.
    fn fits_here(self) -> bool {
        self != Program::MacSay || cfg!(target_os = "macos")
    }

    /// The arguments that make it say `text` (already [`clean`]) at
    /// `volume` (0-100, where the program takes one). The text is one
    /// argument, after the options; `spd-say` and `espeak-ng` are also told
    /// where the options end.
    pub fn args(self, text: &str, volume: u8) -> Vec<String> {
        let mut args: Vec<String> = match self {
            // The app's name lets a person give unknot a voice of its own
            // in speech-dispatcher's settings, whose volume applies.
            Program::SpeechDispatcher => vec!["-N".into(), "unknot".into(), "--".into()],
            // US English, 160 words a minute, as loud as the cues.
            Program::Espeak => vec![
                "-v".into(),
                "en-us".into(),
                "-s".into(),
                "160".into(),
                "-a".into(),
                volume.min(100).to_string(),
                "--".into(),
            ],
            Program::MacSay => Vec::new(),
        };
        args.push(text.to_string());
        args
    }

    /// The first program installed on `PATH`, if any.
    pub fn find() -> Option<Program> {
        Program::ORDER
            .into_iter()
            .find(|p| p.fits_here() && on_path(p.command()))
    }
}

/// `text` as a speech program gets it: control characters and repeated
/// spaces gone, no leading dash (so it can never be read as an option),
/// at most [`MAX_CHARS`]. `None` when nothing is left to say.
pub fn clean(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    let text: String = joined
        .trim_start_matches(['-', ' '])
        .chars()
        .take(MAX_CHARS)
        .collect();
    (!text.is_empty()).then_some(text)
}

/// Whether an executable called `name` is in one of the `PATH` folders.
pub fn on_path(name: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| {
        Path::new(&dir)
            .join(name)
            .metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    })
}

/// The player's speaker: the program found at start-up, started from
/// helper threads.
pub struct Programs {
    program: Option<Program>,
    /// The session's volume (0-100).
    volume: u8,
    /// Counts requests: a request overtaken by a newer one (or by mute)
    /// before its turn came is dropped.
    latest: Arc<AtomicU64>,
    /// The program saying the latest words (reaped when replaced).
    speaking: Arc<Mutex<Option<Child>>>,
}

impl Programs {
    /// Look for a speech program (a few `stat` calls, on the player's
    /// thread).
    pub fn find(volume: u8) -> Programs {
        Programs {
            program: Program::find(),
            volume,
            latest: Arc::new(AtomicU64::new(0)),
            speaking: Arc::new(Mutex::new(None)),
        }
    }
}

/// Stop (if it still speaks) and reap the program in `slot`.
fn silence(slot: &mut MutexGuard<'_, Option<Child>>) {
    if let Some(mut child) = slot.take() {
        let _ = child.kill();
        let _ = child.wait();
    }
}

fn lock(speaking: &Mutex<Option<Child>>) -> MutexGuard<'_, Option<Child>> {
    speaking.lock().unwrap_or_else(|e| e.into_inner())
}

impl Speaker for Programs {
    fn speak(&mut self, text: String, after: Duration) {
        let (Some(program), Some(text)) = (self.program, clean(&text)) else {
            return;
        };
        let mine = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let (latest, speaking, volume) = (
            Arc::clone(&self.latest),
            Arc::clone(&self.speaking),
            self.volume,
        );
        let spawned = thread::Builder::new()
            .name("unknot-speech".into())
            .spawn(move || {
                // After the cue, unless newer words or mute came first.
                thread::sleep(after);
                let mut slot = lock(&speaking);
                if latest.load(Ordering::SeqCst) != mine {
                    return;
                }
                silence(&mut slot);
                *slot = Command::new(program.command())
                    .args(program.args(&text, volume))
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .ok();
            });
        // No thread, no words: the session goes on regardless.
        drop(spawned);
    }

    fn hush(&mut self) {
        self.latest.fetch_add(1, Ordering::SeqCst);
        silence(&mut lock(&self.speaking));
    }
}

impl Drop for Programs {
    /// The player is closing: words still being said stop with it.
    fn drop(&mut self) {
        self.hush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_program_gets_the_text_as_one_argument_after_its_options() {
        let text = "Hold; left side. $(rm -rf ~) `id` > out";
        for p in Program::ORDER {
            let args = p.args(text, 80);
            assert_eq!(args.last().map(String::as_str), Some(text), "{p:?}");
            assert_eq!(args.iter().filter(|a| a.contains("Hold")).count(), 1);
        }
        assert_eq!(
            Program::SpeechDispatcher.args("Rest", 80),
            ["-N", "unknot", "--", "Rest"]
        );
        assert_eq!(
            Program::Espeak.args("Rest", 40),
            ["-v", "en-us", "-s", "160", "-a", "40", "--", "Rest"]
        );
        assert_eq!(Program::MacSay.args("Rest", 80), ["Rest"]);
    }

    #[test]
    fn text_is_cleaned_of_controls_dashes_and_excess() {
        assert_eq!(
            clean("  Ball\thold,\n left\x07 side "),
            Some("Ball hold, left side".into())
        );
        assert_eq!(clean("--help me"), Some("help me".into()));
        assert_eq!(clean("- - x"), Some("x".into()));
        assert_eq!(clean(" \n\t"), None);
        assert_eq!(clean("---"), None);
        let long = "a".repeat(MAX_CHARS + 50);
        assert_eq!(clean(&long).map(|t| t.chars().count()), Some(MAX_CHARS));
    }

    #[test]
    fn programs_are_looked_for_in_order_and_say_only_on_macos() {
        assert_eq!(
            Program::ORDER.map(Program::command),
            ["spd-say", "espeak-ng", "say"]
        );
        assert!(Program::SpeechDispatcher.fits_here());
        assert_eq!(Program::MacSay.fits_here(), cfg!(target_os = "macos"));
    }

    #[test]
    fn finds_programs_on_the_path() {
        assert!(on_path("sh"));
        assert!(!on_path("surely-no-such-program-unknot"));
    }
}
