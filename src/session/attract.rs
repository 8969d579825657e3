//! The attract loop's clock: which slide shows, and how far its entrance has
//! got.

/// A cycle of `count` slides, each shown for `slide_secs`, entering over
/// `transition_secs`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slides {
    /// How many slides the loop has.
    pub count: usize,
    /// Seconds each slide shows.
    pub slide_secs: f64,
    /// Seconds a slide takes to fade in.
    pub transition_secs: f64,
}

/// What the attract loop shows at one moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SlideAt {
    /// The slide showing.
    pub index: usize,
    /// How far its entrance has got, 0.0 to 1.0.
    pub entrance: f64,
    /// Seconds until something on screen next changes: the end of the
    /// entrance while it runs, else the next slide.
    pub secs_to_next_change: f64,
    /// Seconds until the next slide begins.
    pub secs_to_next_slide: f64,
}

impl Slides {
    /// The slide at `elapsed_secs` since the loop started. The loop opens
    /// on its first slide at once (at start, and after an idle reset, the
    /// screen is there straight away); every later slide fades in.
    pub fn at(&self, elapsed_secs: f64) -> SlideAt {
        let slide_secs = self.slide_secs.max(0.1);
        let elapsed = elapsed_secs.max(0.0);
        let cycles = (elapsed / slide_secs).floor();
        let into = elapsed - cycles * slide_secs;
        let index = if self.count == 0 {
            0
        } else {
            (cycles as u64 % self.count as u64) as usize
        };
        let (entrance, secs_to_next_change) =
            if self.transition_secs > 0.0 && into < self.transition_secs && cycles >= 1.0 {
                (into / self.transition_secs, 0.0)
            } else {
                (1.0, slide_secs - into)
            };
        SlideAt {
            index,
            entrance,
            secs_to_next_change,
            secs_to_next_slide: slide_secs - into,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_and_reports_when_to_wake() {
        let s = Slides {
            count: 3,
            slide_secs: 7.0,
            transition_secs: 0.5,
        };
        // The first slide shows at once.
        assert_eq!((s.at(0.0).index, s.at(0.0).entrance), (0, 1.0));
        assert!((s.at(0.25).secs_to_next_change - 6.75).abs() < 1e-9);
        // Later ones fade in.
        assert_eq!(s.at(7.25).index, 1);
        assert!((s.at(7.25).entrance - 0.5).abs() < 1e-9);
        assert_eq!(s.at(7.25).secs_to_next_change, 0.0);
        assert!((s.at(7.25).secs_to_next_slide - 6.75).abs() < 1e-9);
        let settled = s.at(3.0);
        assert_eq!((settled.index, settled.entrance), (0, 1.0));
        assert!((settled.secs_to_next_change - 4.0).abs() < 1e-9);
        assert_eq!(s.at(7.1).index, 1);
        assert_eq!(s.at(21.0).index, 0);
        assert_eq!(s.at(1e12).index, (1e12 / 7.0) as u64 as usize % 3);
    }

    #[test]
    fn copes_with_no_slides_and_no_transition() {
        let s = Slides {
            count: 0,
            slide_secs: 0.0,
            transition_secs: 0.0,
        };
        assert_eq!(s.at(5.0).index, 0);
        assert_eq!(s.at(5.0).entrance, 1.0);
    }
}
