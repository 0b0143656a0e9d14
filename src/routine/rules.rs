//! The safety rules, applied to every routine however it is loaded:
//!
//! - no step targets the spine, the lumbar vertebrae or the kidneys;
//! - each countdown stays within its kind's bounds (holds 10–90 s,
//!   warm-ups and sweeps 1–15 min, …); holds outside 30–60 s, warm-ups and
//!   tool work outside 5–10 min draw a warning naming the recommended range;
//! - deep pressure, vibration, balls and rollers need a named area, and on
//!   the back that area must be the muscles beside the spine;
//! - a foam roller never goes on the lower back (lying across it, it
//!   presses on the spine however far one turns), and vibration only on
//!   the buttocks and thighs (the kidneys lie under the back muscles
//!   higher up);
//! - the sacrum takes light work only (it is bone, at the level where
//!   discs most often bulge);
//! - a heat step without a caution draws a warning (numb skin can burn);
//! - packs and firm tools only go with the kinds of step they belong to;
//! - step ids are unique;
//! - the whole session lasts at most 90 minutes.

use std::collections::HashMap;
use std::time::Duration;

use super::build::Built;
use super::diag::Diagnostic;
use super::duration::{Human, clock};
use super::model::{MAX_SESSION, Step};
use super::table::Table;
use super::words::{Area, Kind, Pressure, Tool};
use crate::routine::plan::Plan;

fn human(d: Duration) -> Human {
    Human(d)
}

/// The range a kind of step should stay in, when the guidance gives one:
/// (low, high, what it is called, why).
fn recommended(step: &Step) -> Option<(Duration, Duration, &'static str, &'static str)> {
    let s = Duration::from_secs;
    match step.kind {
        Kind::Hold => Some((
            s(30),
            s(60),
            "holds",
            "half a minute to a minute gives a tight spot time to let go without irritating the nerve",
        )),
        Kind::WarmUp => Some((
            s(5 * 60),
            s(10 * 60),
            "warm-ups",
            "five to ten minutes warms the muscles through without tiring them",
        )),
        Kind::Sweep if step.tool.is_firm() => Some((
            s(5 * 60),
            s(10 * 60),
            "tool work",
            "five to ten minutes with a ball, roller or massager is plenty; longer tends to leave the area sore",
        )),
        _ => None,
    }
}

/// Check every built step and the routine as a whole.
pub(crate) fn check(built: &Built<'_>, diags: &mut Vec<Diagnostic>) {
    let mut ids: HashMap<&str, &Table> = HashMap::new();
    let mut in_bounds = true;
    for (step, t) in built.routine.steps.iter().zip(&built.tables) {
        let n = match t.place {
            super::spec::Place::Step(n) => n,
            _ => 0,
        };
        area(step, t, n, diags);
        in_bounds &= duration(step, t, n, diags);
        firm_work(step, t, n, diags);
        sacrum_light(step, t, n, diags);
        heat_caution(step, t, n, diags);
        tool_fits_kind(step, t, n, diags);
        if let Some(first) = ids.insert(&step.id, t) {
            let span = if t.field("id").is_some() {
                t.span_of("id")
            } else {
                t.span.clone()
            };
            diags.push(
                Diagnostic::error(span, format!("step {n} reuses the id '{}'", step.id))
                    .label("used twice")
                    .also(first.field("id").map_or(first.span.clone(), |f| f.span.clone()), "first used here")
                    .help("give each step its own id; a step without one is called step-N after its place"),
            );
        }
    }
    // A step far over its own limit would also blow the session total;
    // one message about the step is enough.
    if in_bounds {
        session_length(built, diags);
    }
}

