//! Tests of the intake: the answer mechanics, hints, and how it ends.

use super::*;
use crate::vocab::Extent;

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

const NONE_APPLY: [Input; 4] = [Input::No; 4];

#[test]
fn four_noes_and_a_baseline_give_a_full_clearance() {
    let mut i = Intake::new(false, None);
    let mut fx = run(&mut i, &NONE_APPLY);
    assert_eq!(i.view().screen, IntakeScreen::Pain);
    fx.extend(run(&mut i, &[Input::Number(6), Input::Number(3)]));
    let baseline = Reading {
        pain: Pain::new(6).unwrap(),
        extent: Extent::Thigh,
    };
    match i.finished() {
        Some(Finish::Begin {
            clearance,
            baseline: b,
        }) => {
            assert!(clearance.allows_massage());
            assert_eq!(b, baseline);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(screened(&fx), vec![(Verdict::Clear, vec![])]);
    assert!(fx.contains(&Effect::Record(Event::Baseline(baseline))));
}

#[test]
fn the_notice_needs_enter_and_is_remembered() {
    let mut i = Intake::new(true, None);
    assert_eq!(i.view().screen, IntakeScreen::Notice);
    assert!(i.update(Input::No).is_empty());
    assert_eq!(i.view().hint, Some(Hint::Continue));
    assert_eq!(i.view().screen, IntakeScreen::Notice);
    assert_eq!(i.update(Input::Enter), vec![Effect::NoticeSeen]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Group {
            group: Group::Emergency,
            ..
        }
    ));
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
fn clinician_signs_are_marked_then_confirmed() {
    let mut i = Intake::new(false, None);
    run(&mut i, &[Input::No, Input::Yes]);
    assert_eq!(i.update(Input::Enter), vec![]);
    assert_eq!(i.view().hint, Some(Hint::MarkOne));
    run(
        &mut i,
        &[Input::Number(3), Input::Number(1), Input::Number(9)],
    );
    assert_eq!(i.view().hint, Some(Hint::NotListed));
    run(&mut i, &[Input::Number(3), Input::Number(5)]);
    let fx = i.update(Input::Enter);
    assert_eq!(
        screened(&fx),
        vec![(Verdict::Clinician, vec![Sign::Fever, Sign::OneLegWeakening])]
    );
    match i.view().screen {
        IntakeScreen::Verdict {
            verdict,
            signs,
            offer,
        } => {
            assert_eq!(verdict, Verdict::Clinician);
            assert_eq!(signs.len(), 2);
            assert_eq!(offer, None);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_number_on_the_group_screen_starts_marking() {
    let mut i = Intake::new(false, None);
    run(&mut i, &[Input::No, Input::No, Input::Number(6)]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Group { group: Group::Contraindication, picking: true, ref marks } if marks == &[Sign::Pregnancy]
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
    let mut i = Intake::new(false, Some("acute-relief".into()));
    let fx = run(&mut i, &[Input::No, Input::No, Input::No, Input::Yes]);
    assert_eq!(screened(&fx), vec![(Verdict::Acute, vec![])]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Verdict { offer: Some(_), .. }
    ));
    run(&mut i, &[Input::Enter, Input::Number(2), Input::Back]);
    assert_eq!(i.view().screen, IntakeScreen::Pain);
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
    match i.finished() {
        Some(Finish::Begin { clearance, .. }) => assert!(!clearance.allows_massage()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn acute_without_a_relief_routine_only_leaves() {
    let mut i = Intake::new(false, None);
    run(&mut i, &[Input::No, Input::No, Input::No, Input::Number(1)]);
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
fn unexpected_keys_never_answer() {
    let mut i = Intake::new(false, None);
    for r in [
        Input::Enter,
        Input::Other,
        Input::Report,
        Input::Number(0),
        Input::Back,
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
    run(&mut i, &[Input::No, Input::No, Input::No]);
    i.update(Input::Other);
    assert_eq!(i.view().hint, Some(Hint::YesNo));
    // The next real answer clears the hint.
    i.update(Input::No);
    assert_eq!(i.view().hint, None);
}

#[test]
fn back_revisits_earlier_groups_before_a_verdict() {
    let mut i = Intake::new(false, None);
    run(&mut i, &[Input::No, Input::No, Input::Back, Input::Back]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Group {
            group: Group::Emergency,
            ..
        }
    ));
    run(
        &mut i,
        &[Input::No, Input::No, Input::No, Input::No, Input::Back],
    );
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Group {
            group: Group::Onset,
            ..
        }
    ));
    i.update(Input::Yes);
    assert_eq!(i.verdict(), Some(Verdict::Acute));
}

#[test]
fn quit_asks_first() {
    let mut i = Intake::new(false, None);
    assert!(i.update(Input::Quit).is_empty());
    assert!(i.view().confirm_quit);
    assert!(i.update(Input::No).is_empty());
    assert!(!i.view().confirm_quit);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Group {
            group: Group::Emergency,
            ..
        }
    ));
    i.update(Input::Quit);
    assert_eq!(i.update(Input::Yes), vec![Effect::Exit]);
    assert_eq!(i.finished(), Some(Finish::Left));
}
