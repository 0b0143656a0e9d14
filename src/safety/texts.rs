//! Every sentence the safety screens show, in our own plain words. They
//! point to care and never diagnose ("get checked", never "you have X").
//! Most texts come in two lengths: `full` for a normal window, `short`
//! for a 40x12 one.

use crate::vocab::StopReason;
use crate::vocab::measure::{Extent, Trend};
use crate::vocab::screening::{Group, Sign, Tier, Verdict};

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
        Group::Lasting => t(
            "Lasting conditions: when massage needs a doctor's OK",
            "Massage needs an OK?",
        ),
        Group::Today => t("Today", "Today"),
    }
}

/// The question a group asks.
pub fn group_question(g: Group) -> Text {
    match g {
        Group::Emergency => t(
            "Is any of these new for you, or not normal for you?",
            "Any of these new or not usual?",
        ),
        Group::Clinician => t("Does any of these apply to you?", "Do any apply to you?"),
        Group::Lasting => t(
            "Does any of these apply to you now? (Asked now and then: they rarely change.)",
            "Lasting conditions: any apply?",
        ),
        Group::Today => t("Does any of these apply today?", "Any of these today?"),
    }
}

/// One question, as listed.
pub fn sign(s: Sign) -> Text {
    use Sign::*;
    match s {
        Bladder => t(
            "Trouble starting to pass urine, holding it in or feeling it pass, or leaking",
            "Bladder trouble or leaking",
        ),
        Bowel => t(
            "Losing control of your bowels, or not feeling them empty",
            "Bowel control or feeling lost",
        ),
        SaddleNumbness => t(
            "Numbness or pins and needles around the genitals, back passage, buttocks or inner thighs, or it feels different when you wipe",
            "Numb groin, buttocks, back passage",
        ),
        BothLegs => t(
            "Pain, tingling or numbness running down both legs at once",
            "Sciatica in both legs at once",
        ),
        SexualFunction => t(
            "A change in sexual function, such as lost feeling or erections",
            "Change in sexual function",
        ),
        LegsWeakening => t(
            "Weakness or numbness in both legs that is severe or getting worse, or trouble walking",
            "Both legs weak/numb, hard to walk",
        ),
        Fever => t(
            "A temperature of 38 °C or more with this back pain, or feeling generally unwell",
            "Fever 38 °C+ or feeling unwell",
        ),
        OneLegWeakening => t(
            "One leg getting weaker, a foot that drops or drags, or numbness that is spreading",
            "Leg weaker/foot drop/numb spreads",
        ),
        RapidlyWorse => t(
            "Pain that is getting worse quickly",
            "Pain getting worse fast",
        ),
        ClotSigns => t(
            "A calf or thigh on one side that is swollen, warm, red or tender",
            "One calf/thigh swollen, warm, red",
        ),
        Trauma => t(
            "Back pain since a serious fall or accident, or since a small fall or knock if your bones are thin or you take steroids long term",
            "Pain since a fall or accident",
        ),
        WeightLossOrCancer => t(
            "Weight loss you cannot explain, or cancer now or in the past",
            "Unexplained weight loss, or cancer",
        ),
        RestOrNightPain => t(
            "Pain that does not ease when you rest, or that is worse at night",
            "Not eased by rest, worse at night",
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
        RecentSurgery => t(
            "Recent surgery on your back, hips or legs",
            "Recent surgery there",
        ),
        Pregnancy => t("You are pregnant", "Pregnancy"),
        SkinOverArea => t(
            "An open wound or a skin infection where you would massage",
            "Wound or skin infection there",
        ),
        RecentOnset => t(
            "This pain began within the last 3 days (72 hours)",
            "Pain began in the last 3 days",
        ),
        Flare => t(
            "A sudden bad flare, within the last 3 days, of pain that has been there a while",
            "A bad flare in the last 3 days",
        ),
    }
}

/// The question asked once per episode of pain.
pub const ASSESSED_TITLE: Text = t("Has it been looked at?", "Looked at?");
/// Whether a professional has assessed the pain.
pub const ASSESSED_QUESTION: Text = t(
    "Has a doctor or physiotherapist assessed this pain?",
    "Has a doctor or physio seen it?",
);
/// The two answers to [`ASSESSED_QUESTION`].
pub const ASSESSED_YES: Text = t("Yes", "Yes");
/// See [`ASSESSED_YES`].
pub const ASSESSED_NO: Text = t("Not yet", "Not yet");
/// Shown once after "not yet": a suggestion, never a block.
pub const ASSESSMENT_ADVICE: Text = t(
    "Worth doing: have a doctor or physiotherapist assess this pain once, even if it is easing. That is advice, not a reason to stop: today's session can go ahead.",
    "Advice: have it assessed once.",
);

/// The line that stands for the lasting questions on a day they are not
/// asked: when they were answered, what applied (always covered by a
/// doctor's OK, or they would be asked), and the key to answer again.
pub fn lasting_reminder(date: &str, signs: &[Sign], full: bool) -> String {
    if full {
        let what = if signs.is_empty() {
            "none apply".to_string()
        } else {
            let named: Vec<String> = signs.iter().map(|s| lower_first(sign(*s).short)).collect();
            format!(
                "{}, with a doctor's or physiotherapist's OK on record",
                named.join("; ")
            )
        };
        format!(
            "Lasting conditions, as you answered on {date}: {what}. If anything has changed, press c."
        )
    } else if signs.is_empty() {
        format!("On record ({date}): none apply. c: something changed")
    } else {
        format!("On record ({date}): with a doctor's OK. c: something changed")
    }
}

/// `text` with its first letter in lower case, to go mid-sentence.
fn lower_first(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// The question after lasting conditions without a doctor's OK on record.
pub const ASK_OK_TITLE: Text = t("A doctor's OK for massage?", "A doctor's OK?");
/// Before the list of conditions.
pub const ASK_OK_QUESTION: Text = t(
    "Has a doctor or physiotherapist told you that massage is OK for you, with:",
    "Has a doctor or physio said massage is OK, with:",
);
/// What a "yes" does, after the list.
pub const ASK_OK_YES: Text = t(
    "If so, press y: unknot keeps that, with today's date, in your history and your report, and from then on runs only its gentle routines: light strokes with your own hands, stretches, positions and cold.",
    "y: keep it, dated; gentle routines only.",
);
/// What a "no" does.
pub const ASK_OK_NO: Text = t(
    "If not, or you are not sure, press n.",
    "n: not yet, or not sure.",
);

/// The screen shown when screening ends without a clear result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerdictText {
    /// What to do, first and in large type.
    pub headline: Text,
    /// Why, and what else to do, in a few lines.
    pub body: &'static [Text],
}

/// What a verdict tells the person, in general (the report uses it; the
/// screen tailors it with [`verdict_for`]).
pub fn verdict(v: Verdict) -> VerdictText {
    verdict_for(v, &[])
}

/// Where to go when an emergency number is needed, with examples.
const NUMBERS: Text = t(
    "Do not drive yourself: ask someone to take you, or call an ambulance: 999 in the UK, 112 in the EU, 911 in the US, or the emergency number where you are.",
    "Don't drive. Call 999 (UK), 112 (EU), 911 (US) or local.",
);

/// What a verdict tells the person, given the signs marked: the
/// see-a-doctor advice depends on its most urgent sign ([`Tier`]), the
/// no-massage advice on whether it was the skin or a lasting condition.
pub fn verdict_for(v: Verdict, signs: &[Sign]) -> VerdictText {
    match v {
        Verdict::Emergency => VerdictText {
            headline: t(
                "Go to an emergency department now.",
                "Go to an emergency department now.",
            ),
            body: const {
                &[
                    t(
                        "What you noticed can mean the nerves at the base of the spine are being squeezed. That needs checking within hours: waiting can leave lasting bladder, bowel or leg problems. No massage.",
                        "Nerves at the base of the spine may be squeezed: get checked within hours.",
                    ),
                    NUMBERS,
                ]
            },
        },
        Verdict::Clinician => match Tier::of(signs) {
            Some(Tier::Department) => VerdictText {
                headline: t(
                    "No massage: go to an emergency department today.",
                    "No massage: emergency dept today.",
                ),
                body: const {
                    &[
                        t(
                            "Back pain after a fall or accident (or a knock, when bones are thin) needs checking for a broken bone before anything presses on it.",
                            "A fall or knock needs checking first.",
                        ),
                        NUMBERS,
                    ]
                },
            },
            Some(Tier::SameDay) => VerdictText {
                headline: t("No massage: get seen today.", "No massage: get seen today."),
                body: const {
                    &[t(
                        "Ask your GP surgery for an urgent appointment today, or call NHS 111 (in the UK), or go to an urgent care service near you.",
                        "Urgent GP, NHS 111 or urgent care.",
                    )]
                },
            },
            Some(Tier::Soon) => VerdictText {
                headline: t(
                    "No massage for now: book a doctor's appointment.",
                    "No massage: book a doctor.",
                ),
                body: const {
                    &[t(
                        "Book an appointment with your doctor in the next few days, and have your back checked before any self-massage.",
                        "Book one in the next few days.",
                    )]
                },
            },
            None => VerdictText {
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
        },
        Verdict::Contraindicated if signs.contains(&Sign::SkinOverArea) => VerdictText {
            headline: t(
                "No massage today: let the skin heal first.",
                "No massage: let the skin heal.",
            ),
            body: const {
                &[t(
                    "Never massage over an open wound or infected skin. If it is red, hot, swollen or weeping, have it looked at.",
                    "Red, hot or weeping? Have it seen.",
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
                        "Ask your doctor or physiotherapist whether self-massage is OK for you, and which kind. Once they say yes, answer y when unknot asks: it then runs its gentle routines.",
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
                        "In the first 3 days after pain begins or flares, leave massage out and keep gently active: short walks and everyday tasks as far as the pain allows, rather than bed rest.",
                        "First 3 days: no massage. Keep gently active.",
                    ),
                    t(
                        "Cold suits the first 2 days; moist heat is for tightness that has lasted longer.",
                        "Cold first; heat is for later.",
                    ),
                ]
            },
        },
        Verdict::Cleared => VerdictText {
            headline: t(
                "With a doctor's OK: gentle routines only.",
                "Gentle routines only.",
            ),
            body: const {
                &[t(
                    "With a lasting condition, unknot runs only gentle routines: light strokes with your own hands, stretches, positions and cold. The routine you chose is not one of them, and no gentle routine was found (the bundled one is disc-gentle).",
                    "This routine is not gentle; none found.",
                )]
            },
        },
        Verdict::Clear => VerdictText {
            headline: t("Nothing applies: you can start.", "You can start."),
            body: &[],
        },
    }
}

/// On the same-day screen when a calf or thigh is swollen, warm or red.
pub const CLOT_NOTE: Text = t(
    "A calf or thigh that is swollen, warm, red or tender on one side can be a blood clot, which can look like sciatica: leave that leg alone until it has been checked.",
    "Could be a clot: leave that leg alone.",
);

/// Before the list of signs on the "see a doctor" screens.
pub const TELL_THEM: Text = t("Tell them about:", "Tell them:");
/// After the list of signs on the "see a doctor" screens.
pub const TELL_THEM_MORE: Text = t(
    "where the pain reaches, when it began, and whether it is changing.",
    "where it reaches, since when, and if it changes.",
);
/// Before the sign marked on the emergency screen.
pub const TELL_STAFF: Text = t("Tell the staff what you noticed:", "Tell the staff:");
/// On the emergency screen when "yes" was pressed without naming a sign.
pub const TELL_STAFF_WHICH: Text = t(
    "Tell the staff which of these you noticed:",
    "Tell the staff which signs you have.",
);

/// The note on the first baseline question under a doctor's OK: which
/// gentle routine runs today.
pub fn gentle_note(routine: &str, full: bool) -> String {
    if full {
        format!("With the doctor's OK on record, today runs a gentle routine: '{routine}'.")
    } else {
        format!("Gentle routine today: '{routine}'.")
    }
}

/// What to do in the acute phase when no relief routine is available.
pub const ACUTE_ON_YOUR_OWN: &[Text] = &[
    t(
        "Ease the back by resting with your calves up on the seat of a chair, thighs pointing straight up.",
        "Rest, calves up on a chair seat.",
    ),
    t(
        "Put a cold pack wrapped in a cloth on your lower back for about 15 minutes.",
        "Cold pack in a cloth, about 15 min.",
    ),
    t(
        "In between, keep gently active: short walks as far as the pain allows.",
        "Keep gently active in between.",
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
        "Ease into a position that feels better, for example resting with your calves up on a chair seat.",
        "Rest, calves up on a chair seat.",
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
                        "New weakness, numbness between the legs, or bladder or bowel trouble need checking within hours. Tell the staff which of these you noticed.",
                        "These signs need checking within hours.",
                    ),
                    NUMBERS,
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
        "No heat on skin that feels numb: a hot bath or heat pack can scald it without you noticing.",
        "No heat on numb skin: it can scald.",
    ),
    t(
        "Every session starts with a few questions about warning signs. Answer them as things really are: a doctor's OK for a lasting condition can be recorded once.",
        "Warning-sign questions come first.",
    ),
    t(
        "It does not replace a doctor or physiotherapist, and works best alongside staying active and exercise.",
        "It does not replace a doctor.",
    ),
];

/// What the end summary says about the reach of the pain.
pub fn trend(tr: Trend) -> Text {
    match tr {
        Trend::Centralised => t(
            "It drew back toward the lower back: a good sign, as long as no new weakness came with it.",
            "Drew back: good, if no new weakness.",
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
            format!(
                "Noted: it reaches {place} now, less far than before: a good sign, as long as no new weakness came with it."
            )
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

    /// Every verdict text there is, with each tier and both kinds of
    /// "no massage".
    fn every_verdict_text() -> Vec<VerdictText> {
        let mut all: Vec<VerdictText> = Verdict::ALL.iter().map(|v| verdict(*v)).collect();
        for signs in [
            vec![Sign::Trauma],
            vec![Sign::ClotSigns],
            vec![Sign::RestOrNightPain],
        ] {
            all.push(verdict_for(Verdict::Clinician, &signs));
        }
        all.push(verdict_for(Verdict::Contraindicated, &[Sign::SkinOverArea]));
        all
    }

    #[test]
    fn nothing_diagnoses() {
        let mut all: Vec<&str> = Vec::new();
        for vt in every_verdict_text() {
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
        all.extend(
            [ASSESSMENT_ADVICE, ASK_OK_QUESTION, ASK_OK_YES]
                .iter()
                .map(|x| x.full),
        );
        for text in all {
            let lower = text.to_lowercase();
            assert!(!lower.contains("you have"), "{text}");
            assert!(!lower.contains("syndrome"), "{text}");
        }
    }

    /// Every way to an emergency says not to drive and gives numbers.
    #[test]
    fn emergencies_say_how_to_get_there() {
        let emergency = verdict(Verdict::Emergency);
        let department = verdict_for(Verdict::Clinician, &[Sign::Trauma]);
        let red_flag = stop_advice(StopReason::RedFlag);
        for body in [emergency.body, department.body, red_flag] {
            let full: String = body.iter().map(|b| b.full).collect();
            let short: String = body.iter().map(|b| b.short).collect();
            for text in [&full, &short] {
                assert!(
                    text.contains("999") && text.contains("112") && text.contains("911"),
                    "{text}"
                );
                assert!(text.to_lowercase().contains("drive"), "{text}");
            }
        }
    }

    /// Each tier's screen says how soon: an emergency department, today,
    /// or an appointment in the next days.
    #[test]
    fn each_tier_gives_a_time_frame() {
        let head = |s: Sign| verdict_for(Verdict::Clinician, &[s]).headline.full;
        assert!(head(Sign::Trauma).contains("emergency department today"));
        for s in [
            Sign::Fever,
            Sign::OneLegWeakening,
            Sign::RapidlyWorse,
            Sign::ClotSigns,
        ] {
            assert!(head(s).contains("today"), "{s:?}");
        }
        for s in [
            Sign::WeightLossOrCancer,
            Sign::RestOrNightPain,
            Sign::ImmuneOrInfection,
        ] {
            assert!(head(s).contains("book"), "{s:?}");
        }
        // The most urgent sign decides.
        assert_eq!(
            verdict_for(Verdict::Clinician, &[Sign::RestOrNightPain, Sign::Fever]),
            verdict_for(Verdict::Clinician, &[Sign::Fever])
        );
    }

    #[test]
    fn the_acute_advice_says_keep_active_not_rest() {
        let acute: String = verdict(Verdict::Acute)
            .body
            .iter()
            .map(|b| b.full)
            .collect();
        assert!(acute.contains("keep gently active"), "{acute}");
        assert!(!acute.to_lowercase().contains("rest in"), "{acute}");
        let own: String = ACUTE_ON_YOUR_OWN.iter().map(|b| b.full).collect();
        assert!(own.contains("keep gently active"), "{own}");
    }

    #[test]
    fn the_reminder_fits_and_names_the_key() {
        for signs in [vec![], vec![Sign::Pregnancy]] {
            assert!(lasting_reminder("2025-05-03", &signs, true).contains("press c"));
            let short = lasting_reminder("2025-05-03", &signs, false);
            assert!(short.contains("c: something changed") && short.chars().count() <= 2 * 37);
        }
    }
}
