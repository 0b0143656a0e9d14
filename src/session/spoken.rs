//! What is spoken when a step is about to start, and how long that takes.
//!
//! At each step's *prepare* the session asks for its words to be spoken
//! ([`prepare_words`]): nothing (cues only), the step's title and its
//! caution (the default), or its title, side, caution and starting
//! position. A caution is a safety matter: whenever anything beyond the
//! cues is spoken, it is. The
//! begin of the countdown has only its cue. Speech is never waited for:
//! when the words take longer than the step's preparation time, that time
//! grows to fit them ([`fit_prepare`]), up to [`MAX_PREPARE`], and the
//! screen shows by how much. Pure: text in, durations out.

use std::time::Duration;

use crate::routine::{Side, Step};
use crate::vocab::words;

/// How much of each step is spoken at its preparation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Guidance {
    /// Only the cues (tones and their fixed phrases).
    Cues,
    /// The cues, the step's title and its caution.
    #[default]
    Titles,
    /// The cues, the title and side, the caution and the starting position.
    Full,
}

words! {
    /// Every level, in the order of more words.
    impl Guidance {
        const ALL;
        /// The name in the config file and on the command line.
        fn name;
        /// The level called `name`, if any.
        fn from_name;
        Cues = "cues",
        Titles = "titles",
        Full = "full",
    }
}

/// A conservative speaking rate (the speech programs run at 160-180
/// words a minute): a guess on the long side only costs a few seconds of
/// preparation, one on the short side lets the words run into the hold.
const WORDS_PER_MINUTE: u32 = 150;
/// The pause a speech program makes at a comma, a full stop and the like.
const PUNCTUATION_PAUSE: Duration = Duration::from_millis(300);
/// Before the words: the prepare tone and its phrase ("Get into position").
pub const LEAD: Duration = Duration::from_millis(1500);
/// After the words: a breath before the countdown's cue.
pub const GAP: Duration = Duration::from_millis(500);
/// The longest a preparation grows to fit its words.
pub const MAX_PREPARE: Duration = Duration::from_secs(45);
/// The most words spoken at one preparation: what fits in [`MAX_PREPARE`].
pub const MAX_WORDS: usize = 90;

/// Said (and shown) when a remote control's Stop ended the session.
pub const WHY_ENDED: &str =
    "Session stopped from the remote. Was it because of pain? Press y for yes, n for no.";

/// The caution spoken for a step: its own `caution`, if it has one.
pub fn spoken_caution(step: &Step) -> Option<&str> {
    step.caution.as_deref()
}

/// The words spoken at the preparation of `step` on `side`, if any.
pub fn prepare_words(step: &Step, side: Option<Side>, guidance: Guidance) -> Option<String> {
    let title = step.say.as_deref().unwrap_or(&step.title);
    match guidance {
        Guidance::Cues => None,
        Guidance::Titles => Some(match spoken_caution(step) {
            Some(caution) => format!("{} {}", sentence(title), sentence(caution)),
            None => title.to_string(),
        }),
        Guidance::Full => {
            let heading = match side {
                Some(s) => format!("{title}, {} side", s.word()),
                None => title.to_string(),
            };
            let mut words = sentence(&heading);
            // Whole parts only, in order of importance, while they fit.
            for part in [spoken_caution(step), step.position.as_deref()]
                .into_iter()
                .flatten()
            {
                let part = sentence(part);
                if count_words(&words) + count_words(&part) <= MAX_WORDS {
                    words.push(' ');
                    words.push_str(&part);
                }
            }
            Some(words)
        }
    }
}

/// `text` trimmed, ending with a full stop unless it already ends a
/// sentence, so a speech program pauses between parts.
pub(crate) fn sentence(text: &str) -> String {
    let text = text.trim();
    match text.chars().last() {
        Some('.' | '!' | '?') | None => text.to_string(),
        Some(_) => format!("{text}."),
    }
}

fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// About how long a speech program takes to say `text`.
pub fn speaking_time(text: &str) -> Duration {
    let words = count_words(text) as u32;
    let pauses = text
        .chars()
        .filter(|c| matches!(c, ',' | '.' | ';' | ':' | '!' | '?'))
        .count() as u32;
    Duration::from_secs(60) * words / WORDS_PER_MINUTE + PUNCTUATION_PAUSE * pauses
}

