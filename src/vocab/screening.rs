//! The danger-sign screen's rules: four groups of questions, in order of
//! urgency, how urgent each see-a-doctor sign is ([`Tier`]), and the
//! [`Verdict`] an answer leads to. Three groups are asked before every
//! session; the lasting conditions ([`Group::Lasting`]) are facts that do
//! not change day to day, asked at the first session, every 30 days and
//! whenever the person says something changed (when they are asked is the
//! intake's business, `safety::intake`). The wording lives in `texts`.

use super::words;

/// A group of questions, asked in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Signs that need an emergency department now. Every session.
    Emergency,
    /// Signs that need a clinician before any massage. Every session.
    Clinician,
    /// Lasting conditions where massage needs a clinician's OK. At the
    /// first session, every 30 days, and when something changed.
    Lasting,
    /// What can change from one day to the next: the skin where one would
    /// massage, and whether the pain (or a flare of it) is only days old.
    /// Every session.
    Today,
}

words! {
    /// Every group, in the order asked.
    impl Group {
        const ALL;
        /// The group's code in exports (`history export`): which groups
        /// were answered "yes".
        fn code;
        /// The group an export code names.
        fn from_code;
        Emergency = "urgent",
        Clinician = "doctor-first",
        Lasting = "doctor-ok",
        Today = "today",
    }
}

impl Group {
    /// The signs asked in this group, in the order shown (key `i + 1`).
    pub fn signs(self) -> &'static [Sign] {
        use Sign::*;
        match self {
            Group::Emergency => &[
                Bladder,
                Bowel,
                SaddleNumbness,
                BothLegs,
                SexualFunction,
                LegsWeakening,
            ],
            Group::Clinician => &[
                Fever,
                OneLegWeakening,
                RapidlyWorse,
                ClotSigns,
                Trauma,
                WeightLossOrCancer,
                RestOrNightPain,
                ImmuneOrInfection,
            ],
            Group::Lasting => &[
                BloodClot,
                BleedingRisk,
                FragileBones,
                RecentSurgery,
                Pregnancy,
            ],
            Group::Today => &[SkinOverArea, RecentOnset, Flare],
        }
    }

    /// Whether a "yes" asks which signs apply before deciding. An
    /// emergency sign decides at once: nothing may stand between it and
    /// the advice.
    pub fn asks_which(self) -> bool {
        self != Group::Emergency
    }

    /// Whether the group is asked before every session.
    pub fn is_daily(self) -> bool {
        self != Group::Lasting
    }
}

/// One question of the screen. The wording is in `texts::sign`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sign {
    Bladder,
    Bowel,
    SaddleNumbness,
    BothLegs,
    SexualFunction,
    LegsWeakening,
    Fever,
    OneLegWeakening,
    RapidlyWorse,
    /// A calf or thigh on one side swollen, warm, red or tender: a clot
    /// can look like sciatica.
    ClotSigns,
    Trauma,
    WeightLossOrCancer,
    RestOrNightPain,
    ImmuneOrInfection,
    /// A known blood clot or deep-vein thrombosis.
    BloodClot,
    BleedingRisk,
    FragileBones,
    RecentSurgery,
    Pregnancy,
    SkinOverArea,
    RecentOnset,
    /// A sudden bad flare of pain that has been there a long while.
    Flare,
}

words! {
    /// Every sign, group by group in the order asked.
    impl Sign {
        const ALL;
        /// A stable code for records and exports.
        fn code;
        /// The sign with this code, if there is one.
        fn from_code;
        Bladder = "bladder",
        Bowel = "bowel",
        SaddleNumbness = "saddle-numbness",
        BothLegs = "both-legs",
        SexualFunction = "sexual-function",
        LegsWeakening = "legs-weakening",
        Fever = "fever",
        OneLegWeakening = "one-leg-weakening",
        RapidlyWorse = "rapidly-worse",
        ClotSigns = "clot-signs",
        Trauma = "trauma",
        WeightLossOrCancer = "weight-loss-or-cancer",
        RestOrNightPain = "rest-or-night-pain",
        ImmuneOrInfection = "immune-or-infection",
        BloodClot = "blood-clot",
        BleedingRisk = "bleeding-risk",
        FragileBones = "fragile-bones",
        RecentSurgery = "recent-surgery",
        Pregnancy = "pregnancy",
        SkinOverArea = "skin-over-area",
        RecentOnset = "recent-onset",
        Flare = "flare",
    }
}

