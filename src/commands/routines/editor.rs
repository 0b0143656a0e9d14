//! Running the person's editor: which one (`$VISUAL`, `$EDITOR`, `vi`),
//! how it is started (program and arguments, split like a shell would),
//! and what the person wants after a failed check.

use std::io::{self, BufRead};
use std::path::Path;
use std::process::{Command, ExitStatus};

use super::Io;

/// The editor to run: `$VISUAL`, then `$EDITOR`, then `vi`.
pub fn editor_command(visual: Option<String>, editor: Option<String>) -> String {
    let set = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    set(visual)
        .or(set(editor))
        .unwrap_or_else(|| "vi".to_string())
}

/// Run the editor on `path` and wait. While it runs, this process ignores
/// Ctrl-C and Ctrl-\ (the editor receives them), as git does, so a stray
/// key never leaves the editor orphaned or the temporary file behind. The
/// editor is started first, so it keeps the default dispositions.
pub(super) fn run_editor(argv: &[String], path: &Path) -> io::Result<ExitStatus> {
    let mut child = Command::new(&argv[0]).args(&argv[1..]).arg(path).spawn()?;
    let _quiet = crate::sys::ignore_interrupts();
    child.wait()
}

/// What the person chose after a failed check.
pub(super) enum Choice {
    Again,
    Discard,
    Keep,
}

pub(super) fn ask(answers: &mut dyn BufRead, io: &mut Io<'_>) -> Choice {
    loop {
        let _ = write!(
            io.err,
            "What now? [e]dit again, [d]iscard changes, [k]eep anyway (e/d/k): "
        );
        let _ = io.err.flush();
        let mut line = String::new();
        match answers.read_line(&mut line) {
            Ok(0) | Err(_) => {
                let _ = writeln!(io.err);
                return Choice::Discard;
            }
            Ok(_) => {}
        }
        match line.trim().to_ascii_lowercase().as_str() {
            "" | "e" | "edit" => return Choice::Again,
            "d" | "discard" => return Choice::Discard,
            "k" | "keep" => return Choice::Keep,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_preference() {
        let s = |v: &str| Some(v.to_string());
        assert_eq!(editor_command(s("code --wait"), s("nano")), "code --wait");
        assert_eq!(editor_command(s(" "), s("nano")), "nano");
        assert_eq!(editor_command(None, None), "vi");
    }
}
