//! What to tell a person when the session stops because it hurts. Every
//! sentence here is our own wording of the guidance in PRODUCT.md: it
//! points to care, it never diagnoses.

use crate::session::StopReason;

/// The headline of the stopped screen.
pub fn stop_headline(reason: StopReason) -> &'static str {
    match reason {
        StopReason::PainWorse => "Stopped: you said the pain got worse.",
        StopReason::Sharper => "Stopped: the pain turned sharper.",
        StopReason::Spreading => "Stopped: symptoms moved further down the leg.",
    }
}

/// What to do now, in order.
pub fn stop_advice(reason: StopReason) -> &'static [&'static str] {
    match reason {
        StopReason::PainWorse | StopReason::Sharper => &[
            "Let go of any pressure now. Slowly roll off the ball or tool.",
            "Find a position that eases it, for example on your back with your lower legs on a chair seat.",
            "A cold pack wrapped in a cloth, 15 minutes on the lower back, can calm it down.",
            "No more massage today. If the pain keeps rising, call your doctor.",
        ],
        StopReason::Spreading => &[
            "Let go of any pressure now and lie still in a comfortable position.",
            "Pain or tingling travelling down the leg means the nerve is more irritated: no more massage today.",
            "If it does not settle within a day, or gets worse, get checked by a doctor or physiotherapist.",
        ],
    }
}

/// The warning shown with every stop: the signs that need care today.
pub const GET_HELP_NOW: &str = "Go to an emergency department now if you notice numbness between \
your legs or around the back passage, trouble passing or holding urine or stool, or weakness in \
both legs.";

/// [`GET_HELP_NOW`] for small windows.
pub const GET_HELP_NOW_SHORT: &str =
    "Emergency care now if: numb between the legs, bladder or bowel trouble, or both legs weak.";
