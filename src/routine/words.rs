//! The fixed words a routine file may use for `kind`, `area`, `tool`,
//! `pressure` and `sides`. Each enum knows its spelling in the file (one
//! table each, through [`words!`](crate::vocab::words)), so the reader, the
//! schema and the error suggestions share one list.

use serde::{Deserialize, Serialize};

use crate::vocab::words;

/// What a step does. Decides the countdown label, the cues and the bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Light, continuous work that warms the tissue (5–10 minutes).
    WarmUp,
    /// Steady pressure on one tender spot (30–60 seconds).
    Hold,
    /// Strokes, circles or rolling along a muscle.
    Sweep,
    /// A stretch held or repeated.
    Stretch,
    /// A resting position, no pressure.
    Position,
    /// A pause.
    Rest,
    /// Moist heat on long-standing tightness.
    Heat,
    /// A cold pack, mostly in the first days.
    Cold,
}
words! {
    /// Every variant, in the order the documentation lists them.
    impl Kind {
        const ALL, NAMES;
        /// How this variant is written in a routine file.
        fn name;
        /// The variant written as `text`, if there is one.
        fn from_name;
        WarmUp = "warm-up",
        Hold = "hold",
        Sweep = "sweep",
        Stretch = "stretch",
        Position = "position",
        Rest = "rest",
        Heat = "heat",
        Cold = "cold",
    }
}

/// Where on the body a step works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    /// The lower back in general (light work, positions, packs).
    LowerBack,
    /// The long muscles either side of the spine, never the spine itself.
    Paraspinals,
    Glutes,
    Piriformis,
    HipFlexors,
    Hamstrings,
    Thigh,
    /// The flat bone at the base of the spine; light or moderate work only.
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
words! {
    /// Every variant, in the order the documentation lists them.
    impl Area {
        const ALL, NAMES;
        /// How this variant is written in a routine file.
        fn name;
        /// The variant written as `text`, if there is one.
        fn from_name;
        LowerBack = "lower-back",
        Paraspinals = "paraspinals",
        Glutes = "glutes",
        Piriformis = "piriformis",
        HipFlexors = "hip-flexors",
        Hamstrings = "hamstrings",
        Thigh = "thigh",
        Sacrum = "sacrum",
        UpperButtocks = "upper-buttocks",
        WholeBody = "whole-body",
        Spine = "spine",
        LumbarVertebrae = "lumbar-vertebrae",
        Kidneys = "kidneys",
    }
}

impl Area {
    /// Areas no step may ever target.
    pub fn is_forbidden(self) -> bool {
        matches!(self, Area::Spine | Area::LumbarVertebrae | Area::Kidneys)
    }

    /// Bony or broad back areas where firm, deep or vibrating work would
    /// land on or next to bone; such work must name `paraspinals` instead.
    pub fn is_over_back_bone(self) -> bool {
        matches!(self, Area::LowerBack | Area::Sacrum | Area::WholeBody)
    }

    /// Areas that lie on, or take in, the lower back. A foam roller on any
    /// of them lies across the lumbar spine, whichever way one turns.
    pub fn takes_in_lower_back(self) -> bool {
        matches!(
            self,
            Area::LowerBack | Area::Paraspinals | Area::Sacrum | Area::WholeBody
        )
    }

    /// The buttocks and thighs: the only areas where vibration belongs
    /// (higher up, the kidneys lie under the back muscles and lowest ribs).
    pub fn takes_vibration(self) -> bool {
        matches!(
            self,
            Area::Glutes | Area::UpperButtocks | Area::Piriformis | Area::Hamstrings | Area::Thigh
        )
    }
}

/// What the person works with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Tool {
    Hands,
    TennisBall,
    LacrosseBall,
    FoamRoller,
    /// A vibrating massager.
    Massager,
    /// Another person's hands.
    Partner,
    ColdPack,
    HeatPack,
    #[default]
    None,
}
words! {
    /// Every variant, in the order the documentation lists them.
    impl Tool {
        const ALL, NAMES;
        /// How this variant is written in a routine file.
        fn name;
        /// The variant written as `text`, if there is one.
        fn from_name;
        Hands = "hands",
        TennisBall = "tennis-ball",
        LacrosseBall = "lacrosse-ball",
        FoamRoller = "foam-roller",
        Massager = "massager",
        Partner = "partner",
        ColdPack = "cold-pack",
        HeatPack = "heat-pack",
        None = "none",
    }
}

impl Tool {
    /// Balls, rollers and massagers: tools that put body weight or vibration
    /// on a small spot. Their use is "tool work" in the safety rules.
    pub fn is_firm(self) -> bool {
        matches!(
            self,
            Tool::TennisBall | Tool::LacrosseBall | Tool::FoamRoller | Tool::Massager
        )
    }
}

