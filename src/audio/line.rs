//! The playback line: a queue of sounds and gaps that the audio callback
//! drains sample by sample, at the device's rate. The player thread pushes
//! parts and can cut everything short (a newer cue wins; what was playing
//! fades out over 5 ms instead of clicking). The callback side never blocks:
//! it only `try_lock`s the queue between parts and plays silence when the
//! queue is empty.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use super::clip::Clip;

/// Something to play in turn.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// A clip, played at `gain` (resampled on the fly if its rate differs).
    Sound { clip: Clip, gain: f32 },
    /// Silence, in samples at the line's rate.
    Gap(usize),
}

/// What both sides share.
#[derive(Debug, Default)]
struct Shared {
    /// Parts waiting to play, each tagged with the generation it belongs to.
    queue: Mutex<VecDeque<(u64, Part)>>,
    /// Bumped by [`Line::cut`]; older parts stop.
    generation: AtomicU64,
}

/// The player thread's end of the line.
#[derive(Debug, Clone)]
pub struct Line {
    /// The queue and generation shared with the reader.
    shared: Arc<Shared>,
    /// The line's sample rate.
    rate: u32,
}

/// The audio callback's end: an endless iterator of samples.
#[derive(Debug)]
pub struct LineReader {
    /// The queue and generation shared with the [`Line`].
    shared: Arc<Shared>,
    /// The line's sample rate.
    rate: u32,
    /// The part playing now, with its generation.
    current: Option<(u64, Playing)>,
    /// Samples left in a fade-out, when cut.
    fade_left: Option<u32>,
}

/// The part being played and how far it has got.
#[derive(Debug)]
enum Playing {
    Sound {
        /// The clip.
        clip: Clip,
        /// Fractional read position in `data`.
        pos: f64,
        /// How far `pos` moves per output sample (clip rate / line rate).
        step: f64,
        /// Gain applied to every sample.
        gain: f32,
    },
    /// Samples of silence left.
    Gap(usize),
}

impl Line {
    /// A new, empty line at `rate` samples per second.
    pub fn new(rate: u32) -> (Line, LineReader) {
        let shared = Arc::new(Shared::default());
        let reader = LineReader {
            shared: Arc::clone(&shared),
            rate,
            current: None,
            fade_left: None,
        };
        (Line { shared, rate }, reader)
    }

    /// The line's sample rate.
    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// Queue a part after everything already queued.
    pub fn push(&self, part: Part) {
        let mut q = self.shared.queue.lock().unwrap_or_else(|e| e.into_inner());
        q.push_back((self.shared.generation.load(Ordering::Acquire), part));
    }

    /// Drop everything queued and fade out what is playing.
    pub fn cut(&self) {
        let mut q = self.shared.queue.lock().unwrap_or_else(|e| e.into_inner());
        q.clear();
        self.shared.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// How many parts wait in the queue (not counting the one playing).
    pub fn queued(&self) -> usize {
        self.shared.queue.lock().map_or(0, |q| q.len())
    }
}

impl LineReader {
    /// The line's sample rate.
    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// Take the next part, if the queue is free and not empty.
    fn next_part(&mut self) -> Option<(u64, Playing)> {
        let mut q = self.shared.queue.try_lock().ok()?;
        let (generation, part) = q.pop_front()?;
        let playing = match part {
            Part::Sound { clip, gain } => Playing::Sound {
                step: f64::from(clip.rate()) / f64::from(self.rate),
                clip,
                pos: 0.0,
                gain,
            },
            Part::Gap(n) => Playing::Gap(n),
        };
        Some((generation, playing))
    }
}

impl Iterator for LineReader {
    type Item = f32;

    fn next(&mut self) -> Option<f32> {
        let generation = self.shared.generation.load(Ordering::Acquire);
        loop {
            if self.current.is_none() {
                self.fade_left = None;
                self.current = self.next_part();
            }
            let Some((part_gen, playing)) = &mut self.current else {
                return Some(0.0);
            };
            if *part_gen < generation && self.fade_left.is_none() {
                // Cut: fade sounds out over 5 ms, drop gaps at once.
                match playing {
                    Playing::Sound { .. } => self.fade_left = Some((self.rate / 200).max(1)),
                    Playing::Gap(_) => {
                        self.current = None;
                        continue;
                    }
                }
            }
            let sample = match playing {
                Playing::Gap(0) => None,
                Playing::Gap(n) => {
                    *n -= 1;
                    Some(0.0)
                }
                Playing::Sound {
                    clip,
                    pos,
                    step,
                    gain,
                } => {
                    if clip.is_empty() || *pos > (clip.len() - 1) as f64 {
                        None
                    } else {
                        let s = clip.at(*pos) * *gain;
                        *pos += *step;
                        Some(s)
                    }
                }
            };
            let Some(mut sample) = sample else {
                self.current = None;
                continue;
            };
            if let Some(left) = &mut self.fade_left {
                sample *= *left as f32 / (self.rate / 200).max(1) as f32;
                *left -= 1;
                if *left == 0 {
                    self.current = None;
                }
            }
            return Some(sample);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sound(samples: &[f32], rate: u32, gain: f32) -> Part {
        Part::Sound {
            clip: Clip::new(rate, samples.to_vec()),
            gain,
        }
    }

    #[test]
    fn plays_parts_in_order_then_silence() {
        let (line, mut reader) = Line::new(1000);
        line.push(sound(&[0.5, 0.25], 1000, 1.0));
        line.push(Part::Gap(2));
        line.push(sound(&[1.0], 1000, 0.5));
        let out: Vec<f32> = reader.by_ref().take(7).collect();
        assert_eq!(out, vec![0.5, 0.25, 0.0, 0.0, 0.5, 0.0, 0.0]);
        assert_eq!(line.queued(), 0);
    }

    #[test]
    fn resamples_clips_at_another_rate() {
        let (line, reader) = Line::new(2000);
        line.push(sound(&[0.0, 1.0, 0.0], 1000, 1.0));
        let out: Vec<f32> = reader.take(6).collect();
        assert_eq!(out, vec![0.0, 0.5, 1.0, 0.5, 0.0, 0.0]);
    }

    #[test]
    fn a_cut_fades_out_and_drops_the_queue() {
        let (line, mut reader) = Line::new(1000);
        line.push(sound(&[1.0; 100], 1000, 1.0));
        line.push(sound(&[0.7; 100], 1000, 1.0));
        assert_eq!(reader.next(), Some(1.0));
        line.cut();
        line.push(sound(&[0.3; 3], 1000, 1.0));
        // 1000 Hz / 200 = a 5-sample fade, then the new part, then silence.
        let out: Vec<f32> = reader.take(10).collect();
        assert_eq!(out, vec![1.0, 0.8, 0.6, 0.4, 0.2, 0.3, 0.3, 0.3, 0.0, 0.0]);
    }

    #[test]
    fn a_cut_part_pushed_before_the_reader_looks_still_plays() {
        // The reader takes a part pushed after a cut: it must not be faded.
        let (line, reader) = Line::new(1000);
        line.cut();
        line.push(sound(&[0.5; 3], 1000, 1.0));
        let out: Vec<f32> = reader.take(4).collect();
        assert_eq!(out, vec![0.5, 0.5, 0.5, 0.0]);
    }

    #[test]
    fn a_busy_queue_never_blocks_the_reader() {
        let (line, mut reader) = Line::new(1000);
        line.push(sound(&[0.5], 1000, 1.0));
        let guard = line.shared.queue.lock().unwrap();
        assert_eq!(reader.next(), Some(0.0));
        drop(guard);
        assert_eq!(reader.next(), Some(0.5));
    }
}