/// The preparation time for a step whose preparation is `prepare` and
/// whose words are `text`: long enough for the cue, the words and a breath
/// after them, in whole seconds; never shorter than `prepare`, and grown
/// no further than [`MAX_PREPARE`].
pub fn fit_prepare(prepare: Duration, text: Option<&str>) -> Duration {
    let Some(text) = text else {
        return prepare;
    };
    let need = LEAD + speaking_time(text) + GAP;
    let whole = Duration::from_secs(need.as_secs() + u64::from(need.subsec_nanos() > 0));
    prepare.max(whole.min(MAX_PREPARE))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::load_str;

    #[test]
    fn guidance_names_round_trip() {
        crate::vocab::check_words(&Guidance::ALL, Guidance::name, Guidance::from_name);
    }

    fn step(extra: &str) -> Step {
        let src = format!(
            "name = \"t\"\nsummary = \"t\"\n[[steps]]\ntitle = \"Figure-four ball hold\"\nkind = \"hold\"\nduration = \"45s\"\n{extra}"
        );
        load_str(&src, "t.toml").unwrap().steps.remove(0)
    }

    #[test]
    fn each_level_says_more() {
        let s = step(
            "position = \"On your back, knees bent\"\ninstructions = [\"Breathe.\"]\ncaution = \"Never press on the spine\"\n",
        );
        assert_eq!(prepare_words(&s, Some(Side::Left), Guidance::Cues), None);
        assert_eq!(
            prepare_words(&s, Some(Side::Left), Guidance::Titles).as_deref(),
            Some("Figure-four ball hold. Never press on the spine.")
        );
        assert_eq!(
            prepare_words(&s, Some(Side::Left), Guidance::Full).as_deref(),
            Some(
                "Figure-four ball hold, left side. Never press on the spine. On your back, knees bent."
            )
        );
        assert_eq!(
            prepare_words(&s, None, Guidance::Full).as_deref(),
            Some("Figure-four ball hold. Never press on the spine. On your back, knees bent.")
        );
        // Without a caution, the title alone.
        let plain = step("instructions = [\"Breathe.\"]\n");
        assert_eq!(
            prepare_words(&plain, None, Guidance::Titles).as_deref(),
            Some("Figure-four ball hold")
        );
    }

    #[test]
    fn the_routines_own_words_replace_the_title() {
        let s = step("say = \"Figure four hold\"\n");
        assert_eq!(
            prepare_words(&s, Some(Side::Right), Guidance::Full).as_deref(),
            Some("Figure four hold, right side.")
        );
        assert_eq!(
            prepare_words(&s, None, Guidance::Titles).as_deref(),
            Some("Figure four hold")
        );
    }

    #[test]
    fn the_caution_is_the_steps_own() {
        let s = step("instructions = [\"Light pressure only.\", \"Breathe.\"]\n");
        assert_eq!(spoken_caution(&s), None, "an instruction is not a caution");
        let c = step("caution = \"Light pressure only.\"\n");
        assert_eq!(spoken_caution(&c), Some("Light pressure only."));
    }

    #[test]
    fn a_part_too_long_to_fit_is_left_out_whole() {
        // The title's 3 words, the caution's 5 and these 83 are one more
        // than fit: the position is left out, never the caution.
        let long = vec!["w"; MAX_WORDS - 7].join(" ");
        let s = step(&format!(
            "position = \"{long}\"\ncaution = \"Stop if it turns sharp.\"\n"
        ));
        let words = prepare_words(&s, None, Guidance::Full).unwrap();
        assert_eq!(words, "Figure-four ball hold. Stop if it turns sharp.");
    }

    #[test]
    fn speaking_time_counts_words_and_pauses() {
        assert_eq!(speaking_time(""), Duration::ZERO);
        // 150 words a minute: 0.4 s a word.
        assert_eq!(speaking_time("one two three"), Duration::from_millis(1200));
        assert_eq!(speaking_time("one, two."), Duration::from_millis(1400));
    }

    #[test]
    fn preparation_grows_to_fit_the_words_within_bounds() {
        let ten = Duration::from_secs(10);
        assert_eq!(fit_prepare(ten, None), ten);
        // 1.5 s + 0.4 s + 0.5 s = 2.4 s: ten is plenty, two is not.
        assert_eq!(fit_prepare(ten, Some("Rest")), ten);
        let two = Duration::from_secs(2);
        assert_eq!(fit_prepare(two, Some("Rest")), Duration::from_secs(3));
        // A two-word title fits a 3 s preparation: 1.5 + 0.8 + 0.5.
        let three = Duration::from_secs(3);
        assert_eq!(fit_prepare(three, Some("Test stretch")), three);
        // 30 words and 3 pauses: 1.5 + 12 + 0.9 + 0.5 = 14.9 s, rounded up.
        let text = format!("{}, a, b.", vec!["w"; 28].join(" "));
        assert_eq!(fit_prepare(ten, Some(&text)), Duration::from_secs(15));
        // Never past the bound, never shorter than the routine's own.
        let endless = vec!["w"; 500].join(" ");
        assert_eq!(fit_prepare(ten, Some(&endless)), MAX_PREPARE);
        let long = Duration::from_secs(60);
        assert_eq!(fit_prepare(long, Some(&endless)), long);
    }

    #[test]
    fn names_round_trip() {
        for g in Guidance::ALL {
            assert_eq!(Guidance::from_name(g.name()), Some(g));
        }
        assert_eq!(Guidance::from_name("all"), None);
        assert_eq!(Guidance::default(), Guidance::Titles);
    }
}
