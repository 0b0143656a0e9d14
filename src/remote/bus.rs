//! The D-Bus side of the media controls: unknot as an MPRIS media player
//! (`org.mpris.MediaPlayer2`) on the session bus, through zbus running on
//! the app's own tokio runtime (no thread of its own).
//!
//! A thin layer over the pure mapping in [`super`]: each player method
//! sends a [`Command`] to the app, and the properties read the last
//! [`Track`] the app showed. [`Link::start`] returns at once; connecting
//! and registering happen in a task, so neither the event loop nor a frame
//! waits for the bus. No session bus (SSH, a console, CI) is normal: the
//! task ends quietly and the link's commands simply never come.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::{mpsc, watch};
use zbus::fdo::{self, RequestNameFlags, RequestNameReply};
use zbus::object_server::SignalEmitter;
use zbus::{Connection, ObjectPath, OwnedVariant, Str, Variant, interface};

use super::{Command, Track};

/// The player's well-known name (`playerctl -p unknot`). A second unknot
/// running at the same time takes `NAME.instancePID`, as MPRIS suggests.
pub const NAME: &str = "org.mpris.MediaPlayer2.unknot";
/// Where MPRIS players serve their two interfaces.
const PATH: &str = "/org/mpris/MediaPlayer2";

/// The app's end: commands from the bus, the track shown on it.
pub struct Link {
    commands: mpsc::UnboundedReceiver<Command>,
    shown: watch::Sender<Track>,
    /// What the bus was last told.
    last: Track,
    task: tokio::task::JoinHandle<()>,
}

impl Link {
    /// Start serving `first` on the session bus. Returns at once (call it
    /// inside the tokio runtime); the bus is reached in a task.
    pub fn start(first: Track) -> Link {
        let (tx, commands) = mpsc::unbounded_channel();
        let (shown, rx) = watch::channel(first.clone());
        let task = tokio::spawn(serve(tx, rx));
        Link {
            commands,
            shown,
            last: first,
            task,
        }
    }

    /// The next command from a media control; `None` once the bus is out of
    /// reach (then never again).
    pub async fn recv(&mut self) -> Option<Command> {
        self.commands.recv().await
    }

    /// Show `track`; the bus hears of it only when a widget showing the
    /// last track would be wrong (a new phase, a pause, a jump).
    pub fn show(&mut self, track: Track) {
        if self.last.outdated_by(&track) {
            self.last = track.clone();
            self.shown.send_replace(track);
        }
    }
}

impl Drop for Link {
    /// Leave the bus: the connection closes and the name goes with it.
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Whether a session bus may be there, known without connecting: an
/// address is set, or the user's runtime folder holds the usual socket.
/// Neither (SSH, a console, CI) means no bus, and then no attempt is made
/// at all: the connection code is never even paged in.
pub fn may_be_there() -> bool {
    match std::env::var_os("DBUS_SESSION_BUS_ADDRESS") {
        Some(address) if !address.is_empty() => true,
        _ => std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists()),
    }
}

/// Whether a session bus answers within `wait` (for `unknot doctor`;
/// blocks the calling thread, which must not be inside a tokio runtime).
pub fn reachable(wait: std::time::Duration) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(async {
        match tokio::time::timeout(wait, Connection::session()).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err(format!("no answer within {} s", wait.as_secs())),
        }
    })
}

/// Connect, register, then keep the widgets up to date until the link is
/// dropped. Any failure ends the task quietly (media controls off).
async fn serve(tx: mpsc::UnboundedSender<Command>, mut rx: watch::Receiver<Track>) {
    let shared = Arc::new(Mutex::new(rx.borrow_and_update().clone()));
    let Ok(conn) = register(tx, Arc::clone(&shared)).await else {
        return;
    };
    let Ok(player) = conn.object_server().interface::<_, Player>(PATH).await else {
        return;
    };
    while rx.changed().await.is_ok() {
        let new = rx.borrow_and_update().clone();
        let old = std::mem::replace(&mut *lock(&shared), new.clone());
        let iface = player.get().await;
        let emitter = player.signal_emitter();
        // A widget that misses one of these only shows stale text until
        // the next change; nothing in the session depends on them.
        if old.playback != new.playback {
            let _ = iface.playback_status_changed(emitter).await;
        }
        if (&old.id, &old.title, &old.album, &old.artist, old.length)
            != (&new.id, &new.title, &new.album, &new.artist, new.length)
        {
            let _ = iface.metadata_changed(emitter).await;
        }
        if old.jumped_to(&new) {
            let _ = Player::seeked(emitter, micros(new.position)).await;
        }
    }
}

/// Serve both interfaces, then take the player's name.
async fn register(
    tx: mpsc::UnboundedSender<Command>,
    shared: Arc<Mutex<Track>>,
) -> zbus::Result<Connection> {
    let conn = zbus::connection::Builder::session()
        .serve_at(PATH, Root)
        .serve_at(PATH, Player { tx, shared })
        .build()
        .await?;
    let reply = conn
        .request_name_with_flags(NAME, RequestNameFlags::DO_NOT_QUEUE)
        .await?;
    if reply == RequestNameReply::Exists {
        let name = format!("{NAME}.instance{}", std::process::id());
        conn.request_name_with_flags(name.as_str(), RequestNameFlags::DO_NOT_QUEUE)
            .await?;
    }
    Ok(conn)
}

