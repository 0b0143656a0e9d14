//! Tests of the body map: the figures' data (widths, regions, no-press
//! zones, mirroring), the text wrapping count the step screen relies on,
//! and the figure on the step screen and the reach question (insta
//! snapshots of each area and side at 80x24 and at the smallest size that
//! shows a figure).

use std::time::{Duration, Instant};

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::*;
use crate::routine::library::BUNDLED;
use crate::routine::plan::SegmentKind;
use crate::routine::{Kind, load_str};
use crate::safety::Cleared;
use crate::session::{Session, View};
use crate::ui::{FULL_HEIGHT, FULL_WIDTH, Sound, Status, render};

const SHEETS: [&Sheet; 4] = [&BACK, &BACK_SMALL, &FRONT, &REACH];
const SIDES: [Option<Side>; 3] = [Some(Side::Left), Some(Side::Right), None];

/// Every cell a map paints, as `(x, y, char, role)`.
fn cells(map: &Map, size: Size) -> Vec<(u16, u16, char, Role)> {
    let mut out = Vec::new();
    map.paint(size, |x, y, c, r| out.push((x, y, c, r)));
    out
}

fn map(area: Area, side: Option<Side>) -> Map {
    Map {
        area: Some(area),
        side,
        tool: Tool::TennisBall,
        resting: false,
    }
}

/// Areas a routine may use (the others never load).
fn allowed() -> impl Iterator<Item = Area> {
    Area::ALL.iter().copied().filter(|a| !a.is_forbidden())
}

#[test]
fn every_row_of_every_sheet_is_as_wide_as_the_sheet() {
    for s in SHEETS {
        for row in s.rows {
            assert_eq!(row.cell_width(), s.width, "{row:?}");
            assert_eq!(row.chars().count(), usize::from(s.width), "{row:?}");
        }
        assert!(
            s.width % 2 == 1 || s.facing == Facing::Profile,
            "a centre column"
        );
    }
}

#[test]
fn every_area_has_a_drawing_or_says_it_has_none() {
    for a in Area::ALL {
        let d = drawing(a);
        match d {
            Drawing::None => assert!(a.is_forbidden(), "{a:?} must be drawn"),
            Drawing::NoTarget => assert_eq!(a, Area::WholeBody),
            Drawing::Back(codes) | Drawing::Front(codes) => {
                assert!(!codes.is_empty(), "{a:?}");
                let sheets: &[&Sheet] = match d {
                    Drawing::Front(_) => &[&FRONT],
                    _ => &[&BACK, &BACK_SMALL],
                };
                for s in sheets {
                    for code in codes.chars() {
                        assert!(
                            s.rows.iter().any(|r| r.contains(code)),
                            "{a:?}: region {code} missing from a sheet"
                        );
                    }
                }
            }
        }
        for size in [Size::Large, Size::Small] {
            let m = map(a, None);
            assert_eq!(m.extent(size).is_none(), a.is_forbidden(), "{a:?}");
            let filled = cells(&m, size)
                .iter()
                .filter(|c| c.3 == Role::Target)
                .count();
            // The legend's mark is one target cell; the figure has more.
            match d {
                Drawing::Back(_) | Drawing::Front(_) => assert!(filled > 2, "{a:?}"),
                Drawing::NoTarget | Drawing::None => assert_eq!(filled, 0, "{a:?}"),
            }
        }
    }
}

#[test]
fn areas_fill_different_cells() {
    // Two areas that fill the same cells would be the same picture.
    let fills: Vec<(Area, Vec<(u16, u16)>)> = allowed()
        .filter(|&a| a != Area::WholeBody)
        .map(|a| {
            let on: Vec<_> = cells(&map(a, None), Size::Large)
                .into_iter()
                .filter(|c| c.3 == Role::Target)
                .map(|c| (c.0, c.1))
                .collect();
            (a, on)
        })
        .collect();
    for (i, (a, fa)) in fills.iter().enumerate() {
        for (b, fb) in &fills[i + 1..] {
            assert_ne!(fa, fb, "{a:?} and {b:?} look the same");
        }
    }
}

