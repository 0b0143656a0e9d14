//! The danger-sign screen asked before every session: four groups of
//! questions, in order of urgency, and the [`Verdict`] they lead to. The
//! first group with a "yes" decides; later groups are not asked. This file
//! holds the rules only; the wording lives in `texts`.

/// A group of questions, asked in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Signs that need an emergency department now.
    Emergency,
    /// Signs that need a clinician before any massage.
    Clinician,
    /// Conditions where massage needs a clinician's OK.
    Contraindication,
    /// Whether the pain began within the last 72 hours.
    Onset,
}

impl Group {
    /// Every group, in the order asked.
    pub const ALL: [Group; 4] = [
        Group::Emergency,
        Group::Clinician,
        Group::Contraindication,
        Group::Onset,
    ];

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
                WeightLossOrCancer,
                RestOrNightPain,
                Trauma,
                OneLegWeakening,
                RapidlyWorse,
                ImmuneOrInfection,
            ],
            Group::Contraindication => &[
                BloodClot,
                BleedingRisk,
                FragileBones,
                SkinOverArea,
                RecentSurgery,
                Pregnancy,
            ],
            Group::Onset => &[RecentOnset],
        }
    }

    /// What a "yes" in this group means.
    pub fn verdict(self) -> Verdict {
        match self {
            Group::Emergency => Verdict::Emergency,
            Group::Clinician => Verdict::Clinician,
            Group::Contraindication => Verdict::Contraindicated,
            Group::Onset => Verdict::Acute,
        }
    }

    /// Whether a "yes" asks which signs apply before deciding. An emergency
    /// sign decides at once; the onset group has one question.
    pub fn asks_which(self) -> bool {
        matches!(self, Group::Clinician | Group::Contraindication)
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
    WeightLossOrCancer,
    RestOrNightPain,
    Trauma,
    OneLegWeakening,
    RapidlyWorse,
    ImmuneOrInfection,
    BloodClot,
    BleedingRisk,
    FragileBones,
    SkinOverArea,
    RecentSurgery,
    Pregnancy,
    RecentOnset,
}

impl Sign {
    /// The group this sign is asked in.
    pub fn group(self) -> Group {
        Group::ALL
            .into_iter()
            .find(|g| g.signs().contains(&self))
            .expect("every sign belongs to a group")
    }

    /// A stable identifier for records and exports.
    pub fn id(self) -> &'static str {
        use Sign::*;
        match self {
            Bladder => "bladder",
            Bowel => "bowel",
            SaddleNumbness => "saddle-numbness",
            BothLegs => "both-legs",
            SexualFunction => "sexual-function",
            LegsWeakening => "legs-weakening",
            Fever => "fever",
            WeightLossOrCancer => "weight-loss-or-cancer",
            RestOrNightPain => "rest-or-night-pain",
            Trauma => "trauma",
            OneLegWeakening => "one-leg-weakening",
            RapidlyWorse => "rapidly-worse",
            ImmuneOrInfection => "immune-or-infection",
            BloodClot => "blood-clot",
            BleedingRisk => "bleeding-risk",
            FragileBones => "fragile-bones",
            SkinOverArea => "skin-over-area",
            RecentSurgery => "recent-surgery",
            Pregnancy => "pregnancy",
            RecentOnset => "recent-onset",
        }
    }
}

/// What the screen decided, from most to least urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Go to an emergency department now; no session.
    Emergency,
    /// See a clinician first; no massage today, no session.
    Clinician,
    /// No massage without a clinician's OK; no session.
    Contraindicated,
    /// The pain began within 72 hours: no massage; a massage-free
    /// relief routine may run.
    Acute,
    /// Nothing applies: the session may run.
    Clear,
}

impl Verdict {
    /// A stable identifier for records and exports.
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Emergency => "emergency",
            Verdict::Clinician => "clinician",
            Verdict::Contraindicated => "contraindicated",
            Verdict::Acute => "acute",
            Verdict::Clear => "clear",
        }
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

