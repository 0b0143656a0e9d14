//! The interactive `unknot history`: a scroll position ([`Browse`],
//! changed only by [`Browse::apply`]) and a small loop that waits for a
//! key, a resize or a signal and redraws. Keys come from the keymap's
//! table (context `Browse`); the terminal is the app's one
//! [`Screen`], so Ctrl-Z, SIGCONT, SIGTERM, SIGHUP and a panic give it back
//! exactly as during a session.

use std::io;

use crossterm::event::{Event as TermEvent, EventStream};
use futures_util::StreamExt;

use super::terminal::{self, Outside, Screen, Signals, Term};
use crate::history::SessionRow;
use crate::keymap;
use crate::ui::Theme;
use crate::ui::history as view;
use crate::vocab::{Context, Input};

/// Where the table is scrolled to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Browse {
    /// The highlighted session (index into the rows).
    pub selected: usize,
    /// The first session shown.
    pub offset: usize,
}

impl Browse {
    /// Start at the newest session (the last row), with `page` rows shown.
    pub fn new(rows: usize, page: usize) -> Browse {
        let mut b = Browse {
            selected: rows.saturating_sub(1),
            offset: 0,
        };
        b.follow(page);
        b
    }

    /// Keep the highlighted row on screen.
    fn follow(&mut self, page: usize) {
        let page = page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
    }

    /// Apply an input; `true` means leave.
    pub fn apply(&mut self, input: Input, rows: usize, page: usize) -> bool {
        let last = rows.saturating_sub(1);
        match input {
            Input::Quit => return true,
            Input::Up => self.selected = self.selected.saturating_sub(1),
            Input::Down => self.selected = (self.selected + 1).min(last),
            Input::PageUp => self.selected = self.selected.saturating_sub(page.max(1)),
            Input::PageDown => self.selected = (self.selected + page.max(1)).min(last),
            Input::First => self.selected = 0,
            Input::Last => self.selected = last,
            _ => {}
        }
        self.follow(page);
        false
    }
}

/// How many table rows fit on the screen.
fn page(term: &Term) -> io::Result<usize> {
    let size = term.size()?;
    Ok(view::page_rows(view::areas(size.into()).table))
}

/// Show the history until the person leaves (or a signal ends us). A
/// signal that ends it is returned (its number makes the exit code).
pub fn run(rows: &[SessionRow], theme: Theme) -> io::Result<Option<Outside>> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut screen = Screen::enter(false)?;
    rt.block_on(browse(&mut screen, rows, theme))
}

async fn browse(
    screen: &mut Screen,
    rows: &[SessionRow],
    theme: Theme,
) -> io::Result<Option<Outside>> {
    let mut events = EventStream::new();
    let mut signals = Signals::new()?;
    let Some(term) = screen.term() else {
        return Ok(None);
    };
    let mut state = Browse::new(rows.len(), page(term)?);
    loop {
        if let Some(term) = screen.term() {
            term.draw(|f| view::render(f, rows, state.offset, state.selected, theme))?;
        }
        let input = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(TermEvent::Key(key))) => {
                    terminal::panic_if_asked(&key);
                    keymap::decode(key, Context::Browse)
                }
                Some(Ok(TermEvent::Mouse(m))) => keymap::wheel(m.kind, Context::Browse),
                Some(Ok(TermEvent::Resize(width, height))) => {
                    screen.fit(width, height)?;
                    None
                }
                Some(Ok(_)) => None,
                Some(Err(e)) => return gone(&mut signals, Some(e)).await,
                None => return gone(&mut signals, None).await,
            },
            sig = signals.recv() => match sig {
                Outside::Continue => {
                    screen.reenter()?;
                    None
                }
                ending => return Ok(Some(ending)),
            },
        };
        if input == Some(Input::Suspend) {
            screen.suspend()?;
        }
        let Some(term) = screen.term() else {
            return Ok(None);
        };
        let page = page(term)?;
        match input {
            Some(input) if state.apply(input, rows.len(), page) => return Ok(None),
            // A resize or a return keeps the highlighted row in view.
            _ => state.follow(page),
        }
    }
}

/// The terminal failed or hung up: the SIGHUP that usually follows, if it
/// comes within a moment, else the error (or a quiet end).
async fn gone(signals: &mut Signals, error: Option<io::Error>) -> io::Result<Option<Outside>> {
    match (signals.after_terminal_failed().await, error) {
        (Some(sig), _) => Ok(Some(sig)),
        (None, Some(e)) => Err(e),
        (None, None) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(b: &mut Browse, input: Input, rows: usize, page: usize) -> bool {
        b.apply(input, rows, page)
    }

    #[test]
    fn starts_at_the_newest_and_keeps_it_visible() {
        let b = Browse::new(100, 10);
        assert_eq!((b.selected, b.offset), (99, 90));
        assert_eq!(
            Browse::new(0, 10),
            Browse {
                selected: 0,
                offset: 0
            }
        );
    }

    #[test]
    fn scrolling_stays_in_bounds_and_on_screen() {
        let mut b = Browse::new(100, 10);
        assert!(!press(&mut b, Input::Down, 100, 10));
        assert_eq!(b.selected, 99);
        press(&mut b, Input::PageUp, 100, 10);
        assert_eq!((b.selected, b.offset), (89, 89));
        press(&mut b, Input::Up, 100, 10);
        assert_eq!((b.selected, b.offset), (88, 88));
        press(&mut b, Input::First, 100, 10);
        assert_eq!((b.selected, b.offset), (0, 0));
        press(&mut b, Input::Up, 100, 10);
        assert_eq!(b.selected, 0);
        press(&mut b, Input::PageDown, 100, 10);
        assert_eq!((b.selected, b.offset), (10, 1));
        press(&mut b, Input::Last, 100, 10);
        assert_eq!((b.selected, b.offset), (99, 90));
    }

    #[test]
    fn q_escape_and_ctrl_c_leave() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let key = |b: &mut Browse, k: KeyEvent| {
            keymap::decode(k, Context::Browse).is_some_and(|i| b.apply(i, 3, 10))
        };
        let plain = |c| KeyEvent::new(c, KeyModifiers::NONE);
        let mut b = Browse::new(3, 10);
        assert!(key(&mut b, plain(KeyCode::Char('q'))));
        assert!(key(&mut b, plain(KeyCode::Esc)));
        assert!(key(
            &mut b,
            KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
        ));
        assert!(!key(&mut b, plain(KeyCode::Char('x'))));
    }
}
