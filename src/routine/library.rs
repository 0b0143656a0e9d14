//! Where routines come from: the bundled ones (embedded in the binary, so an
//! installed binary works anywhere) and files named by path.

use std::path::Path;

use super::{Routine, RoutineError, load_str};

/// The routine `unknot` starts when none is named.
pub const DEFAULT_ROUTINE: &str = "gentle-lower-back";

/// Bundled routines: (name, TOML source).
pub const BUNDLED: &[(&str, &str)] = &[(
    "gentle-lower-back",
    include_str!("../../routines/gentle-lower-back.toml"),
)];

/// Where a loaded routine came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Bundled(String),
    File(std::path::PathBuf),
}

/// Why a routine could not be found or read.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    #[error("no routine named '{name}'; available: {}", available.join(", "))]
    Unknown {
        name: String,
        available: Vec<String>,
    },
    #[error("cannot read '{path}': {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Routine(#[from] RoutineError),
}

/// The names of every routine that can be started by name.
pub fn names() -> Vec<String> {
    BUNDLED.iter().map(|(n, _)| n.to_string()).collect()
}

/// Find a routine by bundled name or by path to a `.toml` file.
pub fn find(name_or_path: &str) -> Result<(Routine, Origin), FindError> {
    let looks_like_path = name_or_path.ends_with(".toml")
        || name_or_path.contains('/')
        || name_or_path.contains(std::path::MAIN_SEPARATOR);
    if looks_like_path {
        let path = Path::new(name_or_path);
        let src = std::fs::read_to_string(path).map_err(|source| FindError::Read {
            path: name_or_path.to_string(),
            source,
        })?;
        let routine = load_str(&src, name_or_path)?;
        return Ok((routine, Origin::File(path.to_path_buf())));
    }
    match BUNDLED.iter().find(|(n, _)| *n == name_or_path) {
        Some((name, src)) => {
            let routine = load_str(src, &format!("routines/{name}.toml"))?;
            Ok((routine, Origin::Bundled(name.to_string())))
        }
        None => Err(FindError::Unknown {
            name: name_or_path.to_string(),
            available: names(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_routine_loads() {
        for (name, _) in BUNDLED {
            let (r, _) = find(name).unwrap();
            assert_eq!(&r.name, name);
        }
    }

    #[test]
    fn unknown_name_lists_what_exists() {
        let err = find("nope").unwrap_err().to_string();
        assert!(err.contains("'nope'"), "{err}");
        assert!(err.contains(DEFAULT_ROUTINE), "{err}");
    }
}
