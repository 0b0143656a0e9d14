//! The body map: where a step's hands or tool go, on which side, and where
//! never to press; and the leg with the five levels the reach question
//! asks about.
//!
//! Figures are hand-laid glyphs kept as `&'static` masks, drawn cell by
//! cell straight into ratatui's buffer: no allocation per frame, and every
//! part can be told apart without colour. The target is solid (`█`), the
//! no-press zones (the spine with the bony ridge beside it, and the kidney
//! zone under the lowest ribs) are hatched (`╳`, red where colour is on),
//! the outline is thin box-drawing lines. A braille or half-block `Canvas`
//! gives smoother curves but one colour per cell and no patterns, so with
//! `NO_COLOR` the target, the no-press zones and the outline would look the
//! same; it also builds its grid on every draw.
//!
//! **Mirroring.** A back view shows the person as someone standing behind
//! them sees them: their left is on the left of the screen, their right on
//! the right, not swapped as in a mirror. The front view of the hip (for
//! the hip-flexor release) shows the person facing us, so their left is on
//! the right of the screen. Every back and front view writes `L` and `R`
//! on the halves they stand for, and the tests check that a left-side
//! target lands on the `L` half of each.
//!
//! Mask codes: `#` spine and bony ridge, `%` kidney zone (both no-press),
//! `L`/`R` side labels, lowercase letters the regions a step can target
//! (see [`drawing`]), a space nothing, anything else outline.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::Theme;
use crate::routine::{Area, Side, Tool};
use crate::vocab::Extent;

/// Which way a figure faces the viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facing {
    /// Seen from behind: the person's left is on the left.
    Back,
    /// Seen from the front: the person's left is on the right.
    Front,
    /// Seen from the side: no left or right.
    Profile,
}

impl Facing {
    /// The person's side shown on the viewer's left half.
    pub fn left_half(self) -> Option<Side> {
        match self {
            Facing::Back => Some(Side::Left),
            Facing::Front => Some(Side::Right),
            Facing::Profile => None,
        }
    }
}

/// One hand-laid figure: rows of mask codes, all `width` cells wide.
#[derive(Debug)]
pub struct Sheet {
    pub rows: &'static [&'static str],
    pub width: u16,
    pub facing: Facing,
}

impl Sheet {
    pub fn height(&self) -> u16 {
        self.rows.len() as u16
    }
}

/// The lower trunk, buttocks and thighs from behind, 27 x 10.
/// Regions: `p` paraspinals, `l` the rest of the lower back, `s` sacrum,
/// `u` upper buttocks, `r` piriformis, `g` the rest of the buttocks,
/// `h` hamstrings, `t` the rest of the thighs.
pub const BACK: Sheet = Sheet {
    rows: &[
        "L  │%%%%%ppp###ppp%%%%%│  R",
        "   │lllllppp###ppplllll│   ",
        "  ╱llllllppp###pppllllll╲  ",
        " │uuuuuuuu╲sssss╱uuuuuuuu│ ",
        " │gggrrrrrr╲sss╱rrrrrrggg│ ",
        " │rrrrrrgggg╲s╱ggggrrrrrr│ ",
        " │ggggggggggg│ggggggggggg│ ",
        " │╰gggggggg╯ │ ╰gggggggg╯│ ",
        "  │tthhhhhtt│ │tthhhhhtt│  ",
        "  │tthhhhhtt│ │tthhhhhtt│  ",
    ],
    width: 27,
    facing: Facing::Back,
};

/// The same from behind, 13 x 6, for small windows and beside the front view.
pub const BACK_SMALL: Sheet = Sheet {
    rows: &[
        "L│%%p###p%%│R",
        " │llp###pll│ ",
        "╱uuu╲sss╱uuu╲",
        "│grrr╲s╱rrrg│",
        "│rrggg│gggrr│",
        " │thht│thht│ ",
    ],
    width: 13,
    facing: Facing::Back,
};

