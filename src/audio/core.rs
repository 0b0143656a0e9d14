//! The player thread's logic, free of threads and clocks so it can be
//! tested with synthetic instants and a fake device: what to play for a
//! cue, which cues belong together, when to open and close the device, and
//! what to do when it is missing or lost (carry on silently, retry later).
//!
//! The device is open only while something sounds. An open stream wakes
//! the process many times a second, which costs far more CPU than the
//! countdown itself, while opening one takes a millisecond or two. Each
//! new cue (or batch of cues asked for together) gets a fresh stream whose
//! queue already holds the sound when it starts: the first samples the
//! device takes are the cue's, not a buffer of silence queued earlier. So
//! the onset does not depend on the buffer size, and the buffer can be
//! large, which keeps the stream cheap while it plays.
//!
//! A stream that reports errors is not necessarily lost: after an underrun
//! the PulseAudio plugin fails for a few milliseconds while it reconnects
//! (cpal reports a thousand or two errors in that time). A stream counts as
//! lost when its device says it is gone, or when errors still pour in a
//! while after the first one (a dead sound server makes cpal report them
//! in a tight loop, which only dropping the stream stops).

use std::time::{Duration, Instant};

use super::Sound;
use super::backend::{Backend, Msg, SharedState, Speaker, Stream};
use super::line::{Line, Part};
use super::programme::{self, PAUSE};
use super::voice::Voice;
use crate::cue::Cue;

/// After the last sample, keep the stream open for what the device buffers
/// plus this, so the end of the sound is heard.
pub const DRAIN: Duration = Duration::from_millis(60);
/// A cue handled this late is dropped (only at start-up, while the device
/// opens); the safety stop always sounds.
pub const STALE: Duration = Duration::from_millis(1500);
/// Cues asked for within this of each other form one batch and play in turn.
pub const BATCH: Duration = Duration::from_millis(100);
/// After a failed open, wait this long before trying again.
pub const RETRY: Duration = Duration::from_secs(30);
/// After a stream reports an error, wait this long (a reconnection burst
/// ends well within it), then count its errors for as long again...
pub const STORM_WINDOW: Duration = Duration::from_millis(50);
/// ...and if it reported this many in that second window, it is lost.
pub const STORM_ERRORS: usize = 1000;

/// The player thread's state.
pub struct Core<B: Backend, S: Speaker> {
    /// Opens the device.
    backend: B,
    /// Renders step titles.
    speaker: S,
    /// The master gain from `--volume`.
    gain: f32,
    /// The fixed phrases, when the voice is on.
    voice: Option<Voice>,
    /// Whether the terminal bell stands in when there is no device.
    bell: bool,
    /// What the status line shows.
    state: SharedState,
    /// The open stream and the queue it plays, if any.
    open: Option<(B::Stream, Line)>,
    /// The session is muted.
    muted: bool,
    /// When everything queued will have played.
    busy_until: Instant,
    /// When the current batch was asked for.
    batch: Option<Instant>,
    /// No open attempts before this instant (after a failure).
    retry_at: Option<Instant>,
    /// Watching a stream's errors after it reported one.
    storm: Option<Watch>,
}

/// The two steps of watching a stream's errors.
#[derive(Debug, Clone, Copy)]
enum Watch {
    /// Take the error count at this instant.
    Settle(Instant),
    /// At this instant, compare the count with this one.
    Measure(Instant, usize),
}

impl<B: Backend, S: Speaker> Core<B, S> {
    /// A player that has not touched the device yet (state: starting).
    pub fn new(
        backend: B,
        speaker: S,
        gain: f32,
        voice: Option<Voice>,
        bell: bool,
        state: SharedState,
        now: Instant,
    ) -> Self {
        state.set(Sound::Starting);
        Core {
            backend,
            speaker,
            gain,
            voice,
            bell,
            state,
            open: None,
            muted: false,
            busy_until: now,
            batch: None,
            retry_at: None,
            storm: None,
        }
    }

