//! Tests of the intake: which screens come with which record, a table of
//! every question with its verdict, words and next step, the doctor's OK,
//! the answer mechanics, hints, and how it ends.

use super::*;
use crate::safety::clearance::Allows;
use crate::safety::on_record::{ClinicianOk, LastingAnswers};
use crate::safety::texts;
use crate::vocab::{Extent, Tier};

const DAY: i64 = 86_400_000;
const NOW: i64 = 1_750_000_000_000;

fn run(intake: &mut Intake, replies: &[Input]) -> Vec<Effect> {
    replies.iter().flat_map(|r| intake.update(*r)).collect()
}

fn screened(fx: &[Effect]) -> Vec<(Verdict, Vec<Sign>)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Record(Event::Screened { verdict, signs }) => Some((*verdict, signs.clone())),
            _ => None,
        })
        .collect()
}

/// The events about the person (not the screening's verdict).
fn facts(fx: &[Effect]) -> Vec<Event> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Record(
                ev @ (Event::Lasting(_) | Event::ClinicianOk(_) | Event::Assessed(_)),
            ) => Some(ev.clone()),
            _ => None,
        })
        .collect()
}

/// A first session: nothing on record, a relief and a gentle routine.
fn first() -> Intake {
    Intake::new(false, Some("acute-relief".into())).gentle(Some("disc-gentle".into()))
}

/// A record with lasting answers given `days_ago`, these OKs, and the
/// assessment answered in this episode.
fn record(days_ago: i64, lasting: Vec<Sign>, oks: Vec<Vec<Sign>>) -> OnRecord {
    OnRecord {
        now_ms: NOW,
        lasting: Some(LastingAnswers {
            at_ms: NOW - days_ago * DAY,
            date: "2025-06-13".into(),
            signs: lasting,
        }),
        oks: oks
            .into_iter()
            .map(|covers| ClinicianOk {
                at_ms: NOW - 40 * DAY,
                date: "2025-05-06".into(),
                covers,
            })
            .collect(),
        assessed_this_episode: true,
    }
}

/// An ordinary day: nothing lasting on record two days ago.
fn ordinary() -> Intake {
    first().on_record(record(2, vec![], vec![]))
}

/// The screen's group and its place, when a group shows.
fn at_group(i: &Intake) -> Option<(Group, (usize, usize))> {
    match i.view().screen {
        IntakeScreen::Group { group, place, .. } => Some((group, place)),
        _ => None,
    }
}

fn begun(i: &Intake) -> Allows {
    match i.finished() {
        Some(Finish::Begin { clearance, .. }) => clearance.allows(),
        other => panic!("no session begins: {other:?}"),
    }
}

#[test]
fn a_first_session_asks_everything_then_the_baseline() {
    let mut i = first();
    let mut fx = Vec::new();
    for (n, (group, reply)) in [
        (Some(Group::Emergency), Input::No),
        (Some(Group::Clinician), Input::No),
        (Some(Group::Lasting), Input::No),
        (None, Input::Yes),
        (Some(Group::Today), Input::No),
    ]
    .into_iter()
    .enumerate()
    {
        match group {
            Some(g) => assert_eq!(at_group(&i), Some((g, (n + 1, 5)))),
            None => assert_eq!(i.view().screen, IntakeScreen::Assessed { place: (4, 5) }),
        }
        fx.extend(i.update(reply));
    }
    assert_eq!(i.view().screen, IntakeScreen::Pain { gentle: None });
    fx.extend(run(&mut i, &[Input::Number(6), Input::Number(3)]));
    assert_eq!(begun(&i), Allows::Everything);
    assert_eq!(screened(&fx), vec![(Verdict::Clear, vec![])]);
    assert_eq!(facts(&fx), [Event::Lasting(vec![]), Event::Assessed(true)]);
    let baseline = Reading {
        pain: Pain::new(6).unwrap(),
        extent: Extent::Thigh,
    };
    assert!(fx.contains(&Effect::Record(Event::Baseline(baseline))));
}

