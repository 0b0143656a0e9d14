//! The player logic against a fake device and synthetic instants.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::*;
use crate::audio::line::LineReader;
use crate::audio::synth;

const RATE: u32 = 8000;
/// What the fake device buffers.
const BUFFERED: Duration = Duration::from_millis(40);

/// What the fake device records.
#[derive(Default)]
struct Device {
    /// Attempts to find the device (one per stream opened or tried).
    attempts: Cell<usize>,
    /// Streams started.
    opens: Cell<usize>,
    /// Whether there is no device.
    absent: Cell<bool>,
    /// The reader of the most recently started stream.
    reader: RefCell<Option<LineReader>>,
    /// The open stream's error count.
    errors: Rc<Cell<usize>>,
    /// Set to make the open stream report that the device is gone.
    gone: Rc<Cell<bool>>,
}

struct FakeBackend(Rc<Device>);
struct FakeStream(Rc<Cell<usize>>, Rc<Cell<bool>>);
/// Records what it is asked to say (and when), and each hush as "(hush)".
struct FakeSpeaker(Rc<RefCell<Vec<(String, Duration)>>>);

impl Backend for FakeBackend {
    type Stream = FakeStream;
    fn rate(&mut self) -> Result<u32, String> {
        let d = &self.0;
        d.attempts.set(d.attempts.get() + 1);
        if d.absent.get() {
            Err("no device".into())
        } else {
            Ok(RATE)
        }
    }
    fn start(&mut self, reader: LineReader) -> Result<FakeStream, String> {
        let d = &self.0;
        d.opens.set(d.opens.get() + 1);
        d.errors.set(0);
        d.gone.set(false);
        *d.reader.borrow_mut() = Some(reader);
        Ok(FakeStream(Rc::clone(&d.errors), Rc::clone(&d.gone)))
    }
    fn route(&self) -> Option<&str> {
        (!self.0.absent.get()).then_some("the fake device")
    }
}

impl Stream for FakeStream {
    fn errors(&self) -> usize {
        self.0.get()
    }
    fn gone(&self) -> bool {
        self.1.get()
    }
    fn buffered(&self) -> Duration {
        BUFFERED
    }
}

impl Speaker for FakeSpeaker {
    fn speak(&mut self, text: String, after: Duration) {
        self.0.borrow_mut().push((text, after));
    }
    fn hush(&mut self) {
        self.0.borrow_mut().push(("(hush)".into(), Duration::ZERO));
    }
}

struct Rig {
    core: Core<FakeBackend, FakeSpeaker>,
    device: Rc<Device>,
    said: Rc<RefCell<Vec<(String, Duration)>>>,
    state: SharedState,
    t0: Instant,
}

fn rig(voice: bool, bell: bool) -> Rig {
    let device = Rc::new(Device::default());
    let said = Rc::new(RefCell::new(Vec::new()));
    let state = SharedState::default();
    let t0 = Instant::now();
    let voice = voice.then(Voice::load);
    let backend = FakeBackend(Rc::clone(&device));
    let core = Core::new(
        backend,
        FakeSpeaker(Rc::clone(&said)),
        1.0,
        voice,
        bell,
        state.clone(),
        t0,
    );
    Rig {
        core,
        device,
        said,
        state,
        t0,
    }
}

impl Rig {
    fn at(&self, ms: u64) -> Instant {
        self.t0 + Duration::from_millis(ms)
    }
    fn send(&mut self, msg: Msg, ms: u64) {
        let now = self.at(ms);
        assert!(self.core.handle(msg, now));
    }
    fn play(&mut self, cue: Cue, ms: u64) {
        let at = self.at(ms);
        self.send(Msg::Play(cue, at), ms);
    }
    /// The next `n` samples the latest stream plays.
    fn take(&self, n: usize) -> Vec<f32> {
        let mut r = self.device.reader.borrow_mut();
        r.as_mut()
            .expect("no stream was started")
            .by_ref()
            .take(n)
            .collect()
    }
}

fn tone(cue: Cue) -> Vec<f32> {
    synth::render(cue, RATE).samples().to_vec()
}

#[test]
fn the_route_to_the_device_is_published_once_it_is_found() {
    let mut r = rig(false, false);
    assert_eq!(r.state.route(), None);
    assert!(r.core.probe(r.t0));
    assert_eq!(r.state.route().as_deref(), Some("the fake device"));
}

