//! A time budget per file: checking stops when it is spent, and the file gets
//! an `input-timeout` finding instead of stalling a batch. The stages call
//! [`check`] at points that bound the work between two calls.

use std::cell::Cell;
use std::time::{Duration, Instant};

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// The payload a spent budget unwinds with; the engine catches it.
#[derive(Debug, Clone, Copy)]
pub struct Timeout;

/// The budget of the file being checked on this thread, until dropped.
pub struct Budget {
    previous: Option<Instant>,
}

impl Budget {
    pub fn start(limit: Option<Duration>) -> Budget {
        let deadline = limit.and_then(|l| Instant::now().checked_add(l));
        Budget {
            previous: DEADLINE.replace(deadline),
        }
    }
}

impl Drop for Budget {
    fn drop(&mut self) {
        DEADLINE.set(self.previous);
    }
}

/// Stop the file's checking if its budget is spent.
#[inline]
pub fn check() {
    if let Some(deadline) = DEADLINE.get()
        && Instant::now() > deadline
    {
        std::panic::panic_any(Timeout);
    }
}
