//! Recording a session without ever making the screen or the timer wait
//! for the disk. [`Recorder::start_session`] takes the session's lock and
//! hands the open connection (already checked by [`Store::open`], before
//! the terminal UI starts, so problems are reported there) to a writer
//! thread, which writes the session row first. The app's calls only stamp
//! the time and push a message on an unbounded `std::sync::mpsc` channel;
//! the thread blocks on the channel (it never spins), takes whatever has
//! arrived, and commits it at once, one transaction per wake-up.
//!
//! ```text
//! event loop ──record()──► channel ──► writer thread ──► SQLite (WAL)
//!   (µs, never blocks)                  (commits each batch as it comes)
//! ```

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use super::codec::{Entry, StoredEvent};
use super::live::{self, LiveLock};
use super::model::{Extent, Outcome, Pain, SessionMeta};
use super::person::Fact;
use super::time::now_ms;
use super::{HistoryError, Store};
use crate::vocab::Event;

/// How long the writer waits for another unknot's write lock. Longer
/// than a start-up's wait: nobody is waiting for the writer, and giving up
/// would lose events.
pub const WRITER_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// What the writer thread is asked to do.
enum Msg {
    Event(StoredEvent),
    Pain {
        event: StoredEvent,
        after: bool,
        pain: Pain,
        extent: Option<Extent>,
    },
    /// An event that is also a fact about the person (its own table).
    Fact {
        event: StoredEvent,
        fact: Fact,
    },
    Finish {
        at_ms: i64,
        outcome: Outcome,
    },
    /// An event that sets a column of the session's row as well: the
    /// safety check's result, the routine that runs, the tally.
    Row(StoredEvent),
    /// The reach noted on the stop screen: where it reaches after.
    ExtentAfter {
        event: StoredEvent,
        extent: Extent,
    },
    /// A stop after the techniques were all done: the session is
    /// recorded as stopped for this reason.
    LateStop {
        event: StoredEvent,
        reason: String,
    },
    /// Reply once everything sent before has been committed.
    Sync(Sender<()>),
    Close,
}

/// The handle the app (and the screening and pain questions) record
/// through. Cheap to clone; every call returns at once.
#[derive(Debug, Clone)]
pub struct Recorder {
    tx: Sender<Msg>,
}

/// Owns the writer thread. [`Writer::close`] waits for everything to be
/// committed and reports the first write that failed.
#[derive(Debug)]
pub struct Writer {
    tx: Sender<Msg>,
    handle: Option<JoinHandle<Result<(), HistoryError>>>,
}

impl Recorder {
    /// Start recording a session: take its lock and start the writer
    /// thread, which adds the session's row before anything else. Only
    /// the lock is taken here (microseconds); the row's first write can
    /// take milliseconds and is kept off the way to the first frame.
    pub fn start_session(
        store: Store,
        meta: &SessionMeta,
    ) -> Result<(Recorder, Writer), HistoryError> {
        let owner = live::new_owner();
        let lock = LiveLock::acquire(store.dir(), &owner)?;
        let (tx, rx) = mpsc::channel();
        let meta = meta.clone();
        let handle = std::thread::Builder::new()
            .name("unknot-history".into())
            .spawn(move || write_loop(store, meta, owner, lock, rx))
            .map_err(HistoryError::Thread)?;
        let recorder = Recorder { tx: tx.clone() };
        Ok((
            recorder,
            Writer {
                tx,
                handle: Some(handle),
            },
        ))
    }

    fn send(&self, msg: Msg) {
        // The writer only goes away after `close`; nothing is left to do then.
        let _ = self.tx.send(msg);
    }

    fn stamp(&self, event: &Event) -> StoredEvent {
        StoredEvent {
            at_ms: now_ms(),
            entry: Entry::Session(event.clone()),
        }
    }

    fn entry(&self, entry: Entry) {
        self.send(Msg::Event(StoredEvent {
            at_ms: now_ms(),
            entry,
        }));
    }

    /// Record what the flow asked to keep (`Effect::Record`): the
    /// screening and the pain ratings have their own places in the
    /// history, the facts about the person (lasting answers, a doctor's OK,
    /// "assessed?") their own tables as well as an event row; everything
    /// else is an event row.
    pub fn record(&self, event: &Event) {
        match event {
            Event::Screened { verdict, signs } => {
                self.screening(&crate::vocab::screening::code(*verdict, signs))
            }
            Event::Began { .. } | Event::Tally(_) => self.send(Msg::Row(self.stamp(event))),
            Event::Baseline(r) => self.set_pain_before(r.pain, Some(r.extent)),
            Event::PainAfter(r) => self.set_pain_after(r.pain, Some(r.extent)),
            Event::Extent { step: None, extent } => self.send(Msg::ExtentAfter {
                event: self.stamp(event),
                extent: *extent,
            }),
            Event::LateStop(r) => self.send(Msg::LateStop {
                event: self.stamp(event),
                reason: r.code().to_string(),
            }),
            other => match Fact::of(other) {
                Some(fact) => self.send(Msg::Fact {
                    event: StoredEvent {
                        at_ms: now_ms(),
                        entry: Entry::Session(other.clone()),
                    },
                    fact,
                }),
                None => self.entry(Entry::Session(other.clone())),
            },
        }
    }

    /// Record the screening's verdict, as a short code (`clear`, …).
    pub fn screening(&self, verdict: &str) {
        self.send(Msg::Row(StoredEvent {
            at_ms: now_ms(),
            entry: Entry::Screening(verdict.to_string()),
        }));
    }

