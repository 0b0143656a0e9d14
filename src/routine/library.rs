//! Where routines come from: the bundled ones (embedded in the binary, so an
//! installed binary works anywhere), the user's own folder (which shadows a
//! bundled routine of the same name), and files named by path.
//!
//! The user folder is `$UNKNOT_ROUTINES_DIR` when set, otherwise
//! `routines/` inside the platform's config directory for unknot
//! (`~/.config/unknot/routines` on Linux).

use std::borrow::Cow;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::spec::MAX_BYTES;
use super::{Checked, Report, Routine, check_bytes};

/// The routine `unknot` starts when none is named.
pub const DEFAULT_ROUTINE: &str = "gentle-lower-back";

/// The massage-free routine offered in the first days after the pain began.
pub const RELIEF_ROUTINE: &str = "acute-relief";

/// The gentle routine run under a doctor's OK for a lasting condition,
/// when the routine asked for is not gentle itself.
pub const GENTLE_ROUTINE: &str = "disc-gentle";

/// The environment variable that moves the user routine folder.
pub const DIR_ENV: &str = "UNKNOT_ROUTINES_DIR";

macro_rules! bundled {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_str!(concat!("../../routines/", $name, ".toml")))),+]
    };
}

/// Bundled routines: (name, TOML source), in the order `list` shows them.
pub const BUNDLED: &[(&str, &str)] = bundled!(
    "gentle-lower-back",
    "acute-relief",
    "piriformis-sciatica",
    "disc-gentle",
    "ball-and-roller",
    "thigh-after-bath",
    "partner-lower-back",
);

/// Where a routine came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary.
    Bundled,
    /// A file in the user routine folder.
    User(PathBuf),
    /// A file named by path on the command line.
    File(PathBuf),
}

impl Origin {
    /// "bundled", "user" or "file".
    pub fn word(&self) -> &'static str {
        match self {
            Origin::Bundled => "bundled",
            Origin::User(_) => "user",
            Origin::File(_) => "file",
        }
    }

    /// The file on disk, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Origin::Bundled => None,
            Origin::User(p) | Origin::File(p) => Some(p),
        }
    }
}

/// Why a routine could not be found, read or used.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    /// No routine by that name.
    #[error("no routine named '{name}'; {}available: {}", near.as_ref().map(|n| format!("did you mean '{n}'? ")).unwrap_or_default(), available.join(", "))]
    Unknown {
        /// What was asked for.
        name: String,
        /// The name nearest to it, if one is near enough to be a typo.
        near: Option<String>,
        /// Every name that exists.
        available: Vec<String>,
    },
    /// The file exists but could not be read.
    #[error("cannot read '{path}': {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: io::Error,
    },
    /// The routine has errors.
    #[error("{0}")]
    Invalid(Report),
}

/// A routine's text and where it came from, not yet checked.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name it is found by (the file name without `.toml`).
    pub name: String,
    /// Where it came from.
    pub origin: Origin,
    /// How messages name it.
    pub shown: String,
    /// The file's contents (at most one byte over the size limit).
    pub bytes: Cow<'static, [u8]>,
}

impl Source {
    /// Check it, warning when its `name` differs from its file name.
    pub fn check(&self) -> Checked {
        let expected = match self.origin {
            Origin::File(_) => None,
            _ => Some(self.name.as_str()),
        };
        check_bytes(&self.bytes, &self.shown, expected)
    }
}

/// A routine that loaded.
#[derive(Debug, Clone)]
pub struct Found {
    /// Ready to run.
    pub routine: Routine,
    /// Where it came from.
    pub origin: Origin,
    /// Warnings (possibly none); they never stop a session.
    pub warnings: Report,
}

/// The bundled routines plus one user folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Library {
    user_dir: Option<PathBuf>,
}

impl Library {
    /// The user folder from `$UNKNOT_ROUTINES_DIR` or the platform.
    pub fn from_env() -> Library {
        let dir = std::env::var_os(DIR_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("", "", "unknot")
                    .map(|p| p.config_dir().join("routines"))
            });
        Library { user_dir: dir }
    }

    /// A library with this user folder (or none).
    pub fn new(user_dir: Option<PathBuf>) -> Library {
        Library { user_dir }
    }

    /// The user routine folder, if the platform has one.
    pub fn user_dir(&self) -> Option<&Path> {
        self.user_dir.as_deref()
    }

    /// Where a user routine of this name lives (whether or not it exists).
    pub fn user_path(&self, name: &str) -> Option<PathBuf> {
        Some(self.user_dir.as_ref()?.join(format!("{name}.toml")))
    }

    /// Names of the routines in the user folder, sorted. A missing folder
    /// has none; hidden files and files not ending in `.toml` are skipped.
    pub fn user_names(&self) -> io::Result<Vec<String>> {
        let Some(dir) = &self.user_dir else {
            return Ok(Vec::new());
        };
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut names = Vec::new();
        for entry in entries {
            let file = entry?.file_name();
            let Some(file) = file.to_str() else { continue };
            if let Some(stem) = file
                .strip_suffix(".toml")
                .filter(|s| !s.starts_with('.') && !s.is_empty())
            {
                names.push(stem.to_string());
            }
        }
        names.sort();
        Ok(names)
    }

    /// Every name that can be started, bundled and user, sorted, once each.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = BUNDLED.iter().map(|(n, _)| n.to_string()).collect();
        names.extend(self.user_names().unwrap_or_default());
        names.sort();
        names.dedup();
        names
    }

    /// The text of a routine by name (user first, then bundled) or by path.
    pub fn source(&self, name_or_path: &str) -> Result<Source, FindError> {
        if looks_like_path(name_or_path) {
            let path = PathBuf::from(name_or_path);
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_string();
            return read_source(name, Origin::File(path), name_or_path.to_string());
        }
        if let Some(path) = self.user_path(name_or_path).filter(|p| p.is_file()) {
            let shown = path.display().to_string();
            return read_source(name_or_path.to_string(), Origin::User(path), shown);
        }
        match BUNDLED.iter().find(|(n, _)| *n == name_or_path) {
            Some((name, text)) => Ok(Source {
                name: name.to_string(),
                origin: Origin::Bundled,
                shown: format!("routines/{name}.toml"),
                bytes: Cow::Borrowed(text.as_bytes()),
            }),
            None => {
                let available = self.names();
                let names: Vec<&str> = available.iter().map(String::as_str).collect();
                Err(FindError::Unknown {
                    name: name_or_path.to_string(),
                    near: super::hints::suggest(name_or_path, &names).map(str::to_string),
                    available,
                })
            }
        }
    }

    /// Find and check a routine; errors make it [`FindError::Invalid`].
    pub fn find(&self, name_or_path: &str) -> Result<Found, FindError> {
        let source = self.source(name_or_path)?;
        let Checked { routine, report } = source.check();
        match routine {
            Some(routine) => Ok(Found {
                routine,
                origin: source.origin,
                warnings: report,
            }),
            None => Err(FindError::Invalid(report)),
        }
    }
}

