//! The player thread's logic, free of threads and clocks so it can be
//! tested with synthetic instants and a fake device: which sound to queue
//! for a cue, which cues belong together, when to open the device and when
//! to close it again, and what to do when the device is missing or lost
//! (carry on silently, retry later).
//!
//! The device is open only while something sounds. An open low-latency
//! stream wakes the process about 90 times a second, which costs far more
//! CPU than the countdown itself, while opening one takes a millisecond or
//! two. A freshly opened stream also starts with our sound instead of a
//! buffer of silence, so a cue that opens the device starts *sooner* after
//! its instant than one played into a stream kept open for it (measured:
//! about 6-10 ms against 15-20 ms). The stream is kept between cues only
//! when the next one is due within [`KEEP`].
//!
//! A stream that reports errors is not necessarily lost: after an underrun
//! the PulseAudio plugin fails for a few milliseconds while it reconnects
//! (cpal reports a thousand or two errors in that time). A stream counts as
//! lost when its device says it is gone, or when errors still pour in a
//! while after the first one (a dead sound server makes cpal report them
//! in a tight loop, which only dropping the stream stops).

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

use super::clip::Clip;
use super::line::Line;
use super::programme::{self, PAUSE};
use super::voice::Voice;
use crate::cue::Cue;
use crate::ui::Sound;

/// After the sound ends, keep the device open this long so the last
/// samples drain out of the device buffer.
pub const TAIL: Duration = Duration::from_millis(100);
/// Stay open between cues closer together than this (reopening costs
/// about as much CPU as this long an open, quiet stream).
pub const KEEP: Duration = Duration::from_millis(100);
/// An expected cue that has not come this long after its instant is
/// forgotten (paused or skipped meanwhile).
pub const LATE: Duration = Duration::from_millis(500);
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
/// A spoken step title that arrives this long after its cue is dropped.
const SAY_STALE: Duration = Duration::from_secs(3);

/// What the app tells the player thread.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Sound a cue; the instant the session asked for it.
    Play(Cue, Instant),
    /// Speak a step's words; the instant the session asked for it.
    Say(String, Instant),
    /// Speech rendered in the background for batch `batch`.
    Spoken { batch: u64, clip: Clip },
    /// The instant of the next cue the session will emit by itself.
    Expect(Option<Instant>),
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
    /// An open, running output stream that plays its line.
    type Stream: Stream;
    /// Open the default output device (silent until something is pushed).
    fn open(&mut self) -> Result<Self::Stream, String>;
}

/// An open output stream.
pub trait Stream {
    /// The queue the stream plays from.
    fn line(&self) -> &Line;
    /// How many errors the stream has reported.
    fn errors(&self) -> usize;
    /// Whether the device said it is gone (unplugged).
    fn gone(&self) -> bool;
}

/// Renders a step's words in the background; the result comes back as
/// [`Msg::Spoken`] tagged with `batch`.
pub trait Speaker {
    fn speak(&mut self, text: String, batch: u64);
}

/// The shared sound state as the status line shows it.
#[derive(Debug, Clone, Default)]
pub struct SharedState(Arc<AtomicU8>);

impl SharedState {
    pub fn get(&self) -> Sound {
        match self.0.load(Ordering::Acquire) {
            1 => Sound::On,
            2 => Sound::NoDevice,
            3 => Sound::Off,
            4 => Sound::Bell,
            _ => Sound::Starting,
        }
    }

