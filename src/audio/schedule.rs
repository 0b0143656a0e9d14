//! When the next cue is due, read from the session's public state. The
//! player uses it to decide whether to keep the sound device open after a
//! cue (only when the next one follows within a moment: an open, idle
//! low-latency stream costs far more CPU than the countdown itself). Pure:
//! time is a parameter.
//!
//! The rules mirror the session's (halfway on active segments of at least
//! 10 s, 3-2-1 on those longer than 4 s, something at every segment end);
//! `tests/audio_cues.rs` checks that every cue the session emits was
//! predicted here, so the two cannot drift apart unnoticed.

use std::time::{Duration, Instant};

use crate::session::{Session, Stage};

/// Shortest active segment that gets a halfway cue.
const HALFWAY_MIN: Duration = Duration::from_secs(10);
/// Active segments must be longer than this for 3-2-1.
const COUNTDOWN_MIN: Duration = Duration::from_secs(4);

/// The instant of the next cue the session will emit on its own (not in
/// answer to a key), or `None` when it will emit none: paused, muted,
/// waiting for a check-in answer, or over.
pub fn next_cue_at(session: &Session, now: Instant) -> Option<Instant> {
    if session.stage() != Stage::Running || session.is_paused() || session.is_muted() {
        return None;
    }
    let seg = session.current();
    let planned = session.planned();
    let elapsed = session.elapsed(now);
    // Every segment end sounds: a release, the next phase, or a check-in.
    let end = now + planned.saturating_sub(elapsed);
    let mut next = end;
    if seg.is_active() {
        if seg.halfway && planned >= HALFWAY_MIN && elapsed < planned / 2 {
            next = next.min(now + (planned / 2 - elapsed));
        }
        if seg.countdown && planned > COUNTDOWN_MIN {
            // The earliest of 3, 2, 1 s before the end still ahead.
            if let Some(at) = (1..=3u64)
                .rev()
                .filter_map(|k| end.checked_sub(Duration::from_secs(k)))
                .find(|&at| at > now)
            {
                next = next.min(at);
            }
        }
    }
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::load_str;
    use crate::session::Command;

    fn session(step: &str, t0: Instant) -> Session {
        let src = format!(
            "name = \"t\"\nsummary = \"t\"\n[defaults]\nprepare = \"5s\"\n[[steps]]\ntitle = \"a\"\n{step}"
        );
        Session::start(load_str(&src, "t.toml").unwrap(), None, t0).0
    }

    #[test]
    fn predicts_prepare_end_halfway_and_3_2_1() {
        let t0 = Instant::now();
        let s = |secs: f64| t0 + Duration::from_secs_f64(secs);
        let mut ses = session("kind = \"hold\"\nduration = \"20s\"\n", t0);
        assert_eq!(next_cue_at(&ses, s(1.0)), Some(s(5.0)));
        ses.tick(s(5.0));
        assert_eq!(next_cue_at(&ses, s(5.0)), Some(s(15.0)));
        ses.tick(s(15.0));
        assert_eq!(next_cue_at(&ses, s(15.0)), Some(s(22.0)));
        ses.tick(s(22.5));
        assert_eq!(next_cue_at(&ses, s(22.5)), Some(s(23.0)));
        ses.tick(s(24.0));
        assert_eq!(next_cue_at(&ses, s(24.0)), Some(s(25.0)));
    }

    #[test]
    fn nothing_while_paused_muted_or_waiting() {
        let t0 = Instant::now();
        let s = |secs: u64| t0 + Duration::from_secs(secs);
        let mut ses = session("kind = \"hold\"\nduration = \"20s\"\n", t0);
        ses.update(Command::TogglePause, s(1));
        assert_eq!(next_cue_at(&ses, s(2)), None);
        ses.update(Command::TogglePause, s(3));
        // Paused for 2 s: the prepare phase now ends at 7 s.
        assert_eq!(next_cue_at(&ses, s(3)), Some(s(7)));
        ses.update(Command::ToggleMute, s(3));
        assert_eq!(next_cue_at(&ses, s(3)), None);
        ses.update(Command::ToggleMute, s(3));
        ses.tick(s(27));
        assert_eq!(ses.stage(), Stage::CheckIn);
        assert_eq!(next_cue_at(&ses, s(27)), None);
    }

    #[test]
    fn follows_adjusted_holds() {
        let t0 = Instant::now();
        let s = |secs: f64| t0 + Duration::from_secs_f64(secs);
        let mut ses = session(
            "kind = \"hold\"\nduration = \"10s\"\nprepare = \"0s\"\n",
            t0,
        );
        assert_eq!(next_cue_at(&ses, s(0.0)), Some(s(5.0)));
        ses.update(Command::Lengthen, s(0.0));
        // Now 15 s: halfway at 7.5 s.
        assert_eq!(next_cue_at(&ses, s(0.0)), Some(s(7.5)));
        ses.tick(s(7.5));
        assert_eq!(next_cue_at(&ses, s(7.5)), Some(s(12.0)));
    }
}
