//! `unknot completions SHELL` and `unknot man`: help that travels with
//! the binary, generated from the one clap definition in [`crate::cli`].

use std::process::ExitCode;

use crate::cli::Cli;

/// `unknot completions SHELL`: print the completion script.
pub fn completions_cmd(shell: clap_complete::Shell) -> ExitCode {
    completions(shell, &mut std::io::stdout());
    ExitCode::SUCCESS
}

/// `unknot man`: print the manual page.
pub fn man_cmd() -> ExitCode {
    match man(&mut std::io::stdout()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("unknot: cannot write the manual page: {e}");
            ExitCode::from(1)
        }
    }
}

/// Write the completion script for `shell` to `out`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    use clap::CommandFactory;
    clap_complete::generate(shell, &mut Cli::command(), "unknot", out);
}

/// Write the man page to `out`.
pub fn man(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    clap_mangen::Man::new(Cli::command()).render(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completions_name_the_subcommands() {
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
        ] {
            let mut out = Vec::new();
            completions(shell, &mut out);
            let text = String::from_utf8(out).unwrap();
            assert!(text.contains("start") && text.contains("side"), "{shell}");
        }
    }

    #[test]
    fn man_page_has_name_and_synopsis() {
        let mut out = Vec::new();
        man(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(".TH unknot"), "{text}");
        assert!(text.contains("SYNOPSIS"));
    }
}