impl Sign {
    /// The group this sign is asked in.
    pub fn group(self) -> Group {
        Group::ALL
            .into_iter()
            .find(|g| g.signs().contains(&self))
            .expect("every sign belongs to a group")
    }

    /// How soon a see-a-doctor sign needs a clinician (`None` for the
    /// signs of the other groups).
    pub fn tier(self) -> Option<Tier> {
        use Sign::*;
        match self {
            Trauma => Some(Tier::Department),
            Fever | OneLegWeakening | RapidlyWorse | ClotSigns => Some(Tier::SameDay),
            WeightLossOrCancer | RestOrNightPain | ImmuneOrInfection => Some(Tier::Soon),
            _ => None,
        }
    }
}

/// How soon the see-a-doctor group's signs need a clinician, most urgent
/// first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// An emergency department, today (after a serious fall or accident).
    Department,
    /// Seen the same day: an urgent GP appointment, NHS 111 or local
    /// urgent care.
    SameDay,
    /// Book an appointment soon.
    Soon,
}

impl Tier {
    /// Every tier, most urgent first.
    pub const ALL: [Tier; 3] = [Tier::Department, Tier::SameDay, Tier::Soon];

    /// The most urgent tier among `signs` (`None`: no see-a-doctor sign).
    pub fn of(signs: &[Sign]) -> Option<Tier> {
        signs.iter().filter_map(|s| s.tier()).min()
    }
}

/// What the screen decided, from most to least urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Go to an emergency department now; no session.
    Emergency,
    /// See a clinician first (how soon: [`Tier`]); no session.
    Clinician,
    /// No massage: a lasting condition without a clinician's OK, or broken
    /// or infected skin; no session.
    Contraindicated,
    /// The pain (or a flare) began within 72 hours: no massage; a
    /// massage-free relief routine may run.
    Acute,
    /// A lasting condition, with a clinician's OK on record for it: only
    /// the gentle routines may run.
    Cleared,
    /// Nothing applies: the session may run.
    Clear,
}

words! {
    /// Every verdict, most urgent first.
    impl Verdict {
        const ALL;
        /// A stable code for records and exports.
        fn code;
        /// The verdict a code stands for.
        fn from_code;
        Emergency = "emergency",
        Clinician = "clinician",
        Contraindicated = "contraindicated",
        Acute = "acute",
        Cleared = "cleared",
        Clear = "clear",
    }
}

/// The answer to one group.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GroupAnswer {
    /// "None of these apply."
    NoneApply,
    /// One or more apply: the ones named (possibly none named, when a
    /// "yes" decides without asking which).
    Apply(Vec<Sign>),
}

/// What `signs` applying in `group` means. `covered`: whether a
/// clinician's OK on record covers a lasting sign. `None`: nothing is
/// decided yet (lasting signs all covered: the questions go on).
pub fn decide(group: Group, signs: &[Sign], covered: impl Fn(Sign) -> bool) -> Option<Verdict> {
    match group {
        Group::Emergency => Some(Verdict::Emergency),
        Group::Clinician => Some(Verdict::Clinician),
        Group::Lasting if !signs.is_empty() && signs.iter().all(|s| covered(*s)) => None,
        Group::Lasting => Some(Verdict::Contraindicated),
        Group::Today if signs.contains(&Sign::SkinOverArea) => Some(Verdict::Contraindicated),
        Group::Today => Some(Verdict::Acute),
    }
}

/// The verdict when every group asked came out "none apply" (or lasting
/// signs all covered): `lasting` are the lasting signs in force today.
pub fn settled(lasting: &[Sign]) -> Verdict {
    if lasting.is_empty() {
        Verdict::Clear
    } else {
        Verdict::Cleared
    }
}

/// The code the history keeps for a verdict: its code, then the codes of the
/// signs marked, if any (`clinician:fever,trauma`).
pub fn code(verdict: Verdict, signs: &[Sign]) -> String {
    if signs.is_empty() {
        return verdict.code().to_string();
    }
    let ids: Vec<&str> = signs.iter().map(|s| s.code()).collect();
    format!("{}:{}", verdict.code(), ids.join(","))
}