#[test]
fn an_ordinary_day_asks_three_screens_and_shows_the_lasting_answers() {
    let mut i = ordinary();
    assert_eq!(at_group(&i), Some((Group::Emergency, (1, 3))));
    assert_eq!(
        Group::Emergency.signs().len(),
        6,
        "all six urgent signs, every day"
    );
    run(&mut i, &[Input::No, Input::No]);
    match i.view().screen {
        IntakeScreen::Group {
            group: Group::Today,
            place: (3, 3),
            reminder: Some(r),
            advice: false,
            ..
        } => assert_eq!(
            r,
            Reminder {
                date: "2025-06-13".into(),
                signs: vec![]
            }
        ),
        other => panic!("{other:?}"),
    }
    let fx = run(&mut i, &[Input::No, Input::Number(2), Input::Number(1)]);
    assert_eq!(begun(&i), Allows::Everything);
    assert!(facts(&fx).is_empty(), "nothing lasting asked or recorded");
    assert_eq!(screened(&fx), vec![(Verdict::Clear, vec![])]);
}

#[test]
fn the_lasting_questions_come_back_after_30_days() {
    for (days, screens) in [(29, 3), (30, 4), (400, 4)] {
        let i = first().on_record(record(days, vec![], vec![]));
        assert_eq!(at_group(&i).unwrap().1, (1, screens), "{days} days");
    }
}

#[test]
fn c_on_the_last_screen_asks_the_lasting_questions_again() {
    let mut i = ordinary();
    // Only where the reminder shows: elsewhere `c` earns a hint.
    i.update(Input::Recheck);
    assert_eq!(i.view().hint, Some(Hint::Group));
    assert_eq!(at_group(&i).unwrap().0, Group::Emergency);
    run(&mut i, &[Input::No, Input::No, Input::Recheck]);
    assert_eq!(at_group(&i), Some((Group::Lasting, (3, 4))));
    // Pregnant now, and no OK on record: the question about one follows.
    let fx = run(&mut i, &[Input::Number(5), Input::Enter]);
    assert_eq!(facts(&fx), [Event::Lasting(vec![Sign::Pregnancy])]);
    assert_eq!(
        i.view().screen,
        IntakeScreen::AskOk {
            signs: vec![Sign::Pregnancy]
        }
    );
}

#[test]
fn a_lasting_condition_without_an_ok_asks_for_one_and_a_no_blocks() {
    let mut i = first();
    run(
        &mut i,
        &[Input::No, Input::No, Input::Yes, Input::Number(2)],
    );
    let fx = i.update(Input::Enter);
    assert_eq!(facts(&fx), [Event::Lasting(vec![Sign::BleedingRisk])]);
    assert!(screened(&fx).is_empty(), "nothing decided yet");
    // b goes back to the marking, keeping the marks.
    i.update(Input::Back);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Group { group: Group::Lasting, picking: true, ref marks, .. } if marks == &[Sign::BleedingRisk]
    ));
    i.update(Input::Enter);
    i.update(Input::Other);
    assert_eq!(i.view().hint, Some(Hint::YesNo));
    let fx = i.update(Input::No);
    assert_eq!(
        screened(&fx),
        vec![(Verdict::Contraindicated, vec![Sign::BleedingRisk])]
    );
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Verdict {
            verdict: Verdict::Contraindicated,
            offer: None,
            ..
        }
    ));
    assert_eq!(i.update(Input::Enter), vec![Effect::Exit]);
}

#[test]
fn a_doctors_ok_is_recorded_once_and_allows_only_gentle_routines() {
    let mut i = first();
    run(
        &mut i,
        &[Input::No, Input::No, Input::Number(2), Input::Enter],
    );
    let fx = i.update(Input::Yes);
    assert_eq!(facts(&fx), [Event::ClinicianOk(vec![Sign::BleedingRisk])]);
    // On to the rest of the questions.
    assert_eq!(i.view().screen, IntakeScreen::Assessed { place: (4, 5) });
    run(&mut i, &[Input::Yes, Input::No]);
    assert_eq!(
        i.view().screen,
        IntakeScreen::Pain {
            gentle: Some("disc-gentle".into())
        }
    );
    let fx = run(&mut i, &[Input::Number(4), Input::Number(2)]);
    assert_eq!(begun(&i), Allows::Gentle);
    assert_eq!(
        screened(&fx),
        vec![(Verdict::Cleared, vec![Sign::BleedingRisk])]
    );
}

