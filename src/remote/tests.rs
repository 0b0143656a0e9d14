//! The remote's mapping and its track, on synthetic time (`t0 + d`).

use std::time::{Duration, Instant};

use super::*;
use crate::routine::{Routine, Side, load_str};
use crate::safety::Cleared;
use crate::session::Session;
use crate::vocab::{CheckIn, Effect, Event, Outcome, Stage, StopReason};

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// prepare 5s · hold 45s left · switch 10s · hold 45s right · [check-in]
/// · prepare 5s · rub 2m · [check-in]
fn routine() -> Routine {
    load_str(
        r#"
name = "evening"
summary = "t"
[defaults]
prepare = "5s"
rest = "0s"
switch = "10s"
[[steps]]
title = "Ball hold"
kind = "hold"
duration = "45s"
sides = "both"
[[steps]]
title = "Rub"
kind = "warm-up"
duration = "2m"
"#,
        "t.toml",
    )
    .unwrap()
}

fn start() -> (Session, Instant) {
    let t0 = Instant::now();
    let (s, _) = Session::start(Cleared::for_session_tests(routine()), None, None, t0);
    (s, t0)
}

/// A remote command as the app carries it out: the input it means, then
/// what is said after it.
fn press(s: &mut Session, cmd: Command, now: Instant) -> (Vec<Effect>, Option<&'static str>) {
    let before = s.view(now);
    let fx = match input(cmd, &before) {
        Some(i) => s.update(i, now),
        None => Vec::new(),
    };
    (fx, prompt(cmd, &before, &s.view(now)))
}

/// Run the session to its first check-in.
fn to_check_in(s: &mut Session, t0: Instant) -> Instant {
    let mut t = t0;
    while s.stage() == Stage::Running {
        t = s.next_deadline().unwrap();
        s.tick(t);
    }
    t
}

#[test]
fn play_pause_toggles_and_a_pause_says_how_to_go_on() {
    let (mut s, t0) = start();
    let (fx, said) = press(&mut s, Command::PlayPause, t0 + secs(2));
    assert!(s.is_paused());
    assert!(fx.contains(&Effect::Record(Event::Paused)));
    assert_eq!(said, Some(PAUSED));
    // Time stands still while paused.
    assert_eq!(s.remaining(t0 + secs(60)), secs(3));
    let (fx, said) = press(&mut s, Command::PlayPause, t0 + secs(60));
    assert!(!s.is_paused());
    assert!(fx.contains(&Effect::Record(Event::Resumed)));
    assert_eq!(said, None);
    assert_eq!(s.remaining(t0 + secs(61)), secs(2));
}

#[test]
fn play_and_pause_only_act_when_they_change_something() {
    let (mut s, t0) = start();
    assert_eq!(press(&mut s, Command::Play, t0).0, Vec::new());
    assert!(!s.is_paused());
    press(&mut s, Command::Pause, t0 + secs(1));
    assert!(s.is_paused());
    let (fx, said) = press(&mut s, Command::Pause, t0 + secs(2));
    assert_eq!((fx, said), (Vec::new(), None));
    assert!(s.is_paused());
    press(&mut s, Command::Play, t0 + secs(3));
    assert!(!s.is_paused());
}

#[test]
fn next_and_previous_are_the_keys_n_and_b() {
    let (mut s, t0) = start();
    press(&mut s, Command::Next, t0 + secs(1));
    assert_eq!(
        s.current().kind,
        SegmentKind::Active(crate::routine::Kind::Hold)
    );
    assert_eq!(s.remaining(t0 + secs(11)), secs(35));
    // Within its first 3 s, previous goes back to the preparation.
    press(&mut s, Command::Previous, t0 + secs(2));
    assert_eq!(s.current().kind, SegmentKind::Prepare);
}

