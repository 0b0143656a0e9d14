//! The screens before the session: the first-run notice, the groups of
//! danger-sign questions (with the lasting answers' reminder and the
//! suggestion to have the pain assessed), "has it been assessed?", "a
//! doctor's OK?", the verdict screens, and the two baseline questions (also
//! used after the session, by `outro`), the reach question with the leg
//! figure beside its list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::question::{Page, choice, confirm_keys, draw, hint_rows, text_area};
use super::{Status, Theme, body, overlay};
use crate::safety::texts::{self, Text};
use crate::safety::{IntakeScreen, IntakeView, Reminder};
use crate::vocab::{Extent, Group, Pain, Sign, Tier, Verdict};

/// Draw the intake.
pub(super) fn render(
    frame: &mut Frame,
    area: Rect,
    view: &IntakeView,
    status: &Status,
    full: bool,
) {
    let mut page = page(view, status.theme, full);
    if view.confirm_quit {
        page.keys = confirm_keys();
    }
    let leg = matches!(view.screen, IntakeScreen::Extent(_))
        .then(|| reach_spot(&page, area, full))
        .flatten();
    draw(frame, area, page, status, full);
    if let Some(spot) = leg {
        body::render_reach(status.theme, spot, frame.buffer_mut());
    }
    if view.confirm_quit {
        overlay::confirm_quit(frame, area, status.theme);
    }
}

/// The intake's page (also read out in `--plain` mode).
pub(super) fn page(view: &IntakeView, t: Theme, full: bool) -> Page {
    let page = match &view.screen {
        IntakeScreen::Notice => notice(t, full),
        IntakeScreen::Group {
            group,
            marks,
            picking,
            place,
            reminder,
            advice,
        } => group_page(
            Asked {
                group: *group,
                marks,
                picking: *picking,
                place: *place,
                reminder: reminder.as_ref(),
                advice: *advice,
            },
            t,
            full,
        ),
        IntakeScreen::Assessed { place } => assessed_page(*place, t, full),
        IntakeScreen::AskOk { signs } => ask_ok_page(signs, t, full),
        IntakeScreen::Verdict {
            verdict,
            signs,
            offer,
        } => verdict_page(*verdict, signs, offer.as_deref(), t, full),
        IntakeScreen::Pain { gentle } => pain_page(
            " Before you start ",
            None,
            gentle.as_deref().map(|g| texts::gentle_note(g, full)),
            t,
            full,
        ),
        IntakeScreen::Extent(p) => extent_page(" Before you start ", *p, None, t, full),
    };
    Page {
        hint: view.hint,
        ..page
    }
}

fn text(x: Text, full: bool) -> Line<'static> {
    Line::raw(x.pick(full))
}

fn bullet(x: &str) -> Line<'static> {
    Line::raw(format!("• {x}"))
}

fn notice(t: Theme, full: bool) -> Page {
    let mut body = vec![Line::styled(texts::NOTICE_TITLE.pick(full), t.title())];
    if full {
        body.push(Line::raw(""));
    }
    body.extend(texts::NOTICE.iter().map(|n| bullet(n.pick(full))));
    Page {
        title: " unknot · safety ".into(),
        border: t.title(),
        body,
        keys: vec![("Enter", "I understand"), ("q", "quit")],
        hint: None,
    }
}

/// The keys that mark a group's signs.
fn mark_keys(signs: usize) -> &'static str {
    ["1", "1-2", "1-3", "1-4", "1-5", "1-6", "1-7", "1-8", "1-9"][signs.clamp(1, 9) - 1]
}

/// A group's screen, as the intake asks it.
struct Asked<'a> {
    group: Group,
    marks: &'a [Sign],
    picking: bool,
    place: (usize, usize),
    reminder: Option<&'a Reminder>,
    advice: bool,
}