/// The hips from the front, 13 x 6: `◦` the bony points at the front of the
/// hip, `f` the hip flexors just inside them, above the groin crease.
pub const FRONT: Sheet = Sheet {
    rows: &[
        "R│    ·    │L",
        " ╱◦       ◦╲ ",
        "│  ff   ff  │",
        "│  ╲     ╱  │",
        "│   ╲   ╱   │",
        " │   │ │   │ ",
    ],
    width: 13,
    facing: Facing::Front,
};

/// What each cell of a figure is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Blank,
    Outline,
    /// `L`, `R`, the reach levels.
    Label,
    /// Where the hands or tool go.
    Target,
    /// Never press here.
    NoPress,
    /// Captions and the legend's words.
    Text,
}

/// What a step's figure shows for an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drawing {
    /// The back view with these regions filled.
    Back(&'static str),
    /// The front view of the hip with these regions filled, beside a back
    /// view that carries the no-press zones.
    Front(&'static str),
    /// The back view with nothing filled: the step works on no one spot.
    NoTarget,
    /// No figure at all (areas validation never lets through).
    None,
}

/// The drawing for an area. No wildcard arm: a new area cannot be added
/// without deciding how it is drawn.
pub fn drawing(area: Area) -> Drawing {
    match area {
        Area::LowerBack => Drawing::Back("lp"),
        Area::Paraspinals => Drawing::Back("p"),
        Area::Glutes => Drawing::Back("ugr"),
        Area::Piriformis => Drawing::Back("r"),
        Area::HipFlexors => Drawing::Front("f"),
        Area::Hamstrings => Drawing::Back("h"),
        Area::Thigh => Drawing::Back("th"),
        Area::Sacrum => Drawing::Back("s"),
        Area::UpperButtocks => Drawing::Back("u"),
        Area::WholeBody => Drawing::NoTarget,
        Area::Spine | Area::LumbarVertebrae | Area::Kidneys => Drawing::None,
    }
}

/// What to draw for one moment of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Map {
    /// The step's area; `None` when the routine does not name one.
    pub area: Option<Area>,
    /// The side being worked; `None` for both sides (or no sides).
    pub side: Option<Side>,
    pub tool: Tool,
    /// A rest: the figure shows nothing to press.
    pub resting: bool,
}

/// The two figure sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// The back view at 27 x 10 (at 80x24 and larger).
    Large,
    /// The back view at 13 x 6 (smaller windows). The hip's front and back
    /// views are the same in both sizes.
    Small,
}

/// Columns between the front and the back view of the hip.
const PAIR_GAP: u16 = 3;
const CAPTION_FRONT: &str = "front";
const CAPTION_BACK: &str = "back";

impl Map {
    /// The drawing now: a rest fills nothing, nor does a step without area.
    fn drawing(&self) -> Drawing {
        match self.area.map(drawing) {
            None => Drawing::NoTarget,
            Some(Drawing::None) => Drawing::None,
            Some(_) if self.resting => Drawing::NoTarget,
            Some(d) => d,
        }
    }

    /// Width and height the figure takes with its legend, or `None` when
    /// this step has no figure.
    pub fn extent(&self, size: Size) -> Option<(u16, u16)> {
        let legend = LEGEND_ROWS;
        let legend_w = self.legend_width(size);
        match self.drawing() {
            Drawing::None => None,
            Drawing::Front(_) => {
                let w = FRONT.width + PAIR_GAP + BACK_SMALL.width;
                Some((w.max(legend_w), 1 + FRONT.height() + legend))
            }
            Drawing::Back(_) | Drawing::NoTarget => {
                let sheet = back(size);
                Some((sheet.width.max(legend_w), sheet.height() + legend))
            }
        }
    }

    /// The first legend line in up to three pieces: the target's mark (and
    /// a space), what goes there, and the side.
    fn legend(&self, size: Size) -> (&'static str, &'static str, &'static str) {
        let drawing = self.drawing();
        let words = match (drawing, self.area) {
            (Drawing::NoTarget, _) if self.resting => "rest: no pressure",
            (Drawing::NoTarget, Some(Area::WholeBody)) => "whole body",
            (Drawing::NoTarget, _) => "no target",
            _ => tool_words(self.tool),
        };
        if !matches!(drawing, Drawing::Back(_) | Drawing::Front(_)) {
            return ("", words, "");
        }
        let side = match (size, self.side) {
            (Size::Small, _) | (_, None) => "",
            (Size::Large, Some(Side::Left)) => ", left",
            (Size::Large, Some(Side::Right)) => ", right",
        };
        ("█ ", words, side)
    }

