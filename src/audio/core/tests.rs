//! The player logic against a fake device and synthetic instants.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::*;
use crate::audio::line::LineReader;
use crate::audio::synth;

const RATE: u32 = 8000;

/// What the fake device records.
#[derive(Default)]
struct Device {
    /// Successful and failed open attempts.
    opens: Cell<usize>,
    /// Whether opening fails.
    absent: Cell<bool>,
    /// The reader of the most recently opened stream.
    reader: RefCell<Option<LineReader>>,
    /// The open stream's error count.
    errors: Rc<Cell<usize>>,
    /// Set to make the open stream report that the device is gone.
    gone: Rc<Cell<bool>>,
}

struct FakeBackend(Rc<Device>);
struct FakeStream(Line, Rc<Cell<usize>>, Rc<Cell<bool>>);
struct FakeSpeaker(Rc<RefCell<Vec<(String, u64)>>>);

impl Backend for FakeBackend {
    type Stream = FakeStream;
    fn open(&mut self) -> Result<FakeStream, String> {
        let d = &self.0;
        d.opens.set(d.opens.get() + 1);
        if d.absent.get() {
            return Err("no device".into());
        }
        d.errors.set(0);
        d.gone.set(false);
        let (line, reader) = Line::new(RATE);
        *d.reader.borrow_mut() = Some(reader);
        Ok(FakeStream(line, Rc::clone(&d.errors), Rc::clone(&d.gone)))
    }
}

impl Stream for FakeStream {
    fn line(&self) -> &Line {
        &self.0
    }
    fn errors(&self) -> usize {
        self.1.get()
    }
    fn gone(&self) -> bool {
        self.2.get()
    }
}

impl Speaker for FakeSpeaker {
    fn speak(&mut self, text: String, batch: u64) {
        self.0.borrow_mut().push((text, batch));
    }
}

struct Rig {
    core: Core<FakeBackend, FakeSpeaker>,
    device: Rc<Device>,
    said: Rc<RefCell<Vec<(String, u64)>>>,
    state: SharedState,
    t0: Instant,
}