/// How hard a step presses. Optional; `deep` is checked by the safety rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pressure {
    /// Skin-deep: slow, superficial strokes.
    Light,
    /// A bearable, dull ache.
    Moderate,
    /// Firm pressure into the muscle.
    Deep,
}
words! {
    /// Every variant, in the order the documentation lists them.
    impl Pressure {
        const ALL, NAMES;
        /// How this variant is written in a routine file.
        fn name;
        /// The variant written as `text`, if there is one.
        fn from_name;
        Light = "light",
        Moderate = "moderate",
        Deep = "deep",
    }
}

/// How often a step asks how the person feels. There is always a check-in
/// after the whole step; a routine may ask for more, never fewer.
/// Ordered from the fewest check-ins to the most.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, Default,
)]
pub enum CheckInEvery {
    /// After the step (all sides and rounds).
    #[default]
    #[serde(rename = "after-step")]
    Step,
    /// After each round of a repeated step.
    #[serde(rename = "after-each-round")]
    Round,
    /// After each side (and each round).
    #[serde(rename = "after-each-side")]
    Side,
}
words! {
    /// Every variant, in the order the documentation lists them.
    impl CheckInEvery {
        const ALL, NAMES;
        /// How this variant is written in a routine file.
        fn name;
        /// The variant written as `text`, if there is one.
        fn from_name;
        Step = "after-step",
        Round = "after-each-round",
        Side = "after-each-side",
    }
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
words! {
    /// Every variant, in the order the documentation lists them.
    impl Sides {
        const ALL, NAMES;
        /// How this variant is written in a routine file.
        fn name;
        /// The variant written as `text`, if there is one.
        fn from_name;
        None = "none",
        Left = "left",
        Right = "right",
        Both = "both",
        Affected = "affected",
    }
}

impl Sides {
    /// How many times the step runs per repeat when the affected side is not
    /// known (the worst case, used for totals and limits).
    pub fn passes(self) -> u32 {
        match self {
            Sides::Both | Sides::Affected => 2,
            _ => 1,
        }
    }
}

/// A concrete side of the body: one of the shared words.
pub use crate::vocab::Side;

#[cfg(test)]
mod tests {
    use super::*;

    /// The serde spelling (used by history records) and the file spelling
    /// must never drift apart.
    fn same_as_serde<T: Serialize + Copy>(all: &[T], name: impl Fn(T) -> &'static str) {
        for &v in all {
            let value = toml::Value::try_from(v).unwrap();
            assert_eq!(value.as_str(), Some(name(v)));
        }
    }

    #[test]
    fn names_match_serde() {
        same_as_serde(&Kind::ALL, Kind::name);
        same_as_serde(&Area::ALL, Area::name);
        same_as_serde(&Tool::ALL, Tool::name);
        same_as_serde(&Pressure::ALL, Pressure::name);
        same_as_serde(&CheckInEvery::ALL, CheckInEvery::name);
        same_as_serde(&Sides::ALL, Sides::name);
    }

    #[test]
    fn names_round_trip() {
        use crate::vocab::check_words as check;
        check(&Kind::ALL, Kind::name, Kind::from_name);
        check(&Area::ALL, Area::name, Area::from_name);
        check(&Tool::ALL, Tool::name, Tool::from_name);
        check(&Pressure::ALL, Pressure::name, Pressure::from_name);
        check(
            &CheckInEvery::ALL,
            CheckInEvery::name,
            CheckInEvery::from_name,
        );
        check(&Sides::ALL, Sides::name, Sides::from_name);
        assert_eq!(Kind::NAMES.len(), Kind::ALL.len());
        assert_eq!(Area::from_name("spine"), Some(Area::Spine));
        assert_eq!(Tool::from_name("Tennis-Ball"), None);
    }

    #[test]
    fn forbidden_and_firm() {
        let forbidden: Vec<_> = Area::ALL.iter().filter(|a| a.is_forbidden()).collect();
        assert_eq!(
            forbidden,
            [&Area::Spine, &Area::LumbarVertebrae, &Area::Kidneys]
        );
        assert!(Tool::Massager.is_firm() && Tool::FoamRoller.is_firm());
        assert!(!Tool::Hands.is_firm() && !Tool::Partner.is_firm());
    }

    #[test]
    fn roller_and_vibration_areas_never_overlap() {
        for a in Area::ALL {
            assert!(!(a.takes_in_lower_back() && a.takes_vibration()), "{a:?}");
            assert!(!(a.is_forbidden() && a.takes_vibration()), "{a:?}");
        }
        let back: Vec<_> = Area::ALL
            .iter()
            .filter(|a| a.takes_in_lower_back())
            .collect();
        assert_eq!(
            back,
            [
                &Area::LowerBack,
                &Area::Paraspinals,
                &Area::Sacrum,
                &Area::WholeBody
            ]
        );
    }
}
