//! Every sentence the safety screens show, in our own plain words. They
//! point to care and never diagnose ("get checked", never "you have X").
//! Most texts come in two lengths: `full` for a normal window, `short`
//! for a 40x12 one.

use crate::vocab::StopReason;
use crate::vocab::measure::{Extent, Trend};
use crate::vocab::screening::{Group, Sign, Verdict};

/// One text in two lengths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// For a normal window.
    pub full: &'static str,
    /// For a small window (about 34 columns).
    pub short: &'static str,
}

impl Text {
    /// The length that suits the window.
    pub fn pick(self, full: bool) -> &'static str {
        if full { self.full } else { self.short }
    }
}

const fn t(full: &'static str, short: &'static str) -> Text {
    Text { full, short }
}

/// The heading of a group's screen.
pub fn group_title(g: Group) -> Text {
    match g {
        Group::Emergency => t("Urgent signs", "Urgent signs"),
        Group::Clinician => t("Signs to see a doctor about first", "See a doctor first?"),
        Group::Contraindication => t("When massage needs a doctor's OK", "Massage needs an OK?"),
        Group::Onset => t("When the pain began", "When it began"),
    }
}

/// The question a group asks.
pub fn group_question(g: Group) -> Text {
    match g {
        Group::Emergency => t(
            "Is any of these new for you, or happening now?",
            "Any of these, new or now?",
        ),
        Group::Clinician | Group::Contraindication => {
            t("Does any of these apply to you?", "Do any apply to you?")
        }
        Group::Onset => t(
            "Did this pain begin within the last 3 days (72 hours)?",
            "Did it begin in the last 3 days?",
        ),
    }
}

/// One question, as listed.
pub fn sign(s: Sign) -> Text {
    use Sign::*;
    match s {
        Bladder => t(
            "New trouble starting to pass urine, holding it in, or feeling it pass, or leaking",
            "New bladder trouble or leaking",
        ),
        Bowel => t(
            "Losing control of your bowels, or not feeling them empty",
            "Bowel control or feeling lost",
        ),
        SaddleNumbness => t(
            "Numbness or pins and needles between your legs: genitals, back passage, inner thighs",
            "Numb between the legs/inner thighs",
        ),
        BothLegs => t(
            "Pain, tingling or numbness running down both legs at once",
            "Sciatica in both legs at once",
        ),
        SexualFunction => t(
            "A new change in sexual function, such as lost feeling or erections",
            "New change in sexual function",
        ),
        LegsWeakening => t(
            "Weakness or numbness in both legs that is severe or getting worse, or trouble walking",
            "Both legs weak/numb, hard to walk",
        ),
        Fever => t(
            "A temperature of 38 °C or more, or feeling generally unwell",
            "Fever 38 °C+ or feeling unwell",
        ),
        WeightLossOrCancer => t(
            "Weight loss you cannot explain, or cancer now or in the past",
            "Unexplained weight loss, or cancer",
        ),
        RestOrNightPain => t(
            "Pain that does not ease when you rest, or that is worse at night",
            "Not eased by rest, worse at night",
        ),
        Trauma => t(
            "A recent fall, accident or hard knock (even a small one if your bones are thin or you take steroids long term)",
            "A recent fall, accident or knock",
        ),
        OneLegWeakening => t(
            "One leg getting weaker, a foot that drops or drags, or numbness that is spreading",
            "Leg weaker/foot drop/numb spreads",
        ),
        RapidlyWorse => t(
            "Pain that is getting worse quickly",
            "Pain getting worse fast",
        ),
        ImmuneOrInfection => t(
            "A weakened immune system, or a serious infection recently",
            "Weak immunity or recent infection",
        ),
        BloodClot => t(
            "A blood clot or deep-vein thrombosis (DVT)",
            "A blood clot or DVT",
        ),
        BleedingRisk => t(
            "You take blood thinners, or bleed easily (a bleeding disorder)",
            "Blood thinners/bleeding disorder",
        ),
        FragileBones => t(
            "A broken bone, or fragile bones such as osteoporosis",
            "Broken or fragile bones",
        ),
        SkinOverArea => t(
            "An open wound or a skin infection where you would massage",
            "Wound or skin infection there",
        ),
        RecentSurgery => t(
            "Recent surgery on your back, hips or legs",
            "Recent surgery there",
        ),
        Pregnancy => t("You are pregnant", "Pregnancy"),
        RecentOnset => group_question(Group::Onset),
    }
}

