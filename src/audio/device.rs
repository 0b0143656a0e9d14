//! The real sound device: the playback line, spread over the device's
//! channels by rodio's channel converter, on a cpal output
//! stream (cpal as rodio re-exports it). Built only with the `audio`
//! feature.
//!
//! - Every cue starts on a fresh stream whose line already holds it, so the
//!   first samples the device takes are the cue's. rodio's ready-made
//!   `MixerDeviceSink` starts its stream before a source can be added, so
//!   under load its first periods are silence and the cue waits behind
//!   them; starting the stream here, with the line in place, avoids that.
//!   The onset then hardly depends on the buffer, which can be large:
//!   4096-frame periods (about 85 ms at 48 kHz). Measured against a
//!   PulseAudio server, a playing stream cost 3.4 ms of CPU per second at
//!   2048-frame periods, 2.1 ms at 4096 and 1.8 ms at 8192 (the server asks
//!   for data less often). At 8192 some onsets came ~50 ms late, so 4096.
//!   The price: muting lets what the device already holds (at most two
//!   periods) play out. If the device does not offer that size, its
//!   default is used.
//! - The stream is mono 16-bit at the device's rate when the device takes
//!   that (PulseAudio does): a quarter of the bytes of stereo floats, and
//!   about a tenth less CPU per second of sound.
//! - The line already plays one sound after another, so no mixer runs in
//!   the callback: rodio's mixer looks for new sources at every sample,
//!   which more than doubled the cost of a playing stream (measured: 4.8
//!   against 1.9 ms of CPU per second at 2048-frame periods).
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
use std::time::Duration;

use rodio::conversions::ChannelCountConverter;
use rodio::cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use rodio::cpal::{
    self, BufferSize, FromSample, SampleFormat, SizedSample, StreamConfig, SupportedBufferSize,
    SupportedStreamConfig,
};

use super::backend::{Backend, Msg, Stream};
use super::line::LineReader;

/// Frames per period asked of the device (the buffer holds two).
const PERIOD_FRAMES: u32 = 4096;
/// The error callback wakes the player thread on the first error and then
/// once per this many.
const WAKE_EVERY: usize = 4096;

/// Opens the default output device, remembering what it found.
pub struct RodioBackend {
    /// Wakes the player thread when a stream fails.
    wake: Sender<Msg>,
    /// The device, its configuration and the buffer size to ask for, once
    /// found (keeps alsa-lib's parsed configuration alive and spares
    /// probing the device for every cue).
    known: Option<(cpal::Device, SupportedStreamConfig, BufferSize)>,
}

/// A running output stream.
pub struct RodioStream {
    /// Dropping it closes the device.
    _stream: cpal::Stream,
    /// Errors the stream has reported.
    errors: Arc<AtomicUsize>,
    /// Set when the device reported that it is gone.
    gone: Arc<AtomicBool>,
    /// What the device buffers: two periods.
    buffered: Duration,
}

impl RodioBackend {
    /// A backend that wakes the player thread through `wake`.
    pub fn new(wake: Sender<Msg>) -> RodioBackend {
        RodioBackend { wake, known: None }
    }
}

impl Backend for RodioBackend {
    type Stream = RodioStream;

    fn rate(&mut self) -> Result<u32, String> {
        quiet_alsa_on_this_thread();
        if let Some((_, config, _)) = &self.known {
            return Ok(config.sample_rate());
        }
        let device = cpal::default_host()
            .default_output_device()
            .ok_or("no output device")?;
        let config = lean(
            &device,
            device.default_output_config().map_err(|e| chain(&e))?,
        );
        let buffer = match config.buffer_size() {
            SupportedBufferSize::Range { min, max } if !(*min..=*max).contains(&PERIOD_FRAMES) => {
                BufferSize::Default
            }
            _ => BufferSize::Fixed(PERIOD_FRAMES),
        };
        let rate = config.sample_rate();
        self.known = Some((device, config, buffer));
        Ok(rate)
    }

