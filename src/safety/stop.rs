//! The screen after a safety stop, from any phase. It says why it stopped,
//! what to do now and when to get help, tailored to the reason. From here
//! the person can still report new weakness, numbness between the legs or
//! bladder/bowel trouble (`e`: the screen turns into the emergency advice)
//! and note how far the pain reaches now (1–5), both recorded.

use super::Hint;
use crate::cue::Cue;
use crate::vocab::Input;
use crate::vocab::measure::Extent;
use crate::vocab::{Effect, Event, StopReason};

/// The stop screen's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopScreen {
    reason: StopReason,
    /// Where the pain reaches now, if the person noted it.
    extent: Option<Extent>,
    /// A line about what was stopped (routine, time), if a session ran.
    context: Option<String>,
    hint: Option<Hint>,
}

/// Everything the UI needs to draw the stop screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopView {
    /// Why it stopped; the advice follows from it.
    pub reason: StopReason,
    /// Where the pain reaches now, once noted.
    pub extent: Option<Extent>,
    /// The routine and time stopped at, if a session ran.
    pub context: Option<String>,
    /// Shown after a key that meant nothing here.
    pub hint: Option<Hint>,
}

impl StopScreen {
    /// The screen for a stop that has already sounded and been recorded.
    pub fn new(reason: StopReason, context: Option<String>) -> StopScreen {
        StopScreen {
            reason,
            extent: None,
            context,
            hint: None,
        }
    }

    /// The same screen with the reach already noted (it was given on the
    /// screen before, and recorded there).
    pub fn noted(mut self, extent: Extent) -> StopScreen {
        self.extent = Some(extent);
        self
    }

    /// Why it stopped (it becomes [`StopReason::RedFlag`] after `e`).
    pub fn reason(&self) -> StopReason {
        self.reason
    }

    /// Take one reply.
    pub fn update(&mut self, r: Input) -> Vec<Effect> {
        self.hint = None;
        let urgent = self.reason == StopReason::RedFlag;
        match r {
            Input::Report if !urgent => {
                self.reason = StopReason::RedFlag;
                vec![
                    Effect::Cue(Cue::SafetyStop),
                    Effect::Record(Event::RedFlagReported),
                ]
            }
            Input::Number(n) if !urgent => match Extent::from_key(n) {
                Some(e) if self.extent != Some(e) => {
                    self.extent = Some(e);
                    vec![Effect::Record(Event::Extent {
                        step: None,
                        extent: e,
                    })]
                }
                Some(_) => Vec::new(),
                None => {
                    self.hint = Some(Hint::Extent);
                    Vec::new()
                }
            },
            Input::Enter | Input::Quit => vec![Effect::Exit],
            // Already stopped: the stop key changes nothing.
            Input::Stop => Vec::new(),
            _ => {
                self.hint = Some(if urgent { Hint::Leave } else { Hint::Stopped });
                Vec::new()
            }
        }
    }

    /// The snapshot to draw.
    pub fn view(&self) -> StopView {
        StopView {
            reason: self.reason,
            extent: self.extent,
            context: self.context.clone(),
            hint: self.hint,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_turns_it_into_the_emergency_screen_once() {
        let mut s = StopScreen::new(StopReason::Sharper, None);
        let fx = s.update(Input::Report);
        assert_eq!(
            fx,
            vec![
                Effect::Cue(Cue::SafetyStop),
                Effect::Record(Event::RedFlagReported)
            ]
        );
        assert_eq!(s.reason(), StopReason::RedFlag);
        assert!(s.update(Input::Report).is_empty());
        assert_eq!(s.view().hint, Some(Hint::Leave));
    }

    #[test]
    fn the_reach_is_noted_and_recorded() {
        let mut s = StopScreen::new(StopReason::Spreading, Some("r · 2:00".into()));
        assert_eq!(
            s.update(Input::Number(4)),
            vec![Effect::Record(Event::Extent {
                step: None,
                extent: Extent::BelowKnee
            })]
        );
        assert_eq!(s.view().extent, Some(Extent::BelowKnee));
        assert!(s.update(Input::Number(4)).is_empty());
        assert!(s.update(Input::Number(7)).is_empty());
        assert_eq!(s.view().hint, Some(Hint::Extent));
    }

    #[test]
    fn only_enter_or_q_leave() {
        let mut s = StopScreen::new(StopReason::PainWorse, None);
        for r in [
            Input::Stop,
            Input::Yes,
            Input::No,
            Input::Back,
            Input::Other,
        ] {
            assert!(!s.update(r).contains(&Effect::Exit), "{r:?}");
        }
        assert_eq!(s.update(Input::Enter), vec![Effect::Exit]);
        assert_eq!(s.update(Input::Quit), vec![Effect::Exit]);
    }
}
