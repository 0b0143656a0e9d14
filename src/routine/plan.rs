//! A routine expanded once into a flat list of timed segments:
//! prepare → active (per repeat, per side) → switch sides / rest between
//! repeats → check-in point → rest between steps → next step.

use std::time::Duration;

use crate::routine::{CheckInEvery, Kind, Routine, Side, Sides};

/// What a segment is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    /// Get into position; skippable.
    Prepare,
    /// The technique itself (hold, warm-up, sweep…).
    Active(Kind),
    /// Change to the other side.
    SwitchSides,
    /// A short rest between repeats or between steps.
    Rest,
}

/// One timed piece of the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Index into the routine's steps.
    pub step: usize,
    pub kind: SegmentKind,
    pub side: Option<Side>,
    /// 1-based repeat number and the step's repeat count.
    pub repeat: (u32, u32),
    pub planned: Duration,
    /// Whether a check-in follows this segment.
    pub check_in_after: bool,
    /// Cue options of the step (only meaningful for active segments).
    pub halfway: bool,
    pub countdown: bool,
}

impl Segment {
    pub fn is_active(&self) -> bool {
        matches!(self.kind, SegmentKind::Active(_))
    }
}

/// The whole session, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub segments: Vec<Segment>,
}

/// Which sides a step is done on, given the affected side (if known).
pub fn sides_for(sides: Sides, affected: Option<Side>) -> Vec<Option<Side>> {
    match (sides, affected) {
        (Sides::None, _) => vec![None],
        (Sides::Left, _) => vec![Some(Side::Left)],
        (Sides::Right, _) => vec![Some(Side::Right)],
        (Sides::Affected, Some(side)) => vec![Some(side)],
        (Sides::Both, Some(Side::Right)) => {
            vec![Some(Side::Right), Some(Side::Left)]
        }
        (Sides::Both | Sides::Affected, _) => vec![Some(Side::Left), Some(Side::Right)],
    }
}

impl Plan {
    /// Expand a routine. `affected` orders two-sided steps affected side
    /// first and resolves `sides = "affected"`.
    pub fn new(routine: &Routine, affected: Option<Side>) -> Plan {
        let mut segments = Vec::new();
        for (i, step) in routine.steps.iter().enumerate() {
            let sides = sides_for(step.sides, affected);
            segments.extend(expand_step(routine, i, &sides, |_| step.duration, true));
        }
        Plan { segments }
    }

    /// Total planned time of every segment.
    pub fn total(&self) -> Duration {
        self.segments.iter().map(|s| s.planned).sum()
    }

    /// Total planned time of the active segments only.
    pub fn active_total(&self) -> Duration {
        self.segments
            .iter()
            .filter(|s| s.is_active())
            .map(|s| s.planned)
            .sum()
    }
}

