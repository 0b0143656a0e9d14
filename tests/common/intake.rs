//! One scripted way through the questions around a session, for every test
//! that only needs to get past them. Before: the first-run notice if it
//! shows (Enter), then `n` on every screen of the safety check ("none of
//! these apply"; "not yet" to "has it been assessed?"), however many the
//! record makes due (five at a first session, three on an ordinary day),
//! then a baseline of pain 3 reaching the buttock (`3`, `2`). After: pain 2
//! reaching the lower back only (`2`, `1`), so a summary reads "Pain: 3/10
//! → 2/10" and "drew back toward the lower back". Tests about the questions
//! themselves type their own answers.

use std::time::Duration;

use super::Pty;

/// The "k/n" of the last "Safety check k/n" in `screen`.
pub fn check_place(screen: &str) -> Option<(usize, usize)> {
    let at = screen.rfind("Safety check ")? + "Safety check ".len();
    let rest = &screen[at..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit() && c != '/')
        .unwrap_or(rest.len());
    let (k, n) = rest[..end].split_once('/')?;
    Some((k.parse().ok()?, n.parse().ok()?))
}

/// Get through the safety intake that comes before every session; the
/// session starts on the last key. Works at any window size and in
/// `--plain` mode.
pub fn pass_screening(p: &mut Pty, timeout: Duration) {
    pass_screening_reaching(p, '2', timeout);
}

/// [`pass_screening`] with a baseline reach of one's own: the key of
/// `1` lower back … `5` foot.
pub fn pass_screening_reaching(p: &mut Pty, reach: char, timeout: Duration) {
    let s = p.wait_for("the notice or the screening", timeout, |s| {
        s.contains("Enter I understand") || s.contains("Safety check 1/")
    });
    if !s.contains("Safety check 1/") {
        p.send("\r");
        p.wait_text("Safety check 1/", timeout);
    }
    let (_, screens) = check_place(&p.screen()).expect("a safety check screen");
    for k in 1..=screens {
        p.send("n");
        if k < screens {
            p.wait_text(&format!("Safety check {}/{screens}", k + 1), timeout);
        }
    }
    p.wait_text("0-9,t", timeout);
    p.send("3");
    p.wait_text("1-5 reach", timeout);
    p.send(reach.to_string());
}

/// Answer the questions after a session (its last check-in answered) and
/// wait for the summary; the screen that shows it.
pub fn answer_end_questions(p: &mut Pty, timeout: Duration) -> String {
    p.wait_text("0-9,t", timeout);
    p.send("2");
    p.wait_text("1-5 reach", timeout);
    p.send("1");
    p.wait_text("SESSION COMPLETE", timeout)
}
