//! An immutable snapshot of what the screen shows, in whole displayed
//! seconds. Two views that compare equal draw the same screen, so the app
//! redraws only when the view changed.

use std::time::Instant;

use super::{Decided, ReachNote, Session, ceil_secs};
use crate::routine::duration::clock;
use crate::routine::plan::{Segment, SegmentKind};
use crate::routine::{Area, Side, Tool};
use crate::tolerance::StepAdvice;
use crate::vocab::Choice;
use crate::vocab::{Overlay, Stage as SessionStage, StopReason, Summary};

/// Which screen to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    Running,
    CheckIn,
    /// Where does the pain reach now? (after a "reaches less far" answer)
    Reach,
    Completed(Summary),
    Stopped(StopReason, Summary),
}

/// The warning on the prepare screen of a step that went wrong last time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What the history says about the step, side by side.
    pub advice: StepAdvice,
    /// What was done about each side, once decided (`None`: still asking).
    pub decided: Option<Decided>,
}

/// Everything the UI needs, nothing it must compute from a clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub routine: String,
    pub stage: Stage,
    /// 1-based step number and the number of steps.
    pub step_no: usize,
    pub steps: usize,
    pub title: String,
    pub kind: SegmentKind,
    pub side: Option<Side>,
    pub repeat: (u32, u32),
    /// The countdown, rounded up to whole seconds.
    pub remaining_secs: u64,
    pub planned_secs: u64,
    pub position: Option<String>,
    pub instructions: Vec<String>,
    /// The step's caution, shown for as long as the step runs.
    pub caution: Option<String>,
    /// Where on the body the step works, and with what (for the body map).
    pub area: Option<Area>,
    pub tool: Tool,
    /// What comes after this segment, in words.
    pub next: Option<String>,
    /// Time left in the whole session (planned), whole seconds.
    pub total_left_secs: u64,
    pub paused: bool,
    pub overlay: Overlay,
    pub muted: bool,
    /// Whether `+`/`-` act on this segment.
    pub adjustable: bool,
    /// On the preparation of a step that went wrong last time: the warning.
    pub prompt: Option<Prompt>,
    /// The countdown is a shorter one, chosen after such a warning.
    pub shortened: bool,
    /// The reach given at the check-in just before, and what it meant.
    pub note: Option<ReachNote>,
    /// The last known reach (the baseline's or the latest check-in's),
    /// marked on the reach question.
    pub reach: Option<crate::vocab::Extent>,
    /// Seconds added to this preparation so its spoken words fit (0: none).
    pub longer_for_speech_secs: u64,
}

impl View {
    /// Whether the warning waits for an answer (its keys apply).
    pub fn asking(&self) -> bool {
        matches!(self.stage, Stage::Running)
            && self.prompt.as_ref().is_some_and(|p| p.decided.is_none())
    }

    /// The phase word in capitals: PREPARE, HOLD, WARM-UP, SWITCH SIDES, REST…
    pub fn phase_label(&self) -> &'static str {
        match self.kind {
            SegmentKind::Prepare => "PREPARE",
            SegmentKind::Active(kind) => kind.label(),
            SegmentKind::SwitchSides => "SWITCH SIDES",
            SegmentKind::Rest => "REST",
        }
    }

    /// Fraction of the segment done, 0.0–1.0, by displayed seconds.
    pub fn progress(&self) -> f64 {
        if self.planned_secs == 0 {
            return 1.0;
        }
        let done = self.planned_secs.saturating_sub(self.remaining_secs);
        done as f64 / self.planned_secs as f64
    }
}

fn describe(seg: &Segment, title: &str) -> String {
    let side = seg
        .side
        .map(|s| format!(", {} side", s.word()))
        .unwrap_or_default();
    match seg.kind {
        SegmentKind::Prepare => format!("Get into position: {title}"),
        SegmentKind::Active(kind) => {
            format!("{} {}: {title}{side}", kind.label(), clock(seg.planned))
        }
        SegmentKind::SwitchSides => format!(
            "Switch to the {} side",
            seg.side.map_or("other", Side::word)
        ),
        SegmentKind::Rest => "Rest".to_string(),
    }
}

impl Session {
    /// The snapshot to draw at `now`.
    pub fn view(&self, now: Instant) -> View {
        let seg = self.current();
        let step = &self.routine.steps[seg.step];
        let remaining = self.remaining(now);
        let later: std::time::Duration = self.plan.segments[self.index + 1..]
            .iter()
            .map(|s| s.planned)
            .sum();
        let summary = || self.tally(now).summary(self.answers.clone());
        let stage = match self.stage {
            SessionStage::Running => Stage::Running,
            SessionStage::CheckIn => Stage::CheckIn,
            SessionStage::Reach => Stage::Reach,
            SessionStage::Completed | SessionStage::Quit => Stage::Completed(summary()),
            SessionStage::Stopped(r) => Stage::Stopped(r, summary()),
        };
        let after = self.plan.segments.get(self.index + 1).map(|n| {
            let t = &self.routine.steps[n.step].title;
            if n.step != seg.step && n.kind == SegmentKind::Rest {
                match self.plan.segments.get(self.index + 2) {
                    Some(after) => format!("Rest, then {}", self.routine.steps[after.step].title),
                    None => "Rest".to_string(),
                }
            } else {
                describe(n, t)
            }
        });
        // A check-in comes first when this segment ends one.
        let next = match (seg.check_in_after, after) {
            (true, Some(after)) => Some(format!("Check-in, then {after}")),
            (true, None) => Some("Check-in, then the end".to_string()),
            (false, after) => after,
        };
        View {
            routine: self.routine.name.clone(),
            stage,
            step_no: seg.step + 1,
            steps: self.routine.steps.len(),
            title: step.title.clone(),
            kind: seg.kind,
            side: seg.side,
            repeat: seg.repeat,
            remaining_secs: ceil_secs(remaining),
            planned_secs: ceil_secs(self.planned),
            position: step.position.clone(),
            instructions: step.instructions.clone(),
            caution: step.caution.clone(),
            area: step.area,
            tool: step.tool,
            next,
            total_left_secs: ceil_secs(remaining + later),
            paused: self.is_paused(),
            overlay: self.overlay,
            muted: self.muted,
            adjustable: seg.is_active() && self.stage == SessionStage::Running,
            prompt: match seg.kind {
                SegmentKind::Prepare => self.advice(seg.step).map(|advice| Prompt {
                    advice: advice.clone(),
                    decided: self.decided(seg.step).cloned(),
                }),
                _ => None,
            },
            shortened: seg.is_active()
                && self
                    .decided(seg.step)
                    .is_some_and(|d| d.contains(&(seg.side, Choice::Shorter))),
            note: self.note,
            reach: self.reach,
            longer_for_speech_secs: if seg.kind == SegmentKind::Prepare {
                // A warned step without a preparation of its own was given
                // one to show the warning on; only the rest is for speech.
                let own = match self.advice(seg.step) {
                    Some(_) if step.prepare.is_zero() => super::WARNING_PREPARE,
                    _ => step.prepare,
                };
                ceil_secs(seg.planned.saturating_sub(own))
            } else {
                0
            },
        }
    }
}
