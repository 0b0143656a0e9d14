//! Colours by phase. With `NO_COLOR` (or the no-colour theme) every style
//! keeps only its modifiers, and nothing is told by colour alone: phases
//! and states are always written as words too.

use ratatui::style::{Color, Modifier, Style};

use crate::routine::plan::SegmentKind;
use crate::vocab::words;

/// The palette in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Default,
    HighContrast,
    NoColor,
}

words! {
    /// Every palette.
    impl Theme {
        const ALL;
        /// The name in the config file (`no-color` is read too: see
        /// `config`).
        fn name;
        /// The theme called `name`, if any.
        fn from_name;
        Default = "default",
        HighContrast = "high-contrast",
        NoColor = "no-colour",
    }
}

impl Theme {
    /// The default theme, unless `NO_COLOR` is set (any non-empty value).
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::NoColor,
            _ => Theme::Default,
        }
    }

    fn fg(self, c: Color) -> Style {
        match self {
            Theme::NoColor => Style::default(),
            Theme::Default => Style::default().fg(c),
            // Bright colours, all bold: readable from the floor and on
            // washed-out screens.
            Theme::HighContrast => Style::default()
                .fg(match c {
                    Color::DarkGray | Color::Gray => Color::White,
                    Color::Green => Color::LightGreen,
                    Color::Yellow => Color::LightYellow,
                    Color::Cyan => Color::LightCyan,
                    Color::Magenta => Color::LightMagenta,
                    Color::Red => Color::LightRed,
                    other => other,
                })
                .add_modifier(Modifier::BOLD),
        }
    }

    /// The accent colour of a phase.
    pub fn phase(self, kind: SegmentKind) -> Style {
        let c = match kind {
            SegmentKind::Prepare => Color::Yellow,
            SegmentKind::Active(_) => Color::Green,
            SegmentKind::SwitchSides => Color::Magenta,
            SegmentKind::Rest => Color::Cyan,
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }

    pub fn paused(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    pub fn danger(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn good(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        match self {
            Theme::NoColor => Style::default(),
            _ => self.fg(Color::Gray),
        }
    }

    pub fn title(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_names_round_trip() {
        crate::vocab::check_words(&Theme::ALL, Theme::name, Theme::from_name);
    }
}
