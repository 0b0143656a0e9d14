//! The permission a session needs to start. A [`Clearance`] can only be
//! made inside `safety` (by the intake, once screening has ended without a
//! blocking sign), and [`Session::start`](crate::session::Session::start)
//! takes a [`Cleared`] routine, which only [`Clearance::admit`] makes. So
//! no code path can start a session without a screening; a clearance
//! that forbids massage admits only a massage-free routine, and one given
//! under a doctor's OK for a lasting condition only a gentle one.

use crate::routine::{Kind, Pressure, Routine, Step, Tool};

/// What a clearance lets run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allows {
    /// Any checked routine: nothing applied.
    Everything,
    /// Gentle routines only (see [`is_gentle`]): a lasting condition with
    /// a doctor's or physiotherapist's OK on record.
    Gentle,
    /// Massage-free routines only (see [`is_massage_free`]): the first
    /// days of pain or of a flare.
    NoMassage,
}

/// What the screening allows today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clearance {
    /// Private: see the module doc.
    allows: Allows,
}

impl Clearance {
    /// Nothing applied: any checked routine may run.
    pub(super) fn full() -> Clearance {
        Clearance {
            allows: Allows::Everything,
        }
    }

    /// A lasting condition, covered by a doctor's OK: gentle routines only.
    pub(super) fn gentle() -> Clearance {
        Clearance {
            allows: Allows::Gentle,
        }
    }

    /// The acute phase: only a massage-free routine may run.
    pub(super) fn no_massage() -> Clearance {
        Clearance {
            allows: Allows::NoMassage,
        }
    }

    /// A full clearance for unit tests of the session, which is not what
    /// this module guards. Tests of the guard itself go through the intake.
    #[cfg(test)]
    pub(crate) fn for_session_tests() -> Clearance {
        Clearance::full()
    }

    /// What it lets run.
    pub fn allows(self) -> Allows {
        self.allows
    }

    /// Whether massage steps are allowed (gentle ones, at least).
    pub fn allows_massage(self) -> bool {
        self.allows != Allows::NoMassage
    }

    /// Whether this clearance lets `step` run.
    pub fn permits(self, step: &Step) -> bool {
        match self.allows {
            Allows::Everything => true,
            Allows::Gentle => is_gentle(step),
            Allows::NoMassage => is_massage_free(step),
        }
    }

    /// Pair a routine with this clearance, if the clearance allows it.
    pub fn admit(self, routine: Routine) -> Result<Cleared, NotAdmitted> {
        let refused: Vec<String> = routine
            .steps
            .iter()
            .filter(|s| !self.permits(s))
            .map(|s| s.id.clone())
            .collect();
        if !refused.is_empty() {
            return Err(NotAdmitted {
                routine: routine.name,
                steps: refused,
                allows: self.allows,
            });
        }
        Ok(Cleared {
            routine,
            clearance: self,
        })
    }
}

/// A routine the screening allows to run today.
#[derive(Debug, Clone)]
pub struct Cleared {
    routine: Routine,
    clearance: Clearance,
}

impl Cleared {
    /// The routine.
    pub fn routine(&self) -> &Routine {
        &self.routine
    }

    /// The clearance it was admitted under.
    pub fn clearance(&self) -> Clearance {
        self.clearance
    }

    /// Give up the pairing, keeping the routine (the session owns it).
    pub fn into_routine(self) -> Routine {
        self.routine
    }

    /// `Clearance::for_session_tests().admit(routine)`, for unit tests.
    #[cfg(test)]
    pub(crate) fn for_session_tests(routine: Routine) -> Cleared {
        Clearance::for_session_tests()
            .admit(routine)
            .expect("a full clearance admits every routine")
    }
}

/// Why a routine cannot run under a clearance.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{routine}' has steps today does not allow ({}): {}", steps.join(", "), match allows {
    Allows::NoMassage => "no massage today",
    _ => "gentle routines only",
})]
pub struct NotAdmitted {
    /// The routine's name.
    pub routine: String,
    /// The ids of its steps the clearance does not allow.
    pub steps: Vec<String>,
    /// What the clearance allows.
    pub allows: Allows,
}

