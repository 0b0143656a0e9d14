//! The tones: every cue has its own short motif, synthesised in code at the
//! device's sample rate (so no file and no resampling). Gentle sine notes
//! announce steps; a bell marks the start; rising ticks count 3-2-1; a
//! falling bell says "let go"; the safety stop is a harsh, loud two-tone
//! alarm that cannot be mistaken for anything else.

use std::f64::consts::TAU;

use super::clip::Clip;
use crate::cue::Cue;

/// The colour of a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Timbre {
    /// A pure sine with a soft attack: calm announcements.
    Soft,
    /// Sine plus two overtones, decaying like a struck bell.
    Bell,
    /// A short, fast-decaying knock: the 3-2-1 ticks.
    Tick,
    /// Odd harmonics (a band-limited square), constant level: the alarm.
    Buzz,
}

/// One note of a motif. Times in seconds from the start of the cue.
#[derive(Debug, Clone, Copy)]
struct Note {
    /// When the note starts.
    at: f64,
    /// Pitch in Hz.
    freq: f64,
    /// How long the note sounds.
    len: f64,
    /// Peak amplitude (0..1) before the master volume.
    amp: f32,
    /// The note's colour.
    timbre: Timbre,
}

const fn n(at: f64, freq: f64, len: f64, amp: f32, timbre: Timbre) -> Note {
    Note {
        at,
        freq,
        len,
        amp,
        timbre,
    }
}

use Timbre::{Bell, Buzz, Soft, Tick};

// Pitches (equal temperament, A4 = 440 Hz).
const E4: f64 = 329.63;
const G4: f64 = 392.00;
const B4: f64 = 493.88;
const C5: f64 = 523.25;
const D5: f64 = 587.33;
const E5: f64 = 659.26;
const G5: f64 = 783.99;
const A5: f64 = 880.00;
const B5: f64 = 987.77;
const C6: f64 = 1046.50;
const D6: f64 = 1174.66;
const FS6: f64 = 1479.98;

/// The motifs. Each note: start (s), pitch, length (s), amplitude, timbre.
/// "Ding-dong", low and calm: get into position.
const PREPARE: &[Note] = &[n(0.0, G4, 0.22, 0.45, Soft), n(0.24, C5, 0.32, 0.45, Soft)];
/// One clear bell: go.
const BEGIN: &[Note] = &[n(0.0, A5, 0.45, 0.5, Bell)];
/// Two quick taps on the same note: half done.
const HALFWAY: &[Note] = &[n(0.0, E5, 0.14, 0.45, Bell), n(0.18, E5, 0.2, 0.45, Bell)];
/// Knocks that rise toward the end: 3, 2, 1.
const THREE: &[Note] = &[n(0.0, B5, 0.1, 0.5, Tick)];
const TWO: &[Note] = &[n(0.0, D6, 0.1, 0.5, Tick)];
const ONE: &[Note] = &[n(0.0, FS6, 0.12, 0.5, Tick)];
/// Falling bells: let go.
const RELEASE: &[Note] = &[
    n(0.0, C6, 0.16, 0.4, Bell),
    n(0.15, G5, 0.16, 0.4, Bell),
    n(0.30, C5, 0.4, 0.45, Bell),
];
/// Low-high-low-high: the other side.
const SWITCH: &[Note] = &[
    n(0.0, D5, 0.14, 0.4, Soft),
    n(0.16, A5, 0.14, 0.4, Soft),
    n(0.32, D5, 0.14, 0.4, Soft),
    n(0.48, A5, 0.2, 0.4, Soft),
];
/// A low, slow open fifth: breathe.
const REST: &[Note] = &[n(0.0, E4, 0.8, 0.35, Soft), n(0.0, B4, 0.8, 0.2, Soft)];
/// Rising like a question: how is it?
const CHECK_IN: &[Note] = &[
    n(0.0, C5, 0.13, 0.4, Soft),
    n(0.14, E5, 0.13, 0.4, Soft),
    n(0.28, G5, 0.3, 0.45, Soft),
];
/// Two bright notes: on to the next one.
const NEXT: &[Note] = &[n(0.0, D5, 0.12, 0.4, Bell), n(0.13, A5, 0.25, 0.45, Bell)];
/// An arpeggio up to the octave: done.
const COMPLETE: &[Note] = &[
    n(0.0, C5, 0.18, 0.35, Bell),
    n(0.16, E5, 0.18, 0.35, Bell),
    n(0.32, G5, 0.18, 0.35, Bell),
    n(0.48, C6, 0.6, 0.45, Bell),
];
/// The alarm: a loud, harsh two-tone siren, six pulses.
const ALARM: &[Note] = &[
    n(0.00, 988.0, 0.14, 0.65, Buzz),
    n(0.16, 740.0, 0.14, 0.65, Buzz),
    n(0.32, 988.0, 0.14, 0.65, Buzz),
    n(0.48, 740.0, 0.14, 0.65, Buzz),
    n(0.64, 988.0, 0.14, 0.65, Buzz),
    n(0.80, 740.0, 0.16, 0.65, Buzz),
];