fn group_page(a: Asked<'_>, t: Theme, full: bool) -> Page {
    let g = a.group;
    let heading = if g == Group::Emergency {
        t.danger()
    } else {
        t.title()
    };
    let mut body = Vec::new();
    if a.advice {
        body.push(Line::styled(texts::ASSESSMENT_ADVICE.pick(full), t.good()));
        if full {
            body.push(Line::raw(""));
        }
    }
    if full {
        body.push(Line::styled(texts::group_title(g).full, heading));
    }
    body.push(Line::styled(
        texts::group_question(g).pick(full),
        if full { t.title() } else { heading },
    ));
    if full {
        body.push(Line::raw(""));
    }
    let signs = g.signs();
    for (i, s) in signs.iter().enumerate() {
        let marked = a.marks.contains(s);
        let key = match (a.picking, full) {
            (false, _) => (i + 1).to_string(),
            (true, true) => format!("[{}] {}", if marked { "x" } else { " " }, i + 1),
            (true, false) => format!("{}{}", i + 1, if marked { "✓" } else { " " }),
        };
        body.push(choice(key, texts::sign(*s).pick(full), t, full));
    }
    let keys = if a.picking {
        if full {
            body.push(Line::raw(""));
            body.push(Line::styled(
                "Mark each one that applies, then press Enter.",
                t.dim(),
            ));
        }
        vec![
            (mark_keys(signs.len()), "mark"),
            ("Enter", "done"),
            ("b", "back"),
        ]
    } else {
        if full {
            body.push(Line::raw(""));
            body.push(Line::from(vec![
                Span::styled(" n ", t.key()),
                Span::raw(" none of these apply    "),
                Span::styled(" y ", t.key()),
                Span::raw(" one or more apply"),
            ]));
        }
        if let Some(r) = a.reminder {
            if full {
                body.push(Line::raw(""));
            }
            body.push(Line::styled(
                texts::lasting_reminder(&r.date, &r.signs, full),
                t.dim(),
            ));
        }
        let mut keys = vec![("n", "none apply"), ("y", "yes")];
        if full {
            if a.reminder.is_some() {
                keys.push(("c", "changed"));
            }
            // The first question has nothing before it to go back to.
            if a.place.0 > 1 {
                keys.push(("b", "back"));
            }
        }
        keys.push(("q", "quit"));
        keys
    };
    Page {
        title: format!(" Safety check {}/{} ", a.place.0, a.place.1),
        border: heading,
        body,
        keys,
        hint: None,
    }
}

fn assessed_page(place: (usize, usize), t: Theme, full: bool) -> Page {
    let mut body = Vec::new();
    if full {
        body.push(Line::styled(texts::ASSESSED_TITLE.full, t.title()));
    }
    body.push(Line::styled(texts::ASSESSED_QUESTION.pick(full), t.title()));
    if full {
        body.push(Line::raw(""));
    }
    body.push(choice("y", texts::ASSESSED_YES.pick(full), t, full));
    body.push(choice("n", texts::ASSESSED_NO.pick(full), t, full));
    Page {
        title: format!(" Safety check {}/{} ", place.0, place.1),
        border: t.title(),
        body,
        keys: if full {
            vec![("y", "yes"), ("n", "not yet"), ("b", "back"), ("q", "quit")]
        } else {
            vec![("y", "yes"), ("n", "not yet"), ("q", "quit")]
        },
        hint: None,
    }
}

fn ask_ok_page(signs: &[Sign], t: Theme, full: bool) -> Page {
    let mut body = vec![Line::styled(texts::ASK_OK_QUESTION.pick(full), t.title())];
    if full {
        body.extend(signs.iter().map(|s| bullet(texts::sign(*s).full)));
        body.push(Line::raw(""));
    } else {
        let named: Vec<&str> = signs.iter().map(|s| texts::sign(*s).short).collect();
        body.push(Line::raw(named.join("; ")));
    }
    body.push(text(texts::ASK_OK_YES, full));
    body.push(text(texts::ASK_OK_NO, full));
    Page {
        title: " unknot · a doctor's OK? ".into(),
        border: t.title(),
        body,
        keys: if full {
            vec![
                ("y", "yes, they have"),
                ("n", "not yet"),
                ("b", "back"),
                ("q", "quit"),
            ]
        } else {
            vec![("y", "yes"), ("n", "not yet"), ("q", "quit")]
        },
        hint: None,
    }
}

