//! A private D-Bus session bus for the media-control tests: a
//! `dbus-daemon` of its own, listening in a temporary folder, with no
//! service activation (nothing can be started behind the test's back),
//! stopped when dropped. The tests that need it are skipped, saying so,
//! where `dbus-daemon` is not installed.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// A running private bus.
pub struct Bus {
    daemon: Child,
    address: String,
    /// Holds the socket and the config; removed after the daemon stops.
    _dir: tempfile::TempDir,
}

/// Whether `program` runs here (`program --version` succeeds).
pub fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

impl Bus {
    /// Start a bus; the reason when `dbus-daemon` cannot run.
    pub fn start() -> Result<Bus, String> {
        if !installed("dbus-daemon") {
            return Err("dbus-daemon is not installed (Debian: dbus-daemon or dbus)".into());
        }
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let config = dir.path().join("session.conf");
        std::fs::write(
            &config,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
                dir.path().display()
            ),
        )
        .map_err(|e| e.to_string())?;
        let mut daemon = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--nopidfile", "--print-address=1"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("starting dbus-daemon: {e}"))?;
        // The address is its first line, printed once it listens.
        let out = daemon.stdout.take().expect("piped");
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(out).read_line(&mut line);
            let _ = tx.send(line);
        });
        match rx.recv_timeout(Duration::from_secs(10)) {
            Ok(line) if line.starts_with("unix:") => Ok(Bus {
                daemon,
                address: line.trim().to_string(),
                _dir: dir,
            }),
            other => {
                let _ = daemon.kill();
                let _ = daemon.wait();
                Err(format!("dbus-daemon printed no address: {other:?}"))
            }
        }
    }

    /// The address to put in `DBUS_SESSION_BUS_ADDRESS`.
    pub fn address(&self) -> &str {
        &self.address
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}
