//! `--plain` output: one line of text per event, for screen readers and
//! logs. A pure function of the effects of one step and the view after it.
//! Around the session (screening, baseline, the end, the stop) each new
//! question is read out whole, with its keys; a hint gets its own line.
//! What is spoken aloud is printed too, so a screen reader gets the same
//! words: a step's are in the lines that announce it, anything else
//! spoken (a remote control's prompts) gets a line of its own.

use super::step::CAUTION;
use crate::cue::Cue;
use crate::flow::Screen;
use crate::keymap;
use crate::routine::duration::clock;
use crate::routine::plan::SegmentKind;
use crate::safety::texts;
use crate::session::{StageView, View};
use crate::tolerance::words as caution;
use crate::vocab::Extent;
use crate::vocab::{Choice, Effect, Event, Input, Outcome, Overlay, Trend};

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
            lines.extend(view.caution.iter().map(|c| format!("  {CAUTION}{c}")));
            lines.extend(view.instructions.iter().map(|i| format!("  - {i}")));
            if let Some(p) = view.prompt.as_ref().filter(|p| p.decided.is_none()) {
                lines.extend(caution::headline(&p.advice, true));
                let choices: Vec<String> = Choice::ALL
                    .iter()
                    .zip(1..)
                    .map(|(&c, key)| format!("{key} {}", caution::choice_label(&p.advice, c, true)))
                    .collect();
                lines.push(format!("{}.", choices.join("; ")));
                lines.push(caution::if_no_answer(&p.advice, true));
            }
            lines
        }
        SegmentKind::Active(kind) => {
            let word = kind.label().to_lowercase();
            let mut word = word.replace("warm-up", "Warm-up");
            word[..1].make_ascii_uppercase();
            let shorter = if view.shortened {
                " (shorter today)"
            } else {
                ""
            };
            vec![format!("{word}{}: {dur}{shorter}", side(view))]
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
    let reach_given = fx
        .iter()
        .any(|e| matches!(e, Effect::Record(Event::Extent { step: Some(_), .. })));
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
            Effect::Cue(Cue::CheckIn) => out.push(CHECK_IN_QUESTION.into()),
            // A reach answer is echoed with what it meant (the check-in
            // answer it settled follows from it).
            Effect::Record(Event::CheckIn { answer, .. }) if !reach_given => {
                out.push(format!("Answer: {}.", answer.label()))
            }
            Effect::Record(Event::Chose {
                side,
                choice,
                by,
                planned,
                ..
            }) => out.push(caution::plain_choice(*side, *choice, *by, *planned)),
            Effect::Record(Event::Extent {
                step: Some(_),
                extent,
            }) => out.push(match after.note {
                Some(n) => texts::reach_noted(n.extent, n.trend, true),
                // The only reach that ends the session is a further one.
                None => texts::reach_noted(*extent, Some(Trend::Spread), true),
            }),
            // Asked whether to quit: the timer waits, and Space is not
            // the key that goes on (the question says which are).
            Effect::Record(Event::Paused) if after.overlay == Overlay::ConfirmQuit => {}
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
        match (&b.stage, &after.stage) {
            (StageView::CheckIn, StageView::Reach) => out.push(reach_question(after)),
            (StageView::Reach, StageView::CheckIn) => out.push(CHECK_IN_QUESTION.into()),
            _ => {}
        }
        if b.overlay != after.overlay {
            match after.overlay {
                Overlay::ConfirmQuit => {
                    out.push("Quit this session? The timer waits. y quits, n keeps going.".into())
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

/// The line that echoes an answer given on a screen around the session
/// (`before`: the screen it was given on), so a log or a screen reader
/// hears every answer: "Answer: n (none apply)."
pub fn echo(before: &Screen, key: &str, input: Input) -> Option<String> {
    if matches!(input, Input::Other | Input::Stop | Input::Suspend) {
        return None;
    }
    let page = super::page_text(before)?;
    let meaning = if page.confirm_quit {
        super::question::confirm_keys()
            .into_iter()
            .find(|(k, _)| *k == key)
            .map(|(_, w)| w)
    } else {
        page.keys.iter().find(|(k, _)| *k == key).map(|(_, w)| *w)
    };
    Some(match meaning {
        Some(m) => format!("Answer: {key} ({m})."),
        None => format!("Answer: {key}."),
    })
}

/// What to say when a key changed nothing (`input`: what it meant, if
/// anything): during a session, why; on a screen around it, its hint
/// again, so a key pressed twice is not met with silence.
pub fn refused(screen: &Screen, key: &str, input: Option<Input>) -> String {
    match screen {
        Screen::Session(view) => match (input, &view.stage) {
            (Some(Input::Lengthen), StageView::Running) if view.adjustable => format!(
                "Already the longest this countdown may be ({}).",
                clock(std::time::Duration::from_secs(view.planned_secs))
            ),
            (Some(Input::Shorten), StageView::Running) if view.adjustable => format!(
                "This countdown cannot be made shorter now ({}).",
                clock(std::time::Duration::from_secs(view.planned_secs))
            ),
            (Some(Input::Lengthen | Input::Shorten), StageView::Running) => {
                "+ and - change the countdown of a technique, not this one.".to_string()
            }
            (Some(Input::Lengthen | Input::Shorten), _) => {
                "+ and - change the countdown of a technique; none is running now.".to_string()
            }
            (_, StageView::CheckIn) => {
                format!("{key}: not an answer. Press 1 to 5, or e; x stops.")
            }
            (_, StageView::Reach) => {
                format!("{key}: not an answer. Press 1 to 5, or b to go back; x stops.")
            }
            _ => format!("{key} does nothing here. Press ? for the keys; x stops."),
        },
        other => super::page_text(other).and_then(|p| p.hint).map_or_else(
            || format!("{key} does nothing here."),
            |h| h.text().to_string(),
        ),
    }
}

/// One line saying how the run ended, for the terminal once the screen is
/// given back (the caller adds whether it was saved).
pub fn closing_line(c: &crate::flow::Closing) -> String {
    let numbers = |routine: &str, s: &crate::vocab::Summary| {
        let skipped = match s.steps_skipped {
            0 => String::new(),
            n => format!(", {n} skipped"),
        };
        format!(
            "{routine}, {} of {} techniques done{skipped}, {}",
            s.steps_done,
            s.steps_total,
            clock(std::time::Duration::from_secs(s.elapsed_secs))
        )
    };
    match (&c.outcome, &c.session) {
        (Outcome::Completed, Some((r, s))) => format!("Session complete: {}.", numbers(r, s)),
        (Outcome::Stopped(reason), Some((r, s))) => {
            format!("Session stopped ({}): {}.", reason.word(), numbers(r, s))
        }
        (Outcome::Quit, Some((r, s))) => format!("Session ended early: {}.", numbers(r, s)),
        (Outcome::Stopped(reason), None) => {
            format!("Stopped before the session began ({}).", reason.word())
        }
        (_, None) if c.screened_out => "No session today: the safety check said so.".to_string(),
        (_, None) => "Left before the session began.".to_string(),
    }
}

/// The check-in question with its keys.
const CHECK_IN_QUESTION: &str = "Check-in: how does it feel now? 1 better, 2 about the same, \
     3 sharper (stops), 4 spreading further down the leg (stops), \
     5 reaches less far down the leg; e new weakness, numbness \
     between the legs, or bladder or bowel trouble (stops)";

/// The reach question after "reaches less far", with its keys and the
/// last known reach.
fn reach_question(view: &View) -> String {
    let choices: Vec<String> = Extent::ALL
        .iter()
        .map(|e| format!("{} {}", e.key(), e.words()))
        .collect();
    let last = view
        .reach
        .map(|e| format!(" (last time: {})", e.words()))
        .unwrap_or_default();
    format!(
        "How far down does it reach now? {}{last}; b back to the check-in",
        choices.join(", ")
    )
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
    fn a_caution_is_read_with_the_step() {
        let r = load_str(
            "name = \"t\"\nsummary = \"t\"\n[[steps]]\ntitle = \"Ball hold\"\nkind = \"hold\"\n\
             duration = \"45s\"\nposition = \"On your back.\"\ninstructions = [\"Breathe.\"]\n\
             caution = \"Keep off the tailbone.\"\n",
            "t.toml",
        )
        .unwrap();
        let t0 = Instant::now();
        let (s, fx) = Session::start(crate::safety::Cleared::for_session_tests(r), None, None, t0);
        assert_eq!(
            lines(None, &s.view(t0), &fx),
            [
                "Step 1 of 1: Ball hold. Get into position (10 seconds):",
                "  On your back.",
                "  Caution: Keep off the tailbone.",
                "  - Breathe.",
            ]
        );
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
        let (mut s, fx) =
            Session::start(crate::safety::Cleared::for_session_tests(r), None, None, t0);
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
        // The answer is echoed before what it does.
        assert_eq!(all[15], "Answer: Spreading further down the leg.");
        assert_eq!(all[16], "Session stopped: spreading symptoms.");
        let _ = Duration::ZERO;
    }

    #[test]
    fn the_warning_is_read_out_with_its_choices_and_what_was_chosen() {
        use crate::tolerance::{DAY_MS, Key, Records, Run, advise};
        use crate::vocab::Trouble;
        let r = load_str(
            "name = \"t\"\nsummary = \"t\"\n[defaults]\nprepare = \"5s\"\n\
             [[steps]]\nid = \"ball\"\ntitle = \"Ball hold\"\nkind = \"hold\"\nduration = \"45s\"\nsides = \"left\"\n",
            "t.toml",
        )
        .unwrap();
        let mut records = Records::new();
        records
            .entry(Key {
                routine: "t".into(),
                step: "ball".into(),
                side: Some(crate::routine::Side::Left),
            })
            .runs = vec![Run {
            at_ms: 10 * DAY_MS,
            trouble: Some(Trouble::Stopped),
            done: false,
            as_written: true,
        }];
        let advice = advise(&records, &r, None, 11 * DAY_MS);
        let t0 = Instant::now();
        let (mut s, fx) = Session::start_with(
            crate::safety::Cleared::for_session_tests(r),
            None,
            None,
            advice,
            t0,
        );
        let first = s.view(t0);
        assert_eq!(
            lines(None, &first, &fx),
            [
                "Step 1 of 1: Ball hold. Get into position (11 seconds, 6 more to hear it).",
                "Last time you stopped the session during this hold.",
                "1 Shorter hold, 0:30; 2 Skip it today; 3 As written, 0:45.",
                "With no answer: a shorter hold (0:30) when this countdown ends.",
            ]
        );
        // The preparation, grown to speak the title and the warning, ends.
        let t = t0 + s.planned();
        let fx = s.tick(t);
        assert_eq!(
            lines(Some(&first), &s.view(t), &fx),
            [
                "Left side: shorter, 30 seconds (no answer).",
                // What the voice says is printed too.
                "A shorter hold: 30 seconds.",
                "Hold, left side: 30 seconds (shorter today)",
            ]
        );
    }

    #[test]
    fn refused_keys_are_answered_in_words() {
        let r = load_str(
            "name = \"t\"\nsummary = \"t\"\n[defaults]\nprepare = \"5s\"\n\
             [[steps]]\ntitle = \"Hold\"\nkind = \"hold\"\nduration = \"90s\"\n",
            "t.toml",
        )
        .unwrap();
        let t0 = Instant::now();
        let (mut s, _) =
            Session::start(crate::safety::Cleared::for_session_tests(r), None, None, t0);
        let said = |s: &Session, t, input| refused(&Screen::Session(s.view(t)), "+", input);
        assert_eq!(
            said(&s, t0, Some(Input::Lengthen)),
            "+ and - change the countdown of a technique, not this one."
        );
        let t = t0 + Duration::from_secs(6);
        s.tick(t);
        // 90 s is the longest a hold may be.
        assert!(s.update(Input::Lengthen, t).is_empty());
        assert_eq!(
            said(&s, t, Some(Input::Lengthen)),
            "Already the longest this countdown may be (1:30)."
        );
        assert_eq!(
            refused(&Screen::Session(s.view(t)), "z", None),
            "z does nothing here. Press ? for the keys; x stops."
        );
    }

    #[test]
    fn answers_on_question_screens_are_echoed_with_their_meaning() {
        use crate::flow::Flow;
        let r = load_str(
            "name = \"t\"\nsummary = \"t\"\n[[steps]]\ntitle = \"Hold\"\nkind = \"hold\"\nduration = \"30s\"\n",
            "t.toml",
        )
        .unwrap();
        let flow = Flow::new(r, None, None, false);
        let screen = flow.view(Instant::now());
        assert_eq!(
            echo(&screen, "n", Input::No).as_deref(),
            Some("Answer: n (none apply).")
        );
        assert_eq!(echo(&screen, "z", Input::Other), None);
        assert_eq!(
            refused(&screen, "z", Some(Input::Other)),
            "z does nothing here."
        );
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
        assert_eq!(out[0][0], "Safety check 1/5");
        assert!(
            out[0].iter().any(|l| l.contains("back passage, buttocks")),
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
        assert_eq!(out[2][0], "Safety check 2/5");
        assert_eq!(out[3], vec!["Quit? y quits, n stays."]);
        // "n" closes the question; the same question is not repeated.
        assert!(out[4].is_empty(), "{:?}", out[4]);
        assert_eq!(out[5][0], "Safety check 2/5");
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
        let (mut s, fx) = Session::start_guided(
            crate::safety::Cleared::for_session_tests(r),
            None,
            None,
            Vec::new(),
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
