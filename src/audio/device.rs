//! The real sound device: the playback line, spread over the device's
//! channels by rodio's channel converter, on a cpal output stream. Built
//! only with the `audio` feature.
//!
//! - Two ways to the sound card. When a PulseAudio server answers (also
//!   PipeWire's `pipewire-pulse`), cpal's own PulseAudio client speaks its
//!   protocol directly, in Rust: no libpulse and none of the libraries it
//!   drags in (about 3 MB resident). Otherwise ALSA, which on a desktop
//!   may still reach the server through its pulse plugin. cpal's PulseAudio
//!   client looks for the server's socket only at `PULSE_SERVER=unix:…`,
//!   then `$PULSE_RUNTIME_PATH/pulse/native`, then
//!   `$XDG_RUNTIME_DIR/pulse/native` (it stops at the first of those
//!   variables that is set and names no socket).
//! - The host (for PulseAudio: one connection to the server, with a reader
//!   thread and a 1 MiB read buffer that cpal never frees) is made once and
//!   kept; every stream is opened through it, on the server's default sink
//!   of the moment (asked again before each new stream, so the cues follow
//!   headphones that come and go). A new host is made only when there is
//!   none or its connection is gone (the server went away: its reader
//!   thread has ended). cpal's `default_host()` is not used: it panics when
//!   ALSA's configuration cannot be read.
//! - Every cue starts on a fresh stream whose line already holds it, so the
//!   first samples the device takes are the cue's. rodio's ready-made
//!   `MixerDeviceSink` starts its stream before a source can be added, so
//!   under load its first periods are silence and the cue waits behind
//!   them; starting the stream here, with the line in place, avoids that.
//!   The onset then hardly depends on the buffer, which can be large:
//!   4096-frame periods (about 85 ms at 48 kHz). Measured against a
//!   PulseAudio server through ALSA, a playing stream cost 3.4 ms of CPU per
//!   second at 2048-frame periods, 2.1 ms at 4096 and 1.8 ms at 8192 (the
//!   server asks for data less often). At 8192 some onsets came ~50 ms
//!   late, so 4096. The price: muting lets what the device already holds
//!   (at most two periods) play out. If the device does not offer that
//!   size, its default is used.
//! - The stream is mono 16-bit at the device's rate when the device takes
//!   that (PulseAudio does): a quarter of the bytes of stereo floats, and
//!   about a tenth less CPU per second of sound.
//! - The line already plays one sound after another, so no mixer runs in
//!   the callback: rodio's mixer looks for new sources at every sample,
//!   which more than doubled the cost of a playing stream (measured: 4.8
//!   against 1.9 ms of CPU per second at 2048-frame periods).
//! - alsa-lib prints its complaints (no card, no sound server) straight to
//!   standard error, which would scribble over the full-screen UI. On the
//!   ALSA path its per-thread error handler is pointed at a memory buffer
//!   on the thread that opens the device and on the device's own callback
//!   thread.
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

use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{
    BufferSize, FromSample, HostId, SampleFormat, SizedSample, StreamConfig, SupportedBufferSize,
    SupportedStreamConfig,
};
use rodio::conversions::ChannelCountConverter;

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
    /// The sound system, kept for the whole run (see the module notes).
    host: Option<cpal::Host>,
    /// The device, its configuration and the buffer size to ask for, once
    /// found (keeps alsa-lib's parsed configuration alive and spares
    /// probing the device for every cue).
    known: Option<(cpal::Device, SupportedStreamConfig, BufferSize)>,
    /// Which sound system and device `known` is, for `unknot doctor`.
    route: Option<String>,
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
        RodioBackend {
            wake,
            host: None,
            known: None,
            route: None,
        }
    }

    /// Whether the sound goes through ALSA (whose complaints must be kept
    /// off the terminal): on Linux, any host but the PulseAudio client.
    fn on_alsa(&self) -> bool {
        cfg!(target_os = "linux") && self.host.as_ref().is_none_or(|h| !is_pulse(h.id()))
    }

    /// The host to find a device through: the one kept, while it is still
    /// connected, or a new one.
    fn host(&mut self) -> Result<&cpal::Host, String> {
        let host = match self.host.take() {
            Some(h) if still_connected(&h) => h,
            // Whatever was kept is dropped: its connection is gone.
            _ => open_host()?,
        };
        Ok(self.host.insert(host))
    }
}

/// A host: cpal's PulseAudio client when a server's socket is found and
/// answers, else ALSA (what cpal's `default_host` does, but with an error
/// instead of a panic when ALSA cannot read its configuration).
#[cfg(target_os = "linux")]
fn open_host() -> Result<cpal::Host, String> {
    if cpal::available_hosts().contains(&HostId::PulseAudio)
        && let Ok(host) = cpal::host_from_id(HostId::PulseAudio)
    {
        return Ok(host);
    }
    cpal::host_from_id(HostId::Alsa).map_err(|e| chain(&e))
}

/// A host: the platform's own.
#[cfg(not(target_os = "linux"))]
fn open_host() -> Result<cpal::Host, String> {
    Ok(cpal::default_host())
}

/// Whether a kept host can still be used. A PulseAudio host whose server
/// went away fails every request (its reader thread has ended), and it
/// answers a list request otherwise, even with no sink. Other hosts hold
/// no connection: they are made afresh, which also lets a sound server
/// that started later be found.
fn still_connected(host: &cpal::Host) -> bool {
    is_pulse(host.id()) && host.devices().is_ok()
}

