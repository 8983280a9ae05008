//! Progress of a long listing, on stderr.
//!
//! Shown only when stdout is a terminal (a person is watching) and the listing spans
//! several pages. On a terminal stderr the line is redrawn in place and cleared before
//! each batch of table lines, so that the two never mix; otherwise one line per page.

use std::io::{self, IsTerminal, Write};

/// Counts pages and items of a listing and reports them on stderr.
#[derive(Debug)]
pub struct Progress {
    enabled: bool,
    in_place: bool,
    drawn: bool,
    pages: u32,
    items: u64,
}

impl Progress {
    /// Progress that is shown when `enabled`.
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled,
            in_place: io::stderr().is_terminal(),
            drawn: false,
            pages: 0,
            items: 0,
        }
    }

    /// Records one page of `items` out of `total` (the server's count).
    pub fn page(&mut self, items: usize, total: u64) {
        self.pages += 1;
        self.items += items as u64;
        if !self.enabled {
            return;
        }
        let text = status(self.pages, self.items, total);
        let mut err = io::stderr().lock();
        // Progress is best effort: a closed stderr must not stop the listing.
        let _ = if self.in_place {
            self.drawn = true;
            write!(err, "\r\x1b[2K{text}")
        } else {
            writeln!(err, "{text}")
        };
        let _ = err.flush();
    }

    /// Removes the in-place line before other output goes to the terminal.
    pub fn clear(&mut self) {
        if self.drawn {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
            self.drawn = false;
        }
    }

    /// Items seen so far.
    pub fn items(&self) -> u64 {
        self.items
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

/// `page 3: 60 of 123 keypairs`.
fn status(pages: u32, items: u64, total: u64) -> String {
    format!("page {pages}: {items} of {total} keypairs")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pages_and_items() {
        let mut progress = Progress::new(false);
        progress.page(20, 45);
        progress.page(20, 45);
        progress.page(5, 45);
        assert_eq!((progress.pages, progress.items()), (3, 45));
        assert_eq!(status(3, 45, 45), "page 3: 45 of 45 keypairs");
    }
}