    fn pain(&self, after: bool, pain: Pain, extent: Option<Extent>) {
        let event = StoredEvent {
            at_ms: now_ms(),
            entry: Entry::Pain {
                after,
                pain,
                extent,
            },
        };
        self.send(Msg::Pain {
            event,
            after,
            pain,
            extent,
        });
    }

    /// The baseline: pain now and how far down the leg it reaches.
    pub fn set_pain_before(&self, pain: Pain, extent: Option<Extent>) {
        self.pain(false, pain, extent);
    }

    /// The rating at the end (may come after [`Recorder::finish`]).
    pub fn set_pain_after(&self, pain: Pain, extent: Option<Extent>) {
        self.pain(true, pain, extent);
    }

    /// The session ended; the first outcome recorded is kept.
    pub fn finish(&self, outcome: impl Into<Outcome>) {
        self.send(Msg::Finish {
            at_ms: now_ms(),
            outcome: outcome.into(),
        });
    }

    /// The program is being ended from outside (`why`: `sigterm`, …).
    pub fn interrupted(&self, why: &str) {
        self.entry(Entry::Interrupted(why.to_string()));
        self.finish(Outcome::Interrupted(Some(why.to_string())));
    }

    /// Wait until everything recorded so far is committed. For tests and
    /// shutdown paths, never for the event loop.
    pub fn sync(&self) {
        let (tx, rx) = mpsc::channel();
        self.send(Msg::Sync(tx));
        let _ = rx.recv();
    }
}

impl Writer {
    /// Commit what is pending, close the session (as interrupted, if it was
    /// never finished), release its lock and stop the thread.
    pub fn close(mut self) -> Result<(), HistoryError> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> Result<(), HistoryError> {
        let Some(handle) = self.handle.take() else {
            return Ok(());
        };
        let _ = self.tx.send(Msg::Close);
        handle.join().unwrap_or(Err(HistoryError::WriterGone))
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

/// The writer thread: add the session's row, then block for a message,
/// drain what else has arrived, commit, repeat. Keeps going after a failed
/// write (the disk may come back) and returns the first error. If the row
/// itself cannot be written, messages are taken and dropped until `Close`.
fn write_loop(
    mut store: Store,
    meta: SessionMeta,
    owner: String,
    lock: LiveLock,
    rx: Receiver<Msg>,
) -> Result<(), HistoryError> {
    let started = store
        .set_busy_timeout(WRITER_BUSY_TIMEOUT)
        .and_then(|()| store.insert_session(&meta, &owner));
    let session = match started {
        Ok(id) => id,
        Err(e) => {
            for msg in rx.iter() {
                match msg {
                    Msg::Sync(ack) => drop(ack.send(())),
                    Msg::Close => break,
                    _ => {}
                }
            }
            lock.release();
            return Err(e);
        }
    };
    let mut first_error = None;
    let mut keep = |r: Result<(), HistoryError>| {
        if let Err(e) = r {
            first_error.get_or_insert(e);
        }
    };
    let mut events = Vec::new();
    let mut closing = false;
    while !closing {
        let Ok(first) = rx.recv() else { break };
        let mut acks = Vec::new();
        for msg in std::iter::once(first).chain(rx.try_iter()) {
            match msg {
                Msg::Event(ev) => events.push(ev),
                Msg::Pain {
                    event,
                    after,
                    pain,
                    extent,
                } => {
                    events.push(event);
                    keep(store.append(session, &std::mem::take(&mut events)));
                    keep(store.set_pain(session, after, pain, extent));
                }
                Msg::Fact { event, fact } => {
                    let at_ms = event.at_ms;
                    events.push(event);
                    keep(store.append(session, &std::mem::take(&mut events)));
                    keep(store.add_fact(session, at_ms, meta.utc_offset_s, &fact));
                }
                Msg::Finish { at_ms, outcome } => {
                    keep(store.append(session, &std::mem::take(&mut events)));
                    keep(store.finish(session, at_ms, &outcome));
                }
                Msg::Row(event) => {
                    let set = match &event.entry {
                        Entry::Screening(code) => store.set_screening(session, code),
                        Entry::Session(Event::Began { routine, hash }) => {
                            store.set_ran(session, routine, hash)
                        }
                        Entry::Session(Event::Tally(t)) => store.set_tally(session, t),
                        _ => Ok(()),
                    };
                    events.push(event);
                    keep(store.append(session, &std::mem::take(&mut events)));
                    keep(set);
                }
                Msg::ExtentAfter { event, extent } => {
                    events.push(event);
                    keep(store.append(session, &std::mem::take(&mut events)));
                    keep(store.set_extent_after(session, extent));
                }
                Msg::LateStop { event, reason } => {
                    events.push(event);
                    keep(store.append(session, &std::mem::take(&mut events)));
                    keep(store.stop_late(session, &reason));
                }
                Msg::Sync(ack) => acks.push(ack),
                Msg::Close => closing = true,
            }
        }
        if !events.is_empty() {
            keep(store.append(session, &std::mem::take(&mut events)));
        }
        for ack in acks {
            let _ = ack.send(());
        }
    }
    keep(store.finish(session, now_ms(), &Outcome::Interrupted(None)));
    lock.release();
    first_error.map_or(Ok(()), Err)
}

#[cfg(test)]
#[path = "recorder_tests.rs"]
mod tests;
