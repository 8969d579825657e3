//! The count-up of a headline figure: from 0 to its value once, easing out.

/// The value to show `now`, for a count that started at `started` (or has
/// not started: 0) and runs `duration_secs`; and whether it is still moving.
pub fn counted(target: u64, started: Option<f64>, now: f64, duration_secs: f32) -> (u64, bool) {
    let Some(started) = started else {
        return (0, false);
    };
    let duration = f64::from(duration_secs);
    if duration <= 0.0 {
        return (target, false);
    }
    let t = ((now - started) / duration).clamp(0.0, 1.0);
    if t >= 1.0 {
        return (target, false);
    }
    let eased = 1.0 - (1.0 - t).powi(3);
    // u64 -> f64 loses precision above 2^53, which no headline needs, and
    // the last frame shows the exact target anyway.
    ((target as f64 * eased).round() as u64, true)
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn counts_up_once_and_lands_exactly() {
        assert_eq!(counted(76_063, None, 5.0, 1.6), (0, false));
        let (mid, moving) = counted(76_063, Some(1.0), 1.8, 1.6);
        assert!(moving && mid > 38_000 && mid < 76_063, "{mid}");
        assert_eq!(counted(76_063, Some(1.0), 2.7, 1.6), (76_063, false));
        assert_eq!(counted(u64::MAX, Some(0.0), 99.0, 1.6), (u64::MAX, false));
        assert_eq!(counted(7, Some(0.0), 0.1, 0.0), (7, false));
    }
}
