//! A stand-in speech program for the tests: a script called `spd-say` (or
//! any name) first on `PATH`, which says nothing and reports each call's
//! argument list through a named pipe, so a test is told of every call
//! as it happens (no polling, no sleeping).

use std::fs::File;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::Duration;

/// Where the script reports to (set on the program under test).
pub const ENV: &str = "UNKNOT_FAKE_SPEECH";

/// An installed stand-in.
pub struct FakeSpeech {
    dir: tempfile::TempDir,
    calls: Receiver<Vec<String>>,
}

impl FakeSpeech {
    /// Install a stand-in for `program` in a folder of its own.
    pub fn install(program: &str) -> FakeSpeech {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir(&bin).unwrap();
        let script = bin.join(program);
        // Each argument ends with 0x1F; one write per call, through the pipe.
        std::fs::write(
            &script,
            format!("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\037' \"$a\"; done > \"${ENV}\"\n"),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let pipe = dir.path().join("calls");
        let made = Command::new("mkfifo").arg(&pipe).status().unwrap();
        assert!(made.success(), "mkfifo");
        let (tx, calls) = mpsc::channel();
        thread::spawn(move || {
            // Each call opens the pipe, writes and closes it: one read to
            // the end per call. Stops when the test has gone.
            loop {
                let mut bytes = Vec::new();
                let Ok(mut f) = File::open(&pipe) else { return };
                if f.read_to_end(&mut bytes).is_err() {
                    return;
                }
                let args: Vec<String> = String::from_utf8_lossy(&bytes)
                    .split('\u{1f}')
                    .filter(|a| !a.is_empty())
                    .map(String::from)
                    .collect();
                if tx.send(args).is_err() {
                    return;
                }
            }
        });
        FakeSpeech { dir, calls }
    }

    /// `PATH` for the program under test: the stand-in first, then the
    /// system's folders (and nothing else).
    pub fn path(&self) -> String {
        format!("{}:/usr/bin:/bin", self.dir.path().join("bin").display())
    }

    /// The value for [`ENV`].
    pub fn pipe(&self) -> PathBuf {
        self.dir.path().join("calls")
    }

    /// The next call's arguments; panics after `timeout`.
    pub fn next_call(&self, timeout: Duration) -> Vec<String> {
        self.calls
            .recv_timeout(timeout)
            .unwrap_or_else(|e| panic!("the speech program was not called ({e})"))
    }

    /// Whether a call is waiting, without waiting for one.
    pub fn pending(&self) -> Option<Vec<String>> {
        self.calls.try_recv().ok()
    }
}