#[test]
fn starts_unknown_then_on_or_no_audio() {
    let mut r = rig(false, false);
    assert_eq!(r.state.get(), Sound::Starting);
    assert!(r.core.probe(r.t0));
    assert_eq!(r.state.get(), Sound::On);
    // The probe's silent stream closes once its buffer has drained.
    assert_eq!(r.core.next_wake(), Some(r.t0 + BUFFERED + DRAIN));
    r.core.tick(r.t0 + BUFFERED + DRAIN);
    assert!(!r.core.is_open());

    for (bell, shown) in [(false, Sound::NoDevice), (true, Sound::Bell)] {
        let mut r = rig(false, bell);
        r.device.absent.set(true);
        assert!(!r.core.probe(r.t0));
        assert_eq!(r.state.get(), shown);
        assert_eq!(r.core.next_wake(), None);
    }
}

#[test]
fn a_cue_starts_its_stream_with_its_tone_then_its_phrase() {
    let mut r = rig(true, false);
    r.play(Cue::Begin, 0);
    // The very first samples are the cue's: nothing queued ahead of it.
    let t = tone(Cue::Begin);
    assert_eq!(r.take(t.len()), t);
    let pause = programme::samples(PAUSE, RATE);
    assert!(r.take(pause).iter().all(|&s| s == 0.0));
    let phrase = Voice::load().clip(Cue::Begin).unwrap().resampled(RATE);
    let heard = r.take(phrase.len());
    let rms = (heard.iter().map(|s| s * s).sum::<f32>() / heard.len() as f32).sqrt();
    assert!(
        (rms - phrase.rms() * 0.8).abs() < 0.01,
        "{rms} vs {}",
        phrase.rms()
    );
}

#[test]
fn cues_asked_for_together_play_in_turn_on_one_stream() {
    let mut r = rig(false, false);
    r.play(Cue::Release, 1000);
    r.play(Cue::CheckIn, 1000);
    let mut want = tone(Cue::Release);
    want.extend(vec![0.0; programme::samples(PAUSE, RATE)]);
    want.extend(tone(Cue::CheckIn));
    assert_eq!(r.take(want.len()), want);
    assert!(r.take(100).iter().all(|&s| s == 0.0));
    assert_eq!(r.device.opens.get(), 1);
}

#[test]
fn a_newer_cue_replaces_the_older_one_on_a_fresh_stream() {
    let mut r = rig(false, false);
    r.play(Cue::Rest, 0);
    assert_eq!(r.take(100), tone(Cue::Rest)[..100].to_vec());
    r.play(Cue::Countdown(3), 400);
    assert_eq!(r.device.opens.get(), 2);
    let t = tone(Cue::Countdown(3));
    assert_eq!(r.take(t.len()), t);
}

#[test]
fn late_cues_are_dropped_but_never_the_safety_stop() {
    let mut r = rig(false, false);
    assert!(r.core.probe(r.t0));
    let old = r.t0;
    r.send(Msg::Play(Cue::Begin, old), 2000);
    assert_eq!(r.device.opens.get(), 1);
    r.send(Msg::Play(Cue::SafetyStop, old), 2000);
    assert_eq!(r.device.opens.get(), 2);
    assert_eq!(r.take(200), tone(Cue::SafetyStop)[..200].to_vec());
}

#[test]
fn the_stream_closes_once_the_sound_has_drained() {
    let mut r = rig(false, false);
    r.play(Cue::Halfway, 10_000);
    assert!(r.core.is_open());
    let len = synth::render(Cue::Halfway, RATE).duration();
    let drained = r.at(10_000) + len + BUFFERED + DRAIN;
    assert_eq!(r.core.next_wake(), Some(drained));
    r.core.tick(drained - Duration::from_millis(1));
    assert!(r.core.is_open());
    r.core.tick(drained);
    assert!(!r.core.is_open());
    assert_eq!(r.core.next_wake(), None, "nothing to do until the next cue");
}

#[test]
fn a_lost_device_goes_quiet_and_is_retried_later() {
    let mut r = rig(false, false);
    r.play(Cue::Begin, 0);
    // The sound server is gone: the stream says so, and reopening fails.
    r.device.gone.set(true);
    r.device.absent.set(true);
    r.send(Msg::StreamError, 10);
    assert!(!r.core.is_open());
    assert_eq!(r.state.get(), Sound::NoDevice);
    assert_eq!(r.device.attempts.get(), 2);
    // No new attempt (and no wake-up) until the retry time.
    r.play(Cue::Halfway, 5000);
    assert_eq!(r.device.attempts.get(), 2);
    assert_eq!(r.core.next_wake(), None);
    r.device.absent.set(false);
    r.play(Cue::Release, 10 + RETRY.as_millis() as u64);
    assert_eq!(r.device.opens.get(), 2);
    assert_eq!(r.state.get(), Sound::On);
}