/// The verdict for the answers given so far, group by group in order:
/// the first group answered "apply" decides. `None` while a group is still
/// unanswered and nothing has decided yet.
pub fn verdict(answers: &[GroupAnswer]) -> Option<Verdict> {
    for (group, answer) in Group::ALL.iter().zip(answers) {
        if let GroupAnswer::Apply(_) = answer {
            return Some(group.verdict());
        }
    }
    (answers.len() >= Group::ALL.len()).then_some(Verdict::Clear)
}

/// The code the history keeps for a verdict: its id, then the ids of the
/// signs marked, if any (`clinician:fever,trauma`).
pub fn code(verdict: Verdict, signs: &[Sign]) -> String {
    if signs.is_empty() {
        return verdict.id().to_string();
    }
    let ids: Vec<&str> = signs.iter().map(|s| s.id()).collect();
    format!("{}:{}", verdict.id(), ids.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;
    use GroupAnswer::{Apply, NoneApply};

    /// Answers where only `sign` applies, with every earlier group "none".
    fn only(sign: Sign) -> Vec<GroupAnswer> {
        let upto = Group::ALL.iter().position(|g| *g == sign.group()).unwrap();
        let mut a = vec![NoneApply; upto];
        a.push(Apply(vec![sign]));
        a
    }

    #[test]
    fn every_sign_leads_to_its_verdict() {
        use Sign::*;
        let table = [
            (Bladder, Verdict::Emergency),
            (Bowel, Verdict::Emergency),
            (SaddleNumbness, Verdict::Emergency),
            (BothLegs, Verdict::Emergency),
            (SexualFunction, Verdict::Emergency),
            (LegsWeakening, Verdict::Emergency),
            (Fever, Verdict::Clinician),
            (WeightLossOrCancer, Verdict::Clinician),
            (RestOrNightPain, Verdict::Clinician),
            (Trauma, Verdict::Clinician),
            (OneLegWeakening, Verdict::Clinician),
            (RapidlyWorse, Verdict::Clinician),
            (ImmuneOrInfection, Verdict::Clinician),
            (BloodClot, Verdict::Contraindicated),
            (BleedingRisk, Verdict::Contraindicated),
            (FragileBones, Verdict::Contraindicated),
            (SkinOverArea, Verdict::Contraindicated),
            (RecentSurgery, Verdict::Contraindicated),
            (Pregnancy, Verdict::Contraindicated),
            (RecentOnset, Verdict::Acute),
        ];
        let asked: usize = Group::ALL.iter().map(|g| g.signs().len()).sum();
        assert_eq!(table.len(), asked, "the table covers every question");
        for (sign, expected) in table {
            assert_eq!(verdict(&only(sign)), Some(expected), "{sign:?}");
        }
    }

    #[test]
    fn none_apply_everywhere_is_clear() {
        assert_eq!(
            verdict(&[NoneApply, NoneApply, NoneApply, NoneApply]),
            Some(Verdict::Clear)
        );
    }

    #[test]
    fn unanswered_groups_leave_it_open() {
        assert_eq!(verdict(&[]), None);
        assert_eq!(verdict(&[NoneApply, NoneApply, NoneApply]), None);
    }

    #[test]
    fn the_most_urgent_group_decides() {
        assert_eq!(
            verdict(&[Apply(vec![]), Apply(vec![Sign::Fever])]),
            Some(Verdict::Emergency)
        );
        assert_eq!(
            verdict(&[NoneApply, Apply(vec![]), Apply(vec![]), Apply(vec![])]),
            Some(Verdict::Clinician)
        );
    }

    #[test]
    fn codes_name_the_verdict_and_the_signs() {
        assert_eq!(code(Verdict::Clear, &[]), "clear");
        assert_eq!(
            code(Verdict::Clinician, &[Sign::Fever, Sign::Trauma]),
            "clinician:fever,trauma"
        );
    }

    #[test]
    fn signs_are_unique_with_unique_ids() {
        let all: Vec<Sign> = Group::ALL.iter().flat_map(|g| g.signs()).copied().collect();
        let ids: std::collections::BTreeSet<_> = all.iter().map(|s| s.id()).collect();
        assert_eq!(ids.len(), all.len());
        for s in all {
            assert!(s.group().signs().contains(&s));
        }
    }
}