/// The segments of step `i` done on `sides` (in that order), each side's
/// countdown `duration(side)` long: its preparation (with `prepare`, when
/// the step has one), the countdowns with switches and rests between, the
/// check-in after it, and the rest before the next step. No sides: nothing
/// (a step left out). The session re-expands a step this way when a side
/// is left out or shortened.
pub fn expand_step(
    routine: &Routine,
    i: usize,
    sides: &[Option<Side>],
    duration: impl Fn(Option<Side>) -> Duration,
    prepare: bool,
) -> Vec<Segment> {
    let step = &routine.steps[i];
    let mut segments = Vec::new();
    let Some(&first) = sides.first() else {
        return segments;
    };
    let base = Segment {
        step: i,
        kind: SegmentKind::Prepare,
        side: None,
        repeat: (1, step.repeat),
        planned: step.prepare,
        check_in_after: false,
        halfway: step.halfway,
        countdown: step.countdown,
    };
    if prepare && !step.prepare.is_zero() {
        segments.push(Segment {
            side: first,
            ..base.clone()
        });
    }
    for r in 1..=step.repeat {
        for (k, side) in sides.iter().enumerate() {
            if k > 0 {
                segments.push(Segment {
                    kind: SegmentKind::SwitchSides,
                    side: *side,
                    repeat: (r, step.repeat),
                    planned: routine.defaults.switch,
                    ..base.clone()
                });
            } else if r > 1 {
                let kind = if sides.len() > 1 {
                    SegmentKind::SwitchSides
                } else {
                    SegmentKind::Rest
                };
                let planned = if sides.len() > 1 {
                    routine.defaults.switch.max(step.rest)
                } else {
                    step.rest
                };
                if !planned.is_zero() {
                    segments.push(Segment {
                        kind,
                        side: *side,
                        repeat: (r, step.repeat),
                        planned,
                        ..base.clone()
                    });
                }
            }
            let last_side = k + 1 == sides.len();
            segments.push(Segment {
                kind: SegmentKind::Active(step.kind),
                side: *side,
                repeat: (r, step.repeat),
                planned: duration(*side),
                check_in_after: match step.check_in {
                    CheckInEvery::Step => false,
                    CheckInEvery::Round => last_side,
                    CheckInEvery::Side => true,
                },
                ..base.clone()
            });
        }
    }
    // Always a check-in after the technique, whatever the routine says.
    if let Some(last) = segments.last_mut() {
        last.check_in_after = true;
    }
    if i + 1 < routine.steps.len() && !routine.defaults.rest.is_zero() {
        segments.push(Segment {
            kind: SegmentKind::Rest,
            planned: routine.defaults.rest,
            ..base.clone()
        });
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::load_str;

    fn routine(step: &str) -> Routine {
        let src = format!(
            "name = \"t\"\nsummary = \"t\"\n[defaults]\nprepare = \"5s\"\nrest = \"15s\"\nswitch = \"10s\"\n{step}"
        );
        load_str(&src, "t.toml").unwrap()
    }

    fn kinds(p: &Plan) -> Vec<(SegmentKind, Option<Side>, u64)> {
        p.segments
            .iter()
            .map(|s| (s.kind, s.side, s.planned.as_secs()))
            .collect()
    }

    #[test]
    fn two_sided_hold_with_repeats() {
        let r = routine(
            "[[steps]]\ntitle = \"a\"\nkind = \"hold\"\nduration = \"45s\"\nsides = \"both\"\nrepeat = 2\n",
        );
        let p = Plan::new(&r, None);
        use SegmentKind::*;
        let (l, rt) = (Some(Side::Left), Some(Side::Right));
        assert_eq!(
            kinds(&p),
            vec![
                (Prepare, l, 5),
                (Active(Kind::Hold), l, 45),
                (SwitchSides, rt, 10),
                (Active(Kind::Hold), rt, 45),
                (SwitchSides, l, 10),
                (Active(Kind::Hold), l, 45),
                (SwitchSides, rt, 10),
                (Active(Kind::Hold), rt, 45),
            ]
        );
        assert!(p.segments.last().unwrap().check_in_after);
        assert_eq!(p.segments.iter().filter(|s| s.check_in_after).count(), 1);
        assert_eq!(p.active_total(), Duration::from_secs(180));
    }

    #[test]
    fn affected_side_goes_first_and_alone() {
        let r = routine(
            "[[steps]]\ntitle = \"a\"\nkind = \"hold\"\nduration = \"45s\"\nsides = \"affected\"\n[[steps]]\ntitle = \"b\"\nkind = \"hold\"\nduration = \"45s\"\nsides = \"both\"\n",
        );
        let p = Plan::new(&r, Some(Side::Right));
        let sides: Vec<_> = p
            .segments
            .iter()
            .filter(|s| s.is_active())
            .map(|s| (s.step, s.side))
            .collect();
        assert_eq!(
            sides,
            vec![
                (0, Some(Side::Right)),
                (1, Some(Side::Right)),
                (1, Some(Side::Left))
            ]
        );
        // A rest between the two steps, none after the last.
        assert_eq!(p.segments[2].kind, SegmentKind::Rest);
        assert_ne!(p.segments.last().unwrap().kind, SegmentKind::Rest);
    }

    #[test]
    fn a_routine_may_ask_for_more_check_ins_never_fewer() {
        let step = |every: &str| {
            routine(&format!(
                "[[steps]]\ntitle = \"a\"\nkind = \"hold\"\nduration = \"30s\"\nsides = \"both\"\nrepeat = 2\n{every}"
            ))
        };
        let count = |r: &Routine| {
            Plan::new(r, None)
                .segments
                .iter()
                .filter(|s| s.check_in_after)
                .count()
        };
        assert_eq!(count(&step("")), 1);
        assert_eq!(count(&step("check_in = \"after-step\"\n")), 1);
        assert_eq!(count(&step("check_in = \"after-each-round\"\n")), 2);
        assert_eq!(count(&step("check_in = \"after-each-side\"\n")), 4);
        // There is no value that removes the check-in.
        for none in ["\"never\"", "false", "\"none\""] {
            let src = format!(
                "name = \"t\"\nsummary = \"t\"\n[[steps]]\ntitle = \"a\"\nkind = \"hold\"\nduration = \"30s\"\ncheck_in = {none}\n"
            );
            assert!(load_str(&src, "t.toml").is_err(), "{none}");
        }
    }

    #[test]
    fn a_step_expands_again_for_the_sides_left_and_their_lengths() {
        let r = routine(
            "[[steps]]\ntitle = \"a\"\nkind = \"hold\"\nduration = \"45s\"\nsides = \"both\"\nrepeat = 2\nrest = \"20s\"\n\
             [[steps]]\ntitle = \"b\"\nkind = \"hold\"\nduration = \"30s\"\n",
        );
        // As written, it is the plan's own expansion.
        let both = [Some(Side::Left), Some(Side::Right)];
        let step0: Vec<Segment> = Plan::new(&r, None)
            .segments
            .into_iter()
            .filter(|s| s.step == 0)
            .collect();
        assert_eq!(expand_step(&r, 0, &both, |_| secs(45), true), step0);
        // The right side only, shorter, without its preparation: rests
        // between the repeats instead of switches, the check-in after the
        // last, the rest before the next step.
        let p = Plan {
            segments: expand_step(&r, 0, &[Some(Side::Right)], |_| secs(30), false),
        };
        use SegmentKind::*;
        let rt = Some(Side::Right);
        assert_eq!(
            kinds(&p),
            vec![
                (Active(Kind::Hold), rt, 30),
                (Rest, rt, 20),
                (Active(Kind::Hold), rt, 30),
                (Rest, None, 15),
            ]
        );
        assert!(p.segments[2].check_in_after);
        // No side left: nothing at all, not even the rest after it.
        assert!(expand_step(&r, 0, &[], |_| secs(45), true).is_empty());
    }

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn one_sided_repeats_rest_between() {
        let r = routine(
            "[[steps]]\ntitle = \"a\"\nkind = \"hold\"\nduration = \"30s\"\nrepeat = 2\nrest = \"20s\"\nprepare = \"0s\"\n",
        );
        let p = Plan::new(&r, None);
        use SegmentKind::*;
        assert_eq!(
            kinds(&p),
            vec![
                (Active(Kind::Hold), None, 30),
                (Rest, None, 20),
                (Active(Kind::Hold), None, 30)
            ]
        );
    }
}
