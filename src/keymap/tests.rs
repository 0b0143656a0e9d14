//! The table's decoding, and the proof that every hint and help line shows
//! a key that does what it says.

use super::*;
use crate::vocab::Stage;

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Decode in a session stage, with no window open over it.
fn in_stage(k: KeyEvent, stage: Stage) -> Option<Input> {
    decode(k, Context::of_stage(stage))
}

const ALL: [Context; 11] = [
    Context::Running,
    Context::Caution,
    Context::CheckIn,
    Context::Reach,
    Context::Completed,
    Context::Stopped,
    Context::Question,
    Context::Browse,
    Context::Confirm,
    Context::Help,
    Context::WhyEnded,
];

#[test]
fn stop_keys_work_in_every_stage() {
    for stage in [
        Stage::Running,
        Stage::CheckIn,
        Stage::Reach,
        Stage::Completed,
    ] {
        for c in ['x', '!', 'X'] {
            assert_eq!(in_stage(key(KeyCode::Char(c)), stage), Some(Input::Stop));
        }
    }
    for context in [Context::Running, Context::Confirm, Context::Help] {
        assert_eq!(decode(key(KeyCode::Char('x')), context), Some(Input::Stop));
    }
    assert_eq!(
        decode(key(KeyCode::Char('x')), Context::Question),
        Some(Input::Stop)
    );
}

#[test]
fn the_warning_takes_one_key_per_choice_and_the_stop_stays_one_key_away() {
    let c = |ch| decode(key(KeyCode::Char(ch)), Context::Caution);
    assert_eq!(c('1'), Some(Input::Choose(Choice::Shorter)));
    assert_eq!(c('2'), Some(Input::Choose(Choice::Skip)));
    assert_eq!(c('3'), Some(Input::Choose(Choice::AsWritten)));
    assert_eq!(c('4'), None, "no fourth choice");
    for stop in ['x', 'X', '!'] {
        assert_eq!(c(stop), Some(Input::Stop));
        // Asked whether to quit over the warning: still one key.
        assert_eq!(
            decode(key(KeyCode::Char(stop)), Context::Confirm),
            Some(Input::Stop)
        );
    }
    // The countdown's keys work as they do on any preparation.
    assert_eq!(c(' '), Some(Input::TogglePause));
    assert_eq!(c('n'), Some(Input::Next));
    assert_eq!(
        decode(key(KeyCode::Char('n')), Context::Confirm),
        Some(Input::No)
    );
    assert_eq!(c('q'), Some(Input::Quit));
    assert_eq!(c('?'), Some(Input::ToggleHelp));
    // Outside the warning the digits choose nothing.
    assert_eq!(in_stage(key(KeyCode::Char('1')), Stage::Running), None);
    // The hints: the stop first, then the choices, in both sizes.
    for full in [true, false] {
        let h = hints(Context::Caution, full, false, false);
        assert!(h[0].is_stop(), "{h:?}");
        let keys: Vec<&str> = h.iter().map(|h| h.key).collect();
        if full {
            assert_eq!(keys, ["x", "Space", "1", "2", "3", "?", "q"]);
        } else {
            assert_eq!(keys, ["x", "Space", "1-3"]);
        }
    }
}

#[test]
fn digits_answer_only_at_check_in() {
    assert_eq!(in_stage(key(KeyCode::Char('3')), Stage::Running), None);
    assert_eq!(
        in_stage(key(KeyCode::Char('3')), Stage::CheckIn),
        Some(Input::Answer(CheckIn::Sharper))
    );
}

#[test]
fn n_is_next_while_running_and_no_in_questions() {
    assert_eq!(
        in_stage(key(KeyCode::Char('n')), Stage::Running),
        Some(Input::Next)
    );
    assert_eq!(
        decode(key(KeyCode::Char('n')), Context::Confirm),
        Some(Input::No)
    );
    assert_eq!(
        in_stage(key(KeyCode::Char('n')), Stage::CheckIn),
        Some(Input::No)
    );
}

