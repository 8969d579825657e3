//! The hidden way in for staff: five quick taps in a corner open a PIN pad,
//! and wrong PINs lock it for longer each time.

use std::collections::VecDeque;

/// Counts taps in the admin corner; enough of them quickly enough open the
/// PIN pad.
#[derive(Clone, Debug)]
pub struct CornerTaps {
    needed: usize,
    window_secs: f64,
    taps: VecDeque<f64>,
}

impl Default for CornerTaps {
    /// Five taps within three seconds.
    fn default() -> Self {
        Self::new(5, 3.0)
    }
}

impl CornerTaps {
    /// `needed` taps within `window_secs`.
    pub fn new(needed: usize, window_secs: f64) -> Self {
        Self {
            needed: needed.max(1),
            window_secs,
            taps: VecDeque::new(),
        }
    }

    /// A tap in the corner at `now`; true when it completes the gesture
    /// (which then starts over).
    pub fn tap(&mut self, now: f64) -> bool {
        self.taps.push_back(now);
        while self
            .taps
            .front()
            .is_some_and(|&t| now - t > self.window_secs)
        {
            self.taps.pop_front();
        }
        if self.taps.len() >= self.needed {
            self.taps.clear();
            true
        } else {
            false
        }
    }

    /// A tap anywhere else breaks the sequence.
    pub fn interrupt(&mut self) {
        self.taps.clear();
    }
}

/// Locks the PIN pad after repeated wrong PINs, for longer each time.
#[derive(Clone, Debug, Default)]
pub struct PinLock {
    failures: u32,
    locked_until: f64,
}

/// Wrong PINs allowed before the pad locks.
pub const FREE_ATTEMPTS: u32 = 5;
/// The first lock's length; each further wrong PIN doubles it.
pub const FIRST_LOCK_SECS: f64 = 30.0;
/// The longest lock.
pub const MAX_LOCK_SECS: f64 = 15.0 * 60.0;

/// How long `failures` wrong PINs lock the pad, if they do.
fn lock_secs(failures: u32) -> Option<f64> {
    (failures >= FREE_ATTEMPTS).then(|| {
        let doublings = (failures - FREE_ATTEMPTS).min(16);
        (FIRST_LOCK_SECS * f64::from(1u32 << doublings)).min(MAX_LOCK_SECS)
    })
}

impl PinLock {
    /// Seconds the pad stays locked from `now`, or `None` if a PIN may be
    /// tried.
    pub fn locked_for(&self, now: f64) -> Option<f64> {
        (now < self.locked_until).then_some(self.locked_until - now)
    }

    /// A wrong PIN at `now`. From the fifth on, the pad locks: 30 s, then
    /// 60 s, 120 s, … up to 15 minutes.
    pub fn failed(&mut self, now: f64) {
        self.failures = self.failures.saturating_add(1);
        if let Some(secs) = lock_secs(self.failures) {
            self.locked_until = now + secs;
        }
    }

    /// Takes up the count of wrong PINs stored before a restart: if the pad
    /// was locked, it locks again from `now` for the lock that count earns
    /// (never shorter than before the restart, whatever the clock did).
    pub fn restore(&mut self, failures: u32, now: f64) {
        if failures > self.failures {
            self.failures = failures;
            if let Some(secs) = lock_secs(failures) {
                self.locked_until = self.locked_until.max(now + secs);
            }
        }
    }

    /// The right PIN: the count starts again.
    pub fn succeeded(&mut self) {
        *self = Self::default();
    }

    /// Wrong PINs since the last right one.
    pub fn failures(&self) -> u32 {
        self.failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_quick_taps_open_the_pad() {
        let mut c = CornerTaps::default();
        assert!(!(0..4).any(|i| c.tap(f64::from(i) * 0.5)));
        assert!(c.tap(2.0));
        assert!(!c.tap(2.1), "the gesture starts over after it completes");
    }

    #[test]
    fn slow_or_interrupted_taps_do_not() {
        let mut c = CornerTaps::default();
        assert!(!(0..10).any(|i| c.tap(f64::from(i) * 0.9)));
        let mut c = CornerTaps::default();
        for i in 0..4 {
            c.tap(f64::from(i) * 0.1);
        }
        c.interrupt();
        assert!(!c.tap(0.5));
    }

    #[test]
    fn wrong_pins_lock_with_a_growing_back_off() {
        let mut lock = PinLock::default();
        for i in 0..4 {
            lock.failed(f64::from(i));
            assert_eq!(lock.locked_for(f64::from(i)), None);
        }
        lock.failed(10.0);
        assert_eq!(lock.locked_for(10.0), Some(30.0));
        assert_eq!(lock.locked_for(40.0), None);
        lock.failed(40.0);
        assert_eq!(lock.locked_for(40.0), Some(60.0));
        for _ in 0..40 {
            lock.failed(100.0);
        }
        assert_eq!(lock.locked_for(100.0), Some(MAX_LOCK_SECS));
        lock.succeeded();
        assert_eq!((lock.failures(), lock.locked_for(100.0)), (0, None));
    }
}