/// The screen shown when screening ends without a clear result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerdictText {
    /// What to do, first and in large type.
    pub headline: Text,
    /// Why, and what else to do, in a few lines.
    pub body: &'static [Text],
}

/// What each non-clear verdict tells the person.
pub fn verdict(v: Verdict) -> VerdictText {
    match v {
        Verdict::Emergency => VerdictText {
            headline: t(
                "Go to an emergency department now.",
                "Go to an emergency department now.",
            ),
            body: const {
                &[
                    t(
                        "What you said can mean that nerves at the base of the spine are under pressure.",
                        "This can mean nerves at the base of the spine are under pressure.",
                    ),
                    t(
                        "That needs checking within hours: waiting can leave lasting bladder, bowel or leg problems.",
                        "It needs checking within hours.",
                    ),
                    t(
                        "Do not massage. If you cannot get there safely, call your local emergency number.",
                        "No massage. Can't get there? Call your emergency number.",
                    ),
                ]
            },
        },
        Verdict::Clinician => VerdictText {
            headline: t(
                "No massage today: see a doctor first.",
                "No massage today: see a doctor first.",
            ),
            body: const {
                &[t(
                    "With a sign like this, have your back checked before any self-massage.",
                    "Get your back checked before massage.",
                )]
            },
        },
        Verdict::Contraindicated => VerdictText {
            headline: t(
                "No massage until a doctor says it is safe for you.",
                "No massage until a doctor says it is OK.",
            ),
            body: const {
                &[
                    t(
                        "Ask your doctor or physiotherapist whether self-massage is OK for you, and which kind.",
                        "Ask your doctor or physio first.",
                    ),
                    t(
                        "Never put a heat pack on skin that feels numb.",
                        "No heat pack on numb skin.",
                    ),
                ]
            },
        },
        Verdict::Acute => VerdictText {
            headline: t("Too soon for massage.", "Too soon for massage."),
            body: const {
                &[
                    t(
                        "In the first 3 days after the pain begins, leave massage out: rest in easy positions and use cold.",
                        "First 3 days: no massage. Rest and use cold.",
                    ),
                    t(
                        "Cold suits the first 2 days; moist heat is for tightness that has lasted longer.",
                        "Cold first; heat is for later.",
                    ),
                ]
            },
        },
        Verdict::Clear => VerdictText {
            headline: t("Nothing applies: you can start.", "You can start."),
            body: &[],
        },
    }
}

/// Before the list of signs on the "see a doctor" screens.
pub const TELL_THEM: Text = t("Tell them about:", "Tell them:");
/// After the list of signs on the "see a doctor" screens.
pub const TELL_THEM_MORE: Text = t(
    "where the pain reaches, when it began, and whether it is changing.",
    "where it reaches, since when, and if it changes.",
);

/// What to do in the acute phase when no relief routine is available.
pub const ACUTE_ON_YOUR_OWN: &[Text] = &[
    t(
        "Lie on your back with your lower legs on a chair seat, hips and knees bent at right angles.",
        "Lie on your back, lower legs on a chair.",
    ),
    t(
        "Put a cold pack wrapped in a cloth on your lower back for about 15 minutes.",
        "Cold pack in a cloth, about 15 min.",
    ),
];

/// The signs that need care today, shown on every stop screen.
pub const GET_HELP_NOW: Text = t(
    "Go to an emergency department now if you notice numbness between your legs, trouble passing or holding urine or stool, or weakness in both legs.",
    "Numb between the legs, bladder/bowel trouble, weak legs: emergency now.",
);

/// How the stop screen offers to report those signs.
pub const REPORT_RED_FLAG: Text = t(
    "new weakness, numbness between the legs, or bladder or bowel trouble",
    "weakness, numb between legs, bladder",
);

