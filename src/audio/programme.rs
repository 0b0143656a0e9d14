//! What one cue plays: its tone, then (with the voice on) a short pause and
//! its spoken phrase. Cues that arrive together (release and check-in, say)
//! are played one after the other with a pause between them.

use std::time::Duration;

use super::line::Part;
use super::synth;
use super::voice::Voice;
use crate::cue::Cue;

/// Silence between a tone and its phrase, and between cues of one batch.
pub const PAUSE: Duration = Duration::from_millis(80);
/// The phrases are normalised louder than the tones; this evens them out.
const VOICE_LEVEL: f32 = 0.8;

/// The master gain for a `--volume` of 0-100: a square law, so that the
/// steps sound roughly even (50 is about a quarter of the amplitude).
pub fn gain(volume: u8) -> f32 {
    let v = f32::from(volume.min(100)) / 100.0;
    v * v
}

/// The parts that sound `cue` at `rate`, with the master `gain` and the
/// voice, if it is on.
pub fn parts(cue: Cue, rate: u32, gain: f32, voice: Option<&Voice>) -> Vec<Part> {
    let mut parts = vec![Part::Sound {
        clip: synth::render(cue, rate),
        gain,
    }];
    if let Some(phrase) = voice.and_then(|v| v.clip(cue)) {
        parts.push(pause(rate));
        parts.push(Part::Sound {
            clip: phrase.clone(),
            gain: gain * VOICE_LEVEL,
        });
    }
    parts
}

/// The pause between parts, at `rate`.
pub fn pause(rate: u32) -> Part {
    Part::Gap(samples(PAUSE, rate))
}

/// How long `parts` play at `rate`.
pub fn duration(parts: &[Part], rate: u32) -> Duration {
    parts
        .iter()
        .map(|p| match p {
            Part::Sound { clip, .. } => clip.duration(),
            Part::Gap(n) => Duration::from_secs_f64(*n as f64 / f64::from(rate)),
        })
        .sum()
}

/// A duration in whole samples at `rate`.
pub fn samples(d: Duration, rate: u32) -> usize {
    (d.as_secs_f64() * f64::from(rate)).round() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_maps_to_a_gain() {
        assert_eq!(gain(0), 0.0);
        assert_eq!(gain(100), 1.0);
        assert_eq!(gain(200), 1.0);
        assert!((gain(50) - 0.25).abs() < 1e-6);
    }

    #[test]
    fn a_cue_is_its_tone_then_its_phrase() {
        let voice = Voice::load();
        let with = parts(Cue::Release, 48_000, 0.5, Some(&voice));
        assert_eq!(with.len(), 3);
        assert_eq!(with[1], Part::Gap(3840));
        let tone = synth::render(Cue::Release, 48_000).duration();
        let phrase = voice.clip(Cue::Release).unwrap().duration();
        let total = duration(&with, 48_000);
        assert!(total.abs_diff(tone + PAUSE + phrase) < Duration::from_millis(1));
        match &with[2] {
            Part::Sound { gain, .. } => assert!((gain - 0.4).abs() < 1e-6),
            Part::Gap(_) => panic!("the phrase is missing"),
        }
    }

    #[test]
    fn without_voice_or_phrase_only_the_tone() {
        let voice = Voice::load();
        assert_eq!(parts(Cue::Release, 44_100, 1.0, None).len(), 1);
        assert_eq!(parts(Cue::Countdown(2), 44_100, 1.0, Some(&voice)).len(), 1);
    }
}
