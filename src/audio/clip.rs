//! A short mono sound: samples in -1.0..=1.0 at a sample rate. Tones are
//! rendered into clips, spoken prompts are read into them, and the
//! playback line plays them (resampling on the fly when the device runs at
//! another rate). Also the level measures the tests use.
//!
//! The spoken prompts embedded in the binary are played where they lie,
//! as 16-bit samples: converting them all to floats at start-up would hold
//! about 450 KB of memory for a whole session to say a few words.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

/// A mono sound. Cloning is cheap: the samples are shared.
#[derive(Debug, Clone, PartialEq)]
pub struct Clip {
    /// Samples per second.
    rate: u32,
    /// The samples, nominally within -1.0..=1.0.
    samples: Samples,
}

/// Where a clip's samples are.
#[derive(Debug, Clone, PartialEq)]
enum Samples {
    /// In memory, as floats.
    Owned(Arc<[f32]>),
    /// 16-bit little-endian PCM in the program itself, read in place.
    Embedded(&'static [u8]),
}

impl Clip {
    /// A clip of `samples` at `rate` samples per second (`rate` > 0).
    pub fn new(rate: u32, samples: impl Into<Arc<[f32]>>) -> Clip {
        assert!(rate > 0, "a clip needs a sample rate");
        Clip {
            rate,
            samples: Samples::Owned(samples.into()),
        }
    }

    /// A clip over 16-bit little-endian mono PCM data embedded in the
    /// program (`rate` > 0; a trailing odd byte is ignored).
    pub fn embedded(rate: u32, pcm: &'static [u8]) -> Clip {
        assert!(rate > 0, "a clip needs a sample rate");
        Clip {
            rate,
            samples: Samples::Embedded(pcm),
        }
    }

    /// Samples per second.
    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// The samples (converted, for an embedded clip).
    pub fn samples(&self) -> Cow<'_, [f32]> {
        match &self.samples {
            Samples::Owned(s) => Cow::Borrowed(s),
            Samples::Embedded(_) => {
                Cow::Owned((0..self.len()).filter_map(|i| self.get(i)).collect())
            }
        }
    }

    /// Sample `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<f32> {
        match &self.samples {
            Samples::Owned(s) => s.get(i).copied(),
            Samples::Embedded(b) => {
                let at = i.checked_mul(2)?;
                let pair = b.get(at..at + 2)?;
                Some(f32::from(i16::from_le_bytes([pair[0], pair[1]])) / 32768.0)
            }
        }
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        match &self.samples {
            Samples::Owned(s) => s.len(),
            Samples::Embedded(b) => b.len() / 2,
        }
    }

    /// Whether the clip has no samples.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How long the clip plays.
    pub fn duration(&self) -> Duration {
        Duration::from_secs_f64(self.len() as f64 / f64::from(self.rate))
    }

    /// The largest absolute sample value.
    pub fn peak(&self) -> f32 {
        self.samples().iter().fold(0.0, |m, s| m.max(s.abs()))
    }

    /// Root-mean-square level over the whole clip.
    pub fn rms(&self) -> f32 {
        let samples = self.samples();
        if samples.is_empty() {
            return 0.0;
        }
        let sum: f64 = samples.iter().map(|&s| f64::from(s) * f64::from(s)).sum();
        (sum / samples.len() as f64).sqrt() as f32
    }

    /// The same sound at another sample rate (linear interpolation; good
    /// enough for speech and for tones well below either Nyquist limit).
    pub fn resampled(&self, rate: u32) -> Clip {
        if rate == self.rate || self.is_empty() {
            return Clip {
                rate,
                samples: self.samples.clone(),
            };
        }
        let step = f64::from(self.rate) / f64::from(rate);
        let n = (self.len() as f64 / step).floor() as usize;
        let out: Vec<f32> = (0..n).map(|i| self.at(i as f64 * step)).collect();
        Clip::new(rate, out)
    }

    /// The clip without leading and trailing samples quieter than
    /// `threshold` (absolute level).
    pub fn trimmed(&self, threshold: f32) -> Clip {
        let samples = self.samples();
        let loud = |s: &f32| s.abs() >= threshold;
        let start = samples.iter().position(loud).unwrap_or(0);
        let end = samples.iter().rposition(loud).map_or(start, |i| i + 1);
        Clip::new(self.rate, &samples[start..end])
    }

    /// The value at fractional position `pos` (linear interpolation; 0.0
    /// past the end).
    pub(crate) fn at(&self, pos: f64) -> f32 {
        let i = pos.floor() as usize;
        let frac = (pos - i as f64) as f32;
        let a = self.get(i).unwrap_or(0.0);
        let b = self.get(i + 1).unwrap_or(0.0);
        a + (b - a) * frac
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(rate: u32, freq: f32, secs: f32) -> Clip {
        let n = (rate as f32 * secs) as usize;
        let s: Vec<f32> = (0..n)
            .map(|i| (std::f32::consts::TAU * freq * i as f32 / rate as f32).sin() * 0.5)
            .collect();
        Clip::new(rate, s)
    }

    #[test]
    fn duration_peak_and_rms() {
        let c = sine(48_000, 440.0, 0.5);
        assert_eq!(c.len(), 24_000);
        assert_eq!(c.duration(), Duration::from_millis(500));
        assert!((c.peak() - 0.5).abs() < 1e-3);
        assert!((c.rms() - 0.5 / 2f32.sqrt()).abs() < 1e-3);
        assert_eq!(Clip::new(8000, Vec::new()).rms(), 0.0);
    }

    #[test]
    fn resampling_keeps_length_in_time_and_pitch() {
        let c = sine(16_000, 440.0, 0.25);
        let r = c.resampled(48_000);
        assert_eq!(r.rate(), 48_000);
        assert!(r.duration().abs_diff(c.duration()) < Duration::from_millis(1));
        // Same level, and the same number of rising zero crossings (pitch).
        assert!((r.rms() - c.rms()).abs() < 0.01);
        let crossings = |c: &Clip| {
            c.samples()
                .windows(2)
                .filter(|w| w[0] < 0.0 && w[1] >= 0.0)
                .count()
        };
        assert_eq!(crossings(&r), crossings(&c));
    }

    #[test]
    fn trimming_drops_quiet_ends_only() {
        let mut s = vec![0.0; 100];
        s.extend([0.5, 0.0, -0.5]);
        s.extend(vec![0.001; 50]);
        let t = Clip::new(1000, s).trimmed(0.01);
        assert_eq!(*t.samples(), [0.5, 0.0, -0.5]);
        assert!(Clip::new(1000, vec![0.0; 10]).trimmed(0.01).is_empty());
    }

    #[test]
    fn an_embedded_clip_reads_its_16_bit_samples_in_place() {
        static PCM: [u8; 7] = [0x00, 0x00, 0x00, 0x40, 0x00, 0x80, 0xFF];
        let c = Clip::embedded(8000, &PCM);
        assert_eq!(c.len(), 3, "the odd byte is not a sample");
        assert_eq!(*c.samples(), [0.0, 0.5, -1.0]);
        assert_eq!(c.get(3), None);
        assert_eq!(c.at(0.5), 0.25);
        assert_eq!(c.resampled(8000).len(), 3);
        assert_eq!(c.resampled(16_000).len(), 6);
    }
}
