//! Pause points inside writes, for the crash tests only: built with the feature
//! `crash-points`, which only the CLI's tests turn on, so the program people install has none.
//! With `ZHIBU_CRASH_POINT` naming a point, the process says so on stderr when it gets there
//! and waits to be killed — so a test can kill it exactly between two rows of one write.

/// Waits here for ever when the crash test asked for `name` (test builds only).
#[cfg(feature = "crash-points")]
pub(crate) fn pause(name: &str) {
    if std::env::var("ZHIBU_CRASH_POINT").as_deref() == Ok(name) {
        eprintln!("ZHIBU_CRASH_POINT {name}");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(60));
        }
    }
}

#[cfg(not(feature = "crash-points"))]
#[inline(always)]
pub(crate) fn pause(_name: &str) {}
