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

/// Decode in a session stage, with the quit confirmation closed.
fn in_stage(k: KeyEvent, stage: Stage) -> Option<Input> {
    decode(k, Context::of_stage(stage), false)
}

const ALL: [Context; 8] = [
    Context::Running,
    Context::Caution,
    Context::CheckIn,
    Context::Reach,
    Context::Completed,
    Context::Stopped,
    Context::Question,
    Context::Browse,
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
    for confirming in [false, true] {
        assert_eq!(
            decode(key(KeyCode::Char('x')), Context::Running, confirming),
            Some(Input::Stop)
        );
    }
    assert_eq!(
        decode(key(KeyCode::Char('x')), Context::Question, false),
        Some(Input::Stop)
    );
}

#[test]
fn the_warning_takes_one_key_per_choice_and_the_stop_stays_one_key_away() {
    let c = |ch, confirming| decode(key(KeyCode::Char(ch)), Context::Caution, confirming);
    assert_eq!(c('1', false), Some(Input::Choose(Choice::Shorter)));
    assert_eq!(c('2', false), Some(Input::Choose(Choice::Skip)));
    assert_eq!(c('3', false), Some(Input::Choose(Choice::AsWritten)));
    assert_eq!(c('4', false), None, "no fourth choice");
    for confirming in [false, true] {
        for stop in ['x', 'X', '!'] {
            assert_eq!(c(stop, confirming), Some(Input::Stop));
        }
    }
    // The countdown's keys work as they do on any preparation.
    assert_eq!(c(' ', false), Some(Input::TogglePause));
    assert_eq!(c('n', false), Some(Input::Next));
    assert_eq!(c('n', true), Some(Input::No));
    assert_eq!(c('q', false), Some(Input::Quit));
    assert_eq!(c('?', false), Some(Input::ToggleHelp));
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
        decode(key(KeyCode::Char('n')), Context::Running, true),
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
    let r = |c| decode(key(c), Context::Question, false);
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
    assert_eq!(
        decode(ctrl('z'), Context::Question, false),
        Some(Input::Suspend)
    );
    assert_eq!(
        decode(ctrl('c'), Context::Question, false),
        Some(Input::Quit)
    );
    assert_eq!(
        decode(ctrl('a'), Context::Question, false),
        Some(Input::Other)
    );
}

#[test]
fn ctrl_z_suspends_and_releases_are_ignored() {
    for c in ALL {
        assert_eq!(decode(ctrl('z'), c, false), Some(Input::Suspend), "{c:?}");
    }
    let mut up = key(KeyCode::Char(' '));
    up.kind = KeyEventKind::Release;
    assert_eq!(in_stage(up, Stage::Running), None);
}

#[test]
fn the_history_browser_scrolls_and_leaves() {
    let b = |c| decode(key(c), Context::Browse, false);
    assert_eq!(b(KeyCode::Up), Some(Input::Up));
    assert_eq!(b(KeyCode::Char('k')), Some(Input::Up));
    assert_eq!(b(KeyCode::Char('j')), Some(Input::Down));
    assert_eq!(b(KeyCode::Char(' ')), Some(Input::PageDown));
    assert_eq!(b(KeyCode::Char('g')), Some(Input::First));
    assert_eq!(b(KeyCode::Char('G')), Some(Input::Last));
    assert_eq!(b(KeyCode::Esc), Some(Input::Quit));
    assert_eq!(b(KeyCode::Char('x')), None);
    assert_eq!(decode(ctrl('c'), Context::Browse, false), Some(Input::Quit));
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
                            lookup(parse(h.key), context, false),
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
                                    lookup(Key::Char(c), context, false).is_some(),
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
            for glyph in keys
                .split([' ', '/', '-'])
                .filter(|g| !g.is_empty() && *g != "or")
            {
                let k = parse(glyph);
                let k = match (glyph, keys) {
                    // "1-5" is a range of the check-in's answers.
                    ("1" | "5", "1-5") => Key::Char(glyph.chars().next().unwrap()),
                    _ => k,
                };
                assert!(
                    session.iter().any(|c| lookup(k, *c, false).is_some()),
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

#[test]
fn help_lists_the_same_keys_as_before() {
    // The warning's keys (1-3) are listed in full; a small window's
    // warning shows them itself.
    assert_eq!(help(true).len(), 12);
    assert_eq!(help(false).len(), 8);
    assert_eq!(help(true)[0], ("x or !", "My pain is worse: STOP now"));
    assert_eq!(help(false)[2], ("n b", "Next / back (or → ←)"));
}
