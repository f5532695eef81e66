//! Progress bars for what the tool waits on: a countdown to a moment (a timelock's end, a
//! submission deadline) and a count of steps (uploads, bootstrap proposals). Drawn on standard
//! error only when it is a terminal, so that scripts and CI logs get the plain lines alone.

use indicatif::{ProgressBar, ProgressStyle};
use std::time::Duration;

/// A bar of `len` steps labelled `what` ("uploading", "bootstrap proposals").
pub fn steps(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{msg:>24} [{bar:30}] {pos}/{len}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    bar
}

/// Sleeps until wall-clock time `until_ms` (ms since 1970), showing a countdown labelled `what`.
pub async fn countdown(until_ms: u64, what: &str) {
    let now = crate::chain::wall_ms();
    if until_ms <= now {
        return;
    }
    let total = until_ms - now;
    let bar = ProgressBar::new(total / 1_000);
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} s") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    loop {
        let now = crate::chain::wall_ms();
        if now >= until_ms {
            break;
        }
        bar.set_position(total.saturating_sub(until_ms - now) / 1_000);
        let step = (until_ms - now).min(500);
        tokio::time::sleep(Duration::from_millis(step)).await;
    }
    bar.finish_and_clear();
}