#[test]
fn check_in_takes_five_answers_then_the_reach() {
    assert_eq!(
        in_stage(key(KeyCode::Char('5')), Stage::CheckIn),
        Some(Input::Answer(CheckIn::DrewBack))
    );
    assert_eq!(
        in_stage(key(KeyCode::Char('2')), Stage::Reach),
        Some(Input::Reach(Extent::Buttock))
    );
    assert_eq!(in_stage(key(KeyCode::Char('6')), Stage::Reach), None);
    for stage in [Stage::CheckIn, Stage::Reach] {
        assert_eq!(
            in_stage(key(KeyCode::Char('e')), stage),
            Some(Input::Report)
        );
    }
    assert_eq!(in_stage(key(KeyCode::Char('e')), Stage::Running), None);
}

#[test]
fn every_key_is_a_reply_on_question_screens() {
    let r = |c| decode(key(c), Context::Question);
    assert_eq!(r(KeyCode::Char('x')), Some(Input::Stop));
    assert_eq!(r(KeyCode::Char('!')), Some(Input::Stop));
    assert_eq!(r(KeyCode::Char('n')), Some(Input::No));
    assert_eq!(r(KeyCode::Char('7')), Some(Input::Number(7)));
    assert_eq!(r(KeyCode::Char('t')), Some(Input::Number(10)));
    assert_eq!(r(KeyCode::Char('c')), Some(Input::Recheck));
    assert_eq!(r(KeyCode::Char('z')), Some(Input::Other));
    assert_eq!(r(KeyCode::Char(' ')), Some(Input::Other));
    assert_eq!(r(KeyCode::Tab), Some(Input::Other));
    assert_eq!(r(KeyCode::Esc), Some(Input::Back));
    assert_eq!(decode(ctrl('z'), Context::Question), Some(Input::Suspend));
    assert_eq!(decode(ctrl('c'), Context::Question), Some(Input::Quit));
    assert_eq!(decode(ctrl('a'), Context::Question), Some(Input::Other));
}

#[test]
fn ctrl_z_suspends_and_releases_are_ignored() {
    for c in ALL {
        assert_eq!(decode(ctrl('z'), c), Some(Input::Suspend), "{c:?}");
    }
    let mut up = key(KeyCode::Char(' '));
    up.kind = KeyEventKind::Release;
    assert_eq!(in_stage(up, Stage::Running), None);
}

#[test]
fn the_history_browser_scrolls_and_leaves() {
    let b = |c| decode(key(c), Context::Browse);
    assert_eq!(b(KeyCode::Up), Some(Input::Up));
    assert_eq!(b(KeyCode::Char('k')), Some(Input::Up));
    assert_eq!(b(KeyCode::Char('j')), Some(Input::Down));
    assert_eq!(b(KeyCode::Char(' ')), Some(Input::PageDown));
    assert_eq!(b(KeyCode::Char('g')), Some(Input::First));
    assert_eq!(b(KeyCode::Char('G')), Some(Input::Last));
    assert_eq!(b(KeyCode::Esc), Some(Input::Quit));
    assert_eq!(b(KeyCode::Char('x')), None);
    assert_eq!(decode(ctrl('c'), Context::Browse), Some(Input::Quit));
    assert_eq!(
        wheel(MouseEventKind::ScrollDown, Context::Browse),
        Some(Input::Down)
    );
    assert_eq!(wheel(MouseEventKind::ScrollDown, Context::Running), None);
}

/// The key a hint or help line writes, as the table names it.
fn parse(glyph: &str) -> Key {
    match glyph {
        "Space" => Key::Char(' '),
        "Esc" => Key::Esc,
        "Enter" => Key::Enter,
        "→" => Key::Right,
        "←" => Key::Left,
        "Ctrl-Z" => Key::Ctrl('z'),
        g if g.chars().count() == 1 => Key::Char(g.chars().next().unwrap()),
        g => panic!("a hint names a key the test cannot read: {g:?}"),
    }
}

