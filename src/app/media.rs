//! The app's hold on the media controls: the MPRIS player is on the bus
//! only while a session runs. It registers when the session's first
//! screen has been drawn (the intake before it, the history browser and
//! the other commands never register), shows each new phase, and leaves
//! the bus when the session ends. Off with `--no-media-controls`, in a
//! build without the `media-controls` feature, and quietly when there is
//! no session bus (not even tried when no address is known).

use std::time::Instant;

use crate::flow::Screen;
#[cfg(feature = "media-controls")]
use crate::remote;
use crate::remote::Command;
#[cfg(feature = "media-controls")]
use crate::remote::bus::Link;

/// The media controls of one run.
#[derive(Default)]
pub struct Media {
    /// Whether the person wants them.
    #[cfg(feature = "media-controls")]
    enabled: bool,
    /// Registration was started once (a run has one session; a bus that
    /// could not be reached is not tried again).
    #[cfg(feature = "media-controls")]
    started: bool,
    /// The player on the bus, while a session runs.
    #[cfg(feature = "media-controls")]
    link: Option<Link>,
}

impl Media {
    /// Media controls for a run, if `enabled`.
    #[cfg(feature = "media-controls")]
    pub fn new(enabled: bool) -> Media {
        Media {
            enabled: enabled && crate::remote::bus::may_be_there(),
            ..Media::default()
        }
    }

    /// Without the feature there are none.
    #[cfg(not(feature = "media-controls"))]
    pub fn new(_enabled: bool) -> Media {
        Media::default()
    }

    /// Follow what the screen shows at `now`: register when a session is
    /// on screen, tell the bus of its changes, leave when it is over.
    /// Returns at once: the bus is reached in a task of the runtime.
    #[cfg(feature = "media-controls")]
    pub fn follow(&mut self, screen: Option<&Screen>, now: Instant) {
        match screen {
            Some(Screen::Session(view)) if self.enabled => {
                let track = remote::track(view, now);
                match &mut self.link {
                    Some(link) => link.show(track),
                    None if !self.started => self.link = Some(Link::start(track)),
                    None => {}
                }
                self.started = true;
            }
            _ => self.link = None,
        }
    }

    /// Without the feature there is nothing to follow.
    #[cfg(not(feature = "media-controls"))]
    pub fn follow(&mut self, _screen: Option<&Screen>, _now: Instant) {}

    /// The next command from a media control. Never comes while there is
    /// no player on the bus (so the event loop can always wait on it).
    pub async fn next(&mut self) -> Command {
        #[cfg(feature = "media-controls")]
        if let Some(link) = &mut self.link {
            match link.recv().await {
                Some(cmd) => return cmd,
                // The bus is out of reach: media controls are off.
                None => self.link = None,
            }
        }
        std::future::pending().await
    }
}