#[test]
fn with_the_ok_on_record_an_ordinary_day_takes_no_more_keys() {
    let rec = record(3, vec![Sign::BleedingRisk], vec![vec![Sign::BleedingRisk]]);
    let mut i = first().on_record(rec);
    run(&mut i, &[Input::No, Input::No]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Group { group: Group::Today, reminder: Some(ref r), .. } if r.signs == [Sign::BleedingRisk]
    ));
    let fx = run(&mut i, &[Input::No, Input::Number(3), Input::Number(2)]);
    assert_eq!(begun(&i), Allows::Gentle);
    assert_eq!(
        screened(&fx),
        vec![(Verdict::Cleared, vec![Sign::BleedingRisk])]
    );
    // A condition on record without an OK is asked every time instead.
    let rec = record(3, vec![Sign::BleedingRisk], vec![vec![Sign::Pregnancy]]);
    let i = first().on_record(rec);
    assert_eq!(at_group(&i).unwrap().1, (1, 4));
}

#[test]
fn a_covered_condition_answered_again_needs_no_new_ok() {
    let rec = record(45, vec![Sign::Pregnancy], vec![vec![Sign::Pregnancy]]);
    let mut i = first().on_record(rec);
    let fx = run(
        &mut i,
        &[Input::No, Input::No, Input::Number(5), Input::Enter],
    );
    assert_eq!(facts(&fx), [Event::Lasting(vec![Sign::Pregnancy])]);
    assert_eq!(at_group(&i).unwrap().0, Group::Today);
}

#[test]
fn under_an_ok_without_a_gentle_routine_nothing_runs() {
    let rec = record(3, vec![Sign::FragileBones], vec![vec![Sign::FragileBones]]);
    let mut i = Intake::new(false, None).on_record(rec);
    let fx = run(&mut i, &[Input::No, Input::No, Input::No]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Verdict {
            verdict: Verdict::Cleared,
            ..
        }
    ));
    assert_eq!(
        screened(&fx),
        vec![(Verdict::Cleared, vec![Sign::FragileBones])]
    );
    assert_eq!(i.update(Input::Enter), vec![Effect::Exit]);
    assert_eq!(i.finished(), Some(Finish::Left));
}

#[test]
fn not_yet_assessed_is_advice_shown_once_not_a_block() {
    let mut i = first();
    let fx = run(&mut i, &[Input::No, Input::No, Input::No, Input::No]);
    assert_eq!(facts(&fx), [Event::Lasting(vec![]), Event::Assessed(false)]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Group {
            group: Group::Today,
            advice: true,
            ..
        }
    ));
    run(&mut i, &[Input::No, Input::Number(3), Input::Number(2)]);
    assert_eq!(begun(&i), Allows::Everything);
    // Once answered in this episode, it is not asked again.
    let mut rec = record(1, vec![], vec![]);
    rec.assessed_this_episode = false;
    assert_eq!(at_group(&first().on_record(rec.clone())).unwrap().1, (1, 4));
    rec.assessed_this_episode = true;
    assert_eq!(at_group(&first().on_record(rec)).unwrap().1, (1, 3));
}

/// What follows a "yes" to one sign alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// A verdict screen; Enter leaves.
    Leave,
    /// The acute verdict; Enter starts the relief routine.
    Relief,
    /// "Has a doctor said massage is OK?"
    AskOk,
}