#[test]
fn a_check_in_waits_for_a_key_but_previous_and_stop_act() {
    let (mut s, t0) = start();
    let t = to_check_in(&mut s, t0);
    for cmd in [Command::PlayPause, Command::Play, Command::Next] {
        let (fx, said) = press(&mut s, cmd, t);
        assert_eq!(fx, Vec::new(), "{cmd:?}");
        assert_eq!(said, Some(ANSWER_WITH_KEYS), "{cmd:?}");
        assert_eq!(s.stage(), Stage::CheckIn);
    }
    assert_eq!(press(&mut s, Command::Pause, t).1, None);
    press(&mut s, Command::Previous, t);
    assert_eq!(s.stage(), Stage::Running);
    let t = to_check_in(&mut s, t);
    press(&mut s, Command::Stop, t);
    assert_eq!(s.overlay(), Overlay::WhyEnded);
    assert_eq!(s.stage(), Stage::CheckIn);
}

#[test]
fn stop_asks_why_and_yes_is_a_stop_for_pain() {
    let (mut s, t0) = start();
    let (fx, said) = press(&mut s, Command::Stop, t0 + secs(3));
    assert_eq!(said, None, "the question is said, not the pause prompt");
    assert_eq!(s.overlay(), Overlay::WhyEnded);
    assert!(s.is_paused(), "the clock stops at once");
    assert!(fx.contains(&Effect::Say(crate::session::spoken::WHY_ENDED.into())));
    assert!(!fx.iter().any(|e| matches!(e, Effect::Finished(_))));
    // Nothing runs on while the question waits, and the remote is quiet.
    assert_eq!(s.tick(t0 + secs(120)), Vec::new());
    for cmd in [Command::PlayPause, Command::Next, Command::Stop] {
        assert_eq!(press(&mut s, cmd, t0 + secs(121)).0, Vec::new(), "{cmd:?}");
    }
    let fx = s.update(Input::Yes, t0 + secs(122));
    let reason = Outcome::Stopped(StopReason::PainWorse);
    assert!(fx.contains(&Effect::Record(Event::Ended(reason))), "{fx:?}");
    assert!(fx.contains(&Effect::Cue(crate::cue::Cue::SafetyStop)));
    assert_eq!(s.stage(), Stage::Stopped(StopReason::PainWorse));
}

#[test]
fn stop_then_no_ends_the_session_as_quit() {
    let (mut s, t0) = start();
    press(&mut s, Command::Stop, t0 + secs(1));
    let fx = s.update(Input::No, t0 + secs(2));
    assert!(fx.contains(&Effect::Record(Event::Ended(Outcome::Quit))));
    assert!(fx.contains(&Effect::Exit));
    assert_eq!(s.stage(), Stage::Quit);
}

#[test]
fn the_stop_key_works_whatever_the_remote_did() {
    // After a remote pause, and while the remote's question is open.
    for cmd in [Command::PlayPause, Command::Stop] {
        let (mut s, t0) = start();
        press(&mut s, cmd, t0 + secs(1));
        let fx = s.update(Input::Stop, t0 + secs(2));
        let reason = Outcome::Stopped(StopReason::PainWorse);
        assert!(fx.contains(&Effect::Finished(reason)), "{cmd:?}: {fx:?}");
        assert_eq!(s.overlay(), Overlay::None);
    }
    // And after the session ended, the remote does nothing.
    let (mut s, t0) = start();
    s.update(Input::Stop, t0);
    for cmd in [Command::PlayPause, Command::Next, Command::Stop] {
        assert_eq!(press(&mut s, cmd, t0 + secs(1)).0, Vec::new(), "{cmd:?}");
    }
}

#[test]
fn the_track_names_phase_side_and_step_and_counts_the_countdown() {
    let t0 = Instant::now();
    let (mut s, _) = Session::start(
        Cleared::for_session_tests(routine()),
        Some(Side::Left),
        None,
        t0,
    );
    let t = s.view(t0);
    assert_eq!(t.kind, SegmentKind::Prepare);
    let prepare = track(&t, t0);
    assert_eq!(prepare.title, "PREPARE · left · Ball hold");
    assert_eq!(prepare.album, "evening");
    assert_eq!(prepare.artist, "step 1 of 2");
    assert_eq!((prepare.length, prepare.position), (secs(5), secs(0)));
    assert_eq!(prepare.playback, Playback::Playing);
    s.tick(t0 + secs(5));
    let hold = track(&s.view(t0 + secs(17)), t0 + secs(17));
    assert_eq!(hold.title, "HOLD · left · Ball hold");
    assert_eq!((hold.length, hold.position), (secs(45), secs(12)));
    assert!(prepare.outdated_by(&hold));
    assert_eq!(hold.position_at(t0 + secs(20)), secs(15));
    assert_eq!(
        hold.position_at(t0 + secs(500)),
        secs(45),
        "never past the end"
    );
}

