//! `unknot start` (and `unknot` alone): load the config and the routine,
//! open the history, check that there is a terminal to run in, then hand
//! the session to [`crate::app`] and, once the terminal is restored, make
//! sure everything it recorded is saved.
//!
//! Around the terminal UI, the history talks to the person on the plain
//! terminal: [`open_history`] before (if the history cannot be used it says
//! why, and asks whether to go on without it), and [`Recording`] from the
//! start to the end.
//!
//! Exit codes: 0 done; 2 a routine, the config or the history could not
//! be used (and the person did not choose to go on without history), or
//! there is no terminal; 128 + N when signal N ended the session.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use super::history::EXIT_UNUSABLE;
use super::{no_color_env, stderr_style};
use crate::app::{self, Ending, Options, ToleranceLoader, notice};
use crate::audio;
use crate::cli::StartArgs;
use crate::config::{Flags, Settings};
use crate::history::{
    self, Recent, Recorder, SessionMeta, Store, Writer, data_dir, recent, techniques, time,
};
use crate::routine::library::{FindError, GENTLE_ROUTINE, Library, RELIEF_ROUTINE};
use crate::routine::{Routine, Side};
use crate::safety::OnRecord;
use crate::tolerance::{Tolerance, WINDOW_MS};
use crate::ui;