    fn start(&mut self, reader: LineReader) -> Result<RodioStream, String> {
        quiet_alsa_on_this_thread();
        let Some((device, config, buffer)) = &self.known else {
            return Err("no output device".into());
        };
        let channels = NonZero::new(config.channels()).ok_or("a device without channels")?;
        let rate = NonZero::new(config.sample_rate()).ok_or("a device without a sample rate")?;
        // The line is in place before the stream exists.
        let line = LineSource {
            reader,
            quieted: false,
        };
        let output = ChannelCountConverter::new(line, NonZero::<u16>::MIN, channels);
        let stream_config = StreamConfig {
            channels: channels.get(),
            sample_rate: rate.get(),
            buffer_size: *buffer,
        };
        let errors = Arc::new(AtomicUsize::new(0));
        let gone = Arc::new(AtomicBool::new(false));
        let (count, is_gone, wake) = (Arc::clone(&errors), Arc::clone(&gone), self.wake.clone());
        let on_error = move |e: cpal::Error| {
            // Called from cpal's thread, possibly in a tight loop: count,
            // and wake the player thread now and then.
            let newly_gone = e.kind() == cpal::ErrorKind::DeviceNotAvailable
                && !is_gone.swap(true, Ordering::Relaxed);
            if count.fetch_add(1, Ordering::Relaxed) % WAKE_EVERY == 0 || newly_gone {
                let _ = wake.send(Msg::StreamError);
            }
        };
        let started = build(
            device,
            config.sample_format(),
            stream_config,
            output,
            on_error,
        )
        .and_then(|s| s.play().map(|()| s).map_err(|e| chain(&e)));
        let stream = match started {
            Ok(s) => s,
            Err(e) => {
                // Look for the device afresh next time.
                self.known = None;
                return Err(e);
            }
        };
        let frames = match buffer {
            BufferSize::Fixed(n) => *n,
            // Unknown: assume a generous 100 ms per period.
            BufferSize::Default => rate.get() / 10,
        };
        let buffered = Duration::from_secs_f64(2.0 * f64::from(frames) / f64::from(rate.get()));
        Ok(RodioStream {
            _stream: stream,
            errors,
            gone,
            buffered,
        })
    }
}

impl Stream for RodioStream {
    fn errors(&self) -> usize {
        self.errors.load(Ordering::Relaxed)
    }

    fn gone(&self) -> bool {
        self.gone.load(Ordering::Relaxed)
    }

    fn buffered(&self) -> Duration {
        self.buffered
    }
}

/// The line, spread over the device's channels.
type Output = ChannelCountConverter<LineSource>;

/// Build a (paused) stream in the device's sample format that plays
/// `output`; like rodio's own sink, missing samples are silence.
fn build<E>(
    device: &cpal::Device,
    format: SampleFormat,
    config: StreamConfig,
    output: Output,
    on_error: E,
) -> Result<cpal::Stream, String>
where
    E: FnMut(cpal::Error) + Send + 'static,
{
    fn typed<T, E>(
        device: &cpal::Device,
        config: StreamConfig,
        mut output: Output,
        on_error: E,
    ) -> Result<cpal::Stream, cpal::Error>
    where
        T: SizedSample + FromSample<f32>,
        E: FnMut(cpal::Error) + Send + 'static,
    {
        let fill = move |data: &mut [T], _: &cpal::OutputCallbackInfo| {
            for d in data {
                *d = output.next().map_or(T::EQUILIBRIUM, T::from_sample);
            }
        };
        device.build_output_stream::<T, _, _>(config, fill, on_error, None)
    }
    let built = match format {
        SampleFormat::F32 => typed::<f32, E>(device, config, output, on_error),
        SampleFormat::F64 => typed::<f64, E>(device, config, output, on_error),
        SampleFormat::I8 => typed::<i8, E>(device, config, output, on_error),
        SampleFormat::I16 => typed::<i16, E>(device, config, output, on_error),
        SampleFormat::I24 => typed::<cpal::I24, E>(device, config, output, on_error),
        SampleFormat::I32 => typed::<i32, E>(device, config, output, on_error),
        SampleFormat::I64 => typed::<i64, E>(device, config, output, on_error),
        SampleFormat::U8 => typed::<u8, E>(device, config, output, on_error),
        SampleFormat::U16 => typed::<u16, E>(device, config, output, on_error),
        SampleFormat::U24 => typed::<cpal::U24, E>(device, config, output, on_error),
        SampleFormat::U32 => typed::<u32, E>(device, config, output, on_error),
        SampleFormat::U64 => typed::<u64, E>(device, config, output, on_error),
        other => return Err(format!("unsupported sample format {other}")),
    };
    built.map_err(|e| chain(&e))
}

/// The cheapest configuration at the device's own rate: one channel of
/// 16-bit samples, when the device takes them (the sound server spreads it
/// over the speakers), else the device's default. Cues are mono anyway;
/// this quarters the bytes handed to the device against stereo floats.
fn lean(device: &cpal::Device, default: SupportedStreamConfig) -> SupportedStreamConfig {
    let rate = default.sample_rate();
    device
        .supported_output_configs()
        .ok()
        .and_then(|mut configs| {
            configs.find(|c| {
                c.channels() == 1
                    && c.sample_format() == SampleFormat::I16
                    && (c.min_sample_rate()..=c.max_sample_rate()).contains(&rate)
            })
        })
        .map_or(default, |c| c.with_sample_rate(rate))
}

/// An error and its causes on one line (the top-level messages are vague;
/// the cause says what happened).
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

/// The line's samples: mono, at the device rate.
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