/// The notes of a cue's motif.
fn motif(cue: Cue) -> &'static [Note] {
    match cue {
        Cue::Prepare => PREPARE,
        Cue::Begin => BEGIN,
        Cue::Halfway => HALFWAY,
        Cue::Countdown(3) => THREE,
        Cue::Countdown(2) => TWO,
        Cue::Countdown(_) => ONE,
        Cue::Release => RELEASE,
        Cue::SwitchSides => SWITCH,
        Cue::Rest => REST,
        Cue::CheckIn => CHECK_IN,
        Cue::NextTechnique => NEXT,
        Cue::Complete => COMPLETE,
        Cue::SafetyStop => ALARM,
    }
}

/// Render a cue's tone at `rate` samples per second.
pub fn render(cue: Cue, rate: u32) -> Clip {
    let notes = motif(cue);
    let total = notes.iter().map(|n| n.at + n.len).fold(0.0, f64::max);
    let rate_f = f64::from(rate);
    let mut out = vec![0.0f32; (total * rate_f).ceil() as usize];
    for note in notes {
        let start = (note.at * rate_f).round() as usize;
        let len = (note.len * rate_f).round() as usize;
        let mut sounding = Sounding::new(note, rate_f);
        for (i, slot) in out.iter_mut().skip(start).take(len).enumerate() {
            *slot += sounding.next(note, i as f64 / rate_f);
        }
    }
    Clip::new(rate, out)
}

/// One sounding note, sample by sample. The partials are sine oscillators
/// advanced by rotation and the decay by multiplication, so a sample costs
/// a few multiplications instead of a `sin` and an `exp` per partial (this
/// runs on every cue, on the player thread).
struct Sounding {
    /// The partials of the note.
    partials: Vec<Partial>,
    /// The decaying part of the envelope, and its factor per sample.
    decay: (f64, f64),
    /// Attack length in seconds.
    attack: f64,
}

/// A sine oscillator.
struct Partial {
    /// Its amplitude relative to the fundamental.
    amp: f64,
    /// Cosine and sine of the phase step per sample.
    step: (f64, f64),
    /// Cosine and sine of the phase now.
    phase: (f64, f64),
}

impl Sounding {
    fn new(note: &Note, rate: f64) -> Sounding {
        let partials: &[(f64, f64)] = match note.timbre {
            Soft => &[(1.0, 1.0)],
            Bell => &[(1.0, 1.0), (2.0, 0.3), (3.0, 0.12)],
            Tick => &[(1.0, 1.0), (2.76, 0.35)],
            Buzz => &[
                (1.0, 1.0),
                (3.0, 1.0 / 3.0),
                (5.0, 1.0 / 5.0),
                (7.0, 1.0 / 7.0),
            ],
        };
        let partials = partials
            .iter()
            // Band-limited: nothing at or above the Nyquist frequency.
            .filter(|(k, _)| note.freq * k < rate / 2.0)
            .map(|&(k, amp)| {
                let step = TAU * note.freq * k / rate;
                Partial {
                    amp,
                    step: (step.cos(), step.sin()),
                    phase: (1.0, 0.0),
                }
            })
            .collect();
        let time_constant = match note.timbre {
            Bell => Some(note.len * 0.35),
            Tick => Some(0.025),
            Soft | Buzz => None,
        };
        let factor = time_constant.map_or(1.0, |tc| (-1.0 / (tc * rate)).exp());
        let attack = match note.timbre {
            Soft => 0.012,
            Bell | Buzz => 0.004,
            Tick => 0.002,
        };
        Sounding {
            partials,
            decay: (1.0, factor),
            attack,
        }
    }