/// The headline of the stop screen.
pub fn stop_headline(reason: StopReason) -> Text {
    match reason {
        StopReason::PainWorse => t(
            "Stopped: you said it hurts more.",
            "Stopped: it hurts more.",
        ),
        StopReason::Sharper => t(
            "Stopped: the pain turned sharper.",
            "Stopped: pain sharper.",
        ),
        StopReason::Spreading => t(
            "Stopped: symptoms moved further down the leg.",
            "Stopped: spreading down the leg.",
        ),
        StopReason::RedFlag => t(
            "Stop. Go to an emergency department now.",
            "Go to an emergency department now.",
        ),
    }
}

/// The first thing to do after a stop during a technique (not before
/// one: see [`stop_advice_before_session`]).
const LET_GO: Text = t(
    "Let go of any pressure now; roll slowly off the ball or tool.",
    "Let go; roll off the ball slowly.",
);

/// What to do now, in order, after a stop before any technique started
/// (on the first-run notice, the safety check or the first questions):
/// nothing to let go of, no massage "any more".
pub fn stop_advice_before_session(reason: StopReason) -> &'static [Text] {
    match reason {
        StopReason::RedFlag => stop_advice(reason),
        _ => {
            const {
                &[
                    t(
                        "Nothing has started. Ease into a position that feels better, for example on your back with your lower legs on a chair seat.",
                        "Rest on your back, legs on a chair.",
                    ),
                    t(
                        "A cold pack wrapped in a cloth on the lower back, about 15 minutes, can calm it.",
                        "Cold pack in a cloth, about 15 min.",
                    ),
                    t(
                        "No massage today. If the pain keeps rising or has not settled in a few days, see a doctor.",
                        "No massage today.",
                    ),
                ]
            }
        }
    }
}

/// What to do now, in order.
pub fn stop_advice(reason: StopReason) -> &'static [Text] {
    const POSITION: Text = t(
        "Ease into a position that feels better, for example on your back with your lower legs on a chair seat.",
        "Rest on your back, legs on a chair.",
    );
    const COLD: Text = t(
        "A cold pack wrapped in a cloth on the lower back, about 15 minutes, can calm it.",
        "Cold pack in a cloth, about 15 min.",
    );
    match reason {
        StopReason::PainWorse | StopReason::Sharper => {
            const {
                &[
                    LET_GO,
                    POSITION,
                    COLD,
                    t(
                        "No more massage today. If the pain keeps rising or has not settled in a few days, see a doctor.",
                        "No more massage today.",
                    ),
                ]
            }
        }
        StopReason::Spreading => {
            const {
                &[
                    LET_GO,
                    POSITION,
                    t(
                        "Pain or tingling moving down the leg means the nerve is more irritated: no more massage today.",
                        "No more massage today.",
                    ),
                    t(
                        "If it has not settled in a few days, or keeps spreading, see a doctor or physiotherapist.",
                        "Not settled in days? See a doctor.",
                    ),
                ]
            }
        }
        StopReason::RedFlag => {
            const {
                &[
                    t(
                        "New weakness, numbness between the legs, or bladder or bowel trouble need checking within hours.",
                        "These signs need checking within hours.",
                    ),
                    t(
                        "Do not massage. If you cannot get there safely, call your local emergency number.",
                        "Can't get there? Call your emergency number.",
                    ),
                ]
            }
        }
    }
}

/// The first-run safety notice, one screen.
pub const NOTICE_TITLE: Text = t("Before your first session", "Safety first");
/// The notice's lines.
pub const NOTICE: &[Text] = &[
    t(
        "unknot guides gentle self-massage of the muscles that tighten around an irritated nerve in the lower back. It does not cure, diagnose, or put a disc back in place.",
        "Gentle massage of tight muscles. Not a cure or a diagnosis.",
    ),
    t(
        "Never press on the spine, the bony points beside it, the kidneys, or a hot or swollen spot.",
        "Never press on spine or kidneys.",
    ),
    t(
        "Pressure should feel like a bearable ache, never sharp. Press x at any moment to stop.",
        "A bearable ache, never sharp. x stops.",
    ),
    t(
        "Every session starts with a few questions about warning signs. Answer them each time.",
        "Warning-sign questions come first.",
    ),
    t(
        "It does not replace a doctor or physiotherapist.",
        "It does not replace a doctor.",
    ),
];

