//! The real sound device, through rodio (cpal over ALSA on Linux). Built
//! only with the `audio` feature.
//!
//! - A small buffer (512-frame periods, about 11 ms at 48 kHz) keeps cue
//!   onsets close to the phase boundary; if the device refuses that size,
//!   rodio's default (about 50 ms) is used instead.
//! - alsa-lib prints its complaints (no card, no sound server) straight to
//!   standard error, which would scribble over the full-screen UI. Its
//!   per-thread error handler is pointed at a memory buffer on the thread
//!   that opens the device and on the device's own callback thread.
//! - A lost device makes cpal call the error callback in a tight loop. The
//!   callback only counts (and notes a device that says it is gone); on the
//!   first error and then every few thousand it wakes the player thread,
//!   which decides whether the stream is lost and drops it (ending cpal's
//!   loop).

use std::num::NonZero;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;

use rodio::cpal::traits::{DeviceTrait, HostTrait};
use rodio::cpal::{self, BufferSize, SupportedStreamConfig};
use rodio::{ChannelCount, DeviceSinkBuilder, MixerDeviceSink, SampleRate, Source};

use super::core::{Backend, Msg, Stream};
use super::line::{Line, LineReader};

/// Frames per period asked of the device.
const PERIOD_FRAMES: u32 = 512;
/// The error callback wakes the player thread on the first error and then
/// once per this many.
const WAKE_EVERY: usize = 4096;

/// Opens the default output device, remembering what worked.
pub struct RodioBackend {
    /// Wakes the player thread when a stream fails.
    wake: Sender<Msg>,
    /// The device and configuration of the last successful open (keeps
    /// alsa-lib's parsed configuration alive and skips re-probing).
    known: Option<(cpal::Device, SupportedStreamConfig, BufferSize)>,
}

/// An open output stream playing a [`Line`].
pub struct RodioStream {
    /// Keeps the stream running; dropping it closes the device.
    _sink: MixerDeviceSink,
    /// The queue the stream plays.
    line: Line,
    /// Errors the stream has reported.
    errors: Arc<AtomicUsize>,
    /// Set when the device reported that it is gone.
    gone: Arc<AtomicBool>,
}

impl RodioBackend {
    /// A backend that wakes the player thread through `wake`.
    pub fn new(wake: Sender<Msg>) -> RodioBackend {
        RodioBackend { wake, known: None }
    }

    fn try_open(
        &self,
        device: &cpal::Device,
        config: &SupportedStreamConfig,
        buffer: BufferSize,
    ) -> Result<RodioStream, String> {
        let errors = Arc::new(AtomicUsize::new(0));
        let gone = Arc::new(AtomicBool::new(false));
        let (count, is_gone, wake) = (Arc::clone(&errors), Arc::clone(&gone), self.wake.clone());
        let mut sink = DeviceSinkBuilder::default()
            .with_device(device.clone())
            .with_supported_config(config)
            .with_buffer_size(buffer)
            .with_error_callback(move |e: cpal::Error| {
                // Called from cpal's thread, possibly in a tight loop: count,
                // and wake the player thread now and then.
                let newly_gone = e.kind() == cpal::ErrorKind::DeviceNotAvailable
                    && !is_gone.swap(true, Ordering::Relaxed);
                if count.fetch_add(1, Ordering::Relaxed) % WAKE_EVERY == 0 || newly_gone {
                    let _ = wake.send(Msg::StreamError);
                }
            })
            .open_stream()
            .map_err(|e| chain(&e))?;
        sink.log_on_drop(false);
        let rate = sink.config().sample_rate().get();
        let (line, reader) = Line::new(rate);
        sink.mixer().add(LineSource {
            reader,
            quieted: false,
        });
        Ok(RodioStream {
            _sink: sink,
            line,
            errors,
            gone,
        })
    }
}

impl Backend for RodioBackend {
    type Stream = RodioStream;

    fn open(&mut self) -> Result<RodioStream, String> {
        quiet_alsa_on_this_thread();
        if let Some((device, config, buffer)) = &self.known {
            if let Ok(s) = self.try_open(device, config, *buffer) {
                return Ok(s);
            }
        }
        self.known = None;
        let device = cpal::default_host()
            .default_output_device()
            .ok_or_else(|| "no output device".to_string())?;
        let config = device.default_output_config().map_err(|e| chain(&e))?;
        let mut last_err = String::new();
        for buffer in [BufferSize::Fixed(PERIOD_FRAMES), default_buffer(&config)] {
            match self.try_open(&device, &config, buffer) {
                Ok(s) => {
                    self.known = Some((device, config, buffer));
                    return Ok(s);
                }
                Err(e) => last_err = e,
            }
        }
        Err(last_err)
    }
}

impl Stream for RodioStream {
    fn line(&self) -> &Line {
        &self.line
    }

    fn errors(&self) -> usize {
        self.errors.load(Ordering::Relaxed)
    }

    fn gone(&self) -> bool {
        self.gone.load(Ordering::Relaxed)
    }
}

/// About 50 ms of frames, rodio's own default.
fn default_buffer(config: &SupportedStreamConfig) -> BufferSize {
    BufferSize::Fixed((config.sample_rate() / 20).next_power_of_two())
}

/// An error and its causes on one line (rodio's top-level messages are
/// vague; the cause says what happened).
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cause = c.source();
    }
    s
}

/// Send alsa-lib's error messages on this thread to a memory buffer
/// instead of standard error.
fn quiet_alsa_on_this_thread() {
    #[cfg(target_os = "linux")]
    let _ = alsa::Output::local_error_handler();
}

/// The line as a rodio source: mono at the device rate; the mixer spreads
/// it over the device's channels.
struct LineSource {
    /// The samples.
    reader: LineReader,
    /// Whether alsa-lib has been quieted on the callback thread yet.
    quieted: bool,
}

impl Iterator for LineSource {
    type Item = f32;

    fn next(&mut self) -> Option<f32> {
        if !self.quieted {
            // The first call runs on cpal's callback thread.
            self.quieted = true;
            quiet_alsa_on_this_thread();
        }
        self.reader.next()
    }
}

impl Source for LineSource {
    fn current_span_len(&self) -> Option<usize> {
        None
    }

    fn channels(&self) -> ChannelCount {
        NonZero::<u16>::MIN
    }

    fn sample_rate(&self) -> SampleRate {
        NonZero::new(self.reader.rate()).unwrap_or(NonZero::<u32>::MIN)
    }

    fn total_duration(&self) -> Option<std::time::Duration> {
        None
    }
}