#[test]
fn every_figure_shows_the_spine_and_the_kidney_zones() {
    for s in [&BACK, &BACK_SMALL] {
        assert!(s.rows.iter().any(|r| r.contains('#')), "spine");
        assert!(s.rows.iter().any(|r| r.contains('%')), "kidneys");
        // The spine runs down the centre column.
        let centre = usize::from(s.width / 2);
        assert!(s.rows.iter().any(|r| r.chars().nth(centre) == Some('#')));
    }
    let hatched = |s: &Sheet| {
        s.rows
            .iter()
            .map(|r| r.chars().filter(|c| matches!(c, '#' | '%')).count())
            .sum::<usize>()
    };
    for a in allowed() {
        for side in SIDES {
            for resting in [false, true] {
                for size in [Size::Large, Size::Small] {
                    let m = Map {
                        resting,
                        ..map(a, side)
                    };
                    let all = cells(&m, size);
                    let no_press = all.iter().filter(|c| c.3 == Role::NoPress).count();
                    // Every hatched cell of the back view is drawn, none is
                    // covered by a target, plus the legend's own mark.
                    let back = match (m.drawing(), size) {
                        (Drawing::Front(_), _) | (_, Size::Small) => &BACK_SMALL,
                        (_, Size::Large) => &BACK,
                    };
                    assert_eq!(no_press, hatched(back) + 1, "{a:?} {side:?} {size:?}");
                    assert!(all.iter().all(|c| c.3 != Role::NoPress || c.2 == '╳'));
                    let legend: String = all
                        .iter()
                        .filter(|c| c.1 == m.extent(size).unwrap().1 - 1)
                        .map(|c| c.2)
                        .collect();
                    assert_eq!(legend.trim_end(), "╳ never press");
                }
            }
        }
    }
}

/// Where the sheet that carries the target sits in a map's cells:
/// `(sheet, column, row)` of its top left corner.
fn target_sheet(a: Area, size: Size) -> (&'static Sheet, u16, u16) {
    match drawing(a) {
        Drawing::Front(_) => (&FRONT, 0, 1),
        _ => {
            let s = if size == Size::Large {
                &BACK
            } else {
                &BACK_SMALL
            };
            let w = map(a, None).extent(size).unwrap().0;
            (s, (w - s.width) / 2, 0)
        }
    }
}

#[test]
fn a_back_view_shows_the_left_on_the_left_and_a_front_view_on_the_right() {
    for a in allowed().filter(|&a| a != Area::WholeBody) {
        for size in [Size::Large, Size::Small] {
            let (sheet, x0, y0) = target_sheet(a, size);
            let inside = |c: &&(u16, u16, char, Role)| {
                (x0..x0 + sheet.width).contains(&c.0) && (y0..y0 + sheet.height()).contains(&c.1)
            };
            let centre = x0 + sheet.width / 2;
            for side in [Side::Left, Side::Right] {
                let all = cells(&map(a, Some(side)), size);
                let word = if side == Side::Left { 'L' } else { 'R' };
                let label = all
                    .iter()
                    .filter(inside)
                    .find(|c| c.2 == word && c.3 == Role::Label)
                    .unwrap();
                let on_left = sheet.facing.left_half() == Some(side);
                assert_eq!(label.0 < centre, on_left, "{a:?} {side:?}: label {word}");
                let xs: Vec<u16> = all
                    .iter()
                    .filter(inside)
                    .filter(|c| c.3 == Role::Target && c.0 != centre)
                    .map(|c| c.0)
                    .collect();
                assert!(!xs.is_empty(), "{a:?} {side:?} {size:?}");
                assert!(
                    xs.iter().all(|&x| (x < centre) == on_left),
                    "{a:?} {side:?} {size:?}: {xs:?}"
                );
            }
        }
    }
    // Spelled out for the common cases: a left buttock is drawn on the left
    // of a back view, a left hip on the right of a front view.
    let glute = cells(&map(Area::Glutes, Some(Side::Left)), Size::Large);
    assert!(
        glute
            .iter()
            .filter(|c| c.3 == Role::Target && c.1 < BACK.height())
            .all(|c| c.0 < BACK.width / 2)
    );
    let hip = cells(&map(Area::HipFlexors, Some(Side::Left)), Size::Large);
    assert!(
        hip.iter()
            .filter(|c| c.3 == Role::Target && (1..=FRONT.height()).contains(&c.1))
            .all(|c| c.0 > FRONT.width / 2)
    );
}

