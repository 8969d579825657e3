//! Reusable touch widgets. Each draws from a [`crate::theme::Look`] and
//! reports what happened; none knows about the app, the pack or files.

pub mod big_button;
pub mod figure;
pub mod keypad;
pub mod photo_tile;
pub mod timeline_slider;

pub use big_button::{BigButton, ButtonKind};
pub use photo_tile::{ImageState, PhotoTile};
pub use timeline_slider::TimelineSlider;