/// Every question: its exact words, and what a "yes" to it alone leads
/// to at a first session: the verdict, the headline's exact words, the
/// next step.
#[test]
fn every_question_its_words_verdict_and_next_step() {
    use Sign::*;
    let table: &[(Sign, &str, Option<Verdict>, &str, Next)] = &[
        (
            Bladder,
            "Trouble starting to pass urine, holding it in or feeling it pass, or leaking",
            Some(Verdict::Emergency),
            "Go to an emergency department now.",
            Next::Leave,
        ),
        (
            Bowel,
            "Losing control of your bowels, or not feeling them empty",
            Some(Verdict::Emergency),
            "Go to an emergency department now.",
            Next::Leave,
        ),
        (
            SaddleNumbness,
            "Numbness or pins and needles around the genitals, back passage, buttocks or inner thighs, or it feels different when you wipe",
            Some(Verdict::Emergency),
            "Go to an emergency department now.",
            Next::Leave,
        ),
        (
            BothLegs,
            "Pain, tingling or numbness running down both legs at once",
            Some(Verdict::Emergency),
            "Go to an emergency department now.",
            Next::Leave,
        ),
        (
            SexualFunction,
            "A change in sexual function, such as lost feeling or erections",
            Some(Verdict::Emergency),
            "Go to an emergency department now.",
            Next::Leave,
        ),
        (
            LegsWeakening,
            "Weakness or numbness in both legs that is severe or getting worse, or trouble walking",
            Some(Verdict::Emergency),
            "Go to an emergency department now.",
            Next::Leave,
        ),
        (
            Fever,
            "A temperature of 38 °C or more with this back pain, or feeling generally unwell",
            Some(Verdict::Clinician),
            "No massage: get seen today.",
            Next::Leave,
        ),
        (
            OneLegWeakening,
            "One leg getting weaker, a foot that drops or drags, or numbness that is spreading",
            Some(Verdict::Clinician),
            "No massage: get seen today.",
            Next::Leave,
        ),
        (
            RapidlyWorse,
            "Pain that is getting worse quickly",
            Some(Verdict::Clinician),
            "No massage: get seen today.",
            Next::Leave,
        ),
        (
            ClotSigns,
            "A calf or thigh on one side that is swollen, warm, red or tender",
            Some(Verdict::Clinician),
            "No massage: get seen today.",
            Next::Leave,
        ),
        (
            Trauma,
            "Back pain since a serious fall or accident, or since a small fall or knock if your bones are thin or you take steroids long term",
            Some(Verdict::Clinician),
            "No massage: go to an emergency department today.",
            Next::Leave,
        ),
        (
            WeightLossOrCancer,
            "Weight loss you cannot explain, or cancer now or in the past",
            Some(Verdict::Clinician),
            "No massage for now: book a doctor's appointment.",
            Next::Leave,
        ),
        (
            RestOrNightPain,
            "Pain that does not ease when you rest, or that is worse at night",
            Some(Verdict::Clinician),
            "No massage for now: book a doctor's appointment.",
            Next::Leave,
        ),
        (
            ImmuneOrInfection,
            "A weakened immune system, or a serious infection recently",
            Some(Verdict::Clinician),
            "No massage for now: book a doctor's appointment.",
            Next::Leave,
        ),
        (
            BloodClot,
            "A blood clot or deep-vein thrombosis (DVT)",
            None,
            "A doctor's OK for massage?",
            Next::AskOk,
        ),
        (
            BleedingRisk,
            "You take blood thinners, or bleed easily (a bleeding disorder)",
            None,
            "A doctor's OK for massage?",
            Next::AskOk,
        ),
        (
            FragileBones,
            "A broken bone, or fragile bones such as osteoporosis",
            None,
            "A doctor's OK for massage?",
            Next::AskOk,
        ),
        (
            RecentSurgery,
            "Recent surgery on your back, hips or legs",
            None,
            "A doctor's OK for massage?",
            Next::AskOk,
        ),
        (
            Pregnancy,
            "You are pregnant",
            None,
            "A doctor's OK for massage?",
            Next::AskOk,
        ),
        (
            SkinOverArea,
            "An open wound or a skin infection where you would massage",
            Some(Verdict::Contraindicated),
            "No massage today: let the skin heal first.",
            Next::Leave,
        ),
        (
            RecentOnset,
            "This pain began within the last 3 days (72 hours)",
            Some(Verdict::Acute),
            "Too soon for massage.",
            Next::Relief,
        ),
        (
            Flare,
            "A sudden bad flare, within the last 3 days, of pain that has been there a while",
            Some(Verdict::Acute),
            "Too soon for massage.",
            Next::Relief,
        ),
    ];
    let asked: usize = Group::ALL.iter().map(|g| g.signs().len()).sum();
    assert_eq!(table.len(), asked, "the table covers every question");
    for &(sign, words, verdict, headline, next) in table {
        assert_eq!(texts::sign(sign).full, words, "{sign:?}");
        let g = sign.group();
        let key = g.signs().iter().position(|s| *s == sign).unwrap() as u8 + 1;
        let mut i = first();
        // "None of these" up to the sign's group ("yes, assessed" on the way).
        while at_group(&i).map(|(x, _)| x) != Some(g) {
            let reply = if i.view().screen == (IntakeScreen::Assessed { place: (4, 5) }) {
                Input::Yes
            } else {
                Input::No
            };
            i.update(reply);
        }
        let mut fx = i.update(Input::Number(key));
        if g.asks_which() {
            fx.extend(i.update(Input::Enter));
        }
        let shown = match (&i.view().screen, verdict) {
            (
                IntakeScreen::Verdict {
                    verdict: v, signs, ..
                },
                Some(want),
            ) => {
                assert_eq!(*v, want, "{sign:?}");
                assert_eq!(signs, &[sign], "{sign:?}");
                assert_eq!(screened(&fx), vec![(want, vec![sign])], "{sign:?}");
                texts::verdict_for(want, signs).headline.full
            }
            (IntakeScreen::AskOk { signs }, None) => {
                assert_eq!(signs, &[sign]);
                assert!(screened(&fx).is_empty(), "{sign:?}");
                texts::ASK_OK_TITLE.full
            }
            (other, _) => panic!("{sign:?}: {other:?}"),
        };
        assert_eq!(shown, headline, "{sign:?}");
        // The next step.
        match next {
            Next::Leave => {
                assert_eq!(i.update(Input::Enter), vec![Effect::Exit], "{sign:?}");
                assert_eq!(i.finished(), Some(Finish::Left));
            }
            Next::Relief => {
                assert!(i.update(Input::Enter).is_empty());
                assert_eq!(i.view().screen, IntakeScreen::Pain { gentle: None });
                run(&mut i, &[Input::Number(2), Input::Number(1)]);
                assert_eq!(begun(&i), Allows::NoMassage, "{sign:?}");
            }
            Next::AskOk => {
                i.update(Input::No);
                assert!(matches!(
                    i.view().screen,
                    IntakeScreen::Verdict {
                        verdict: Verdict::Contraindicated,
                        ..
                    }
                ));
            }
        }
    }
}

