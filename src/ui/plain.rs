//! `--plain` output: one line of text per event, for screen readers and
//! logs. A pure function of the effects of one step and the view after it.
//! Around the session (screening, baseline, the end, the stop) each new
//! question is read out whole, with its keys; a hint gets its own line.
//! What is spoken aloud is printed too, so a screen reader gets the same
//! words: a step's are in the lines that announce it, anything else
//! spoken (a remote control's prompts) gets a line of its own.

use crate::cue::Cue;
use crate::flow::Screen;
use crate::keymap;
use crate::routine::duration::clock;
use crate::routine::plan::SegmentKind;
use crate::safety::texts;
use crate::session::{StageView, View};
use crate::vocab::Extent;
use crate::vocab::{CheckIn, Effect, Event, Outcome, Overlay};

/// "45 seconds", "5 minutes", "1 minute 30 seconds".
pub fn spoken_duration(secs: u64) -> String {
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (secs / 60, secs % 60) {
        (0, s) => plural(s, "second"),
        (m, 0) => plural(m, "minute"),
        (m, s) => format!("{} {}", plural(m, "minute"), plural(s, "second")),
    }
}

fn side(view: &View) -> String {
    view.side
        .map(|s| format!(", {} side", s.word()))
        .unwrap_or_default()
}

/// The line that announces the segment the view is in.
fn segment_line(view: &View) -> Vec<String> {
    let dur = spoken_duration(view.planned_secs);
    match view.kind {
        SegmentKind::Prepare => {
            let longer = match view.longer_for_speech_secs {
                0 => String::new(),
                n => format!(", {n} more to hear it"),
            };
            let mut lines = vec![format!(
                "Step {} of {}: {}. Get into position ({dur}{longer}){}",
                view.step_no,
                view.steps,
                view.title,
                if view.position.is_some() { ":" } else { "." }
            )];
            lines.extend(view.position.iter().map(|p| format!("  {p}")));
            lines.extend(view.instructions.iter().map(|i| format!("  - {i}")));
            lines
        }
        SegmentKind::Active(kind) => {
            let word = kind.label().to_lowercase();
            let mut word = word.replace("warm-up", "Warm-up");
            word[..1].make_ascii_uppercase();
            vec![format!("{word}{}: {dur}", side(view))]
        }
        SegmentKind::SwitchSides => vec![format!(
            "Switch sides: {} side next, {dur}",
            view.side.map_or("other", |s| s.word())
        )],
        SegmentKind::Rest => vec![format!("Rest: {dur}")],
    }
}

fn enters_segment(cue: Cue) -> bool {
    matches!(
        cue,
        Cue::Prepare | Cue::Begin | Cue::SwitchSides | Cue::Rest
    )
}

