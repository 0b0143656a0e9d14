//! Routines: the TOML model people write, and the checked form the session
//! runs. `load_str` is the one path every command uses (start, check, edit):
//! parse strictly, then validate, then hand back a [`Routine`].
//!
//! Submodules: `duration` (human durations), `library` (bundled routines and
//! the user's folder).

pub mod duration;
pub mod library;

use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use duration::Human;

/// What a step does. Decides the countdown label, the cues and the bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    WarmUp,
    Hold,
    Sweep,
    Stretch,
    Position,
    Rest,
    Heat,
    Cold,
}

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

    /// How far `+`/`-` may take this kind of step (the safety bounds).
    pub fn bounds(self) -> (Duration, Duration) {
        let s = Duration::from_secs;
        match self {
            Kind::Hold => (s(10), s(90)),
            Kind::WarmUp | Kind::Sweep => (s(60), s(15 * 60)),
            Kind::Stretch => (s(10), s(5 * 60)),
            Kind::Position | Kind::Rest => (s(10), s(20 * 60)),
            Kind::Heat | Kind::Cold => (s(60), s(20 * 60)),
        }
    }
}

/// Where on the body a step works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    LowerBack,
    Paraspinals,
    Glutes,
    Piriformis,
    HipFlexors,
    Hamstrings,
    Thigh,
    Sacrum,
    UpperButtocks,
    WholeBody,
    /// Never allowed: validation refuses it. Kept so the error can name it.
    Spine,
    /// Never allowed: validation refuses it.
    LumbarVertebrae,
    /// Never allowed: validation refuses it.
    Kidneys,
}

/// What the person works with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Tool {
    Hands,
    TennisBall,
    LacrosseBall,
    FoamRoller,
    Massager,
    Partner,
    ColdPack,
    HeatPack,
    #[default]
    None,
}

/// Which side(s) a step is done on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Sides {
    #[default]
    None,
    Left,
    Right,
    Both,
    /// The side named with `--side` (both, when none is named).
    Affected,
}

/// A concrete side of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub fn word(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
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
            prepare: Duration::from_secs(10),
            rest: Duration::from_secs(15),
            switch: Duration::from_secs(10),
            halfway: true,
            countdown: true,
        }
    }
}

/// One technique, checked and with defaults applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub area: Option<Area>,
    pub tool: Tool,
    pub position: Option<String>,
    pub instructions: Vec<String>,
    pub duration: Duration,
    pub sides: Sides,
    pub repeat: u32,
    /// Rest between repeats of this step.
    pub rest: Duration,
    pub prepare: Duration,
    pub halfway: bool,
    pub countdown: bool,
    /// Words to speak when the step starts (if a speech program exists).
    pub say: Option<String>,
}

/// A checked routine, ready to be expanded into a session plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routine {
    pub name: String,
    pub summary: String,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub defaults: Defaults,
    pub steps: Vec<Step>,
}

impl Routine {
    /// The planned time of the steps themselves (active time, all sides and
    /// repeats), without preparation and rests.
    pub fn active_time(&self) -> Duration {
        self.steps
            .iter()
            .map(|s| s.duration * s.repeat * if s.sides == Sides::Both { 2 } else { 1 })
            .sum()
    }
}

// ---------------------------------------------------------------- raw model

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoutine {
    name: String,
    summary: String,
    description: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    author: Option<String>,
    #[serde(default)]
    defaults: RawDefaults,
    #[serde(default)]
    steps: Vec<RawStep>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDefaults {
    prepare: Option<Human>,
    rest: Option<Human>,
    switch: Option<Human>,
    halfway: Option<bool>,
    countdown: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: Option<String>,
    title: String,
    kind: Kind,
    duration: Human,
    area: Option<Area>,
    #[serde(default)]
    tool: Tool,
    position: Option<String>,
    #[serde(default)]
    instructions: Vec<String>,
    #[serde(default)]
    sides: Sides,
    repeat: Option<u32>,
    rest: Option<Human>,
    prepare: Option<Human>,
    halfway: Option<bool>,
    countdown: Option<bool>,
    say: Option<String>,
}

/// Why a routine could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RoutineError {
    #[error("{origin}: {message}")]
    Parse { origin: String, message: String },
    #[error("{origin}: {message}")]
    Invalid { origin: String, message: String },
}

/// Parse and check a routine. `origin` names the file in messages.
pub fn load_str(src: &str, origin: &str) -> Result<Routine, RoutineError> {
    let raw: RawRoutine = toml::from_str(src).map_err(|e| RoutineError::Parse {
        origin: origin.to_string(),
        message: e.to_string(),
    })?;
    let d = Defaults::default();
    let defaults = Defaults {
        prepare: raw.defaults.prepare.map_or(d.prepare, |h| h.0),
        rest: raw.defaults.rest.map_or(d.rest, |h| h.0),
        switch: raw.defaults.switch.map_or(d.switch, |h| h.0),
        halfway: raw.defaults.halfway.unwrap_or(d.halfway),
        countdown: raw.defaults.countdown.unwrap_or(d.countdown),
    };
    if raw.steps.is_empty() {
        return Err(RoutineError::Invalid {
            origin: origin.to_string(),
            message: "a routine needs at least one [[steps]] table".to_string(),
        });
    }
    let steps = raw
        .steps
        .into_iter()
        .enumerate()
        .map(|(i, s)| Step {
            id: s.id.unwrap_or_else(|| format!("step-{}", i + 1)),
            title: s.title,
            kind: s.kind,
            area: s.area,
            tool: s.tool,
            position: s.position,
            instructions: s.instructions,
            duration: s.duration.0,
            sides: s.sides,
            repeat: s.repeat.unwrap_or(1).max(1),
            rest: s.rest.map_or(Duration::from_secs(10), |h| h.0),
            prepare: s.prepare.map_or(defaults.prepare, |h| h.0),
            halfway: s.halfway.unwrap_or(defaults.halfway),
            countdown: s.countdown.unwrap_or(defaults.countdown),
            say: s.say,
        })
        .collect();
    Ok(Routine {
        name: raw.name,
        summary: raw.summary,
        description: raw.description,
        tags: raw.tags,
        author: raw.author,
        defaults,
        steps,
    })
}