#[test]
fn every_hint_decodes_to_what_it_names_in_every_context() {
    for context in ALL {
        for full in [true, false] {
            for paused in [true, false] {
                for h in hints(context, full, paused, true) {
                    match h.input {
                        Some(input) => assert_eq!(
                            lookup(parse(h.key), context),
                            Some(input),
                            "{context:?}: hint {h:?}"
                        ),
                        // A range: each key in it means something here.
                        None => {
                            let (lo, hi) = h.key.split_once(['-', '/']).expect("a range");
                            let (lo, hi) = (lo.chars().next().unwrap(), hi.chars().next().unwrap());
                            let keys: Vec<char> = if lo.is_ascii_digit() {
                                (lo..=hi).collect()
                            } else {
                                vec![lo, hi]
                            };
                            for c in keys {
                                assert!(
                                    lookup(Key::Char(c), context).is_some(),
                                    "{context:?}: {c} in hint {h:?}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn every_key_in_the_help_does_something_in_the_session() {
    let session = [
        Context::Running,
        Context::Caution,
        Context::CheckIn,
        Context::Reach,
        Context::Stopped,
    ];
    for full in [true, false] {
        for (keys, what) in help(full) {
            let glyphs: Vec<&str> = if keys == "Ctrl-Z" {
                vec![keys]
            } else {
                keys.split([' ', '/', '-'])
                    .filter(|g| !g.is_empty() && *g != "or")
                    .collect()
            };
            for glyph in glyphs {
                let k = parse(glyph);
                let k = match (glyph, keys) {
                    // "1-5" is a range of the check-in's answers.
                    ("1" | "5", "1-5") => Key::Char(glyph.chars().next().unwrap()),
                    _ => k,
                };
                assert!(
                    session.iter().any(|c| lookup(k, *c).is_some()),
                    "{glyph} ({what})"
                );
            }
        }
    }
}

#[test]
fn the_stop_hint_comes_first_in_every_session_stage() {
    for context in [
        Context::Running,
        Context::Caution,
        Context::CheckIn,
        Context::Reach,
    ] {
        for full in [true, false] {
            let h = hints(context, full, false, true);
            assert!(h[0].is_stop(), "{context:?}");
        }
    }
}

/// "Quit?" has its own keys, shown on the bottom line instead of the
/// screen's: nothing else means anything while it is asked (`n` is "no",
/// never "next"), and the stop key still stops.
#[test]
fn the_quit_question_shows_and_takes_only_its_own_keys() {
    let c = |k| decode(key(k), Context::Confirm);
    assert_eq!(c(KeyCode::Char('y')), Some(Input::Yes));
    assert_eq!(c(KeyCode::Char('n')), Some(Input::No));
    assert_eq!(c(KeyCode::Esc), Some(Input::No));
    assert_eq!(c(KeyCode::Char('q')), Some(Input::Quit));
    assert_eq!(c(KeyCode::Char('x')), Some(Input::Stop));
    assert_eq!(c(KeyCode::Char(' ')), None);
    assert_eq!(c(KeyCode::Char('b')), None);
    assert_eq!(c(KeyCode::Char('1')), None);
    assert_eq!(decode(ctrl('c'), Context::Confirm), Some(Input::Yes));
    let shown: Vec<(&str, &str)> = hints(Context::Confirm, true, false, true)
        .iter()
        .map(|h| (h.key, h.label))
        .collect();
    assert_eq!(shown, [("x", "STOP"), ("y", "quit"), ("n", "keep going")]);
}

#[test]
fn the_help_window_shows_how_to_close_it() {
    let shown: Vec<&str> = hints(Context::Help, true, false, true)
        .iter()
        .map(|h| h.key)
        .collect();
    assert_eq!(shown, ["x", "Space", "Esc"]);
    assert_eq!(
        decode(key(KeyCode::Esc), Context::Help),
        Some(Input::Escape)
    );
    assert_eq!(decode(key(KeyCode::Char('n')), Context::Help), None);
}

#[test]
fn help_lists_every_key_ctrl_z_included() {
    // The warning's keys (1-3) share the check-in's line: the warning
    // itself lists what each does.
    assert_eq!(help(true).len(), 12);
    assert_eq!(help(false).len(), 9);
    assert!(help(true).iter().any(|(k, _)| *k == "Ctrl-Z"));
    assert_eq!(help(true)[0], ("x or !", "My pain is worse: STOP now"));
    assert_eq!(help(false)[2], ("n b", "Next / back (or → ←)"));
}