    fn legend_width(&self, size: Size) -> u16 {
        let (a, b, c) = self.legend(size);
        let first = a.cell_width() + b.cell_width() + c.cell_width();
        first.max(1 + NO_PRESS_WORDS.cell_width())
    }

    /// Visit every cell of the figure and its legend, top left first:
    /// `(column, row, character, role)`, relative to the figure's corner.
    pub fn paint(&self, size: Size, mut put: impl FnMut(u16, u16, char, Role)) {
        let Some((width, _)) = self.extent(size) else {
            return;
        };
        let y = match self.drawing() {
            Drawing::None => return,
            Drawing::Front(codes) => {
                let back_x = FRONT.width + PAIR_GAP;
                text(
                    CAPTION_FRONT,
                    centred(FRONT.width, CAPTION_FRONT),
                    0,
                    &mut put,
                );
                let x = back_x + centred(BACK_SMALL.width, CAPTION_BACK);
                text(CAPTION_BACK, x, 0, &mut put);
                sheet(&FRONT, codes, self.side, 0, 1, &mut put);
                sheet(&BACK_SMALL, "", None, back_x, 1, &mut put);
                1 + FRONT.height()
            }
            Drawing::Back(codes) => {
                let s = back(size);
                sheet(s, codes, self.side, (width - s.width) / 2, 0, &mut put);
                s.height()
            }
            Drawing::NoTarget => {
                let s = back(size);
                sheet(s, "", None, (width - s.width) / 2, 0, &mut put);
                s.height()
            }
        };
        let (mark, words, side) = self.legend(size);
        let mut x = 0;
        if !mark.is_empty() {
            put(0, y, '█', Role::Target);
            put(1, y, ' ', Role::Blank);
            x = 2;
        }
        x = text(words, x, y, &mut put);
        text(side, x, y, &mut put);
        put(0, y + 1, '╳', Role::NoPress);
        text(NO_PRESS_WORDS, 1, y + 1, &mut put);
    }
}

const LEGEND_ROWS: u16 = 2;
/// The second legend line, after its `╳`.
const NO_PRESS_WORDS: &str = " never press";

fn back(size: Size) -> &'static Sheet {
    match size {
        Size::Large => &BACK,
        Size::Small => &BACK_SMALL,
    }
}

/// The legend's words for a tool.
pub fn tool_words(tool: Tool) -> &'static str {
    match tool {
        Tool::Hands => "your hands",
        Tool::TennisBall => "tennis ball",
        Tool::LacrosseBall => "lacrosse ball",
        Tool::FoamRoller => "foam roller",
        Tool::Massager => "massager",
        Tool::Partner => "partner's hands",
        Tool::ColdPack => "cold pack",
        Tool::HeatPack => "heat pack",
        Tool::None => "this area",
    }
}

fn centred(width: u16, s: &str) -> u16 {
    width.saturating_sub(s.cell_width()) / 2
}

/// Put `s` one character per cell from `(x, y)`; returns the column after it.
fn text(s: &str, mut x: u16, y: u16, put: &mut impl FnMut(u16, u16, char, Role)) -> u16 {
    for c in s.chars() {
        put(x, y, c, Role::Text);
        x += 1;
    }
    x
}

/// Put one sheet at `(x0, y0)`, filling `codes` on `side` (both when `None`).
fn sheet(
    s: &Sheet,
    codes: &str,
    side: Option<Side>,
    x0: u16,
    y0: u16,
    put: &mut impl FnMut(u16, u16, char, Role),
) {
    let centre = s.width / 2;
    for (y, row) in s.rows.iter().enumerate() {
        for (x, c) in row.chars().enumerate() {
            let x = x as u16;
            let (c, role) = match c {
                ' ' => (' ', Role::Blank),
                '#' | '%' => ('╳', Role::NoPress),
                'L' | 'R' => (c, Role::Label),
                c if c.is_ascii_lowercase() => {
                    let on_side = match side {
                        None => true,
                        Some(side) => {
                            x == centre || (x < centre) == (Some(side) == s.facing.left_half())
                        }
                    };
                    if on_side && codes.contains(c) {
                        ('█', Role::Target)
                    } else {
                        (' ', Role::Blank)
                    }
                }
                c => (c, Role::Outline),
            };
            put(x0 + x, y0 + y as u16, c, role);
        }
    }
}

