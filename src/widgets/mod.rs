//! Reusable touch widgets. Each draws from a [`crate::theme::Look`] and
//! reports what happened; none knows about the app, the pack or files.

pub mod big_button;
pub mod check;
pub mod figure;
pub mod keyboard;
pub mod keypad;
pub mod misfit;
pub mod photo_tile;
pub mod qr;
pub mod text_field;
pub mod timeline_slider;

pub use big_button::{BigButton, ButtonKind};
pub use check::Check;
pub use photo_tile::{ImageState, PhotoTile};
pub use text_field::TextField;
pub use timeline_slider::TimelineSlider;
