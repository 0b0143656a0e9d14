//! A large countdown drawn with block characters, readable from the floor.
//! Each glyph is 3 cells wide and 5 rows tall; a colon is 1 cell wide.

use ratatui::text::Line;

const ROWS: usize = 5;

fn glyph(c: char) -> [&'static str; ROWS] {
    match c {
        '0' => ["███", "█ █", "█ █", "█ █", "███"],
        '1' => [" ██", "  █", "  █", "  █", "  █"],
        '2' => ["███", "  █", "███", "█  ", "███"],
        '3' => ["███", "  █", "███", "  █", "███"],
        '4' => ["█ █", "█ █", "███", "  █", "  █"],
        '5' => ["███", "█  ", "███", "  █", "███"],
        '6' => ["███", "█  ", "███", "█ █", "███"],
        '7' => ["███", "  █", "  █", "  █", "  █"],
        '8' => ["███", "█ █", "███", "█ █", "███"],
        '9' => ["███", "█ █", "███", "  █", "███"],
        ':' => [" ", "█", " ", "█", " "],
        _ => ["   ", "   ", "   ", "   ", "   "],
    }
}

/// The rows of `text` in big digits, one space between glyphs.
pub fn big(text: &str) -> Vec<Line<'static>> {
    (0..ROWS)
        .map(|r| {
            let row: Vec<&str> = text.chars().map(|c| glyph(c)[r]).collect();
            Line::from(row.join(" "))
        })
        .collect()
}

/// Width in cells of `text` drawn by [`big`].
pub fn width(text: &str) -> u16 {
    let glyphs: u16 = text.chars().map(|c| if c == ':' { 1 } else { 3 }).sum();
    glyphs + text.chars().count().saturating_sub(1) as u16
}

pub const HEIGHT: u16 = ROWS as u16;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_matches_rendered_rows() {
        for t in ["0:45", "10:00", "1:02:03"] {
            for line in big(t) {
                assert_eq!(line.width() as u16, width(t), "{t}");
            }
        }
    }
}