/// A code read back: `clinician:fever,trauma` (`None`: not one this
/// version writes or has written).
pub fn read_code(code: &str) -> Option<(Verdict, Vec<Sign>)> {
    let (v, signs) = match code.split_once(':') {
        Some((v, s)) => (v, Some(s)),
        None => (code, None),
    };
    let verdict = Verdict::from_code(v)?;
    let signs = match signs {
        None => Vec::new(),
        Some(s) => s
            .split(',')
            .map(Sign::from_code)
            .collect::<Option<Vec<Sign>>>()?,
    };
    Some((verdict, signs))
}

/// Sign codes, comma-separated (`""` for none), as the history keeps a list.
pub fn ids(signs: &[Sign]) -> String {
    signs.iter().map(|s| s.code()).collect::<Vec<_>>().join(",")
}

/// A list written by [`ids`] read back (`None`: a code this version does
/// not know).
pub fn from_ids(text: &str) -> Option<Vec<Sign>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    text.split(',').map(Sign::from_code).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_signs() -> Vec<Sign> {
        Group::ALL.iter().flat_map(|g| g.signs()).copied().collect()
    }

    /// Every sign: its group, its tier, and what a "yes" to it alone
    /// decides (with and without a clinician's OK on record).
    #[test]
    fn every_sign_leads_to_its_verdict() {
        use Sign::*;
        use Tier::*;
        use Verdict::*;
        /// (sign, its group, its tier, what it decides alone, with an OK)
        type Row = (Sign, Group, Option<Tier>, Option<Verdict>, Option<Verdict>);
        let table: &[Row] = &[
            (
                Bladder,
                Group::Emergency,
                None,
                Some(Emergency),
                Some(Emergency),
            ),
            (
                Bowel,
                Group::Emergency,
                None,
                Some(Emergency),
                Some(Emergency),
            ),
            (
                SaddleNumbness,
                Group::Emergency,
                None,
                Some(Emergency),
                Some(Emergency),
            ),
            (
                BothLegs,
                Group::Emergency,
                None,
                Some(Emergency),
                Some(Emergency),
            ),
            (
                SexualFunction,
                Group::Emergency,
                None,
                Some(Emergency),
                Some(Emergency),
            ),
            (
                LegsWeakening,
                Group::Emergency,
                None,
                Some(Emergency),
                Some(Emergency),
            ),
            (
                Fever,
                Group::Clinician,
                Some(SameDay),
                Some(Clinician),
                Some(Clinician),
            ),
            (
                OneLegWeakening,
                Group::Clinician,
                Some(SameDay),
                Some(Clinician),
                Some(Clinician),
            ),
            (
                RapidlyWorse,
                Group::Clinician,
                Some(SameDay),
                Some(Clinician),
                Some(Clinician),
            ),
            (
                ClotSigns,
                Group::Clinician,
                Some(SameDay),
                Some(Clinician),
                Some(Clinician),
            ),
            (
                Trauma,
                Group::Clinician,
                Some(Department),
                Some(Clinician),
                Some(Clinician),
            ),
            (
                WeightLossOrCancer,
                Group::Clinician,
                Some(Soon),
                Some(Clinician),
                Some(Clinician),
            ),
            (
                RestOrNightPain,
                Group::Clinician,
                Some(Soon),
                Some(Clinician),
                Some(Clinician),
            ),
            (
                ImmuneOrInfection,
                Group::Clinician,
                Some(Soon),
                Some(Clinician),
                Some(Clinician),
            ),
            (BloodClot, Group::Lasting, None, Some(Contraindicated), None),
            (
                BleedingRisk,
                Group::Lasting,
                None,
                Some(Contraindicated),
                None,
            ),
            (
                FragileBones,
                Group::Lasting,
                None,
                Some(Contraindicated),
                None,
            ),
            (
                RecentSurgery,
                Group::Lasting,
                None,
                Some(Contraindicated),
                None,
            ),
            (Pregnancy, Group::Lasting, None, Some(Contraindicated), None),
            (
                SkinOverArea,
                Group::Today,
                None,
                Some(Contraindicated),
                Some(Contraindicated),
            ),
            (RecentOnset, Group::Today, None, Some(Acute), Some(Acute)),
            (Flare, Group::Today, None, Some(Acute), Some(Acute)),
        ];
        assert_eq!(
            table.len(),
            all_signs().len(),
            "the table covers every question"
        );
        for &(sign, group, tier, without_ok, with_ok) in table {
            assert_eq!(sign.group(), group, "{sign:?}");
            assert_eq!(sign.tier(), tier, "{sign:?}");
            assert_eq!(decide(group, &[sign], |_| false), without_ok, "{sign:?}");
            assert_eq!(
                decide(group, &[sign], |_| true),
                with_ok,
                "{sign:?} with an OK"
            );
        }
    }

    #[test]
    fn six_emergency_signs_every_session() {
        assert_eq!(Group::Emergency.signs().len(), 6);
        assert!(Group::Emergency.is_daily() && !Group::Emergency.asks_which());
        let daily: Vec<Group> = Group::ALL.into_iter().filter(|g| g.is_daily()).collect();
        assert_eq!(daily, [Group::Emergency, Group::Clinician, Group::Today]);
    }

    #[test]
    fn the_most_urgent_tier_decides() {
        use Sign::*;
        assert_eq!(Tier::of(&[RestOrNightPain, Fever]), Some(Tier::SameDay));
        assert_eq!(Tier::of(&[Fever, Trauma, Fever]), Some(Tier::Department));
        assert_eq!(Tier::of(&[WeightLossOrCancer]), Some(Tier::Soon));
        assert_eq!(Tier::of(&[BloodClot]), None);
    }

    #[test]
    fn a_lasting_sign_without_an_ok_decides_even_beside_covered_ones() {
        use Sign::*;
        let covered = |s: Sign| s == Pregnancy;
        assert_eq!(decide(Group::Lasting, &[Pregnancy], covered), None);
        assert_eq!(
            decide(Group::Lasting, &[BleedingRisk, Pregnancy], covered),
            Some(Verdict::Contraindicated)
        );
        // Broken skin is never covered by an OK, and outranks a flare.
        assert_eq!(
            decide(Group::Today, &[SkinOverArea, Flare], |_| true),
            Some(Verdict::Contraindicated)
        );
        assert_eq!(settled(&[]), Verdict::Clear);
        assert_eq!(settled(&[Pregnancy]), Verdict::Cleared);
    }

    #[test]
    fn codes_name_the_verdict_and_the_signs_and_read_back() {
        assert_eq!(code(Verdict::Clear, &[]), "clear");
        assert_eq!(
            code(Verdict::Clinician, &[Sign::Fever, Sign::Trauma]),
            "clinician:fever,trauma"
        );
        for v in Verdict::ALL {
            for signs in [vec![], vec![Sign::Flare, Sign::BloodClot]] {
                assert_eq!(read_code(&code(v, &signs)), Some((v, signs)));
            }
        }
        // Codes written before the tiers and the lasting group still read.
        assert_eq!(
            read_code("contraindicated:skin-over-area"),
            Some((Verdict::Contraindicated, vec![Sign::SkinOverArea]))
        );
        assert_eq!(read_code("maybe"), None);
        assert_eq!(read_code("clinician:headache"), None);
        assert_eq!(
            from_ids(&ids(&[Sign::Pregnancy, Sign::BloodClot])),
            Some(vec![Sign::Pregnancy, Sign::BloodClot])
        );
        assert_eq!(from_ids(""), Some(vec![]));
        assert_eq!(from_ids("pregnancy,nope"), None);
    }

    #[test]
    fn signs_are_unique_with_unique_codes() {
        // Every sign is asked in exactly one group, in the order of `ALL`.
        assert_eq!(all_signs(), Sign::ALL);
        for s in Sign::ALL {
            assert!(s.group().signs().contains(&s));
        }
        crate::vocab::check_words(&Sign::ALL, Sign::code, Sign::from_code);
        crate::vocab::check_words(&Verdict::ALL, Verdict::code, Verdict::from_code);
        crate::vocab::check_words(&Group::ALL, Group::code, Group::from_code);
    }
}
