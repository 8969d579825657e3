//! What the big screen shows from moment to moment, apart from drawing:
//! each new gift celebrated in turn (never two at once, never dropped), the
//! total counting up as each is celebrated, the slides and the languages
//! taking turns, and when the next frame is needed (at most 30 a second
//! while something moves, none while nothing does).

use std::collections::{HashSet, VecDeque};

use crate::pledge::{store::Gift, total::Total};

/// How long one gift is celebrated when it is alone.
pub const CELEBRATE_SECS: f64 = 4.0;
/// The shortest celebration, when many gifts wait (a paddle raise).
pub const MIN_CELEBRATE_SECS: f64 = 1.5;
/// How long the total takes to count up to a new value.
pub const COUNT_UP_SECS: f64 = 1.2;
/// How long a celebration takes to appear.
pub const ENTRANCE_SECS: f64 = 0.4;
/// How long each slide shows between gifts.
pub const SLIDE_SECS: f64 = 10.0;
/// How long each language shows before the next.
pub const LANGUAGE_SECS: f64 = 20.0;
/// The frame interval while something moves: 30 frames a second.
pub const FRAME_SECS: f64 = 1.0 / 30.0;

/// A gift being celebrated.
#[derive(Clone, Debug, PartialEq)]
pub struct Celebration {
    /// The gift.
    pub gift: Gift,
    /// When it began.
    pub started: f64,
    /// How long it lasts.
    pub secs: f64,
}

impl Celebration {
    /// How far it has come in, 0 to 1 (eased).
    pub fn entrance(&self, now: f64) -> f32 {
        let t = ((now - self.started) / ENTRANCE_SECS).clamp(0.0, 1.0);
        (1.0 - (1.0 - t).powi(3)) as f32
    }
}

/// The figure on screen: counting from one value to another.
#[derive(Clone, Copy, Debug, PartialEq)]
struct CountUp {
    from: u64,
    to: u64,
    started: f64,
}

impl CountUp {
    fn value(&self, now: f64) -> (u64, bool) {
        let t = ((now - self.started) / COUNT_UP_SECS).clamp(0.0, 1.0);
        if t >= 1.0 || self.from == self.to {
            return (self.to, false);
        }
        let eased = 1.0 - (1.0 - t).powi(3);
        let (from, to) = (self.from as f64, self.to as f64);
        ((from + (to - from) * eased).round() as u64, true)
    }
}

/// The big screen's moment-to-moment state.
#[derive(Debug, Default)]
pub struct Show {
    seen: HashSet<String>,
    primed: bool,
    queue: VecDeque<Gift>,
    current: Option<Celebration>,
    latest_minor: u64,
    figure: Option<CountUp>,
    slide: usize,
    slide_since: f64,
    locale: usize,
    locale_since: f64,
}

impl Show {
    /// A new reading at `now`. Gifts not seen before wait their turn to be
    /// celebrated, oldest first; those in the first reading are not
    /// celebrated (they were made before the screen started).
    pub fn take(&mut self, total: &Total, now: f64) {
        let fresh: Vec<Gift> = total
            .feed
            .iter()
            .rev()
            .filter(|g| !self.seen.contains(&g.id))
            .cloned()
            .collect();
        for gift in fresh {
            self.seen.insert(gift.id.clone());
            if self.primed {
                self.queue.push_back(gift);
            }
        }
        if !self.primed {
            self.primed = true;
            self.figure = Some(CountUp {
                from: total.stats.event_minor,
                to: total.stats.event_minor,
                started: now,
            });
        }
        self.latest_minor = total.stats.event_minor;
        self.aim(now);
    }

    /// The total to count toward: the latest, less the gifts still waiting
    /// to be celebrated (each adds its amount when its turn comes).
    fn target(&self) -> u64 {
        let waiting: u64 = self.queue.iter().map(|g| g.amount_minor).sum();
        self.latest_minor.saturating_sub(waiting)
    }

    fn aim(&mut self, now: f64) {
        let target = self.target();
        let shown = self.figure(now);
        if self.figure.is_none_or(|f| f.to != target) {
            self.figure = Some(CountUp {
                from: shown,
                to: target,
                started: now,
            });
        }
    }

    /// The total to show at `now`.
    pub fn figure(&self, now: f64) -> u64 {
        self.figure.map_or(self.latest_minor, |f| f.value(now).0)
    }

    /// Whether the total is counting up (or down) at `now`.
    pub fn counting(&self, now: f64) -> bool {
        self.figure.is_some_and(|f| f.value(now).1)
    }

    /// The gift being celebrated, if any.
    pub fn celebrating(&self) -> Option<&Celebration> {
        self.current.as_ref()
    }

    /// Gifts waiting their turn.
    pub fn waiting(&self) -> usize {
        self.queue.len()
    }

    /// The slide showing (of `count`).
    pub fn slide(&self, count: usize) -> usize {
        if count == 0 { 0 } else { self.slide % count }
    }

    /// The language showing (of `count`).
    pub fn locale(&self, count: usize) -> usize {
        if count == 0 { 0 } else { self.locale % count }
    }

    /// The next language, now (a key pressed).
    pub fn next_locale(&mut self, now: f64) {
        self.locale = self.locale.wrapping_add(1);
        self.locale_since = now;
    }