fn lock(shared: &Mutex<Track>) -> MutexGuard<'_, Track> {
    // A panic while holding it cannot leave a track half-written.
    shared.lock().unwrap_or_else(|e| e.into_inner())
}

/// Microseconds, as MPRIS counts time.
fn micros(d: std::time::Duration) -> i64 {
    i64::try_from(d.as_micros()).unwrap_or(i64::MAX)
}

/// `org.mpris.MediaPlayer2`: who the player is. It has no window to raise
/// and cannot be quit from a widget (leaving asks on screen), so both
/// methods do nothing, as the specification asks when `CanRaise` and
/// `CanQuit` are false.
struct Root;

#[interface(name = "org.mpris.MediaPlayer2")]
impl Root {
    fn raise(&self) {}

    fn quit(&self) {}

    #[zbus(property(emits_changed_signal = "const"))]
    fn can_quit(&self) -> bool {
        false
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn can_raise(&self) -> bool {
        false
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn has_track_list(&self) -> bool {
        false
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn identity(&self) -> &str {
        "unknot"
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn supported_uri_schemes(&self) -> Vec<String> {
        Vec::new()
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn supported_mime_types(&self) -> Vec<String> {
        Vec::new()
    }
}

/// `org.mpris.MediaPlayer2.Player`: the controls and the current track.
struct Player {
    tx: mpsc::UnboundedSender<Command>,
    shared: Arc<Mutex<Track>>,
}

impl Player {
    fn send(&self, cmd: Command) {
        // The app has gone: nobody to tell.
        let _ = self.tx.send(cmd);
    }

    fn track(&self) -> Track {
        lock(&self.shared).clone()
    }
}

#[interface(name = "org.mpris.MediaPlayer2.Player")]
impl Player {
    fn play_pause(&self) {
        self.send(Command::PlayPause);
    }

    fn play(&self) {
        self.send(Command::Play);
    }

    fn pause(&self) {
        self.send(Command::Pause);
    }

    fn next(&self) {
        self.send(Command::Next);
    }

    fn previous(&self) {
        self.send(Command::Previous);
    }

    fn stop(&self) {
        self.send(Command::Stop);
    }

    /// A countdown is not a recording: `CanSeek` is false, and the
    /// specification says seeking then has no effect.
    fn seek(&self, _offset: i64) {}

    /// As [`Player::seek`]: no effect while `CanSeek` is false.
    fn set_position(&self, _track: ObjectPath<'_>, _position: i64) {}

    fn open_uri(&self, _uri: &str) -> fdo::Result<()> {
        Err(fdo::Error::NotSupported("unknot opens no media".into()))
    }

    /// The position jumped (a part restarted).
    #[zbus(signal)]
    async fn seeked(emitter: &SignalEmitter<'_>, position: i64) -> zbus::Result<()>;

    #[zbus(property)]
    fn playback_status(&self) -> &'static str {
        self.track().playback.word()
    }

    #[zbus(property)]
    fn metadata(&self) -> HashMap<String, OwnedVariant> {
        let t = self.track();
        let mut m = HashMap::new();
        if let Ok(path) = ObjectPath::try_from(t.id) {
            m.insert("mpris:trackid".into(), OwnedVariant::from(path));
        }
        m.insert("mpris:length".into(), OwnedVariant::from(micros(t.length)));
        m.insert("xesam:title".into(), OwnedVariant::from(Str::from(t.title)));
        m.insert("xesam:album".into(), OwnedVariant::from(Str::from(t.album)));
        if let Ok(artist) = OwnedVariant::try_from(Variant::from(vec![t.artist])) {
            m.insert("xesam:artist".into(), artist);
        }
        m
    }

    /// Read from the clock when asked: widgets ask, they are not told.
    #[zbus(property(emits_changed_signal = "false"))]
    fn position(&self) -> i64 {
        micros(self.track().position_at(std::time::Instant::now()))
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn rate(&self) -> f64 {
        1.0
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn minimum_rate(&self) -> f64 {
        1.0
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn maximum_rate(&self) -> f64 {
        1.0
    }

    /// The cues' loudness is set with `--volume`; widgets only read it.
    #[zbus(property(emits_changed_signal = "const"))]
    fn volume(&self) -> f64 {
        1.0
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn can_go_next(&self) -> bool {
        true
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn can_go_previous(&self) -> bool {
        true
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn can_play(&self) -> bool {
        true
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn can_pause(&self) -> bool {
        true
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn can_seek(&self) -> bool {
        false
    }

    #[zbus(property(emits_changed_signal = "const"))]
    fn can_control(&self) -> bool {
        true
    }
}