fn area(step: &Step, t: &Table, n: usize, diags: &mut Vec<Diagnostic>) {
    let Some(area) = step.area.filter(|a| a.is_forbidden()) else {
        return;
    };
    let help = match area {
        Area::Kidneys => {
            "the kidneys sit under the lowest ribs; work lower down, on the muscles beside the spine: area = \"paraspinals\""
        }
        _ => "work the muscles either side of the spine instead: area = \"paraspinals\"",
    };
    diags.push(
        Diagnostic::error(
            t.span_of("area"),
            format!("step {n} targets '{}': no step may press on the spine, the bones beside it or the kidneys", area.name()),
        )
        .label("never allowed")
        .help(help),
    );
}

/// Returns whether the step is within its kind's bounds.
fn duration(step: &Step, t: &Table, n: usize, diags: &mut Vec<Diagnostic>) -> bool {
    let (lo, hi) = step.kind.bounds();
    let d = step.duration;
    let kind = step.kind.name();
    let span = t.span_of("duration");
    if d < lo || d > hi {
        let which = if d < lo { "too short" } else { "too long" };
        let mut e = Diagnostic::error(
            span,
            format!(
                "step {n}: a {kind} of '{}' is {which}; a {kind} may last {} to {}",
                human(d),
                human(lo),
                human(hi)
            ),
        )
        .label(which);
        if let Some((rlo, rhi, what, _)) = recommended(step) {
            e = e.help(format!(
                "the recommended range for {what} is {} to {}",
                human(rlo),
                human(rhi)
            ));
        }
        diags.push(e);
        return false;
    }
    if let Some((rlo, rhi, what, why)) =
        recommended(step).filter(|(rlo, rhi, ..)| d < *rlo || d > *rhi)
    {
        let which = if d < rlo { "shorter" } else { "longer" };
        diags.push(
            Diagnostic::warning(
                span,
                format!(
                    "step {n}: '{}' is {which} than the recommended {} to {} for {what}",
                    human(d),
                    human(rlo),
                    human(rhi)
                ),
            )
            .label(format!("recommended {} to {}", human(rlo), human(rhi)))
            .help(format!("{why}; the session will still run as written")),
        );
    }
    true
}

/// Deep pressure, vibration and weight on a ball or roller press hard on a
/// small spot: they must say where, and on the back it must be beside the
/// spine rather than on it.
fn firm_work(step: &Step, t: &Table, n: usize, diags: &mut Vec<Diagnostic>) {
    let (what, key) = if step.tool == Tool::Massager {
        ("vibration", "tool")
    } else if step.pressure == Some(Pressure::Deep) {
        ("deep pressure", "pressure")
    } else if step.tool.is_firm() {
        (tool_phrase(step.tool), "tool")
    } else {
        return;
    };
    match step.area {
        None => diags.push(
            Diagnostic::error(t.span_of(key), format!("step {n} uses {what} but does not say where"))
                .label("needs an area")
                .help("add the area it works on, such as area = \"paraspinals\" for the muscles beside the spine"),
        ),
        Some(area) if step.tool == Tool::FoamRoller && area.takes_in_lower_back() => diags.push(
            Diagnostic::error(
                t.span_of("area"),
                format!(
                    "step {n} puts a foam roller on '{}': across the lower back a roller presses on the spine, however far you turn",
                    area.name()
                ),
            )
            .label("no roller on the lower back")
            .help("roll the buttocks and outer hip or the back of the thigh instead (area = \"glutes\" or \"hamstrings\"); beside the spine, a tennis ball stays on the muscle"),
        ),
        Some(area) if step.tool == Tool::Massager && !area.takes_vibration() => diags.push(
            Diagnostic::error(
                t.span_of("area"),
                format!(
                    "step {n} uses vibration on '{}': a massager belongs on the buttocks and thighs only",
                    area.name()
                ),
            )
            .label("buttocks and thighs only")
            .help("the kidneys lie under the back muscles and the lowest ribs; use area = \"upper-buttocks\", \"glutes\" or \"hamstrings\""),
        ),
        Some(area) if area.is_over_back_bone() => diags.push(
            Diagnostic::error(
                t.span_of("area"),
                format!("step {n} uses {what} on '{}', where it could land on the spine", area.name()),
            )
            .label("too close to the spine")
            .help("aim it at the muscles beside the spine: area = \"paraspinals\""),
        ),
        Some(_) => {}
    }
}