#[test]
fn a_running_countdown_needs_no_update_until_its_phase_changes() {
    let (mut s, t0) = start();
    s.tick(t0 + secs(5));
    let first = track(&s.view(t0 + secs(5)), t0 + secs(5));
    while s.current().kind != SegmentKind::SwitchSides {
        let t = s.next_deadline().unwrap();
        s.tick(t);
        let now = track(&s.view(t), t);
        let phase_changed = s.current().kind == SegmentKind::SwitchSides;
        assert_eq!(first.outdated_by(&now), phase_changed, "at {:?}", t - t0);
    }
}

#[test]
fn pause_resume_and_a_restart_are_told_but_the_frozen_position_is_kept() {
    let (mut s, t0) = start();
    s.tick(t0 + secs(5));
    let at = |s: &Session, d: u64| track(&s.view(t0 + secs(d)), t0 + secs(d));
    let running = at(&s, 20);
    press(&mut s, Command::PlayPause, t0 + secs(20));
    let paused = at(&s, 20);
    assert!(running.outdated_by(&paused));
    assert!(!running.jumped_to(&paused));
    assert_eq!(paused.playback, Playback::Paused);
    // Paused, the widget's position stands still with the session's.
    assert_eq!(paused.position_at(t0 + secs(90)), secs(15));
    assert!(!paused.outdated_by(&at(&s, 90)));
    press(&mut s, Command::PlayPause, t0 + secs(90));
    let resumed = at(&s, 90);
    assert!(paused.outdated_by(&resumed) && !paused.jumped_to(&resumed));
    // `b` 10 s into the hold restarts it: the same track, back to 0.
    press(&mut s, Command::Previous, t0 + secs(95));
    let restarted = at(&s, 95);
    assert_eq!(restarted.position, secs(0));
    assert!(resumed.jumped_to(&restarted));
    assert!(resumed.outdated_by(&restarted));
}

#[test]
fn check_in_and_the_question_show_as_paused_and_stopped() {
    let (mut s, t0) = start();
    let t = to_check_in(&mut s, t0);
    let check_in = track(&s.view(t), t);
    assert_eq!(check_in.title, "CHECK-IN · Ball hold");
    assert_eq!(check_in.playback, Playback::Paused);
    assert_eq!(check_in.length, Duration::ZERO);
    s.update(Input::Answer(CheckIn::Same), t);
    press(&mut s, Command::Stop, t + secs(1));
    let asking = track(&s.view(t + secs(1)), t + secs(1));
    assert_eq!(asking.playback, Playback::Stopped);
    assert!(asking.title.starts_with("STOPPED"), "{}", asking.title);
}

#[test]
fn track_ids_are_object_paths() {
    let (mut s, t0) = start();
    let mut t = t0;
    let mut ids = Vec::new();
    while s.stage() == Stage::Running {
        ids.push(track(&s.view(t), t).id);
        t = s.next_deadline().unwrap();
        s.tick(t);
    }
    ids.push(track(&s.view(t), t).id);
    ids.dedup();
    // prepare, hold left, switch, hold right, check-in.
    assert_eq!(ids.len(), 5, "{ids:?}");
    for id in &ids {
        assert!(id.starts_with('/'), "{id}");
        assert!(
            id.split('/')
                .skip(1)
                .all(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')),
            "{id}"
        );
    }
}

#[test]
fn playback_words_round_trip() {
    crate::vocab::check_words(&Playback::ALL, Playback::word, Playback::from_word);
}
