//! How cues become sound. The session only asks for cues; a [`CuePlayer`]
//! decides how they sound. [`Silent`] is the player for `--no-audio` and
//! for builds without the `audio` feature; [`start`] gives the real one.
//!
//! Map of the module:
//! - [`synth`]: each cue's tone, synthesised in code.
//! - [`voice`]: the embedded spoken phrases, and espeak-ng's recordings.
//! - [`speech`]: the speech program that says a step's own words
//!   (spd-say, espeak-ng or macOS `say`, whichever is installed).
//! - [`wav`], [`clip`]: reading WAV data; the in-memory sound type.
//! - [`programme`]: what one cue plays (tone, pause, phrase) and the volume.
//! - [`line`]: the queue the audio callback drains, sample by sample.
//! - [`backend`]: the player thread's messages, and the device and speech
//!   program it drives (as traits).
//! - [`core`]: the player thread's logic, testable without a device.
//! - [`player`]: the thread and the handle the app holds.
//! - `device` (feature `audio`): the real device: cpal (its own
//!   PulseAudio client, or ALSA) and rodio's channel converter.

pub mod backend;
mod bell;
pub mod clip;
pub mod core;
#[cfg(feature = "audio")]
mod device;
pub mod line;
pub mod player;
pub mod programme;
pub mod speech;
pub mod synth;
pub mod voice;
pub mod wav;

use crate::cue::Cue;

/// The state of sound, as the status line shows it (what the player
/// reports through [`CuePlayer::state`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sound {
    /// Sound is being set up (off the critical path).
    #[default]
    Starting,
    On,
    /// No audio device: the session runs silently.
    NoDevice,
    /// Turned off with `--no-audio` or in the config.
    Off,
    /// No sound device, but the terminal bell stands in for key cues.
    Bell,
}

pub use bell::{WithBell, with_bell};

/// Something that can sound cues. Calls never block the caller.
pub trait CuePlayer {
    /// Sound a cue (fire and forget).
    fn play(&mut self, cue: Cue);
    /// Speak a step's own words, where speech is available.
    fn say(&mut self, _text: &str) {}
    /// What the status line should say about sound.
    fn state(&self) -> Sound;
    /// The session's mute switch (a muted player stops what is sounding).
    fn set_muted(&mut self, _muted: bool) {}
    /// Which sound system and device the sound goes through, once known.
    fn route(&self) -> Option<String> {
        None
    }
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

/// How the person wants sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Loudness, 0-100 (0 turns sound off).
    pub volume: u8,
    /// Speak the fixed phrases and step titles after the tones.
    pub voice: bool,
    /// Ring the terminal bell for key cues when there is no sound device.
    pub bell: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            volume: 80,
            voice: true,
            bell: false,
        }
    }
}

/// The player for these settings: the device player on its own thread
/// (returns at once; the device is opened off the caller's path), or a
/// silent one when sound is off or this build has no audio.
pub fn start(settings: Settings) -> Box<dyn CuePlayer> {
    let quiet = if settings.bell {
        Sound::Bell
    } else {
        Sound::Off
    };
    if settings.volume == 0 {
        return Box::new(Silent(quiet));
    }
    #[cfg(feature = "audio")]
    {
        Box::new(player::AudioPlayer::spawn(
            device::RodioBackend::new,
            settings,
        ))
    }
    #[cfg(not(feature = "audio"))]
    {
        Box::new(Silent(if settings.bell {
            Sound::Bell
        } else {
            Sound::NoDevice
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_zero_is_off_and_the_bell_shows() {
        let off = start(Settings {
            volume: 0,
            ..Settings::default()
        });
        assert_eq!(off.state(), Sound::Off);
        let bell = start(Settings {
            volume: 0,
            voice: false,
            bell: true,
        });
        assert_eq!(bell.state(), Sound::Bell);
    }

    #[cfg(not(feature = "audio"))]
    #[test]
    fn without_the_feature_there_is_no_audio() {
        assert_eq!(start(Settings::default()).state(), Sound::NoDevice);
    }
}