/// Whether a command-line argument names a file rather than a routine.
pub fn looks_like_path(arg: &str) -> bool {
    arg.ends_with(".toml") || arg.contains('/') || arg.contains(std::path::MAIN_SEPARATOR)
}

/// Read at most one byte past the size limit, so a huge file is refused
/// without being read whole.
pub fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn read_source(name: String, origin: Origin, shown: String) -> Result<Source, FindError> {
    let path = origin.path().unwrap_or(Path::new(""));
    let bytes = read_limited(path).map_err(|source| FindError::Read {
        path: shown.clone(),
        source,
    })?;
    Ok(Source {
        name,
        origin,
        shown,
        bytes: Cow::Owned(bytes),
    })
}

/// Find a routine by name or path using the user folder from the
/// environment. Warnings are dropped; use [`Library::find`] to keep them.
pub fn find(name_or_path: &str) -> Result<(Routine, Origin), FindError> {
    Library::from_env()
        .find(name_or_path)
        .map(|f| (f.routine, f.origin))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled_only() -> Library {
        Library::new(None)
    }

    #[test]
    fn every_bundled_routine_loads_without_warnings() {
        for (name, _) in BUNDLED {
            let found = bundled_only().find(name).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(&found.routine.name, name);
            assert_eq!(found.warnings.diagnostics(), &[], "{}", found.warnings);
        }
    }

    #[test]
    fn every_routine_file_is_bundled() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("routines");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                e.unwrap()
                    .file_name()
                    .to_str()?
                    .strip_suffix(".toml")
                    .map(String::from)
            })
            .collect();
        files.sort();
        let mut bundled: Vec<String> = BUNDLED.iter().map(|(n, _)| n.to_string()).collect();
        bundled.sort();
        assert_eq!(files, bundled);
    }

    #[test]
    fn unknown_name_lists_what_exists() {
        let err = bundled_only().find("nope").unwrap_err().to_string();
        assert!(
            err.starts_with("no routine named 'nope'; available: "),
            "{err}"
        );
        assert!(err.contains(DEFAULT_ROUTINE), "{err}");
        assert!(!err.contains('\n'));
    }

    #[test]
    fn user_folder_shadows_bundled() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::new(Some(dir.path().to_path_buf()));
        let text = BUNDLED[0].1.replace("An easy all-round", "My own");
        std::fs::write(dir.path().join(format!("{DEFAULT_ROUTINE}.toml")), text).unwrap();
        std::fs::write(dir.path().join(".hidden.toml"), "x").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        let found = lib.find(DEFAULT_ROUTINE).unwrap();
        assert!(matches!(found.origin, Origin::User(_)));
        assert!(found.routine.summary.starts_with("My own"));
        assert_eq!(lib.user_names().unwrap(), [DEFAULT_ROUTINE]);
        assert_eq!(
            lib.names().iter().filter(|n| *n == DEFAULT_ROUTINE).count(),
            1
        );
    }

    #[test]
    fn file_name_mismatch_warns() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::new(Some(dir.path().to_path_buf()));
        std::fs::write(dir.path().join("mine.toml"), BUNDLED[0].1).unwrap();
        let found = lib.find("mine").unwrap();
        let msgs: Vec<_> = found
            .warnings
            .diagnostics()
            .iter()
            .map(|d| &d.message)
            .collect();
        assert_eq!(
            msgs,
            ["this file is found as 'mine' but the routine calls itself 'gentle-lower-back'"]
        );
        // A file name that could never be a routine name: rename the file.
        std::fs::write(dir.path().join("My Back.toml"), BUNDLED[0].1).unwrap();
        let odd = lib.find("My Back").unwrap();
        let help = odd.warnings.diagnostics()[0].help.as_deref();
        assert_eq!(help, Some("rename the file to gentle-lower-back.toml"));
        // By path, the file name is not a promise.
        let path = dir.path().join("mine.toml");
        let by_path = lib.find(path.to_str().unwrap()).unwrap();
        assert!(by_path.warnings.diagnostics().is_empty());
    }

    #[test]
    fn huge_files_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        std::fs::write(&path, vec![b'#'; MAX_BYTES * 4]).unwrap();
        assert_eq!(read_limited(&path).unwrap().len(), MAX_BYTES + 1);
        let err = bundled_only().find(path.to_str().unwrap()).unwrap_err();
        assert!(
            err.to_string()
                .contains("a routine file may be at most 256 KiB"),
            "{err}"
        );
    }
}