    /// Moves time on to `now`: ends a celebration whose time is up and
    /// starts the next, turns the slide (only between gifts) and the
    /// language. Returns how long until a frame is next needed: a frame
    /// interval while something moves, else the time to the next change
    /// (`None`: nothing will change until a new reading).
    pub fn tick(&mut self, now: f64, slides: usize, locales: usize) -> Option<f64> {
        if self
            .current
            .as_ref()
            .is_some_and(|c| now >= c.started + c.secs)
        {
            self.current = None;
            // The slides start again after the gifts.
            self.slide_since = now;
        }
        if self.current.is_none()
            && let Some(gift) = self.queue.pop_front()
        {
            let secs = (CELEBRATE_SECS * 3.0 / (self.queue.len() as f64 + 3.0))
                .clamp(MIN_CELEBRATE_SECS, CELEBRATE_SECS);
            self.current = Some(Celebration {
                gift,
                started: now,
                secs,
            });
            self.aim(now);
        }
        if self.current.is_none() && slides > 1 && now >= self.slide_since + SLIDE_SECS {
            self.slide = (self.slide + 1) % slides;
            self.slide_since = now;
        }
        if locales > 1 && now >= self.locale_since + LANGUAGE_SECS {
            self.locale = (self.locale + 1) % locales;
            self.locale_since = now;
        }
        let counting = self.figure.is_some_and(|f| f.value(now).1);
        let entering = self
            .current
            .as_ref()
            .is_some_and(|c| now < c.started + ENTRANCE_SECS);
        if counting || entering {
            return Some(FRAME_SECS);
        }
        let mut next: Option<f64> = None;
        let mut at = |t: f64| {
            let wait = (t - now).max(FRAME_SECS);
            next = Some(next.map_or(wait, |n| n.min(wait)));
        };
        if let Some(c) = &self.current {
            at(c.started + c.secs);
        } else if slides > 1 {
            at(self.slide_since + SLIDE_SECS);
        }
        if locales > 1 {
            at(self.locale_since + LANGUAGE_SECS);
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pledge::Stats;

    fn gift(id: &str, amount: u64) -> Gift {
        Gift {
            id: id.into(),
            amount_minor: amount,
            name: None,
            paddle: None,
            seq: 0,
        }
    }

    fn total(feed: &[Gift]) -> Total {
        Total {
            stats: Stats {
                event_minor: feed.iter().map(|g| g.amount_minor).sum(),
                event_count: feed.len() as u64,
                ..Stats::default()
            },
            // Newest first, as read.
            feed: feed.iter().rev().cloned().collect(),
            ..Total::default()
        }
    }

    #[test]
    fn gifts_before_the_screen_started_are_not_celebrated_and_new_ones_are_in_turn() {
        let mut show = Show::default();
        show.take(&total(&[gift("a", 100)]), 0.0);
        assert_eq!(show.tick(0.0, 0, 1), None, "nothing moves, nothing is due");
        assert_eq!(show.figure(0.0), 100);
        // Three arrive together: celebrated one after another, oldest
        // first, the total rising by each in its turn.
        show.take(
            &total(&[gift("a", 100), gift("b", 20), gift("c", 30), gift("d", 50)]),
            1.0,
        );
        assert_eq!(show.figure(1.0), 100);
        show.tick(1.0, 0, 1);
        let first = show.celebrating().unwrap().clone();
        assert_eq!(first.gift.id, "b");
        assert_eq!(show.waiting(), 2);
        assert!(first.secs < CELEBRATE_SECS && first.secs >= MIN_CELEBRATE_SECS);
        assert_eq!(show.figure(1.0 + COUNT_UP_SECS), 120);
        let mut order = vec![first.gift.id.clone()];
        let mut now = 1.0;
        while order.len() < 3 {
            now += 0.1;
            show.tick(now, 0, 1);
            if let Some(c) = show.celebrating()
                && order.last() != Some(&c.gift.id)
            {
                order.push(c.gift.id.clone());
            }
        }
        assert_eq!(order, ["b", "c", "d"]);
        now += CELEBRATE_SECS + COUNT_UP_SECS;
        show.tick(now, 0, 1);
        assert!(show.celebrating().is_none());
        assert_eq!(show.figure(now), 200);
        // A gift read twice is celebrated once.
        show.take(
            &total(&[gift("a", 100), gift("b", 20), gift("c", 30), gift("d", 50)]),
            now,
        );
        show.tick(now, 0, 1);
        assert!(show.celebrating().is_none());
    }

    #[test]
    fn frames_come_at_most_thirty_a_second_and_stop_when_nothing_moves() {
        let mut show = Show::default();
        show.take(&total(&[]), 0.0);
        show.take(&total(&[gift("a", 500)]), 1.0);
        assert_eq!(show.tick(1.0, 3, 2), Some(FRAME_SECS));
        // After the count and the entrance, only the celebration's end,
        // then the slides and the language, are due.
        let wait = show.tick(1.0 + COUNT_UP_SECS + 0.01, 3, 2).unwrap();
        assert!(wait > 2.0, "{wait}");
        show.tick(1.0 + CELEBRATE_SECS, 3, 2);
        assert!(show.celebrating().is_none());
        let slide = show.slide(3);
        let wait = show.tick(1.0 + CELEBRATE_SECS + 0.5, 3, 2).unwrap();
        assert!((wait - (SLIDE_SECS - 0.5)).abs() < 1e-6, "{wait}");
        show.tick(1.0 + CELEBRATE_SECS + SLIDE_SECS, 3, 2);
        assert_eq!(show.slide(3), (slide + 1) % 3);
        assert_eq!(show.locale(2), 0);
        show.tick(LANGUAGE_SECS, 3, 2);
        assert_eq!(show.locale(2), 1);
        // One slide and one language: nothing is ever due.
        let mut still = Show::default();
        still.take(&total(&[gift("x", 1)]), 0.0);
        assert_eq!(still.tick(100.0, 1, 1), None);
    }
}