#[test]
fn both_sides_fill_both_halves_and_rests_fill_nothing() {
    for a in allowed().filter(|&a| a != Area::WholeBody) {
        let (sheet, x0, y0) = target_sheet(a, Size::Large);
        let centre = x0 + sheet.width / 2;
        let xs: Vec<u16> = cells(&map(a, None), Size::Large)
            .iter()
            .filter(|c| c.3 == Role::Target && c.1 >= y0 && c.1 < y0 + sheet.height())
            .map(|c| c.0)
            .collect();
        assert!(xs.iter().any(|&x| x < centre), "{a:?}");
        if a == Area::Sacrum {
            // The sacrum is one bone in the middle: its fill spans it.
            assert!(xs.contains(&centre));
        } else {
            assert!(xs.iter().any(|&x| x > centre), "{a:?}");
        }
        let rest = Map {
            resting: true,
            ..map(a, None)
        };
        assert!(
            cells(&rest, Size::Large)
                .iter()
                .all(|c| c.3 != Role::Target)
        );
    }
}

#[test]
fn legends_name_the_tool_and_the_side() {
    let first_line = |m: &Map, size| -> String {
        let all = cells(m, size);
        let y = m.extent(size).unwrap().1 - 2;
        all.iter()
            .filter(|c| c.1 == y)
            .map(|c| c.2)
            .collect::<String>()
    };
    let m = map(Area::Glutes, Some(Side::Left));
    assert_eq!(
        first_line(&m, Size::Large).trim_end(),
        "█ tennis ball, left"
    );
    assert_eq!(first_line(&m, Size::Small).trim_end(), "█ tennis ball");
    let m = Map {
        tool: Tool::Partner,
        ..map(Area::Sacrum, None)
    };
    assert_eq!(first_line(&m, Size::Large).trim_end(), "█ partner's hands");
    let whole = map(Area::WholeBody, None);
    assert_eq!(first_line(&whole, Size::Large).trim_end(), "whole body");
    let none = Map {
        area: None,
        ..whole
    };
    assert_eq!(first_line(&none, Size::Large).trim_end(), "no target");
    for t in Tool::ALL {
        let m = Map {
            tool: t,
            ..map(Area::Glutes, Some(Side::Right))
        };
        let (w, _) = m.extent(Size::Large).unwrap();
        assert!(w <= 29, "{t:?}: the legend widens the figure to {w}");
        assert!(first_line(&m, Size::Large).contains(tool_words(t)));
    }
}

#[test]
fn text_lines_have_no_escape_codes_unless_asked() {
    let m = map(Area::Piriformis, Some(Side::Right));
    let plain = text_lines(&m, Size::Large, false);
    assert!(plain.iter().all(|l| !l.contains('\x1b')));
    assert!(plain.iter().any(|l| l.contains('█')) && plain.iter().any(|l| l.contains('╳')));
    assert!(plain.iter().all(|l| l == l.trim_end()));
    let coloured = text_lines(&m, Size::Large, true);
    assert!(coloured.iter().any(|l| l.contains("\x1b[1;31m╳")));
    assert!(coloured.iter().any(|l| l.contains("\x1b[1;32m█")));
    insta::assert_snapshot!("text_piriformis_right", plain.join("\n"));
}