fn rig(voice: bool, bell: bool) -> Rig {
    let device = Rc::new(Device::default());
    let said = Rc::new(RefCell::new(Vec::new()));
    let state = SharedState::default();
    let t0 = Instant::now();
    let voice = voice.then(Voice::load);
    let core = Core::new(
        FakeBackend(Rc::clone(&device)),
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
    /// The next `n` samples the device would play.
    fn take(&self, n: usize) -> Vec<f32> {
        let mut r = self.device.reader.borrow_mut();
        r.as_mut()
            .expect("no stream was opened")
            .by_ref()
            .take(n)
            .collect()
    }
}

fn tone(cue: Cue) -> Vec<f32> {
    synth::render(cue, RATE).samples().to_vec()
}

#[test]
fn starts_unknown_then_on_or_no_audio() {
    let mut r = rig(false, false);
    assert_eq!(r.state.get(), Sound::Starting);
    assert!(r.core.ensure_open(r.t0));
    assert_eq!(r.state.get(), Sound::On);

    for (bell, shown) in [(false, Sound::NoDevice), (true, Sound::Bell)] {
        let mut r = rig(false, bell);
        r.device.absent.set(true);
        assert!(!r.core.ensure_open(r.t0));
        assert_eq!(r.state.get(), shown);
    }
}

#[test]
fn a_cue_plays_its_tone_then_its_phrase() {
    let mut r = rig(true, false);
    r.play(Cue::Begin, 0);
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
fn cues_asked_for_together_play_in_turn() {
    let mut r = rig(false, false);
    r.play(Cue::Release, 1000);
    r.play(Cue::CheckIn, 1000);
    let mut want = tone(Cue::Release);
    want.extend(vec![0.0; programme::samples(PAUSE, RATE)]);
    want.extend(tone(Cue::CheckIn));
    assert_eq!(r.take(want.len()), want);
    assert!(r.take(100).iter().all(|&s| s == 0.0));
}

#[test]
fn a_newer_cue_cuts_the_older_one_short() {
    let mut r = rig(false, false);
    r.play(Cue::Rest, 0);
    assert_eq!(r.take(100), tone(Cue::Rest)[..100].to_vec());
    r.play(Cue::Countdown(3), 400);
    let fade = (RATE / 200) as usize;
    let out = r.take(fade + 50);
    assert!(
        out[..fade]
            .iter()
            .zip(&tone(Cue::Rest)[100..])
            .all(|(a, b)| a.abs() <= b.abs())
    );
    assert_eq!(out[fade..], tone(Cue::Countdown(3))[..50]);
}

#[test]
fn late_cues_are_dropped_but_never_the_safety_stop() {
    let mut r = rig(false, false);
    assert!(r.core.ensure_open(r.t0));
    let old = r.t0;
    r.send(Msg::Play(Cue::Begin, old), 2000);
    assert!(r.take(200).iter().all(|&s| s == 0.0));
    r.send(Msg::Play(Cue::SafetyStop, old), 2000);
    assert_eq!(r.take(200), tone(Cue::SafetyStop)[..200].to_vec());
}

#[test]
fn opens_for_a_cue_and_closes_once_drained() {
    let mut r = rig(false, false);
    r.send(Msg::Expect(Some(r.at(10_000))), 0);
    assert!(!r.core.is_open());
    assert_eq!(r.core.next_wake(r.at(0)), None, "nothing to do until a cue");
    r.play(Cue::Halfway, 10_000);
    assert!(r.core.is_open());
    r.send(Msg::Expect(Some(r.at(20_000))), 10_000);
    let len = synth::render(Cue::Halfway, RATE).duration();
    let drained = r.at(10_000) + len + TAIL;
    assert_eq!(r.core.next_wake(r.at(10_000)), Some(drained));
    r.core.tick(drained - Duration::from_millis(1));
    assert!(r.core.is_open());
    r.core.tick(drained);
    assert!(!r.core.is_open());
    assert_eq!(r.core.next_wake(drained), None);
    assert_eq!(r.device.opens.get(), 1);
}

#[test]
fn stays_open_only_between_cues_a_moment_apart() {
    let mut r = rig(false, false);
    r.play(Cue::Countdown(3), 0);
    r.send(Msg::Expect(Some(r.at(1000))), 0);
    // Drained at 200 ms; the next cue is 800 ms later: close.
    r.core.tick(r.at(200));
    assert!(!r.core.is_open());
    r.play(Cue::Countdown(2), 1000);
    r.send(Msg::Expect(Some(r.at(1250))), 1000);
    // Drained at 1200 ms, the next cue is due within KEEP: stay open.
    r.core.tick(r.at(1200));
    assert!(r.core.is_open());
    // A cue that never comes is forgotten after LATE.
    assert_eq!(r.core.next_wake(r.at(1200)), Some(r.at(1250) + LATE));
    r.core.tick(r.at(1250) + LATE);
    assert!(!r.core.is_open());
    assert_eq!(r.device.opens.get(), 2);
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
    assert_eq!(r.device.opens.get(), 2);
    // No new attempt (and no busy loop) until the retry time.
    r.play(Cue::Halfway, 5000);
    assert_eq!(r.device.opens.get(), 2);
    assert_eq!(r.core.next_wake(r.at(5000)), None);
    r.device.absent.set(false);
    let later = 10 + RETRY.as_millis() as u64;
    r.play(Cue::Release, later);
    assert_eq!(r.device.opens.get(), 3);
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
    assert_eq!(r.core.next_wake(r.at(100)), Some(r.at(100) + STORM_WINDOW));
    r.core.tick(r.at(100) + STORM_WINDOW);
    assert_eq!(r.core.next_wake(r.at(150)), Some(r.at(150) + STORM_WINDOW));
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
    assert!(r.core.is_open());
    assert_eq!(r.state.get(), Sound::On);
    assert_eq!(r.core.next_wake(r.at(200)), Some(r.at(200) + TAIL));
    r.play(Cue::Begin, 200);
    assert_eq!(r.take(50), tone(Cue::Begin)[..50].to_vec());
}

#[test]
fn without_a_device_cues_are_dropped_without_a_retry_storm() {
    let mut r = rig(true, false);
    r.device.absent.set(true);
    for i in 0..50 {
        r.play(Cue::Countdown(1), i * 100);
        r.send(Msg::Expect(Some(r.at(i * 100 + 100))), i * 100);
        assert_eq!(r.core.next_wake(r.at(i * 100)), None);
    }
    assert_eq!(r.device.opens.get(), 1);
    assert_eq!(r.state.get(), Sound::NoDevice);
}

#[test]
fn a_step_title_is_spoken_after_its_cue_unless_overtaken() {
    let mut r = rig(true, false);
    r.play(Cue::Prepare, 0);
    r.send(Msg::Say("Piriformis".into(), r.at(0)), 0);
    let batch = r.said.borrow()[0].1;
    assert_eq!(r.said.borrow()[0].0, "Piriformis");
    let words = Clip::new(RATE, vec![0.5; 80]);
    // Speech for an older batch is dropped.
    r.send(
        Msg::Spoken {
            batch: batch - 1,
            clip: words.clone(),
        },
        50,
    );
    let queued = r.core.stream.as_ref().unwrap().line().queued();
    assert_eq!(queued, 3, "tone, pause, phrase");
    r.send(Msg::Spoken { batch, clip: words }, 50);
    let prepare = programme::parts(Cue::Prepare, RATE, 1.0, r.core.voice.as_ref());
    let before = programme::samples(programme::duration(&prepare, RATE) + PAUSE, RATE);
    let out = r.take(before + 100);
    let words_heard = out[before - 5..]
        .iter()
        .filter(|&&s| (s - 0.4).abs() < 1e-6)
        .count();
    assert_eq!(words_heard, 80);
}

#[test]
fn muting_silences_what_is_playing() {
    let mut r = rig(false, false);
    r.play(Cue::Complete, 0);
    r.take(10);
    r.send(Msg::Mute(true), 20);
    let fade = (RATE / 200) as usize;
    assert!(r.take(fade + 100)[fade..].iter().all(|&s| s == 0.0));
    r.core.tick(r.at(20) + TAIL);
    assert!(!r.core.is_open());
}
