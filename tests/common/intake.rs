//! One scripted way through the questions around a session, for every test
//! that only needs to get past them. Before: the first-run notice if it
//! shows (Enter), "none of these apply" (`n`) to the four screening groups,
//! then a baseline of pain 3 reaching the buttock (`3`, `2`). After: pain 2
//! reaching the lower back only (`2`, `1`), so a summary reads "Pain: 3/10
//! → 2/10" and "drew back toward the lower back". Tests about the questions
//! themselves type their own answers.

use std::time::Duration;

use super::Pty;

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
        s.contains("Enter I understand") || s.contains("Safety check 1/4")
    });
    if !s.contains("Safety check 1/4") {
        p.send("\r");
        p.wait_text("Safety check 1/4", timeout);
    }
    for next in [
        "Safety check 2/4",
        "Safety check 3/4",
        "Safety check 4/4",
        "0-9,t",
    ] {
        p.send("n");
        p.wait_text(next, timeout);
    }
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