pub fn run(args: StartArgs, data_dir: Option<&Path>, config_path: Option<&Path>) -> ExitCode {
    let file = match super::config::load(config_path, super::config::Reader::Other) {
        Ok(file) => file,
        Err(code) => return code,
    };
    let (voice, volume, bell) = args.sound_flags();
    let flags = Flags {
        routine: args.routine.clone(),
        side: args.side.map(Into::into),
        theme: args.theme.map(Into::into),
        voice,
        volume,
        bell,
        guidance: args.guidance.map(Into::into),
        media_controls: args.no_media_controls.then_some(false),
    };
    let settings = Settings::resolve(&flags, &file, no_color_env());
    let name = settings.routine.as_str();
    let style = stderr_style();
    let mut found = match Library::from_env().find(name) {
        Ok(found) => found,
        Err(FindError::Invalid(report)) => {
            eprint!("{}", report.render(style));
            eprintln!("unknot: '{name}' has errors; `unknot routines edit {name}` opens it");
            return ExitCode::from(2);
        }
        Err(e) => {
            // Say where a name that was not typed here came from.
            match (&args.routine, &file.routine, config_path) {
                (None, Some(_), Some(path)) => eprintln!(
                    "unknot: {e} (named by `routine` in the config file '{}')",
                    path.display()
                ),
                _ => eprintln!("unknot: {e}"),
            }
            return ExitCode::from(2);
        }
    };
    // Warnings never stop a session. The full screen would hide them, so
    // they are said once it is given back; in `--plain` mode, now.
    let warnings = found.warnings.render(style);
    if args.plain {
        eprint!("{warnings}");
    }
    // Before anything else: a history problem is told on the plain terminal.
    let store = match open_history(data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    // Keys need a terminal; the full-screen view also needs one for output.
    // `--plain` output may go to a pipe or a file.
    if !std::io::stdin().is_terminal() || (!args.plain && !std::io::stdout().is_terminal()) {
        eprintln!(
            "unknot: a session needs an interactive terminal (stdin{} must be a terminal)",
            if args.plain { "" } else { " and stdout" }
        );
        return ExitCode::from(2);
    }
    settings.apply(&mut found.routine);
    let side = settings.side;
    // The first-run notice is remembered beside the history.
    let notice_dir = history::data_dir(data_dir).ok();
    // What the history holds about the person decides which questions are
    // due; read before this session is added. A record that cannot be
    // read means everything is asked, as at a first session.
    let now = time::now_ms();
    let record = match &store {
        Some(store) => store.on_record(now).unwrap_or_else(|e| {
            eprintln!("unknot: {e}; every safety question will be asked");
            OnRecord::empty(now)
        }),
        None => OnRecord::empty(now),
    };
    let tolerance = store
        .as_ref()
        .map(|s| tolerance_loader(s.dir().to_path_buf()));
    let mut recording = match Recording::start(store, &found.routine, side) {
        Ok(recording) => recording,
        Err(code) => return code,
    };
    // Offered instead of massage when the pain began recently. It may
    // not be installed; the intake then says what to do without it. The
    // config's settings apply to it as to any routine (check-ins at least
    // as often as asked, the preparation time).
    let relief = Library::from_env().find(RELIEF_ROUTINE).ok().map(|f| {
        let mut r = f.routine;
        settings.apply(&mut r);
        r
    });
    let opts = Options {
        routine: found.routine,
        relief,
        // Run under a doctor's OK when the routine asked for is not gentle.
        gentle: Library::from_env().find(GENTLE_ROUTINE).ok().map(|f| {
            let mut r = f.routine;
            settings.apply(&mut r);
            r
        }),
        record,
        notice: !notice::seen(notice_dir.as_deref()),
        data_dir: notice_dir,
        side,
        theme: settings.theme,
        plain: args.plain,
        history: recording.recorder.take(),
        trend: recording.recent.take(),
        tolerance,
        // A few `stat` calls: is there a program to say a step's words?
        guidance: settings.spoken(audio::speech::Program::find().is_some()),
        media_controls: settings.media_controls,
    };
    // Returns at once: the sound device is opened on the player's thread.
    // The bell rings on the terminal; `--plain` output to a file or a pipe
    // stays free of it.
    let bell = settings.bell && io::stdout().is_terminal();
    let player = audio::with_bell(
        audio::start(audio::Settings {
            volume: settings.volume,
            voice: settings.voice,
            bell,
        }),
        bell,
    );
    let result = app::run(opts, player);
    // Everything recorded is committed before the program ends.
    let saved = recording.close();
    // The screen is given back: say how it ended, and the warnings it hid.
    if !args.plain {
        eprint!("{warnings}");
    }
    let said = match &result {
        Ok(Ending::Session(Some(closing))) => Some(ui::plain::closing_line(closing)),
        Ok(Ending::Session(None)) => None,
        Ok(Ending::Signal(sig)) => Some(format!(
            "Ended from outside (signal {sig}); the session is recorded as interrupted."
        )),
        Err(_) => None,
    };
    if let Some(line) = said {
        println!("{line} {}", saved.words());
    }
    match result {
        Ok(Ending::Session(_)) => ExitCode::SUCCESS,
        Ok(Ending::Signal(sig)) => ExitCode::from(128 + sig as u8),
        Err(e) => {
            eprintln!("unknot: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Whether a session's record was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Everything was committed to the history.
    Yes,
    /// Running without history (the person chose to).
    NoHistory,
    /// A write failed (the reason was said on stderr).
    Failed,
}

impl Saved {
    /// The end of the closing line.
    pub fn words(self) -> &'static str {
        match self {
            Saved::Yes => "Saved to your history (`unknot history`).",
            Saved::NoHistory => "Not saved: running without history.",
            Saved::Failed => "Not fully saved (see above).",
        }
    }
}

/// Open the history before a session starts. `Ok(Some)`: ready to record.
/// `Ok(None)`: it cannot be used and the person chose to go on without
/// it. `Err`: the exit code to end with. The file is never changed to make
/// it work: a damaged or foreign file stays exactly as it was.
pub fn open_history(data_dir_flag: Option<&Path>) -> Result<Option<Store>, ExitCode> {
    let err = match data_dir(data_dir_flag).and_then(|dir| Store::open(&dir)) {
        Ok(store) => return Ok(Some(store)),
        Err(e) => e,
    };
    eprintln!("unknot: {err}");
    if !io::stdin().is_terminal() || !io::stderr().is_terminal() {
        eprintln!(
            "unknot: not starting without history (no terminal to ask); fix the file or pass --data-dir DIR"
        );
        return Err(ExitCode::from(EXIT_UNUSABLE));
    }
    if ask_yes_no(
        "Start the session without saving it to your history? [y/N] ",
        io::stdin().lock(),
    ) {
        eprintln!("unknot: this session will not be saved.");
        Ok(None)
    } else {
        eprintln!("unknot: no session started.");
        Err(ExitCode::from(EXIT_UNUSABLE))
    }
}

/// The trend of the sessions recorded so far, as of now (call it before
/// the new session is added). A history that cannot be read has none.
pub fn recent_so_far(store: &Store) -> Option<Recent> {
    let now = time::now_ms();
    let rows = store
        .sessions_between(now - recent::WEEK_MS, now, recent::WINDOW)
        .ok()?;
    Some(recent::recent(&rows, now))
}

/// The page cache of the connection that reads the per-technique record:
/// 64 KiB instead of SQLite's 2 000 (measured: about 100 KiB less resident
/// memory over a history of 10 000 sessions).
const LOADER_CACHE_KIB: u32 = 64;

/// Reads what the last 14 days of history say about each technique, on
/// the app's loader thread, through a connection of its own (the session's
/// writer owns the other). A history that cannot be read gives none: the
/// session then runs every technique as written, without warnings.
fn tolerance_loader(dir: std::path::PathBuf) -> ToleranceLoader {
    Box::new(move || {
        let now_ms = time::now_ms();
        let store = Store::open_existing(&dir).ok()??;
        // It reads once: a small page cache keeps the session's memory down.
        store.limit_cache(LOADER_CACHE_KIB).ok()?;
        let records = techniques::load_recent(&store, now_ms, WINDOW_MS).ok()?;
        Some(Tolerance { records, now_ms })
    })
}

/// A session's history, from its start to its end: the recorder the app
/// feeds, the trend for the end screen, and the writer to close at exit.
#[derive(Debug, Default)]
pub struct Recording {
    /// For the app (`Options::history`); `None` without history.
    pub recorder: Option<Recorder>,
    /// For the end screen (`Options::trend`).
    pub recent: Option<Recent>,
    writer: Option<Writer>,
}

impl Recording {
    /// Start recording a session of `routine` in `store` (from
    /// [`open_history`]; `None`: run without history). On failure,
    /// says why and gives the exit code.
    pub fn start(
        store: Option<Store>,
        routine: &Routine,
        side: Option<Side>,
    ) -> Result<Recording, ExitCode> {
        let Some(store) = store else {
            return Ok(Recording::default());
        };
        let recent = recent_so_far(&store);
        match Recorder::start_session(store, &SessionMeta::now(routine, side)) {
            Ok((recorder, writer)) => Ok(Recording {
                recorder: Some(recorder),
                recent,
                writer: Some(writer),
            }),
            Err(e) => {
                eprintln!("unknot: {e}");
                Err(ExitCode::from(EXIT_UNUSABLE))
            }
        }
    }

    /// After the terminal is restored: wait until everything is committed,
    /// and say so if something could not be saved.
    pub fn close(self) -> Saved {
        match self.writer.map(Writer::close) {
            None => Saved::NoHistory,
            Some(Ok(())) => Saved::Yes,
            Some(Err(e)) => {
                eprintln!("unknot: the session was not fully saved: {e}");
                Saved::Failed
            }
        }
    }
}

/// Ask on stderr; only "y" or "yes" (any case) count as yes.
fn ask_yes_no(question: &str, mut input: impl BufRead) -> bool {
    eprint!("{question}");
    let _ = io::stderr().flush();
    let mut answer = String::new();
    if input.read_line(&mut answer).is_err() {
        return false;
    }
    matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_yes_means_yes() {
        for (typed, yes) in [
            ("y\n", true),
            ("YES\n", true),
            (" yes \n", true),
            ("\n", false),
            ("n\n", false),
            ("", false),
            ("yep\n", false),
        ] {
            assert_eq!(ask_yes_no("", typed.as_bytes()), yes, "{typed:?}");
        }
    }
}