// ---- wrapping: the step screen decides with this count where text goes ----

/// Rows ratatui's `Paragraph` (trim on) takes for `text` at `width`: the
/// row a marker line after it lands on.
fn rendered_rows(text: &str, width: u16) -> u16 {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, 200));
    let lines = vec![Line::raw(text.to_string()), Line::raw("@")];
    ratatui::widgets::Widget::render(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        buf.area,
        &mut buf,
    );
    (0..200)
        .find(|&y| buf[(0, y)].symbol() == "@")
        .expect("the marker is drawn")
}

#[test]
fn wrapped_rows_counts_like_ratatui_on_the_bundled_instructions() {
    for (name, src) in BUNDLED {
        let r = load_str(src, name).unwrap();
        for step in &r.steps {
            let lines = step
                .position
                .iter()
                .map(|p| format!("Position: {p}"))
                .chain(step.instructions.iter().map(|i| format!("• {i}")));
            for line in lines {
                for width in (10..80).step_by(3) {
                    assert_eq!(
                        wrapped_rows(line.chars(), width),
                        rendered_rows(&line, width),
                        "{line:?} at {width}"
                    );
                }
            }
        }
    }
}

proptest! {
    // Wide characters are left out: a word of them wider than the line
    // makes ratatui 0.30 itself index outside the buffer.
    #[test]
    fn wrapped_rows_counts_like_ratatui(
        text in "[a-z ]{0,6}([a-zé\u{a0} ]{1,12} {0,3}){0,12}",
        width in 1u16..40,
    ) {
        prop_assert_eq!(wrapped_rows(text.chars(), width), rendered_rows(&text, width));
    }
}

// ---- on the step screen ----

fn session(instructions: &str) -> (Session, Instant) {
    let src = format!(
        r#"
name = "map"
summary = "t"
[defaults]
prepare = "10s"
[[steps]]
title = "Ball hold"
kind = "hold"
area = "glutes"
tool = "tennis-ball"
position = "On your back, knees bent."
instructions = [{instructions}]
duration = "45s"
sides = "both"
"#
    );
    let routine = load_str(&src, "t.toml").unwrap();
    let t0 = Instant::now();
    let (s, _) = Session::start(Cleared::for_session_tests(routine), None, None, t0);
    (s, t0)
}

/// A hold 15 s in, with the given area, side and tool.
fn hold_view(area: Option<Area>, side: Option<Side>, instructions: &str) -> View {
    let (mut s, t0) = session(instructions);
    s.tick(t0 + Duration::from_secs(10));
    let mut v = s.view(t0 + Duration::from_secs(25));
    assert_eq!(v.kind, SegmentKind::Active(Kind::Hold));
    v.area = area;
    v.side = side;
    v
}

const SHORT: &str =
    r#""Let the ball find a tender spot.", "Breathe; never push through sharp pain.""#;
const LONG: &str = r#"
  "Shift your weight until the ball finds a tender spot.",
  "Stay there and breathe. Let the ache fade, do not push through it.",
  "Use your arms and legs to take weight off if it is too strong.",
"#;

fn status(theme: Theme) -> Status {
    Status {
        sound: Sound::On,
        theme,
        trend: None,
    }
}

fn screen(v: &View, w: u16, h: u16, theme: Theme) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| render(f, v, &status(theme))).unwrap();
    term
}

fn has_figure(term: &Terminal<TestBackend>) -> bool {
    format!("{}", term.backend()).contains("never press")
}

/// The smallest window (fewest rows, then fewest columns) that shows a
/// figure. Below 60x20 the compact view never does (tested below).
fn smallest_with_figure(v: &View) -> (u16, u16) {
    (FULL_HEIGHT..=30)
        .flat_map(|h| (FULL_WIDTH..=100).map(move |w| (w, h)))
        .find(|&(w, h)| has_figure(&screen(v, w, h, Theme::NoColor)))
        .expect("some window shows the figure")
}

