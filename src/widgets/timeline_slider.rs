//! A full-width track with a mark for every event and a handle to drag. It
//! labels as many years as fit without overlapping (always the current
//! one), and every event is a tap zone named by its year.

use egui::{Align2, Pos2, Rect, Response, Sense, Stroke, Ui, Vec2, WidgetInfo};

use crate::theme::Look;

/// What the visitor did with the slider this frame.
#[derive(Debug)]
pub struct SliderOutput {
    /// The track's drag response.
    pub response: Response,
    /// While dragging, the fractional event index under the finger.
    pub dragged_to: Option<f32>,
    /// The drag ended this frame: the caller snaps to an event.
    pub released: bool,
    /// An event was tapped (by its year) or chosen by a screen reader.
    pub jumped_to: Option<usize>,
}

/// The slider over `labels` (one per event, such as "1997"), with the
/// handle at `position` (a fractional event index) and `selected` the
/// current event.
pub struct TimelineSlider<'a> {
    labels: &'a [String],
    position: f32,
    selected: usize,
    name: &'a str,
    look: &'a Look,
}

impl<'a> TimelineSlider<'a> {
    /// A slider named `name` for screen readers.
    pub fn new(
        labels: &'a [String],
        position: f32,
        selected: usize,
        name: &'a str,
        look: &'a Look,
    ) -> Self {
        Self {
            labels,
            position,
            selected,
            name,
            look,
        }
    }

    /// The x of event `i` on a track from `left` to `right`.
    fn x_of(&self, i: f32, left: f32, right: f32) -> f32 {
        let n = self.labels.len();
        if n <= 1 {
            (left + right) / 2.0
        } else {
            left + (right - left) * i / (n - 1) as f32
        }
    }

    /// The fractional event index at `x`.
    fn index_at(&self, x: f32, left: f32, right: f32) -> f32 {
        let n = self.labels.len();
        if n <= 1 || right <= left {
            0.0
        } else {
            ((x - left) / (right - left) * (n - 1) as f32).clamp(0.0, (n - 1) as f32)
        }
    }

    /// Draws the slider across the available width.
    pub fn show(self, ui: &mut Ui) -> SliderOutput {
        let look = self.look;
        let height = look.track_height_pt();
        let (rect, response) =
            ui.allocate_exact_size(Vec2::new(ui.available_width(), height), Sense::drag());
        let margin = look.handle_radius_pt() + look.space_medium;
        let track = Track {
            rect,
            left: rect.left() + margin,
            right: rect.right() - margin,
            y: rect.top() + look.handle_radius_pt() + look.space_small,
            margin,
        };
        let asked = self.screen_reader(ui, &response);
        let jumped_to = self.tap_zones(ui, &response, &track).or(asked);
        let dragged_to = if response.dragged() {
            response
                .interact_pointer_pos()
                .map(|p| self.index_at(p.x, track.left, track.right))
        } else {
            None
        };
        if ui.is_rect_visible(rect) {
            self.paint_marks(ui, &track);
            let painter = ui.painter();
            let hx = self.x_of(self.position, track.left, track.right);
            let handle = Pos2::new(hx, track.y);
            let c = &look.colors;
            painter.circle_filled(handle, look.handle_radius_pt(), c.accent);
            let ring = Stroke::new(look.line_pt(), c.on_accent);
            painter.circle_stroke(handle, look.handle_radius_pt(), ring);
        }
        SliderOutput {
            released: response.drag_stopped(),
            response,
            dragged_to,
            jumped_to,
        }
    }

    /// Names the slider for screen readers (its value the current year),
    /// and returns the event their increment or decrement asked for.
    fn screen_reader(&self, ui: &Ui, response: &Response) -> Option<usize> {
        let n = self.labels.len();
        let selected_year = self.labels.get(self.selected).cloned().unwrap_or_default();
        let name = self.name.to_owned();
        let value = self.selected as f64 + 1.0;
        response.widget_info(|| {
            let mut info = WidgetInfo::slider(true, value, name.clone());
            info.current_text_value = Some(selected_year.clone());
            info
        });
        let mut jumped_to = None;
        ui.input(|i| {
            if i.has_accesskit_action_request(response.id, egui::accesskit::Action::Increment) {
                jumped_to = Some((self.selected + 1).min(n.saturating_sub(1)));
            }
            if i.has_accesskit_action_request(response.id, egui::accesskit::Action::Decrement) {
                jumped_to = Some(self.selected.saturating_sub(1));
            }
        });
        jumped_to
    }

