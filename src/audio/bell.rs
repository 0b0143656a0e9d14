//! The terminal bell as one more way to sound a cue: when the person asked
//! for it (`--bell`, `bell = true`) and no sound can be played, the key
//! cues (begin, release, the safety stop) ring the terminal's bell. It
//! wraps the real player, so the app has one sound path.

use std::io::Write;

use super::{CuePlayer, Sound};
use crate::cue::Cue;

/// A player that rings the terminal bell for the key cues whenever the
/// player inside it cannot sound them.
pub struct WithBell<W: Write> {
    inner: Box<dyn CuePlayer>,
    out: W,
}

impl<W: Write> WithBell<W> {
    /// Ring on `out` (the terminal: standard output) for `inner`.
    pub fn new(inner: Box<dyn CuePlayer>, out: W) -> Self {
        WithBell { inner, out }
    }
}

impl<W: Write> CuePlayer for WithBell<W> {
    fn play(&mut self, cue: Cue) {
        if cue.bell_worthy() && self.inner.state() != Sound::On {
            // A bell that cannot be written is a bell nobody would hear.
            let _ = self.out.write_all(b"\x07").and_then(|()| self.out.flush());
        }
        self.inner.play(cue);
    }

    fn say(&mut self, text: &str) {
        self.inner.say(text);
    }

    fn state(&self) -> Sound {
        self.inner.state()
    }

    fn set_muted(&mut self, muted: bool) {
        self.inner.set_muted(muted);
    }

    fn route(&self) -> Option<String> {
        self.inner.route()
    }
}

/// `player`, with the terminal bell standing in for it when `bell` is on.
pub fn with_bell(player: Box<dyn CuePlayer>, bell: bool) -> Box<dyn CuePlayer> {
    if bell {
        Box::new(WithBell::new(player, std::io::stdout()))
    } else {
        player
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::Silent;

    fn rung(state: Sound, cues: &[Cue]) -> usize {
        let mut out = Vec::new();
        {
            let mut p = WithBell::new(Box::new(Silent(state)), &mut out);
            for c in cues {
                p.play(*c);
            }
        }
        out.iter().filter(|b| **b == 0x07).count()
    }

    #[test]
    fn the_bell_rings_for_key_cues_only_when_nothing_else_sounds() {
        let all = Cue::ALL;
        let key_cues = all.iter().filter(|c| c.bell_worthy()).count();
        assert_eq!(rung(Sound::NoDevice, &all), key_cues);
        assert_eq!(rung(Sound::Bell, &all), key_cues);
        assert_eq!(rung(Sound::On, &all), 0);
        assert_eq!(rung(Sound::NoDevice, &[Cue::Halfway, Cue::Rest]), 0);
    }
}
