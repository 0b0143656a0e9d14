//! A pseudo-terminal whose both ends the test owns: the ground floor of
//! the [`super::pty`] harness.

use std::os::fd::{FromRawFd, OwnedFd};

/// A terminal size as the kernel takes it.
pub fn winsize(cols: u16, rows: u16) -> libc::winsize {
    libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    }
}

/// A new pseudo-terminal of the given size: (master, slave).
pub fn open_pty(cols: u16, rows: u16) -> std::io::Result<(OwnedFd, OwnedFd)> {
    let (mut master, mut slave) = (-1, -1);
    let size = winsize(cols, rows);
    // SAFETY: openpty writes two descriptors into the given ints and reads
    // the window size; no name buffer or termios is passed.
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    if r != 0 {
        return Err(std::io::Error::last_os_error());
    }
    for fd in [master, slave] {
        // SAFETY: fd is open; F_SETFD only changes its close-on-exec flag,
        // so the program inherits neither (it gets the slave as its
        // standard input and output instead).
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // SAFETY: openpty succeeded, so both are fresh descriptors we own.
    Ok(unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) })
}
