//! Reading a recording: the wall-clock time of each sample (from the
//! recorder's chunk arrival times), and where a known sound starts
//! (normalised cross-correlation with the sound itself).

use std::time::{Duration, Instant};

use super::pulse::{RATE, Tape};

/// Ties sample positions in a recording to the wall clock.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    /// The capture time of sample 0.
    origin: Instant,
    /// Seconds of wall clock per second of samples (close to 1).
    slope: f64,
}

impl Clock {
    /// Fit the clock to the recorder's chunk arrivals. Each chunk arrives
    /// a little after its last sample was captured; the earliest arrivals
    /// (the lower envelope, taken in each half of the recording) are the
    /// closest to capture time.
    pub fn fit(tape: &Tape) -> Clock {
        let first = tape.arrivals[0].0;
        // (samples time, arrival - samples time), skipping the start-up burst.
        let points: Vec<(f64, f64)> = tape
            .arrivals
            .iter()
            .map(|&(at, n)| {
                let s = n as f64 / f64::from(RATE);
                (s, at.duration_since(first).as_secs_f64() - s)
            })
            .filter(|&(s, _)| s > 0.5)
            .collect();
        assert!(points.len() > 20, "too short a recording to fit a clock");
        let half = points.len() / 2;
        let low = |p: &[(f64, f64)]| *p.iter().min_by(|a, b| a.1.total_cmp(&b.1)).expect("points");
        let (a, b) = (low(&points[..half]), low(&points[half..]));
        let drift = if b.0 > a.0 {
            (b.1 - a.1) / (b.0 - a.0)
        } else {
            0.0
        };
        let offset0 = a.1 - drift * a.0;
        Clock {
            origin: shift(first, offset0),
            slope: 1.0 + drift,
        }
    }

    /// The sample position captured at `t`.
    pub fn index_at(&self, t: Instant) -> usize {
        let secs = signed_secs(self.origin, t) / self.slope;
        (secs * f64::from(RATE)).round().max(0.0) as usize
    }

    /// When sample `i` was captured.
    pub fn time_of(&self, i: usize) -> Instant {
        shift(self.origin, i as f64 / f64::from(RATE) * self.slope)
    }
}

/// `t` moved by `secs` (either way).
pub fn shift(t: Instant, secs: f64) -> Instant {
    let d = Duration::from_secs_f64(secs.abs());
    if secs >= 0.0 { t + d } else { t - d }
}

/// `b - a` in seconds, negative when `b` is earlier.
pub fn signed_secs(a: Instant, b: Instant) -> f64 {
    if b >= a {
        b.duration_since(a).as_secs_f64()
    } else {
        -a.duration_since(b).as_secs_f64()
    }
}

/// Where `template` best matches `signal` with its start within `window`
/// samples of `around`: (start index, normalised correlation -1..1).
/// Searched at a quarter of the rate first, then refined at full rate.
pub fn find(
    signal: &[i16],
    template: &[f32],
    around: usize,
    window: usize,
) -> Option<(usize, f32)> {
    const STEP: usize = 4;
    let signal: Vec<f32> = signal.iter().map(|&s| f32::from(s) / 32768.0).collect();
    let m = template.len();
    let lo = around.saturating_sub(window);
    let hi = (around + window).min(signal.len().checked_sub(m)?);
    if lo > hi {
        return None;
    }
    let coarse_sig = decimate(&signal, STEP);
    let coarse_tpl = decimate(template, STEP);
    let coarse = (lo / STEP..=hi / STEP)
        .filter(|&l| l + coarse_tpl.len() <= coarse_sig.len())
        .map(|l| {
            (
                l * STEP,
                correlate(&coarse_sig[l..l + coarse_tpl.len()], &coarse_tpl),
            )
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    let fine_lo = coarse.0.saturating_sub(2 * STEP).max(lo);
    let fine_hi = (coarse.0 + 2 * STEP).min(hi);
    (fine_lo..=fine_hi)
        .map(|l| (l, correlate(&signal[l..l + m], template)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// Normalised correlation of two equally long pieces.
pub fn correlate(a: &[f32], b: &[f32]) -> f32 {
    let (mut ab, mut aa, mut bb) = (0.0f64, 0.0f64, 0.0f64);
    for (&x, &y) in a.iter().zip(b) {
        let (x, y) = (f64::from(x), f64::from(y));
        ab += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa == 0.0 || bb == 0.0 {
        return 0.0;
    }
    (ab / (aa * bb).sqrt()) as f32
}

/// Root-mean-square level of samples `from..to` of a recording.
pub fn rms(signal: &[i16], from: usize, to: usize) -> f32 {
    let part = &signal[from.min(signal.len())..to.min(signal.len())];
    if part.is_empty() {
        return 0.0;
    }
    let sum: f64 = part.iter().map(|&s| (f64::from(s) / 32768.0).powi(2)).sum();
    (sum / part.len() as f64).sqrt() as f32
}

/// Every `step` samples summed into one (a crude low-pass and decimation,
/// applied alike to the signal and the template).
fn decimate(x: &[f32], step: usize) -> Vec<f32> {
    x.chunks_exact(step).map(|c| c.iter().sum()).collect()
}

/// Write mono 16-bit samples at [`RATE`] as a WAV file (to listen to or
/// inspect a recording).
pub fn write_wav(path: &std::path::Path, samples: &[i16]) -> std::io::Result<()> {
    let data = (samples.len() * 2) as u32;
    let mut b = Vec::with_capacity(44 + data as usize);
    b.extend(b"RIFF");
    b.extend((36 + data).to_le_bytes());
    b.extend(b"WAVEfmt ");
    b.extend(16u32.to_le_bytes());
    b.extend(1u16.to_le_bytes());
    b.extend(1u16.to_le_bytes());
    b.extend(RATE.to_le_bytes());
    b.extend((RATE * 2).to_le_bytes());
    b.extend(2u16.to_le_bytes());
    b.extend(16u16.to_le_bytes());
    b.extend(b"data");
    b.extend(data.to_le_bytes());
    for s in samples {
        b.extend(s.to_le_bytes());
    }
    std::fs::write(path, b)
}