/// The sacrum is bone at the level where discs most often bulge: massage
/// there must say `pressure = "light"`. (Deep pressure and firm tools there
/// are already refused by [`firm_work`].)
fn sacrum_light(step: &Step, t: &Table, n: usize, diags: &mut Vec<Diagnostic>) {
    if step.area != Some(Area::Sacrum)
        || !step.is_massage()
        || step.tool.is_firm()
        || matches!(step.pressure, Some(Pressure::Light | Pressure::Deep))
    {
        return;
    }
    let (what, span) = match step.pressure {
        Some(p) => (format!("'{}' pressure", p.name()), t.span_of("pressure")),
        None => ("no pressure named".to_string(), t.span_of("area")),
    };
    diags.push(
        Diagnostic::error(
            span,
            format!("step {n} works on the 'sacrum' with {what}: it is bone, at the level where discs most often bulge"),
        )
        .label("light touch only")
        .help("make it pressure = \"light\", or leave the sacrum out"),
    );
}

/// Heat on skin that feels numb can burn without being felt: a heat step
/// should carry a caution that says so.
fn heat_caution(step: &Step, t: &Table, n: usize, diags: &mut Vec<Diagnostic>) {
    if step.kind != Kind::Heat || step.caution.is_some() {
        return;
    }
    diags.push(
        Diagnostic::warning(t.span_of("kind"), format!("step {n} is a heat step without a caution"))
            .label("add a caution")
            .help("add caution = \"...\" saying to keep the heat off any skin that feels numb: it can burn there without being felt"),
    );
}

fn tool_phrase(tool: Tool) -> &'static str {
    match tool {
        Tool::TennisBall => "a tennis ball",
        Tool::LacrosseBall => "a lacrosse ball",
        Tool::FoamRoller => "a foam roller",
        Tool::Massager => "a massager",
        Tool::ColdPack => "a cold pack",
        Tool::HeatPack => "a heat pack",
        Tool::Hands | Tool::Partner | Tool::None => "it",
    }
}

fn tool_fits_kind(step: &Step, t: &Table, n: usize, diags: &mut Vec<Diagnostic>) {
    let fits = match step.tool {
        Tool::HeatPack => step.kind == Kind::Heat,
        Tool::ColdPack => step.kind == Kind::Cold,
        tool if tool.is_firm() => step.kind.is_massage(),
        _ => true,
    };
    if fits {
        return;
    }
    let belongs = match step.tool {
        Tool::HeatPack => "a 'heat' step",
        Tool::ColdPack => "a 'cold' step",
        _ => "a 'hold', 'sweep' or 'warm-up' step",
    };
    diags.push(
        Diagnostic::error(
            t.span_of("tool"),
            format!(
                "step {n}: {} does not go with a '{}' step",
                tool_phrase(step.tool),
                step.kind.name()
            ),
        )
        .label("wrong tool for this kind")
        .help(format!("{} belongs in {belongs}", tool_phrase(step.tool))),
    );
}

fn session_length(built: &Built<'_>, diags: &mut Vec<Diagnostic>) {
    let plan = Plan::new(&built.routine, None);
    let total = plan.total();
    if total <= MAX_SESSION {
        return;
    }
    let mut elapsed = Duration::ZERO;
    let crossing = plan
        .segments
        .iter()
        .find(|s| {
            elapsed += s.planned;
            elapsed > MAX_SESSION
        })
        .map_or(0, |s| s.step);
    let t = built.tables[crossing];
    diags.push(
        Diagnostic::error(
            t.span.clone(),
            format!(
                "the session would last {}; the most is {}",
                clock(total),
                clock(MAX_SESSION)
            ),
        )
        .label("the session passes 90 minutes in this step")
        .help("shorten or remove steps, or split the routine in two; preparation, switches and rests count too"),
    );
}
