//! The interactive `unknot history`: a scroll position ([`Browse`], changed
//! only by [`Browse::key`]) and a small loop that waits for a key, a
//! resize or a signal and redraws. It borrows the session app's terminal
//! helpers, so the terminal is restored on every exit path, panic included.

use std::io;

use crossterm::event::{
    Event as TermEvent, EventStream, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind,
};
use futures_util::StreamExt;
use tokio::signal::unix::{SignalKind, signal};

use crate::app;
use crate::history::SessionRow;
use crate::ui::Theme;
use crate::ui::history as view;

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

    /// Apply a key; `true` means leave.
    pub fn key(&mut self, key: KeyEvent, rows: usize, page: usize) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        let last = rows.saturating_sub(1);
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('q' | 'Q') | KeyCode::Esc => return true,
            KeyCode::Char('c') if ctrl => return true,
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.selected = (self.selected + 1).min(last),
            KeyCode::PageUp => self.selected = self.selected.saturating_sub(page.max(1)),
            KeyCode::PageDown | KeyCode::Char(' ') => {
                self.selected = (self.selected + page.max(1)).min(last)
            }
            KeyCode::Home | KeyCode::Char('g') => self.selected = 0,
            KeyCode::End | KeyCode::Char('G') => self.selected = last,
            _ => {}
        }
        self.follow(page);
        false
    }
}

/// Show the history until the person leaves (or a signal ends us).
pub fn run(rows: &[SessionRow], theme: Theme) -> io::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    app::install_panic_hook();
    let mut term = app::enter_tui()?;
    let result = rt.block_on(browse(&mut term, rows, theme));
    app::restore_terminal();
    result
}

async fn browse(term: &mut app::Term, rows: &[SessionRow], theme: Theme) -> io::Result<()> {
    let mut events = EventStream::new();
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let page = |term: &app::Term| -> io::Result<usize> {
        let size = term.size()?;
        Ok(view::page_rows(view::areas(size.into()).table))
    };
    let mut state = Browse::new(rows.len(), page(term)?);
    loop {
        term.draw(|f| view::render(f, rows, state.offset, state.selected, theme))?;
        tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(TermEvent::Key(key))) => {
                    if state.key(key, rows.len(), page(term)?) {
                        return Ok(());
                    }
                }
                Some(Ok(TermEvent::Mouse(m))) => {
                    // The wheel scrolls like the arrow keys.
                    let code = match m.kind {
                        MouseEventKind::ScrollUp => KeyCode::Up,
                        MouseEventKind::ScrollDown => KeyCode::Down,
                        _ => continue,
                    };
                    state.key(KeyEvent::new(code, KeyModifiers::NONE), rows.len(), page(term)?);
                }
                Some(Ok(TermEvent::Resize(width, height))) => {
                    app::fit(term, width, height)?;
                    state.follow(page(term)?);
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(e),
                None => return Ok(()),
            },
            _ = sigterm.recv() => return Ok(()),
            _ = sighup.recv() => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(b: &mut Browse, code: KeyCode, rows: usize, page: usize) -> bool {
        b.key(KeyEvent::new(code, KeyModifiers::NONE), rows, page)
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
        assert!(!press(&mut b, KeyCode::Down, 100, 10));
        assert_eq!(b.selected, 99);
        press(&mut b, KeyCode::PageUp, 100, 10);
        assert_eq!((b.selected, b.offset), (89, 89));
        press(&mut b, KeyCode::Up, 100, 10);
        assert_eq!((b.selected, b.offset), (88, 88));
        press(&mut b, KeyCode::Home, 100, 10);
        assert_eq!((b.selected, b.offset), (0, 0));
        press(&mut b, KeyCode::Up, 100, 10);
        assert_eq!(b.selected, 0);
        press(&mut b, KeyCode::PageDown, 100, 10);
        assert_eq!((b.selected, b.offset), (10, 1));
        press(&mut b, KeyCode::End, 100, 10);
        assert_eq!((b.selected, b.offset), (99, 90));
    }

    #[test]
    fn q_escape_and_ctrl_c_leave() {
        let mut b = Browse::new(3, 10);
        assert!(press(&mut b, KeyCode::Char('q'), 3, 10));
        assert!(press(&mut b, KeyCode::Esc, 3, 10));
        assert!(b.key(
            KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
            3,
            10
        ));
        assert!(!press(&mut b, KeyCode::Char('x'), 3, 10));
    }
}
