//! The screens before the session: the first-run notice, the four groups of
//! danger-sign questions, the verdict screens, and the two baseline
//! questions (also used after the session, by `outro`), the reach question
//! with the leg figure beside its list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::question::{Page, choice, confirm_keys, draw, hint_rows, text_area};
use super::{Status, Theme, body, overlay};
use crate::safety::texts::{self, Text};
use crate::safety::{IntakeScreen, IntakeView};
use crate::vocab::{Extent, Group, Pain, Sign, Verdict};

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
        } => group_page(*group, marks, *picking, t, full),
        IntakeScreen::Verdict {
            verdict,
            signs,
            offer,
        } => verdict_page(*verdict, signs, offer.as_deref(), t, full),
        IntakeScreen::Pain => pain_page(" Before you start ", None, t, full),
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

fn group_page(g: Group, marks: &[Sign], picking: bool, t: Theme, full: bool) -> Page {
    let number = Group::ALL.iter().position(|x| *x == g).unwrap_or(0) + 1;
    let heading = if g == Group::Emergency {
        t.danger()
    } else {
        t.title()
    };
    let mut body = Vec::new();
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
    if g != Group::Onset {
        for (i, s) in signs.iter().enumerate() {
            let marked = marks.contains(s);
            let key = match (picking, full) {
                (false, _) => (i + 1).to_string(),
                (true, true) => format!("[{}] {}", if marked { "x" } else { " " }, i + 1),
                (true, false) => format!("{}{}", i + 1, if marked { "✓" } else { " " }),
            };
            body.push(choice(key, texts::sign(*s).pick(full), t, full));
        }
    }
    let keys = if picking {
        if full {
            body.push(Line::raw(""));
            body.push(Line::styled(
                "Mark each one that applies, then press Enter.",
                t.dim(),
            ));
        }
        vec![
            (if signs.len() == 7 { "1-7" } else { "1-6" }, "mark"),
            ("Enter", "done"),
            ("b", "back"),
        ]
    } else if g == Group::Onset {
        body.push(choice(
            "y",
            if full {
                "Yes, within the last 3 days"
            } else {
                "Yes, in the last 3 days"
            },
            t,
            full,
        ));
        body.push(choice("n", "No, longer ago", t, full));
        vec![("y", "yes"), ("n", "no"), ("b", "back"), ("q", "quit")]
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
        // The first group has nothing before it to go back to.
        if full && g != Group::ALL[0] {
            vec![
                ("n", "none apply"),
                ("y", "yes"),
                ("b", "back"),
                ("q", "quit"),
            ]
        } else {
            vec![("n", "none apply"), ("y", "yes"), ("q", "quit")]
        }
    };
    Page {
        title: format!(" Safety check {number}/4 "),
        border: heading,
        body,
        keys,
        hint: None,
    }
}

fn verdict_page(v: Verdict, signs: &[Sign], offer: Option<&str>, t: Theme, full: bool) -> Page {
    let vt = texts::verdict(v);
    let urgent = v == Verdict::Emergency;
    let mut body = vec![Line::styled(
        vt.headline.pick(full),
        if urgent { t.danger() } else { t.title() },
    )];
    if full {
        body.push(Line::raw(""));
    }
    body.extend(vt.body.iter().map(|b| text(*b, full)));
    if matches!(v, Verdict::Clinician | Verdict::Contraindicated) && !signs.is_empty() {
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
                            "Press Enter to start '{name}': easy positions and cold, no massage."
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
        title: if urgent {
            " unknot · urgent ".into()
        } else {
            " unknot · no massage today ".into()
        },
        border: if urgent { t.danger() } else { t.title() },
        body,
        keys,
        hint: None,
    }
}

/// "How strong is the pain right now?" with the 0–10 keys.
pub(super) fn pain_page(title: &str, before: Option<Pain>, t: Theme, full: bool) -> Page {
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