/// The lines for one batch of effects. `before` is the view before them.
pub fn lines(before: Option<&View>, after: &View, fx: &[Effect]) -> Vec<String> {
    let mut out = Vec::new();
    let last_entry = fx
        .iter()
        .rposition(|e| matches!(e, Effect::Cue(c) if enters_segment(*c)));
    // A step's spoken words come with its prepare cue; its lines say them.
    let announces_step = fx.contains(&Effect::Cue(Cue::Prepare));
    for (i, e) in fx.iter().enumerate() {
        match e {
            Effect::Say(words) if !announces_step => out.push(words.clone()),
            Effect::Cue(c)
                if enters_segment(*c)
                    && Some(i) == last_entry
                    && after.stage == StageView::Running =>
            {
                out.extend(segment_line(after));
            }
            Effect::Cue(Cue::Halfway) => out.push("Halfway".into()),
            Effect::Cue(Cue::Countdown(n)) => out.push(n.to_string()),
            Effect::Cue(Cue::Release) => out.push("Release".into()),
            Effect::Cue(Cue::CheckIn) => out.push(
                "Check-in: how does it feel now? 1 better, 2 about the same, \
                 3 sharper (stops), 4 spreading down the leg (stops), \
                 5 reaches less far down the leg; e new weakness, numbness \
                 between the legs, or bladder or bowel trouble (stops)"
                    .into(),
            ),
            Effect::Record(Event::CheckIn {
                answer: CheckIn::DrewBack,
                ..
            }) => {
                let choices: Vec<String> = Extent::ALL
                    .iter()
                    .map(|e| format!("{} {}", e.key(), e.words()))
                    .collect();
                out.push(format!("Where does it reach now? {}", choices.join(", ")));
            }
            Effect::Record(Event::Paused) => out.push("Paused. Press Space to go on.".into()),
            Effect::Record(Event::Resumed) => out.push("Resumed".into()),
            Effect::Record(Event::Adjusted { planned, .. }) => {
                out.push(format!("Now {} in all", spoken_duration(planned.as_secs())))
            }
            Effect::Finished(Outcome::Completed) => {
                if let StageView::Completed(s) = &after.stage {
                    out.push(format!(
                        "Session complete: {} of {} techniques in {}.",
                        s.steps_done,
                        s.steps_total,
                        clock(std::time::Duration::from_secs(s.elapsed_secs))
                    ));
                }
            }
            Effect::Finished(Outcome::Stopped(reason)) => {
                out.push(format!("Session stopped: {}.", reason.word()));
                out.push("What to do now:".into());
                out.extend(
                    texts::stop_advice(*reason)
                        .iter()
                        .map(|a| format!("  - {}", a.full)),
                );
                out.push(texts::GET_HELP_NOW.full.into());
                out.push("Press q to leave.".into());
            }
            Effect::Finished(Outcome::Quit) => {
                out.push("Session ended. What you did is kept.".into())
            }
            _ => {}
        }
    }
    if let Some(b) = before {
        if b.overlay != after.overlay {
            match after.overlay {
                Overlay::ConfirmQuit => {
                    out.push("Quit this session? y quits, n keeps going.".into())
                }
                Overlay::Help => out.extend(
                    keymap::help(true)
                        .iter()
                        .map(|(k, w)| format!("  {k}: {w}")),
                ),
                // Its question is spoken, and so printed with what is said.
                Overlay::WhyEnded | Overlay::None => {}
            }
        }
        if b.muted != after.muted {
            out.push(
                if after.muted {
                    "Sounds muted"
                } else {
                    "Sounds on"
                }
                .into(),
            );
        }
    }
    out
}