    /// The sample at `t` seconds into the note (called for t = 0, 1/rate,
    /// 2/rate… in turn).
    fn next(&mut self, note: &Note, t: f64) -> f32 {
        let mut wave = 0.0;
        for p in &mut self.partials {
            let ((c, s), (dc, ds)) = (p.phase, p.step);
            wave += p.amp * s;
            p.phase = (c * dc - s * ds, s * dc + c * ds);
        }
        // A short attack, a timbre-dependent body, a 5 ms fade at the end.
        let body = match note.timbre {
            Soft => 1.0 - 0.4 * (t / note.len),
            _ => self.decay.0,
        };
        self.decay.0 *= self.decay.1;
        let rise = (t / self.attack).min(1.0);
        let fall = ((note.len - t) / 0.005).clamp(0.0, 1.0);
        (f64::from(note.amp) * rise * body * fall * wave) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// How long each motif is meant to last.
    fn expected_len(cue: Cue) -> Duration {
        let ms = match cue {
            Cue::Prepare => 560,
            Cue::Begin => 450,
            Cue::Halfway => 380,
            Cue::Countdown(1) => 120,
            Cue::Countdown(_) => 100,
            Cue::Release => 700,
            Cue::SwitchSides => 680,
            Cue::Rest => 800,
            Cue::CheckIn => 580,
            Cue::NextTechnique => 380,
            Cue::Complete => 1080,
            Cue::SafetyStop => 960,
        };
        Duration::from_millis(ms)
    }

    #[test]
    fn every_cue_renders_with_its_length_and_a_safe_level() {
        for rate in [44_100, 48_000] {
            for cue in Cue::ALL {
                let c = render(cue, rate);
                let want = expected_len(cue);
                assert!(
                    c.duration().abs_diff(want) < Duration::from_millis(1),
                    "{cue:?} at {rate}: {:?}",
                    c.duration()
                );
                assert!(c.peak() <= 0.8, "{cue:?} clips: peak {}", c.peak());
                assert!(c.peak() >= 0.25, "{cue:?} too quiet: peak {}", c.peak());
                assert!(c.rms() >= 0.04, "{cue:?} nearly silent: rms {}", c.rms());
                // Starts and ends at (near) zero: no click.
                assert!(
                    c.samples()[0].abs() < 0.01 && c.samples()[c.len() - 1].abs() < 0.01,
                    "{cue:?}"
                );
            }
        }
    }

    #[test]
    fn the_safety_stop_is_by_far_the_loudest() {
        let stop = render(Cue::SafetyStop, 48_000);
        for cue in Cue::ALL.into_iter().filter(|&c| c != Cue::SafetyStop) {
            let other = render(cue, 48_000);
            assert!(
                stop.rms() > 1.5 * other.rms(),
                "{cue:?}: {} vs {}",
                stop.rms(),
                other.rms()
            );
        }
    }

    #[test]
    fn every_cue_sounds_different() {
        // Normalised correlation at zero lag between every pair of motifs.
        let clips: Vec<Clip> = Cue::ALL.iter().map(|&c| render(c, 16_000)).collect();
        for (i, a) in clips.iter().enumerate() {
            for (j, b) in clips.iter().enumerate().skip(i + 1) {
                let dot: f32 = a
                    .samples()
                    .iter()
                    .zip(b.samples().iter())
                    .map(|(x, y)| x * y)
                    .sum();
                let energy = |c: &Clip| c.samples().iter().map(|x| x * x).sum::<f32>().sqrt();
                let r = dot / (energy(a) * energy(b));
                assert!(
                    r.abs() < 0.5,
                    "{:?} and {:?} are too alike ({r})",
                    Cue::ALL[i],
                    Cue::ALL[j]
                );
            }
        }
    }

    #[test]
    fn the_oscillators_match_the_textbook_formula() {
        // A bell note computed directly with sin and exp, sample by sample.
        let note = n(0.0, A5, 0.45, 0.5, Bell);
        let rate = 48_000.0;
        let clip = render(Cue::Begin, 48_000);
        let worst = (0..clip.len())
            .map(|i| {
                let t = i as f64 / rate;
                let body = (-t / (note.len * 0.35)).exp();
                let rise = (t / 0.004).min(1.0);
                let fall = ((note.len - t) / 0.005).clamp(0.0, 1.0);
                let wave: f64 = [(1.0, 1.0), (2.0, 0.3), (3.0, 0.12)]
                    .iter()
                    .map(|(k, a)| a * (TAU * note.freq * k * t).sin())
                    .sum();
                let want = 0.5 * rise * body * fall * wave;
                (f64::from(clip.samples()[i]) - want).abs()
            })
            .fold(0.0, f64::max);
        assert!(worst < 1e-5, "off by {worst}");
    }

    #[test]
    fn rendering_is_deterministic() {
        assert_eq!(render(Cue::Complete, 44_100), render(Cue::Complete, 44_100));
    }
}