/// Whether `id` is cpal's PulseAudio client.
fn is_pulse(id: HostId) -> bool {
    #[cfg(target_os = "linux")]
    return id == HostId::PulseAudio;
    #[cfg(not(target_os = "linux"))]
    return {
        let _ = id;
        false
    };
}

/// How `doctor` names the way to `device` through `host`.
fn describe(host: &cpal::Host, device: &cpal::Device) -> String {
    let name = device.description().map_or_else(
        |_| "its default device".to_string(),
        |d| format!("'{}'", d.name()),
    );
    if is_pulse(host.id()) {
        format!("the sound server (PulseAudio protocol, built-in client), sink {name}")
    } else {
        format!("{}, device {name}", host.id().name())
    }
}

impl Backend for RodioBackend {
    type Stream = RodioStream;

    fn rate(&mut self) -> Result<u32, String> {
        if let Some((device, config, _)) = &mut self.known {
            let rate = config.sample_rate();
            let Some(host) = self.host.as_ref().filter(|h| is_pulse(h.id())) else {
                // ALSA's "default" device follows its configuration itself.
                return Ok(rate);
            };
            // Follow the server's default sink, which changes when, say,
            // headphones come or go (one round trip to the server; the
            // stream's format stays, the server converts).
            return match host.default_output_device() {
                Some(now) => {
                    if now != *device {
                        self.route = Some(describe(host, &now));
                        *device = now;
                    }
                    Ok(rate)
                }
                None => {
                    self.known = None;
                    Err("no output device".into())
                }
            };
        }
        // Not known yet: the host may be ALSA (it is, until one is made).
        quiet_alsa_on_this_thread();
        let host = self.host()?;
        let device = host.default_output_device().ok_or("no output device")?;
        let route = describe(host, &device);
        let config = lean(
            &device,
            device.default_output_config().map_err(|e| chain(&e))?,
        )
        .ok_or("the device takes none of the sample formats unknot plays")?;
        let buffer = match config.buffer_size() {
            SupportedBufferSize::Range { min, max } if !(*min..=*max).contains(&PERIOD_FRAMES) => {
                BufferSize::Default
            }
            _ => BufferSize::Fixed(PERIOD_FRAMES),
        };
        let rate = config.sample_rate();
        self.known = Some((device, config, buffer));
        self.route = Some(route);
        Ok(rate)
    }

    fn route(&self) -> Option<&str> {
        self.route.as_deref()
    }

    fn start(&mut self, reader: LineReader) -> Result<RodioStream, String> {
        let alsa = self.on_alsa();
        if alsa {
            quiet_alsa_on_this_thread();
        }
        let Some((device, config, buffer)) = &self.known else {
            return Err("no output device".into());
        };
        let channels = NonZero::new(config.channels()).ok_or("a device without channels")?;
        let rate = NonZero::new(config.sample_rate()).ok_or("a device without a sample rate")?;
        // The line is in place before the stream exists.
        let line = LineSource {
            reader,
            quieted: !alsa,
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
            // Called from cpal's thread, possibly in a tight loop (ALSA):
            // count, and wake the player thread now and then. The
            // PulseAudio client reports once, when the server is gone.
            let fatal = match e.kind() {
                cpal::ErrorKind::DeviceNotAvailable => true,
                cpal::ErrorKind::StreamInvalidated => !alsa,
                _ => false,
            };
            let newly_gone = fatal && !is_gone.swap(true, Ordering::Relaxed);
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
                // Look for the device afresh next time (through the same
                // host while it is still connected).
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
    // Only the formats `lean` picks (see FORMATS).
    let built = match format {
        SampleFormat::I16 => typed::<i16, E>(device, config, output, on_error),
        SampleFormat::F32 => typed::<f32, E>(device, config, output, on_error),
        SampleFormat::I32 => typed::<i32, E>(device, config, output, on_error),
        other => return Err(format!("unsupported sample format {other}")),
    };
    built.map_err(|e| chain(&e))
}

/// The sample formats streams are built for. Each is code of its own (the
/// conversion, and cpal's stream set-up for each host), so only these:
/// 16-bit, which PulseAudio and ALSA's plug and dmix devices all take, and
/// the two formats sound cards that refuse it offer instead.
const FORMATS: [SampleFormat; 3] = [SampleFormat::I16, SampleFormat::F32, SampleFormat::I32];

/// The cheapest configuration at the device's own rate: one channel of
/// 16-bit samples, when the device takes them (the sound server spreads it
/// over the speakers); else the device's default, or else another of its
/// configurations, in one of [`FORMATS`]. Cues are mono anyway; 16-bit mono
/// quarters the bytes handed to the device against stereo floats.
fn lean(device: &cpal::Device, default: SupportedStreamConfig) -> Option<SupportedStreamConfig> {
    let rate = default.sample_rate();
    let configs: Vec<_> = device
        .supported_output_configs()
        .map(Iterator::collect)
        .unwrap_or_default();
    let usable = configs.iter().filter(|c| {
        FORMATS.contains(&c.sample_format())
            && (c.min_sample_rate()..=c.max_sample_rate()).contains(&rate)
    });
    if let Some(mono) = usable
        .clone()
        .find(|c| c.channels() == 1 && c.sample_format() == SampleFormat::I16)
    {
        return Some(mono.with_sample_rate(rate));
    }
    if FORMATS.contains(&default.sample_format()) {
        return Some(default);
    }
    usable
        .min_by_key(|c| c.channels())
        .map(|c| c.with_sample_rate(rate))
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
    /// Whether alsa-lib has been quieted on the callback thread yet (or
    /// need not be: not on ALSA).
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