fn side_name(side: Option<Side>) -> &'static str {
    side.map_or("both", Side::word)
}

#[test]
fn each_area_and_side_at_80x24_and_the_smallest_size() {
    for a in allowed() {
        for (label, size) in [("80x24", None), ("smallest", Some(()))] {
            let mut shots = String::new();
            for side in SIDES {
                let v = hold_view(Some(a), side, SHORT);
                let (w, h) = match size {
                    None => (80, 24),
                    Some(()) => smallest_with_figure(&v),
                };
                let term = screen(&v, w, h, Theme::NoColor);
                let text = format!("{}", term.backend());
                assert!(has_figure(&term), "{a:?} {side:?} {w}x{h}");
                // The countdown, every word of the text and the stop key stay.
                let words = v
                    .position
                    .iter()
                    .chain(&v.instructions)
                    .flat_map(|l| l.split_whitespace());
                for must in ["HOLD", "███", "x STOP"].into_iter().chain(words) {
                    assert!(
                        text.contains(must),
                        "{a:?} {side:?} {w}x{h}: {must}\n{text}"
                    );
                }
                shots.push_str(&format!("{} side, {w}x{h}\n{text}\n", side_name(side)));
            }
            insta::assert_snapshot!(format!("step_{}_{label}", a.name()), shots);
        }
    }
}

#[test]
fn the_smallest_figure_is_at_the_full_layout_threshold() {
    // Below 60x20 the compact view has no room for a figure.
    let v = hold_view(Some(Area::Glutes), Some(Side::Left), SHORT);
    assert_eq!(smallest_with_figure(&v), (60, 20));
    for (w, h) in [(59, 40), (120, 19), (40, 12)] {
        assert!(!has_figure(&screen(&v, w, h, Theme::NoColor)), "{w}x{h}");
    }
    // The front and back views of the hip side by side need a row and a
    // few columns more.
    let hip = hold_view(Some(Area::HipFlexors), Some(Side::Left), SHORT);
    assert_eq!(smallest_with_figure(&hip), (65, 21));
}

#[test]
fn the_figure_gives_way_to_the_instructions() {
    // At 60x20 these fill the text area: no figure, and no text lost.
    let mut v = hold_view(Some(Area::Glutes), Some(Side::Left), LONG);
    v.position = Some("On your back, knees bent, a tennis ball under one buttock.".into());
    let term = screen(&v, 60, 20, Theme::NoColor);
    let text = format!("{}", term.backend());
    assert!(!has_figure(&term), "{text}");
    assert!(
        text.contains("one buttock.") && text.contains("is too"),
        "{text}"
    );
    // At 80x24 the large figure fits beside the same text.
    let term = screen(&v, 80, 24, Theme::NoColor);
    let text = format!("{}", term.backend());
    assert!(has_figure(&term) && text.contains("L  │╳╳╳╳╳"), "{text}");
    for end in ["tender spot.", "push through", "too strong."] {
        assert!(text.contains(end), "{end}\n{text}");
    }
}

/// Every bundled step at many sizes: when a figure is drawn, every word of
/// the position and the instructions is on screen too.
#[test]
fn no_bundled_step_loses_its_text_to_the_figure() {
    let mut drawn = 0;
    for (name, src) in BUNDLED {
        let r = load_str(src, name).unwrap();
        for step in &r.steps {
            let mut v = hold_view(step.area, Some(Side::Left), SHORT);
            v.title = step.title.clone();
            v.position = step.position.clone();
            v.instructions = step.instructions.clone();
            v.tool = step.tool;
            for (w, h) in [(60, 20), (64, 21), (70, 22), (80, 24), (100, 30), (120, 40)] {
                let term = screen(&v, w, h, Theme::NoColor);
                if !has_figure(&term) {
                    continue;
                }
                drawn += 1;
                let text = format!("{}", term.backend());
                let words = v
                    .position
                    .iter()
                    .chain(&v.instructions)
                    .flat_map(|l| l.split_whitespace());
                for word in words {
                    assert!(
                        text.contains(word),
                        "{name} '{}' {w}x{h}: {word}",
                        step.title
                    );
                }
            }
        }
    }
    assert!(drawn > 100, "figures drawn: {drawn}");
}

