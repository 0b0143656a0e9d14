//! The checked routine the session runs: [`Routine`], [`Step`],
//! [`Defaults`], and the time bounds each [`Kind`] of step must respect.

use std::time::Duration;

use super::words::{Area, CheckInEvery, Kind, Pressure, Sides, Tool};
use crate::routine::plan::Plan;

const fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// The longest a whole session may last, preparation and rests included.
pub const MAX_SESSION: Duration = secs(90 * 60);

impl Kind {
    /// The word shown in capitals while the step counts down.
    pub fn label(self) -> &'static str {
        match self {
            Kind::WarmUp => "WARM-UP",
            Kind::Hold => "HOLD",
            Kind::Sweep => "SWEEP",
            Kind::Stretch => "STRETCH",
            Kind::Position => "POSITION",
            Kind::Rest => "REST",
            Kind::Heat => "HEAT",
            Kind::Cold => "COLD",
        }
    }

    /// The shortest and longest one countdown of this kind may be. Loading
    /// refuses durations outside, and `+`/`-` during a session stays inside.
    pub fn bounds(self) -> (Duration, Duration) {
        match self {
            Kind::Hold => (secs(10), secs(90)),
            Kind::WarmUp | Kind::Sweep => (secs(60), secs(15 * 60)),
            Kind::Stretch => (secs(10), secs(5 * 60)),
            Kind::Position | Kind::Rest => (secs(10), secs(20 * 60)),
            Kind::Heat | Kind::Cold => (secs(60), secs(20 * 60)),
        }
    }

    /// Whether this kind of step is massage (pressure on soft tissue).
    pub fn is_massage(self) -> bool {
        matches!(self, Kind::WarmUp | Kind::Hold | Kind::Sweep)
    }
}

/// Routine-wide defaults; each step may override them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defaults {
    /// Time to get into position before each step.
    pub prepare: Duration,
    /// Rest after each step (not after the last).
    pub rest: Duration,
    /// Time to change sides in a two-sided step.
    pub switch: Duration,
    /// Play a cue halfway through each countdown.
    pub halfway: bool,
    /// Play 3-2-1 before each countdown ends.
    pub countdown: bool,
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults {
            prepare: secs(10),
            rest: secs(15),
            switch: secs(10),
            halfway: true,
            countdown: true,
        }
    }
}

/// The rest between repeats of a step when the step does not say.
pub const REPEAT_REST: Duration = secs(10);

/// One technique, checked and with defaults applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Stable identifier (history records it); `step-N` when not written.
    pub id: String,
    /// Short name shown as the heading.
    pub title: String,
    /// What the step does.
    pub kind: Kind,
    /// Where on the body; `None` when the file does not say.
    pub area: Option<Area>,
    /// What the person works with.
    pub tool: Tool,
    /// How hard to press; `None` when the file does not say.
    pub pressure: Option<Pressure>,
    /// The starting position, one sentence.
    pub position: Option<String>,
    /// What to do, one short sentence per line.
    pub instructions: Vec<String>,
    /// Length of one countdown (one side, one repeat).
    pub duration: Duration,
    /// Which side(s).
    pub sides: Sides,
    /// How many times the whole step (all sides) runs; at least 1.
    pub repeat: u32,
    /// Rest between repeats of this step.
    pub rest: Duration,
    /// Time to get into position before the step.
    pub prepare: Duration,
    /// Play a cue halfway through each countdown.
    pub halfway: bool,
    /// Play 3-2-1 before each countdown ends.
    pub countdown: bool,
    /// A warning shown for as long as the step runs, in every window size,
    /// and spoken at its start (`None`: the step has none).
    pub caution: Option<String>,
    /// Words to speak when the step starts (if a speech program exists).
    pub say: Option<String>,
    /// Extra check-ins within the step (never fewer than one after it).
    pub check_in: CheckInEvery,
}

impl Step {
    /// Whether this step is massage (see [`Kind::is_massage`]).
    pub fn is_massage(&self) -> bool {
        self.kind.is_massage()
    }

    /// Active time of this step: every side and repeat, when the affected
    /// side is not known.
    pub fn active_time(&self) -> Duration {
        self.duration * self.repeat * self.sides.passes()
    }
}

/// A checked routine, ready to be expanded into a session plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routine {
    /// The name it is started by; lowercase words joined by hyphens.
    pub name: String,
    /// One sentence shown in lists.
    pub summary: String,
    /// Longer notes shown before the session.
    pub description: Option<String>,
    /// Free words for grouping (`acute`, `partner`, …).
    pub tags: Vec<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Values every step starts from.
    pub defaults: Defaults,
    /// The techniques, in order; never empty.
    pub steps: Vec<Step>,
}

impl Routine {
    /// A short, stable fingerprint of a checked routine (every field, with
    /// defaults applied): two sessions with the same fingerprint ran the
    /// same routine, whatever its comments or layout. 64-bit FNV-1a, in
    /// hex. The history keeps it beside the routine's name.
    pub fn fingerprint(&self) -> String {
        let text = format!("{self:?}");
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        format!("{h:016x}")
    }

    /// The planned time of the steps themselves (active time, all sides and
    /// repeats), without preparation and rests.
    pub fn active_time(&self) -> Duration {
        self.steps.iter().map(Step::active_time).sum()
    }

    /// The whole session as planned when the affected side is not known:
    /// preparation, switches and rests included.
    pub fn total_time(&self) -> Duration {
        Plan::new(self, None).total()
    }

    /// True when no step is massage: only positions, stretches, rests, heat
    /// or cold. The safety screen offers such routines in the acute phase.
    pub fn is_massage_free(&self) -> bool {
        !self.steps.iter().any(Step::is_massage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_hold_the_safety_figures() {
        assert_eq!(Kind::Hold.bounds(), (secs(10), secs(90)));
        assert_eq!(Kind::WarmUp.bounds(), (secs(60), secs(900)));
        for k in Kind::ALL {
            let (lo, hi) = k.bounds();
            assert!(lo < hi, "{k:?}");
        }
    }

    #[test]
    fn massage_kinds() {
        let massage: Vec<_> = Kind::ALL.iter().filter(|k| k.is_massage()).collect();
        assert_eq!(massage, [&Kind::WarmUp, &Kind::Hold, &Kind::Sweep]);
    }
}