/// The lines for one batch of effects anywhere in the run: the session's
/// events, or, on a screen around it, the screen when it changes.
pub fn screen_lines(before: Option<&Screen>, after: &Screen, fx: &[Effect]) -> Vec<String> {
    match (before, after) {
        (_, Screen::Over) => Vec::new(),
        (Some(Screen::Session(b)), Screen::Session(a)) => lines(Some(b), a, fx),
        (_, Screen::Session(a)) => lines(None, a, fx),
        (before, after) => {
            let mut out = Vec::new();
            for e in fx {
                match e {
                    Effect::Finished(Outcome::Completed) => out.push("Session complete.".into()),
                    Effect::Finished(Outcome::Stopped(r)) => {
                        out.push(format!("Session stopped: {}.", r.word()))
                    }
                    _ => {}
                }
            }
            let Some(now) = super::page_text(after) else {
                return out;
            };
            let was = before.and_then(super::page_text);
            if was.as_ref().map(|w| &w.lines) != Some(&now.lines) {
                out.extend(now.lines.iter().cloned());
            }
            if let Some(h) = now
                .hint
                .filter(|h| was.as_ref().and_then(|w| w.hint) != Some(*h))
            {
                out.push(h.text().into());
            }
            if now.confirm_quit && !was.is_some_and(|w| w.confirm_quit) {
                out.push("Quit? y quits, n stays.".into());
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::load_str;
    use crate::session::Session;
    use crate::vocab::{CheckIn, Input};
    use std::time::{Duration, Instant};

    #[test]
    fn durations_read_aloud() {
        assert_eq!(spoken_duration(1), "1 second");
        assert_eq!(spoken_duration(45), "45 seconds");
        assert_eq!(spoken_duration(300), "5 minutes");
        assert_eq!(spoken_duration(90), "1 minute 30 seconds");
    }

    #[test]
    fn a_two_sided_hold_reads_line_by_line() {
        let r = load_str(
            "name = \"t\"\nsummary = \"t\"\n[defaults]\nprepare = \"5s\"\nswitch = \"10s\"\n\
             [[steps]]\ntitle = \"Ball hold\"\nkind = \"hold\"\nduration = \"45s\"\nsides = \"both\"\n",
            "t.toml",
        )
        .unwrap();
        let t0 = Instant::now();
        let (mut s, fx) = Session::start(crate::safety::Cleared::for_session_tests(r), None, t0);
        let mut all = Vec::new();
        let mut before = None;
        let mut step = |s: &mut Session, fx: Vec<Effect>, t: Instant, all: &mut Vec<String>| {
            let v = s.view(t);
            all.extend(lines(before.as_ref(), &v, &fx));
            before = Some(v);
        };
        step(&mut s, fx, t0, &mut all);
        let mut t = t0;
        while s.stage() == crate::vocab::Stage::Running {
            t = s.next_deadline().unwrap();
            let fx = s.tick(t);
            step(&mut s, fx, t, &mut all);
        }
        let fx = s.update(Input::Answer(CheckIn::Spreading), t);
        step(&mut s, fx, t, &mut all);
        assert_eq!(
            &all[..13],
            &[
                "Step 1 of 1: Ball hold. Get into position (5 seconds).",
                "Hold, left side: 45 seconds",
                "Halfway",
                "3",
                "2",
                "1",
                "Release",
                "Switch sides: right side next, 10 seconds",
                "Hold, right side: 45 seconds",
                "Halfway",
                "3",
                "2",
                "1",
            ]
        );
        assert_eq!(all[13], "Release");
        assert!(all[14].starts_with("Check-in"));
        assert_eq!(all[15], "Session stopped: spreading symptoms.");
        let _ = Duration::ZERO;
    }

    #[test]
    fn the_screening_is_read_out_question_by_question() {
        use crate::flow::Flow;
        use crate::vocab::Input;
        let r = load_str(
            "name = \"t\"\nsummary = \"t\"\n[[steps]]\ntitle = \"Ball hold\"\nkind = \"hold\"\nduration = \"30s\"\n",
            "t.toml",
        )
        .unwrap();
        let t0 = Instant::now();
        let mut flow = Flow::new(r, None, None, false);
        let mut before = None;
        let mut out: Vec<Vec<String>> = Vec::new();
        let mut step = |flow: &Flow, fx: Vec<Effect>, out: &mut Vec<Vec<String>>| {
            let now = flow.view(t0);
            out.push(screen_lines(before.as_ref(), &now, &fx));
            before = Some(now);
        };
        step(&flow, Vec::new(), &mut out);
        for reply in [Input::Other, Input::No, Input::Quit, Input::No, Input::Yes] {
            let fx = flow.update(reply, t0);
            step(&flow, fx, &mut out);
        }
        assert_eq!(out[0][0], "Safety check 1/4");
        assert!(
            out[0].iter().any(|l| l.contains("between your legs")),
            "{:?}",
            out[0]
        );
        assert!(
            out[0]
                .last()
                .unwrap()
                .starts_with("Keys: x stop, n none apply")
        );
        // A stray key: only the hint, not the whole question again.
        assert_eq!(
            out[1],
            vec!["Not an answer: press n if none apply, y if any do."]
        );
        assert_eq!(out[2][0], "Safety check 2/4");
        assert_eq!(out[3], vec!["Quit? y quits, n stays."]);
        // "n" closes the question; the same question is not repeated.
        assert!(out[4].is_empty(), "{:?}", out[4]);
        assert_eq!(out[5][0], "Safety check 2/4");
        assert!(
            out[5].iter().any(|l| l.contains("Mark each one")),
            "{:?}",
            out[5]
        );
    }

    #[test]
    fn spoken_words_are_printed_once_and_a_longer_preparation_says_so() {
        let r = load_str(
            "name = \"t\"\nsummary = \"t\"\n[defaults]\nprepare = \"3s\"\n\
             [[steps]]\ntitle = \"Ball hold\"\nkind = \"hold\"\nduration = \"45s\"\n\
             position = \"On your back with your knees bent and a ball under one buttock.\"\n",
            "t.toml",
        )
        .unwrap();
        let t0 = Instant::now();
        let (mut s, fx) = Session::start_with(
            crate::safety::Cleared::for_session_tests(r),
            None,
            crate::session::Guidance::Full,
            t0,
        );
        let v = s.view(t0);
        let first = lines(None, &v, &fx);
        // The step's words are in the lines that announce it, not twice.
        let n = v.longer_for_speech_secs;
        assert!(n > 0);
        assert_eq!(
            first[0],
            format!(
                "Step 1 of 1: Ball hold. Get into position ({}, {n} more to hear it):",
                spoken_duration(v.planned_secs)
            )
        );
        assert_eq!(first.len(), 2, "{first:?}");
        // Anything else spoken gets its own line: the remote's question.
        let fx = s.update(Input::End, t0 + Duration::from_secs(1));
        let after = s.view(t0 + Duration::from_secs(1));
        assert_eq!(
            lines(Some(&v), &after, &fx),
            [crate::session::spoken::WHY_ENDED]
        );
    }
}