    /// One tap zone per event, reaching halfway to its neighbours and
    /// named by its year; returns the event tapped.
    fn tap_zones(&self, ui: &mut Ui, response: &Response, track: &Track) -> Option<usize> {
        let n = self.labels.len();
        let (left, right) = (track.left, track.right);
        let mut jumped_to = None;
        for i in 0..n {
            let x = self.x_of(i as f32, left, right);
            let half = if n <= 1 {
                (right - left) / 2.0 + track.margin
            } else {
                (right - left) / (n - 1) as f32 / 2.0
            };
            let zone = Rect::from_min_max(
                Pos2::new((x - half).max(track.rect.left()), track.rect.top()),
                Pos2::new((x + half).min(track.rect.right()), track.rect.bottom()),
            );
            let zone_response = ui.interact(zone, response.id.with(i), Sense::click());
            let label = self.labels[i].clone();
            let selected = i == self.selected;
            zone_response.widget_info(|| {
                WidgetInfo::selected(egui::Role::Button, true, selected, label.clone())
            });
            if zone_response.clicked() {
                jumped_to = Some(i);
            }
        }
        jumped_to
    }

    /// The track, a tick for every event, and as many years as fit without
    /// overlapping: the current one first (underlined, as position is not
    /// told by colour alone), then any other that has room.
    fn paint_marks(&self, ui: &Ui, track: &Track) {
        let look = self.look;
        let c = &look.colors;
        let painter = ui.painter();
        let line = Stroke::new(look.line_pt(), c.text_muted);
        painter.line_segment(
            [
                Pos2::new(track.left, track.y),
                Pos2::new(track.right, track.y),
            ],
            line,
        );
        let font = look.font(look.small_pt);
        let label_y = track.y + look.handle_radius_pt() + look.space_small;
        let n = self.labels.len();
        let mut taken: Vec<(f32, f32)> = Vec::new();
        let order = std::iter::once(self.selected).chain((0..n).filter(|&i| i != self.selected));
        for i in order.filter(|&i| i < n) {
            let x = self.x_of(i as f32, track.left, track.right);
            let is_current = i == self.selected;
            let color = if is_current { c.text } else { c.text_muted };
            let galley = painter.layout_no_wrap(self.labels[i].clone(), font.clone(), color);
            let w = galley.size().x + look.space_small;
            let span = label_span(x, w, track.rect.left(), track.rect.right());
            let tick_h = look.handle_radius_pt() / if is_current { 1.0 } else { 2.0 };
            let tick = [
                Pos2::new(x, track.y - tick_h),
                Pos2::new(x, track.y + tick_h),
            ];
            painter.line_segment(tick, Stroke::new(look.border_pt(), color));
            if !taken.iter().all(|&(a, b)| span.1 < a || span.0 > b) {
                continue;
            }
            taken.push(span);
            let centre = Pos2::new((span.0 + span.1) / 2.0, label_y + galley.size().y / 2.0);
            let pos = Align2::CENTER_TOP.align_size_within_rect(
                galley.size(),
                Rect::from_center_size(centre, galley.size()),
            );
            painter.galley(pos.min, galley, color);
            if is_current {
                let y = label_y + look.small_pt + look.line_pt();
                let under = [Pos2::new(span.0, y), Pos2::new(span.1, y)];
                painter.line_segment(under, Stroke::new(look.line_pt(), c.accent));
            }
        }
    }
}

/// Where the slider's track lies in its rectangle.
struct Track {
    /// The whole slider.
    rect: Rect,
    /// The track's ends.
    left: f32,
    right: f32,
    /// The track's line.
    y: f32,
    /// From the rectangle's sides to the track's ends.
    margin: f32,
}

/// Where a label `w` wide goes for a mark at `x`: centred on the mark, but
/// moved inwards as far as it must to stay between `left` and `right`, and
/// centred between them if it is wider than they are. Never panics, whatever
/// the label's width (a month's name at the largest text size is wider than
/// the margin beside the first mark).
fn label_span(x: f32, w: f32, left: f32, right: f32) -> (f32, f32) {
    let half = w / 2.0;
    let centre = if w >= right - left {
        (left + right) / 2.0
    } else {
        x.max(left + half).min(right - half)
    };
    (centre - half, centre + half)
}

#[cfg(test)]
mod tests {
    use super::label_span;

    #[test]
    fn a_label_stays_on_the_track_however_wide() {
        // Centred on its mark where there is room.
        assert_eq!(label_span(500.0, 100.0, 0.0, 1000.0), (450.0, 550.0));
        // A wide label by the first mark (the crash of a month's name:
        // min 62.875 > max 60.0) moves right, by the last mark left.
        assert_eq!(label_span(60.0, 125.75, 0.0, 1000.0), (0.0, 125.75));
        assert_eq!(label_span(990.0, 100.0, 0.0, 1000.0), (900.0, 1000.0));
        // Wider than the whole track: centred on it.
        assert_eq!(label_span(10.0, 400.0, 0.0, 300.0), (-50.0, 350.0));
        // Float rounding at the edge (min 503.5862 > max 503.58618).
        let (a, b) = label_span(503.586_2, 7.172_4, 500.0, 507.172_36);
        assert!(a <= b && a.is_finite() && b.is_finite());
        for x in [f32::NAN, f32::INFINITY, -1e30] {
            let (a, b) = label_span(x, 50.0, 0.0, 100.0);
            assert!(a <= b, "{x}: {a} {b}");
        }
    }
}
