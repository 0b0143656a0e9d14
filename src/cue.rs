//! The sounds a session can ask for. The session emits them as effects; the
//! audio player decides how they sound (tone, voice, bell or nothing).

/// One audible event. Each has its own recognisable sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cue {
    /// Get into position for the next technique.
    Prepare,
    /// The countdown of a technique starts.
    Begin,
    /// Half of the countdown has passed.
    Halfway,
    /// 3, 2 or 1 second(s) left.
    Countdown(u8),
    /// The hold or technique has ended: let go.
    Release,
    /// Change to the other side.
    SwitchSides,
    /// A rest starts.
    Rest,
    /// The session is waiting for a check-in answer.
    CheckIn,
    /// Moving on to the next technique.
    NextTechnique,
    /// The whole routine is done.
    Complete,
    /// The session was stopped because it hurt: urgent and distinct.
    SafetyStop,
}

impl Cue {
    /// Every cue, for rendering and for tests.
    pub const ALL: [Cue; 13] = [
        Cue::Prepare,
        Cue::Begin,
        Cue::Halfway,
        Cue::Countdown(3),
        Cue::Countdown(2),
        Cue::Countdown(1),
        Cue::Release,
        Cue::SwitchSides,
        Cue::Rest,
        Cue::CheckIn,
        Cue::NextTechnique,
        Cue::Complete,
        Cue::SafetyStop,
    ];

    /// A short name for logs and `--plain` output.
    pub fn name(self) -> &'static str {
        match self {
            Cue::Prepare => "prepare",
            Cue::Begin => "begin",
            Cue::Halfway => "halfway",
            Cue::Countdown(3) => "three",
            Cue::Countdown(2) => "two",
            Cue::Countdown(_) => "one",
            Cue::Release => "release",
            Cue::SwitchSides => "switch-sides",
            Cue::Rest => "rest",
            Cue::CheckIn => "check-in",
            Cue::NextTechnique => "next",
            Cue::Complete => "complete",
            Cue::SafetyStop => "safety-stop",
        }
    }

    /// Whether the terminal bell should stand in for this cue when there is
    /// no sound device and the user asked for the bell.
    pub fn bell_worthy(self) -> bool {
        matches!(self, Cue::Begin | Cue::Release | Cue::SafetyStop)
    }
}

/// Whether a cue should sound. Muting silences every cue but the safety
/// stop. (Cues are still emitted while muted, so `--plain` output and the
/// history do not depend on the speaker.)
pub fn audible(cue: Cue, muted: bool) -> bool {
    !muted || cue == Cue::SafetyStop
}
