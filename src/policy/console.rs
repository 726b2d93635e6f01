//! Writing to a closed standard output (`rettleiar cite A5 | head -0`):
//! a command that only prints ends quietly, as Unix tools do, instead of
//! failing on the broken pipe.

/// Lets a write to a closed pipe end the process quietly (by SIGPIPE, as
/// `cat` does). Not for `serve`, whose clients may hang up at any time.
pub fn end_quietly_on_closed_stdout() {
    #[cfg(unix)]
    // SAFETY: called at the start of a command, before any other thread
    // runs; it only sets SIGPIPE back to the default action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
