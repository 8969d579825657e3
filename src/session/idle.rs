//! The idle timeout: after a quiet spell a "still there?" countdown, then a
//! reset that forgets the visitor.

/// Where the idle timer stands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum IdlePhase {
    /// Someone touched the kiosk recently.
    Active {
        /// Seconds until the countdown starts.
        secs_to_countdown: f64,
    },
    /// The "still there?" countdown is running.
    Countdown {
        /// Seconds until the reset.
        secs_left: f64,
    },
    /// The countdown ran out: reset the session.
    Expired,
}

/// Counts quiet time from the last touch.
#[derive(Clone, Debug)]
pub struct IdleTimer {
    timeout_secs: f64,
    countdown_secs: f64,
    last_activity: f64,
}

impl IdleTimer {
    /// A timer that starts the countdown after `timeout_secs` without
    /// activity and expires `countdown_secs` later; `now` counts as activity.
    pub fn new(timeout_secs: f64, countdown_secs: f64, now: f64) -> Self {
        Self {
            timeout_secs,
            countdown_secs,
            last_activity: now,
        }
    }

    /// The visitor did something at `now`: the quiet spell starts again,
    /// and a running countdown is cancelled.
    pub fn touch(&mut self, now: f64) {
        self.last_activity = self.last_activity.max(now);
    }

    /// The phase at `now`.
    pub fn phase(&self, now: f64) -> IdlePhase {
        let quiet = (now - self.last_activity).max(0.0);
        if quiet < self.timeout_secs {
            IdlePhase::Active {
                secs_to_countdown: self.timeout_secs - quiet,
            }
        } else if quiet < self.timeout_secs + self.countdown_secs {
            IdlePhase::Countdown {
                secs_left: self.timeout_secs + self.countdown_secs - quiet,
            }
        } else {
            IdlePhase::Expired
        }
    }

    /// Seconds from `now` until the phase next changes in a way the screen
    /// shows (the countdown's whole seconds), so the app can sleep until then.
    pub fn secs_to_next_change(&self, now: f64) -> Option<f64> {
        match self.phase(now) {
            IdlePhase::Active { secs_to_countdown } => Some(secs_to_countdown),
            IdlePhase::Countdown { secs_left } => {
                let frac = secs_left.fract();
                Some(if frac > 1e-6 { frac } else { 1.0 })
            }
            IdlePhase::Expired => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_down_then_expires() {
        let mut t = IdleTimer::new(90.0, 10.0, 0.0);
        assert_eq!(
            t.phase(30.0),
            IdlePhase::Active {
                secs_to_countdown: 60.0
            }
        );
        assert_eq!(t.phase(92.5), IdlePhase::Countdown { secs_left: 7.5 });
        assert_eq!(t.phase(100.0), IdlePhase::Expired);
        t.touch(95.0);
        assert_eq!(
            t.phase(100.0),
            IdlePhase::Active {
                secs_to_countdown: 85.0
            }
        );
    }

    #[test]
    fn a_stale_touch_never_moves_time_backwards() {
        let mut t = IdleTimer::new(90.0, 10.0, 50.0);
        t.touch(10.0);
        assert_eq!(t.phase(149.0), IdlePhase::Countdown { secs_left: 1.0 });
        assert_eq!(t.phase(150.0), IdlePhase::Expired);
    }

    #[test]
    fn sleeps_until_the_next_visible_change() {
        let t = IdleTimer::new(90.0, 10.0, 0.0);
        assert_eq!(t.secs_to_next_change(40.0), Some(50.0));
        let next = t.secs_to_next_change(92.25).unwrap();
        assert!((next - 0.75).abs() < 1e-9, "{next}");
        assert_eq!(t.secs_to_next_change(93.0), Some(1.0));
        assert_eq!(t.secs_to_next_change(200.0), None);
    }
}
