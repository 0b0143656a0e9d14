//! Spoken guidance end to end: the real binary in a pseudo-terminal with a
//! stand-in speech program first on `PATH`. At a step's preparation it is
//! called once, with the title, side, position and caution as one argument
//! after its options (a shell would have misread the title: nothing it
//! names is run or written), and the preparation has grown to fit the
//! words, as the screen says.

mod common;

use std::time::Duration;

use common::intake::pass_screening;
use common::speech::{self, FakeSpeech};
use common::{Pty, fixture, unknot};
use unknot::routine::{Side, load_str};
use unknot::session::spoken::{Guidance, fit_prepare, prepare_words};

const T: Duration = Duration::from_secs(40);

#[test]
fn a_full_announcement_is_one_argument_list_and_the_preparation_fits_it() {
    let speech = FakeSpeech::install("spd-say");
    let home = tempfile::tempdir().unwrap();
    let routine = fixture("routines/spoken.toml");
    // What the session should say, and how long it should prepare.
    let step = load_str(&std::fs::read_to_string(&routine).unwrap(), "spoken.toml")
        .unwrap()
        .steps
        .remove(0);
    let words = prepare_words(&step, Some(Side::Left), Guidance::Full).unwrap();
    let prepare = fit_prepare(step.prepare, Some(&words));
    let added = (prepare - step.prepare).as_secs();
    assert!(added > 0, "the fixture's preparation should be too short");

    // No sound device (so nothing is heard), the stand-in on PATH.
    let alsa = home.path().join("asound.conf");
    std::fs::write(
        &alsa,
        "pcm.!default { type hw card \"unknot-no-such-card\" }\n",
    )
    .unwrap();
    let mut cmd = unknot(&["start", &routine, "--guidance", "full"], home.path());
    cmd.env("PATH", speech.path())
        .env(speech::ENV, speech.pipe())
        .env("ALSA_CONFIG_PATH", &alsa)
        .current_dir(home.path());
    let mut p = Pty::spawn(cmd, 80, 24);
    pass_screening(&mut p, T);
    let s = p.wait_text("to hear it", T);
    assert!(
        s.contains(&format!("PREPARE · left side · +{added}s to hear it")),
        "{s}"
    );

    let call = speech.next_call(T);
    assert_eq!(call, ["-N", "unknot", "--", words.as_str()]);
    assert!(call[3].starts_with("Ball hold; $(touch pwned) `id` > out & echo *, left side."));
    // The caution first (a safety matter, never the part left out), then
    // the position.
    assert!(
        call[3].contains("left side. Ease off at once if it turns sharp."),
        "{call:?}"
    );
    assert!(
        call[3].ends_with("On your back, knees bent, the ball under the left buttock."),
        "{call:?}"
    );
    // Nothing a shell would have done with the title happened.
    for file in ["pwned", "out"] {
        assert!(!home.path().join(file).exists(), "{file} was created");
    }

    // The begin has its cue only: no more words.
    p.wait_text("HOLD · left side", T);
    p.send("x");
    p.wait_text("SESSION STOPPED", T);
    assert_eq!(speech.pending(), None);
    p.send("q");
    assert_eq!(p.exit_code(T), 0);
}

#[test]
fn title_and_caution_by_default_and_nothing_with_cues_only() {
    let routine = fixture("routines/spoken.toml");
    let step = load_str(&std::fs::read_to_string(&routine).unwrap(), "spoken.toml")
        .unwrap()
        .steps
        .remove(0);
    // The title and its caution: the caution is spoken whenever words are.
    let title = format!("{}. {}", step.title, step.caution.clone().unwrap());
    for (args, said) in [
        (&[][..], Some(title.as_str())),
        (&["--guidance", "cues"][..], None),
        (&["--no-voice", "--guidance", "full"][..], None),
    ] {
        let speech = FakeSpeech::install("spd-say");
        let home = tempfile::tempdir().unwrap();
        let alsa = home.path().join("asound.conf");
        std::fs::write(
            &alsa,
            "pcm.!default { type hw card \"unknot-no-such-card\" }\n",
        )
        .unwrap();
        let mut cmd = unknot(
            &[&["start", routine.as_str()][..], args].concat(),
            home.path(),
        );
        cmd.env("PATH", speech.path())
            .env(speech::ENV, speech.pipe())
            .env("ALSA_CONFIG_PATH", &alsa);
        let mut p = Pty::spawn(cmd, 80, 24);
        pass_screening(&mut p, T);
        let s = p.wait_text("PREPARE", T);
        // Only words that are spoken make the preparation longer.
        let added = (fit_prepare(step.prepare, said) - step.prepare).as_secs();
        match added {
            0 => assert!(!s.contains("to hear it"), "{args:?}: {s}"),
            n => assert!(s.contains(&format!("+{n}s to hear it")), "{args:?}: {s}"),
        }
        match said {
            Some(words) => assert_eq!(speech.next_call(T)[3], words, "{args:?}"),
            None => {
                // The hold begins after the preparation: by then a call
                // would have come.
                p.wait_phase("HOLD", T);
                assert_eq!(speech.pending(), None, "{args:?}");
            }
        }
        p.send("x");
        p.wait_text("SESSION STOPPED", T);
        p.send("q");
        assert_eq!(p.exit_code(T), 0);
    }
}