/// The lower back and one leg from the side (back to the left, toes to the
/// right), with the five levels of the reach question: `1` lower back, `2`
/// buttock, `3` thigh, `4` below the knee, `5` foot.
pub const REACH: Sheet = Sheet {
    rows: &[
        "1 ──│    │  ",
        "    │    │  ",
        "2 ─╭╯    │  ",
        "   │     │  ",
        "   ╰╮    │  ",
        "3 ──│    │  ",
        "    │   ╭╯  ",
        "    ╰╮  │   ",
        "4 ───│  │   ",
        "     │  │   ",
        "     │  ╰──╮",
        "5 ───╰─────╯",
    ],
    width: 12,
    facing: Facing::Profile,
};

/// The rows one line of text takes in a `Paragraph` wrapped at `width`
/// with `trim: true`. The same steps as ratatui's word wrapper, counting
/// instead of collecting (no allocation), by characters rather than
/// grapheme clusters, and each whitespace character one column wide.
pub fn wrapped_rows(text: impl Iterator<Item = char>, width: u16) -> u16 {
    let max = usize::from(width);
    let mut rows: u16 = 0;
    // The line being filled: whether it holds anything, and its width; the
    // word and the run of whitespace not yet placed on it.
    let (mut line_used, mut line_w) = (false, 0usize);
    let (mut word_n, mut word_w) = (0usize, 0usize);
    let mut space_n = 0usize;
    let mut after_word = false;
    // Like ratatui: control characters are dropped, a no-break space is
    // part of a word, a zero-width space is a place to break.
    for c in text.filter(|c| !c.is_control()) {
        let space = c == '\u{200b}' || (c.is_whitespace() && c != '\u{a0}');
        let w = if space {
            1
        } else {
            c.encode_utf8(&mut [0; 4]).cell_width() as usize
        };
        if w > max {
            continue;
        }
        let overflow = !line_used && (word_w + w > max || space_n + w > max);
        if (after_word && space) || overflow {
            if line_used {
                line_w += space_n;
            }
            line_w += word_w;
            line_used |= word_n > 0;
            (word_n, word_w, space_n) = (0, 0, 0);
        }
        if line_w >= max || (w > 0 && line_w + space_n + word_w >= max) {
            let remaining = max.saturating_sub(line_w);
            rows = rows.saturating_add(1);
            (line_used, line_w) = (false, 0);
            space_n -= space_n.min(remaining);
            if space && space_n == 0 {
                continue;
            }
        }
        if space {
            space_n += 1;
        } else {
            word_n += 1;
            word_w += w;
        }
        after_word = !space;
    }
    if !line_used && word_n == 0 && space_n > 0 {
        rows = rows.saturating_add(1);
    }
    if line_used || word_n > 0 {
        rows = rows.saturating_add(1);
    }
    rows.max(1)
}

/// Columns between the list of levels and the leg: enough that the list's
/// words and the figure's numbers do not read as one line.
pub const REACH_GAP: u16 = 8;

/// Where the reach figure goes beside the list of the five levels that
/// ends `lines` (drawn wrapped in `text`): [`REACH_GAP`] columns right of
/// the list's widest line, its top on the list's first row. `None` when it
/// would not fit inside `text` with `bottom` rows left free below it.
pub fn reach_spot(text: Rect, lines: &[Line], bottom: u16) -> Option<Rect> {
    let first = lines.len().checked_sub(Extent::ALL.len())?;
    let top = lines[..first]
        .iter()
        .map(|l| wrapped_rows(l.spans.iter().flat_map(|s| s.content.chars()), text.width))
        .fold(0, u16::saturating_add);
    let list = lines[first..].iter().map(Line::width).max()?;
    let spot = Rect {
        x: text
            .x
            .saturating_add(u16::try_from(list).ok()?.saturating_add(REACH_GAP)),
        y: text.y.saturating_add(top),
        width: REACH.width,
        height: REACH.height(),
    };
    (spot.right() <= text.right() && spot.bottom().saturating_add(bottom) <= text.bottom())
        .then_some(spot)
}

