//! Tests of the intake: the answer mechanics, hints, and how it ends.

use super::*;
use crate::safety::Extent;

fn run(intake: &mut Intake, replies: &[Reply]) -> Vec<Effect> {
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

const NONE_APPLY: [Reply; 4] = [Reply::No; 4];

#[test]
fn four_noes_and_a_baseline_give_a_full_clearance() {
    let mut i = Intake::new(false, None);
    let mut fx = run(&mut i, &NONE_APPLY);
    assert_eq!(i.view().screen, IntakeScreen::Pain);
    fx.extend(run(&mut i, &[Reply::Number(6), Reply::Number(3)]));
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
    assert!(i.update(Reply::No).is_empty());
    assert_eq!(i.view().hint, Some(Hint::Continue));
    assert_eq!(i.view().screen, IntakeScreen::Notice);
    assert_eq!(i.update(Reply::Enter), vec![Effect::NoticeSeen]);
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
    for first in [Reply::Yes, Reply::Number(3)] {
        let mut i = Intake::new(false, Some("acute-relief".into()));
        let fx = i.update(first);
        assert!(fx.contains(&Effect::Cue(Cue::SafetyStop)));
        assert_eq!(screened(&fx)[0].0, Verdict::Emergency);
        assert_eq!(i.verdict(), Some(Verdict::Emergency));
        // Nothing on the verdict screen answers a question or goes back.
        for r in [
            Reply::No,
            Reply::Back,
            Reply::Number(1),
            Reply::Yes,
            Reply::Other,
        ] {
            assert!(i.update(r).is_empty());
            assert_eq!(i.view().hint, Some(Hint::Leave));
        }
        assert_eq!(i.update(Reply::Enter), vec![Effect::Exit]);
        assert_eq!(i.finished(), Some(Finish::Left));
    }
    let mut i = Intake::new(false, None);
    let fx = i.update(Reply::Number(3));
    assert_eq!(
        screened(&fx),
        vec![(Verdict::Emergency, vec![Sign::SaddleNumbness])]
    );
}

#[test]
fn clinician_signs_are_marked_then_confirmed() {
    let mut i = Intake::new(false, None);
    run(&mut i, &[Reply::No, Reply::Yes]);
    assert_eq!(i.update(Reply::Enter), vec![]);
    assert_eq!(i.view().hint, Some(Hint::MarkOne));
    run(
        &mut i,
        &[Reply::Number(3), Reply::Number(1), Reply::Number(9)],
    );
    assert_eq!(i.view().hint, Some(Hint::NotListed));
    run(&mut i, &[Reply::Number(3), Reply::Number(5)]);
    let fx = i.update(Reply::Enter);
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
    run(&mut i, &[Reply::No, Reply::No, Reply::Number(6)]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Group { group: Group::Contraindication, picking: true, ref marks } if marks == &[Sign::Pregnancy]
    ));
    // Back from marking returns to the question, nothing decided.
    run(&mut i, &[Reply::Back]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Group { picking: false, .. }
    ));
    assert_eq!(i.verdict(), None);
}

#[test]
fn acute_offers_the_relief_routine_under_no_massage() {
    let mut i = Intake::new(false, Some("acute-relief".into()));
    let fx = run(&mut i, &[Reply::No, Reply::No, Reply::No, Reply::Yes]);
    assert_eq!(screened(&fx), vec![(Verdict::Acute, vec![])]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Verdict { offer: Some(_), .. }
    ));
    run(&mut i, &[Reply::Enter, Reply::Number(2), Reply::Back]);
    assert_eq!(i.view().screen, IntakeScreen::Pain);
    // Back from the first baseline question returns to the verdict, not the question.
    run(&mut i, &[Reply::Back]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Verdict {
            verdict: Verdict::Acute,
            ..
        }
    ));
    run(&mut i, &[Reply::Enter, Reply::Number(2), Reply::Number(1)]);
    match i.finished() {
        Some(Finish::Begin { clearance, .. }) => assert!(!clearance.allows_massage()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn acute_without_a_relief_routine_only_leaves() {
    let mut i = Intake::new(false, None);
    run(&mut i, &[Reply::No, Reply::No, Reply::No, Reply::Number(1)]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Verdict {
            verdict: Verdict::Acute,
            offer: None,
            ..
        }
    ));
    assert_eq!(i.update(Reply::Enter), vec![Effect::Exit]);
    assert_eq!(i.finished(), Some(Finish::Left));
}

#[test]
fn unexpected_keys_never_answer() {
    let mut i = Intake::new(false, None);
    for r in [
        Reply::Enter,
        Reply::Other,
        Reply::Report,
        Reply::Number(0),
        Reply::Back,
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
    run(&mut i, &[Reply::No, Reply::No, Reply::No]);
    i.update(Reply::Other);
    assert_eq!(i.view().hint, Some(Hint::YesNo));
    // The next real answer clears the hint.
    i.update(Reply::No);
    assert_eq!(i.view().hint, None);
}

#[test]
fn back_revisits_earlier_groups_before_a_verdict() {
    let mut i = Intake::new(false, None);
    run(&mut i, &[Reply::No, Reply::No, Reply::Back, Reply::Back]);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Group {
            group: Group::Emergency,
            ..
        }
    ));
    run(
        &mut i,
        &[Reply::No, Reply::No, Reply::No, Reply::No, Reply::Back],
    );
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Group {
            group: Group::Onset,
            ..
        }
    ));
    i.update(Reply::Yes);
    assert_eq!(i.verdict(), Some(Verdict::Acute));
}

#[test]
fn quit_asks_first() {
    let mut i = Intake::new(false, None);
    assert!(i.update(Reply::Quit).is_empty());
    assert!(i.view().confirm_quit);
    assert!(i.update(Reply::No).is_empty());
    assert!(!i.view().confirm_quit);
    assert!(matches!(
        i.view().screen,
        IntakeScreen::Group {
            group: Group::Emergency,
            ..
        }
    ));
    i.update(Reply::Quit);
    assert_eq!(i.update(Reply::Yes), vec![Effect::Exit]);
    assert_eq!(i.finished(), Some(Finish::Left));
}