/// Whether a step involves no massage, by both definitions at once: the
/// routine model's ([`Step::is_massage`], by kind), and this gate's own,
/// stricter one: a position, rest, cold or stretch, done with no tool or
/// with a cold or heat pack. (So no heat step and no firm tool in the first
/// days, whatever a routine file says.)
pub fn is_massage_free(step: &Step) -> bool {
    !step.is_massage()
        && matches!(
            step.kind,
            Kind::Position | Kind::Rest | Kind::Cold | Kind::Stretch
        )
        && matches!(step.tool, Tool::None | Tool::ColdPack | Tool::HeatPack)
}

/// Whether a step is gentle enough for someone with a lasting condition
/// and a doctor's OK: massage-free, or a warm-up or sweep with the
/// person's own hands at light pressure (no tool, no helper, no holds, no
/// heat: nothing that presses into the tissue).
pub fn is_gentle(step: &Step) -> bool {
    is_massage_free(step)
        || (matches!(step.kind, Kind::WarmUp | Kind::Sweep)
            && step.tool == Tool::Hands
            && step.pressure == Some(Pressure::Light))
}

/// Whether every step of a routine is massage-free.
pub fn routine_is_massage_free(routine: &Routine) -> bool {
    routine.steps.iter().all(is_massage_free)
}