fn verdict_page(v: Verdict, signs: &[Sign], offer: Option<&str>, t: Theme, full: bool) -> Page {
    let vt = texts::verdict_for(v, signs);
    let urgent = v == Verdict::Emergency
        || (v == Verdict::Clinician && Tier::of(signs) == Some(Tier::Department));
    let mut body = vec![Line::styled(
        vt.headline.pick(full),
        if urgent { t.danger() } else { t.title() },
    )];
    if full {
        body.push(Line::raw(""));
    }
    body.extend(vt.body.iter().map(|b| text(*b, full)));
    if v == Verdict::Clinician && signs.contains(&Sign::ClotSigns) {
        body.push(Line::styled(texts::CLOT_NOTE.pick(full), t.title()));
    }
    if v == Verdict::Emergency {
        if full {
            body.push(Line::raw(""));
        }
        match (signs, full) {
            ([], true) => {
                body.push(Line::styled(texts::TELL_STAFF_WHICH.full, t.title()));
                body.extend(
                    Group::Emergency
                        .signs()
                        .iter()
                        .map(|s| bullet(texts::sign(*s).full)),
                );
            }
            ([], false) => body.push(Line::styled(texts::TELL_STAFF_WHICH.short, t.title())),
            (named, true) => {
                body.push(Line::styled(texts::TELL_STAFF.full, t.title()));
                body.extend(named.iter().map(|s| bullet(texts::sign(*s).full)));
            }
            (named, false) => {
                let named: Vec<&str> = named.iter().map(|s| texts::sign(*s).short).collect();
                body.push(Line::raw(format!(
                    "{} {}",
                    texts::TELL_STAFF.short,
                    named.join("; ")
                )));
            }
        }
    }
    let tell_them = match v {
        Verdict::Clinician => true,
        Verdict::Contraindicated => !signs.contains(&Sign::SkinOverArea),
        _ => false,
    };
    if tell_them && !signs.is_empty() {
        if full {
            body.push(Line::raw(""));
            body.push(Line::styled(texts::TELL_THEM.full, t.title()));
            body.extend(signs.iter().map(|s| bullet(texts::sign(*s).full)));
            body.push(Line::raw(format!("…and {}", texts::TELL_THEM_MORE.full)));
        } else {
            let named: Vec<&str> = signs.iter().map(|s| texts::sign(*s).short).collect();
            body.push(Line::raw(format!(
                "{} {}",
                texts::TELL_THEM.short,
                named.join("; ")
            )));
        }
    }
    let mut keys = vec![("Enter", "leave")];
    if v == Verdict::Acute {
        if full {
            body.push(Line::raw(""));
        }
        match offer {
            Some(name) => {
                body.push(Line::styled(
                    if full {
                        format!(
                            "Press Enter to start '{name}': easy positions, gentle movement and cold, no massage."
                        )
                    } else {
                        format!("Enter: start '{name}'.")
                    },
                    t.good(),
                ));
                keys = vec![("Enter", "start"), ("q", "leave")];
            }
            None => {
                body.push(Line::styled(
                    if full {
                        "The relief routine is not installed. On your own:"
                    } else {
                        "On your own:"
                    },
                    t.title(),
                ));
                body.extend(
                    texts::ACUTE_ON_YOUR_OWN
                        .iter()
                        .map(|x| bullet(x.pick(full))),
                );
            }
        }
    }
    if matches!(v, Verdict::Clinician | Verdict::Contraindicated) && full {
        body.push(Line::raw(""));
        body.push(Line::styled(texts::GET_HELP_NOW.full, t.dim()));
    }
    Page {
        title: match v {
            _ if urgent => " unknot · urgent ".into(),
            Verdict::Cleared => " unknot · gentle routines only ".into(),
            _ => " unknot · no massage today ".into(),
        },
        border: if urgent { t.danger() } else { t.title() },
        body,
        keys,
        hint: None,
    }
}

/// "How strong is the pain right now?" with the 0–10 keys; `note`: a line
/// after the question (which gentle routine runs today).
pub(super) fn pain_page(
    title: &str,
    before: Option<Pain>,
    note: Option<String>,
    t: Theme,
    full: bool,
) -> Page {
    let mut body = vec![Line::styled(
        if full {
            "How strong is the pain right now?"
        } else {
            "Pain right now?"
        },
        t.title(),
    )];
    body.push(Line::raw(if full {
        "0 means none, 10 the worst you can imagine."
    } else {
        "0 none … 10 worst"
    }));
    if let Some(b) = before {
        body.push(Line::styled(format!("Before the session: {b}"), t.dim()));
    }
    if let Some(n) = note {
        body.push(Line::styled(n, t.good()));
    }
    if full {
        body.push(Line::raw(""));
    }
    let mut scale: Vec<Span> = (0..10)
        .flat_map(|n| [Span::styled(n.to_string(), t.key()), Span::raw(" ")])
        .collect();
    scale.push(Span::styled("t", t.key()));
    scale.push(Span::raw("=10"));
    body.push(Line::from(scale));
    Page {
        title: title.into(),
        border: t.title(),
        body,
        keys: vec![("0-9,t", "pain"), ("q", "quit")],
        hint: None,
    }
}

/// Where the leg with the five levels goes on a reach page, if it fits
/// beside the list (and above the hint, when one shows).
pub(super) fn reach_spot(page: &Page, area: Rect, full: bool) -> Option<Rect> {
    let text = text_area(area, full);
    let hint = hint_rows(page.hint, text.width, full);
    body::reach_spot(text, &page.body, hint)
}

/// "How far does it reach?" with the 1–5 keys; the list of levels ends
/// the page (the leg figure is drawn beside it).
pub(super) fn extent_page(
    title: &str,
    pain: Pain,
    before: Option<Extent>,
    t: Theme,
    full: bool,
) -> Page {
    let mut body = vec![Line::styled(
        if full {
            "How far down does it reach right now?"
        } else {
            "How far does it reach?"
        },
        t.title(),
    )];
    if full {
        body.push(Line::raw(
            "Pain, tingling or numbness: pick the furthest point.",
        ));
        body.push(Line::styled(format!("Pain: {pain}"), t.dim()));
        body.push(Line::raw(""));
    }
    for e in Extent::ALL {
        let mark = if before == Some(e) { "  (before)" } else { "" };
        body.push(choice(
            e.key().to_string(),
            format!("{}{mark}", e.words()),
            t,
            full,
        ));
    }
    Page {
        title: title.into(),
        border: t.title(),
        body,
        keys: vec![("1-5", "reach"), ("b", "back"), ("q", "quit")],
        hint: None,
    }
}