/// What the end summary says about the reach of the pain.
pub fn trend(tr: Trend) -> Text {
    match tr {
        Trend::Centralised => t(
            "It drew back toward the lower back: a good sign.",
            "Drew back toward the back: good.",
        ),
        Trend::Unchanged => t(
            "It reaches the same place as before.",
            "Reaches the same place.",
        ),
        Trend::Spread => t(
            "It reaches further down the leg than before: no more massage today.",
            "Spread further: no more massage today.",
        ),
    }
}

/// What a reach given at a check-in meant, shown once it is known (never
/// before): `trend` compares it with the last known reach. A reach
/// further down the leg stops the session, so it has no note here.
pub fn reach_noted(extent: Extent, trend: Option<Trend>, full: bool) -> String {
    let place = extent.place();
    match (trend, full) {
        (Some(Trend::Centralised), true) => {
            format!("Noted: it reaches {place} now, less far than before. A good sign.")
        }
        (Some(Trend::Centralised), false) => format!("Reaches {place}: less far, good."),
        (Some(Trend::Unchanged), true) => {
            format!("Noted: it reaches {place}, about the same as before.")
        }
        (Some(Trend::Unchanged), false) => format!("Reaches {place}: the same."),
        (Some(Trend::Spread), true) => {
            format!("Noted: it reaches {place}, further down than before.")
        }
        (Some(Trend::Spread), false) => format!("Reaches {place}: further."),
        (None, _) => format!("Noted: it reaches {place}."),
    }
}

/// Shown when pain or reach got worse over the session.
pub const WORSE_ADVICE: Text = t(
    "If it stays worse or keeps rising, see a doctor or physiotherapist.",
    "If it stays worse, see a doctor.",
);

/// Always shown at the end: when to see a professional, and who.
pub const SEE_A_PROFESSIONAL: &[Text] = &[
    t(
        "See a professional if the pain lasts more than a few days, gets worse despite self-care, or limits your daily life:",
        "Lasting or worse? See a doctor.",
    ),
    t(
        "a doctor (diagnosis, scans), a physiotherapist (exercises, assessment), or a licensed massage therapist (deeper work).",
        "",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Short forms must fit a 40-column window with a number before them.
    #[test]
    fn short_texts_fit_a_small_window() {
        let mut all: Vec<Text> = Group::ALL
            .iter()
            .flat_map(|g| g.signs())
            .map(|s| sign(*s))
            .collect();
        all.extend(
            Group::ALL
                .iter()
                .flat_map(|g| [group_title(*g), group_question(*g)]),
        );
        for s in all {
            // 37 columns inside the border and margin, 3 for the number and a mark.
            assert!(
                s.short.chars().count() <= 34,
                "too long for 40 columns: {:?}",
                s.short
            );
        }
    }

    #[test]
    fn nothing_diagnoses() {
        let mut all: Vec<&str> = Vec::new();
        for v in [
            Verdict::Emergency,
            Verdict::Clinician,
            Verdict::Contraindicated,
            Verdict::Acute,
        ] {
            let vt = verdict(v);
            all.push(vt.headline.full);
            all.extend(vt.body.iter().map(|b| b.full));
        }
        for r in [
            StopReason::PainWorse,
            StopReason::Sharper,
            StopReason::Spreading,
            StopReason::RedFlag,
        ] {
            all.push(stop_headline(r).full);
            all.extend(stop_advice(r).iter().map(|b| b.full));
            all.extend(stop_advice_before_session(r).iter().map(|b| b.full));
        }
        for text in all {
            let lower = text.to_lowercase();
            assert!(!lower.contains("you have"), "{text}");
            assert!(!lower.contains("syndrome"), "{text}");
        }
    }
}