#[test]
fn the_notice_needs_enter_and_is_remembered() {
    let mut i = Intake::new(true, None);
    assert_eq!(i.view().screen, IntakeScreen::Notice);
    assert!(i.update(Input::No).is_empty());
    assert_eq!(i.view().hint, Some(Hint::Continue));
    assert_eq!(i.view().screen, IntakeScreen::Notice);
    assert_eq!(i.update(Input::Enter), vec![Effect::NoticeSeen]);
    assert_eq!(at_group(&i).unwrap().0, Group::Emergency);
}

#[test]
fn any_emergency_yes_ends_it_with_no_session() {
    for first in [Input::Yes, Input::Number(3)] {
        let mut i = Intake::new(false, Some("acute-relief".into()));
        let fx = i.update(first);
        assert!(fx.contains(&Effect::Cue(Cue::SafetyStop)));
        assert_eq!(screened(&fx)[0].0, Verdict::Emergency);
        assert_eq!(i.verdict(), Some(Verdict::Emergency));
        // Nothing on the verdict screen answers a question or goes back.
        for r in [
            Input::No,
            Input::Back,
            Input::Number(1),
            Input::Yes,
            Input::Recheck,
            Input::Other,
        ] {
            assert!(i.update(r).is_empty());
            assert_eq!(i.view().hint, Some(Hint::Leave));
        }
        assert_eq!(i.update(Input::Enter), vec![Effect::Exit]);
        assert_eq!(i.finished(), Some(Finish::Left));
    }
    let mut i = Intake::new(false, None);
    let fx = i.update(Input::Number(3));
    assert_eq!(
        screened(&fx),
        vec![(Verdict::Emergency, vec![Sign::SaddleNumbness])]
    );
}

#[test]
fn clinician_signs_are_marked_then_confirmed_and_the_most_urgent_tier_shows() {
    let mut i = Intake::new(false, None);
    run(&mut i, &[Input::No, Input::Yes]);
    assert_eq!(i.update(Input::Enter), vec![]);
    assert_eq!(i.view().hint, Some(Hint::MarkOne));
    run(
        &mut i,
        &[Input::Number(7), Input::Number(1), Input::Number(9)],
    );
    assert_eq!(i.view().hint, Some(Hint::NotListed));
    run(&mut i, &[Input::Number(1), Input::Number(5)]);
    let fx = i.update(Input::Enter);
    assert_eq!(
        screened(&fx),
        vec![(
            Verdict::Clinician,
            vec![Sign::Trauma, Sign::RestOrNightPain]
        )]
    );
    match i.view().screen {
        IntakeScreen::Verdict {
            verdict,
            signs,
            offer,
        } => {
            assert_eq!(verdict, Verdict::Clinician);
            assert_eq!(Tier::of(&signs), Some(Tier::Department));
            assert_eq!(offer, None);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_number_on_the_group_screen_starts_marking() {
    let mut i = Intake::new(false, None);
    run(&mut i, &[Input::No, Input::No, Input::Number(5)]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Group { group: Group::Lasting, picking: true, ref marks, .. } if marks == &[Sign::Pregnancy]
    ));
    // Back from marking returns to the question, nothing decided.
    run(&mut i, &[Input::Back]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Group { picking: false, .. }
    ));
    assert_eq!(i.verdict(), None);
}

#[test]
fn acute_offers_the_relief_routine_under_no_massage() {
    let mut i = ordinary();
    let fx = run(
        &mut i,
        &[Input::No, Input::No, Input::Number(2), Input::Enter],
    );
    assert_eq!(
        screened(&fx),
        vec![(Verdict::Acute, vec![Sign::RecentOnset])]
    );
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Verdict { offer: Some(_), .. }
    ));
    run(&mut i, &[Input::Enter, Input::Number(2), Input::Back]);
    assert_eq!(i.view().screen, IntakeScreen::Pain { gentle: None });
    // Back from the first baseline question returns to the verdict, not the question.
    run(&mut i, &[Input::Back]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Verdict {
            verdict: Verdict::Acute,
            ..
        }
    ));
    run(&mut i, &[Input::Enter, Input::Number(2), Input::Number(1)]);
    assert_eq!(begun(&i), Allows::NoMassage);
}