#[test]
fn a_burst_of_errors_is_not_a_lost_device() {
    let mut r = rig(false, false);
    r.play(Cue::Rest, 0);
    // An underrun: two thousand errors in 3 ms while the plugin reconnects.
    r.device.errors.set(1);
    r.send(Msg::StreamError, 100);
    r.device.errors.set(2000);
    assert_eq!(r.core.next_wake(), Some(r.at(100) + STORM_WINDOW));
    r.core.tick(r.at(100) + STORM_WINDOW);
    assert_eq!(r.core.next_wake(), Some(r.at(150) + STORM_WINDOW));
    r.device.errors.set(2003);
    r.core.tick(r.at(150) + STORM_WINDOW);
    assert!(r.core.is_open());
    assert_eq!(r.device.opens.get(), 1);
    assert_eq!(r.take(50), tone(Cue::Rest)[..50].to_vec());
}

#[test]
fn a_storm_of_errors_replaces_the_stream() {
    let mut r = rig(false, false);
    r.play(Cue::Rest, 0);
    r.device.errors.set(1);
    r.send(Msg::StreamError, 100);
    r.device.errors.set(30_000);
    r.core.tick(r.at(150));
    r.device.errors.set(30_000 + STORM_ERRORS);
    r.core.tick(r.at(200));
    // Dropped and opened again at once: the device is still there.
    assert_eq!(r.device.opens.get(), 2);
    assert_eq!(r.state.get(), Sound::On);
    r.play(Cue::Begin, 300);
    assert_eq!(r.take(50), tone(Cue::Begin)[..50].to_vec());
}

#[test]
fn without_a_device_cues_are_dropped_without_a_retry_storm() {
    let mut r = rig(true, false);
    r.device.absent.set(true);
    for i in 0..50 {
        r.play(Cue::Countdown(1), i * 100);
        assert_eq!(r.core.next_wake(), None);
    }
    assert_eq!(r.device.attempts.get(), 1);
    assert_eq!(r.state.get(), Sound::NoDevice);
}

#[test]
fn a_steps_words_are_said_once_its_cue_has_sounded() {
    let mut r = rig(true, false);
    r.play(Cue::Prepare, 0);
    r.send(Msg::Say("Piriformis".into(), r.at(0)), 30);
    let prepare = programme::parts(Cue::Prepare, RATE, 1.0, r.core.voice.as_ref());
    let sounds = programme::duration(&prepare, RATE);
    // Asked 30 ms into the cue: the words wait for the rest of it.
    assert_eq!(
        r.said.borrow().as_slice(),
        [("Piriformis".to_string(), sounds - Duration::from_millis(30))]
    );
    // Without a device nothing waits for a cue.
    let mut quiet = rig(true, false);
    quiet.device.absent.set(true);
    quiet.play(Cue::Prepare, 0);
    quiet.send(Msg::Say("Rest".into(), quiet.at(0)), 0);
    assert_eq!(
        quiet.said.borrow().as_slice(),
        [("Rest".to_string(), Duration::ZERO)]
    );
    // Words asked for too late, or with the voice off, are not said.
    r.send(Msg::Say("Late".into(), r.at(0)), 5000);
    let mut tones = rig(false, false);
    tones.send(Msg::Say("Rest".into(), tones.at(0)), 0);
    assert_eq!(r.said.borrow().len(), 1);
    assert!(tones.said.borrow().is_empty());
}

#[test]
fn mute_hushes_the_words_too() {
    let mut r = rig(true, false);
    r.send(Msg::Say("Piriformis".into(), r.at(0)), 0);
    r.send(Msg::Mute(true), 10);
    r.send(Msg::Mute(false), 20);
    let said: Vec<String> = r.said.borrow().iter().map(|(t, _)| t.clone()).collect();
    assert_eq!(said, ["Piriformis", "(hush)"]);
}

#[test]
fn muting_silences_what_is_playing() {
    let mut r = rig(false, false);
    r.play(Cue::Complete, 0);
    r.take(10);
    r.send(Msg::Mute(true), 20);
    let fade = (RATE / 200) as usize;
    assert!(r.take(fade + 100)[fade..].iter().all(|&s| s == 0.0));
    r.core.tick(r.at(20) + BUFFERED + DRAIN);
    assert!(!r.core.is_open());
}
