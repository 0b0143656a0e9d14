//! How cues become sound. The session only asks for cues; a [`CuePlayer`]
//! decides how they sound. [`Silent`] is the player for `--no-audio`, for
//! machines without a sound device, and for tests.

use crate::cue::Cue;
use crate::ui::Sound;

/// Something that can sound cues. Calls never block the caller.
pub trait CuePlayer {
    /// Sound a cue (fire and forget).
    fn play(&mut self, cue: Cue);
    /// Speak a step's own words, where speech is available.
    fn say(&mut self, _text: &str) {}
    /// What the status line should say about sound.
    fn state(&self) -> Sound;
}

/// Plays nothing; reports `state` as given.
#[derive(Debug, Clone, Copy)]
pub struct Silent(pub Sound);

impl CuePlayer for Silent {
    fn play(&mut self, _cue: Cue) {}
    fn state(&self) -> Sound {
        self.0
    }
}