/// Whether every step of a routine is gentle.
pub fn routine_is_gentle(routine: &Routine) -> bool {
    routine.steps.iter().all(is_gentle)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::routine::load_str;

    /// A one-step routine of the given kind and tool (TOML names).
    pub(crate) fn one_step(kind: &str, tool: &str) -> Routine {
        let duration = if matches!(kind, "hold" | "stretch") {
            "30s"
        } else {
            "2m"
        };
        load_str(
            &format!(
                "name = \"r\"\nsummary = \"s\"\n[[steps]]\ntitle = \"t\"\nkind = \"{kind}\"\ntool = \"{tool}\"\narea = \"glutes\"\nduration = \"{duration}\"\n"
            ),
            "r.toml",
        )
        .unwrap()
    }

    #[test]
    fn massage_free_by_kind_and_tool() {
        assert!(routine_is_massage_free(&one_step("position", "none")));
        assert!(routine_is_massage_free(&one_step("cold", "cold-pack")));
        assert!(routine_is_massage_free(&one_step("stretch", "none")));
        assert!(routine_is_massage_free(&one_step("rest", "none")));
        assert!(!routine_is_massage_free(&one_step("hold", "tennis-ball")));
        assert!(!routine_is_massage_free(&one_step("warm-up", "hands")));
        assert!(!routine_is_massage_free(&one_step("heat", "heat-pack")));
    }

    #[test]
    fn no_massage_refuses_massage_and_names_the_steps() {
        let err = Clearance::no_massage()
            .admit(one_step("hold", "tennis-ball"))
            .unwrap_err();
        assert_eq!(err.steps, vec!["step-1".to_string()]);
        assert!(err.to_string().contains("'r'"), "{err}");
        let ok = Clearance::no_massage()
            .admit(one_step("cold", "cold-pack"))
            .unwrap();
        assert!(!ok.clearance().allows_massage());
    }

    const KINDS: [&str; 8] = [
        "warm-up", "hold", "sweep", "stretch", "position", "rest", "heat", "cold",
    ];
    const TOOLS: [&str; 9] = [
        "hands",
        "tennis-ball",
        "lacrosse-ball",
        "foam-roller",
        "massager",
        "partner",
        "cold-pack",
        "heat-pack",
        "none",
    ];

    /// A step's TOML for a kind and a tool.
    fn step_toml(kind: &str, tool: &str) -> String {
        let duration = if matches!(kind, "hold" | "stretch") {
            "30s"
        } else {
            "5m"
        };
        format!(
            "[[steps]]\ntitle = \"t\"\nkind = \"{kind}\"\ntool = \"{tool}\"\narea = \"glutes\"\nduration = \"{duration}\"\n"
        )
    }

    /// Every (kind, tool) pair the routine rules accept: only those can
    /// ever reach a session.
    fn loadable_pairs() -> Vec<(&'static str, &'static str)> {
        let pairs: Vec<_> = KINDS
            .iter()
            .flat_map(|k| TOOLS.iter().map(move |t| (*k, *t)))
            .filter(|(k, t)| {
                load_str(
                    &format!("name = \"r\"\nsummary = \"s\"\n{}", step_toml(k, t)),
                    "r.toml",
                )
                .is_ok()
            })
            .collect();
        // Both sides of the gate must be represented.
        assert!(pairs.iter().any(|(k, _)| *k == "hold"));
        assert!(pairs.iter().any(|(k, _)| *k == "cold"));
        pairs
    }

    proptest::proptest! {
        /// Under no-massage, a routine is admitted exactly when every
        /// step is massage-free, whatever its kinds and tools.
        #[test]
        fn no_massage_admits_only_massage_free_routines(
            picks in proptest::collection::vec(proptest::sample::select(loadable_pairs()), 1..6)
        ) {
            let mut src = String::from("name = \"r\"\nsummary = \"s\"\n");
            for (k, t) in &picks {
                src.push_str(&step_toml(k, t));
            }
            let routine = load_str(&src, "r.toml").unwrap();
            let free = routine.steps.iter().all(is_massage_free);
            proptest::prop_assert_eq!(free, picks.iter().all(|(k, t)| {
                matches!(*k, "position" | "rest" | "cold" | "stretch")
                    && matches!(*t, "none" | "cold-pack" | "heat-pack")
            }));
            let admitted = Clearance::no_massage().admit(routine);
            proptest::prop_assert_eq!(admitted.is_ok(), free);
            if let Ok(c) = admitted {
                proptest::prop_assert!(!c.clearance().allows_massage());
            }
        }
    }

    #[test]
    fn gentle_means_light_work_with_ones_own_hands_or_no_massage() {
        let step = |kind: &str, tool: &str, pressure: &str| {
            let r = load_str(
                &format!(
                    "name = \"r\"\nsummary = \"s\"\n[[steps]]\ntitle = \"t\"\nkind = \"{kind}\"\ntool = \"{tool}\"\narea = \"glutes\"\npressure = \"{pressure}\"\nduration = \"{}\"\n",
                    if kind == "hold" { "30s" } else { "5m" }
                ),
                "r.toml",
            )
            .unwrap();
            is_gentle(&r.steps[0])
        };
        assert!(step("warm-up", "hands", "light"));
        assert!(step("sweep", "hands", "light"));
        assert!(!step("sweep", "hands", "moderate"));
        assert!(!step("hold", "hands", "light"));
        assert!(!step("sweep", "partner", "light"));
        assert!(!step("sweep", "tennis-ball", "light"));
        assert!(is_gentle(&one_step("cold", "cold-pack").steps[0]));
        assert!(!is_gentle(&one_step("heat", "heat-pack").steps[0]));
    }

    /// Of the bundled routines, the gentle ones run under a doctor's OK
    /// and nothing else does; the massage-free one runs under any.
    #[test]
    fn bundled_routines_under_each_clearance() {
        use crate::routine::library::{BUNDLED, Library};
        let lib = Library::new(None);
        let mut gentle = Vec::new();
        for (name, _) in BUNDLED {
            let r = lib.find(name).unwrap().routine;
            assert!(Clearance::full().admit(r.clone()).is_ok(), "{name}");
            if Clearance::gentle().admit(r.clone()).is_ok() {
                gentle.push(*name);
            }
            assert_eq!(
                Clearance::no_massage().admit(r).is_ok(),
                *name == "acute-relief",
                "{name}"
            );
        }
        gentle.sort_unstable();
        assert_eq!(gentle, ["acute-relief", "disc-gentle"]);
        let err = Clearance::gentle()
            .admit(lib.find("gentle-lower-back").unwrap().routine)
            .unwrap_err();
        assert!(err.to_string().ends_with("gentle routines only"), "{err}");
        assert!(err.steps.contains(&"glute-hold".to_string()));
    }

    #[test]
    fn full_admits_anything() {
        assert!(Clearance::full().admit(one_step("hold", "hands")).is_ok());
    }
}
