//! Spoken prompts. The fixed phrases are WAV files rendered by
//! `assets/make-voice` (espeak-ng + sox) and embedded in the binary; their
//! headers are checked once at start-up and their samples played in place.
//! A step's own words are said by a speech program ([`super::speech`]).

use super::clip::Clip;
use super::wav;
use crate::cue::Cue;

/// The cues that have a spoken phrase: (cue, words, WAV bytes). The words
/// are the ones `assets/make-voice` renders; keep both lists in step.
pub const PHRASES: [(Cue, &str, &[u8]); 9] = [
    (
        Cue::Prepare,
        "Get into position",
        include_bytes!("../../assets/voice/prepare.wav"),
    ),
    (
        Cue::Begin,
        "Begin",
        include_bytes!("../../assets/voice/begin.wav"),
    ),
    (
        Cue::Halfway,
        "Halfway",
        include_bytes!("../../assets/voice/halfway.wav"),
    ),
    (
        Cue::Release,
        "Release",
        include_bytes!("../../assets/voice/release.wav"),
    ),
    (
        Cue::SwitchSides,
        "Switch sides",
        include_bytes!("../../assets/voice/switch-sides.wav"),
    ),
    (
        Cue::Rest,
        "Rest",
        include_bytes!("../../assets/voice/rest.wav"),
    ),
    (
        Cue::CheckIn,
        "How does it feel?",
        include_bytes!("../../assets/voice/check-in.wav"),
    ),
    (
        Cue::Complete,
        "Session complete",
        include_bytes!("../../assets/voice/complete.wav"),
    ),
    (
        Cue::SafetyStop,
        "Session stopped",
        include_bytes!("../../assets/voice/stopped.wav"),
    ),
];

/// The fixed phrases, ready to play.
#[derive(Debug, Clone, Default)]
pub struct Voice {
    /// (cue, phrase), in the order of [`PHRASES`].
    clips: Vec<(Cue, Clip)>,
}

impl Voice {
    /// Read every embedded phrase (its header; the samples are played
    /// where they lie). A phrase that cannot be read is left out (the tests
    /// make sure none is).
    pub fn load() -> Voice {
        let clips = PHRASES
            .iter()
            .filter_map(|&(cue, _, bytes)| wav::embedded(bytes).ok().map(|c| (cue, c)))
            .collect();
        Voice { clips }
    }

    /// The phrase spoken after a cue's tone, if it has one.
    pub fn clip(&self, cue: Cue) -> Option<&Clip> {
        self.clips
            .iter()
            .find(|(c, _)| *c == cue)
            .map(|(_, clip)| clip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn every_phrase_decodes_short_clear_and_unclipped() {
        let voice = Voice::load();
        assert_eq!(voice.clips.len(), PHRASES.len());
        for (cue, words, _) in PHRASES {
            let c = voice.clip(cue).unwrap();
            assert_eq!(c.rate(), 16_000, "{words}");
            assert!(
                c.duration() > Duration::from_millis(300),
                "{words}: {:?}",
                c.duration()
            );
            assert!(
                c.duration() < Duration::from_millis(1300),
                "{words}: {:?}",
                c.duration()
            );
            // make-voice normalises to -3 dBFS.
            assert!(
                (c.peak() - 0.708).abs() < 0.03,
                "{words}: peak {}",
                c.peak()
            );
            assert!(c.rms() > 0.05, "{words}: rms {}", c.rms());
        }
    }

    #[test]
    fn only_spoken_cues_have_a_phrase() {
        let voice = Voice::load();
        assert!(voice.clip(Cue::Countdown(3)).is_none());
        assert!(voice.clip(Cue::NextTechnique).is_none());
        assert!(voice.clip(Cue::SafetyStop).is_some());
    }

    #[test]
    fn the_embedded_files_stay_small() {
        let total: usize = PHRASES.iter().map(|(_, _, b)| b.len()).sum();
        assert!(total < 256 * 1024, "{total} bytes of speech");
    }
}
