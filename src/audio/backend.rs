//! What the player thread deals with: the messages it receives, the sound
//! device and the speech program it drives (as traits, so the logic in
//! `core` can be tested with fakes), and the sound state it publishes for
//! the status line.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
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
    /// The way to the device found by the last successful [`Backend::rate`]
    /// (which sound system, which device), for `unknot doctor`.
    fn route(&self) -> Option<&str> {
        None
    }
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

/// The sound state as the status line shows it, and the way to the device
/// in use, shared between threads.
#[derive(Debug, Clone, Default)]
pub struct SharedState {
    /// The [`Sound`] state, as a number.
    sound: Arc<AtomicU8>,
    /// See [`Backend::route`].
    route: Arc<Mutex<Option<String>>>,
}

impl SharedState {
    /// The current state.
    pub fn get(&self) -> Sound {
        match self.sound.load(Ordering::Acquire) {
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
        self.sound.store(v, Ordering::Release);
    }

    /// The way to the device last found, if any.
    pub fn route(&self) -> Option<String> {
        self.route.lock().map_or(None, |r| r.clone())
    }

    /// Publish the way to the device (only copied when it changed).
    pub fn set_route(&self, route: Option<&str>) {
        if let Ok(mut r) = self.route.lock()
            && r.as_deref() != route
        {
            *r = route.map(str::to_string);
        }
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

    #[test]
    fn the_route_is_shared_and_replaced() {
        let s = SharedState::default();
        assert_eq!(s.route(), None);
        s.set_route(Some("PulseAudio"));
        assert_eq!(s.clone().route().as_deref(), Some("PulseAudio"));
        s.set_route(Some("ALSA"));
        assert_eq!(s.route().as_deref(), Some("ALSA"));
        s.set_route(None);
        assert_eq!(s.route(), None);
    }
}
