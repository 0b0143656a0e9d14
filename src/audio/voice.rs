//! Spoken prompts. The fixed phrases are WAV files rendered by
//! `assets/make-voice` (espeak-ng + sox) and embedded in the binary; their
//! headers are checked once at start-up and their samples played in place.
//! A step's own words, when `espeak-ng` is the speech program found (see
//! [`super::speech`]), are recorded by it here: as a plain argument list
//! (never through a shell), with nothing reaching the terminal, and only
//! ever from a helper thread.

use std::io::Read;
use std::process::{Command, Stdio};

use super::clip::Clip;
use super::speech::{self, Program};
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

/// Below this level, leading and trailing samples count as silence.
const SILENCE: f32 = 0.003;

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

/// Speak `text` with espeak-ng and return the recording, trimmed of
/// silence. `None` when espeak-ng is not installed, fails, or says nothing.
/// Blocks while the program runs (a few milliseconds): call it from a
/// helper thread.
pub fn speak(text: &str) -> Option<Clip> {
    let espeak = Program::Espeak;
    let mut child = Command::new(espeak.command())
        .args(espeak.args(&speech::clean(text)?))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut bytes = Vec::new();
    let read = child.stdout.take()?.read_to_end(&mut bytes);
    let status = child.wait().ok()?;
    if read.is_err() || !status.success() {
        return None;
    }
    let clip = wav::decode(&bytes).ok()?.trimmed(SILENCE);
    (!clip.is_empty()).then_some(clip)
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

    #[test]
    fn speaking_works_or_is_skipped_quietly() {
        // Either espeak-ng is installed and returns speech, or nothing
        // happens: never a panic, never output.
        let installed = Command::new(Program::Espeak.command())
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        match speak("-Piriformis release") {
            Some(c) => {
                assert!(installed);
                assert!(c.duration() > Duration::from_millis(500));
                assert!(c.rms() > 0.02);
            }
            None => assert!(!installed, "espeak-ng is installed but said nothing"),
        }
        assert!(speak("  \n\t").is_none());
    }
}