#[test]
fn acute_without_a_relief_routine_only_leaves() {
    let mut i = Intake::new(false, None).on_record(record(2, vec![], vec![]));
    run(
        &mut i,
        &[Input::No, Input::No, Input::Number(3), Input::Enter],
    );
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Verdict {
            verdict: Verdict::Acute,
            offer: None,
            ..
        }
    ));
    assert_eq!(i.update(Input::Enter), vec![Effect::Exit]);
    assert_eq!(i.finished(), Some(Finish::Left));
}

#[test]
fn broken_skin_blocks_even_with_every_ok_on_record() {
    let all_lasting = Group::Lasting.signs().to_vec();
    let rec = record(2, all_lasting.clone(), vec![all_lasting]);
    let mut i = first().on_record(rec);
    let fx = run(
        &mut i,
        &[Input::No, Input::No, Input::Number(1), Input::Enter],
    );
    assert_eq!(
        screened(&fx),
        vec![(Verdict::Contraindicated, vec![Sign::SkinOverArea])]
    );
    assert_eq!(i.update(Input::Enter), vec![Effect::Exit]);
}

#[test]
fn unexpected_keys_never_answer() {
    let mut i = ordinary();
    for r in [
        Input::Enter,
        Input::Other,
        Input::Report,
        Input::Number(0),
        Input::Back,
        Input::Recheck,
    ] {
        i.update(r);
        assert!(
            matches!(
                i.view().screen,
                IntakeScreen::Group {
                    group: Group::Emergency,
                    picking: false,
                    ..
                }
            ),
            "{r:?}"
        );
        assert!(i.view().hint.is_some(), "{r:?}");
    }
    let mut i = first();
    run(&mut i, &[Input::No, Input::No, Input::No]);
    i.update(Input::Other);
    assert_eq!(i.view().hint, Some(Hint::YesNo));
    // The next real answer clears the hint.
    i.update(Input::No);
    assert_eq!(i.view().hint, None);
}

#[test]
fn back_revisits_earlier_screens_before_a_verdict() {
    let mut i = first();
    run(&mut i, &[Input::No, Input::No, Input::Back, Input::Back]);
    assert_eq!(at_group(&i).unwrap().0, Group::Emergency);
    run(
        &mut i,
        &[Input::No, Input::No, Input::No, Input::No, Input::Back],
    );
    // Back over "not yet" takes the advice away again.
    assert_eq!(i.view().screen, IntakeScreen::Assessed { place: (4, 5) });
    run(&mut i, &[Input::Yes, Input::No, Input::Back]);
    // Back from the first baseline question: the last screen again.
    assert_eq!(at_group(&i).unwrap().0, Group::Today);
    i.update(Input::Yes);
    i.update(Input::Number(3));
    i.update(Input::Enter);
    assert_eq!(i.verdict(), Some(Verdict::Acute));
}

#[test]
fn quit_asks_first() {
    let mut i = Intake::new(false, None);
    assert!(i.update(Input::Quit).is_empty());
    assert!(i.view().confirm_quit);
    assert!(i.update(Input::No).is_empty());
    assert!(!i.view().confirm_quit);
    assert_eq!(at_group(&i).unwrap().0, Group::Emergency);
    i.update(Input::Quit);
    assert_eq!(i.update(Input::Yes), vec![Effect::Exit]);
    assert_eq!(i.finished(), Some(Finish::Left));
}