    pub fn set(&self, s: Sound) {
        let v = match s {
            Sound::Starting => 0,
            Sound::On => 1,
            Sound::NoDevice => 2,
            Sound::Off => 3,
            Sound::Bell => 4,
        };
        self.0.store(v, Ordering::Release);
    }
}

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
    /// The open stream, if any.
    stream: Option<B::Stream>,
    /// The next cue the session will emit by itself.
    expected: Option<Instant>,
    /// The session is muted.
    muted: bool,
    /// When everything queued on the line will have played.
    busy_until: Instant,
    /// The current batch: its number and when it was asked for.
    batch: (u64, Option<Instant>),
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
            stream: None,
            expected: None,
            muted: false,
            busy_until: now,
            batch: (0, None),
            retry_at: None,
            storm: None,
        }
    }

    /// Whether a stream is open.
    pub fn is_open(&self) -> bool {
        self.stream.is_some()
    }

    /// Handle one message, then do the housekeeping. Returns `false` on
    /// [`Msg::Quit`].
    pub fn handle(&mut self, msg: Msg, now: Instant) -> bool {
        let go_on = self.apply(msg, now);
        self.tick(now);
        go_on
    }

    /// Handle one message without the housekeeping (the thread applies a
    /// whole batch of waiting messages, then ticks once). Returns `false`
    /// on [`Msg::Quit`].
    pub fn apply(&mut self, msg: Msg, now: Instant) -> bool {
        match msg {
            Msg::Play(cue, at) => self.play(cue, at, now),
            Msg::Say(text, at) => {
                if self.voice.is_some() && now.saturating_duration_since(at) < STALE {
                    self.speaker.speak(text, self.batch.0);
                }
            }
            Msg::Spoken { batch, clip } => self.spoken(batch, clip, now),
            Msg::Expect(at) => self.expected = at,
            Msg::Mute(m) => {
                self.muted = m;
                if let (true, Some(s)) = (m, &self.stream) {
                    s.line().cut();
                    self.busy_until = now;
                }
            }
            Msg::StreamError => {
                if self.stream.is_some() && self.storm.is_none() {
                    self.storm = Some(Watch::Settle(now + STORM_WINDOW));
                }
            }
            Msg::Quit => return false,
        }
        true
    }

    /// Open the device if it is not open; `false` if it cannot be.
    pub fn ensure_open(&mut self, now: Instant) -> bool {
        if self.stream.is_some() {
            return true;
        }
        if self.retry_at.is_some_and(|r| now < r) {
            return false;
        }
        match self.backend.open() {
            Ok(s) => {
                self.stream = Some(s);
                self.state.set(Sound::On);
                self.retry_at = None;
                self.busy_until = now;
                self.batch.1 = None;
                self.storm = None;
                true
            }
            Err(_) => {
                self.failed(now);
                false
            }
        }
    }

    /// Drop the stream (closing the device) and stop watching its errors.
    fn close(&mut self) {
        self.stream = None;
        self.storm = None;
    }

    fn failed(&mut self, now: Instant) {
        self.close();
        self.state.set(if self.bell {
            Sound::Bell
        } else {
            Sound::NoDevice
        });
        self.retry_at = Some(now + RETRY);
    }

    fn play(&mut self, cue: Cue, at: Instant, now: Instant) {
        let urgent = cue == Cue::SafetyStop;
        if !urgent && now.saturating_duration_since(at) > STALE {
            return;
        }
        if !self.ensure_open(now) {
            return;
        }
        let Some(stream) = &self.stream else { return };
        let line = stream.line();
        let rate = line.rate();
        let parts = programme::parts(cue, rate, self.gain, self.voice.as_ref());
        let same_batch = !urgent
            && self.busy_until > now
            && self
                .batch
                .1
                .is_some_and(|b| at.saturating_duration_since(b) <= BATCH);
        let start = if same_batch {
            line.push(programme::pause(rate));
            self.busy_until + PAUSE
        } else {
            // A newer cue wins over whatever still sounds.
            line.cut();
            self.batch = (self.batch.0 + 1, Some(at));
            now
        };
        self.busy_until = start + programme::duration(&parts, rate);
        for p in parts {
            line.push(p);
        }
    }

    fn spoken(&mut self, batch: u64, clip: Clip, now: Instant) {
        let fresh = self
            .batch
            .1
            .is_some_and(|b| now.saturating_duration_since(b) < SAY_STALE);
        if batch != self.batch.0 || !fresh || self.muted || !self.ensure_open(now) {
            return;
        }
        let Some(stream) = &self.stream else { return };
        let line = stream.line();
        let start = self.busy_until.max(now);
        if start > now {
            line.push(programme::pause(line.rate()));
        }
        self.busy_until = start + PAUSE + clip.duration();
        line.push(programme::speech(clip, self.gain));
    }

    /// Whether an expected cue is due within `ahead` (and not long past).
    fn expecting(&self, now: Instant, ahead: Duration) -> Option<Instant> {
        self.expected
            .filter(|&e| !self.muted && e <= now + ahead && now < e + LATE)
    }

    /// Whether the open stream is lost (see the module notes).
    fn stream_lost(&mut self, now: Instant) -> bool {
        let Some(s) = &self.stream else { return false };
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

    /// Housekeeping at `now`: replace a lost stream (or go quiet if the
    /// device cannot be opened again), close a stream that has gone quiet.
    pub fn tick(&mut self, now: Instant) {
        if self.stream_lost(now) {
            // Whatever was queued is gone with it; one attempt at a new
            // stream tells whether the device is still there.
            self.close();
            self.ensure_open(now);
        }
        let drained = now >= self.busy_until + TAIL;
        if self.stream.is_some() && drained && self.expecting(now, KEEP).is_none() {
            self.close();
        }
    }

    /// When [`Core::tick`] next has something to do, if ever.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        let mut wake: Option<Instant> = None;
        let mut consider = |at: Instant| wake = Some(wake.map_or(at, |w: Instant| w.min(at)));
        if self.stream.is_none() {
            // Nothing to do until asked to play.
            return None;
        }
        if let Some(Watch::Settle(at) | Watch::Measure(at, _)) = self.storm {
            consider(at);
        }
        let drained = self.busy_until + TAIL;
        if drained > now {
            consider(drained);
        } else if let Some(e) = self.expecting(now, KEEP) {
            consider(e + LATE);
        }
        wake
    }
}

#[cfg(test)]
mod tests;
