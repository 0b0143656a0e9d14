//! What the player thread deals with: the messages it receives, the sound
//! device and the speech program it drives (as traits, so the logic in
//! `core` can be tested with fakes), and the sound state it publishes for
//! the status line.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

use super::Sound;
use super::line::LineReader;
use crate::cue::Cue;

/// What the app (and the player's helpers) tell the player thread.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Sound a cue; the instant the session asked for it.
    Play(Cue, Instant),
    /// Speak a step's words; the instant the session asked for it.
    Say(String, Instant),
    /// The session's mute switch.
    Mute(bool),
    /// The stream reported errors (sent from its callback on the first
    /// error and then rarely, never in a loop).
    StreamError,
    /// Stop the thread.
    Quit,
}

/// The sound device.
pub trait Backend {
    /// A running output stream; dropping it closes the device.
    type Stream: Stream;
    /// The device's sample rate, finding the device first if need be.
    fn rate(&mut self) -> Result<u32, String>;
    /// Start a stream that plays `reader` from its very first sample.
    fn start(&mut self, reader: LineReader) -> Result<Self::Stream, String>;
}

/// A running output stream.
pub trait Stream {
    /// How many errors the stream has reported.
    fn errors(&self) -> usize;
    /// Whether the device said it is gone (unplugged).
    fn gone(&self) -> bool;
    /// How much sound the device buffers ahead of what is heard (what is
    /// lost if the stream is closed right after the last sample).
    fn buffered(&self) -> Duration;
}

/// Says a step's words in the background, once `after` (when the cue
/// asked for with them ends) has passed.
pub trait Speaker {
    fn speak(&mut self, text: String, after: Duration);
    /// Stop the words being said, and drop those still waiting (mute).
    fn hush(&mut self) {}
}

/// The sound state as the status line shows it, shared between threads.
#[derive(Debug, Clone, Default)]
pub struct SharedState(Arc<AtomicU8>);

impl SharedState {
    /// The current state.
    pub fn get(&self) -> Sound {
        match self.0.load(Ordering::Acquire) {
            1 => Sound::On,
            2 => Sound::NoDevice,
            3 => Sound::Off,
            4 => Sound::Bell,
            _ => Sound::Starting,
        }
    }

    /// Publish a new state.
    pub fn set(&self, s: Sound) {
        let v = match s {
            Sound::Starting => 0,
            Sound::On => 1,
            Sound::NoDevice => 2,
            Sound::Off => 3,
            Sound::Bell => 4,
        };
        self.0.store(v, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_survives_the_round_trip() {
        let s = SharedState::default();
        assert_eq!(s.get(), Sound::Starting);
        for state in [
            Sound::On,
            Sound::NoDevice,
            Sound::Off,
            Sound::Bell,
            Sound::Starting,
        ] {
            s.set(state);
            assert_eq!(s.clone().get(), state);
        }
    }
}