    /// Whether a stream is open.
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Learn whether there is a device: open a silent stream (closed again
    /// by the next tick once its buffer has drained).
    pub fn probe(&mut self, now: Instant) -> bool {
        self.rate(now)
            .is_some_and(|rate| self.start(now, rate, Vec::new()))
    }

    /// Handle one message, then do the housekeeping. Returns `false` on
    /// [`Msg::Quit`].
    pub fn handle(&mut self, msg: Msg, now: Instant) -> bool {
        let go_on = self.apply(msg, now);
        self.tick(now);
        go_on
    }

    /// Handle one message without the housekeeping (the thread applies all
    /// waiting messages, then ticks once). Returns `false` on [`Msg::Quit`].
    pub fn apply(&mut self, msg: Msg, now: Instant) -> bool {
        match msg {
            Msg::Play(cue, at) => self.play(cue, at, now),
            Msg::Say(text, at) => {
                if self.voice.is_some() && now.saturating_duration_since(at) < STALE {
                    let cue_ends = self.busy_until.saturating_duration_since(now);
                    self.speaker.speak(text, cue_ends);
                }
            }
            Msg::Mute(m) => {
                self.muted = m;
                if m {
                    self.speaker.hush();
                }
                if let (true, Some((_, line))) = (m, &self.open) {
                    line.cut();
                    self.busy_until = now;
                }
            }
            Msg::StreamError => {
                if self.open.is_some() && self.storm.is_none() {
                    self.storm = Some(Watch::Settle(now + STORM_WINDOW));
                }
            }
            Msg::Quit => return false,
        }
        true
    }

    /// Close the stream, and find the device's rate for a new one (`None`,
    /// and quiet, if there is no device).
    fn rate(&mut self, now: Instant) -> Option<u32> {
        self.close();
        if self.retry_at.is_some_and(|r| now < r) {
            return None;
        }
        match self.backend.rate() {
            Ok(rate) => {
                self.state.set_route(self.backend.route());
                Some(rate)
            }
            Err(_) => {
                self.failed(now);
                None
            }
        }
    }

    /// Open a fresh stream at `rate` whose queue already holds `parts`.
    fn start(&mut self, now: Instant, rate: u32, parts: Vec<Part>) -> bool {
        let (line, reader) = Line::new(rate);
        let length = programme::duration(&parts, rate);
        for p in parts {
            line.push(p);
        }
        match self.backend.start(reader) {
            Ok(stream) => {
                self.open = Some((stream, line));
                self.state.set(Sound::On);
                self.retry_at = None;
                self.busy_until = now + length;
                true
            }
            Err(_) => self.failed(now),
        }
    }

    /// Drop the stream (closing the device) and stop watching its errors.
    fn close(&mut self) {
        self.open = None;
        self.storm = None;
    }

    /// The device could not be opened: quiet until [`RETRY`] has passed.
    fn failed(&mut self, now: Instant) -> bool {
        self.close();
        self.state.set(if self.bell {
            Sound::Bell
        } else {
            Sound::NoDevice
        });
        self.retry_at = Some(now + RETRY);
        false
    }

    fn play(&mut self, cue: Cue, at: Instant, now: Instant) {
        let urgent = cue == Cue::SafetyStop;
        if !urgent && now.saturating_duration_since(at) > STALE {
            return;
        }
        let same_batch = !urgent
            && self.busy_until > now
            && self
                .batch
                .is_some_and(|b| at.saturating_duration_since(b) <= BATCH);
        let (gain, voice) = (self.gain, self.voice.as_ref());
        if let (true, Some((_, line))) = (same_batch, &self.open) {
            let rate = line.rate();
            let parts = programme::parts(cue, rate, gain, voice);
            self.busy_until += PAUSE + programme::duration(&parts, rate);
            line.push(programme::pause(rate));
            parts.into_iter().for_each(|p| line.push(p));
            return;
        }
        // A newer cue wins over whatever still sounds, on a fresh stream.
        let Some(rate) = self.rate(now) else { return };
        let parts = programme::parts(cue, rate, self.gain, self.voice.as_ref());
        if self.start(now, rate, parts) {
            self.batch = Some(at);
        }
    }

    /// Whether the open stream is lost (see the module notes).
    fn stream_lost(&mut self, now: Instant) -> bool {
        let Some((s, _)) = &self.open else {
            return false;
        };
        if s.gone() {
            return true;
        }
        match self.storm {
            Some(Watch::Settle(at)) if now >= at => {
                self.storm = Some(Watch::Measure(now + STORM_WINDOW, s.errors()));
                false
            }
            Some(Watch::Measure(at, count)) if now >= at => {
                self.storm = None;
                s.errors().saturating_sub(count) >= STORM_ERRORS
            }
            _ => false,
        }
    }

    /// When the open stream will have played everything queued.
    fn drained_at(&self) -> Option<Instant> {
        let (stream, _) = self.open.as_ref()?;
        Some(self.busy_until + stream.buffered() + DRAIN)
    }

    /// Housekeeping at `now`: replace a lost stream (or go quiet if the
    /// device cannot be opened again), close a stream that has gone quiet.
    pub fn tick(&mut self, now: Instant) {
        if self.stream_lost(now) {
            // Whatever was queued is gone with it; one attempt at a new
            // stream tells whether the device is still there.
            self.probe(now);
        }
        if self.drained_at().is_some_and(|at| now >= at) {
            self.close();
        }
    }

    /// When [`Core::tick`] next has something to do, if ever.
    pub fn next_wake(&self) -> Option<Instant> {
        let drained = self.drained_at()?;
        Some(match self.storm {
            Some(Watch::Settle(at) | Watch::Measure(at, _)) => at.min(drained),
            None => drained,
        })
    }
}

#[cfg(test)]
mod tests;