/// The style of a role in a theme.
pub fn style(role: Role, t: Theme) -> Style {
    match role {
        Role::Blank | Role::Text => Style::default(),
        Role::Outline => t.dim(),
        Role::Label => t.title(),
        Role::Target => t.good(),
        Role::NoPress => t.danger(),
    }
}

/// Draw a step's figure with its legend at the top left of `area`
/// (clipped to it).
pub fn render(map: &Map, size: Size, t: Theme, area: Rect, buf: &mut Buffer) {
    map.paint(size, |x, y, c, role| {
        put(buf, area, x, y, c, style(role, t))
    });
}

/// Draw the reach figure at the top left of `area` (clipped to it).
pub fn render_reach(t: Theme, area: Rect, buf: &mut Buffer) {
    paint_reach(|x, y, c, role| put(buf, area, x, y, c, style(role, t)));
}

fn put(buf: &mut Buffer, area: Rect, x: u16, y: u16, c: char, style: Style) {
    if x < area.width
        && y < area.height
        && let Some(cell) = buf.cell_mut((area.x + x, area.y + y))
    {
        cell.set_char(c).set_style(style);
    }
}

/// Visit every cell of the reach figure, like [`Map::paint`].
pub fn paint_reach(mut put: impl FnMut(u16, u16, char, Role)) {
    for (y, row) in REACH.rows.iter().enumerate() {
        for (x, c) in row.chars().enumerate() {
            let role = match c {
                ' ' => Role::Blank,
                '1'..='5' => Role::Label,
                _ => Role::Outline,
            };
            put(x as u16, y as u16, c, role);
        }
    }
}

/// The row of the reach figure that level `e` labels.
pub fn reach_row(e: Extent) -> u16 {
    let key = char::from(b'0' + e.key());
    REACH
        .rows
        .iter()
        .position(|r| r.starts_with(key))
        .unwrap_or(0) as u16
}

/// A step's figure as lines of text, for `routines show`: plain, or with
/// ANSI colours (`colour`). Trailing blanks are trimmed.
pub fn text_lines(map: &Map, size: Size, colour: bool) -> Vec<String> {
    let Some((w, h)) = map.extent(size) else {
        return Vec::new();
    };
    let mut grid = vec![(' ', Role::Blank); usize::from(w) * usize::from(h)];
    map.paint(size, |x, y, c, role| {
        if x < w && y < h {
            grid[usize::from(y) * usize::from(w) + usize::from(x)] = (c, role);
        }
    });
    grid.chunks(usize::from(w))
        .map(|row| {
            let end = row
                .iter()
                .rposition(|(c, _)| *c != ' ')
                .map_or(0, |i| i + 1);
            let mut line = String::new();
            let mut open = None;
            for &(c, role) in &row[..end] {
                if colour {
                    let code = ansi(role);
                    if code != open {
                        if open.is_some() {
                            line.push_str("\x1b[0m");
                        }
                        if let Some(code) = code {
                            line.push_str(code);
                        }
                        open = code;
                    }
                }
                line.push(c);
            }
            if open.is_some() {
                line.push_str("\x1b[0m");
            }
            line
        })
        .collect()
}

/// The ANSI colour of a role in `routines show` (none for plain cells).
fn ansi(role: Role) -> Option<&'static str> {
    match role {
        Role::Target => Some("\x1b[1;32m"),
        Role::NoPress => Some("\x1b[1;31m"),
        Role::Label => Some("\x1b[1m"),
        Role::Outline => Some("\x1b[2m"),
        Role::Blank | Role::Text => None,
    }
}

#[cfg(test)]
#[path = "body_tests.rs"]
mod tests;
