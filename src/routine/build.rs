//! Turns the accepted tables into a [`Routine`]: applies defaults and keeps,
//! for every built step, the table it came from (the safety rules point at
//! its spans). Tables with problems are left out; those problems are already
//! reported.

use super::model::{Defaults, REPEAT_REST, Routine, Step};
use super::table::Table;
use super::words::{Area, CheckInEvery, Kind, Pressure, Sides, Tool};

/// A routine built from whatever was accepted, and the table of each step.
pub(crate) struct Built<'t> {
    pub routine: Routine,
    pub tables: Vec<&'t Table>,
}

/// Build from the top-level table. Always succeeds; missing required text
/// is left empty (the reader has already reported it).
pub(crate) fn routine(top: &Table) -> Built<'_> {
    let defaults = defaults(top.table("defaults"));
    let mut steps = Vec::new();
    let mut tables = Vec::new();
    for (i, t) in top.tables("steps").iter().enumerate() {
        if let Some(s) = step(t, i, &defaults) {
            steps.push(s);
            tables.push(t);
        }
    }
    Built {
        routine: Routine {
            name: top.text("name").unwrap_or_default(),
            summary: top.text("summary").unwrap_or_default(),
            description: top.text("description"),
            tags: top.list("tags"),
            author: top.text("author"),
            defaults,
            steps,
        },
        tables,
    }
}

fn defaults(t: Option<&Table>) -> Defaults {
    let d = Defaults::default();
    let Some(t) = t else { return d };
    Defaults {
        prepare: t.dur("prepare").unwrap_or(d.prepare),
        rest: t.dur("rest").unwrap_or(d.rest),
        switch: t.dur("switch").unwrap_or(d.switch),
        halfway: t.bool("halfway").unwrap_or(d.halfway),
        countdown: t.bool("countdown").unwrap_or(d.countdown),
    }
}

/// The step at `index` (0-based), or `None` when its table had problems.
fn step(t: &Table, index: usize, d: &Defaults) -> Option<Step> {
    if !t.complete {
        return None;
    }
    Some(Step {
        id: t
            .text("id")
            .unwrap_or_else(|| format!("step-{}", index + 1)),
        title: t.text("title")?,
        kind: Kind::from_name(t.word("kind")?)?,
        area: t.word("area").and_then(Area::from_name),
        tool: t.word("tool").and_then(Tool::from_name).unwrap_or_default(),
        pressure: t.word("pressure").and_then(Pressure::from_name),
        position: t.text("position"),
        instructions: t.list("instructions"),
        duration: t.dur("duration")?,
        sides: t
            .word("sides")
            .and_then(Sides::from_name)
            .unwrap_or_default(),
        repeat: t
            .int("repeat")
            .map_or(1, |n| n.clamp(1, i64::from(u32::MAX)) as u32),
        rest: t.dur("rest").unwrap_or(REPEAT_REST),
        prepare: t.dur("prepare").unwrap_or(d.prepare),
        halfway: t.bool("halfway").unwrap_or(d.halfway),
        countdown: t.bool("countdown").unwrap_or(d.countdown),
        caution: t.text("caution"),
        say: t.text("say"),
        check_in: t
            .word("check_in")
            .and_then(CheckInEvery::from_name)
            .unwrap_or_default(),
    })
}