#[test]
fn no_press_zones_are_red_with_colour_and_hatched_without() {
    let v = hold_view(Some(Area::Glutes), Some(Side::Left), SHORT);
    for (theme, red, green) in [
        (Theme::Default, Color::Red, Color::Green),
        (Theme::HighContrast, Color::LightRed, Color::LightGreen),
        (Theme::NoColor, Color::Reset, Color::Reset),
    ] {
        let term = screen(&v, 80, 24, theme);
        let buf = term.backend().buffer();
        let hatched: Vec<_> = buf.content().iter().filter(|c| c.symbol() == "╳").collect();
        assert!(hatched.len() > 10, "{theme:?}");
        assert!(hatched.iter().all(|c| c.fg == red), "{theme:?}");
        let filled = buf
            .content()
            .iter()
            .filter(|c| c.symbol() == "█" && c.fg == green)
            .count();
        assert!(filled > 20, "{theme:?}");
    }
}

#[test]
fn check_in_screens_have_no_figure() {
    let (mut s, t0) = session(SHORT);
    s.tick(t0 + Duration::from_secs(110));
    let v = s.view(t0 + Duration::from_secs(111));
    let text = format!("{}", screen(&v, 80, 24, Theme::NoColor).backend());
    assert!(
        text.contains("CHECK-IN") && !text.contains("never press"),
        "{text}"
    );
}

#[test]
fn the_reach_figure_labels_its_five_levels_top_to_bottom() {
    let rows: Vec<u16> = Extent::ALL.iter().map(|&e| reach_row(e)).collect();
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "{rows:?}");
    assert_eq!(rows[0], 0);
    assert_eq!(rows[4], REACH.height() - 1);
    let mut labels = Vec::new();
    paint_reach(|x, y, c, r| {
        if r == Role::Label {
            labels.push((x, y, c));
        }
    });
    assert_eq!(
        labels.iter().map(|l| l.2).collect::<String>(),
        "12345",
        "{labels:?}"
    );
}

#[test]
fn the_reach_figure_sits_beside_the_list_only_when_it_fits() {
    let lines: Vec<Line> = ["Where does it reach?", ""]
        .into_iter()
        .map(Line::raw)
        .chain(
            Extent::ALL
                .iter()
                .map(|e| Line::raw(format!(" {} {}", e.key(), e.words()))),
        )
        .collect();
    let spot = reach_spot(Rect::new(2, 1, 76, 20), &lines, 0).unwrap();
    // " 1 lower back only" is 18 columns wide.
    assert_eq!((spot.x, spot.y), (2 + 18 + REACH_GAP, 3));
    assert!(reach_spot(Rect::new(2, 1, 30, 20), &lines, 0).is_none());
    // Two rows of text above, twelve of figure: fourteen rows, plus any
    // kept free below.
    assert!(reach_spot(Rect::new(2, 1, 76, 14), &lines, 0).is_some());
    assert!(reach_spot(Rect::new(2, 1, 76, 13), &lines, 0).is_none());
    assert!(reach_spot(Rect::new(2, 1, 76, 14), &lines, 1).is_none());
    // Twelve columns of figure end 2 + 18 + 8 + 12 = 40.
    assert!(reach_spot(Rect::new(2, 1, 38, 14), &lines, 0).is_some());
    assert!(reach_spot(Rect::new(2, 1, 37, 14), &lines, 0).is_none());
}
