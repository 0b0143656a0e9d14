//! The player the app talks to: [`AudioPlayer`] sends each request down a
//! channel to a thread of its own, which runs the [`Core`] logic. Calls
//! never block the app, and the device is opened on that thread, so the
//! first frame never waits for audio (the status shows "sound…" until the
//! device is known). The thread sleeps on the channel until a message or
//! the core's next wake-up time: it never spins.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Instant;

use super::Sound;
use super::backend::{Backend, Msg, SharedState, Speaker};
use super::core::Core;
use super::voice::Voice;
use super::{CuePlayer, Settings, programme, speech};
use crate::cue::Cue;

/// The app's handle on the player thread.
#[derive(Debug)]
pub struct AudioPlayer {
    /// Requests to the thread.
    tx: Sender<Msg>,
    /// What the thread says the sound state is.
    state: SharedState,
    /// Whether step titles are spoken.
    voice: bool,
    /// The last mute state sent.
    muted: bool,
}

impl AudioPlayer {
    /// Start the player thread with the device `make` opens. Returns at
    /// once; the device is opened on the new thread.
    pub fn spawn<B, F>(make: F, settings: Settings) -> AudioPlayer
    where
        B: Backend,
        F: FnOnce(Sender<Msg>) -> B + Send + 'static,
    {
        let (tx, rx) = mpsc::channel();
        let state = SharedState::default();
        let (thread_tx, thread_state) = (tx.clone(), state.clone());
        let spawned = thread::Builder::new()
            .name("unknot-audio".into())
            .spawn(move || {
                let speaker = speech::Programs::find(settings.volume);
                let backend = make(thread_tx);
                let voice = settings.voice.then(Voice::load);
                let gain = programme::gain(settings.volume);
                let now = Instant::now();
                let core = Core::new(
                    backend,
                    speaker,
                    gain,
                    voice,
                    settings.bell,
                    thread_state,
                    now,
                );
                run(core, rx);
            });
        if spawned.is_err() {
            state.set(if settings.bell {
                Sound::Bell
            } else {
                Sound::NoDevice
            });
        }
        AudioPlayer {
            tx,
            state,
            voice: settings.voice,
            muted: false,
        }
    }
}

/// The thread: open the device once to learn whether there is one, then
/// serve messages until told to quit.
fn run<B: Backend, S: Speaker>(mut core: Core<B, S>, rx: Receiver<Msg>) {
    core.probe(Instant::now());
    loop {
        // Apply everything waiting before housekeeping, so that a batch of
        // requests is seen as one.
        for msg in rx.try_iter() {
            if !core.apply(msg, Instant::now()) {
                return;
            }
        }
        let now = Instant::now();
        core.tick(now);
        let msg = match core.next_wake() {
            Some(at) => rx.recv_timeout(at.saturating_duration_since(now)),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match msg {
            Ok(msg) => {
                if !core.apply(msg, Instant::now()) {
                    return;
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

impl CuePlayer for AudioPlayer {
    fn play(&mut self, cue: Cue) {
        let _ = self.tx.send(Msg::Play(cue, Instant::now()));
    }

    fn say(&mut self, text: &str) {
        if self.voice {
            let _ = self.tx.send(Msg::Say(text.to_string(), Instant::now()));
        }
    }

    fn state(&self) -> Sound {
        self.state.get()
    }

    fn route(&self) -> Option<String> {
        self.state.route()
    }

    fn set_muted(&mut self, muted: bool) {
        if self.muted != muted {
            self.muted = muted;
            let _ = self.tx.send(Msg::Mute(muted));
        }
    }
}

impl Drop for AudioPlayer {
    fn drop(&mut self) {
        // The thread closes the device and ends; nobody waits for it.
        let _ = self.tx.send(Msg::Quit);
    }
}
